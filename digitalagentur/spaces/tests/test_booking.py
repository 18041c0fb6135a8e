"""Booking services (issue 11, section 3): the rules per space, instant and request spaces,
confirming, declining, cancelling, weekly series all or nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from digitalagentur.core import testing as t
from digitalagentur.core.models import ObjectChange
from digitalagentur.spaces import booking as svc
from digitalagentur.spaces.choices import BookingMode, BookingStatus
from digitalagentur.spaces.models import Booking
from digitalagentur.spaces.timerange import BERLIN
from digitalagentur.testing.spaces import WORKDAYS_8_TO_18, make_space

pytestmark = pytest.mark.django_db

# A fixed "now" (a Wednesday) so that the rules about the past and how far ahead are exact.
NOW = datetime.datetime(2027, 3, 3, 7, 0, tzinfo=BERLIN)


def at(day, hour, minute=0, month=3):
    return datetime.datetime(2027, month, day, hour, minute, tzinfo=BERLIN)


@pytest.fixture
def booker(db):
    return t.make_user("booker")


@pytest.fixture
def room(region, town):
    return make_space(region, town, capacity=12, hours=WORKDAYS_8_TO_18, max_minutes=8 * 60)


def book(space, user, start, end, **kwargs):
    return svc.book(space, user, start, end, now=NOW, **kwargs)


def test_an_instant_space_confirms_and_the_same_time_is_refused(room, booker):
    first = book(room, booker, at(4, 9), at(4, 12))
    assert first.status == BookingStatus.CONFIRMED
    with pytest.raises(svc.AlreadyBooked) as refused:
        book(room, t.make_user("zweite"), at(4, 11), at(4, 13))
    assert "bereits gebucht" in refused.value.message
    assert Booking.objects.count() == 1
    # touching ranges do not overlap
    assert book(room, booker, at(4, 12), at(4, 14)).is_confirmed
    assert book(room, booker, at(4, 8), at(4, 9)).is_confirmed


def test_desks_are_booked_until_every_desk_is_taken(region, town, booker):
    space = make_space(region, town, units=3, capacity=3)
    units = {book(space, booker, at(4, 9), at(4, 12)).unit_id for _ in range(3)}
    assert len(units) == 3
    with pytest.raises(svc.AlreadyBooked):
        book(space, booker, at(4, 10), at(4, 11))


@pytest.mark.parametrize(
    ("start", "end", "field", "text"),
    [
        (at(4, 12), at(4, 12), "end", "nach dem Beginn"),
        (at(4, 12), at(4, 11), "end", "nach dem Beginn"),
        (at(4, 7), at(4, 9), "start", "Öffnungszeiten"),
        (at(6, 9), at(6, 10), "start", "Öffnungszeiten"),  # Saturday
        (at(2, 9), at(2, 10), "start", "Vergangenheit"),
        (at(4, 9), at(4, 9, 10), "end", "mindestens"),
        (at(4, 8), at(4, 17), "end", "höchstens 480"),
        (at(10, 9, month=12), at(10, 10, month=12), "start", "im Voraus"),
        (at(4, 9).replace(tzinfo=None), at(4, 10), "start", "Zeitzone"),
    ],
)
def test_rules_answer_with_a_field_message_and_save_nothing(room, booker, start, end, field, text):
    room.min_minutes = 30
    with pytest.raises(ValidationError) as error:
        book(room, booker, start, end)
    assert any(text in message for message in error.value.message_dict[field])
    assert not Booking.objects.exists()


def test_capacity_purpose_and_closed_periods(room, booker):
    with pytest.raises(ValidationError) as error:
        book(room, booker, at(4, 9), at(4, 10), attendees=13)
    assert "höchstens 12" in error.value.message_dict["attendees"][0]
    with pytest.raises(ValidationError) as error:
        book(room, booker, at(4, 9), at(4, 10), purpose="party")
    assert "purpose" in error.value.message_dict
    svc_closed = room.closed_periods.create(start=at(4, 0), end=at(5, 0), reason="Wartung")
    with pytest.raises(ValidationError) as error:
        book(room, booker, at(4, 9), at(4, 10))
    assert "geschlossen" in error.value.message_dict["start"][0]
    assert book(room, booker, at(5, 9), at(5, 10)).is_confirmed
    assert svc_closed.pk
    assert Booking.objects.count() == 1


def test_requests_do_not_block_each_other_until_one_is_confirmed(region, town, booker):
    hall = make_space(region, town, booking_mode=BookingMode.REQUEST)
    provider = t.make_user("anbieter")
    first = book(hall, booker, at(4, 18), at(4, 20))
    second = book(hall, t.make_user("b2"), at(4, 19), at(4, 21))
    assert first.status == second.status == BookingStatus.REQUESTED
    svc.confirm(first, provider, now=NOW)
    with pytest.raises(svc.AlreadyBooked):
        svc.confirm(second, provider, now=NOW)
    second.refresh_from_db()
    assert second.status == BookingStatus.REQUESTED
    # a new request for a confirmed time is refused at once
    with pytest.raises(svc.AlreadyBooked):
        book(hall, booker, at(4, 18), at(4, 19))
    declined = svc.decline(second, provider, "Schon vergeben")
    assert declined.status == BookingStatus.DECLINED and declined.reason == "Schon vergeben"
    with pytest.raises(ValidationError):
        svc.decline(first, provider, "")
    actions = ObjectChange.objects.filter(
        object_id=first.pk, content_type__model="booking"
    ).values_list("action", flat=True)
    assert sorted(actions) == ["create", "update"]


def test_cancellation_deadline_for_the_booker_not_for_the_provider(room, booker):
    room.cancel_hours = 48
    room.save()
    booking = book(room, booker, at(4, 9), at(4, 12))
    with pytest.raises(ValidationError) as error:
        svc.cancel(booking, booker, now=NOW)
    assert "Stornierungsfrist" in error.value.message_dict["status"][0]
    cancelled = svc.cancel(booking, t.make_user("anb"), "Wasserschaden", as_provider=True, now=NOW)
    assert cancelled.status == BookingStatus.CANCELLED
    # the time is free again
    assert book(room, booker, at(4, 9), at(4, 12)).is_confirmed
    later = book(room, booker, at(10, 9), at(10, 12))
    assert svc.cancel(later, booker, now=NOW).status == BookingStatus.CANCELLED


def test_a_weekly_series_is_all_or_nothing(room, booker):
    other = t.make_user("andere")
    book(room, other, at(18, 10), at(18, 11))  # the third Thursday is taken
    occurrences = svc.check_series(room, at(4, 9), at(4, 12), 4, now=NOW)
    assert [o.problem != "" for o in occurrences] == [False, False, True, False]
    with pytest.raises(svc.SeriesConflict) as conflict:
        svc.book_series(room, booker, at(4, 9), at(4, 12), 4, now=NOW)
    assert "18.03.2027" in conflict.value.message
    assert Booking.objects.filter(booker=booker).count() == 0
    bookings = svc.book_series(room, booker, at(4, 13), at(4, 15), 4, now=NOW)
    assert [timezone.localtime(b.start).day for b in bookings] == [4, 11, 18, 25]
    assert len({b.series_id for b in bookings}) == 1


def test_a_series_across_the_summer_time_switch_keeps_its_local_time(room, booker):
    bookings = svc.book_series(room, booker, at(22, 9), at(22, 12), 2, now=NOW)
    assert [timezone.localtime(b.start, BERLIN).hour for b in bookings] == [9, 9]


def test_bookings_across_midnight_and_the_autumn_switch(region, town, booker):
    always = make_space(region, town, max_days_ahead=365)
    night = book(
        always,
        booker,
        datetime.datetime(2027, 10, 30, 22, tzinfo=BERLIN),
        datetime.datetime(2027, 10, 31, 4, tzinfo=BERLIN),
    )
    assert (night.end - night.start) == datetime.timedelta(hours=7)  # 25-hour night
    repeated = datetime.datetime(2027, 10, 31, 2, 30, tzinfo=BERLIN, fold=1)
    with pytest.raises(svc.AlreadyBooked):
        book(always, booker, repeated, datetime.datetime(2027, 10, 31, 5, tzinfo=BERLIN))
    assert book(
        always,
        booker,
        datetime.datetime(2027, 10, 31, 4, tzinfo=BERLIN),
        datetime.datetime(2027, 10, 31, 6, tzinfo=BERLIN),
    ).is_confirmed


def test_free_spaces_lists_spaces_with_a_free_unit(
    region, town, booker, django_assert_max_num_queries
):
    room = make_space(region, town)
    desks = make_space(region, town, units=2, capacity=2)
    closed = make_space(region, town, hours=WORKDAYS_8_TO_18)
    book(room, booker, at(4, 9), at(4, 10))
    book(desks, booker, at(4, 9), at(4, 10))
    from digitalagentur.spaces.models import Space

    spaces = Space.objects.prefetch_related("units", "opening_hours", "closed_periods")
    with django_assert_max_num_queries(5):
        free = svc.free_spaces(spaces, at(4, 9, 30), at(4, 10))
    assert free == [desks, closed]
    assert svc.free_spaces(spaces, at(6, 9), at(6, 10)) == [room, desks]
