"""Indicators in the API: visibility per role and region, writes per role, versions, values
and targets, numbers in and out, and a constant number of queries for the list."""

import datetime
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digitalagentur.core import testing as t
from digitalagentur.core.models import ObjectChange
from digitalagentur.core.services import changes_for
from digitalagentur.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from digitalagentur.testing.indicators import make_indicator

from .conftest import OTHER_HOST

pytestmark = pytest.mark.django_db

LIST = "api-indicator-list"
ITEM_KEYS = {
    "id",
    "slug",
    "name",
    "unit",
    "direction",
    "direction_display",
    "decimals",
    "description",
    "source",
    "owner",
    "interval_months",
    "is_demo",
    "published",
    "fields",
    "goals",
    "projects",
    "municipalities",
    "status",
    "status_display",
    "latest",
    "is_current",
    "targets",
    "updated",
    "version",
}


def detail(indicator) -> str:
    return reverse("api-indicator-detail", args=[indicator.pk])


def values_url(indicator, row=None) -> str:
    if row is None:
        return reverse("api-indicator-value-list", args=[indicator.pk])
    return reverse("api-indicator-value-detail", args=[indicator.pk, row.pk])


def targets_url(indicator, row=None) -> str:
    if row is None:
        return reverse("api-indicator-target-list", args=[indicator.pk])
    return reverse("api-indicator-target-detail", args=[indicator.pk, row.pk])


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["name"] for row in response.json()["results"]]


def state() -> tuple:
    """Everything a refused write must leave untouched."""
    return (
        ObjectChange.objects.count(),
        tuple(Indicator.objects.order_by("pk").values_list("pk", "name", "version")),
        tuple(IndicatorValue.objects.order_by("pk").values_list("pk", "value", "version")),
        tuple(IndicatorTarget.objects.order_by("pk").values_list("pk", "value", "version")),
    )


@pytest.fixture
def data(region, town, other_town, fields, projects):
    goal = t.make_goal(fields["verwaltung"], "Ziel Online")
    draft_goal = t.make_goal(fields["verwaltung"], "Ziel Entwurf", published=False)
    online = make_indicator(
        region,
        "Online-Dienste",
        unit="%",
        decimals=1,
        targets={"2030-12-31": 80},
        values={"2022-12-31": "20.5", "2024-12-31": "40.25"},
        town_values={town: {"2024-12-31": 55}, other_town: {"2024-12-31": 30}},
        links={
            "fields": [fields["verwaltung"].pk, fields["entwurf"].pk],
            "goals": [goal.pk, draft_goal.pk],
            "projects": [projects["p1"].pk, projects["draft"].pk],
            "municipalities": [town.pk],
        },
    )
    parking = make_indicator(
        region,
        "Freie Parkplätze",
        direction="lower",
        links={"fields": [fields["mobilitaet"].pk], "municipalities": [other_town.pk]},
    )
    draft = make_indicator(region, "Geheimer Indikator", published=False, values={"2024-01-01": 1})
    return {"online": online, "parking": parking, "draft": draft, "goal": goal}


# --- reading ---------------------------------------------------------------------------------


def test_public_sees_published_indicators_only(api, data):
    assert names(api.get(reverse(LIST))) == ["Freie Parkplätze", "Online-Dienste"]
    assert api.get(detail(data["draft"])).status_code == 404
    assert api.get(values_url(data["draft"])).status_code == 404
    assert api.get(targets_url(data["draft"])).status_code == 404


@pytest.mark.parametrize("role", ["reader", "officer", "coordinator"])
def test_staff_of_the_region_sees_drafts(client_for, data, role):
    listed = names(client_for(role).get(reverse(LIST)))
    assert listed == ["Freie Parkplätze", "Geheimer Indikator", "Online-Dienste"]
    assert client_for(role).get(detail(data["draft"])).status_code == 200


