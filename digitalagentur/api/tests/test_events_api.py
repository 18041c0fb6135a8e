"""Events through the API (issue 13, section 2): the list with its contract fields (past ones
included, ?upcoming=true), creating by the coordination (401, 403, 400, 201), registering
(201 registered or waitlisted, 200 for the same person again, 409 when closed) and cancelling
(the first on the waiting list moves up); drafts and other regions' events never shown."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from digitalagentur.communication.choices import RegistrationStatus
from digitalagentur.communication.models import Event, Registration
from digitalagentur.core import testing as t
from digitalagentur.testing.communication import make_event

from .conftest import OTHER_HOST

pytestmark = pytest.mark.django_db

EVENTS = reverse("api-event-list")
CONTRACT = {
    "id",
    "title",
    "start",
    "end",
    "capacity",
    "registered",
    "waitlisted",
    "registration_open",
}


def registrations(event) -> str:
    return reverse("api-event-registrations", args=[event.pk])


def mine(event) -> str:
    return reverse("api-event-my-registration", args=[event.pk])


def later(days=0, hours=0):
    return (timezone.now() + datetime.timedelta(days=days, hours=hours)).replace(microsecond=0)


@pytest.fixture
def events(region, other_region):
    return {
        "past": make_event(
            region, "Digitalisierungskonferenz 2022", start=later(-30), end=later(-30, 6)
        ),
        "soon": make_event(region, "Seminar E-Akte", start=later(3), capacity=2),
        "draft": make_event(region, "Geheime Planung", start=later(5), published=False),
        "foreign": make_event(other_region, "Konferenz B", start=later(4)),
    }


def people(n):
    return [t.make_user(f"gast-{i}", email=f"gast-{i}@example.org") for i in range(n)]


def test_the_list_shows_published_events_past_ones_included(api, events):
    response = api.get(EVENTS)
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [r["title"] for r in rows] == ["Digitalisierungskonferenz 2022", "Seminar E-Akte"]
    assert CONTRACT <= set(rows[0])
    soon = rows[1]
    assert soon["id"] == events["soon"].pk
    assert soon["capacity"] == 2 and soon["registered"] == 0 and soon["waitlisted"] == 0
    assert soon["registration_open"] is True and rows[0]["registration_open"] is False
    assert datetime.datetime.fromisoformat(soon["start"]) == events["soon"].start
    assert soon["start"].endswith(("+01:00", "+02:00"))


def test_upcoming_true_shows_only_the_coming_ones(api, events):
    rows = api.get(EVENTS, {"upcoming": "true"}).json()["results"]
    assert [r["title"] for r in rows] == ["Seminar E-Akte"]
    assert len(api.get(EVENTS, {"upcoming": "false"}).json()["results"]) == 2
    bad = api.get(EVENTS, {"upcoming": "vielleicht"})
    assert bad.status_code == 400 and "upcoming" in bad.json()


def test_staff_see_drafts_the_public_does_not(api, client_for, events):
    assert api.get(reverse("api-event-detail", args=[events["draft"].pk])).status_code == 404
    assert api.get(reverse("api-event-detail", args=[events["foreign"].pk])).status_code == 404
    titles = [r["title"] for r in client_for("reader").get(EVENTS).json()["results"]]
    assert "Geheime Planung" in titles and "Konferenz B" not in titles


def test_counts_follow_the_registrations(api, client_for, events):
    event = events["soon"]
    for person in people(3):
        assert client_for(person).post(registrations(event)).status_code == 201
    row = api.get(reverse("api-event-detail", args=[event.pk])).json()
    assert (row["registered"], row["waitlisted"]) == (2, 1)


BODY = {
    "title": "Informationsabend Glasfaser",
    "start": "2031-03-10T18:00:00+01:00",
    "end": "2031-03-10T20:00:00+01:00",
    "capacity": 40,
    "registration_open": True,
    "published": True,
}


def test_only_the_coordination_creates_events(api, client_for):
    assert api.post(EVENTS, BODY, format="json").status_code == 401
    for role in ("reader", "officer"):
        response = client_for(role).post(EVENTS, BODY, format="json")
        assert response.status_code == 403, role
        assert "Koordination" in response.json()["detail"]
    assert not Event.objects.exists()


def test_the_coordination_creates_an_event(api, client_for, region, town):
    response = client_for("coordinator").post(
        EVENTS, {**BODY, "kind": "information_evening", "municipalities": ["senden"]}, format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert CONTRACT <= set(body)
    assert body["title"] == "Informationsabend Glasfaser" and body["capacity"] == 40
    assert body["start"] == "2031-03-10T18:00:00+01:00"
    assert (body["registered"], body["waitlisted"], body["registration_open"]) == (0, 0, True)
    event = Event.objects.get(pk=body["id"])
    assert event.region == region and event.slug == "informationsabend-glasfaser"
    assert list(event.municipalities.all()) == [town]
    listed = api.get(EVENTS).json()["results"]
    assert [r["id"] for r in listed] == [event.pk]
    # The same title again gets its own slug.
    again = client_for("coordinator").post(EVENTS, BODY, format="json")
    assert Event.objects.get(pk=again.json()["id"]).slug == "informationsabend-glasfaser-2"


@pytest.mark.parametrize(
    "change, field",
    [
        ({"end": "2031-03-10T17:00:00+01:00"}, "end"),
        ({"start": "2031-03-10T18:00:00"}, "start"),  # no offset
        ({"start": "morgen"}, "start"),
        ({"capacity": -1}, "capacity"),
        ({"capacity": "viele"}, "capacity"),
        ({"registration_open": "ja"}, "registration_open"),
        ({"title": "   "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"kind": "party"}, "kind"),
        ({"municipalities": ["gibt-es-nicht"]}, "municipalities"),
    ],
)
def test_bad_values_are_a_400_in_german_and_save_nothing(client_for, change, field):
    response = client_for("coordinator").post(EVENTS, {**BODY, **change}, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Event.objects.exists()


def test_missing_fields_are_named(client_for):
    response = client_for("coordinator").post(EVENTS, {"title": "Nur ein Titel"}, format="json")
    assert response.status_code == 400
    assert {"start", "end", "capacity", "registration_open", "published"} <= set(response.json())


def test_registering_and_cancelling(api, client_for, events, django_capture_on_commit_callbacks):
    event = events["soon"]
    a, b, c = people(3)
    assert api.post(registrations(event)).status_code == 401
    first = client_for(a).post(registrations(event))
    assert first.status_code == 201 and first.json()["status"] == "registered"
    again = client_for(a).post(registrations(event))
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert client_for(b).post(registrations(event)).json()["status"] == "registered"
    waiting = client_for(c).post(registrations(event))
    assert waiting.status_code == 201
    assert waiting.json()["status"] == "waitlisted" and waiting.json()["position"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert client_for(a).delete(mine(event)).status_code == 204
    assert Registration.objects.get(user=c, event=event).status == RegistrationStatus.REGISTERED
    assert Registration.objects.get(user=a, event=event).status == RegistrationStatus.CANCELLED
    assert client_for(a).delete(mine(event)).status_code == 204  # nothing left: still 204
    row = api.get(reverse("api-event-detail", args=[event.pk])).json()
    assert (row["registered"], row["waitlisted"]) == (2, 0)


def test_closed_drafts_and_foreign_events_refuse_registration(client_for, events):
    person = people(1)[0]
    closed = client_for(person).post(registrations(events["past"]))
    assert closed.status_code == 409 and "Anmeldung" in closed.json()["detail"]
    assert client_for(person).post(registrations(events["draft"])).status_code == 404
    assert client_for(person).post(registrations(events["foreign"])).status_code == 404
    foreign = client_for(person).post(registrations(events["foreign"]), HTTP_HOST=OTHER_HOST)
    assert foreign.status_code == 201
    assert Registration.objects.filter(user=person).count() == 1


def test_the_list_needs_the_same_queries_for_more_events(
    api, region, django_assert_max_num_queries
):
    for n in range(3):
        make_event(region, f"Veranstaltung {n}", start=later(n + 1))
    with django_assert_max_num_queries(8) as few:
        api.get(EVENTS)
    for n in range(3, 20):
        make_event(region, f"Veranstaltung {n}", start=later(n + 1))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(api.get(EVENTS).json()["results"]) == 20
