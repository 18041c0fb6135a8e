"""The demo's events (issue 13, section 2 "Demo"): the Digitalisierungskonferenz of 15.11.2022
with its formats (market, World Cafés), the internal seminar series of 2023, the themed
workshops of 2020 linked to their workshops, and one future event open for registration.

Expectations are written from the issue and the seeds, independently of demo/data/events.py.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from digitalagentur.assessment.models import Workshop
from digitalagentur.communication import registrations
from digitalagentur.communication.models import Event
from digitalagentur.core import testing as t
from digitalagentur.tenancy.models import Region


@pytest.fixture
def region(demo_db, db):
    return Region.objects.get(slug="kreis-coesfeld")


def test_the_conference_of_15_november_2022_with_its_formats(region):
    conference = Event.objects.get(region=region, kind="conference")
    assert timezone.localtime(conference.start).date() == datetime.date(2022, 11, 15)
    assert conference.published and conference.is_demo
    kinds = list(conference.programme.values_list("kind", flat=True))
    assert "market_stand" in kinds and kinds.count("world_cafe") >= 2
    titles = " ".join(conference.programme.values_list("title", flat=True))
    assert "New Work" in titles and "Verwaltungsdigitalisierung" in titles
    assert not conference.accepts_registrations()


def test_the_seminar_series_of_2023(region):
    seminars = Event.objects.filter(region=region, kind="seminar").order_by("start")
    assert seminars.count() >= 2
    assert {timezone.localtime(s.start).year for s in seminars} == {2023}


def test_the_workshops_of_2020_are_linked(region):
    workshops = Workshop.objects.filter(region=region, date__year=2020)
    linked = Event.objects.filter(region=region, workshop__in=workshops)
    assert linked.count() == workshops.count() >= 3
    for event in linked:
        assert timezone.localtime(event.start).date() == event.workshop.date


def test_one_future_event_open_for_registration(region, client):
    (future,) = [e for e in Event.objects.filter(region=region) if e.accepts_registrations()]
    assert future.start > timezone.now() and future.capacity
    person = t.make_user("gast", email="gast@example.org")
    outcome = registrations.register(future, person)
    assert outcome.created and outcome.registration.status == "registered"
    host = {"HTTP_HOST": region.hostname} if region.hostname else {}
    page = client.get(reverse("public:event_detail", args=[future.slug]), **host)
    assert page.status_code == 200
    listed = client.get("/api/v1/events/", {"upcoming": "true"}, **host).json()["results"]
    assert [row["id"] for row in listed] == [future.pk]
    assert listed[0]["registration_open"] is True and listed[0]["registered"] == 1
