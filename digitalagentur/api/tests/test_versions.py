"""Strategy versions through the API: public list without drafts, freezing by the coordination,
diffs."""

import pytest
from django.urls import reverse

from digitalagentur.core import testing as t
from digitalagentur.portfolio.services import update_project
from digitalagentur.strategy.models import StrategyVersion
from digitalagentur.strategy.versions import freeze_version

pytestmark = pytest.mark.django_db

LIST = "api-strategy-version-list"


@pytest.fixture
def frozen(strategy, projects):
    return freeze_version(strategy, "Fassung 2021", note="Beschluss")


def test_list_is_readable_by_everyone(api, client_for, frozen):
    for client in [api, client_for(t.make_user("fremd"))] + [
        client_for(role) for role in ("reader", "officer", "coordinator", "admin")
    ]:
        data = client.get(reverse(LIST)).json()
        assert set(data) == {"count", "next", "previous", "results"}
        assert [(row["name"], row["note"]) for row in data["results"]] == [
            ("Fassung 2021", "Beschluss")
        ]
        assert {"id", "name", "created", "note"} <= set(data["results"][0])


def test_detail_has_the_snapshot(client_for, frozen):
    url = reverse("api-strategy-version-detail", args=[frozen.pk])
    data = client_for("reader").get(url).json()
    assert data["name"] == "Fassung 2021"
    assert set(data["snapshot"]["fields"]) == {"verwaltung", "mobilitaet", "entwurf"}
    assert "P1" in data["snapshot"]["projects"]


def test_the_public_sees_versions_without_drafts(api, frozen, projects):
    url = reverse("api-strategy-version-detail", args=[frozen.pk])
    data = api.get(url).json()
    assert set(data["snapshot"]["fields"]) == {"verwaltung", "mobilitaet"}
    drafts = [key for key, item in frozen.snapshot["projects"].items() if not item["published"]]
    assert drafts, "the fixture has a draft project"
    assert not set(drafts) & set(data["snapshot"]["projects"])
    assert "P1" in data["snapshot"]["projects"]


