"""Each town's part of a shared project (issue 7, section 2): the API contract.

GET /api/v1/projects/<id>/ lists the parts; PATCH /api/v1/projects/<id>/parts/<town>/ changes
one; the project's status and progress follow from the parts (portfolio/rollup.py) unless the
coordination has set them.
"""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from digitalagentur.core import testing as t
from digitalagentur.core.models import ObjectChange
from digitalagentur.core.services import changes_for
from digitalagentur.portfolio.models import Participation, Project
from digitalagentur.portfolio.services import update_part
from digitalagentur.tenancy.choices import Role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def detail(project):
    return reverse("api-project-detail", args=[project.pk])


def part_url(project, town_slug):
    return reverse("api-project-part", args=[project.pk, town_slug])


@pytest.fixture
def shared(region, town, other_town, fields):
    """A published project of two towns, both parts 'in Umsetzung' at 40 %."""
    return t.make_project(
        region,
        "Online ins Rathaus",
        code="P1",
        towns=[town, other_town],
        field=fields["verwaltung"],
        status="in_progress",
        progress=40,
    )


def parts_of(api, project):
    return {p["municipality"]: p for p in api.get(detail(project)).json()["parts"]}


def test_detail_lists_one_part_per_town(api, shared):
    answer = api.get(detail(shared)).json()
    assert answer["progress_is_override"] is False
    assert sorted(p["municipality"] for p in answer["parts"]) == ["havixbeck", "senden"]
    for part in answer["parts"]:
        assert {"municipality", "status", "progress", "updated", "version"} <= set(part)
        assert (part["status"], part["progress"], part["version"]) == ("in_progress", 40, 1)


def test_own_officer_patches_the_part_and_the_project_follows(client_for, api, shared):
    officer = client_for("officer")  # officer of senden
    response = officer.patch(
        part_url(shared, "senden"),
        {"progress": 81, "status": "completed", "note": "Portal läuft", "version": 1},
        format="json",
    )
    assert response.status_code == 200, response.content
    part = response.json()
    assert (part["municipality"], part["progress"], part["version"]) == ("senden", 81, 2)
    assert part["note"] == "Portal läuft"
    project = api.get(detail(shared)).json()
    # mean of 81 and 40 = 60.5, rounded half up; one part completed, one running
    assert (project["status"], project["progress"]) == ("in_progress", 61)
    assert parts_of(api, shared)["havixbeck"]["version"] == 1
    entry = changes_for(Project.objects.get(pk=shared.pk)).first()
    assert entry.changes["progress"] == {"before": 40, "after": 61}


def test_other_towns_officer_reader_and_anonymous_may_not(client_for, users, region, api, shared):
    other = t.make_user_with_role(
        region,
        Role.OFFICER,
        Participation.objects.get(project=shared, municipality__slug="havixbeck").municipality,
        username="officer-h",
    )
    body = {"progress": 90, "version": 1}
    assert (
        client_for(other).patch(part_url(shared, "senden"), body, format="json").status_code == 403
    )
    assert (
        client_for("reader").patch(part_url(shared, "senden"), body, format="json").status_code
        == 403
    )
    assert api.patch(part_url(shared, "senden"), body, format="json").status_code == 401
    assert parts_of(api, shared)["senden"]["progress"] == 40
    # the coordination may change every town's part
    coordinator = client_for("coordinator")
    response = coordinator.patch(part_url(shared, "senden"), body, format="json")
    assert response.status_code == 200


def test_stale_version_is_a_conflict(client_for, api, shared):
    officer = client_for("officer")
    first = officer.patch(part_url(shared, "senden"), {"progress": 50, "version": 1}, format="json")
    assert first.status_code == 200
    stale = officer.patch(part_url(shared, "senden"), {"progress": 70, "version": 1}, format="json")
    assert stale.status_code == 409
    assert parts_of(api, shared)["senden"]["progress"] == 50


