"""Competitions through the API (issue 12, sections 2 and 3): the published calls with dates,
criteria and prizes; the ranking, the coordination's (with each juror's scores) until the
result is published and public afterwards, checked on a case computed by hand."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digitalagentur.participation import competitions as svc
from digitalagentur.participation.choices import CompetitionPhase
from digitalagentur.testing.participation import (
    make_competition,
    make_juror,
    make_participant,
    make_submission,
    move_to_phase,
)

from .conftest import OTHER_HOST

pytestmark = pytest.mark.django_db

COMPETITIONS = reverse("api-competition-list")
KEYS = {
    "id",
    "slug",
    "title",
    "phase",
    "submission_start",
    "submission_end",
    "jury_end",
    "award_date",
    "result_published",
    "criteria",
    "prizes",
}


def detail(competition) -> str:
    return reverse("api-competition-detail", args=[competition.pk])


def ranking(competition) -> str:
    return reverse("api-competition-ranking", args=[competition.pk])


@pytest.fixture
def scored(region):
    """ZukunftsWandler in its jury phase, scored by hand (criteria "Idee" weight 2,
    "Umsetzbarkeit" weight 1):

    - Dorf-App: Anna 8 / 5, Ben 6 / 6  -> (16 + 5 + 12 + 6) / 6 = 6.50; Anna 7.00, Ben 6.00
    - Lernwerkstatt: Anna 10 / 10, Ben declared a conflict -> 10.00 (one juror)
    - Makerspace: Anna 6 / 9, Ben 7 / 5 -> (12 + 9 + 14 + 5) / 6 = 6.666… -> 6.67
    - Repair-Café: no scores -> no rank
    """
    competition = make_competition(
        region,
        slug="zukunftswandler-2023",
        title="ZukunftsWandler 2023",
        award_date=datetime.date(2023, 11, 30),
    )
    entries = {
        title: make_submission(competition, make_participant(first_name=name), title=title)
        for title, name in [
            ("Dorf-App", "Team Dorf"),
            ("Lernwerkstatt", "Schule Nord"),
            ("Makerspace", "Verein M"),
            ("Repair-Café", "Nachbarn"),
        ]
    }
    move_to_phase(competition, CompetitionPhase.JURY)
    anna = make_juror(competition, first_name="Anna")
    ben = make_juror(competition, first_name="Ben")
    idea, feasible = list(competition.criteria.order_by("position"))
    points = {
        (anna, "Dorf-App"): (8, 5),
        (ben, "Dorf-App"): (6, 6),
        (anna, "Lernwerkstatt"): (10, 10),
        (anna, "Makerspace"): (6, 9),
        (ben, "Makerspace"): (7, 5),
    }
    for (juror, title), (first, second) in points.items():
        svc.score(juror, entries[title], idea, first)
        svc.score(juror, entries[title], feasible, second)
    svc.declare_conflict(ben, entries["Lernwerkstatt"], "Meine Tochter ist dabei.")
    return competition


def test_published_competitions_of_the_region_with_criteria_and_prizes(api, region, other_region):
    competition = make_competition(
        region, title="ZukunftsWandler", slug="zw", award_date=datetime.date(2023, 11, 30)
    )
    make_competition(region, title="Entwurf", published=False)
    make_competition(other_region, title="Anderswo")
    response = api.get(COMPETITIONS)
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    row = data["results"][0]
    assert set(row) == KEYS
    assert row["id"] == competition.pk and row["slug"] == "zw"
    assert row["title"] == "ZukunftsWandler" and row["phase"] == "submission"
    assert datetime.datetime.fromisoformat(row["submission_end"]) == competition.submission_end
    assert row["award_date"] == "2023-11-30" and row["result_published"] is False
    assert row["criteria"] == [
        {"name": "Idee", "weight": "2.00"},
        {"name": "Umsetzbarkeit", "weight": "1.00"},
    ]
    assert row["prizes"] == [
        {"position": 1, "name": "1. Preis", "winner": None},
        {"position": 2, "name": "2. Preis", "winner": None},
    ]
    other = api.get(COMPETITIONS, HTTP_HOST=OTHER_HOST).json()["results"]
    assert [row["title"] for row in other] == ["Anderswo"]


def test_one_competition_with_its_call(api, region, other_region):
    competition = make_competition(
        region,
        description="Ideen für das Land.",
        eligibility="Alle im Kreis.",
        extra_fields=[{"key": "team", "label": "Team", "required": True}],
    )
    data = api.get(detail(competition)).json()
    assert KEYS <= set(data)
    assert data["description"] == "Ideen für das Land."
    assert data["eligibility"] == "Alle im Kreis."
    assert data["extra_fields"] == [{"key": "team", "label": "Team", "required": True}]
    draft = make_competition(region, published=False)
    elsewhere = make_competition(other_region)
    assert api.get(detail(draft)).status_code == 404
    assert api.get(detail(elsewhere)).status_code == 404
    assert api.get(ranking(draft)).status_code == 404


def test_the_ranking_is_the_coordinations_until_the_result_is_published(
    api, client_for, users, scored, citizen_client
):
    assert api.get(ranking(scored)).status_code == 401
    for caller in (citizen_client, client_for("officer"), client_for("reader")):
        response = caller.get(ranking(scored))
        assert response.status_code == 403 and "Koordination" in response.json()["detail"]
    juror = scored.jurors.get(user__first_name="Anna").user
    assert client_for(juror).get(ranking(scored)).status_code == 403
    assert client_for("coordinator").get(ranking(scored)).status_code == 200
    assert client_for("admin").get(ranking(scored)).status_code == 200


def test_the_ranking_computed_by_hand_with_each_jurors_scores(client_for, scored):
    rows = client_for("coordinator").get(ranking(scored)).json()
    summary = [
        (row["rank"], row["submission"]["title"], row["score"], row["jurors_scored"])
        for row in rows
    ]
    assert summary == [
        (1, "Lernwerkstatt", "10.00", 1),
        (2, "Makerspace", "6.67", 2),
        (3, "Dorf-App", "6.50", 2),
        (None, "Repair-Café", None, 0),
    ]
    assert rows[0]["submission"]["submitter_name"] == "Schule Nord"
    assert set(rows[0]["submission"]) == {"id", "title", "submitter_name"}
    dorf = rows[2]
    assert dorf["per_juror"] == [
        {
            "juror": "Anna",
            "score": "7.00",
            "values": [
                {"criterion": "Idee", "value": 8},
                {"criterion": "Umsetzbarkeit", "value": 5},
            ],
        },
        {
            "juror": "Ben",
            "score": "6.00",
            "values": [
                {"criterion": "Idee", "value": 6},
                {"criterion": "Umsetzbarkeit", "value": 6},
            ],
        },
    ]
    assert rows[0]["conflicts"] == ["Ben"] and dorf["conflicts"] == []
    assert [juror["juror"] for juror in rows[0]["per_juror"]] == ["Anna"]


def test_after_the_result_the_ranking_is_public_without_the_jurors_scores(
    api, client_for, users, scored
):
    svc.publish_result(scored, user=users["coordinator"])
    response = api.get(ranking(scored))
    assert response.status_code == 200
    rows = response.json()
    assert [(row["rank"], row["submission"]["title"]) for row in rows][:3] == [
        (1, "Lernwerkstatt"),
        (2, "Makerspace"),
        (3, "Dorf-App"),
    ]
    for row in rows:
        assert set(row) == {"rank", "submission", "score", "jurors_scored"}
    assert "Anna" not in response.content.decode() and "Ben" not in response.content.decode()
    assert "per_juror" in client_for("coordinator").get(ranking(scored)).json()[0]
    listed = api.get(COMPETITIONS).json()["results"][0]
    assert listed["result_published"] is True and listed["phase"] == "result"
    assert listed["prizes"] == [
        {"position": 1, "name": "1. Preis", "winner": "Lernwerkstatt"},
        {"position": 2, "name": "2. Preis", "winner": "Makerspace"},
    ]


def test_a_winner_is_not_shown_before_the_result_is_published(api, scored, users):
    prize = scored.prizes.get(position=1)
    prize.winner = scored.submissions.get(title="Dorf-App")
    prize.save()
    assert api.get(detail(scored)).json()["prizes"][0]["winner"] is None


def test_another_regions_ranking_is_not_found(client_for, scored, other_region):
    response = client_for("coordinator").get(ranking(scored), HTTP_HOST=OTHER_HOST)
    assert response.status_code == 404


def test_the_list_needs_the_same_queries_for_2_or_8_competitions(
    api, region, no_page_cache, django_assert_max_num_queries
):
    for _ in range(2):
        make_competition(region)
    with CaptureQueriesContext(connection) as few:
        assert api.get(COMPETITIONS).json()["count"] == 2
    for _ in range(6):
        make_competition(region)
    with django_assert_max_num_queries(len(few)):
        assert api.get(COMPETITIONS).json()["count"] == 8


@pytest.fixture
def citizen_client(client_for):
    return client_for(make_participant("buerger"))
