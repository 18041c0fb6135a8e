"""The technology radar through the API (issue 14, section 1): radars and entries with the
contract fields, "new" and "moved" against the latest edition, the three export formats, the
import's dry-run report and all-or-nothing apply, the rights (coordination imports; officers
and readers 403, anonymous 401; other regions 404; the public sees published radars only) and a
constant number of queries."""

from __future__ import annotations

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digitalagentur.radar import services
from digitalagentur.radar.models import Entry
from digitalagentur.testing.radar import make_entry, make_radar, ring

from .conftest import OTHER_HOST

pytestmark = pytest.mark.django_db

RADARS = reverse("api-radar-list")
CSV_HEADER = "name,ring,quadrant,isNew,description"


def entries_url(radar) -> str:
    return reverse("api-radar-entry-list", args=[radar.pk])


def export_url(radar, fmt: str) -> str:
    return reverse("api-radar-export", args=[radar.pk]) + f"?format={fmt}"


def import_url(radar, fmt: str, dry_run: bool = False) -> str:
    url = reverse("api-radar-import-file", args=[radar.pk]) + f"?format={fmt}"
    return url + ("&dry_run=true" if dry_run else "")


def post_file(client, url: str, body: bytes, content_type="text/csv"):
    return client.generic("POST", url, body, content_type=content_type)


@pytest.fixture
def radar(region, projects):
    radar = make_radar(region, "Verwaltungsradar")
    make_entry(
        radar,
        "LoRaWAN",
        quadrant_name="Infrastruktur",
        ring_name="Erproben",
        projects=[projects["p2"], projects["draft"]],
        links=["https://lora-alliance.org/"],
    )
    make_entry(radar, "5G", quadrant_name="Infrastruktur", ring_name="Beobachten")
    make_entry(radar, "E-Akte", quadrant_name="Verwaltung", ring_name="Einsetzen")
    return radar


@pytest.fixture
def draft(region):
    return make_radar(region, "Chancen-Radar (Entwurf)", published=False, preset="thoughtworks")


def names(radar):
    return sorted(Entry.objects.filter(radar=radar).values_list("name", "ring__name"))


def test_radar_list_has_the_contract_and_drafts_only_for_staff(api, client_for, radar, draft):
    data = api.get(RADARS).json()
    assert data["count"] == 1
    assert data["results"] == [
        {
            "id": radar.pk,
            "slug": "verwaltungsradar",
            "name": "Verwaltungsradar",
            "quadrants": ["Verwaltung", "Infrastruktur", "Bürgerdienste", "Daten & KI"],
            "rings": ["Einsetzen", "Erproben", "Beobachten", "Zurückstellen"],
        }
    ]
    for role in ("reader", "officer", "coordinator"):
        staff = client_for(role).get(RADARS).json()
        assert {r["name"] for r in staff["results"]} == {radar.name, draft.name}
    assert api.get(reverse("api-radar-detail", args=[draft.pk])).status_code == 404
    assert api.get(entries_url(draft)).status_code == 404
    assert api.get(export_url(draft, "byor-csv")).status_code == 404
    assert client_for("reader").get(entries_url(draft)).status_code == 200


def test_entries_with_is_new_and_moved_against_the_latest_edition(api, radar, projects):
    rows = {r["name"]: r for r in api.get(entries_url(radar)).json()["results"]}
    lora = rows["LoRaWAN"]
    assert set(lora) == {"id", "name", "quadrant", "ring", "is_new", "moved", "projects"}
    assert (lora["quadrant"], lora["ring"], lora["is_new"], lora["moved"]) == (
        "Infrastruktur",
        "Erproben",
        True,
        0,
    )
    assert lora["projects"] == [projects["p2"].pk]  # the draft project does not show
    services.publish_edition(radar, user=None, date=datetime.date(2025, 3, 1))
    entry = Entry.objects.get(radar=radar, name="LoRaWAN")
    services.change_ring(entry, ring(radar, "Einsetzen"), user=None, reason="Pilot erfolgreich")
    entry = Entry.objects.get(radar=radar, name="5G")
    services.change_ring(entry, ring(radar, "Zurückstellen"), user=None, reason="zu teuer")
    make_entry(radar, "Digitaler Zwilling", quadrant_name="Daten & KI", ring_name="Beobachten")
    rows = {r["name"]: r for r in api.get(entries_url(radar)).json()["results"]}
    assert {name: (r["is_new"], r["moved"]) for name, r in rows.items()} == {
        "LoRaWAN": (False, 1),
        "5G": (False, -1),
        "E-Akte": (False, 0),
        "Digitaler Zwilling": (True, 0),
    }