def test_an_item_has_the_contract_shape(api, data, town):
    item = api.get(detail(data["online"])).json()
    assert set(item) == ITEM_KEYS
    assert item["unit"] == "%" and item["decimals"] == 1
    assert item["direction"] == "higher"
    assert item["direction_display"] == "höher ist besser"
    # Links to drafts do not show through to the public.
    assert item["fields"] == ["verwaltung"]
    assert item["goals"] == [data["goal"].pk]
    assert item["projects"] == [Indicator.objects.get(pk=item["id"]).projects.get(code="P1").pk]
    assert item["municipalities"] == ["senden"]
    # Numbers are JSON numbers; the latest value is the region's, not a town's.
    assert item["latest"] == {"date": "2024-12-31", "value": 40.25}
    assert [(x["date"], x["value"]) for x in item["targets"]] == [("2030-12-31", 80)]
    assert set(item["targets"][0]) == {"id", "date", "value", "note", "version"}
    assert item["status"] in {"on_track", "at_risk", "off_track"}
    assert item["status_display"]
    assert isinstance(item["is_current"], bool)
    empty = api.get(detail(data["parking"])).json()
    assert empty["latest"] is None and empty["targets"] == []
    assert (empty["status"], empty["status_display"]) == ("unknown", "ohne Bewertung")
    assert empty["direction"] == "lower"


def test_staff_see_the_links_to_drafts(client_for, data, fields):
    item = client_for("reader").get(detail(data["online"])).json()
    assert item["fields"] == ["verwaltung", "entwurf"]
    assert len(item["goals"]) == 2 and len(item["projects"]) == 2


def test_numbers_keep_their_value_in_json(api, region):
    indicator = make_indicator(region, "Genau", values={"2024-01-01": "0.1"}, targets={})
    text = api.get(detail(indicator)).content.decode()
    assert json.loads(text)["latest"]["value"] == 0.1
    assert '"value":0.1' in text.replace(" ", "")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"field": "verwaltung"}, ["Online-Dienste"]),
        ({"field": "mobilitaet"}, ["Freie Parkplätze"]),
        ({"municipality": "havixbeck"}, ["Freie Parkplätze"]),
        ({"status": "unknown"}, ["Freie Parkplätze"]),
        ({"q": "parkpl"}, ["Freie Parkplätze"]),
        ({"q": "dienste", "field": "verwaltung"}, ["Online-Dienste"]),
        ({"status": "unknown", "field": "verwaltung"}, []),
    ],
)
def test_list_filters(api, data, query, expected):
    assert names(api.get(reverse(LIST), query)) == expected


def test_status_filter_finds_each_status(api, data):
    status = api.get(detail(data["online"])).json()["status"]
    assert names(api.get(reverse(LIST), {"status": status})) == ["Online-Dienste"]


@pytest.mark.parametrize(
    "query",
    [{"status": "gut"}, {"field": "entwurf"}, {"field": "gibt-es-nicht"}, {"municipality": "x"}],
)
def test_bad_filters_are_400_in_german(api, data, query):
    response = api.get(reverse(LIST), query)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Ungültige Angaben")


def test_another_regions_indicator_is_404(client_for, data, region_b):
    other = make_indicator(region_b["region"], "Kreis B", values={"2024-01-01": 1})
    value = other.values.get()
    coordinator = client_for("coordinator")
    assert coordinator.get(detail(other)).status_code == 404
    assert coordinator.get(values_url(other)).status_code == 404
    assert coordinator.get(values_url(other, value)).status_code == 404
    before = state()
    patch = coordinator.patch(detail(other), {"name": "Übernommen", "version": 1}, format="json")
    assert patch.status_code == 404
    body = {"date": "2025-01-01", "value": 2}
    assert coordinator.post(values_url(other), body, format="json").status_code == 404
    assert coordinator.delete(f"{values_url(other, value)}?version=1").status_code == 404
    assert state() == before
    # On its own host it is public, but region A's coordinator may not write there.
    assert names(coordinator.get(reverse(LIST), HTTP_HOST=OTHER_HOST)) == ["Kreis B"]
    refused = coordinator.post(values_url(other), body, format="json", HTTP_HOST=OTHER_HOST)
    assert refused.status_code == 403
    assert state() == before


