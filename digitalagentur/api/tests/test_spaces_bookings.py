"""Landräume API (issue 11, section 6): one's own bookings, cancelling, confirming and
declining with the rights of spaces/rules.py, region scoping, and one slot booked by many
clients at once through HTTP."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from digitalagentur.core import testing as t
from digitalagentur.spaces import booking as service
from digitalagentur.spaces.choices import BookingMode, BookingStatus
from digitalagentur.spaces.models import Booking
from digitalagentur.testing.spaces import make_provider, make_space

from .conftest import OTHER_HOST
from .test_spaces import BOOKINGS, at, body, day

pytestmark = pytest.mark.django_db


def detail(booking) -> str:
    return reverse("api-booking-detail", args=[booking.pk])


def act(booking, name: str) -> str:
    return reverse(f"api-booking-{name}", args=[booking.pk])


@pytest.fixture
def people(region):
    return {
        "anna": t.make_user("anna"),
        "ben": t.make_user("ben"),
        "verwalterin": t.make_user("verwalterin"),
        "fremd": t.make_user("fremdanbieter"),
    }


@pytest.fixture
def spaces(region, town, people):
    provider = make_provider(region, "Kulturverein", managers=[people["verwalterin"]])
    other_provider = make_provider(region, "Sportverein", managers=[people["fremd"]])
    return {
        "instant": make_space(region, town, provider=provider, slug="sofort", cancel_hours=24),
        "request": make_space(
            region, town, provider=provider, slug="anfrage", booking_mode=BookingMode.REQUEST
        ),
        "foreign": make_space(region, town, provider=other_provider, slug="fremd"),
    }


@pytest.fixture
def as_(client_for, people):
    return lambda name: client_for(people[name] if name in people else name)


# --- own bookings ---------------------------------------------------------------------------


def test_the_list_holds_only_the_callers_bookings(as_, people, spaces, other_region):
    date = day()
    mine = [
        service.book(spaces["instant"], people["anna"], at(date, 9), at(date, 10)),
        service.book(spaces["request"], people["anna"], at(date, 11), at(date, 12)),
    ]
    service.book(spaces["instant"], people["ben"], at(date, 13), at(date, 14))
    town_b = t.make_municipality(other_region, "Stadt B", slug="stadt-b")
    elsewhere = make_space(other_region, town_b)
    service.book(elsewhere, people["anna"], at(date, 9), at(date, 10))
    response = as_("anna").get(BOOKINGS)
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"count", "next", "previous", "results"}
    assert data["count"] == 2
    assert sorted(row["id"] for row in data["results"]) == sorted(b.pk for b in mine)
    assert {row["status"] for row in data["results"]} == {"confirmed", "requested"}
    in_b = as_("anna").get(BOOKINGS, HTTP_HOST=OTHER_HOST).json()
    assert [row["space"] for row in in_b["results"]] == [elsewhere.pk]
    # The manager of the spaces does not get other people's bookings in their own list.
    assert as_("verwalterin").get(BOOKINGS).json()["count"] == 0


def test_the_list_is_paginated(as_, people, spaces):
    date = day()
    for hour in range(8, 14):
        service.book(spaces["instant"], people["anna"], at(date, hour), at(date, hour + 1))
    page = as_("anna").get(BOOKINGS, {"page_size": 4}).json()
    assert page["count"] == 6 and len(page["results"]) == 4 and page["next"]
    assert as_("anna").get(BOOKINGS, {"page": 9}).status_code == 400


def test_anonymous_gets_401(api, region):
    assert api.get(BOOKINGS).status_code == 401


def test_a_booking_is_shown_to_its_booker_and_the_managers_only(
    as_, people, spaces, users, other_region
):
    date = day()
    booking = service.book(spaces["instant"], people["anna"], at(date, 9), at(date, 10))
    for name in ("anna", "verwalterin", "coordinator", "admin"):
        response = as_(name).get(detail(booking))
        assert response.status_code == 200, name
        assert response.json()["id"] == booking.pk
    for name in ("ben", "fremd", "officer", "reader"):
        assert as_(name).get(detail(booking)).status_code == 404, name
    assert as_("anna").get(detail(booking), HTTP_HOST=OTHER_HOST).status_code == 404


# --- cancel ---------------------------------------------------------------------------------


def test_the_booker_cancels_without_a_reason(as_, people, spaces):
    date = day()
    booking = service.book(spaces["instant"], people["anna"], at(date, 9), at(date, 10))
    response = as_("anna").post(act(booking, "cancel"), {}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED and booking.cancelled is not None


def test_the_provider_cancels_with_or_without_a_reason(as_, people, spaces):
    date = day()
    quiet = service.book(spaces["instant"], people["anna"], at(date, 9), at(date, 10))
    response = as_("verwalterin").post(act(quiet, "cancel"), {"reason": "  "}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "cancelled"
    quiet.refresh_from_db()
    assert quiet.status == BookingStatus.CANCELLED
    response = as_("verwalterin").post(act(quiet, "cancel"), format="json")
    assert response.status_code == 400 and "status" in response.json()  # already cancelled
    # Without any body, and past the booker's deadline (24 hours before): the provider may.
    start = (timezone.now() + timedelta(hours=2)).replace(minute=0, second=0, microsecond=0)
    soon = service.book(spaces["instant"], people["ben"], start, start + timedelta(hours=1))
    assert as_("ben").post(act(soon, "cancel")).status_code == 400
    response = as_("verwalterin").post(act(soon, "cancel"))
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "cancelled"
    told = service.book(spaces["instant"], people["anna"], at(date, 11), at(date, 12))
    response = as_("verwalterin").post(
        act(told, "cancel"), {"reason": "Wasserschaden"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["reason"] == "Wasserschaden"
    told.refresh_from_db()
    assert told.reason == "Wasserschaden"


def test_the_coordination_cancels_any_booking_of_the_region(as_, people, spaces):
    date = day()
    booking = service.book(spaces["foreign"], people["anna"], at(date, 9), at(date, 10))
    response = as_("coordinator").post(act(booking, "cancel"), {"reason": "Wahl"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "cancelled"


def test_others_of_the_region_get_403_on_cancel(as_, people, spaces):
    date = day()
    booking = service.book(spaces["instant"], people["anna"], at(date, 9), at(date, 10))
    # Another booker, another provider's manager, a region role without management.
    for name in ("ben", "fremd", "officer", "reader"):
        response = as_(name).post(act(booking, "cancel"), {"reason": "x"}, format="json")
        assert response.status_code == 403, name
        assert "Stornieren können nur" in response.json()["detail"], name
        # Reading it stays hidden.
        assert as_(name).get(detail(booking)).status_code == 404, name
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED and booking.cancelled is None


def test_a_booking_of_another_region_is_404_on_every_write(as_, people, spaces, other_region):
    date = day()
    here = service.book(spaces["request"], people["anna"], at(date, 9), at(date, 10))
    town_b = t.make_municipality(other_region, "Stadt B", slug="stadt-b")
    there = service.book(
        make_space(other_region, town_b, booking_mode=BookingMode.REQUEST),
        people["anna"],
        at(date, 9),
        at(date, 10),
    )
    for name in ("cancel", "confirm", "decline"):
        # Asked for through the other region's host, even by its own booker or the coordination.
        for who in ("anna", "coordinator"):
            response = as_(who).post(
                act(here, name), {"reason": "x"}, format="json", HTTP_HOST=OTHER_HOST
            )
            assert response.status_code == 404, (name, who)
        # The other region's booking through this region's host.
        for who in ("anna", "coordinator", "ben"):
            response = as_(who).post(act(there, name), {"reason": "x"}, format="json")
            assert response.status_code == 404, (name, who)
    for booking in (here, there):
        booking.refresh_from_db()
        assert booking.status == BookingStatus.REQUESTED


def test_the_booker_keeps_to_the_deadline(as_, people, region, town):
    space = make_space(region, town, cancel_hours=72)
    date = day(1)
    booking = service.book(space, people["anna"], at(date, 9), at(date, 10))
    response = as_("anna").post(act(booking, "cancel"), {}, format="json")
    assert response.status_code == 400
    assert "Stornierungsfrist" in " ".join(response.json()["status"])
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_cancelling_twice_is_400(as_, people, spaces):
    date = day()
    booking = service.book(spaces["instant"], people["anna"], at(date, 9), at(date, 10))
    assert as_("anna").post(act(booking, "cancel"), {}, format="json").status_code == 200
    again = as_("anna").post(act(booking, "cancel"), {}, format="json")
    assert again.status_code == 400 and "status" in again.json()


def test_unknown_and_odd_ids_are_404(as_, people, spaces):
    for pk in ("999999", "abc", "1.5"):
        url = f"{BOOKINGS}{pk}/cancel/"
        assert as_("anna").post(url, {}, format="json").status_code == 404, pk


def test_writes_need_credentials(api, people, spaces):
    date = day()
    booking = service.book(spaces["request"], people["anna"], at(date, 9), at(date, 10))
    for name in ("cancel", "confirm", "decline"):
        assert api.post(act(booking, name), {"reason": "x"}, format="json").status_code == 401


# --- confirm and decline ------------------------------------------------------------------------


def test_requests_do_not_block_each_other_until_one_is_confirmed(as_, people, spaces):
    space, date = spaces["request"], day()
    first = as_("anna").post(BOOKINGS, body(space, at(date, 9), at(date, 11)), format="json")
    second = as_("ben").post(BOOKINGS, body(space, at(date, 10), at(date, 12)), format="json")
    assert first.status_code == second.status_code == 201
    assert first.json()["status"] == second.json()["status"] == "requested"
    one, two = (
        Booking.objects.get(pk=first.json()["id"]),
        Booking.objects.get(pk=second.json()["id"]),
    )
    confirmed = as_("verwalterin").post(act(one, "confirm"), format="json")
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "confirmed"
    taken = as_("verwalterin").post(act(two, "confirm"), format="json")
    assert taken.status_code == 409
    assert "bestätigt gebucht" in taken.json()["detail"]
    two.refresh_from_db()
    assert two.status == BookingStatus.REQUESTED
    # Now that the time is confirmed, a new request for it is refused at once.
    third = as_("ben").post(BOOKINGS, body(space, at(date, 10), at(date, 11)), format="json")
    assert third.status_code == 409
    assert Booking.objects.count() == 2


def test_only_managers_of_the_space_decide(as_, people, spaces, other_region):
    date = day()
    booking = service.book(spaces["request"], people["anna"], at(date, 9), at(date, 10))
    # The booker, another booker, another provider's manager, region roles without management.
    for name in ("anna", "ben", "fremd", "officer", "reader"):
        for action_name, data in (("confirm", {}), ("decline", {"reason": "x"})):
            response = as_(name).post(act(booking, action_name), data, format="json")
            assert response.status_code == 403, (name, action_name)
            assert "nur der Anbieter" in response.json()["detail"], (name, action_name)
    assert as_("verwalterin").post(act(booking, "confirm"), HTTP_HOST=OTHER_HOST).status_code == 404
    booking.refresh_from_db()
    assert booking.status == BookingStatus.REQUESTED and booking.decided is None
    assert as_("coordinator").post(act(booking, "confirm")).json()["status"] == "confirmed"


def test_decline_needs_a_reason(as_, people, spaces):
    date = day()
    booking = service.book(spaces["request"], people["anna"], at(date, 9), at(date, 10))
    for data in ({}, {"reason": ""}, {"reason": 7}):
        response = as_("verwalterin").post(act(booking, "decline"), data, format="json")
        assert response.status_code == 400 and "reason" in response.json(), data
    booking.refresh_from_db()
    assert booking.status == BookingStatus.REQUESTED
    response = as_("verwalterin").post(
        act(booking, "decline"), {"reason": "Saal belegt"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["status"] == "declined" and response.json()["reason"] == "Saal belegt"


def test_confirming_a_confirmed_booking_is_400(as_, people, spaces):
    date = day()
    booking = service.book(spaces["instant"], people["anna"], at(date, 9), at(date, 10))
    response = as_("verwalterin").post(act(booking, "confirm"))
    assert response.status_code == 400 and "status" in response.json()


# --- one slot, many clients ---------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_many_clients_booking_one_slot_over_http_get_one_201(region, town):
    space = make_space(region, town)
    date = day()
    data = body(space, at(date, 10), at(date, 12))
    clients = []
    for n in range(20):
        token = Token.objects.create(user=t.make_user(f"gleichzeitig{n}"))
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        clients.append(client)
    barrier = threading.Barrier(len(clients))
    answers: list[tuple[int, dict]] = []
    lock = threading.Lock()

    def post(client):
        try:
            barrier.wait()
            response = client.post(BOOKINGS, data, format="json")
            with lock:
                answers.append((response.status_code, response.json()))
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    codes = sorted(code for code, _answer in answers)
    assert codes == [201] + [409] * 19, answers
    refusals = {answer["detail"] for code, answer in answers if code == 409}
    assert refusals == {service.already_booked_message()}
    assert Booking.objects.filter(space=space, status=BookingStatus.CONFIRMED).count() == 1
