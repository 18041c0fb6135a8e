"""The living document: change log, per-object history, frozen versions and their diffs."""

from __future__ import annotations

from django.urls import reverse

from digitalagentur.core import testing as t
from digitalagentur.core.services import update_object
from digitalagentur.portfolio.services import update_project
from digitalagentur.strategy.models import StrategyVersion
from digitalagentur.strategy.versions import freeze_version

from .helpers import project_data


def url(name, *args):
    return reverse(f"staff:{name}", args=args)


def test_change_log_shows_who_when_what_before_after_and_why(client, world, login, users):
    login("coordinator")
    data = project_data(
        world.own_project, title="Rathaus digital", status="in_progress", reason="Neuer Name"
    )
    client.post(url("project_edit", world.own_project.pk), data)
    content = client.get(url("change_list")).content.decode()
    assert "koord-a" in content
    assert "Neuer Name" in content
    assert "Projekt:" in content
    assert url("project_detail", world.own_project.pk) in content
    # Text: marked word by word; choices: German labels before and after.
    assert "<del>Online ins Rathaus A</del>" in content or "<del>Online" in content
    assert "<ins>" in content and "digital" in content
    assert "geplant" in content and "in Umsetzung" in content


def test_change_log_filters_by_type_user_and_action(client, world, login, users):
    update_project(
        world.own_project, {"title": "Vom Officer"}, expected_version=1, user=users["officer"]
    )
    update_object(
        world.field, {"name": "Von Koordination"}, expected_version=1, user=users["coordinator"]
    )
    login("reader")
    response = client.get(url("change_list"), {"type": "strategy.field"})
    objects = {e.change.object_repr for e in response.context["entries"]}
    assert objects == {"Von Koordination"}
    response = client.get(url("change_list"), {"user": users["officer"].pk})
    assert {e.change.object_repr for e in response.context["entries"]} == {"Vom Officer"}
    response = client.get(url("change_list"), {"action": "update"})
    assert len(response.context["entries"]) == 2
    # Invalid filter values are reported, not a 500.
    response = client.get(url("change_list"), {"type": "auth.user", "user": "x", "page": "-1"})
    assert response.status_code == 200
    assert "ungültig" in response.content.decode()


def test_change_log_is_paginated(client, world, login, users):
    for n in range(35):
        update_project(world.other_project, {"progress": n + 1}, expected_version=n + 1)
    login("coordinator")
    response = client.get(url("change_list"))
    assert len(response.context["entries"]) == 30
    assert 'rel="next"' in response.content.decode()
    assert client.get(url("change_list"), {"page": 2}).status_code == 200


def test_project_page_has_its_history(client, world, login, users):
    update_project(
        world.own_project,
        {"lead": "Frau Beispiel"},
        expected_version=1,
        user=users["officer"],
        reason="Zuständigkeit geklärt",
    )
    login("reader")
    content = client.get(url("project_detail", world.own_project.pk)).content.decode()
    assert "Verlauf" in content
    assert "Zuständigkeit geklärt" in content
    assert "Kümmerer" in content
    assert "Frau Beispiel" in content


def test_coordinator_freezes_a_version(client, world, login):
    login("coordinator")
    response = client.post(
        url("version_freeze"), {"name": "Fassung 2024 (Fortschreibung)", "note": "Nach Workshop"}
    )
    version = StrategyVersion.objects.get(name="Fassung 2024 (Fortschreibung)")
    assert response.status_code == 302
    assert response.url == url("version_detail", version.pk)
    assert version.region == world.region
    assert version.note == "Nach Workshop"
    assert world.own_project.title in str(version.snapshot)
    content = client.get(url("version_list")).content.decode()
    assert "Fassung 2024 (Fortschreibung)" in content
    assert world.version.name in content


def test_duplicate_version_name_is_a_form_error(client, world, login):
    login("coordinator")
    response = client.post(url("version_freeze"), {"name": f" {world.version.name} "})
    assert response.status_code == 200
    assert "Eine Fassung mit diesem Namen gibt es schon." in response.content.decode()
    assert StrategyVersion.objects.filter(region=world.region).count() == 1


def test_version_detail_renders_the_snapshot_read_only(client, world, login):
    login("reader")
    # Later changes do not alter what the frozen version shows.
    update_project(world.own_project, {"title": "Später umbenannt"}, expected_version=1)
    content = client.get(url("version_detail", world.version.pk)).content.decode()
    assert world.strategy.title in content
    assert world.field.name in content
    assert world.goal.title in content
    assert "Online ins Rathaus A" in content
    assert "Später umbenannt" not in content
    assert "Senden" in content  # town names, not slugs
    assert "<form" not in content.split('class="staff-main"')[1].split("</main>")[0]


def test_diff_marks_a_changed_title_and_added_items(client, world, login, users):
    update_object(world.strategy, {"title": "Strategie A 2.0"}, expected_version=1)
    t.make_field(world.strategy, "Mobilität", priority=2)
    update_project(world.own_project, {"status": "completed"}, expected_version=1)
    world.strategy.refresh_from_db()
    newer = freeze_version(world.strategy, "Fassung 2024")
    login("reader")
    response = client.get(url("version_diff"), {"a": world.version.pk, "b": newer.pk})
    content = response.content.decode()
    assert response.status_code == 200
    assert "<ins> 2.0</ins>" in content  # the changed title, marked word by word
    assert "Hinzugekommen" in content and "Mobilität" in content
    assert "geplant" in content and "abgeschlossen" in content


def test_diff_against_the_current_state(client, world, login):
    update_object(world.strategy, {"title": "Strategie B neu"}, expected_version=1)
    login("coordinator")
    response = client.get(url("version_diff"), {"a": world.version.pk, "b": "aktuell"})
    content = response.content.decode()
    assert "aktueller Stand" in content
    assert "<del>A</del>" in content
    assert "<ins>B neu</ins>" in content or "<ins>B</ins>" in content


def test_diff_without_differences_and_with_bad_input(client, world, login):
    login("coordinator")
    content = client.get(
        url("version_diff"), {"a": world.version.pk, "b": "aktuell"}
    ).content.decode()
    assert "Die beiden Stände sind inhaltlich gleich." in content
    for params in (
        {"a": world.foreign_version.pk, "b": "aktuell"},
        {"a": "x", "b": "y"},
        {"a": "aktuell", "b": "aktuell"},
    ):
        response = client.get(url("version_diff"), params)
        assert response.status_code == 200
        assert "Bitte prüfen Sie Ihre Eingaben." in response.content.decode()
    assert client.get(url("version_diff")).status_code == 200