def test_values_are_listed_by_date_and_filtered(api, data):
    online = data["online"]
    rows = api.get(values_url(online)).json()["results"]
    assert [(r["date"], r["municipality"], r["value"]) for r in rows] == [
        ("2022-12-31", None, 20.5),
        ("2024-12-31", None, 40.25),
        ("2024-12-31", "havixbeck", 30),
        ("2024-12-31", "senden", 55),
    ]
    assert set(rows[0]) == {
        "id",
        "date",
        "value",
        "municipality",
        "municipality_name",
        "note",
        "version",
    }
    assert rows[0]["municipality_name"] is None and rows[3]["municipality_name"] == "Senden"
    senden = api.get(values_url(online), {"municipality": "senden"}).json()["results"]
    assert [r["value"] for r in senden] == [55]
    region_only = api.get(values_url(online), {"scope": "region"}).json()["results"]
    assert [r["value"] for r in region_only] == [20.5, 40.25]
    towns = api.get(values_url(online), {"scope": "towns"}).json()["results"]
    assert [r["municipality"] for r in towns] == ["havixbeck", "senden"]
    assert api.get(values_url(online), {"municipality": "nirgendwo"}).status_code == 400
    one = api.get(values_url(online, online.values.get(municipality__slug="senden")))
    assert one.json()["value"] == 55


def test_targets_are_listed(api, data):
    rows = api.get(targets_url(data["online"])).json()["results"]
    assert [(r["date"], r["value"]) for r in rows] == [("2030-12-31", 80)]


# --- writing indicators -----------------------------------------------------------------------


def test_coordinator_creates_an_indicator_with_links(client_for, data, fields, users):
    body = {
        "name": "Glasfaseranschlüsse",
        "unit": "%",
        "direction": "higher",
        "decimals": 2,
        "interval_months": 6,
        "fields": ["verwaltung", "mobilitaet"],
        "goals": [data["goal"].pk],
        "municipalities": ["senden", "havixbeck"],
    }
    response = client_for("coordinator").post(reverse(LIST), body, format="json")
    assert response.status_code == 201, response.content
    item = response.json()
    assert item["slug"] == "glasfaseranschluesse"
    assert item["published"] is False and item["version"] == 1
    assert sorted(item["fields"]) == ["mobilitaet", "verwaltung"]
    assert item["goals"] == [data["goal"].pk]
    assert sorted(item["municipalities"]) == ["havixbeck", "senden"]
    assert item["status"] == "unknown" and item["latest"] is None
    assert response["Location"].endswith(detail(Indicator.objects.get(pk=item["id"])))
    entry = changes_for(Indicator.objects.get(pk=item["id"])).get()
    assert entry.action == ObjectChange.Action.CREATE and entry.user == users["coordinator"]


@pytest.mark.parametrize(
    ("payload", "bad_field"),
    [
        ({"name": "X", "fields": ["gibt-es-nicht"]}, "fields"),
        ({"name": "X", "fields": "verwaltung"}, "fields"),
        ({"name": "X", "municipalities": ["nirgendwo"]}, "municipalities"),
        ({"name": "X", "goals": [999999]}, "goals"),
        ({"name": "X", "goals": ["1"]}, "goals"),
        ({"name": "X", "projects": [True]}, "projects"),
        ({"name": "X", "projects": [2**70]}, "projects"),
        ({"name": "X", "decimals": 5}, "decimals"),
        ({"name": "X", "direction": "sideways"}, "direction"),
        ({"name": "X", "slug": "online-dienste"}, "slug"),
        ({"name": "X", "slug": "mit leerzeichen"}, "slug"),
        ({"name": ""}, "name"),
        ({"name": 12}, "name"),
        ({"unit": "%"}, "name"),
    ],
)
def test_bad_indicator_is_400_and_saves_nothing(client_for, data, payload, bad_field):
    before = state()
    response = client_for("coordinator").post(reverse(LIST), payload, format="json")
    assert response.status_code == 400, response.content
    assert bad_field in response.json()
    assert state() == before