@pytest.mark.parametrize(
    "body, field",
    [
        ({"progress": 101, "version": 1}, "progress"),
        ({"progress": -1, "version": 1}, "progress"),
        ({"progress": "viel", "version": 1}, "progress"),
        ({"status": "fertig", "version": 1}, "status"),
        ({"note": "x" * 501, "version": 1}, "note"),
        ({"note": 12, "version": 1}, "note"),
        ({"progress": 50}, "version"),
        ({"progress": 50, "version": "eins"}, "version"),
    ],
)
def test_bad_values_are_a_400_and_change_nothing(client_for, api, shared, body, field):
    response = client_for("officer").patch(part_url(shared, "senden"), body, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert parts_of(api, shared)["senden"]["progress"] == 40


def test_a_town_without_a_part_is_not_found(client_for, region, shared):
    t.make_municipality(region, "Nottuln", slug="nottuln")
    officer = client_for("coordinator")
    for slug in ("nottuln", "gibtsnicht"):
        response = officer.patch(
            part_url(shared, slug), {"progress": 1, "version": 1}, format="json"
        )
        assert response.status_code == 404
        assert response.json()["detail"]


def test_officer_may_not_write_the_figures_of_a_shared_project(client_for, api, shared):
    officer = client_for("officer")
    for body in ({"progress": 90, "version": 1}, {"status": "completed", "version": 1}):
        response = officer.patch(detail(shared), body, format="json")
        assert response.status_code == 403
        assert f"/api/v1/projects/{shared.pk}/parts/senden/" in response.json()["detail"]
    # the rest of the project stays theirs to edit
    response = officer.patch(detail(shared), {"summary": "Neu", "version": 1}, format="json")
    assert response.status_code == 200
    assert api.get(detail(shared)).json()["progress"] == 40


def test_on_a_project_of_one_town_the_figures_write_its_part(client_for, api, region, town):
    project = t.make_project(region, "Dorf-App", towns=[town], status="planned")
    response = client_for("officer").patch(
        detail(project), {"status": "in_progress", "progress": 30, "version": 1}, format="json"
    )
    assert response.status_code == 200, response.content
    answer = response.json()
    assert (answer["status"], answer["progress"], answer["progress_is_override"]) == (
        "in_progress",
        30,
        False,
    )
    assert answer["parts"][0]["progress"] == 30


def test_coordination_overrides_and_gives_the_figures_back(client_for, api, shared):
    coordinator = client_for("coordinator")
    response = coordinator.patch(detail(shared), {"progress": 75, "version": 1}, format="json")
    assert response.status_code == 200
    answer = response.json()
    assert (answer["progress"], answer["progress_is_override"]) == (75, True)
    # parts no longer move the figures while the coordination's values stand
    officer = client_for("officer")
    officer.patch(part_url(shared, "senden"), {"progress": 0, "version": 1}, format="json")
    assert api.get(detail(shared)).json()["progress"] == 75
    # switching the override off computes them from the parts again
    version = answer["version"]
    off = coordinator.patch(
        detail(shared), {"progress_is_override": False, "version": version}, format="json"
    )
    assert off.status_code == 200
    assert (off.json()["progress"], off.json()["progress_is_override"]) == (20, False)
    # switching it off together with other figures contradicts itself: 400, nothing saved
    again = coordinator.patch(
        detail(shared), {"progress": 75, "version": off.json()["version"]}, format="json"
    )
    assert again.json()["progress_is_override"] is True
    bad = coordinator.patch(
        detail(shared),
        {"progress_is_override": False, "progress": 90, "version": again.json()["version"]},
        format="json",
    )
    assert bad.status_code == 400
    assert "progress_is_override" in bad.json()
    assert api.get(detail(shared)).json()["progress"] == 75


def test_officer_may_not_switch_the_override(client_for, region, town):
    project = t.make_project(region, "Dorf-App", towns=[town])
    response = client_for("officer").patch(
        detail(project), {"progress_is_override": True, "version": 1}, format="json"
    )
    assert response.status_code == 403


def test_a_town_added_later_starts_planned_at_zero(client_for, api, shared, region):
    nottuln = t.make_municipality(region, "Nottuln", slug="nottuln")
    response = client_for("coordinator").patch(
        detail(shared),
        {"municipalities": ["senden", "havixbeck", nottuln.slug], "version": 1},
        format="json",
    )
    assert response.status_code == 200
    answer = response.json()
    parts = {p["municipality"]: p for p in answer["parts"]}
    assert (parts["nottuln"]["status"], parts["nottuln"]["progress"]) == ("planned", 0)
    assert (answer["status"], answer["progress"]) == ("in_progress", 27)  # 80 / 3 = 26.7


def test_the_first_towns_start_where_the_project_stands(client_for, region, town, other_town):
    project = t.make_project(region, "Ohne Kommune", status="in_progress", progress=55)
    response = client_for("coordinator").patch(
        detail(project), {"municipalities": ["senden", "havixbeck"], "version": 1}, format="json"
    )
    assert response.status_code == 200, response.content
    answer = response.json()
    assert (answer["status"], answer["progress"]) == ("in_progress", 55)
    assert {(p["status"], p["progress"]) for p in answer["parts"]} == {("in_progress", 55)}


def test_one_town_left_ends_the_override(client_for, api, shared):
    coordinator = client_for("coordinator")
    set_by_hand = coordinator.patch(detail(shared), {"progress": 70, "version": 1}, format="json")
    assert set_by_hand.json()["progress_is_override"] is True
    alone = coordinator.patch(
        detail(shared),
        {"municipalities": ["senden"], "version": set_by_hand.json()["version"]},
        format="json",
    )
    assert alone.status_code == 200
    answer = alone.json()
    assert (answer["progress_is_override"], answer["progress"]) == (False, 40)
    officer = client_for("officer")
    officer.patch(part_url(shared, "senden"), {"progress": 10, "version": 1}, format="json")
    assert api.get(detail(shared)).json()["progress"] == 10  # the part moves it again


def test_echoing_override_false_with_new_figures_sets_the_override(client_for, shared):
    response = client_for("coordinator").patch(
        detail(shared), {"progress_is_override": False, "progress": 90, "version": 1}, format="json"
    )
    assert response.status_code == 200
    assert (response.json()["progress"], response.json()["progress_is_override"]) == (90, True)


def test_part_changes_are_logged(users, shared):
    part = Participation.objects.get(project=shared, municipality__slug="senden")
    update_part(part, {"progress": 60, "note": "weiter"}, expected_version=1, user=users["officer"])
    entry = changes_for(part).get(action=ObjectChange.Action.UPDATE)
    assert entry.changes["progress"] == {"before": 40, "after": 60}
    assert entry.region_id == shared.region_id
    assert entry.user == users["officer"]


@pytest.mark.django_db(transaction=True)
def test_concurrent_parts_both_count(region, town, other_town):
    """Two towns save their parts at the same moment: the project's figures include both."""
    project = t.make_project(region, "Gleichzeitig", towns=[town, other_town], progress=0)
    parts = list(Participation.objects.filter(project=project))
    barrier = threading.Barrier(2)
    errors = []

    def save(part, progress):
        try:
            barrier.wait(timeout=5)
            update_part(part, {"progress": progress, "status": "in_progress"}, expected_version=1)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(part, value))
        for part, value in zip(parts, (30, 61), strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    fresh = Project.objects.get(pk=project.pk)
    assert (fresh.status, fresh.progress) == ("in_progress", 46)  # 45.5 rounded half up
