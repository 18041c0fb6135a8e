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


def test_the_newsletter_list_with_segments_and_confirmed_consents(region):
    from digitalagentur.communication.models import ConsentRecord, Segment, Subscription
    from digitalagentur.tenancy.models import Municipality

    towns = Municipality.objects.filter(region=region).count()
    segments = Segment.objects.filter(region=region)
    assert segments.filter(kind="municipality").count() == towns == 11
    assert segments.filter(kind="audience").count() == 3
    assert segments.filter(kind="field").count() >= 1
    active = Subscription.objects.filter(region=region, status="active")
    assert active.count() >= 3
    for subscription in active:
        assert subscription.is_demo and subscription.email.endswith("@example.org")
        record = ConsentRecord.objects.get(subscription=subscription)
        assert record.confirmed and record.consent_text and record.consent_version

    rathaus = active.get(email="rathaus.senden@example.org")
    assert {segment.audience for segment in rathaus.segments.all()} == {"", "administration"}


def test_the_newsletter_archive_shows_the_sent_issue_and_staff_see_a_draft(region, client):
    from django.utils.html import escape

    from digitalagentur.communication.models import NewsletterIssue

    sent = NewsletterIssue.objects.get(region=region, status="sent")
    assert sent.items and sent.recipients == sent.deliveries.filter(status="sent").count() >= 3
    assert NewsletterIssue.objects.filter(region=region, status="draft").count() == 1
    host = {"HTTP_HOST": region.hostname} if region.hostname else {}
    archive = client.get(reverse("public:newsletter_archive"), **host)
    assert escape(sent.subject) in archive.content.decode()
    page = client.get(reverse("public:newsletter_issue", args=[sent.pk]), **host)
    assert page.status_code == 200 and escape(sent.items[0]["title"]) in page.content.decode()
