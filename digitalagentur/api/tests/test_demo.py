"""The contract against the Coesfeld demo: the figures and logins the README promises."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())


def token_client(username):
    out = io.StringIO()
    call_command("create_api_token", username, stdout=out)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {out.getvalue().strip()}")
    return client


def test_demo_strategy_figures(api, demo):
    data = api.get(reverse("api-strategy")).json()
    assert data["counts"] == {
        "municipalities": 11,
        "visions": 1,
        "fields": 8,
        "guiding_principles": 8,
        "priority_groups": 3,
        "projects": 28,
    }


def test_demo_lists(api, demo):
    assert api.get(reverse("api-municipality-list")).json()["count"] == 11
    fields = api.get(reverse("api-field-list")).json()["results"]
    assert sorted({f["priority_group"] for f in fields}) == [1, 2, 3]
    strategy_projects = api.get(
        reverse("api-project-list"), {"is_strategy_project": "true", "page_size": 200}
    ).json()
    assert [p["code"] for p in strategy_projects["results"]] == [f"P{n}" for n in range(1, 29)]
    assert strategy_projects["results"][0]["title"] == "Online ins Rathaus"


def test_demo_officer_token_edits_own_town_only(demo):
    senden = token_client("senden")
    own = senden.get(reverse("api-project-list"), {"municipality": "senden", "page_size": 200})
    own = own.json()["results"]
    project = next(p for p in own if p["municipalities"] == ["senden"])
    url = reverse("api-project-detail", args=[project["id"]])
    response = senden.patch(url, {"version": project["version"], "progress": 50}, format="json")
    assert response.status_code == 200, response.content
    shared = next(p for p in own if len(p["municipalities"]) > 1)
    url = reverse("api-project-detail", args=[shared["id"]])
    response = senden.patch(url, {"version": shared["version"], "progress": 50}, format="json")
    assert response.status_code == 403
    assert "/parts/senden/" in response.json()["detail"]
    others = token_client("havixbeck").get(reverse("api-project-list"), {"page_size": 200})
    foreign = [p for p in others.json()["results"] if "havixbeck" not in p["municipalities"]]
    assert foreign
    target = reverse("api-project-detail", args=[foreign[0]["id"]])
    denied = token_client("havixbeck").patch(
        target, {"version": foreign[0]["version"], "progress": 1}, format="json"
    )
    assert denied.status_code == 403


def test_demo_coordinator_freezes_and_diffs(demo):
    coordinator = token_client("koordination")
    versions = coordinator.get(reverse("api-strategy-version-list")).json()["results"]
    assert versions
    created = coordinator.post(
        reverse("api-strategy-version-list"), {"name": "Test-Fassung"}, format="json"
    )
    assert created.status_code == 201
    diff = coordinator.get(
        reverse("api-strategy-version-diff", args=[versions[0]["id"], created.json()["id"]])
    )
    assert diff.status_code == 200
    assert set(diff.json()) >= {"from", "to", "strategy", "fields", "projects"}
    assert (
        token_client("lenkungskreis")
        .post(reverse("api-strategy-version-list"), {"name": "X"}, format="json")
        .status_code
        == 403
    )
