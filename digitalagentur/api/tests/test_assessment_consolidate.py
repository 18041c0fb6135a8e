"""POST /api/v1/assessment/consolidate/: the contract of issue 9 §3, and bad input."""

import copy
import json

import pytest
from django.urls import reverse

from digitalagentur.api import assessment
from digitalagentur.core.models import ObjectChange

URL = "/api/v1/assessment/consolidate/"


def answer(town, field, **scores):
    return {"municipality": town, "field": field, "scores": scores}


BODY = {
    "criteria": [
        {"key": "wachstum", "dimension": "relevance", "weight": 2},
        {"key": "image", "dimension": "relevance", "weight": 1},
        {"key": "netzwerke", "dimension": "potential", "weight": 1},
        {"key": "personal", "dimension": "potential", "weight": 3},
    ],
    "responses": [
        answer("Ascheberg", "mobilitaet", wachstum=5, image=2, netzwerke=4),
        answer("Billerbeck", "mobilitaet", wachstum=3, personal=2),
        answer("Ascheberg", "kultur", image=1, netzwerke=5, personal=5),
        answer("Billerbeck", "kultur", wachstum=2, image=2),
        answer("Coesfeld", "bildung", wachstum=4, image=2, netzwerke=3, personal=1),
        answer("Ascheberg", "bildung"),
    ],
    "grouping": {"sizes": [1, 1, 1]},
    "combine": "product",
}


def body(**changes):
    data = copy.deepcopy(BODY)
    for path, value in changes.items():
        target = data
        *parents, last = path.split("__")
        for key in parents:
            target = target[int(key)] if key.isdigit() else target[key]
        if value is KeyError:
            del target[int(last) if last.isdigit() else last]
        else:
            target[int(last) if last.isdigit() else last] = value
    return data


@pytest.mark.django_db
def test_the_answer_as_the_issue_defines_it(api, region):
    assert reverse("api-assessment-consolidate") == URL
    response = api.post(URL, BODY, format="json")
    assert response.status_code == 200, response.content
    # mobilitaet: Ascheberg relevance (2·5 + 2) / 3 = 4, potential 4; Billerbeck relevance 3,
    #   potential 2 -> relevance 3.5 (std 0.5), potential 3 (std 1), product 10.5.
    # kultur: relevance 1 and 2 -> 1.5 (std 0.5); potential (5 + 3·5) / 4 = 5 from Ascheberg
    #   only (Billerbeck has none) -> product 7.5.
    # bildung: Coesfeld relevance (8 + 2) / 3 = 10/3, potential (3 + 3) / 4 = 1.5 -> 5;
    #   Ascheberg answered nothing, so n = 1.
    assert response.json() == {
        "results": [
            {"field": "mobilitaet", "relevance": 3.5, "potential": 3.0, "combined": 10.5, "n": 2,
             "std_relevance": 0.5, "std_potential": 1.0, "rank": 1, "priority_group": 1},
            {"field": "kultur", "relevance": 1.5, "potential": 5.0, "combined": 7.5, "n": 2,
             "std_relevance": 0.5, "std_potential": 0.0, "rank": 2, "priority_group": 2},
            {"field": "bildung", "relevance": 3.3333, "potential": 1.5, "combined": 5.0, "n": 1,
             "std_relevance": 0.0, "std_potential": 0.0, "rank": 3, "priority_group": 3},
        ]
    }  # fmt: skip
    assert b'"relevance":3.3333' in response.content  # a JSON number with 4 decimals
    assert not ObjectChange.objects.exists()  # it stores nothing


@pytest.mark.django_db
def test_mean_and_thresholds(api, region):
    # mean: mobilitaet and kultur both (3.5 + 3) / 2 = (1.5 + 5) / 2 = 3.25, mobilitaet has the
    # higher relevance; bildung (10/3 + 3/2) / 2 = 29/12 = 2.41666... -> 2.4167.
    data = body(combine="mean", grouping={"thresholds": [3.25, 2.5]})
    results = api.post(URL, data, format="json").json()["results"]
    assert [(r["field"], r["combined"], r["rank"], r["priority_group"]) for r in results] == [
        ("mobilitaet", 3.25, 1, 1),
        ("kultur", 3.25, 2, 1),
        ("bildung", 2.4167, 3, 3),
    ]  # fmt: skip
    # Fractional weights are read as written: 0.1 and 0.2 weigh exactly 1 : 2.
    data = body(criteria__0__weight=0.2, criteria__1__weight=0.1)
    first = api.post(URL, data, format="json").json()["results"][0]
    assert first["relevance"] == 3.5


@pytest.mark.django_db
def test_no_relevance_means_no_combined_and_last_place(api, region):
    data = body(grouping={"sizes": [2, 2]})
    data["responses"].append(
        {"municipality": "Dülmen", "field": "gesundheit", "scores": {"netzwerke": 5}}
    )
    reply = api.post(URL, data, format="json").json()
    last = reply["results"][-1]
    assert last == {
        "field": "gesundheit",
        "relevance": None,
        "potential": 5.0,
        "combined": None,
        "n": 1,
        "std_relevance": None,
        "std_potential": 0.0,
        "rank": 4,
        "priority_group": 2,
    }


@pytest.mark.django_db
def test_no_responses_no_results(api, region):
    reply = api.post(URL, body(responses=[], grouping={"sizes": [0]}), format="json")
    assert reply.status_code == 200 and reply.json() == {"results": []}


