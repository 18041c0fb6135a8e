"""Concurrent edits: a stale save is refused, shows the other change, overwrites nothing."""

from __future__ import annotations

import re

from django.urls import reverse

from digitalagentur.core.services import update_object
from digitalagentur.portfolio.models import Milestone, Project
from digitalagentur.portfolio.services import update_project

from .helpers import confirm_data, field_data, project_data


def url(name, *args):
    return reverse(f"staff:{name}", args=args)


def hidden_version(content: str) -> int:
    return int(re.search(r'name="version" value="(\d+)"', content).group(1))


def test_stale_project_save_is_refused_and_shows_the_other_change(client, world, users, login):
    project = world.own_project
    login("coordinator")
    form = client.get(url("project_edit", project.pk)).content.decode()
    loaded_version = hidden_version(form)
    data = project_data(project, title="Mein Titel", summary="Meine Kurzbeschreibung")
    data["version"] = loaded_version

    # Meanwhile the town's officer saves a change.
    update_project(
        Project.objects.get(pk=project.pk),
        {"title": "Titel der Beauftragten", "status": "in_progress"},
        expected_version=loaded_version,
        user=users["officer"],
        reason="Sachstand aus der Ratssitzung",
    )

    response = client.post(url("project_edit", project.pk), data)
    content = response.content.decode()
    assert response.status_code == 409
    # Nothing was overwritten.
    project.refresh_from_db()
    assert project.title == "Titel der Beauftragten"
    assert project.summary == ""
    assert project.version == loaded_version + 1
    # A clear message naming who changed it, and the other change with before/after.
    assert "Dieses Projekt wurde inzwischen von officer-a am" in content
    assert "Sachstand aus der Ratssitzung" in content
    assert "<del>Online ins Rathaus A</del>" in content or "<del>Online" in content
    assert "<ins>Titel der Beauftragten</ins>" in content or "Beauftragten</ins>" in content
    assert "in Umsetzung" in content  # the status change, as label
    # The current values and the user's own input are both on the page.
    assert "Aktuell gespeicherte Werte" in content
    assert 'value="Mein Titel"' in content
    assert "Meine Kurzbeschreibung" in content
    # The form is now based on the current version: saving again is a conscious decision.
    assert hidden_version(content) == loaded_version + 1
    response = client.post(url("project_edit", project.pk), {**data, "version": project.version})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "Mein Titel"


def test_stale_milestone_save_is_refused(client, world, users, login):
    milestone = world.milestone
    login("officer")
    data = {"title": "Meins", "position": 0, "version": milestone.version}
    update_object(
        Milestone.objects.get(pk=milestone.pk),
        {"title": "Von der Koordination"},
        expected_version=milestone.version,
        user=users["coordinator"],
    )
    response = client.post(url("milestone_edit", world.own_project.pk, milestone.pk), data)
    assert response.status_code == 409
    assert "Dieser Meilenstein wurde inzwischen von koord-a am" in response.content.decode()
    milestone.refresh_from_db()
    assert milestone.title == "Von der Koordination"


def test_stale_municipality_save_is_refused(client, world, users, login):
    town = world.town
    login("officer")
    update_object(
        town, {"description": "Text der Koordination"}, expected_version=1, user=users["admin"]
    )
    response = client.post(
        url("municipality_edit", town.pk), {"description": "Mein Text", "version": 1}
    )
    content = response.content.decode()
    assert response.status_code == 409
    assert "Die Kommune wurde inzwischen von admin-a am" in content
    assert "Mein Text" in content
    town.refresh_from_db()
    assert town.description == "Text der Koordination"


def test_stale_field_and_strategy_saves_are_refused(client, world, users, login):
    login("coordinator")
    stale = field_data(world.field, guiding_principle="Mein Leitbild")
    update_object(
        world.field,
        {"guiding_principle": "Anderes Leitbild"},
        expected_version=1,
        user=users["admin"],
    )
    response = client.post(url("field_edit", world.field.pk), stale)
    assert response.status_code == 409
    assert "Dieses Handlungsfeld wurde inzwischen" in response.content.decode()
    world.field.refresh_from_db()
    assert world.field.guiding_principle == "Anderes Leitbild"

    stale = {"title": "Mein Titel", "vision": "Meine Vision", "version": 1}
    update_object(
        world.strategy, {"vision": "Neue Vision"}, expected_version=1, user=users["admin"]
    )
    response = client.post(url("strategy_edit"), stale)
    assert response.status_code == 409
    assert "Die Strategie wurde inzwischen" in response.content.decode()
    world.strategy.refresh_from_db()
    assert world.strategy.vision == "Neue Vision"


def test_stale_delete_is_refused(client, world, users, login):
    project = world.own_project
    login("coordinator")
    stale = confirm_data(project)
    update_project(project, {"title": "Noch gebraucht"}, expected_version=1, user=users["officer"])
    response = client.post(url("project_delete", project.pk), stale)
    assert response.status_code == 409
    content = response.content.decode()
    assert "Es wurde nichts ausgeführt." in content
    assert "Noch gebraucht" in content
    assert Project.objects.filter(pk=project.pk).exists()
    # Confirming again (now on the current version) deletes.
    assert hidden_version(content) == 2
    response = client.post(url("project_delete", project.pk), confirm_data(project, version=2))
    assert response.status_code == 302
    assert not Project.objects.filter(pk=project.pk).exists()


def test_stale_publish_is_refused(client, world, users, login):
    project = world.draft_project
    login("coordinator")
    stale = confirm_data(project)
    update_project(project, {"summary": "Neu"}, expected_version=1, user=users["officer"])
    response = client.post(url("project_publish", project.pk), stale)
    assert response.status_code == 409
    project.refresh_from_db()
    assert project.published is False


def test_edit_of_a_project_deleted_meanwhile_is_not_a_500(client, world, login):
    project = world.own_project
    login("coordinator")
    data = project_data(project, title="Zu spät")
    Project.objects.filter(pk=project.pk).delete()
    response = client.post(url("project_edit", project.pk), data)
    assert response.status_code == 404


def test_delete_without_version_is_refused(client, world, login):
    login("coordinator")
    response = client.post(url("project_delete", world.own_project.pk), {"reason": ""})
    assert response.status_code == 400
    assert "Bitte laden Sie die Seite neu." in response.content.decode()
    assert Project.objects.filter(pk=world.own_project.pk).exists()