def test_exports_in_the_three_formats(api, radar):
    response = api.get(export_url(radar, "byor-csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == CSV_HEADER
    assert lines[1] == "E-Akte,Einsetzen,Verwaltung,TRUE,"
    byor = api.get(export_url(radar, "byor-json")).json()
    assert byor[0] == {
        "name": "E-Akte",
        "ring": "Einsetzen",
        "quadrant": "Verwaltung",
        "isNew": "TRUE",
        "description": "",
    }
    zalando = api.get(export_url(radar, "zalando")).json()
    assert zalando["entries"] == [
        {"label": "E-Akte", "quadrant": 0, "ring": 0, "moved": 0, "link": ""},
        {
            "label": "LoRaWAN",
            "quadrant": 1,
            "ring": 1,
            "moved": 0,
            "link": "https://lora-alliance.org/",
        },
        {"label": "5G", "quadrant": 1, "ring": 2, "moved": 0, "link": ""},
    ]
    assert api.get(export_url(radar, "xml")).status_code == 400
    assert api.get(reverse("api-radar-export", args=[radar.pk])).status_code == 200


@pytest.mark.parametrize(
    "fmt,content_type", [("byor-csv", "text/csv"), ("byor-json", "application/json")]
)
def test_importing_the_own_export_reports_everything_unchanged(
    api, client_for, radar, fmt, content_type
):
    exported = api.get(export_url(radar, fmt)).content
    before = names(radar)
    coordinator = client_for("coordinator")
    for dry_run in (True, False):
        response = post_file(coordinator, import_url(radar, fmt, dry_run), exported, content_type)
        assert response.status_code == 200, response.json()
        assert response.json() == {"new": 0, "changed": 0, "unchanged": 3, "rejected": []}
    assert names(radar) == before


def test_dry_run_names_bad_rows_and_nothing_is_applied(client_for, radar):
    body = (
        f"{CSV_HEADER}\n"
        "lorawan,Einsetzen,Infrastruktur,FALSE,Pilot erfolgreich\n"
        "Chatbot,Bald,Verwaltung,FALSE,\n"
        "Drohnen,Erproben,Luftraum,FALSE,\n"
        "LORAWAN,Erproben,Infrastruktur,FALSE,\n"
        "Nur zwei,Spalten\n"
        "Open Data,Erproben,Daten & KI,FALSE,\n"
    ).encode()
    coordinator = client_for("coordinator")
    before = names(radar)
    for dry_run in (True, False):
        response = post_file(coordinator, import_url(radar, "byor-csv", dry_run), body)
        assert response.status_code == 400
        data = response.json()
        assert data["detail"].startswith("4 Zeile(n) abgelehnt")
        assert (data["new"], data["changed"], data["unchanged"]) == (1, 1, 0)
        reasons = {r["row"]: r["reason"] for r in data["rejected"]}
        assert sorted(reasons) == [3, 4, 5, 6]
        assert "Unbekannter Ring „Bald“" in reasons[3]
        assert "Unbekannter Quadrant „Luftraum“" in reasons[4]
        assert reasons[5] == "Der Name „LORAWAN“ steht schon in Zeile 2."
        assert reasons[6] == "Die Zeile hat 2 statt 5 Spalten."
    assert names(radar) == before
    missing = post_file(
        coordinator, import_url(radar, "byor-csv"), b"name,quadrant\nA,Verwaltung\n"
    )
    assert missing.status_code == 400
    assert missing.json()["rejected"] == [{"row": 1, "reason": "Es fehlt die Spalte „ring“."}]


def test_a_clean_import_applies_everything_with_the_ring_history(client_for, radar):
    body = json.dumps(
        [
            {"name": "lorawan", "ring": "Einsetzen", "quadrant": "Infrastruktur", "isNew": False},
            {"name": "Open Data", "ring": "Erproben", "quadrant": "Daten & KI", "description": "x"},
        ]
    ).encode()
    coordinator = client_for("coordinator")
    dry = post_file(coordinator, import_url(radar, "byor-json", True), body, "application/json")
    assert dry.json() == {"new": 1, "changed": 1, "unchanged": 0, "rejected": []}
    assert ("Open Data", "Erproben") not in names(radar)
    response = post_file(coordinator, import_url(radar, "byor-json"), body, "application/json")
    assert response.status_code == 200
    assert ("Open Data", "Erproben") in names(radar) and ("LoRaWAN", "Einsetzen") in names(radar)
    lora = Entry.objects.get(radar=radar, name="LoRaWAN")
    assert [c.new_ring.name for c in lora.ring_changes.select_related("new_ring")] == [
        "Erproben",
        "Einsetzen",
    ]


def test_huge_files_are_refused(client_for, radar, settings):
    settings.DIGITALAGENTUR_RADAR_IMPORT_MAX_BYTES = 1000
    body = (f"{CSV_HEADER}\n" + "A,Einsetzen,Verwaltung,FALSE,{}\n".format("x" * 2000)).encode()
    response = post_file(client_for("coordinator"), import_url(radar, "byor-csv"), body)
    assert response.status_code == 400
    assert response.json()["rejected"] == [
        {"row": None, "reason": "Die Datei ist zu groß: höchstens 1 kB."}
    ]


def test_only_the_coordination_imports(api, client_for, radar):
    body = f"{CSV_HEADER}\nNeu,Einsetzen,Verwaltung,TRUE,\n".encode()
    assert post_file(api, import_url(radar, "byor-csv"), body).status_code == 401
    for role in ("officer", "reader"):
        response = post_file(client_for(role), import_url(radar, "byor-csv"), body)
        assert response.status_code == 403
        assert response.json()["detail"] == "Nur die Koordination darf in ein Radar importieren."
    assert (
        post_file(client_for("admin"), import_url(radar, "byor-csv", True), body).status_code == 200
    )
    assert ("Neu", "Einsetzen") not in names(radar)


def test_bad_parameters_are_400(client_for, radar):
    coordinator = client_for("coordinator")
    body = f"{CSV_HEADER}\n".encode()
    url = reverse("api-radar-import-file", args=[radar.pk])
    assert post_file(coordinator, url, body).json()["format"]
    assert post_file(coordinator, url + "?format=zalando", body).status_code == 400
    response = post_file(coordinator, url + "?format=byor-csv&dry_run=vielleicht", body)
    assert response.status_code == 400 and response.json()["dry_run"]


def test_other_regions_radars_are_not_found(api, client_for, radar, other_region):
    foreign = make_radar(other_region, "Radar B")
    make_entry(foreign, "Geheim")
    coordinator = client_for("coordinator")
    assert coordinator.get(reverse("api-radar-detail", args=[foreign.pk])).status_code == 404
    assert coordinator.get(entries_url(foreign)).status_code == 404
    assert coordinator.get(export_url(foreign, "zalando")).status_code == 404
    body = f"{CSV_HEADER}\nX,Einsetzen,Verwaltung,TRUE,\n".encode()
    assert post_file(coordinator, import_url(foreign, "byor-csv"), body).status_code == 404
    assert [r["name"] for r in api.get(RADARS, HTTP_HOST=OTHER_HOST).json()["results"]] == [
        "Radar B"
    ]
    assert api.get(entries_url(radar), HTTP_HOST=OTHER_HOST).status_code == 404
    assert api.get(reverse("api-radar-entry-list", args=["abc"])).status_code == 404


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_query_counts_do_not_grow_with_the_data(
    api, client_for, region, radar, projects, no_page_cache
):
    services.publish_edition(radar, user=None, date=datetime.date(2025, 3, 1))
    reader = client_for("reader")
    urls = [RADARS, entries_url(radar), export_url(radar, "zalando"), export_url(radar, "byor-csv")]
    before = {
        (who, url): count_queries(c, url) for who, c in (("a", api), ("r", reader)) for url in urls
    }
    for n in range(6):
        make_entry(radar, f"Technik {n}", ring_name="Beobachten", projects=[projects["p1"]])
        make_radar(region, f"Radar {n}")
    after = {
        (who, url): count_queries(c, url) for who, c in (("a", api), ("r", reader)) for url in urls
    }
    assert after == before
