"""Meetings of the bodies and their tasks (issue 14, section 3): who may do what
(reports.rules), owners only from the meeting's region, ticking done and reopening with the
change log, and bad input refused in German with nothing saved."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from digitalagentur.core import testing as t
from digitalagentur.core.services import EditConflict, changes_for
from digitalagentur.reports import rules, services
from digitalagentur.reports.models import Meeting, MeetingTask
from digitalagentur.tenancy.choices import Role
from digitalagentur.tenancy.models import RoleAssignment
from digitalagentur.tenancy.permissions import get_access
from digitalagentur.testing.meetings import make_body, make_meeting, make_task

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def meeting(region):
    return make_meeting(region, make_body(region), agenda="1. Begrüßung\n2. Bericht")


# ---- rules --------------------------------------------------------------------------------------


def test_the_coordination_manages_everyone_else_reads(region, users, meeting):
    for role in ("coordinator", "admin"):
        access = get_access(users[role], region)
        assert rules.can_manage_meetings(access) and rules.can_manage_meeting(access, meeting)
    for role in ("officer", "reader"):
        access = get_access(users[role], region)
        assert rules.can_read_meetings(access)
        assert not rules.can_manage_meetings(access)
        assert not rules.can_manage_meeting(access, meeting)
    public = get_access(None, region)
    assert not rules.can_read_meetings(public) and not rules.can_manage_meetings(public)


def test_a_coordinator_of_another_region_manages_nothing_here(region, other_region, meeting):
    foreign = t.make_user_with_role(other_region, Role.COORDINATOR, username="koord-b")
    in_b = get_access(foreign, other_region)
    assert rules.can_manage_meetings(in_b)
    assert not rules.can_manage_meeting(in_b, meeting)  # meeting of region A
    assert not rules.can_read_meetings(get_access(foreign, region))


def test_only_the_owner_or_the_coordination_ticks_a_task(region, users, meeting):
    task = make_task(meeting, owner=users["officer"])
    officer, reader = users["officer"], users["reader"]
    assert rules.can_tick_task(get_access(officer, region), task, officer)
    assert not rules.can_tick_task(get_access(reader, region), task, reader)
    coordinator = users["coordinator"]
    assert rules.can_tick_task(get_access(coordinator, region), task, coordinator)
    nobodys = make_task(meeting, "Ohne Zuständigkeit")
    assert not rules.can_tick_task(get_access(officer, region), nobodys, officer)


def test_an_owner_who_lost_the_role_ticks_no_more(region, users, meeting):
    officer = users["officer"]
    task = make_task(meeting, owner=officer)
    RoleAssignment.objects.filter(user=officer).delete()
    assert not rules.can_tick_task(get_access(officer, region), task, officer)


# ---- owners -----------------------------------------------------------------------------------


def test_owners_must_hold_a_role_in_the_meetings_region(region, other_region, users, meeting):
    foreign = t.make_user_with_role(other_region, Role.COORDINATOR, username="koord-b")
    nobody = t.make_user("ohne-rolle")
    for user in (foreign, nobody):
        with pytest.raises(ValidationError) as caught:
            make_task(meeting, owner=user)
        assert "keine" in caught.value.message_dict["owner"][0]
    assert not MeetingTask.objects.exists()
    task = make_task(meeting, owner=users["reader"])
    with pytest.raises(ValidationError):
        services.update_task(task, {"owner": foreign}, expected_version=task.version)
    task.refresh_from_db()
    assert task.owner == users["reader"] and task.version == 1


def test_an_inactive_user_cannot_own_a_task(users, meeting):
    reader = users["reader"]
    reader.is_active = False
    reader.save()
    with pytest.raises(ValidationError):
        make_task(meeting, owner=reader)


# ---- writes -----------------------------------------------------------------------------------


def test_creating_and_updating_a_meeting_is_logged(region, users, meeting):
    coordinator = users["coordinator"]
    updated = services.update_meeting(
        meeting,
        {"minutes": "Alle waren da.", "decisions": "Die Strategie wird fortgeschrieben."},
        expected_version=meeting.version,
        user=coordinator,
        reason="Protokoll",
    )
    assert updated.version == 2
    changes = list(changes_for(meeting))
    assert [c.action for c in changes] == ["update", "create"]
    assert changes[0].changes["minutes"] == {"before": "", "after": "Alle waren da."}
    assert changes[0].user == coordinator and changes[0].reason == "Protokoll"
    with pytest.raises(EditConflict):
        services.update_meeting(meeting, {"minutes": "alt"}, expected_version=1)


def test_a_body_of_another_region_is_refused(region, other_region):
    foreign_body = make_body(other_region, "KK B", slug="kk-b")
    with pytest.raises(ValidationError) as caught:
        make_meeting(region, foreign_body)
    assert "Region" in caught.value.message_dict["body"][0]
    assert not Meeting.objects.exists()


def test_implausible_dates_and_end_before_start_are_refused(region):
    body = make_body(region)
    far = datetime.datetime(2500, 1, 1, 10, tzinfo=BERLIN)
    with pytest.raises(ValidationError) as caught:
        make_meeting(region, body, start=far)
    assert "plausibles Datum" in caught.value.message_dict["start"][0]
    start = datetime.datetime(2025, 3, 1, 17, tzinfo=BERLIN)
    with pytest.raises(ValidationError) as caught:
        make_meeting(region, body, start=start, end=start - datetime.timedelta(hours=1))
    assert "Ende" in caught.value.message_dict["end"][0]
    assert not Meeting.objects.exists()


def test_a_task_needs_a_title_and_a_plausible_due_date(meeting):
    with pytest.raises(ValidationError) as caught:
        make_task(meeting, "   ")
    assert "Aufgabe" in caught.value.message_dict["title"][0]
    with pytest.raises(ValidationError) as caught:
        make_task(meeting, "Bericht", due_date=datetime.date(3000, 1, 1))
    assert "due_date" in caught.value.message_dict
    assert not MeetingTask.objects.exists()


def test_ticking_done_and_reopening_is_recorded(users, meeting):
    officer = users["officer"]
    task = make_task(meeting, "  Bericht   schreiben ", owner=officer)
    assert task.title == "Bericht schreiben"
    done = services.set_task_done(task, True, user=officer)
    assert done.is_done and done.done_by == officer and done.version == 2
    again = services.set_task_done(done, True, user=users["coordinator"])
    assert again.version == 2 and again.done_by == officer  # a second click changes nothing
    reopened = services.set_task_done(again, False, user=officer)
    assert not reopened.is_done and reopened.done_by is None and reopened.version == 3
    actions = [c.action for c in changes_for(task)]
    assert actions == ["update", "update", "create"]


def test_overdue_means_open_and_due_before_today(meeting):
    today = timezone.localdate()
    late = make_task(meeting, "spät", due_date=today - datetime.timedelta(days=1))
    due_today = make_task(meeting, "heute", due_date=today)
    assert late.is_overdue(today) and not due_today.is_overdue(today)
    late = services.set_task_done(late, True)
    assert not late.is_overdue(today)


def test_deleting_a_meeting_deletes_its_tasks(meeting):
    make_task(meeting)
    meeting.delete()
    assert not MeetingTask.objects.exists()