def test_a_huge_number_as_an_id_is_a_quick_400(client_for, data):
    before = state()
    response = client_for("coordinator").post(
        reverse(LIST), data='{"name": "X", "goals": [1e999999999]}', content_type="application/json"
    )
    assert response.status_code == 400
    assert "goals" in response.json()
    assert state() == before


def test_links_to_another_regions_objects_are_400(client_for, data, region_b):
    goal_b = t.make_goal(region_b["field"], "Ziel B")
    before = state()
    client = client_for("coordinator")
    for payload in (
        {"name": "X", "goals": [goal_b.pk]},
        {"name": "X", "projects": [region_b["published"].pk]},
        {"name": "X", "fields": ["bildung-b"]},
        {"name": "X", "municipalities": ["stadt-b"]},
    ):
        response = client.post(reverse(LIST), payload, format="json")
        assert response.status_code == 400, payload
    assert state() == before


@pytest.mark.parametrize("role", ["officer", "reader"])
def test_only_the_coordination_writes_indicators(client_for, data, role):
    client = client_for(role)
    online = data["online"]
    before = state()
    responses = [
        client.post(reverse(LIST), {"name": "Neu"}, format="json"),
        client.patch(detail(online), {"name": "Neu", "version": 1}, format="json"),
        client.delete(f"{detail(online)}?version=1"),
        client.post(targets_url(online), {"date": "2031-01-01", "value": 1}, format="json"),
    ]
    assert [r.status_code for r in responses] == [403] * 4
    assert "Koordination" in responses[0].json()["detail"]
    assert state() == before


def test_anonymous_writes_are_401(api, data):
    online = data["online"]
    before = state()
    assert api.post(reverse(LIST), {"name": "X"}, format="json").status_code == 401
    assert api.patch(detail(online), {"name": "X", "version": 1}).status_code == 401
    assert api.post(values_url(online), {"date": "2025-01-01", "value": 1}).status_code == 401
    assert api.delete(f"{targets_url(online)}1/?version=1").status_code == 401
    assert state() == before


def test_patch_needs_the_current_version(client_for, data):
    client = client_for("coordinator")
    online = data["online"]
    missing = client.patch(detail(online), {"name": "Neu"}, format="json")
    assert missing.status_code == 400 and "version" in missing.json()
    ok = client.patch(
        detail(online), {"name": "Online-Dienste 2", "fields": [], "version": 1}, format="json"
    )
    assert ok.status_code == 200, ok.content
    assert ok.json()["version"] == 2 and ok.json()["fields"] == []
    assert ok.json()["municipalities"] == ["senden"]  # links not sent stay
    before = state()
    stale = client.patch(detail(online), {"name": "Verloren", "version": 1}, format="json")
    assert stale.status_code == 409
    assert stale.json()["current_version"] == 2
    assert state() == before


def test_delete_needs_the_current_version(client_for, data):
    client = client_for("admin")
    online = data["online"]
    assert client.delete(detail(online)).status_code == 400
    assert client.delete(f"{detail(online)}?version=x").status_code == 400
    assert client.delete(f"{detail(online)}?version=5").status_code == 409
    assert Indicator.objects.filter(pk=online.pk).exists()
    assert client.delete(f"{detail(online)}?version=1").status_code == 204
    assert not Indicator.objects.filter(pk=online.pk).exists()
    assert not IndicatorValue.objects.filter(indicator_id=online.pk).exists()


def test_put_is_not_offered(client_for, data):
    response = client_for("coordinator").put(
        detail(data["online"]), {"name": "X", "version": 1}, format="json"
    )
    assert response.status_code == 405


# --- values ----------------------------------------------------------------------------------


def post_value(client, indicator, **body):
    return client.post(values_url(indicator), body, format="json")


