"""Filters, search, sorting and pagination of the API lists; bad parameters are a 400."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digitalagentur.core import testing as t
from digitalagentur.portfolio.filtersets import ProjectFilterSet

pytestmark = pytest.mark.django_db


def titles(response):
    assert response.status_code == 200, response.content
    return [row["title"] for row in response.json()["results"]]


@pytest.fixture
def url():
    return reverse("api-project-list")


def test_filter_by_field(api, url, projects):
    assert titles(api.get(url, {"field": "mobilitaet"})) == ["Smarte Parkplätze"]


def test_filter_by_municipality(api, url, projects):
    assert titles(api.get(url, {"municipality": "senden"})) == ["Online ins Rathaus"]
    assert titles(api.get(url, {"municipality": "havixbeck"})) == [
        "Online ins Rathaus",
        "Smarte Parkplätze",
        "Crossiety",
    ]


def test_filter_by_status_lighthouse_strategy_and_priority(api, url, projects):
    assert titles(api.get(url, {"status": "planned"})) == ["Smarte Parkplätze"]
    assert titles(api.get(url, {"is_lighthouse": "true"})) == ["Crossiety"]
    assert titles(api.get(url, {"is_strategy_project": "false"})) == ["Crossiety"]
    assert titles(api.get(url, {"priority_group": 1})) == ["Online ins Rathaus"]


@pytest.mark.parametrize(
    "term, expected",
    [
        ("rathaus", ["Online ins Rathaus"]),  # title, any case
        ("P2", ["Smarte Parkplätze"]),  # code
        ("Verwaltungsleistungen", ["Online ins Rathaus"]),  # summary
        ("Sensoren Stellplätze", ["Smarte Parkplätze"]),  # description, every word
        ("Sensoren Rathaus", []),
    ],
)
def test_full_text_search(api, url, projects, term, expected):
    assert titles(api.get(url, {"q": term})) == expected


def test_search_never_finds_drafts_for_the_public(api, url, projects):
    assert titles(api.get(url, {"q": "Geheimer"})) == []


def test_filters_combine(api, url, projects):
    assert titles(api.get(url, {"municipality": "havixbeck", "status": "completed"})) == [
        "Crossiety"
    ]


def test_ordering(api, url, projects):
    assert titles(api.get(url, {"ordering": "title"})) == [
        "Crossiety",
        "Online ins Rathaus",
        "Smarte Parkplätze",
    ]
    assert titles(api.get(url, {"ordering": "-code"}))[:2] == [
        "Smarte Parkplätze",
        "Online ins Rathaus",
    ]
    assert titles(api.get(url, {"ordering": "-progress"}))[0] == "Online ins Rathaus"


@pytest.mark.parametrize(
    "params",
    [
        {"status": "bogus"},
        {"field": "gibt-es-nicht"},
        {"field": "entwurf"},  # a draft field is no valid choice for the public
        {"municipality": "nirgendwo"},
        {"municipality": "a\x00b"},
        {"priority_group": "zwei"},
        {"priority_group": "99999999999999999999999"},
        {"is_lighthouse": "vielleicht"},
        {"ordering": "secret"},
        {"page": "abc"},
        {"page": 0},
        {"page": 99},
        {"page_size": 0},
        {"page_size": -5},
        {"page_size": "viele"},
        {"q": "a\x00b"},
    ],
)
def test_invalid_parameters_answer_400_with_a_message(api, url, projects, params):
    response = api.get(url, params)
    assert response.status_code == 400
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"]
    assert set(body) & set(params)


def test_field_of_another_region_is_an_invalid_filter(api, url, projects, region_b):
    assert api.get(url, {"field": "bildung-b"}).status_code == 400
    assert api.get(url, {"municipality": "stadt-b"}).status_code == 400


def test_messages_are_german(api, url, projects):
    body = api.get(url, {"page": "abc"}).json()
    assert body == {
        "detail": "Ungültige Angaben: page.",
        "page": ["Die Seitenzahl muss eine ganze Zahl sein."],
    }
    body = api.get(url, {"status": "bogus"}).json()
    assert body["detail"] == "Ungültige Angaben: status."
    assert "bogus" in body["status"][0]


def test_pagination_pages_and_links(api, url, region):
    for n in range(5):
        t.make_project(region, f"Projekt {n}")
    first = api.get(url, {"page_size": 2}).json()
    assert first["count"] == 5
    assert len(first["results"]) == 2
    assert first["previous"] is None
    assert "page=2" in first["next"] and "page_size=2" in first["next"]
    last = api.get(url, {"page_size": 2, "page": 3}).json()
    assert len(last["results"]) == 1 and last["next"] is None
    seen = [
        row["id"]
        for page in (1, 2, 3)
        for row in api.get(url, {"page_size": 2, "page": page}).json()["results"]
    ]
    assert len(set(seen)) == 5


def count_queries(api, url, params):
    with CaptureQueriesContext(connection) as captured:
        response = api.get(url, params)
    assert response.status_code == 200, response.content
    return response.json(), sum("COUNT(" in q["sql"].upper() for q in captured)


def test_a_first_page_that_is_not_full_is_counted_without_a_count_query(api, url, region):
    for n in range(5):
        t.make_project(region, f"Projekt {n}")
    data, counts = count_queries(api, url, {"page_size": 10})
    assert (data["count"], len(data["results"]), counts) == (5, 5, 0)
    # A full first page may have more after it, and later pages are checked against the
    # count before they are read: counted.
    data, counts = count_queries(api, url, {"page_size": 5})
    assert (data["count"], data["next"], counts) == (5, None, 1)
    data, counts = count_queries(api, url, {"page_size": 2, "page": 2})
    assert (data["count"], counts) == (5, 1) and "page=3" in data["next"]
    data, counts = count_queries(api, url, {"page_size": 2, "page": 3})
    assert (data["count"], len(data["results"]), data["next"], counts) == (5, 1, None, 1)
    # Beyond the end is still a 400, and "last" still finds the last page.
    assert api.get(url, {"page_size": 2, "page": 4}).status_code == 400
    assert api.get(url, {"page_size": 2, "page": "last"}).json()["results"][0]["title"]


def test_an_unfiltered_list_is_the_default_order_without_a_filter_set(
    api, url, projects, monkeypatch
):
    default = titles(api.get(url, {"ordering": "code"}))

    def no_filter_set(*args, **kwargs):
        raise AssertionError("a filter set was built")

    monkeypatch.setattr(ProjectFilterSet, "__init__", no_filter_set)
    assert titles(api.get(url)) == default
    assert titles(api.get(url, {"page": 1, "page_size": 50})) == default
    with pytest.raises(AssertionError, match="filter set"):
        api.get(url, {"status": "completed"})


def test_page_size_is_clamped_to_200(api, url, region):
    town = t.make_municipality(region, "Olfen")
    for n in range(205):
        t.make_project(region, f"Projekt {n:03d}", towns=[town])
    data = api.get(url, {"page_size": 500}).json()
    assert data["count"] == 205
    assert len(data["results"]) == 200
    assert "page=2" in data["next"]


def test_default_page_size_is_50(api, url, region):
    for n in range(51):
        t.make_project(region, f"Projekt {n:03d}")
    assert len(api.get(url).json()["results"]) == 50


def test_empty_list_is_a_valid_first_page(api, url, region):
    data = api.get(url).json()
    assert data == {"count": 0, "next": None, "previous": None, "results": []}


def test_other_lists_are_paginated_too(api, fields, town, other_town):
    data = api.get(reverse("api-municipality-list"), {"page_size": 1}).json()
    assert data["count"] == 2 and len(data["results"]) == 1 and data["next"]
    assert api.get(reverse("api-field-list"), {"page": "x"}).status_code == 400


@pytest.mark.parametrize("odd", ["%C2%B2", "%D9%A3", "99999999999999999999999", "-1", "1.0"])
def test_odd_ids_in_urls_are_not_found(api, projects, strategy, odd):
    for path in (
        f"/api/v1/projects/{odd}/",
        f"/api/v1/strategy/versions/{odd}/",
    ):
        assert api.get(path).status_code == 404, path


def test_priority_filter_does_not_reveal_a_draft_fields_group(api, client_for, region, fields):
    t.make_project(region, "Im Entwurfsfeld", field=fields["entwurf"])  # published project
    public = api.get(reverse("api-project-list"), {"priority_group": 3}).json()
    assert [row["title"] for row in public["results"]] == []
    internal = client_for("reader").get(reverse("api-project-list"), {"priority_group": 3})
    assert [row["title"] for row in internal.json()["results"]] == ["Im Entwurfsfeld"]


@pytest.mark.parametrize(
    "path", ["/api/v1/projects/999999/", "/api/v1/projects/1.5/", "/api/v1/nix/"]
)
def test_not_found_is_json_in_german(api, projects, path):
    response = api.get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Nicht gefunden."}


@pytest.mark.parametrize("query", ["rüstzeug", "RÜSTZEUG", "Rüstzeug", "ÜBER"])
def test_search_ignores_the_case_of_umlauts(api, region, query):
    t.make_project(region, "Rüstzeug für die Arbeitswelt", summary="Über den Berufseinstieg")
    results = api.get(reverse("api-project-list"), {"q": query}).json()["results"]
    assert [row["title"] for row in results] == ["Rüstzeug für die Arbeitswelt"]
