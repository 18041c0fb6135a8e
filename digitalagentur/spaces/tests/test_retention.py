"""Retention (spaces/retention.py): bookings that ended more than
DIGITALAGENTUR_BOOKING_RETENTION_DAYS ago lose the booker, note and reason and their change
log's names and reasons; places, times and counts stay for the aggregated impact."""

import datetime
import sys
import types
import zoneinfo

import pytest
from django.contrib.contenttypes.models import ContentType

from digitalagentur.core import testing as t
from digitalagentur.core.models import ObjectChange
from digitalagentur.spaces import booking as booking_services
from digitalagentur.spaces import retention
from digitalagentur.spaces.choices import BookingMode, BookingStatus
from digitalagentur.spaces.models import BookerProfile, Booking, Place
from digitalagentur.testing.spaces import make_space

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
BOOKED = datetime.datetime(2030, 1, 2, 9, 0, tzinfo=BERLIN)


def at(month, day, hour):
    return datetime.datetime(2030, month, day, hour, tzinfo=BERLIN)


@pytest.fixture
def paula(region):
    user = t.make_user("paula", email="paula@example.org", first_name="Paula")
    home = Place.objects.create(
        region=region, name="Senden", slug="senden", latitude=51.85, longitude=7.48
    )
    work = Place.objects.create(
        region=region, name="Münster", slug="muenster", latitude=51.96, longitude=7.63
    )
    BookerProfile.objects.create(user=user, home_place=home, work_place=work)
    return user


@pytest.fixture
def space(region, town):
    return make_space(region, town, booking_mode=BookingMode.REQUEST)


def book(space, user, start, end, note=""):
    return booking_services.book(space, user, start, end, note=note, now=BOOKED)


def changes_of(booking):
    return ObjectChange.objects.filter(
        content_type=ContentType.objects.get_for_model(Booking), object_id=booking.pk
    )


def test_bookings_past_the_retention_period_are_anonymised_and_others_kept(
    space, paula, settings, users
):
    settings.DIGITALAGENTUR_BOOKING_RETENTION_DAYS = 30
    old = book(space, paula, at(1, 10, 9), at(1, 10, 12), note="Bitte Beamer, Tel. 0171 123")
    booking_services.decline(old, users["coordinator"], "Paula war schon dreimal nicht da")
    recent = book(space, paula, at(1, 20, 9), at(1, 20, 12), note="Mit Kind")
    now = at(2, 15, 12)  # the old one ended 36 days ago, the recent one 26 days ago
    assert retention.anonymise_bookings(now) == 1
    old.refresh_from_db()
    assert old.booker is None
    assert old.note == "" and old.reason == ""
    assert old.anonymised == now
    # What the impact and the usage count stays.
    assert old.home_place.slug == "senden" and old.work_place.slug == "muenster"
    assert (old.start, old.end, old.status) == (at(1, 10, 9), at(1, 10, 12), "declined")
    assert old.space_id == space.pk and old.attendees == 1
    for change in changes_of(old):
        assert change.user is None and change.user_name == "" and change.reason == ""
    assert changes_of(old).count() == 2  # created, declined: what happened stays
    recent.refresh_from_db()
    assert recent.booker == paula and recent.note == "Mit Kind" and recent.anonymised is None
    assert changes_of(recent).get().user == paula


def test_anonymising_twice_changes_nothing_more(space, paula, settings):
    settings.DIGITALAGENTUR_BOOKING_RETENTION_DAYS = 30
    old = book(space, paula, at(1, 10, 9), at(1, 10, 12))
    first = at(2, 15, 12)
    assert retention.anonymise_bookings(first) == 1
    assert retention.anonymise_bookings(first + datetime.timedelta(days=1)) == 0
    old.refresh_from_db()
    assert old.anonymised == first


def test_the_period_counts_from_the_end_of_the_booking(space, paula, settings):
    settings.DIGITALAGENTUR_BOOKING_RETENTION_DAYS = 365
    booking = book(space, paula, at(1, 10, 9), at(1, 10, 12))
    end = booking.end
    assert retention.anonymise_bookings(end + datetime.timedelta(days=365)) == 0
    assert retention.anonymise_bookings(end + datetime.timedelta(days=365, seconds=1)) == 1


def test_many_bookings_go_in_batches(space, paula, settings, monkeypatch):
    settings.DIGITALAGENTUR_BOOKING_RETENTION_DAYS = 1
    monkeypatch.setattr(retention, "BATCH", 2)
    for day in range(3, 8):
        booking_services.cancel(book(space, paula, at(1, day, 9), at(1, day, 12)), paula, "x")
    assert retention.anonymise_bookings(at(3, 1, 0)) == 5
    assert not Booking.objects.filter(anonymised=None).exists()
    assert set(Booking.objects.values_list("status", flat=True)) == {BookingStatus.CANCELLED}
    assert not ObjectChange.objects.filter(
        content_type=ContentType.objects.get_for_model(Booking), user__isnull=False
    ).exists()


def test_other_change_log_rows_are_left_alone(space, paula, settings, users):
    settings.DIGITALAGENTUR_BOOKING_RETENTION_DAYS = 1
    book(space, paula, at(1, 10, 9), at(1, 10, 12))
    space_change = ObjectChange.objects.filter(
        content_type=ContentType.objects.get_for_model(type(space)), object_id=space.pk
    )
    before = list(space_change.values_list("user_name", "reason"))
    retention.anonymise_bookings(at(3, 1, 0))
    assert list(space_change.values_list("user_name", "reason")) == before


def test_the_run_calls_the_registration_clean_up_when_it_exists(db, monkeypatch):
    calls = []
    module = types.ModuleType("digitalagentur.accounts.registration")

    def delete_expired():
        calls.append(1)
        return 4

    module.delete_expired = delete_expired
    monkeypatch.setitem(sys.modules, "digitalagentur.accounts.registration", module)
    import digitalagentur.accounts as accounts

    monkeypatch.setattr(accounts, "registration", module, raising=False)
    assert retention.run() == {"anonymised": 0, "registrations_deleted": 4}
    assert calls == [1]


def test_the_run_does_without_the_registration_clean_up(db, monkeypatch):
    module = types.ModuleType("digitalagentur.accounts.registration")
    monkeypatch.setitem(sys.modules, "digitalagentur.accounts.registration", module)
    import digitalagentur.accounts as accounts

    monkeypatch.setattr(accounts, "registration", module, raising=False)
    assert retention.run() == {"anonymised": 0, "registrations_deleted": None}