def test_coordinator_freezes_a_named_version(client_for, users, strategy, projects):
    response = client_for("coordinator").post(
        reverse(LIST), {"name": "Fortschreibung 2024", "note": "nach Workshop"}, format="json"
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["name"] == "Fortschreibung 2024"
    assert data["note"] == "nach Workshop"
    version = StrategyVersion.objects.get(pk=data["id"])
    assert version.created_by == users["coordinator"]
    assert version.strategy == strategy
    assert data["snapshot"]["projects"]["P2"]["title"] == "Smarte Parkplätze"
    assert type(response.headers["Location"]) is str  # wsgiref rejects str subclasses


def test_duplicate_or_empty_name_is_400(client_for, frozen):
    coordinator = client_for("coordinator")
    duplicate = coordinator.post(reverse(LIST), {"name": "Fassung 2021"}, format="json")
    assert duplicate.status_code == 400
    assert "name" in duplicate.json()
    assert coordinator.post(reverse(LIST), {"name": "  "}, format="json").status_code == 400
    assert coordinator.post(reverse(LIST), {}, format="json").status_code == 400
    assert StrategyVersion.objects.count() == 1


@pytest.mark.parametrize("role", ["officer", "reader"])
def test_only_the_coordination_freezes(client_for, strategy, role):
    response = client_for(role).post(reverse(LIST), {"name": "Heimlich"}, format="json")
    assert response.status_code == 403
    assert not StrategyVersion.objects.exists()


def test_anonymous_freeze_is_401(api, strategy):
    assert api.post(reverse(LIST), {"name": "X"}).status_code == 401


def test_freeze_without_strategy_is_404(client_for, region):
    assert client_for("coordinator").post(reverse(LIST), {"name": "X"}).status_code == 404


def test_diff_between_two_versions(client_for, region, frozen, projects):
    update_project(projects["p1"], {"title": "Online ins digitale Rathaus"}, expected_version=1)
    t.make_project(region, "Neues Projekt", code="P3", is_strategy_project=True)
    later = freeze_version(frozen.strategy, "Fassung 2024")
    url = reverse("api-strategy-version-diff", args=[frozen.pk, later.pk])
    response = client_for("reader").get(url)
    assert response.status_code == 200
    data = response.json()
    assert data["from"]["id"] == frozen.pk and data["from"]["name"] == "Fassung 2021"
    assert data["to"]["id"] == later.pk and data["to"]["name"] == "Fassung 2024"
    assert [item["key"] for item in data["projects"]["added"]] == ["P3"]
    changed = {item["key"]: item for item in data["projects"]["changed"]}
    title_change = changed["P1"]["changes"][0]
    assert title_change["attribute"] == "title"
    inserted = [seg["text"].strip() for seg in title_change["segments"] if seg["op"] == "insert"]
    assert inserted == ["digitale"]
    assert data["fields"] == {"added": [], "removed": [], "changed": []}


def test_diff_with_unknown_or_odd_other_id_is_404(client_for, frozen):
    coordinator = client_for("coordinator")
    for other in ("999999", "abc", "99999999999999999999999"):
        url = reverse("api-strategy-version-list") + f"{frozen.pk}/diff/{other}/"
        assert coordinator.get(url).status_code == 404


def test_the_public_diff_leaves_drafts_out(api, client_for, strategy, frozen, fields):
    t.make_field(strategy, "Neuer Entwurf", slug="neuer-entwurf", published=False)
    t.make_field(strategy, "Neu", slug="neu")
    newer = freeze_version(strategy, "Fassung 2025")
    url = reverse("api-strategy-version-diff", args=[frozen.pk, newer.pk])
    public = api.get(url).json()
    assert [item["key"] for item in public["fields"]["added"]] == ["neu"]
    internal = client_for("reader").get(url).json()
    assert sorted(item["key"] for item in internal["fields"]["added"]) == ["neu", "neuer-entwurf"]


def test_the_public_snapshot_hides_draft_goals_draft_field_slugs_and_staff_names(
    api, client_for, users, strategy, fields, region
):
    t.make_goal(fields["mobilitaet"], "Öffentliches Ziel")
    t.make_goal(fields["mobilitaet"], "GEHEIMES-ZIEL", published=False)
    t.make_project(region, "Im Entwurfsfeld", code="P50", field=fields["entwurf"])
    version = freeze_version(strategy, "Mit Entwürfen", user=users["coordinator"])
    url = reverse("api-strategy-version-detail", args=[version.pk])

    public = api.get(url)
    assert "GEHEIMES-ZIEL" not in public.content.decode()
    assert "entwurf" not in public.json()["snapshot"]["fields"]
    assert public.json()["snapshot"]["fields"]["mobilitaet"]["goals"] == ["Öffentliches Ziel"]
    assert public.json()["snapshot"]["projects"]["P50"]["field"] is None
    assert public.json()["created_by"] == ""

    internal = client_for("reader").get(url).json()
    assert internal["snapshot"]["fields"]["mobilitaet"]["draft_goals"] == ["GEHEIMES-ZIEL"]
    assert internal["snapshot"]["projects"]["P50"]["field"] == "entwurf"
    assert internal["created_by"] == users["coordinator"].username


def test_versions_of_an_unpublished_strategy_are_not_public(api, client_for, strategy, frozen):
    strategy.published = False
    strategy.save()
    detail = reverse("api-strategy-version-detail", args=[frozen.pk])
    assert api.get(reverse(LIST)).json()["count"] == 0
    assert api.get(detail).status_code == 404
    assert (
        api.get(reverse("api-strategy-version-diff", args=[frozen.pk, frozen.pk])).status_code
        == 404
    )
    assert client_for("reader").get(detail).status_code == 200
