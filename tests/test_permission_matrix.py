"""The permission matrix: every role × every write action × own town / other town / other region.

One table states who may do what; every cell is tried through the API and the staff area, and
a denied cell must leave the database untouched (no change-log row, no changed object).
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from digitalagentur.core import testing as t
from digitalagentur.core.models import ObjectChange
from digitalagentur.portfolio.models import Project
from digitalagentur.staff.tests.helpers import confirm_data, project_data
from digitalagentur.strategy.models import StrategyVersion

OTHER_HOST = "kreis-b.example.org"
ROLES = ["anonymous", "outsider", "reader", "officer", "coordinator", "admin"]
TARGETS = ["own_town", "other_town", "other_region"]
ACTIONS = ["create", "edit", "publish", "delete", "freeze_version"]

# Who may act on projects of their own town / another town of their region. Nobody may act in a
# region where they hold no role, so "other_region" is always denied.
ALLOWED = {
    "officer": {("create", "own_town"), ("edit", "own_town")},
    "coordinator": {(a, t) for a in ACTIONS for t in ("own_town", "other_town")},
    "admin": {(a, t) for a in ACTIONS for t in ("own_town", "other_town")},
}


# Versions belong to the region, not to a town: "freeze_version" has no other-town cell.
CASES = [
    (role, action, target)
    for role in ROLES
    for action in ACTIONS
    for target in TARGETS
    if not (action == "freeze_version" and target == "other_town")
]


def allowed(role: str, action: str, target: str) -> bool:
    return (action, target) in ALLOWED.get(role, set())


@pytest.fixture
def world(region, other_region, town, other_town, strategy, users):
    region_b_town = t.make_municipality(other_region, "Stadt B", slug="stadt-b")
    t.make_strategy(other_region, title="Strategie B")
    users["outsider"] = t.make_user("outsider")
    return {
        "towns": {"own_town": town, "other_town": other_town, "other_region": region_b_town},
        "projects": {
            "own_town": t.make_project(region, "Eigenes", towns=[town], published=False),
            "other_town": t.make_project(region, "Fremdes", towns=[other_town], published=False),
            "other_region": t.make_project(
                other_region, "Kreis B", towns=[region_b_town], published=False
            ),
        },
        "users": users,
    }


def host(target: str) -> str:
    return OTHER_HOST if target == "other_region" else "testserver"


def state(world) -> tuple:
    projects = Project.objects.order_by("pk").values_list("pk", "title", "published", "version")
    return (
        ObjectChange.objects.count(),
        tuple(projects),
        StrategyVersion.objects.count(),
    )


# ---- API ------------------------------------------------------------------------------------


def api_client(world, role):
    client = APIClient()
    if role != "anonymous":
        token, _ = Token.objects.get_or_create(user=world["users"][role])
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def api_call(client, world, action, target):
    project = world["projects"][target]
    detail = reverse("api-project-detail", args=[project.pk])
    kwargs = {"format": "json", "HTTP_HOST": host(target)}
    if action == "create":
        town = world["towns"][target]
        body = {"title": "Neu", "municipalities": [town.slug]}
        return client.post(reverse("api-project-list"), body, **kwargs)
    if action == "edit":
        return client.patch(detail, {"title": "Geändert", "version": project.version}, **kwargs)
    if action == "publish":
        return client.patch(detail, {"published": True, "version": project.version}, **kwargs)
    if action == "delete":
        return client.delete(f"{detail}?version={project.version}", **kwargs)
    return client.post(reverse("api-strategy-version-list"), {"name": "Neu"}, **kwargs)


@pytest.mark.parametrize(("role", "action", "target"), CASES)
def test_api_matrix(world, role, action, target):
    client = api_client(world, role)
    before = state(world)
    response = api_call(client, world, action, target)
    if allowed(role, action, target):
        assert response.status_code in (200, 201, 204), response.content
        assert state(world) != before
    else:
        expected = {401} if role == "anonymous" else {403, 404}
        assert response.status_code in expected, (response.status_code, response.content)
        assert state(world) == before


# ---- staff area -----------------------------------------------------------------------------


def staff_call(client, world, action, target):
    project = world["projects"][target]
    kwargs = {"HTTP_HOST": host(target)}
    if action == "create":
        data = {"title": "Neu", "status": "planned", "progress": 0}
        data["towns"] = [world["towns"][target].pk]
        return client.post(reverse("staff:project_create"), data, **kwargs)
    if action == "edit":
        return client.post(
            reverse("staff:project_edit", args=[project.pk]),
            project_data(project, title="Geändert"),
            **kwargs,
        )
    if action == "publish":
        return client.post(
            reverse("staff:project_publish", args=[project.pk]), confirm_data(project), **kwargs
        )
    if action == "delete":
        return client.post(
            reverse("staff:project_delete", args=[project.pk]), confirm_data(project), **kwargs
        )
    return client.post(reverse("staff:version_freeze"), {"name": "Neu", "note": ""}, **kwargs)


@pytest.mark.parametrize(("role", "action", "target"), CASES)
def test_staff_matrix(client, world, role, action, target):
    if role != "anonymous":
        client.force_login(world["users"][role])
    before = state(world)
    response = staff_call(client, world, action, target)
    if allowed(role, action, target):
        assert response.status_code == 302, response.content.decode()[:1500]
        assert state(world) != before
    else:
        if role == "anonymous":
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("login"))
        elif response.status_code == 200:
            # The create form offers an officer only their own town: another is a form error.
            assert action == "create" and role == "officer"
            assert "keine gültige Auswahl" in response.content.decode()
        else:
            assert response.status_code in (403, 404), response.status_code
        assert state(world) == before