TOO_MANY = [{"key": f"k{i}", "dimension": "relevance", "weight": 1} for i in range(201)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (body(responses__0__scores__fremd=3), "responses", "unbekanntes Kriterium „fremd“"),
        (body(responses__0__scores__wachstum=6), "responses", "ganze Zahl von 1 bis 5"),
        (body(responses__0__scores__wachstum=0), "responses", "ganze Zahl von 1 bis 5"),
        (body(responses__0__scores__wachstum=2.5), "responses", "ganze Zahl von 1 bis 5"),
        (body(responses__0__scores__wachstum="3"), "responses", "ganze Zahl von 1 bis 5"),
        (body(responses__0__scores__wachstum=True), "responses", "ganze Zahl von 1 bis 5"),
        (body(responses__0__scores="viel"), "responses", ""),
        (body(responses__1__municipality="Ascheberg"), "responses", "schon einmal bewertet"),
        (body(responses__0__municipality=KeyError), "responses", "erforderlich"),
        (body(responses__0__field=7), "responses", ""),
        (body(responses=KeyError), "responses", "erforderlich"),
        (body(grouping={"sizes": [1, 1]}), "grouping", "ergeben zusammen 2, es gibt aber 3"),
        (body(grouping={"sizes": [1, -1, 3]}), "grouping", "ganze Zahl ab 0"),
        (body(grouping={"sizes": [1, 1, 1], "thresholds": [5, 3]}), "grouping", "genau eines"),
        (body(grouping={}), "grouping", "genau eines"),
        (body(grouping={"thresholds": [3, 5]}), "grouping", "t1 darf nicht kleiner als t2"),
        (body(grouping={"thresholds": [5]}), "grouping", ""),
        (body(grouping={"thresholds": ["5", "3"]}), "grouping", "Zahl"),
        (body(grouping=KeyError), "grouping", "erforderlich"),
        (body(criteria__0__weight=0), "criteria", "größer als 0"),
        (body(criteria__0__weight=-1.5), "criteria", "größer als 0"),
        (body(criteria__0__weight="2"), "criteria", "Zahl"),
        (body(criteria__1__key="wachstum"), "criteria", "„wachstum“ kommt mehrfach vor"),
        (body(criteria__0__dimension="impact"), "criteria", "Unbekannte Dimension „impact“"),
        (body(criteria=[]), "criteria", "mindestens ein Kriterium"),
        (body(criteria=TOO_MANY), "criteria", "200"),
        (body(combine="max"), "combine", "Unbekannte Verknüpfung „max“"),
        (body(combine=KeyError), "combine", "erforderlich"),
    ],
)
def test_bad_input_is_400_naming_the_field(api, region, data, field, message):
    response = api.post(URL, data, format="json")
    assert response.status_code == 400, response.content
    reply = response.json()
    assert field in reply and "detail" in reply
    assert message in str(reply[field]), reply


@pytest.mark.django_db
def test_infinite_weight(api, region):
    text = json.dumps(BODY).replace('"weight": 2', '"weight": 1e400')
    response = api.post(URL, text, content_type="application/json")
    assert response.status_code == 400
    assert "Zahl" in str(response.json()["criteria"])


def test_too_many_responses():
    # 100,000 responses by default; the same rule with a limit of 2.
    assert assessment.MAX_RESPONSES == 100_000
    serializer = assessment.AssessmentConsolidateSerializer(data=body())
    serializer.fields["responses"].max_length = 2
    assert not serializer.is_valid()
    assert "2" in str(serializer.errors["responses"])


@pytest.mark.django_db
def test_not_json_and_not_an_object(api, region):
    assert api.post(URL, "kaputt", content_type="application/json").status_code == 400
    assert api.post(URL, [1, 2], format="json").status_code == 400
    assert api.get(URL).status_code == 405


TINY = {
    "criteria": [{"key": "k", "dimension": "relevance", "weight": 1}],
    "responses": [answer("A", "f", k=3)],
    "grouping": {"sizes": [1]},
    "combine": "product",
}


@pytest.mark.django_db
def test_anonymous_callers_are_throttled(api, client_for, region):
    assert assessment.ConsolidateThrottle.rate == "60/min"
    for number in range(60):
        assert api.post(URL, TINY, format="json").status_code == 200, number
    throttled = api.post(URL, TINY, format="json")
    assert throttled.status_code == 429
    assert int(throttled["Retry-After"]) > 0
    assert throttled.json()["detail"]
    # Another address, and signed-in callers, are not affected.
    assert api.post(URL, TINY, format="json", REMOTE_ADDR="192.0.2.7").status_code == 200
    assert client_for("reader").post(URL, TINY, format="json").status_code == 200


@pytest.mark.django_db
def test_the_throttle_reads_the_client_behind_trusted_proxies(api, region, settings, monkeypatch):
    settings.DIGITALAGENTUR_TRUSTED_PROXIES = 1
    monkeypatch.setattr(assessment.ConsolidateThrottle, "rate", "2/min")
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for _ in range(2):
        reply = api.post(URL, TINY, format="json", HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy)
        assert reply.status_code == 200
    reply = api.post(URL, TINY, format="json", HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy)
    assert reply.status_code == 429
    # Another client behind the same proxy has its own count.
    reply = api.post(URL, TINY, format="json", HTTP_X_FORWARDED_FOR="198.51.100.2", **proxy)
    assert reply.status_code == 200
