"""Concurrent bookings against one contingent (issue 11, section 4): with N desk-days left and
3N members booking at once on free desks, exactly N bookings win and every other attempt gets
ContingentExhausted; nothing more is saved. booking.book locks the contingent's row (SELECT …
FOR UPDATE on PostgreSQL, the IMMEDIATE write transaction on SQLite)."""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from digitalagentur.core import testing as t
from digitalagentur.spaces import booking as svc
from digitalagentur.spaces import pilot
from digitalagentur.spaces.choices import BookingStatus
from digitalagentur.spaces.models import Booking, Contingent, Employer, Space
from digitalagentur.testing.spaces import make_space

DAYS = 5
ATTEMPTS = 3 * DAYS


@pytest.mark.django_db(transaction=True)
def test_concurrent_bookings_never_use_more_than_the_contingent(region, town):
    employer = pilot.create_employer(Employer(region=region, name="Gemeinde Senden"))
    contingent = pilot.create_contingent(
        Contingent(
            employer=employer,
            name="Verwaltung",
            days_per_month=DAYS,
            valid_from=datetime.date(2000, 1, 1),
        )
    )
    members = [t.make_user(f"mitarbeiterin-{n}") for n in range(ATTEMPTS)]
    for member in members:
        pilot.add_member(contingent, member)
    # Three spaces with more desks than attempts: only the contingent can refuse. Spread over
    # several spaces, the attempts do not wait for one space's lock, only for the contingent's.
    spaces = [
        make_space(region, town, units=ATTEMPTS, capacity=ATTEMPTS, in_pilot=True) for _ in range(3)
    ]
    start = (timezone.localtime() + datetime.timedelta(days=3)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    end = start + datetime.timedelta(hours=8)

    barrier = threading.Barrier(ATTEMPTS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(member, space):
        try:
            barrier.wait(timeout=10)
            svc.book(
                Space.objects.get(pk=space.pk),
                member,
                start,
                end,
                contingent=Contingent.objects.get(pk=contingent.pk),
            )
            result = "booked"
        except svc.ContingentExhausted:
            result = "exhausted"
        except Exception as error:  # anything else fails the test below
            result = f"error: {error!r}"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [
        threading.Thread(target=attempt, args=(member, spaces[n % 3]))
        for n, member in enumerate(members)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert sorted(outcomes) == ["booked"] * DAYS + ["exhausted"] * (ATTEMPTS - DAYS)
    bookings = Booking.objects.filter(contingent=contingent)
    assert bookings.count() == DAYS
    assert set(bookings.values_list("status", flat=True)) == {BookingStatus.CONFIRMED}
    # one desk each, none twice
    assert len(set(bookings.values_list("unit_id", flat=True))) == DAYS
    assert len(set(bookings.values_list("booker_id", flat=True))) == DAYS