def test_officer_writes_values_of_their_own_town_only(client_for, data):
    officer = client_for("officer")
    online = data["online"]
    own = post_value(officer, online, date="2025-06-30", value="61.5", municipality="senden")
    assert own.status_code == 201, own.content
    assert own.json()["municipality"] == "senden" and own.json()["value"] == 61.5
    assert own["Location"].endswith(
        values_url(online, IndicatorValue.objects.get(pk=own.json()["id"]))
    )
    before = state()
    other = post_value(officer, online, date="2025-06-30", value=1, municipality="havixbeck")
    assert other.status_code == 403
    assert other.json()["detail"] == "Sie dürfen nur Werte Ihrer eigenen Kommune eintragen."
    region_value = post_value(officer, online, date="2025-06-30", value=1)
    assert region_value.status_code == 403
    assert "Koordination" in region_value.json()["detail"]
    assert state() == before


def test_officer_edits_and_deletes_only_own_values(client_for, data, town):
    officer = client_for("officer")
    online = data["online"]
    own = online.values.get(municipality=town)
    foreign = online.values.get(municipality__slug="havixbeck")
    region_row = online.values.filter(municipality=None).first()
    before = state()
    for row in (foreign, region_row):
        url = values_url(online, row)
        assert officer.patch(url, {"value": 1, "version": 1}, format="json").status_code == 403
        assert officer.delete(f"{url}?version=1").status_code == 403
    moved = officer.patch(
        values_url(online, own), {"municipality": "havixbeck", "version": 1}, format="json"
    )
    assert moved.status_code == 403
    assert state() == before
    changed = officer.patch(
        values_url(online, own), {"value": "56.75", "note": "korrigiert", "version": 1}
    )
    assert changed.status_code == 200, changed.content
    assert (changed.json()["value"], changed.json()["version"]) == (56.75, 2)
    assert IndicatorValue.objects.get(pk=own.pk).value == Decimal("56.75")
    assert officer.delete(f"{values_url(online, own)}?version=2").status_code == 204


def test_reader_writes_no_values(client_for, data):
    response = post_value(client_for("reader"), data["online"], date="2025-01-01", value=1)
    assert response.status_code == 403


def test_coordinator_writes_region_and_town_values(client_for, data):
    client = client_for("coordinator")
    online = data["online"]
    region_value = post_value(client, online, date="2025-12-31", value=45, municipality=None)
    assert region_value.status_code == 201, region_value.content
    assert region_value.json()["municipality"] is None
    assert (
        post_value(client, online, date="2025-12-31", value=3, municipality="havixbeck").status_code
        == 201
    )
    # The new region value is the latest now.
    assert client.get(detail(online)).json()["latest"] == {"date": "2025-12-31", "value": 45}


def test_duplicate_date_is_400_and_saves_nothing(client_for, data):
    client = client_for("coordinator")
    online = data["online"]
    before = state()
    region_twin = post_value(client, online, date="2024-12-31", value=1)
    assert region_twin.status_code == 400
    assert "Für diesen Stichtag gibt es schon einen Wert der Region." in json.dumps(
        region_twin.json(), ensure_ascii=False
    )
    town_twin = post_value(client, online, date="2024-12-31", value=1, municipality="senden")
    assert town_twin.status_code == 400
    assert "Für diesen Stichtag gibt es schon einen Wert dieser Kommune." in json.dumps(
        town_twin.json(), ensure_ascii=False
    )
    row = online.values.get(date=datetime.date(2022, 12, 31))
    moved = client.patch(values_url(online, row), {"date": "2024-12-31", "version": 1})
    assert moved.status_code == 400
    assert state() == before


def test_value_conflicts_are_409(client_for, data):
    client = client_for("coordinator")
    online = data["online"]
    row = online.values.filter(municipality=None).first()
    assert client.patch(values_url(online, row), {"value": 2}).status_code == 400
    before = state()
    stale = client.patch(values_url(online, row), {"value": 2, "version": 9}, format="json")
    assert stale.status_code == 409 and stale.json()["current_version"] == 1
    assert client.delete(f"{values_url(online, row)}?version=9").status_code == 409
    assert client.delete(values_url(online, row)).status_code == 400
    assert state() == before


