"""Bookings on the provider side (issue 11, sections 1 and 3): the list with the booker's
contact for the provider only, confirming (409 when taken meanwhile), declining and
cancelling with a reason."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from digitalagentur.core import testing as t
from digitalagentur.spaces import booking
from digitalagentur.spaces.choices import BookingMode, BookingStatus
from digitalagentur.testing.spaces import make_provider, make_space


def at(days: int, hour: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def data(region, town):
    anna = t.make_user("anna")
    bert = t.make_user("bert")
    bea = t.make_user("bea", first_name="Bea", last_name="Bucher", email="bea@example.org")
    carl = t.make_user("carl", first_name="Carl", email="carl@example.org")
    provider = make_provider(region, "ExtraGleis", managers=[anna])
    make_provider(region, "Heimatverein", managers=[bert])
    space = make_space(
        region, town, provider=provider, name="Bahnwaggon", booking_mode=BookingMode.REQUEST
    )
    first = booking.book(space, bea, at(2, 9), at(2, 11))
    second = booking.book(space, carl, at(2, 10), at(2, 12))  # requests do not block
    later = booking.book(space, carl, at(20, 9), at(20, 10))
    return {
        "anna": anna,
        "bert": bert,
        "bea": bea,
        "space": space,
        "first": first,
        "second": second,
        "later": later,
    }


def test_bookings_list_shows_the_bookers_contact_to_the_provider_only(client, data):
    url = reverse("public:spaces_manage_bookings", args=[data["space"].pk])
    client.force_login(data["anna"])
    html = client.get(url).content.decode()
    assert "Bea Bucher" in html and "bea@example.org" in html and "carl@example.org" in html
    client.force_login(data["bert"])
    response = client.get(url)
    assert response.status_code == 403
    assert "bea@example.org" not in response.content.decode()


def test_bookings_list_filters_by_date(client, data):
    client.force_login(data["anna"])
    url = reverse("public:spaces_manage_bookings", args=[data["space"].pk])
    day = (timezone.localdate() + datetime.timedelta(days=20)).isoformat()
    html = client.get(url, {"start": day, "end": day}).content.decode()
    assert "carl@example.org" in html and "bea@example.org" not in html
    html = client.get(url, {"start": day, "status": "confirmed"}).content.decode()
    assert "Keine Buchungen in diesem Zeitraum" in html
    response = client.get(url, {"start": day, "end": "2020-01-01"})
    assert response.status_code == 400
    assert "Das Ende muss nach dem Beginn liegen." in response.content.decode()
    response = client.get(url, {"start": "morgen"})
    assert response.status_code == 400
    assert "Bitte ein gültiges Datum eingeben." in response.content.decode()


def test_confirming_a_taken_time_is_409_with_a_german_message(client, data):
    client.force_login(data["anna"])
    first, second = data["first"], data["second"]
    overview = reverse("public:spaces_manage")
    response = client.post(
        reverse("public:spaces_manage_booking_confirm", args=[first.pk]), {"next": overview}
    )
    assert response.status_code == 302 and response["Location"] == overview
    response = client.post(reverse("public:spaces_manage_booking_confirm", args=[second.pk]))
    assert response.status_code == 409
    assert "schon alles bestätigt gebucht" in response.content.decode()
    second.refresh_from_db()
    assert second.status == BookingStatus.REQUESTED
    # Confirming twice: not a request any more (400), nothing changes.
    response = client.post(reverse("public:spaces_manage_booking_confirm", args=[first.pk]))
    assert response.status_code == 400
    assert "Nur Anfragen können bestätigt werden." in response.content.decode()
    assert (
        client.get(reverse("public:spaces_manage_booking_confirm", args=[second.pk])).status_code
        == 405
    )


def test_decline_needs_a_reason(client, data):
    client.force_login(data["anna"])
    second = data["second"]
    url = reverse("public:spaces_manage_booking_decline", args=[second.pk])
    page = client.get(url).content.decode()
    assert "Anfrage ablehnen" in page and "carl@example.org" in page
    response = client.post(url, {"reason": "   "})
    assert response.status_code == 400
    assert "Bitte geben Sie eine Begründung an." in response.content.decode()
    second.refresh_from_db()
    assert second.status == BookingStatus.REQUESTED
    response = client.post(url, {"reason": "Schon vergeben.", "next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"] == reverse("public:spaces_manage")  # no open redirect
    second.refresh_from_db()
    assert second.status == BookingStatus.DECLINED and second.reason == "Schon vergeben."


def test_provider_cancels_with_a_reason_even_after_the_deadline(client, data):
    client.force_login(data["anna"])
    start = (timezone.now() + datetime.timedelta(hours=2)).replace(second=0, microsecond=0)
    first = booking.book(data["space"], data["bea"], start, start + datetime.timedelta(hours=1))
    booking.confirm(first, data["anna"])
    with pytest.raises(Exception, match="Stornierungsfrist"):  # the booker could not
        booking.cancel(first, data["bea"], "zu spät")
    url = reverse("public:spaces_manage_booking_cancel", args=[first.pk])
    assert "Buchung stornieren" in client.get(url).content.decode()
    assert client.post(url, {"reason": ""}).status_code == 400
    first.refresh_from_db()
    assert first.status == BookingStatus.CONFIRMED
    # Within the 24-hour cancellation deadline of bookers: the provider may still cancel.
    response = client.post(url, {"reason": "Wasserschaden im Waggon."})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == BookingStatus.CANCELLED and first.reason == "Wasserschaden im Waggon."
    response = client.post(url, {"reason": "Noch einmal."})
    assert response.status_code == 400
    assert "Diese Buchung ist nicht mehr aktiv." in response.content.decode()


def test_another_provider_cannot_decide_or_cancel(client, data):
    client.force_login(data["bert"])
    for name in ("spaces_manage_booking_decline", "spaces_manage_booking_cancel"):
        url = reverse(f"public:{name}", args=[data["first"].pk])
        assert client.post(url, {"reason": "Nein."}).status_code == 403
    data["first"].refresh_from_db()
    assert data["first"].status == BookingStatus.REQUESTED
