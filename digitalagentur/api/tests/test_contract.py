"""The shapes the contract of issue 2, section 4 promises (read endpoints)."""

import pytest
from django.urls import reverse

from digitalagentur.core import testing as t

pytestmark = pytest.mark.django_db

PAGE_KEYS = {"count", "next", "previous", "results"}
PROJECT_KEYS = {
    "id",
    "code",
    "title",
    "field",
    "status",
    "progress",
    "municipalities",
    "is_lighthouse",
    "is_strategy_project",
    "published",
    "version",
}


def test_strategy_has_title_vision_and_public_counts(api, strategy, town, other_town, projects):
    response = api.get(reverse("api-strategy"))
    assert response.status_code == 200
    data = response.json()
    assert data["title"] == "Strategie A"
    assert data["vision"] == "Gemeinsam digital."
    # Public counts: the draft field and the draft project are not counted; local projects
    # are not strategy projects.
    assert data["counts"] == {
        "municipalities": 2,
        "visions": 1,
        "fields": 2,
        "guiding_principles": 2,
        "priority_groups": 3,
        "projects": 2,
    }


def test_strategy_counts_drafts_for_internal_readers(client_for, strategy, projects):
    data = client_for("reader").get(reverse("api-strategy")).json()
    assert data["counts"]["fields"] == 3


def test_region_without_strategy_is_404(api, region):
    response = api.get(reverse("api-strategy"))
    assert response.status_code == 404
    assert "detail" in response.json()


def test_unpublished_strategy_is_404_for_the_public(api, region):
    t.make_strategy(region, published=False)
    assert api.get(reverse("api-strategy")).status_code == 404


def test_fields_list_has_slug_name_priority_group_and_guiding_principle(api, fields):
    t.make_goal(fields["verwaltung"], "Alle Leistungen online")
    t.make_goal(fields["verwaltung"], "Entwurfsziel", published=False)
    data = api.get(reverse("api-field-list")).json()
    assert set(data) == PAGE_KEYS
    assert data["count"] == 2
    by_slug = {row["slug"]: row for row in data["results"]}
    assert set(by_slug) == {"verwaltung", "mobilitaet"}
    verwaltung = by_slug["verwaltung"]
    assert verwaltung["name"] == "Verwaltung"
    assert verwaltung["priority_group"] == 1
    assert by_slug["mobilitaet"]["priority_group"] == 2
    assert verwaltung["guiding_principle"] == "Leitbild für Verwaltung"
    assert [g["title"] for g in verwaltung["goals"]] == ["Alle Leistungen online"]
    assert "internal_notes" not in verwaltung


def test_field_detail_by_slug_and_draft_hidden(api, client_for, fields):
    response = api.get(reverse("api-field-detail", args=["verwaltung"]))
    assert response.status_code == 200
    assert response.json()["slug"] == "verwaltung"
    assert api.get(reverse("api-field-detail", args=["entwurf"])).status_code == 404
    reader = client_for("reader")
    assert reader.get(reverse("api-field-detail", args=["entwurf"])).status_code == 200
    assert reader.get(reverse("api-field-list")).json()["count"] == 3


def test_fields_filter_by_priority_group(api, fields):
    data = api.get(reverse("api-field-list"), {"priority_group": 2}).json()
    assert [row["slug"] for row in data["results"]] == ["mobilitaet"]
    assert api.get(reverse("api-field-list"), {"priority_group": "x"}).status_code == 400


def test_municipalities_list_the_towns_not_the_kreis(api, region, town, other_town):
    data = api.get(reverse("api-municipality-list")).json()
    assert set(data) == PAGE_KEYS
    assert [(row["slug"], row["name"]) for row in data["results"]] == [
        ("havixbeck", "Havixbeck"),
        ("senden", "Senden"),
    ]
    assert all("kind" in row and "id" in row for row in data["results"])
    assert region.name not in [row["name"] for row in data["results"]]
    detail = api.get(reverse("api-municipality-detail", args=["senden"]))
    assert detail.json()["name"] == "Senden"


def test_project_list_shape_and_only_published_for_the_public(api, projects, fields):
    data = api.get(reverse("api-project-list")).json()
    assert set(data) == PAGE_KEYS
    titles = [row["title"] for row in data["results"]]
    # Strategy projects first in code order, then local projects; no drafts.
    assert titles == ["Online ins Rathaus", "Smarte Parkplätze", "Crossiety"]
    p1 = data["results"][0]
    assert PROJECT_KEYS <= set(p1)
    assert p1["id"] == projects["p1"].pk
    assert p1["code"] == "P1"
    assert p1["field"] == "verwaltung"
    assert p1["status"] == "in_progress"
    assert p1["progress"] == 40
    assert sorted(p1["municipalities"]) == ["havixbeck", "senden"]
    assert p1["is_strategy_project"] is True and p1["is_lighthouse"] is False
    assert p1["published"] is True
    assert p1["version"] == 1
    assert "internal_notes" not in p1
    assert p1["url"] == f"http://testserver/api/v1/projects/{p1['id']}/"
    page = reverse("public:project_detail", args=[projects["p1"].slug])
    assert p1["page_url"] == f"http://testserver{page}"
    assert data["results"][2]["field"] is None


def test_project_detail_and_draft_is_404_for_the_public(api, projects):
    response = api.get(reverse("api-project-detail", args=[projects["p2"].pk]))
    assert response.status_code == 200
    assert response.json()["title"] == "Smarte Parkplätze"
    draft = api.get(reverse("api-project-detail", args=[projects["draft"].pk]))
    assert draft.status_code == 404
    assert "detail" in draft.json()


@pytest.mark.parametrize("key", ["abc", "99999999999999999999999", "0"])
def test_odd_project_ids_are_404_not_500(api, projects, key):
    assert api.get(f"/api/v1/projects/{key}/").status_code == 404


def test_internal_readers_see_drafts_and_internal_notes(client_for, projects):
    reader = client_for("reader")
    data = reader.get(reverse("api-project-list")).json()
    assert data["count"] == 4
    draft = reader.get(reverse("api-project-detail", args=[projects["draft"].pk])).json()
    assert draft["internal_notes"] == "Nur intern: Budget unklar"
    assert draft["published"] is False


def test_user_without_role_in_region_sees_only_public_content(client_for, region, projects):
    stranger = client_for(t.make_user("fremd"))
    data = stranger.get(reverse("api-project-list")).json()
    assert data["count"] == 3
    assert all("internal_notes" not in row for row in data["results"])
    url = reverse("api-project-detail", args=[projects["draft"].pk])
    assert stranger.get(url).status_code == 404


def test_project_in_draft_field_shows_no_field_to_the_public(api, client_for, fields, region):
    project = t.make_project(region, "Im Entwurfsfeld", field=fields["entwurf"])
    url = reverse("api-project-detail", args=[project.pk])
    assert api.get(url).json()["field"] is None
    assert client_for("reader").get(url).json()["field"] == "entwurf"


def test_session_login_works_too(region, users, projects):
    from rest_framework.test import APIClient

    client = APIClient()
    login = client.post(
        reverse("login"),
        {"username": "reader-a", "password": t.TEST_PASSWORD},
        format="multipart",  # the login page is a form; APIClient sends JSON by default
    )
    assert login.status_code == 302
    assert client.get(reverse("api-project-list")).json()["count"] == 4
