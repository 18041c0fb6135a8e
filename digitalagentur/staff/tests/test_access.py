"""Every staff view × every role: login, region role, object rights, region isolation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from digitalagentur.core.models import ObjectChange

from .helpers import confirm_data, field_data, project_data

MANAGERS = {"admin", "coordinator"}
EDITORS = MANAGERS | {"officer"}
ROLES = ["admin", "coordinator", "officer", "reader"]


def url(name, *args):
    return reverse(f"staff:{name}", args=args)


READ_PAGES = {
    "dashboard": lambda w: url("dashboard"),
    "project_list": lambda w: url("project_list"),
    "project_detail": lambda w: url("project_detail", w.own_project.pk),
    "draft_detail": lambda w: url("project_detail", w.draft_project.pk),
    "other_town_project_detail": lambda w: url("project_detail", w.other_project.pk),
    "strategy": lambda w: url("strategy"),
    "municipality_list": lambda w: url("municipality_list"),
    "change_list": lambda w: url("change_list"),
    "version_list": lambda w: url("version_list"),
    "version_detail": lambda w: url("version_detail", w.version.pk),
    "version_diff": lambda w: url("version_diff") + f"?a={w.version.pk}&b=aktuell",
    "adoption_matrix": lambda w: url("adoption_matrix"),
}

# name: (url, POST data, roles allowed to write)
WRITE_PAGES = {
    "project_create": (
        lambda w: url("project_create"),
        lambda w: {"title": "Neu", "status": "planned", "progress": 0, "towns": [w.town.pk]},
        EDITORS,
    ),
    "project_edit_own_town": (
        lambda w: url("project_edit", w.own_project.pk),
        lambda w: project_data(w.own_project, title="Geändert"),
        EDITORS,
    ),
    "project_edit_other_town": (
        lambda w: url("project_edit", w.other_project.pk),
        lambda w: project_data(w.other_project, title="Geändert"),
        MANAGERS,
    ),
    "project_publish": (
        lambda w: url("project_publish", w.draft_project.pk),
        lambda w: confirm_data(w.draft_project),
        MANAGERS,
    ),
    "project_unpublish": (
        lambda w: url("project_unpublish", w.own_project.pk),
        lambda w: confirm_data(w.own_project),
        MANAGERS,
    ),
    "project_delete": (
        lambda w: url("project_delete", w.own_project.pk),
        lambda w: confirm_data(w.own_project),
        MANAGERS,
    ),
    "project_progress": (
        lambda w: url("project_progress", w.own_project.pk),
        lambda w: confirm_data(w.own_project),
        EDITORS,
    ),
    "milestone_create": (
        lambda w: url("milestone_create", w.own_project.pk),
        lambda w: {"title": "Pilot", "position": 1},
        EDITORS,
    ),
    "milestone_create_other_town": (
        lambda w: url("milestone_create", w.other_project.pk),
        lambda w: {"title": "Pilot", "position": 1},
        MANAGERS,
    ),
    "milestone_edit": (
        lambda w: url("milestone_edit", w.own_project.pk, w.milestone.pk),
        lambda w: {"title": "Start neu", "position": 0, "version": w.milestone.version},
        EDITORS,
    ),
    "milestone_delete": (
        lambda w: url("milestone_delete", w.own_project.pk, w.milestone.pk),
        lambda w: confirm_data(w.milestone),
        EDITORS,
    ),
    "milestone_unpublish": (
        lambda w: url("milestone_unpublish", w.own_project.pk, w.milestone.pk),
        lambda w: confirm_data(w.milestone),
        EDITORS,
    ),
    "update_create": (
        lambda w: url("update_create", w.own_project.pk),
        lambda w: {"date": "2024-02-01", "title": "Neu", "text": "Text"},
        EDITORS,
    ),
    "update_edit": (
        lambda w: url("update_edit", w.own_project.pk, w.update.pk),
        lambda w: {
            "date": "2024-02-01",
            "title": "Neu",
            "text": "Text",
            "version": w.update.version,
        },
        EDITORS,
    ),
    "update_delete": (
        lambda w: url("update_delete", w.own_project.pk, w.update.pk),
        lambda w: confirm_data(w.update),
        EDITORS,
    ),
    "update_publish": (
        lambda w: url("update_publish", w.own_project.pk, w.update.pk),
        lambda w: confirm_data(w.update),
        EDITORS,
    ),
    "strategy_edit": (
        lambda w: url("strategy_edit"),
        lambda w: {"title": "Neu", "vision": "Vision", "version": w.strategy.version},
        MANAGERS,
    ),
    "field_create": (
        lambda w: url("field_create"),
        lambda w: {"name": "Bildung", "priority_group": w.field.priority_group_id, "position": 2},
        MANAGERS,
    ),
    "field_edit": (
        lambda w: url("field_edit", w.field.pk),
        lambda w: field_data(w.field, name="Verwaltung neu"),
        MANAGERS,
    ),
    "field_unpublish": (
        lambda w: url("field_unpublish", w.field.pk),
        lambda w: confirm_data(w.field),
        MANAGERS,
    ),
    "field_delete": (
        lambda w: url("field_delete", w.field.pk),
        lambda w: confirm_data(w.field),
        MANAGERS,
    ),
    "goal_create": (
        lambda w: url("goal_create", w.field.pk),
        lambda w: {"title": "Neues Ziel", "position": 1},
        MANAGERS,
    ),
    "goal_edit": (
        lambda w: url("goal_edit", w.goal.pk),
        lambda w: {"title": "Ziel neu", "position": 0, "version": w.goal.version},
        MANAGERS,
    ),
    "goal_unpublish": (
        lambda w: url("goal_unpublish", w.goal.pk),
        lambda w: confirm_data(w.goal),
        MANAGERS,
    ),
    "goal_delete": (
        lambda w: url("goal_delete", w.goal.pk),
        lambda w: confirm_data(w.goal),
        MANAGERS,
    ),
    "municipality_edit_own": (
        lambda w: url("municipality_edit", w.town.pk),
        lambda w: {"description": "Neu", "website": "", "version": w.town.version},
        EDITORS,
    ),
    "municipality_edit_other": (
        lambda w: url("municipality_edit", w.other_town.pk),
        lambda w: {"description": "Neu", "website": "", "version": w.other_town.version},
        MANAGERS,
    ),
    "version_freeze": (
        lambda w: url("version_freeze"),
        lambda w: {"name": "Fassung 2025", "note": ""},
        MANAGERS,
    ),
    "adoption_create": (
        lambda w: url("adoption_create"),
        lambda w: {
            "version": w.version.pk,
            "municipality": w.town.pk,
            "body": w.council.pk,
            "date": "2021-06-24",
            "date_precision": "day",
            "decision": "recommended",
        },
        MANAGERS,
    ),
    "adoption_delete": (
        lambda w: url("adoption_delete", w.adoption.pk),
        lambda w: confirm_data(),
        MANAGERS,
    ),
}

ALL_PAGES = {**READ_PAGES, **{name: spec[0] for name, spec in WRITE_PAGES.items()}}


@pytest.mark.parametrize("page", sorted(ALL_PAGES))
def test_anonymous_users_are_sent_to_the_login_page(client, world, page):
    target = ALL_PAGES[page](world)
    for response in (client.get(target), client.post(target, {})):
        assert response.status_code == 302
        assert response.url.startswith(reverse("login") + "?next=")


@pytest.mark.parametrize("who", ["outsider", "foreign_coordinator"])
@pytest.mark.parametrize("page", sorted(ALL_PAGES))
def test_users_without_a_role_in_the_region_are_forbidden(client, world, login, page, who):
    login(who)
    target = ALL_PAGES[page](world)
    changes = ObjectChange.objects.count()
    assert client.get(target).status_code == 403
    assert client.post(target, {}).status_code == 403
    assert ObjectChange.objects.count() == changes


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", sorted(READ_PAGES))
def test_every_role_reads_the_internal_pages(client, world, login, page, role):
    login(role)
    response = client.get(READ_PAGES[page](world))
    assert response.status_code == 200
    assert b"Interner Bereich" in response.content


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", sorted(WRITE_PAGES))
def test_write_pages_open_only_for_roles_with_the_right(client, world, login, page, role):
    login(role)
    target, _, allowed = WRITE_PAGES[page]
    response = client.get(target(world))
    assert response.status_code == (200 if role in allowed else 403)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", sorted(WRITE_PAGES))
def test_writes_succeed_only_for_roles_with_the_right(client, world, login, page, role):
    login(role)
    target, data, allowed = WRITE_PAGES[page]
    changes = ObjectChange.objects.count()
    response = client.post(target(world), data(world))
    if role in allowed:
        assert response.status_code == 302, response.content.decode()[:2000]
    else:
        assert response.status_code == 403
        assert ObjectChange.objects.count() == changes  # nothing was written


FOREIGN_PAGES = {
    "project_detail": lambda w: url("project_detail", w.foreign_project.pk),
    "project_edit": lambda w: url("project_edit", w.foreign_project.pk),
    "project_publish": lambda w: url("project_publish", w.foreign_project.pk),
    "project_unpublish": lambda w: url("project_unpublish", w.foreign_project.pk),
    "project_delete": lambda w: url("project_delete", w.foreign_project.pk),
    "project_progress": lambda w: url("project_progress", w.foreign_project.pk),
    "milestone_create": lambda w: url("milestone_create", w.foreign_project.pk),
    "milestone_edit": lambda w: url("milestone_edit", w.foreign_project.pk, w.foreign_milestone.pk),
    "milestone_via_own_project": lambda w: url(
        "milestone_edit", w.own_project.pk, w.foreign_milestone.pk
    ),
    "milestone_of_other_project": lambda w: url(
        "milestone_edit", w.other_project.pk, w.milestone.pk
    ),
    "field_edit": lambda w: url("field_edit", w.foreign_field.pk),
    "field_delete": lambda w: url("field_delete", w.foreign_field.pk),
    "goal_create": lambda w: url("goal_create", w.foreign_field.pk),
    "goal_edit": lambda w: url("goal_edit", w.foreign_goal.pk),
    "municipality_edit": lambda w: url("municipality_edit", w.foreign_town.pk),
    "version_detail": lambda w: url("version_detail", w.foreign_version.pk),
    "adoption_delete": lambda w: url("adoption_delete", w.foreign_adoption.pk),
    "missing_project": lambda w: url("project_edit", 999999),
}


@pytest.mark.parametrize("page", sorted(FOREIGN_PAGES))
def test_objects_of_another_region_are_not_found(client, world, login, page):
    login("coordinator")
    target = FOREIGN_PAGES[page](world)
    changes = ObjectChange.objects.count()
    assert client.get(target).status_code == 404
    assert client.post(target, {"version": 1, "title": "x"}).status_code == 404
    assert ObjectChange.objects.count() == changes


@pytest.mark.parametrize("value", ["foreign", "999999", "abc"])
def test_adoption_matrix_of_an_unknown_version_is_not_found(client, world, login, value):
    login("coordinator")
    if value == "foreign":
        value = world.foreign_version.pk
    assert client.get(url("adoption_matrix") + f"?fassung={value}").status_code == 404


def test_the_other_regions_coordinator_works_on_their_own_host(client, world, login):
    login("foreign_coordinator")
    host = {"HTTP_HOST": "kreis-b.example.org"}
    assert client.get(url("project_edit", world.foreign_project.pk), **host).status_code == 200
    assert client.get(url("project_edit", world.own_project.pk), **host).status_code == 404


def test_other_region_content_is_not_listed(client, world, login):
    login("coordinator")
    for page in ("project_list", "change_list", "version_list", "strategy", "dashboard"):
        content = client.get(READ_PAGES[page](world)).content.decode()
        assert world.foreign_project.title not in content
        assert world.foreign_version.name not in content
        assert world.foreign_field.name not in content


def test_readers_see_no_edit_buttons(client, world, login):
    edit = url("project_edit", world.own_project.pk)
    login("reader")
    assert edit not in client.get(url("project_detail", world.own_project.pk)).content.decode()
    assert edit not in client.get(url("project_list")).content.decode()
    assert url("strategy_edit") not in client.get(url("strategy")).content.decode()
    assert url("version_freeze") not in client.get(url("version_list")).content.decode()
    assert url("adoption_create") not in client.get(url("adoption_matrix")).content.decode()
    login("coordinator")
    assert edit in client.get(url("project_detail", world.own_project.pk)).content.decode()
    assert url("strategy_edit") in client.get(url("strategy")).content.decode()


def test_officers_see_edit_buttons_only_for_their_towns_projects(client, world, login):
    login("officer")
    content = client.get(url("project_list")).content.decode()
    assert url("project_edit", world.own_project.pk) in content
    assert url("project_edit", world.other_project.pk) not in content
    content = client.get(url("municipality_list")).content.decode()
    assert url("municipality_edit", world.town.pk) in content
    assert url("municipality_edit", world.other_town.pk) not in content


def test_posts_without_csrf_token_are_refused(world, users):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(users["coordinator"])
    response = client.post(
        url("project_edit", world.own_project.pk), project_data(world.own_project, title="X")
    )
    assert response.status_code == 403
    world.own_project.refresh_from_db()
    assert world.own_project.title != "X"
