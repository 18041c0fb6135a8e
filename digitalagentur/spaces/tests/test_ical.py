"""The secret calendar feeds of Landräume (spaces/ical.py, public/spaces_feeds.py), parsed back
with the icalendar library: a space's feed is free/busy only, a user's feed has their own
bookings of the region only, unknown or renewed tokens answer 404."""

import datetime
import zoneinfo

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from digitalagentur.core import testing as t
from digitalagentur.core.models import ObjectChange
from digitalagentur.spaces import booking as booking_services
from digitalagentur.spaces import ical
from digitalagentur.spaces.choices import BookingMode
from digitalagentur.spaces.models import BookerProfile
from digitalagentur.testing.spaces import make_provider, make_space

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def day(days: int, hour: int, minute: int = 0) -> datetime.datetime:
    """`days` days from now at `hour` o'clock in Berlin."""
    date = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(date, datetime.time(hour, minute), BERLIN)


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, no-cache"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    return icalendar.Calendar.from_ical(response.content)


def space_url(space) -> str:
    return reverse("public:spaces_space_feed", args=[space.feed_token])


def user_url(user) -> str:
    return reverse("public:spaces_user_feed", args=[ical.user_feed_token(user)])


@pytest.fixture
def people(db):
    return {
        "paula": t.make_user(
            "paula", email="paula@example.org", first_name="Paula", last_name="Pendel"
        ),
        "bernd": t.make_user("bernd", email="bernd@example.org", first_name="Bernd"),
    }


@pytest.fixture
def desks(region, town):
    return make_space(region, town, name="ExtraGleis", units=3, capacity=3)


@pytest.fixture
def room(region, town):
    return make_space(region, town, name="Dorfhaus", booking_mode=BookingMode.REQUEST)


def test_the_space_feed_shows_when_it_is_taken_never_by_whom(client, desks, people):
    booking_services.book(desks, people["paula"], day(2, 9), day(2, 12), note="Paula ruft an")
    booking_services.book(desks, people["bernd"], day(2, 10), day(2, 17))
    booking_services.book(desks, people["bernd"], day(3, 8), day(3, 9))
    calendar = parse(client.get(space_url(desks)))
    assert calendar["METHOD"] == "PUBLISH"
    events = sorted(calendar.walk("VEVENT"), key=lambda e: e["DTSTART"].dt)
    assert [(e["DTSTART"].dt, e["DTEND"].dt, str(e["SUMMARY"])) for e in events] == [
        (day(2, 9), day(2, 10), "1 von 3 Plätzen belegt"),
        (day(2, 10), day(2, 12), "2 von 3 Plätzen belegt"),
        (day(2, 12), day(2, 17), "1 von 3 Plätzen belegt"),
        (day(3, 8), day(3, 9), "1 von 3 Plätzen belegt"),
    ]
    assert all(e["DTSTART"].params["TZID"] == "Europe/Berlin" for e in events)
    text = calendar.to_ical().decode()
    for secret in ("Paula", "Pendel", "paula@example.org", "Bernd", "bernd", "ruft an"):
        assert secret not in text
    assert "ATTENDEE" not in text and "ORGANIZER" not in text
    assert "buchung-" not in text  # no booking ids either


def test_a_room_is_simply_belegt_and_requests_and_cancellations_do_not_count(client, room, people):
    taken = booking_services.book(room, people["paula"], day(2, 9), day(2, 12))
    booking_services.confirm(taken, None)
    booking_services.book(room, people["bernd"], day(4, 9), day(4, 12))  # a request only
    cancelled = booking_services.book(room, people["bernd"], day(5, 9), day(5, 12))
    booking_services.confirm(cancelled, None)
    booking_services.cancel(cancelled, people["bernd"], "krank")
    events = parse(client.get(space_url(room))).walk("VEVENT")
    assert [(e["DTSTART"].dt, str(e["SUMMARY"])) for e in events] == [(day(2, 9), "belegt")]


def test_an_empty_feed_is_still_a_valid_calendar_with_its_time_zone(client, room):
    calendar = parse(client.get(space_url(room)))
    assert calendar.walk("VEVENT") == []
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Berlin"
    assert str(calendar["X-WR-CALNAME"]) == "Dorfhaus – belegt"


def test_the_user_feed_has_only_the_users_own_active_bookings(client, desks, room, people):
    own = booking_services.book(desks, people["paula"], day(2, 9), day(2, 12))
    request = booking_services.book(room, people["paula"], day(3, 18), day(3, 20))
    gone = booking_services.book(desks, people["paula"], day(4, 9), day(4, 12))
    booking_services.cancel(gone, people["paula"])
    booking_services.book(desks, people["bernd"], day(2, 9), day(2, 12))
    calendar = parse(client.get(user_url(people["paula"])))
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {ical.booking_uid(own), ical.booking_uid(request)}
    assert events[ical.booking_uid(own)]["STATUS"] == "CONFIRMED"
    assert events[ical.booking_uid(request)]["STATUS"] == "TENTATIVE"
    assert str(events[ical.booking_uid(own)]["SUMMARY"]) == "Buchung: ExtraGleis"
    assert events[ical.booking_uid(own)]["DTSTART"].dt == day(2, 9)
    text = calendar.to_ical().decode()
    assert "bernd" not in text.lower()
    assert "ORGANIZER" not in text and "ATTENDEE" not in text  # a feed is no invitation


