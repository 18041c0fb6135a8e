"""Region-wide feeds: the Atom feed of news and the iCalendar of events and deadlines."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET  # noqa: S405 - parses our own answer in a test

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from digitalagentur.assessment.models import Workshop, WorkshopFormat
from digitalagentur.core.services import create_object
from digitalagentur.portfolio.models import ProjectUpdate
from digitalagentur.portfolio.services import update_project
from digitalagentur.reports import services as report_services
from digitalagentur.reports.choices import ReportStatus
from digitalagentur.strategy.choices import DatePrecision, Topic
from digitalagentur.strategy.models import TimelineEvent

from .test_opendata import add_open_data, draft_report

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def data(site, other_site):
    found = add_open_data(site)
    create_object(
        ProjectUpdate(
            region=site.region,
            project=site.p2,
            date=datetime.date(2024, 5, 2),
            title="Erste Station eröffnet",
            text="Am Bahnhof.",
            published=True,
        )
    )
    create_object(
        ProjectUpdate(
            region=site.region,
            project=site.p2,
            date=datetime.date(2024, 5, 3),
            title="ENTWURFS-UPDATE",
            text="x",
            published=False,
        )
    )
    create_object(
        ProjectUpdate(
            region=other_site.region,
            project=other_site.project,
            date=datetime.date(2024, 5, 3),
            title="UPDATE-AUS-KREIS-B",
            text="x",
            published=True,
        )
    )
    update_project(site.p2, {"status": "in_progress"}, expected_version=site.p2.version)
    TimelineEvent.objects.create(
        region=site.region,
        strategy=site.strategy,
        date=timezone.localdate() + datetime.timedelta(days=40),
        title="ZUKUNFTS-EINTRAG",
        topic=Topic.EVENTS,
        date_precision=DatePrecision.MONTH,
    )
    Workshop.objects.create(
        region=site.region,
        slug="entwurf-2",
        title="ENTWURFS-WORKSHOP-2",
        field=site.verwaltung,
        date=timezone.localdate(),
        format=WorkshopFormat.DIGITAL,
        published=False,
    )
    return found


def entries(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own answer
    return [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")]


def test_region_feed_holds_updates_status_changes_and_chronicle(client, data):
    titles = entries(client.get(reverse("public:region_feed")))
    assert "P2: Mobilitätsstationen: Erste Station eröffnet" in titles
    assert "P1: Online ins Rathaus: Sachstand September" in titles
    assert "P2: Mobilitätsstationen: jetzt „in Umsetzung“" in titles
    assert "Digitalisierungskonferenz" in titles and "Auftakt in Senden" in titles
    assert "ZUKUNFTS-EINTRAG" not in titles  # dated after today
    text = " ".join(titles)
    for hidden in ("ENTWURFS", "UPDATE-AUS-KREIS-B", "GEHEIM"):
        assert hidden not in text
    assert titles[0].endswith("jetzt „in Umsetzung“")  # newest first


def test_region_feed_is_valid_atom(client, site, data):
    """RFC 4287: an author (the region, on the feed) and ids that are URIs (RFC 4151 tags)."""
    response = client.get(reverse("public:region_feed"))
    root = ET.fromstring(response.content)  # noqa: S314 - our own answer
    assert root.find(f"{ATOM}author/{ATOM}name").text == "Kreis A"
    ids = [e.find(f"{ATOM}id").text for e in root.findall(f"{ATOM}entry")]
    assert ids and len(set(ids)) == len(ids)
    host = site.region.hostname or "testserver"  # the region's host name, else the request's
    assert all(i.startswith(f"tag:{host},2020:kreis-a/") for i in ids), ids
    assert f"tag:{host},2020:kreis-a/chronicle-{data.conference.pk}" in ids
    # The other region's feed: its own host name and slug.
    other = client.get(reverse("public:region_feed"), HTTP_HOST="kreis-b.example.org")
    root = ET.fromstring(other.content)  # noqa: S314 - our own answer
    assert root.find(f"{ATOM}author/{ATOM}name").text == "Kreis B"
    assert root.find(f"{ATOM}entry/{ATOM}id").text.startswith("tag:kreis-b.example.org,2020:")


def test_other_region_has_its_own_feed(client, data):
    titles = entries(client.get(reverse("public:region_feed"), HTTP_HOST="kreis-b.example.org"))
    assert titles == ["P1: Projekt aus Kreis B: UPDATE-AUS-KREIS-B"]


def test_home_page_links_the_feed(client, site):
    html = client.get(reverse("public:home")).content.decode()
    assert (
        f'<link rel="alternate" type="application/atom+xml" '
        f'title="Projektfortschritte der Region (Atom-Feed)" '
        f'href="{reverse("public:region_feed")}">'
    ) in html
    # The news posts (issue 13) have a feed of their own, named apart.
    assert (f'title="Neuigkeiten (Atom-Feed)" href="{reverse("public:news_feed")}">') in html


def events(response) -> dict[str, icalendar.Event]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def test_calendar_holds_meetings_workshops_events_and_deadlines(client, site, data):
    found = events(client.get(reverse("public:events_calendar")))
    domain = "oeffentlich.kreis-a.digitalagentur"
    summaries = {str(e["summary"]) for e in found.values()}

    meeting = found[f"meeting-{data.meeting.pk}@{domain}"]
    assert str(meeting["summary"]) == "Sitzung des Ausschusses"
    assert meeting.decoded("dtstart") == data.meeting.start
    assert str(meeting["location"]) == "Kreishaus"

    workshop = found[f"workshop-{data.workshop.pk}@{domain}"]
    assert workshop.decoded("dtstart") == data.workshop.date
    assert "Workshop Verwaltung" in str(workshop["summary"])

    conference = found[f"chronicle-{data.conference.pk}@{domain}"]
    assert conference.decoded("dtstart") == datetime.date(2022, 11, 15)
    assert "120 Teilnehmende" in str(conference["description"])

    # The call's deadline, with the UID of the funding deadline feed.
    deadline = found[f"call-{data.call.pk}@{domain}"]
    assert deadline.decoded("dtend") == timezone.localtime(data.call.deadline)
    funding_feed = events(client.get(reverse("public:funding_deadline_feed")))
    assert f"call-{data.call.pk}@{domain}" in funding_feed

    # Chronicle entries known to the month only are no dated events.
    assert "ZUKUNFTS-EINTRAG" not in summaries
    assert "Auftakt in Senden" not in summaries  # chronicle, but no event
    for hidden in ("ENTWURFS-WORKSHOP", "SITZUNG-NUR-ENTWURF"):
        assert not any(hidden in s for s in summaries), hidden


def test_calendar_leaves_out_chronicle_entries_of_a_workshop_day(client, site, data):
    TimelineEvent.objects.create(
        region=site.region,
        strategy=site.strategy,
        date=data.workshop.date,
        title="Workshop Verwaltung (Chronik)",
        topic=Topic.EVENTS,
        participants=25,
    )
    summaries = [
        str(e["summary"]) for e in events(client.get(reverse("public:events_calendar"))).values()
    ]
    assert "Workshop: Workshop Verwaltung" in summaries
    assert "Workshop Verwaltung (Chronik)" not in summaries
    assert "Digitalisierungskonferenz" in summaries  # no workshop on that day


def test_meeting_of_a_deleted_draft_is_not_in_the_calendar(client, site, data):
    report = draft_report(site, data.committee, datetime.date(2027, 3, 18))
    meeting = report.meeting
    report_services.delete_report(report)
    found = events(client.get(reverse("public:events_calendar")))
    assert f"meeting-{meeting.pk}@oeffentlich.kreis-a.digitalagentur" not in found
    assert [uid for uid in found if uid.startswith("meeting-")] == [
        f"meeting-{data.meeting.pk}@oeffentlich.kreis-a.digitalagentur"
    ]


def test_meeting_without_a_known_time_is_an_all_day_event(client, site, data):
    report = draft_report(site, data.committee, datetime.date(2027, 3, 18))
    report_services.set_status(report, ReportStatus.FINAL, expected_version=report.version)
    response = client.get(reverse("public:events_calendar"))
    meeting = events(response)[f"meeting-{report.meeting_id}@oeffentlich.kreis-a.digitalagentur"]
    assert meeting.decoded("dtstart") == datetime.date(2027, 3, 18)
    assert meeting.decoded("dtend") == datetime.date(2027, 3, 19)
    assert b"DTSTART;VALUE=DATE:20270318" in response.content
    # A meeting with its time stays a timed event.
    timed = events(response)[f"meeting-{data.meeting.pk}@oeffentlich.kreis-a.digitalagentur"]
    assert isinstance(timed.decoded("dtstart"), datetime.datetime)


def test_calendar_of_other_region_is_its_own(client, data):
    found = events(client.get(reverse("public:events_calendar"), HTTP_HOST="kreis-b.example.org"))
    assert found == {}


def test_calendar_holds_the_published_events_instead_of_their_chronicle_entries(client, site, data):
    from digitalagentur.communication import ical
    from digitalagentur.testing.communication import make_event

    start = datetime.datetime(2022, 11, 15, 9, tzinfo=datetime.UTC)
    conference = make_event(site.region, "Digitalisierungskonferenz 2022", start=start)
    draft = make_event(site.region, "ENTWURFS-VERANSTALTUNG", published=False)
    found = events(client.get(reverse("public:events_calendar")))
    entry = found[ical.event_uid(conference)]  # the UID of the events' own feed
    assert str(entry["summary"]) == "Digitalisierungskonferenz 2022"
    assert entry.decoded("dtstart") == start and entry.decoded("dtend") == conference.end
    # The chronicle's entry of that day is left out: the event stands for it.
    assert f"chronicle-{data.conference.pk}@oeffentlich.kreis-a.digitalagentur" not in found
    assert ical.event_uid(draft) not in found
    other = client.get(reverse("public:events_calendar"), HTTP_HOST="kreis-b.example.org")
    assert ical.event_uid(conference) not in events(other)
