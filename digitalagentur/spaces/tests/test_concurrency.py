"""No double booking under concurrency (issue 11, sections 3 and 9): 200 attempts for one slot
from parallel threads, each with its own database connection, leave exactly one booking; on
PostgreSQL the exclusion constraint refuses an overlapping confirmed row even when written
around the services."""

import datetime
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from digitalagentur.core import testing as t
from digitalagentur.spaces import booking as svc
from digitalagentur.spaces.choices import BookingStatus
from digitalagentur.spaces.models import Booking
from digitalagentur.testing.spaces import make_space

ATTEMPTS = 200
# Threads (each holds a database connection); PostgreSQL allows 100 connections by default.
WORKERS = 40


def tomorrow(hour: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def attempt_all(space, users, start, end) -> list[str]:
    barrier = threading.Barrier(WORKERS)

    def attempt(n: int) -> str:
        if n < WORKERS:
            barrier.wait()  # the first wave starts at the same moment
        try:
            svc.book(space, users[n % len(users)], start, end)
            return "booked"
        except svc.AlreadyBooked as refused:
            return refused.message
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return list(pool.map(attempt, range(ATTEMPTS)))


@pytest.mark.django_db(transaction=True)
def test_200_concurrent_attempts_for_one_room_leave_exactly_one_booking(region, town):
    room = make_space(region, town)
    users = [t.make_user(f"person-{n}") for n in range(20)]
    results = attempt_all(room, users, tomorrow(9), tomorrow(12))
    assert results.count("booked") == 1
    refusals = [r for r in results if r != "booked"]
    assert len(refusals) == ATTEMPTS - 1
    assert set(refusals) == {svc.already_booked_message()}
    assert Booking.objects.filter(space=room, status=BookingStatus.CONFIRMED).count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_attempts_for_desks_fill_each_desk_once(region, town):
    desks = make_space(region, town, units=8, capacity=8)
    users = [t.make_user(f"person-{n}") for n in range(8)]
    results = attempt_all(desks, users, tomorrow(9), tomorrow(12))
    assert results.count("booked") == 8
    bookings = Booking.objects.filter(space=desks, status=BookingStatus.CONFIRMED)
    assert sorted(bookings.values_list("unit_id", flat=True)) == sorted(
        desks.units.values_list("pk", flat=True)
    )


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_overlapping_confirmed_rows_on_postgresql(region, town):
    if connection.vendor != "postgresql":
        pytest.skip("the exclusion constraint exists on PostgreSQL; SQLite relies on the lock")
    room = make_space(region, town)
    unit = room.units.get()
    user = t.make_user("p")

    def row(start, end, status=BookingStatus.CONFIRMED):
        return Booking(
            region=region,
            space=room,
            unit=unit,
            booker=user,
            start=start,
            end=end,
            status=status,
            purpose="work",
        )

    row(tomorrow(9), tomorrow(12)).save()
    row(tomorrow(12), tomorrow(13)).save()  # touching is allowed
    row(tomorrow(10), tomorrow(11), BookingStatus.REQUESTED).save()  # requests do not count
    with pytest.raises(IntegrityError), transaction.atomic():
        row(tomorrow(11), tomorrow(14)).save()
    assert Booking.objects.filter(status=BookingStatus.CONFIRMED).count() == 2
