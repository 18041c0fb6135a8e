"""Stored assessment rounds in the API (issue 9): visibility per role and region, the results
in the shape of the consolidate endpoint, and a constant number of queries for the list."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from digitalagentur.core import testing as t
from digitalagentur.testing.assessment import make_questionnaire, make_response, make_round
from digitalagentur.testing.assessment_rounds import scores

from .conftest import OTHER_HOST

pytestmark = pytest.mark.django_db

ROUNDS = "/api/v1/assessment/rounds/"


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


@pytest.fixture
def rounds(region, town, other_town, strategy):
    field = t.make_field(strategy, "Verwaltung", slug="verwaltung")
    second = t.make_field(strategy, "Mobilität", slug="mobilitaet", position=1)
    questionnaire = make_questionnaire(region, "Bedarfsanalyse 2026")
    published = make_round(
        region,
        questionnaire=questionnaire,
        towns=[town, other_town],
        fields=[field, second],
        group_sizes=[1, 1],
        title="Runde 2026",
        slug="runde-2026",
        published=True,
    )
    draft = make_round(region, towns=[town], fields=[field], group_sizes=[1], slug="entwurf")
    make_response(
        published,
        town,
        {
            **scores(questionnaire, field, wachstum=4, personal=3),
            **scores(questionnaire, second, wachstum=2, personal=2),
        },
        status="submitted",
    )
    make_response(published, other_town, scores(questionnaire, field, wachstum=1, personal=1))
    return {"published": published, "draft": draft, "field": field}


def results_url(key) -> str:
    return reverse("api-assessment-round-results", args=[key])


def test_the_urls_have_their_names():
    assert reverse("api-assessment-rounds") == ROUNDS
    assert results_url(7) == "/api/v1/assessment/rounds/7/results/"


def test_the_public_sees_published_rounds_only(api, rounds):
    answer = api.get(ROUNDS)
    assert answer.status_code == 200
    items = answer.json()["results"]
    assert [item["slug"] for item in items] == ["runde-2026"]
    assert items[0] == {
        "id": rounds["published"].pk,
        "slug": "runde-2026",
        "title": "Runde 2026",
        "description": "",
        "deadline": items[0]["deadline"],
        "published": True,
        "combine": "product",
        "questionnaire": {"title": "Bedarfsanalyse 2026", "revision": 1},
        "municipality_count": 2,
        "submitted_count": 1,
        "fields": ["verwaltung", "mobilitaet"],
    }


@pytest.mark.parametrize("role", ["reader", "officer", "coordinator"])
def test_region_staff_see_every_round(client_for, rounds, role):
    items = client_for(role).get(ROUNDS).json()["results"]
    assert {item["slug"] for item in items} == {"runde-2026", "entwurf"}


def test_another_region_sees_none_of_them(api, rounds, region_b):
    assert api.get(ROUNDS, HTTP_HOST=OTHER_HOST).json()["results"] == []
    answer = api.get(results_url(rounds["published"].pk), HTTP_HOST=OTHER_HOST)
    assert answer.status_code == 404


def test_results_of_a_published_round(api, rounds):
    by_id = api.get(results_url(rounds["published"].pk))
    by_slug = api.get(results_url("runde-2026"))
    assert by_id.status_code == by_slug.status_code == 200
    assert by_id.json() == by_slug.json()
    results = by_id.json()["results"]
    # Only the submitted response counts: Senden alone.
    assert results[0] == {
        "field": "verwaltung",
        "relevance": 4.0,
        "potential": 3.0,
        "combined": 12.0,
        "n": 1,
        "std_relevance": 0.0,
        "std_potential": 0.0,
        "rank": 1,
        "priority_group": 1,
    }
    assert results[1]["field"] == "mobilitaet" and results[1]["combined"] == 4.0
    assert by_id.json()["overrides"] == []


CONSOLIDATE_KEYS = {
    "field",
    "relevance",
    "potential",
    "combined",
    "n",
    "std_relevance",
    "std_potential",
    "rank",
    "priority_group",
}


def test_result_items_have_exactly_the_keys_of_the_consolidate_endpoint(
    api, client_for, rounds, users
):
    from digitalagentur.assessment.result_actions import set_override

    set_override(
        rounds["published"],
        rounds["field"],
        2,
        "Beschluss des Kreistags",
        user=users["coordinator"],
    )
    what_if = api.post(
        "/api/v1/assessment/consolidate/",
        {
            "criteria": [{"key": "k", "dimension": "relevance", "weight": 1}],
            "responses": [{"municipality": "A", "field": "f", "scores": {"k": 3}}],
            "grouping": {"sizes": [1]},
            "combine": "product",
        },
        format="json",
    )
    assert set(what_if.json()["results"][0]) == CONSOLIDATE_KEYS
    for client in (api, client_for("reader")):
        body = client.get(results_url("runde-2026")).json()
        assert set(body) == {"results", "overrides"}
        assert all(set(item) == CONSOLIDATE_KEYS for item in body["results"])
        verwaltung = body["results"][0]
        assert verwaltung["field"] == "verwaltung" and verwaltung["priority_group"] == 1
        assert body["overrides"] == [
            {"field": "verwaltung", "priority_group": 2, "reason": "Beschluss des Kreistags"}
        ]


def test_a_round_whose_group_sizes_no_longer_fit_is_409(api, client_for, rounds):
    round = rounds["published"]
    round.group_sizes = [1, 1, 1]  # three, but the round has two fields
    round.save()
    for client in (api, client_for("coordinator")):
        answer = client.get(results_url(round.pk))
        assert answer.status_code == 409
        assert answer.json()["detail"] == (
            "Die Gruppengrößen der Runde passen nicht zur Zahl ihrer Handlungsfelder; "
            "bitte die Runde anpassen."
        )


def test_unpublished_fields_are_left_out_for_the_public(api, client_for, rounds, users):
    from digitalagentur.assessment.result_actions import set_override

    field = rounds["field"]
    field.published = False
    field.save()
    set_override(rounds["published"], field, 2, "Intern", user=users["coordinator"])
    public = api.get(results_url("runde-2026")).json()
    assert [item["field"] for item in public["results"]] == ["mobilitaet"]
    assert public["results"][0]["rank"] == 2  # the round's rank
    assert public["overrides"] == []
    listed = api.get(ROUNDS).json()["results"][0]
    assert listed["fields"] == ["mobilitaet"]
    staff = client_for("reader")
    assert [i["field"] for i in staff.get(results_url("runde-2026")).json()["results"]] == [
        "verwaltung",
        "mobilitaet",
    ]
    listed = {item["slug"]: item for item in staff.get(ROUNDS).json()["results"]}
    assert listed["runde-2026"]["fields"] == ["verwaltung", "mobilitaet"]
    # An unpublished strategy hides all its fields.
    field.strategy.published = False
    field.strategy.save()
    assert api.get(results_url("runde-2026")).json() == {"results": [], "overrides": []}
    assert api.get(ROUNDS).json()["results"][0]["fields"] == []


def test_towns_no_longer_in_the_round_are_not_counted(api, rounds, town):
    round = rounds["published"]
    round.municipalities.remove(town)  # Senden submitted, then left the round
    listed = api.get(ROUNDS).json()["results"][0]
    assert (listed["municipality_count"], listed["submitted_count"]) == (1, 0)
    results = api.get(results_url("runde-2026")).json()["results"]
    assert [item["n"] for item in results] == [0, 0]


def test_results_of_an_unpublished_round_are_404_for_the_public(api, client_for, rounds):
    for key in (rounds["draft"].pk, "entwurf", "gibt-es-nicht", "0", "9" * 30):
        answer = api.get(results_url(key))
        assert answer.status_code == 404, key
    answer = client_for("reader").get(results_url("entwurf"))
    assert answer.status_code == 200
    assert [item["field"] for item in answer.json()["results"]] == ["verwaltung"]


def test_the_list_needs_few_queries_however_many_rounds(api, rounds, region, town, strategy):
    def count():
        with CaptureQueriesContext(connection) as captured:
            assert api.get(ROUNDS).status_code == 200
        return len(captured)

    before = count()
    for number in range(5):
        field = t.make_field(strategy, f"Feld {number}", slug=f"feld-{number}")
        make_round(
            region,
            towns=[town],
            fields=[field],
            group_sizes=[1],
            published=True,
            slug=f"weitere-{number}",
        )
    assert count() == before


def test_both_operations_are_in_the_schema(api):
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/json")
    if schema.status_code != 200:
        schema = api.get("/api/schema/?format=json")
    paths = schema.json()["paths"] if schema.headers["Content-Type"].endswith("json") else None
    if paths is None:
        import yaml

        paths = yaml.safe_load(schema.content)["paths"]
    assert "get" in paths["/api/v1/assessment/rounds/"]
    assert "get" in paths["/api/v1/assessment/rounds/{round}/results/"]
