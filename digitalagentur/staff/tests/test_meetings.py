"""Meetings of the bodies in the staff area (issue 14, section 3): every role of the region
reads meetings, minutes and tasks; the coordination writes them (403 for the others); other
regions' meetings and tasks are 404; a task's owner ticks it done from the dashboard or the
meeting's page; the dashboard lists only the user's own open tasks, with a constant number of
queries; bad input is refused in German and saves nothing. Also the contact directory."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from digitalagentur.core import testing as t
from digitalagentur.core.services import changes_for
from digitalagentur.directory.models import Membership, Person
from digitalagentur.reports import services
from digitalagentur.reports.models import Meeting, MeetingTask
from digitalagentur.tenancy.choices import Role
from digitalagentur.testing.meetings import in_days, make_body, make_meeting, make_task

from .helpers import confirm_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def url(name, *args):
    return reverse(f"staff:{name}", args=args)


@pytest.fixture
def body(region):
    return make_body(region, "Koordinierungskreis", slug="kk")


@pytest.fixture
def meeting(region, body):
    return make_meeting(
        region,
        body,
        name="3. Sitzung",
        location="Kreishaus Coesfeld",
        agenda="1. Begrüßung\n2. **Radar**",
        minutes="Vertraulich: Haushalt knapp.",
        decisions="Radar wird veröffentlicht.",
    )


@pytest.fixture
def task(meeting, users):
    return make_task(meeting, "Radar aktualisieren", owner=users["officer"])


@pytest.fixture
def foreign(other_region):
    body = make_body(other_region, "KK B", slug="kk-b")
    meeting = make_meeting(other_region, body, name="Fremde Sitzung")
    return meeting, make_task(meeting, "Fremde Aufgabe")


def meeting_data(meeting=None, **overrides) -> dict:
    data = {
        "body": meeting.body_id if meeting else "",
        "name": meeting.name if meeting else "",
        "start": timezone.localtime(meeting.start).strftime("%Y-%m-%dT%H:%M") if meeting else "",
        "end": "",
        "location": meeting.location if meeting else "",
        "agenda": meeting.agenda if meeting else "",
        "minutes": meeting.minutes if meeting else "",
        "decisions": meeting.decisions if meeting else "",
        "reason": "",
    }
    if meeting is not None:
        data["version"] = meeting.version
    data.update(overrides)
    return data


def edit_pages(meeting, task):
    return [
        url("meeting_create"),
        url("meeting_edit", meeting.pk),
        url("meeting_task_create", meeting.pk),
        url("meeting_task_edit", task.pk),
        url("meeting_task_delete", task.pk),
    ]


# ---- permissions ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_the_coordination_reaches_every_page(client, login, meeting, task, role):
    login(role)
    for address in [url("meeting_list"), url("meeting_detail", meeting.pk)]:
        assert client.get(address).status_code == 200, address
    for address in edit_pages(meeting, task):
        assert client.get(address).status_code == 200, address
    page = client.get(url("meeting_list")).content.decode()
    assert f'href="{url("meeting_list")}" aria-current="page"' in page
    assert url("meeting_create") in page


@pytest.mark.parametrize("role", ["officer", "reader"])
def test_other_staff_read_minutes_but_write_nothing(client, login, meeting, task, role):
    login(role)
    detail = client.get(url("meeting_detail", meeting.pk)).content.decode()
    assert "Vertraulich: Haushalt knapp." in detail and "Radar aktualisieren" in detail
    assert "<strong>Radar</strong>" in detail  # the agenda's Markdown is rendered
    assert url("meeting_edit", meeting.pk) not in detail
    assert url("meeting_task_edit", task.pk) not in detail
    for address in edit_pages(meeting, task):
        assert client.get(address).status_code == 403, address
        assert client.post(address, {}).status_code == 403, address
    task.refresh_from_db()
    assert task.version == 1 and Meeting.objects.count() == 1


def test_anonymous_users_go_to_the_login_page(client, meeting, task):
    for address in [url("meeting_list"), url("meeting_detail", meeting.pk)]:
        response = client.get(address)
        assert response.status_code == 302 and "anmelden" in response["Location"]
    response = client.post(url("meeting_task_done", task.pk), {"done": "1"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert not task.is_done


def test_other_regions_meetings_and_tasks_are_404(client, login, meeting, foreign):
    foreign_meeting, foreign_task = foreign
    login("coordinator")
    for address in [
        url("meeting_detail", foreign_meeting.pk),
        url("meeting_edit", foreign_meeting.pk),
        url("meeting_task_create", foreign_meeting.pk),
        url("meeting_task_edit", foreign_task.pk),
        url("meeting_task_delete", foreign_task.pk),
    ]:
        assert client.get(address).status_code == 404, address
    assert client.post(url("meeting_task_done", foreign_task.pk), {"done": "1"}).status_code == 404
    listing = client.get(url("meeting_list")).content.decode()
    assert "Fremde Sitzung" not in listing and "3. Sitzung" in listing
    foreign_task.refresh_from_db()
    assert not foreign_task.is_done


def test_a_coordinator_of_another_region_is_refused(client, login, meeting, other_region):
    login("foreign_coordinator")
    assert client.get(url("meeting_list")).status_code == 403
    assert client.get(url("meeting_detail", meeting.pk)).status_code == 403


# ---- the list ----------------------------------------------------------------------------------


def test_upcoming_meetings_first_then_past_ones_latest_first(client, login, region, body):
    make_meeting(region, body, name="Vor einem Jahr", days=-365)
    make_meeting(region, body, name="Letzte Woche", days=-7)
    make_meeting(region, body, name="In einem Monat", days=30)
    make_meeting(region, body, name="Morgen", days=1)
    other = make_body(region, "Lenkungskreis", slug="lk")
    make_meeting(region, other, name="Lenkung morgen", days=1, end=in_days(1, 19))
    login("reader")
    page = client.get(url("meeting_list") + f"?gremium={body.pk}").content.decode()
    order = ["Morgen", "In einem Monat", "Letzte Woche", "Vor einem Jahr"]
    positions = [page.index(f">{name}<") for name in order]
    assert positions == sorted(positions)
    assert "Lenkung morgen" not in page
    assert "Lenkung morgen" in client.get(url("meeting_list")).content.decode()


def test_a_bad_filter_is_named_and_ignored(client, login, meeting):
    login("reader")
    response = client.get(url("meeting_list") + "?gremium=99999999999999999999")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Bitte wählen Sie ein Gremium der Liste." in page and "3. Sitzung" in page


def count_queries(client, target) -> int:
    client.get(target)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(target).status_code == 200
    return len(captured)


def test_the_list_costs_the_same_for_3_or_13_meetings(client, login, region, body, users):
    for n in range(3):
        make_task(make_meeting(region, body, days=n), owner=users["officer"])
    login("coordinator")
    small = count_queries(client, url("meeting_list"))
    for n in range(10):
        make_task(make_meeting(region, make_body(region, f"AG {n}", slug=f"ag-{n}"), days=-n))
    assert count_queries(client, url("meeting_list")) == small


# ---- writing meetings ------------------------------------------------------------------------


def test_the_coordination_creates_and_edits_a_meeting(client, login, region, body):
    login("coordinator")
    response = client.post(
        url("meeting_create"),
        meeting_data(
            body=body.pk, start="2026-03-03T17:00", location="Kreishaus", agenda="1. Start"
        ),
    )
    created = Meeting.objects.get(region=region)
    assert response.status_code == 302 and response["Location"] == url("meeting_detail", created.pk)
    assert timezone.localtime(created.start).hour == 17 and created.agenda == "1. Start"
    response = client.post(
        url("meeting_edit", created.pk),
        meeting_data(created, minutes="Alle da.", reason="Protokoll ergänzt"),
    )
    assert response.status_code == 302
    created.refresh_from_db()
    assert created.minutes == "Alle da." and created.version == 2
    assert changes_for(created).first().reason == "Protokoll ergänzt"


def test_bad_meeting_input_is_refused_in_german(client, login, region, body, other_region):
    foreign_body = make_body(other_region, "Fremd", slug="fremd")
    login("coordinator")
    cases = [
        ({"body": "", "start": "2026-03-03T17:00"}, "Bitte wählen Sie das Gremium."),
        ({"body": foreign_body.pk, "start": "2026-03-03T17:00"}, "Gremium der Liste"),
        ({"body": body.pk, "start": "morgen"}, "Datum und Uhrzeit"),
        ({"body": body.pk, "start": "2026-03-03T17:00", "end": "2026-03-03T16:00"}, "Ende"),
        ({"body": body.pk, "start": "2600-03-03T17:00"}, "plausibles Datum"),
    ]
    for values, message in cases:
        response = client.post(url("meeting_create"), meeting_data(**values))
        assert response.status_code == 400, values
        assert message in response.content.decode(), values
    assert not Meeting.objects.exists()


def test_a_stale_edit_shows_the_conflict(client, login, meeting):
    login("coordinator")
    services.update_meeting(meeting, {"minutes": "neu"}, expected_version=1)
    response = client.post(url("meeting_edit", meeting.pk), meeting_data(meeting, version=1))
    assert response.status_code == 409
    meeting.refresh_from_db()
    assert meeting.minutes == "neu"


# ---- writing tasks ---------------------------------------------------------------------------


def test_tasks_are_added_edited_and_deleted_with_confirmation(client, login, meeting, users):
    login("coordinator")
    response = client.post(
        url("meeting_task_create", meeting.pk),
        {"title": "Bericht schreiben", "owner": users["reader"].pk, "due_date": "2026-04-01"},
    )
    task = MeetingTask.objects.get(meeting=meeting)
    assert response.status_code == 302 and task.owner == users["reader"]
    assert task.due_date == datetime.date(2026, 4, 1) and task.region_id == meeting.region_id
    response = client.post(
        url("meeting_task_edit", task.pk),
        {"title": "Bericht schreiben", "owner": "", "due_date": "", "version": 1},
    )
    task.refresh_from_db()
    assert response.status_code == 302 and task.owner is None and task.due_date is None
    assert "wirklich löschen" in client.get(url("meeting_task_delete", task.pk)).content.decode()
    assert MeetingTask.objects.filter(pk=task.pk).exists()  # GET only asks
    response = client.post(url("meeting_task_delete", task.pk), confirm_data(task))
    assert response.status_code == 302 and not MeetingTask.objects.exists()


def test_an_owner_from_another_region_or_without_role_is_refused(
    client, login, meeting, other_region
):
    foreign = t.make_user_with_role(other_region, Role.COORDINATOR, username="koord-b")
    nobody = t.make_user("ohne-rolle")
    login("coordinator")
    for owner in (foreign, nobody):
        response = client.post(
            url("meeting_task_create", meeting.pk), {"title": "Aufgabe", "owner": owner.pk}
        )
        assert response.status_code == 400
        assert "nur wer eine Rolle in dieser Region" in response.content.decode()
    response = client.post(url("meeting_task_create", meeting.pk), {"title": "  "})
    assert response.status_code == 400
    assert "Bitte beschreiben Sie die Aufgabe." in response.content.decode()
    assert not MeetingTask.objects.exists()


# ---- ticking tasks and the dashboard -----------------------------------------------------------


def test_the_owner_ticks_their_task_from_the_dashboard(client, login, task, users):
    officer = login("officer")
    dashboard = client.get(url("dashboard")).content.decode()
    assert "Meine Aufgaben" in dashboard and "Radar aktualisieren" in dashboard
    response = client.post(
        url("meeting_task_done", task.pk),
        {"done": "1", "next": url("dashboard") + "#aufgaben"},
    )
    assert response.status_code == 302 and response["Location"] == url("dashboard") + "#aufgaben"
    task.refresh_from_db()
    assert task.is_done and task.done_by == officer
    dashboard = client.get(url("dashboard")).content.decode()
    section = dashboard[dashboard.index('id="meine-aufgaben"') :]
    section = section[: section.index("</section>")]
    assert "Radar aktualisieren" not in section
    assert "Sie haben keine offenen Aufgaben aus Sitzungen." in section
    # Reopen from the meeting's page; a foreign "next" is not followed.
    response = client.post(
        url("meeting_task_done", task.pk), {"done": "0", "next": "https://evil.example/"}
    )
    assert response["Location"].startswith(url("meeting_detail", task.meeting_id))
    task.refresh_from_db()
    assert not task.is_done


def test_nobody_else_ticks_a_task_and_get_is_not_allowed(client, login, task, meeting):
    login("reader")
    assert client.post(url("meeting_task_done", task.pk), {"done": "1"}).status_code == 403
    login("officer")
    assert client.get(url("meeting_task_done", task.pk)).status_code == 405
    response = client.post(url("meeting_task_done", task.pk), {"done": "vielleicht"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert not task.is_done
    others = make_task(meeting, "Nicht meine")
    assert client.post(url("meeting_task_done", others.pk), {"done": "1"}).status_code == 403


def test_the_dashboard_shows_only_own_open_tasks_with_overdue_marked(
    client, login, meeting, users, foreign, other_region
):
    officer = users["officer"]
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    make_task(meeting, "Überfällige Sache", owner=officer, due_date=yesterday)
    make_task(meeting, "Sache der Leserin", owner=users["reader"])
    done = make_task(meeting, "Schon erledigt", owner=officer)
    services.set_task_done(done, True)
    # The same user holds a role in region B too: tasks there stay there.
    t.grant(officer, other_region, Role.READER)
    make_task(foreign[0], "Aufgabe in B", owner=officer)
    login("officer")
    page = client.get(url("dashboard")).content.decode()
    section = page[page.index('id="meine-aufgaben"') :]
    assert "Überfällige Sache" in section and "überfällig" in section
    for hidden in ("Sache der Leserin", "Schon erledigt", "Aufgabe in B"):
        assert hidden not in page, hidden


def test_the_dashboard_costs_the_same_for_1_or_11_tasks(client, login, region, body, users):
    officer = users["officer"]
    make_task(make_meeting(region, body), "Erste", owner=officer)
    login("officer")
    small = count_queries(client, url("dashboard"))
    for n in range(10):
        meeting = make_meeting(region, make_body(region, f"AG {n}", slug=f"ag-{n}"), days=n)
        make_task(meeting, f"Aufgabe {n}", owner=officer, due_date=timezone.localdate())
    assert count_queries(client, url("dashboard")) == small
    assert "Aufgabe 9" in client.get(url("dashboard")).content.decode()


def test_the_body_page_links_its_meetings(client, login, body, meeting):
    login("reader")
    page = client.get(url("body_detail", body.pk)).content.decode()
    assert f"{url('meeting_list')}?gremium={body.pk}" in page


# ---- the contact directory ---------------------------------------------------------------------


@pytest.fixture
def contacts(region, town, other_town, body):
    anna = Person.objects.create(
        region=region,
        name="Anna Amsel",
        office="Digitalisierungsbeauftragte",
        municipality=town,
        email="anna@example.org",
        phone="02597 123-45",
    )
    bernd = Person.objects.create(region=region, name="Bernd Bussard", municipality=other_town)
    Membership.objects.create(body=body, person=anna, role="officer", label="Vertretung Senden")
    return anna, bernd


def test_the_contact_directory_shows_contacts_and_roles(client, login, contacts, body):
    login("reader")
    page = client.get(url("person_list")).content.decode()
    assert 'href="mailto:anna@example.org"' in page and "02597 123-45" in page
    assert "Vertretung Senden" in page and url("body_detail", body.pk) in page


def test_the_contact_directory_filters_by_name_town_and_body(
    client, login, contacts, town, other_town, body
):
    login("reader")
    for query, shown, hidden in [
        ("?q=amsel", "Anna Amsel", "Bernd Bussard"),
        (f"?kommune={other_town.pk}", "Bernd Bussard", "Anna Amsel"),
        (f"?gremium={body.pk}", "Anna Amsel", "Bernd Bussard"),
    ]:
        page = client.get(url("person_list") + query).content.decode()
        assert shown in page and hidden not in page, query
    page = client.get(url("person_list") + "?q=niemand").content.decode()
    assert "Niemand passt zu diesen Filtern." in page


def test_a_bad_phone_number_is_refused(client, login, region):
    login("coordinator")
    response = client.post(
        url("person_create"), {"name": "Carla Cormoran", "phone": "ruf mich an", "reason": ""}
    )
    assert response.status_code == 200
    assert "Bitte nur Ziffern" in response.content.decode()
    assert not Person.objects.filter(name="Carla Cormoran").exists()
