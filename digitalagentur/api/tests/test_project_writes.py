"""Writes of projects through the API: permissions per role, validation, versions, change log."""

import pytest
from django.urls import reverse

from digitalagentur.core import testing as t
from digitalagentur.core.models import ObjectChange
from digitalagentur.core.services import changes_for
from digitalagentur.portfolio.choices import ParticipationRole
from digitalagentur.portfolio.models import Project

pytestmark = pytest.mark.django_db

LIST = "api-project-list"


def detail(project):
    return reverse("api-project-detail", args=[project.pk])


@pytest.fixture
def own(region, town):
    """A project the officer's town takes part in."""
    return t.make_project(region, "Eigenes Projekt", towns=[town])


@pytest.fixture
def foreign(region, other_town):
    """A project only the other town takes part in."""
    return t.make_project(region, "Fremdes Projekt", towns=[other_town])


# --- create ----------------------------------------------------------------------------------


def test_coordinator_creates_an_unpublished_project_with_log(client_for, users, fields, town):
    response = client_for("coordinator").post(
        reverse(LIST),
        {
            "title": "Digitale Bauakte",
            "field": "verwaltung",
            "municipalities": ["senden"],
            "status": "idea",
            "progress": 10,
            "code": "P29",
            "is_strategy_project": True,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["published"] is False
    assert data["version"] == 1
    assert data["field"] == "verwaltung"
    assert data["municipalities"] == ["senden"]
    assert data["code"] == "P29" and data["is_strategy_project"] is True
    assert response["Location"].endswith(f"/api/v1/projects/{data['id']}/")
    # A plain str: WSGI servers (wsgiref in `make run`) reject str subclasses with a 500.
    assert type(response.headers["Location"]) is str
    project = Project.objects.get(pk=data["id"])
    assert project.region_id == town.region_id
    entry = changes_for(project).get()
    assert entry.action == ObjectChange.Action.CREATE
    assert entry.user == users["coordinator"]


def test_coordinator_may_publish_at_creation(client_for, api, region):
    response = client_for("admin").post(
        reverse(LIST), {"title": "Sofort sichtbar", "published": True}, format="json"
    )
    assert response.status_code == 201
    assert api.get(reverse(LIST)).json()["count"] == 1


def test_officer_creates_a_local_project_of_their_town(client_for, town, other_town):
    response = client_for("officer").post(
        reverse(LIST),
        {"title": "E-Lastenrad-Box", "municipalities": ["senden"]},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["municipalities"] == ["senden"]
    assert response.json()["published"] is False


@pytest.mark.parametrize(
    "extra",
    [
        {"municipalities": ["havixbeck"]},  # not their own town
        {"municipalities": ["senden", "havixbeck"]},  # a local project of one town only
        {},  # no town at all
        {"municipalities": ["senden"], "is_lighthouse": True},
        {"municipalities": ["senden"], "published": True},
        {"municipalities": ["senden"], "code": "P99"},
        {"municipalities": ["senden"], "is_strategy_project": True},
    ],
)
def test_officer_may_not_create_beyond_their_rights(client_for, town, other_town, extra):
    response = client_for("officer").post(
        reverse(LIST), {"title": "Nicht erlaubt", **extra}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["detail"]
    assert not Project.objects.filter(title="Nicht erlaubt").exists()


def test_reader_and_stranger_may_not_create(client_for, region):
    assert client_for("reader").post(reverse(LIST), {"title": "X"}).status_code == 403
    stranger = client_for(t.make_user("fremd"))
    assert stranger.post(reverse(LIST), {"title": "X"}).status_code == 403


def test_anonymous_write_is_401(api, own):
    assert api.post(reverse(LIST), {"title": "X"}).status_code == 401
    assert api.patch(detail(own), {"title": "X", "version": 1}).status_code == 401
    assert api.delete(detail(own)).status_code == 401
    assert Project.objects.get(pk=own.pk).title == "Eigenes Projekt"


def test_invalid_token_is_401(api, own):
    api.credentials(HTTP_AUTHORIZATION="Token falsch")
    assert api.post(reverse(LIST), {"title": "X"}).status_code == 401


@pytest.mark.parametrize(
    "payload, bad_field",
    [
        ({"title": "X", "field": "gibt-es-nicht"}, "field"),
        ({"title": "X", "municipalities": ["nirgendwo"]}, "municipalities"),
        ({"title": "X", "municipalities": "senden"}, "municipalities"),
        ({"title": "X", "progress": 101}, "progress"),
        ({"title": "X", "progress": -1}, "progress"),
        ({"title": "X", "status": "bogus"}, "status"),
        ({"title": ""}, "title"),
        ({}, "title"),
        ({"title": "X", "start_date": "2024-05-01", "end_date": "2024-01-01"}, "end_date"),
        ({"title": "X", "code": "P1"}, "code"),  # already taken in the region
        ({"title": "X\x00"}, "title"),
        ({"title": "X", "field": "a\x00b"}, "field"),
        ({"title": "X", "field": 5}, "field"),
        ({"title": "X", "municipalities": ["a\x00b"]}, "municipalities"),
        ({"title": "X", "municipalities": [1, 2]}, "municipalities"),
        ({"title": "X", "version": 10**30, "progress": 10**30}, "progress"),
    ],
)
def test_create_validation_errors_are_400_with_field_messages(
    client_for, fields, town, region, payload, bad_field
):
    t.make_project(region, "Schon da", code="P1")
    response = client_for("coordinator").post(reverse(LIST), payload, format="json")
    assert response.status_code == 400
    assert bad_field in response.json()


def test_malformed_bodies_are_400(client_for, region):
    coordinator = client_for("coordinator")
    bad_json = coordinator.post(reverse(LIST), "{nope", content_type="application/json")
    assert bad_json.status_code == 400
    assert coordinator.post(reverse(LIST), [1, 2], format="json").status_code == 400


def test_field_and_town_of_another_region_are_rejected(client_for, fields, region_b):
    response = client_for("coordinator").post(
        reverse(LIST),
        {"title": "X", "field": "bildung-b", "municipalities": ["stadt-b"]},
        format="json",
    )
    assert response.status_code == 400
    assert {"field", "municipalities"} <= set(response.json())


# --- update ----------------------------------------------------------------------------------


def test_coordinator_patches_any_project_with_version(client_for, users, foreign, fields):
    response = client_for("coordinator").patch(
        detail(foreign),
        {"version": 1, "title": "Neuer Titel", "field": "mobilitaet", "published": False},
        format="json",
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["title"] == "Neuer Titel" and data["version"] == 2
    assert data["field"] == "mobilitaet" and data["published"] is False
    entry = changes_for(foreign).filter(action=ObjectChange.Action.UPDATE).get()
    assert entry.user == users["coordinator"]
    assert entry.changes["title"] == {"before": "Fremdes Projekt", "after": "Neuer Titel"}


def test_patch_without_version_is_400(client_for, own):
    response = client_for("coordinator").patch(detail(own), {"title": "X"}, format="json")
    assert response.status_code == 400
    assert "version" in response.json()
    assert Project.objects.get(pk=own.pk).title == "Eigenes Projekt"


def test_stale_version_is_409_with_current_version(client_for, own):
    coordinator = client_for("coordinator")
    assert coordinator.patch(detail(own), {"version": 1, "progress": 20}).status_code == 200
    response = coordinator.patch(detail(own), {"version": 1, "progress": 30}, format="json")
    assert response.status_code == 409
    body = response.json()
    assert body["current_version"] == 2
    assert body["detail"]
    assert body["last_change"]["changes"]["progress"] == {"before": 0, "after": 20}
    assert Project.objects.get(pk=own.pk).progress == 20


def test_two_editors_with_the_same_version_one_wins_and_nothing_is_overwritten(
    client_for, own, other_town
):
    first = client_for("officer").patch(
        detail(own), {"version": 1, "title": "Version der Beauftragten"}, format="json"
    )
    second = client_for("coordinator").patch(
        detail(own), {"version": 1, "summary": "Zusammenfassung der Koordination"}, format="json"
    )
    assert sorted([first.status_code, second.status_code]) == [200, 409]
    project = Project.objects.get(pk=own.pk)
    assert project.title == "Version der Beauftragten"
    assert project.summary == ""
    assert project.version == 2


def test_municipalities_can_be_changed_and_leads_are_shown(client_for, region, town, other_town):
    project = t.make_project(region, "Mit Leitung", towns=[town])
    project.participations.update(role=ParticipationRole.LEAD)
    response = client_for("coordinator").patch(
        detail(project), {"version": 1, "municipalities": ["senden", "havixbeck"]}, format="json"
    )
    assert response.status_code == 200
    data = response.json()
    assert data["municipalities"] == ["senden", "havixbeck"]  # leads first
    assert data["lead_municipalities"] == ["senden"]
    assert project.participating_town_ids() == {town.pk, other_town.pk}


def test_officer_patches_their_towns_project(client_for, own):
    response = client_for("officer").patch(
        detail(own), {"version": 1, "status": "in_progress", "progress": 55}, format="json"
    )
    assert response.status_code == 200
    assert Project.objects.get(pk=own.pk).progress == 55


def test_officer_may_send_unchanged_manager_only_values(client_for, own):
    response = client_for("officer").patch(
        detail(own), {"version": 1, "published": True, "code": "", "title": "Neu"}, format="json"
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    "payload",
    [
        {"published": False},
        {"code": "P77"},
        {"is_strategy_project": True},
        {"is_lighthouse": True},
        {"municipalities": ["havixbeck"]},  # would drop their own town
        {"municipalities": ["senden", "havixbeck"]},  # who takes part is the coordination's
    ],
)
def test_officer_may_not_change_manager_only_values(client_for, own, other_town, payload):
    response = client_for("officer").patch(detail(own), {"version": 1, **payload}, format="json")
    assert response.status_code == 403
    assert Project.objects.get(pk=own.pk).version == 1


def test_officer_may_not_patch_other_towns_projects(client_for, foreign):
    response = client_for("officer").patch(
        detail(foreign), {"version": 1, "title": "X"}, format="json"
    )
    assert response.status_code == 403
    assert Project.objects.get(pk=foreign.pk).title == "Fremdes Projekt"


def test_reader_may_not_patch(client_for, own):
    response = client_for("reader").patch(detail(own), {"version": 1, "title": "X"})
    assert response.status_code == 403


def test_stranger_may_not_patch_and_does_not_learn_about_drafts(client_for, region, town):
    draft = t.make_project(region, "Entwurf", towns=[town], published=False)
    stranger = client_for(t.make_user("fremd"))
    assert stranger.get(detail(draft)).status_code == 404
    assert stranger.patch(detail(draft), {"version": 1, "title": "X"}).status_code == 403


def test_patch_validation_errors_are_400(client_for, own):
    coordinator = client_for("coordinator")
    for payload in [
        {"version": 1, "progress": 150},
        {"version": 1, "status": "bogus"},
        {"version": "eins"},
        {"version": 1, "field": "unbekannt"},
        {"version": 1, "title": ""},
    ]:
        response = coordinator.patch(detail(own), payload, format="json")
        assert response.status_code == 400, payload
    assert Project.objects.get(pk=own.pk).version == 1


def test_put_needs_title_and_version(client_for, own):
    coordinator = client_for("coordinator")
    assert coordinator.put(detail(own), {"title": "Neu"}, format="json").status_code == 400
    assert coordinator.put(detail(own), {"version": 1}, format="json").status_code == 400
    response = coordinator.put(detail(own), {"version": 1, "title": "Neu"}, format="json")
    assert response.status_code == 200 and response.json()["version"] == 2


def test_unchanged_patch_keeps_the_version(client_for, own):
    response = client_for("coordinator").patch(
        detail(own), {"version": 1, "title": "Eigenes Projekt"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["version"] == 1


# --- delete ----------------------------------------------------------------------------------


def test_only_managers_delete(client_for, own, foreign):
    assert client_for("officer").delete(detail(own)).status_code == 403
    assert client_for("reader").delete(detail(own)).status_code == 403
    assert client_for("coordinator").delete(detail(own) + "?version=5").status_code == 409
    assert client_for("coordinator").delete(detail(own) + "?version=x").status_code == 400
    assert client_for("coordinator").delete(detail(own) + "?version=1").status_code == 204
    assert not Project.objects.filter(pk=own.pk).exists()
    assert ObjectChange.objects.filter(object_id=own.pk, action=ObjectChange.Action.DELETE).exists()


def test_unknown_towns_are_named_in_the_message(client_for, own):
    response = client_for("coordinator").patch(
        detail(own), {"version": 1, "municipalities": ["gibtsnicht"]}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["municipalities"] == [
        "Diese Kommunen gibt es in der Region nicht: gibtsnicht"
    ]
