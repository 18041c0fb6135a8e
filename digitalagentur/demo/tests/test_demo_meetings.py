"""The demo's meetings of the bodies (issue 14, section 3): meetings of the
Koordinierungskreis and the Lenkungskreis with agenda, minutes and decisions, one upcoming;
tasks owned by demo logins, some done; all marked as demo; loading twice adds nothing; the
meetings of the status reports stay as they are. Until DemoLoader.load calls it, the test
loads it on top of the demo."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from digitalagentur.demo.loader import DemoLoader
from digitalagentur.demo.meetings import load_meetings
from digitalagentur.reports.models import Meeting, MeetingTask
from digitalagentur.tenancy.models import Region


@pytest.fixture
def region(demo_db, db):
    region = Region.objects.get(slug="kreis-coesfeld")
    if not Meeting.objects.filter(region=region, is_demo=True).exists():
        load_meetings(DemoLoader(), region)
    return region


def test_meetings_of_the_agency_bodies_with_minutes_and_tasks(region):
    meetings = Meeting.objects.filter(region=region, is_demo=True).select_related("body")
    assert {m.body.slug for m in meetings} == {"koordinierungskreis", "lenkungskreis"}
    past = [m for m in meetings if m.start < timezone.now()]
    assert len(past) >= 3 and all(m.agenda and m.minutes and m.decisions for m in past)
    assert any(m.start > timezone.now() for m in meetings)
    tasks = MeetingTask.objects.filter(region=region)
    assert tasks.count() >= 5 and all(t.is_demo for t in tasks)
    owners = set(tasks.exclude(owner=None).values_list("owner__username", flat=True))
    assert {"koordination", "senden", "havixbeck"} <= owners
    assert tasks.filter(done_at__isnull=False).exists()
    assert tasks.filter(done_at__isnull=True).exists()


def test_loading_again_adds_nothing_and_keeps_the_report_meetings(region):
    report_meetings = set(Meeting.objects.filter(region=region, is_demo=False).values_list("pk"))
    assert report_meetings  # demo/reports.py's meetings
    counts = (Meeting.objects.count(), MeetingTask.objects.count())
    loader = DemoLoader()
    load_meetings(loader, region)
    assert (Meeting.objects.count(), MeetingTask.objects.count()) == counts
    assert not loader.created
    assert set(Meeting.objects.filter(region=region, is_demo=False).values_list("pk")) == (
        report_meetings
    )


def test_the_coordination_login_sees_its_tasks_on_the_dashboard(client, region):
    user = get_user_model().objects.get(username="koordination")
    client.force_login(user)
    host = {"HTTP_HOST": region.hostname} if region.hostname else {}
    page = client.get(reverse("staff:dashboard"), **host).content.decode()
    section = page[page.index('id="meine-aufgaben"') :]
    section = section[: section.index("</section>")]
    assert "Zeitplan für die Fortschreibung entwerfen" in section
    assert "überfällig" in section
    assert "Radar-Ausgabe veröffentlichen" not in section  # done
