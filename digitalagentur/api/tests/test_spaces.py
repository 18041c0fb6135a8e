"""Landräume API (issue 11, section 6): the space list with its filters and the free search,
and booking through POST /api/v1/bookings/ with its 201, 409 and 400 answers."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from digitalagentur.api.spaces.filters import restore_plus
from digitalagentur.core import testing as t
from digitalagentur.spaces import booking as service
from digitalagentur.spaces import services
from digitalagentur.spaces.choices import BookingMode, BookingStatus, SpaceKind
from digitalagentur.spaces.models import Booking
from digitalagentur.spaces.timerange import BERLIN
from digitalagentur.testing.spaces import WORKDAYS_8_TO_18, make_space

from .conftest import OTHER_HOST

pytestmark = pytest.mark.django_db

SPACES = reverse("api-space-list")
BOOKINGS = reverse("api-booking-list")


def day(offset: int = 3, weekday: int | None = None) -> datetime.date:
    """A date `offset` days ahead (or the first `weekday` at least that far ahead)."""
    date = timezone.localdate() + datetime.timedelta(days=offset)
    while weekday is not None and date.weekday() != weekday:
        date += datetime.timedelta(days=1)
    return date


def at(date: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(date, datetime.time(hour, minute), BERLIN)


def free(api, start, end, **params):
    params = {"free_from": start.isoformat(), "free_until": end.isoformat(), **params}
    response = api.get(SPACES, params)
    assert response.status_code == 200, response.json()
    return {row["slug"] for row in response.json()["results"]}


@pytest.fixture
def booker(region):
    return t.make_user("pendlerin", email="pendlerin@example.org")


@pytest.fixture
def as_booker(client_for, booker):
    return client_for(booker)


def body(space, start, end, **values):
    return {
        "space": space.pk,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "purpose": "work",
        "attendees": 1,
        **values,
    }


# --- the list ---------------------------------------------------------------------------------


def test_space_list_has_the_contract_fields(api, region, town):
    make_space(
        region,
        town,
        slug="extragleis",
        name="ExtraGleis",
        kind=SpaceKind.COWORKING,
        capacity=8,
        units=8,
        amenities=["wlan", "kitchen"],
    )
    response = api.get(SPACES)
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1 and data["next"] is None
    row = data["results"][0]
    assert set(row) == {
        "id",
        "slug",
        "name",
        "kind",
        "municipality",
        "capacity",
        "units",
        "booking_mode",
        "amenities",
    }
    assert row["slug"] == "extragleis" and row["name"] == "ExtraGleis"
    assert row["kind"] == "coworking"
    assert row["municipality"] == "senden"
    assert row["capacity"] == 8 and row["units"] == 8
    assert row["booking_mode"] == "instant"
    assert row["amenities"] == ["wlan", "kitchen"]


def test_only_published_spaces_of_the_region(api, region, town, other_region):
    make_space(region, town, slug="offen")
    hidden = make_space(region, town, slug="entwurf", published=False)
    town_b = t.make_municipality(other_region, "Stadt B", slug="stadt-b")
    elsewhere = make_space(other_region, town_b, slug="anderswo")
    assert [row["slug"] for row in api.get(SPACES).json()["results"]] == ["offen"]
    assert api.get(reverse("api-space-detail", args=[hidden.pk])).status_code == 404
    assert api.get(reverse("api-space-detail", args=[elsewhere.pk])).status_code == 404
    other = api.get(SPACES, HTTP_HOST=OTHER_HOST).json()["results"]
    assert [row["slug"] for row in other] == ["anderswo"]


def test_space_detail_shows_rules_and_opening_hours(api, region, town):
    space = make_space(region, town, slug="saal", hours=WORKDAYS_8_TO_18, street="Markt 1")
    response = api.get(reverse("api-space-detail", args=[space.pk]))
    assert response.status_code == 200
    data = response.json()
    assert data["slug"] == "saal" and data["street"] == "Markt 1"
    assert data["opening_hours"][0] == {"weekday": 0, "opens": "08:00", "closes": "18:00"}
    assert len(data["opening_hours"]) == 5
    assert "bookings" not in data
    assert api.get(reverse("api-space-detail", args=["abc"])).status_code == 404


@pytest.fixture
def assorted(region, town, other_town):
    return {
        "cowork": make_space(
            region,
            town,
            slug="cowork",
            kind=SpaceKind.COWORKING,
            capacity=12,
            units=12,
            amenities=["wlan", "printer"],
        ),
        "saal": make_space(
            region,
            other_town,
            slug="saal",
            kind=SpaceKind.VILLAGE_HALL,
            capacity=80,
            amenities=["kitchen", "stage"],
        ),
        "klein": make_space(region, town, slug="klein", capacity=4, amenities=["wlan"]),
    }


def slugs(api, **params):
    response = api.get(SPACES, params)
    assert response.status_code == 200, response.json()
    return {row["slug"] for row in response.json()["results"]}


def test_filters(api, assorted):
    assert slugs(api) == {"cowork", "saal", "klein"}
    assert slugs(api, municipality="senden") == {"cowork", "klein"}
    assert slugs(api, municipality="havixbeck") == {"saal"}
    assert slugs(api, kind="coworking") == {"cowork"}
    assert slugs(api, kind="village_hall") == {"saal"}
    assert slugs(api, min_capacity=10) == {"cowork", "saal"}
    assert slugs(api, min_capacity=81) == set()
    assert slugs(api, amenity="wlan") == {"cowork", "klein"}
    assert slugs(api, amenity="stage") == {"saal"}
    assert slugs(api, amenity="parking") == set()
    assert slugs(api, amenity="wlan", municipality="senden", min_capacity=5) == {"cowork"}
    assert slugs(api, municipality="", kind="") == {"cowork", "saal", "klein"}


@pytest.mark.parametrize(
    "params",
    [
        {"municipality": "nirgendwo"},
        {"kind": "schloss"},
        {"min_capacity": "0"},
        {"min_capacity": "viele"},
        {"amenity": "pool"},
    ],
)
def test_bad_filter_values_are_400_with_the_parameter_named(api, assorted, params):
    response = api.get(SPACES, params)
    assert response.status_code == 400
    assert set(params) <= set(response.json())
    assert response.json()["detail"].startswith("Ungültige Angaben")


def test_a_municipality_of_another_region_is_400(api, assorted, other_region):
    t.make_municipality(other_region, "Stadt B", slug="stadt-b")
    assert api.get(SPACES, {"municipality": "stadt-b"}).status_code == 400


# --- the free search ------------------------------------------------------------------------


def test_a_confirmed_booking_hides_a_room_but_not_desks_with_one_free(api, region, town, booker):
    room = make_space(region, town, slug="raum", capacity=8)
    desks = make_space(region, town, slug="plaetze", capacity=8, units=8)
    date = day()
    service.book(room, booker, at(date, 10), at(date, 12))
    for _n in range(7):
        service.book(desks, booker, at(date, 10), at(date, 12))
    assert free(api, at(date, 10), at(date, 12)) == {"plaetze"}
    assert free(api, at(date, 11), at(date, 11, 30)) == {"plaetze"}
    # Ranges that only touch do not overlap.
    assert free(api, at(date, 12), at(date, 14)) == {"raum", "plaetze"}
    assert free(api, at(date, 8), at(date, 10)) == {"raum", "plaetze"}
    service.book(desks, booker, at(date, 10), at(date, 12))  # the eighth desk
    assert free(api, at(date, 10), at(date, 12)) == set()
    # Filters combine with the free search.
    assert free(api, at(date, 12), at(date, 14), min_capacity=9) == set()


def test_requests_do_not_hide_a_space(api, region, town, booker):
    make_space(region, town, slug="anfrage", booking_mode=BookingMode.REQUEST)
    space = make_space(region, town, slug="sofort")
    date = day()
    requested = service.book(
        make_space(region, town, slug="zweite", booking_mode=BookingMode.REQUEST),
        booker,
        at(date, 9),
        at(date, 11),
    )
    assert requested.status == BookingStatus.REQUESTED
    cancelled = service.book(space, booker, at(date, 9), at(date, 11))
    service.cancel(cancelled, booker)
    assert free(api, at(date, 9), at(date, 11)) == {"anfrage", "sofort", "zweite"}


def test_opening_hours_and_closed_periods_are_respected(api, region, town):
    make_space(region, town, slug="werktags", hours=WORKDAYS_8_TO_18)
    closed = make_space(region, town, slug="zu")
    monday = day(3, weekday=0)
    services.add_closed_period(closed, at(monday, 0), at(monday + datetime.timedelta(days=1), 0))
    assert free(api, at(monday, 9), at(monday, 11)) == {"werktags"}
    assert free(api, at(monday, 7), at(monday, 9)) == set()  # before opening, and closed
    assert free(api, at(monday, 17), at(monday, 19)) == set()
    saturday = monday + datetime.timedelta(days=5)
    assert free(api, at(saturday, 9), at(saturday, 11)) == {"zu"}
    tuesday = monday + datetime.timedelta(days=1)
    assert free(api, at(tuesday, 8), at(tuesday, 18)) == {"werktags", "zu"}


def test_free_search_understands_any_offset(api, region, town, booker):
    make_space(region, town, slug="raum")
    date = day()
    taken = make_space(region, town, slug="belegt")
    service.book(taken, booker, at(date, 10), at(date, 12))
    utc_start = at(date, 10).astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    utc_end = at(date, 11).astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    found = api.get(SPACES, {"free_from": utc_start, "free_until": utc_end}).json()["results"]
    assert {row["slug"] for row in found} == {"raum"}


def test_free_search_in_the_hour_repeated_in_autumn(api, region, town):
    # 2027-10-31: 03:00 summer time is 02:00 winter time again. 02:30+02:00 to 02:15+01:00 is
    # 45 minutes although the wall clock goes back; compared by wall clock it would be a 400.
    make_space(region, town, slug="immer")
    make_space(region, town, slug="werktags", hours=WORKDAYS_8_TO_18)
    folded = {"free_from": "2027-10-31T02:30:00+02:00", "free_until": "2027-10-31T02:15:00+01:00"}
    response = api.get(SPACES, folded)
    assert response.status_code == 200, response.json()
    # Sunday night: only the space that is always open.
    assert {row["slug"] for row in response.json()["results"]} == {"immer"}
    # The other way round it ends before it begins.
    inverted = {"free_from": folded["free_until"], "free_until": folded["free_from"]}
    response = api.get(SPACES, inverted)
    assert response.status_code == 400
    assert "nach dem Beginn" in " ".join(response.json()["free_until"])


def test_a_raw_plus_in_the_query_string_is_read_as_the_offset(api, region, town, booker):
    make_space(region, town, slug="raum")
    taken = make_space(region, town, slug="belegt")
    date = day()
    service.book(taken, booker, at(date, 9), at(date, 10))
    start, end = at(date, 9).isoformat(), at(date, 10).isoformat()
    assert "+" in start and "+" in end
    # Written by hand without URL encoding: the "+" arrives as a space.
    response = api.get(f"{SPACES}?free_from={start}&free_until={end}")
    assert response.status_code == 200, response.json()
    assert {row["slug"] for row in response.json()["results"]} == {"raum"}
    # An hour later (UTC+01:00 read as "+", not as anything else) both are free.
    later = f"?free_from={at(date, 10).isoformat()}&free_until={at(date, 11).isoformat()}"
    assert {row["slug"] for row in api.get(SPACES + later).json()["results"]} == {
        "raum",
        "belegt",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2027-03-02T09:00 01:00", "2027-03-02T09:00+01:00"),
        ("2027-03-02T09:00:00 02:00", "2027-03-02T09:00:00+02:00"),
        ("2027-03-02T09:00:00.5 0100", "2027-03-02T09:00:00.5+0100"),
        ("20270302T0900 01", "20270302T0900+01"),
        (" 2027-03-02t09:00 01:00 ", "2027-03-02t09:00+01:00"),
        ("2027-03-02T09:00+01:00", "2027-03-02T09:00+01:00"),
        ("2027-03-02T09:00-01:00", "2027-03-02T09:00-01:00"),
        ("2027-03-02 09:00", "2027-03-02 09:00"),  # a space as separator, no offset
        ("2027-03-02 09:00 01:00", "2027-03-02 09:00+01:00"),
    ],
)
def test_restore_plus(text, expected):
    assert restore_plus(text) == expected


def test_a_time_without_offset_stays_refused_with_a_space_separator(api, region, town):
    response = api.get(
        SPACES, {"free_from": "2030-01-07 09:00", "free_until": "2030-01-07 11:00 01:00"}
    )
    assert response.status_code == 400
    assert "Zeitzone" in " ".join(response.json()["free_from"])
    assert "free_until" not in response.json()


@pytest.mark.parametrize(
    ("params", "field", "words"),
    [
        (
            {"free_from": "2030-01-07T09:00", "free_until": "2030-01-07T11:00+01:00"},
            "free_from",
            "Zeitzone",
        ),
        (
            {"free_from": "2030-01-07T09:00+01:00", "free_until": "2030-01-07T11:00"},
            "free_until",
            "Zeitzone",
        ),
        ({"free_from": "morgen", "free_until": "2030-01-07T11:00+01:00"}, "free_from", "ISO 8601"),
        ({"free_from": "2030-01-07T09:00+01:00"}, "free_until", "zusammen"),
        ({"free_until": "2030-01-07T09:00+01:00"}, "free_from", "zusammen"),
        (
            {"free_from": "2030-01-07T11:00+01:00", "free_until": "2030-01-07T11:00+01:00"},
            "free_until",
            "nach dem Beginn",
        ),
        (
            {"free_from": "2030-01-07T11:00+01:00", "free_until": "2030-03-07T11:00+01:00"},
            "free_until",
            "31 Tage",
        ),
        (
            {"free_from": "0001-01-01T00:30+01:00", "free_until": "0001-01-02T00:00+01:00"},
            "free_from",
            "Bereich",
        ),
    ],
)
def test_bad_free_ranges_are_400_in_german(api, assorted, params, field, words):
    response = api.get(SPACES, params)
    assert response.status_code == 400
    data = response.json()
    assert field in data
    assert words in " ".join(data[field])


def test_the_free_search_costs_the_same_number_of_queries_for_more_spaces(
    api, region, town, other_town, booker
):
    date = day()

    def add(n):
        for i in range(n):
            space = make_space(region, town if i % 2 else other_town, units=3, capacity=3)
            services.add_closed_period(space, at(date, 20), at(date, 22))
            service.book(space, booker, at(date, 9), at(date, 10))

    def count():
        with CaptureQueriesContext(connection) as queries:
            found = free(api, at(date, 9), at(date, 11), amenity="", municipality="senden")
        return len(queries), found

    add(2)
    few, found_few = count()
    add(12)
    many, found_many = count()
    assert len(found_many) == 7 > len(found_few) == 1
    assert many == few, (few, many)


# --- booking ----------------------------------------------------------------------------------


def test_instant_booking_is_201_confirmed_in_berlin_time(as_booker, region, town, booker):
    space = make_space(region, town)
    date = day()
    start_utc = at(date, 10).astimezone(datetime.UTC)
    response = as_booker.post(
        BOOKINGS,
        body(space, start_utc, start_utc + datetime.timedelta(hours=2), attendees=3),
        format="json",
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert {"id", "space", "start", "end", "status"} <= set(data)
    assert data["status"] == "confirmed" and data["space"] == space.pk
    assert data["start"] == at(date, 10).isoformat()  # Europe/Berlin, with its offset
    assert data["end"] == at(date, 12).isoformat()
    assert data["start"][-6:] in ("+01:00", "+02:00")
    saved = Booking.objects.get(pk=data["id"])
    assert saved.booker == booker and saved.attendees == 3 and saved.start == start_utc
    assert response["Location"].endswith(reverse("api-booking-detail", args=[saved.pk]))


def test_request_space_answers_requested(as_booker, region, town):
    space = make_space(region, town, booking_mode=BookingMode.REQUEST)
    date = day()
    response = as_booker.post(
        BOOKINGS, body(space, at(date, 10), at(date, 12), note="Mit Beamer"), format="json"
    )
    assert response.status_code == 201
    assert response.json()["status"] == "requested"
    assert Booking.objects.get().note == "Mit Beamer"


def test_already_booked_is_409_with_a_german_detail(as_booker, region, town, users):
    space = make_space(region, town)
    date = day()
    service.book(space, users["reader"], at(date, 10), at(date, 12))
    response = as_booker.post(BOOKINGS, body(space, at(date, 11), at(date, 13)), format="json")
    assert response.status_code == 409
    assert "bereits gebucht" in response.json()["detail"]
    assert Booking.objects.count() == 1
    after = as_booker.post(BOOKINGS, body(space, at(date, 12), at(date, 13)), format="json")
    assert after.status_code == 201  # touching is fine


def test_anonymous_cannot_book(api, region, town):
    space = make_space(region, town)
    date = day()
    response = api.post(BOOKINGS, body(space, at(date, 10), at(date, 12)), format="json")
    assert response.status_code == 401
    assert not Booking.objects.exists()


def bad_bodies(space, other_space, hidden_space):
    date = day(3, weekday=0)
    past = timezone.localdate() - datetime.timedelta(days=1)
    good = body(space, at(date, 10), at(date, 12))
    naive = at(date, 10).replace(tzinfo=None).isoformat()
    return [
        ({**good, "end": good["start"]}, "end", "nach dem Beginn"),
        ({**good, "end": at(date, 9).isoformat()}, "end", "nach dem Beginn"),
        ({**good, "start": at(date, 7).isoformat()}, "start", "Öffnungszeiten"),
        (
            {
                **good,
                "start": at(date + datetime.timedelta(days=1), 10).isoformat(),
                "end": at(date + datetime.timedelta(days=1), 12).isoformat(),
            },
            "start",
            "geschlossen",
        ),
        ({**good, "attendees": 11}, "attendees", "höchstens 10"),
        ({**good, "attendees": 0}, "attendees", "mindestens eine"),
        ({**good, "end": at(date, 10, 30).isoformat()}, "end", "mindestens 60"),
        ({**good, "end": at(date, 17).isoformat()}, "end", "höchstens 240"),
        (
            {**good, "start": at(past, 10).isoformat(), "end": at(past, 12).isoformat()},
            "start",
            "Vergangenheit",
        ),
        ({k: v for k, v in good.items() if k != "start"}, "start", ""),
        ({**good, "start": naive}, "start", "Zeitzone"),
        ({**good, "end": "12 Uhr"}, "end", "ISO 8601"),
        ({**good, "start": 1700000000}, "start", "ISO 8601"),
        ({**good, "space": 999999}, "space", "gibt es"),
        ({**good, "space": "eins"}, "space", "ganze Zahl"),
        ({**good, "space": other_space.pk}, "space", "gibt es"),
        ({**good, "space": hidden_space.pk}, "space", "gibt es"),
        ({**good, "purpose": "party"}, "purpose", ""),
        ({**good, "attendees": "drei"}, "attendees", "ganze Zahl"),
        ({**good, "attendees": 2.5}, "attendees", "ganze Zahl"),
        ({**good, "attendees": True}, "attendees", "ganze Zahl"),
        ({**good, "note": 5}, "note", ""),
        ({**good, "contingent": 4242}, "contingent", "Kontingent"),
    ]


def test_each_bad_booking_is_400_and_saves_nothing(as_booker, region, town, other_region):
    space = make_space(
        region,
        town,
        hours=WORKDAYS_8_TO_18,
        min_minutes=60,
        max_minutes=240,
        capacity=10,
        purposes=["work", "education"],
    )
    monday = day(3, weekday=0)
    tuesday = monday + datetime.timedelta(days=1)
    services.add_closed_period(space, at(tuesday, 0), at(tuesday, 23))
    town_b = t.make_municipality(other_region, "Stadt B", slug="stadt-b")
    other_space = make_space(other_region, town_b)
    hidden_space = make_space(region, town, published=False)
    for data, field, words in bad_bodies(space, other_space, hidden_space):
        response = as_booker.post(BOOKINGS, data, format="json")
        assert response.status_code == 400, (data, response.json())
        answer = response.json()
        assert field in answer, (field, answer)
        assert words in " ".join(answer[field]), (words, answer)
        assert answer["detail"].startswith("Ungültige Angaben")
    assert not Booking.objects.exists()
    ok = as_booker.post(BOOKINGS, body(space, at(monday, 10), at(monday, 12)), format="json")
    assert ok.status_code == 201, ok.json()


def test_a_space_of_another_region_cannot_be_booked_through_its_host(
    client_for, region, town, other_region, booker
):
    space = make_space(region, town)
    date = day()
    response = client_for(booker).post(
        BOOKINGS, body(space, at(date, 10), at(date, 12)), format="json", HTTP_HOST=OTHER_HOST
    )
    assert response.status_code == 400 and "space" in response.json()
    assert not Booking.objects.exists()
