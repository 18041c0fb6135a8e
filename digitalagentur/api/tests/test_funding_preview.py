"""POST /api/v1/funding/preview/: the contract of issue 8, section 3, and bad input."""

import copy

import pytest
from django.urls import reverse

from digitalagentur.core.models import ObjectChange

URL = "/api/v1/funding/preview/"

BODY = {
    "rules": {
        "funding_rate": "0.65",
        "max_grant": "15000000.00",
        "third_party_max_share_of_own": "0.5",
        "max_months": 48,
    },
    "duration_months": 48,
    "third_party": "20000.00",
    "lines": [
        {"label": "Server", "kind": "investive", "amount": "40000.00", "eligible": True},
        {"label": "Personal", "kind": "consumptive", "amount": "60000.00", "eligible": True},
        {"label": "Bewirtung", "kind": "consumptive", "amount": "1000.00", "eligible": False},
    ],
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
    assert reverse("api-funding-preview") == URL
    response = api.post(URL, BODY, format="json")
    assert response.status_code == 200, response.content
    assert response.json() == {
        "total": "101000.00",
        "eligible_total": "100000.00",
        "investive": "40000.00",
        "consumptive": "61000.00",
        "investive_share": "0.3960",
        "consumptive_share": "0.6040",
        "grant": "65000.00",
        "own_share": "35000.00",
        "third_party": "17500.00",
        "municipal_own_share": "18500.00",
        "warnings": [
            "Mittel Dritter zählen höchstens mit 17.500,00 € (angeboten: 20.000,00 €); der Rest "
            "verringert den Eigenanteil nicht."
        ],
        "errors": [],
    }
    assert not ObjectChange.objects.exists()  # it stores nothing


@pytest.mark.django_db
def test_cap_and_duration(api, region):
    data = body(
        duration_months=60,
        third_party="0.00",
        lines=[{"label": "Alles", "kind": "investive", "amount": "30000000.00"}],
    )
    answer = api.post(URL, data, format="json").json()
    assert answer["grant"] == "15000000.00"
    assert answer["own_share"] == "15000000.00"
    assert answer["investive_share"] == "1.0000" and answer["consumptive_share"] == "0.0000"
    assert "Höchstbetrag" in answer["warnings"][0]
    assert answer["errors"] == [
        "Die Laufzeit von 60 Monaten überschreitet die zulässigen 48 Monate."
    ]


@pytest.mark.django_db
def test_optional_rules_and_empty_plans(api, region):
    data = {"rules": {"funding_rate": "1"}, "lines": []}
    answer = api.post(URL, data, format="json").json()
    assert answer["total"] == "0.00" and answer["investive_share"] == "0.0000"
    data = {
        "rules": {"funding_rate": "0.5", "max_grant": None, "max_months": None},
        "third_party": "100.00",
        "lines": [{"kind": "consumptive", "amount": "0.01"}],
    }
    answer = api.post(URL, data, format="json").json()
    # 0.005 rounds half up to 0.01: the grant takes the cent, nothing is left to share.
    assert (answer["grant"], answer["own_share"], answer["third_party"]) == ("0.01", "0.00", "0.00")
    assert answer["municipal_own_share"] == "0.00"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (body(rules__funding_rate="0,65"), "rules", "Dezimalpunkt"),
        (body(rules__funding_rate="1.5"), "rules", "von 0 bis 1"),
        (body(rules__funding_rate=0.65), "rules", "Zeichenkette"),
        (body(rules__funding_rate=KeyError), "rules", "erforderlich"),
        (body(rules=KeyError), "rules", "erforderlich"),
        (body(rules__max_months=0), "rules", ""),
        (body(lines__0__amount="1.234,56"), "lines", "Dezimalpunkt"),
        (body(lines__0__amount="-5.00"), "lines", "nicht negativ"),
        (body(lines__0__amount="1000000000000.00"), "lines", "Billion"),
        (body(lines__0__amount="12.345"), "lines", "zwei"),
        (body(lines__0__amount="abc"), "lines", ""),
        (body(lines__0__amount=40000), "lines", "Zeichenkette"),
        (body(lines__0__amount=KeyError), "lines", "erforderlich"),
        (body(lines__0__kind="sonstiges"), "lines", ""),
        (body(lines__0__eligible="ja"), "lines", "true oder false"),
        (body(lines="keine Liste"), "lines", ""),
        (body(lines=KeyError), "lines", "erforderlich"),
        (body(third_party="-1.00"), "third_party", "nicht negativ"),
        (body(duration_months="vier Jahre"), "duration_months", ""),
        (body(duration_months=-1), "duration_months", ""),
    ],
)
def test_bad_input_is_400_naming_the_field(api, region, data, field, message):
    response = api.post(URL, data, format="json")
    assert response.status_code == 400, response.content
    answer = response.json()
    assert field in answer
    assert message in str(answer[field])


@pytest.mark.django_db
def test_not_json_and_not_an_object(api, region):
    assert api.post(URL, "kaputt", content_type="application/json").status_code == 400
    assert api.post(URL, [1, 2], format="json").status_code == 400
    assert api.get(URL).status_code == 405