@pytest.mark.parametrize(
    "value",
    [
        "abc",
        "12,5",
        " 12",
        "12\n",
        "1e3",
        "NaN",
        "Infinity",
        "",
        "1234567890123",
        "1.23456",
        True,
        None,
        [],
        {},
        12.34567,
        0.00001,
        1e13,
        -1e300,
    ],
)
def test_bad_values_are_400_never_500(client_for, data, value):
    before = state()
    response = post_value(client_for("coordinator"), data["online"], date="2025-01-01", value=value)
    assert response.status_code == 400, response.content
    assert "value" in response.json()
    assert state() == before


@pytest.mark.parametrize(
    "body",
    [
        '{"date": "2025-01-01", "value": NaN}',
        '{"date": "2025-01-01", "value": 1' + "0" * 5000 + "}",
        '{"date": "2025-01-01", "value": 1}}',
        '{"date": "2025-13-01", "value": 1}',
        '{"date": 20250101, "value": 1}',
        '{"date": "2025-01-01", "value": 1, "municipality": ""}',
        '{"date": "2025-01-01", "value": 1, "municipality": 5}',
        '{"date": "2025-01-01", "value": 1, "note": 5}',
        "[1, 2]",
    ],
)
def test_bad_bodies_are_400(client_for, data, body):
    before = state()
    response = client_for("coordinator").post(
        values_url(data["online"]), body, content_type="application/json"
    )
    assert response.status_code == 400, response.content
    assert response.json()["detail"]
    assert state() == before


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("0.1", Decimal("0.1")),
        ("12.5", Decimal("12.5")),
        ('"12.5"', Decimal("12.5")),
        ('"-3"', Decimal("-3")),
        ("12.50000", Decimal("12.5")),
        ("1E+2", Decimal("100")),
        # 15 digits: SQLite keeps no more (see the report on VALUE_DIGITS)
        ("99999999999.9999", Decimal("99999999999.9999")),
        ("-7", Decimal("-7")),
    ],
)
def test_values_are_read_exactly(client_for, data, sent, stored):
    body = f'{{"date": "2025-01-01", "value": {sent}}}'
    response = client_for("coordinator").post(
        values_url(data["online"]), body, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    assert IndicatorValue.objects.get(pk=response.json()["id"]).value == stored
    assert Decimal(str(response.json()["value"])) == stored


# --- targets ---------------------------------------------------------------------------------


def test_coordinator_manages_targets(client_for, data):
    client = client_for("coordinator")
    online = data["online"]
    created = client.post(
        targets_url(online), {"date": "2027-12-31", "value": "60", "note": "Etappe"}, format="json"
    )
    assert created.status_code == 201, created.content
    target = IndicatorTarget.objects.get(pk=created.json()["id"])
    assert created.json() == {
        "id": target.pk,
        "date": "2027-12-31",
        "value": 60,
        "note": "Etappe",
        "version": 1,
    }
    twin = client.post(targets_url(online), {"date": "2027-12-31", "value": 1}, format="json")
    assert twin.status_code == 400
    assert "Für dieses Datum gibt es schon einen Zielwert." in json.dumps(
        twin.json(), ensure_ascii=False
    )
    changed = client.patch(targets_url(online, target), {"value": 65, "version": 1}, format="json")
    assert changed.status_code == 200 and changed.json()["value"] == 65
    assert client.patch(targets_url(online, target), {"value": 1, "version": 1}).status_code == 409
    dates = [x["date"] for x in client.get(detail(online)).json()["targets"]]
    assert dates == ["2027-12-31", "2030-12-31"]
    assert client.delete(f"{targets_url(online, target)}?version=2").status_code == 204
    assert not IndicatorTarget.objects.filter(pk=target.pk).exists()


def test_officer_may_not_touch_targets(client_for, data):
    online = data["online"]
    target = online.targets.get()
    officer = client_for("officer")
    before = state()
    assert officer.patch(targets_url(online, target), {"value": 1, "version": 1}).status_code == 403
    assert officer.delete(f"{targets_url(online, target)}?version=1").status_code == 403
    assert state() == before


# --- queries ---------------------------------------------------------------------------------


def count_queries(request) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = request()
    assert response.status_code == 200, response.content
    return len(captured)


def add_indicators(region, fields, towns, start, n):
    for i in range(start, start + n):
        make_indicator(
            region,
            f"Indikator {i}",
            targets={"2030-01-01": 100, "2026-01-01": 50},
            values={"2023-01-01": i, "2024-01-01": i + 1},
            town_values={towns[0]: {"2024-01-01": 3}},
            links={"fields": [f.pk for f in fields.values()], "municipalities": [towns[1].pk]},
            published=i % 3 != 2,
        )


@pytest.mark.usefixtures("no_page_cache")
@pytest.mark.parametrize("role", [None, "coordinator"])
@pytest.mark.parametrize("query", [{}, {"status": "on_track"}, {"field": "verwaltung", "q": "ind"}])
def test_list_queries_stay_constant(api, client_for, region, fields, town, other_town, role, query):
    client = client_for(role) if role else api
    add_indicators(region, fields, [town, other_town], 0, 1)

    def request():
        return client.get(reverse(LIST), {"page_size": 200, **query})

    small = count_queries(request)
    # region, (token and roles), count, indicators, four links, targets, values, towns' dates
    assert small <= 14
    add_indicators(region, fields, [town, other_town], 1, 9)
    assert count_queries(request) == small
    if not query:
        assert len(request().json()["results"]) == (10 if role else 7)


@pytest.mark.usefixtures("no_page_cache")
def test_value_list_queries_stay_constant(api, region, town, other_town):
    indicator = make_indicator(region, "Werte", values={"2020-01-01": 1})

    def request():
        return api.get(values_url(indicator), {"page_size": 200})

    small = count_queries(request)
    for year in range(2001, 2020):
        for town_ in (None, town, other_town):
            IndicatorValue.objects.create(
                region=region,
                indicator=indicator,
                date=datetime.date(year, 1, 1),
                value=year,
                municipality=town_,
            )
    assert count_queries(request) == small
    assert len(request().json()["results"]) == 58


# --- schema ----------------------------------------------------------------------------------


def test_schema_documents_the_indicator_endpoints(api, region):
    schema = api.get(reverse("api-schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    paths = schema["paths"]
    assert set(paths["/api/v1/indicators/"]) >= {"get", "post"}
    assert set(paths["/api/v1/indicators/{id}/"]) >= {"get", "patch", "delete"}
    assert "put" not in paths["/api/v1/indicators/{id}/"]
    assert set(paths["/api/v1/indicators/{indicator_id}/values/{id}/"]) >= {
        "get",
        "patch",
        "delete",
    }
    assert set(paths["/api/v1/indicators/{indicator_id}/targets/"]) >= {"get", "post"}
    components = schema["components"]["schemas"]
    assert components["IndicatorValue"]["properties"]["value"]["type"] == "number"
    sent = components["IndicatorValueRequest"]["properties"]["value"]["oneOf"]
    assert {choice["type"] for choice in sent} == {"number", "string"}
    assert components["IndicatorStatusEnum"]["enum"] == [
        "on_track",
        "at_risk",
        "off_track",
        "unknown",
    ]


# --- demo ------------------------------------------------------------------------------------


def test_demo_indicators(api, db):
    call_command("load_demo", stdout=io.StringIO())
    data = api.get(reverse(LIST), {"page_size": 200}).json()
    assert data["count"] == 11
    rows = data["results"]
    assert all(row["is_demo"] and row["published"] for row in rows)
    assert {slug for row in rows for slug in row["fields"]} == {
        "verwaltung",
        "bildung",
        "mobilitaet",
        "wirtschaft",
        "innenstadt-dorfmitte",
    }
    assert all(row["targets"] and row["latest"] for row in rows)
    assert {row["status"] for row in rows} <= {"on_track", "at_risk", "off_track"}
    with_towns = [row for row in rows if row["municipalities"]]
    assert with_towns
    for row in with_towns[:1]:
        town = row["municipalities"][0]
        values = api.get(values_url_of(row["id"]), {"municipality": town}).json()["results"]
        assert all(v["municipality"] == town for v in values)
    assert names(api.get(reverse(LIST), {"field": "bildung"}))


def values_url_of(pk: int) -> str:
    return reverse("api-indicator-value-list", args=[pk])