def test_the_user_feed_stays_in_its_region(client, region, other_region, people):
    home = make_space(region, t.make_municipality(region, "Billerbeck"), name="Hier")
    away = make_space(other_region, t.make_municipality(other_region, "Dort"), name="Dort")
    booking_services.book(home, people["paula"], day(2, 9), day(2, 12))
    booking_services.book(away, people["paula"], day(2, 9), day(2, 12))
    url = user_url(people["paula"])
    here = parse(client.get(url)).walk("VEVENT")
    there = parse(client.get(url, HTTP_HOST="kreis-b.example.org")).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in here] == ["Buchung: Hier"]
    assert [str(e["SUMMARY"]) for e in there] == ["Buchung: Dort"]
    # A space's feed answers in its own region only.
    assert client.get(space_url(away)).status_code == 404
    assert client.get(space_url(away), HTTP_HOST="kreis-b.example.org").status_code == 200


@pytest.mark.parametrize(
    "token", ["x" * 32, "kurz", "../../etc/passwd", "a" * 65, "%00" * 12, "ÄÖÜ" * 11]
)
def test_unknown_or_malformed_tokens_answer_404(client, room, people, token):
    ical.user_feed_token(people["paula"])
    assert client.get(f"/landraeume/kalender/raum/{token}.ics").status_code == 404
    assert client.get(f"/landraeume/kalender/ich/{token}.ics").status_code == 404


def test_the_profile_is_made_on_demand_once_and_the_token_stays(people):
    assert not BookerProfile.objects.filter(user=people["paula"]).exists()
    token = ical.user_feed_token(people["paula"])
    assert ical.user_feed_token(people["paula"]) == token
    assert BookerProfile.objects.filter(user=people["paula"]).count() == 1
    assert token != ical.user_feed_token(people["bernd"])


def test_renewing_a_token_retires_the_old_address(client, room, people, users):
    old_user_url = user_url(people["paula"])
    old_space_url = space_url(room)
    assert client.get(old_user_url).status_code == 200
    assert client.get(old_space_url).status_code == 200
    new_user_token = ical.renew_user_feed_token(people["paula"])
    new_space_token = ical.renew_space_feed_token(room, user=users["coordinator"])
    assert client.get(old_user_url).status_code == 404
    assert client.get(old_space_url).status_code == 404
    assert client.get(reverse("public:spaces_user_feed", args=[new_user_token])).status_code == 200
    room.refresh_from_db()
    assert room.feed_token == new_space_token
    assert client.get(space_url(room)).status_code == 200
    change = ObjectChange.objects.filter(object_id=room.pk, reason="Kalenderadresse erneuert").get()
    assert change.user == users["coordinator"]
    assert new_space_token not in str(change.changes)


def test_an_inactive_account_has_no_feed(client, people):
    url = user_url(people["paula"])
    people["paula"].is_active = False
    people["paula"].save()
    assert client.get(url).status_code == 404


def test_only_get_and_head(client, room):
    assert client.post(space_url(room)).status_code == 405
    assert client.head(space_url(room)).status_code == 200


def test_busy_segments_merge_equal_counts_and_skip_gaps():
    h = lambda n: datetime.datetime(2030, 1, 7, n, tzinfo=BERLIN)  # noqa: E731
    assert ical.busy_segments([]) == []
    assert ical.busy_segments([(h(8), h(10)), (h(10), h(12))]) == [(h(8), h(12), 1)]
    assert ical.busy_segments([(h(8), h(10)), (h(11), h(12))]) == [
        (h(8), h(10), 1),
        (h(11), h(12), 1),
    ]
    assert ical.busy_segments([(h(8), h(12)), (h(9), h(10)), (h(9), h(10))]) == [
        (h(8), h(9), 1),
        (h(9), h(10), 3),
        (h(10), h(12), 1),
    ]


def test_a_provider_whose_space_is_in_the_feed_sees_nothing_else(client, region, town, people):
    """Two spaces of one provider: each feed has its own times only."""
    provider = make_provider(region, "Gemeinde Senden")
    first = make_space(region, town, provider=provider, name="Saal")
    second = make_space(region, town, provider=provider, name="Foyer")
    booking_services.book(first, people["paula"], day(2, 9), day(2, 12))
    assert len(parse(client.get(space_url(first))).walk("VEVENT")) == 1
    assert parse(client.get(space_url(second))).walk("VEVENT") == []
