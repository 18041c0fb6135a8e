"""A town's part of a shared project in the staff area: who edits it, what follows from it."""

import pytest
from django.urls import reverse

from digitalagentur.core import testing as t
from digitalagentur.portfolio.models import Participation, Project, ProjectUpdate
from digitalagentur.tenancy.choices import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(region, town, other_town):
    return t.make_project(
        region, "Online ins Rathaus", towns=[town, other_town], status="in_progress", progress=40
    )


def part_of(project, town):
    return Participation.objects.get(project=project, municipality=town)


def post_part(client, part, **values):
    data = {"status": part.status, "progress": part.progress, "note": part.note}
    data.update(version=part.version, reason="", **values)
    return client.post(reverse("staff:part_edit", args=[part.pk]), data)


def test_officer_saves_the_towns_part_and_the_project_follows(client, login, shared, town):
    login("officer")
    part = part_of(shared, town)
    response = post_part(client, part, progress=90, status="completed", note="Live seit Mai")
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:project_detail", args=[shared.pk])
    shared.refresh_from_db()
    assert (shared.status, shared.progress) == ("in_progress", 65)
    assert part_of(shared, town).note == "Live seit Mai"
    assert not ProjectUpdate.objects.filter(project=shared).exists()


def test_the_note_becomes_a_public_update_if_wished(client, login, shared, town):
    login("officer")
    part = part_of(shared, town)
    response = post_part(client, part, progress=60, note="Antrag gestellt", publish_update="on")
    assert response.status_code == 302
    update = ProjectUpdate.objects.get(project=shared)
    assert update.published and update.text == "Antrag gestellt"
    assert "Senden" in update.title and "60 %" in update.title


def test_the_same_note_sent_twice_makes_one_update(client, login, shared, town):
    login("officer")
    part = part_of(shared, town)
    post_part(client, part, progress=60, note="Antrag gestellt", publish_update="on")
    post_part(client, part_of(shared, town), note="Antrag gestellt", publish_update="on")
    assert ProjectUpdate.objects.filter(project=shared).count() == 1


def test_the_public_update_is_written_in_the_sites_language(client, login, shared, town):
    login("officer")
    client.cookies["django_language"] = "en"
    post_part(client, part_of(shared, town), progress=60, note="Antrag", publish_update="on")
    assert ProjectUpdate.objects.get(project=shared).title == "Stand in Senden: in Umsetzung, 60 %"


def test_publishing_needs_a_note(client, login, shared, town):
    login("officer")
    response = post_part(client, part_of(shared, town), note="", publish_update="on")
    assert response.status_code == 200
    assert "bitte eine Notiz" in response.content.decode()
    assert not ProjectUpdate.objects.exists()


def test_another_towns_part_is_forbidden(client, login, shared, other_town):
    login("officer")
    part = part_of(shared, other_town)
    assert client.get(reverse("staff:part_edit", args=[part.pk])).status_code == 403
    assert post_part(client, part, progress=99).status_code == 403
    assert part_of(shared, other_town).progress == 40


def test_reader_and_other_region_may_not(client, login, shared, town, other_region):
    part = part_of(shared, town)
    login("reader")
    assert post_part(client, part, progress=99).status_code == 403
    foreign = t.make_user_with_role(other_region, Role.COORDINATOR, username="koord-b2")
    client.force_login(foreign)
    assert post_part(client, part, progress=99).status_code == 403
    assert part_of(shared, town).progress == 40


def test_stale_part_shows_the_conflict(client, login, shared, town):
    login("officer")
    part = part_of(shared, town)
    assert post_part(client, part, progress=50).status_code == 302
    stale = post_part(client, part, progress=70)
    assert stale.status_code == 409
    assert part_of(shared, town).progress == 50


def test_quick_update_answers_json_to_a_script(client, login, shared, town):
    login("officer")
    part = part_of(shared, town)
    data = {"status": "in_progress", "progress": 80, "note": "", "version": part.version}
    url = reverse("staff:part_edit", args=[part.pk])
    response = client.post(url, data, headers={"accept": "application/json"})
    assert response.status_code == 200
    answer = response.json()
    assert (answer["progress"], answer["version"]) == (80, part.version + 1)
    assert answer["project"]["progress"] == 60
    bad = client.post(url, {**data, "progress": 140}, headers={"accept": "application/json"})
    assert bad.status_code == 400 and "progress" in bad.json()["errors"]
    stale = client.post(url, data, headers={"accept": "application/json"})
    assert stale.status_code == 409


def test_next_leads_back_only_within_the_site(client, login, shared, town):
    login("officer")
    part = part_of(shared, town)
    response = post_part(client, part, progress=45, next=reverse("staff:dashboard"))
    assert response["Location"] == reverse("staff:dashboard")
    part = part_of(shared, town)
    response = post_part(client, part, progress=46, next="https://example.com/")
    assert response["Location"] == reverse("staff:project_detail", args=[shared.pk])


def test_officer_form_of_a_shared_project_has_no_figures(client, login, shared, town):
    login("officer")
    page = client.get(reverse("staff:project_edit", args=[shared.pk])).content.decode()
    assert 'name="progress"' not in page and 'name="status"' not in page
    detail = client.get(reverse("staff:project_detail", args=[shared.pk])).content.decode()
    assert reverse("staff:part_edit", args=[part_of(shared, town).pk]) in detail
    progress = reverse("staff:project_progress", args=[shared.pk])
    assert client.get(progress).status_code == 403


def test_coordinator_sets_the_figures_and_gives_them_back(client, login, shared):
    login("coordinator")
    url = reverse("staff:project_edit", args=[shared.pk])
    page = client.get(url).content.decode()
    assert 'name="progress_is_override"' in page
    data = {
        "title": shared.title,
        "status": "in_progress",
        "progress": 70,
        "towns": list(shared.participating_town_ids()),
        "version": shared.version,
    }
    assert client.post(url, data).status_code == 302
    shared.refresh_from_db()
    assert (shared.progress, shared.progress_is_override) == (70, True)
    detail = client.get(reverse("staff:project_detail", args=[shared.pk])).content.decode()
    assert "von der Koordination festgelegt" in detail
    # unticking the box gives the figures back to the parts
    data.update(progress=70, version=shared.version)
    assert client.post(url, data).status_code == 302
    shared = Project.objects.get(pk=shared.pk)
    assert (shared.progress, shared.progress_is_override) == (40, False)
