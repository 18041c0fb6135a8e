"""Region isolation: a user or token of region A can neither read B's internals nor write there,
and region A's API never lists region B's objects."""

import pytest
from django.urls import reverse

from digitalagentur.portfolio.models import Project
from digitalagentur.strategy.versions import freeze_version

from .conftest import OTHER_HOST

pytestmark = pytest.mark.django_db


def b_detail(region_b, key):
    return reverse("api-project-detail", args=[region_b[key].pk])


def test_region_a_lists_never_show_region_b(client_for, projects, region_b):
    coordinator = client_for("coordinator")
    for name in ["api-project-list", "api-field-list", "api-municipality-list"]:
        for client in (coordinator, client_for("reader")):
            rows = client.get(reverse(name), {"page_size": 200}).json()["results"]
            assert rows
            assert all("B" not in (row.get("title") or row.get("name")) for row in rows), name
    ids = {row["id"] for row in coordinator.get(reverse("api-project-list")).json()["results"]}
    assert region_b["published"].pk not in ids and region_b["draft"].pk not in ids


def test_region_b_is_served_on_its_host(api, projects, region_b):
    data = api.get(reverse("api-project-list"), HTTP_HOST=OTHER_HOST).json()
    assert [row["title"] for row in data["results"]] == ["Projekt B"]
    strategy = api.get(reverse("api-strategy"), HTTP_HOST=OTHER_HOST).json()
    assert strategy["title"] == "Strategie B"


def test_objects_of_another_region_are_404_on_region_a(client_for, projects, region_b):
    coordinator = client_for("coordinator")
    for key in ("published", "draft"):
        url = b_detail(region_b, key)
        assert coordinator.get(url).status_code == 404
        response = coordinator.patch(url, {"version": 1, "title": "Übernommen"}, format="json")
        assert response.status_code == 404
        assert coordinator.delete(url).status_code == 404
    field_url = reverse("api-field-detail", args=["bildung-b"])
    assert coordinator.get(field_url).status_code == 404


@pytest.mark.parametrize("role", ["admin", "coordinator", "officer", "reader"])
def test_token_of_region_a_reads_only_public_data_of_region_b(client_for, role, region_b, strategy):
    freeze_version(strategy, "Fassung A")
    client = client_for(role)
    listing = client.get(reverse("api-project-list"), HTTP_HOST=OTHER_HOST).json()
    assert [row["title"] for row in listing["results"]] == ["Projekt B"]
    assert all("internal_notes" not in row for row in listing["results"])
    draft = client.get(b_detail(region_b, "draft"), HTTP_HOST=OTHER_HOST)
    assert draft.status_code == 404
    versions = client.get(reverse("api-strategy-version-list"), HTTP_HOST=OTHER_HOST).json()
    assert versions["count"] == 0  # region A's version is never listed on region B


@pytest.mark.parametrize("role", ["admin", "coordinator", "officer", "reader"])
def test_token_of_region_a_cannot_write_in_region_b(client_for, role, region_b):
    client = client_for(role)
    url = b_detail(region_b, "published")
    patch = client.patch(
        url, {"version": 1, "title": "Übernommen"}, format="json", HTTP_HOST=OTHER_HOST
    )
    assert patch.status_code == 403
    create = client.post(
        reverse("api-project-list"),
        {"title": "Eingeschleust", "municipalities": ["stadt-b"]},
        format="json",
        HTTP_HOST=OTHER_HOST,
    )
    assert create.status_code == 403
    assert client.delete(url, HTTP_HOST=OTHER_HOST).status_code == 403
    freeze = client.post(
        reverse("api-strategy-version-list"), {"name": "Fremd"}, HTTP_HOST=OTHER_HOST
    )
    assert freeze.status_code == 403
    assert Project.objects.get(pk=region_b["published"].pk).title == "Projekt B"
    assert not Project.objects.filter(title="Eingeschleust").exists()


def test_versions_of_another_region_are_404(client_for, strategy, region_b):
    from digitalagentur.strategy.models import Strategy

    version_b = freeze_version(Strategy.objects.get(region=region_b["region"]), "Fassung B")
    version_a = freeze_version(strategy, "Fassung A")
    coordinator = client_for("coordinator")
    url_b = reverse("api-strategy-version-detail", args=[version_b.pk])
    assert coordinator.get(url_b).status_code == 404
    diff = reverse("api-strategy-version-diff", args=[version_a.pk, version_b.pk])
    assert coordinator.get(diff).status_code == 404
    names = [
        row["name"]
        for row in coordinator.get(reverse("api-strategy-version-list")).json()["results"]
    ]
    assert names == ["Fassung A"]
