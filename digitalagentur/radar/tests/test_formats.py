"""The exchange formats and the import plan, on plain values (no database)."""

from __future__ import annotations

import json

from digitalagentur.radar import formats
from digitalagentur.radar.formats import ExportEntry
from digitalagentur.radar.movement import IN, OUT, STAY, Movement, movements, name_key
from digitalagentur.radar.plan import Current, plan_import

RINGS = ["Einsetzen", "Erproben", "Beobachten", "Zurückstellen"]
QUADRANTS = ["Verwaltung", "Infrastruktur", "Bürgerdienste", "Daten & KI"]
LIMITS = {"max_bytes": 1_000_000, "max_rows": 2000}


def entry(name, quadrant=1, ring=0, **kw):
    values = {
        "name": name,
        "quadrant": QUADRANTS[quadrant],
        "ring": RINGS[ring],
        "quadrant_index": quadrant,
        "ring_index": ring,
        "description": kw.pop("description", ""),
        "is_new": kw.pop("is_new", False),
        "moved": kw.pop("moved", 0),
    }
    return ExportEntry(**values, **kw)


def plan(content: bytes, fmt=formats.BYOR_CSV, existing=None):
    parsed = formats.parse(content, fmt, **LIMITS)
    return plan_import(parsed, existing=existing or {}, rings=RINGS, quadrants=QUADRANTS)


# ---- movement ----------------------------------------------------------------------------------


def test_without_an_edition_everything_is_new_and_nothing_moved():
    assert movements([("A", 0), ("B", 3)], None) == [Movement(True, STAY)] * 2


def test_moved_in_out_and_new_against_the_previous_edition():
    snapshot = {
        "rings": RINGS,
        "entries": [
            {"name": "LoRaWAN", "ring": "Erproben"},
            {"name": "5G", "ring": "Beobachten"},
            {"name": "E-Akte", "ring": "Einsetzen"},
        ],
    }
    result = movements(
        [("lorawan", 0), ("5G", 3), ("E-Akte", 0), ("Digitaler Zwilling", 2)], snapshot
    )
    assert result == [
        Movement(False, IN),
        Movement(False, OUT),
        Movement(False, STAY),
        Movement(True, STAY),
    ]
    assert [m.status for m in result] == ["Moved In", "Moved Out", "No Change", "New"]


def test_names_are_matched_case_and_space_blind():
    assert name_key("  Open  Data ") == name_key("open data")


# ---- BYOR CSV ----------------------------------------------------------------------------------


def test_csv_export_has_the_byor_header_and_guards_formulas():
    text = formats.byor_csv(
        [entry("=HYPERLINK(1)", description="- Liste\nzweite Zeile", is_new=True)]
    )
    lines = text.splitlines()
    assert lines[0] == "name,ring,quadrant,isNew,description"
    assert lines[1].startswith("'=HYPERLINK(1),Einsetzen,Infrastruktur,TRUE,\"'- Liste")


def test_csv_round_trip_reads_back_the_same_values():
    entries = [
        entry("=SUMME(A1)", description='-1 Punkt, mit "Zitat"; und Semikolon'),
        entry("LoRaWAN", 3, 2, description="Funknetz\nfür Sensoren"),
    ]
    parsed = formats.parse(formats.byor_csv(entries).encode(), formats.BYOR_CSV, **LIMITS)
    assert not parsed.rejected
    assert [(r.name, r.ring, r.quadrant, r.description) for r in parsed.rows] == [
        (e.name, e.ring, e.quadrant, e.description) for e in entries
    ]
    assert [r.row for r in parsed.rows] == [2, 3]


def test_csv_with_status_column_semicolons_and_bom_is_read():
    content = (
        "\ufeffname;ring;quadrant;isNew;status;description\n"
        "E-Akte;einsetzen;verwaltung;false;No Change;Akte\n"
    )
    result = plan(content.encode())
    assert result.ok and len(result.new) == 1
    assert (result.new[0].ring, result.new[0].quadrant) == ("Einsetzen", "Verwaltung")


def test_csv_missing_or_unknown_columns_reject_the_file():
    missing = plan(b"name,quadrant,isNew,description\nA,Verwaltung,TRUE,x\n")
    assert missing.report()["rejected"] == [{"row": 1, "reason": "Es fehlt die Spalte „ring“."}]
    unknown = plan(b"name,ring,quadrant,farbe\nA,Einsetzen,Verwaltung,rot\n")
    assert unknown.report()["rejected"][0]["row"] == 1
    assert "Unbekannte Spalte „farbe“" in unknown.report()["rejected"][0]["reason"]
    empty = plan(b"")
    assert empty.report()["rejected"] == [
        {"row": None, "reason": "Die Datei ist leer: die Kopfzeile fehlt."}
    ]


def test_dry_run_report_names_each_bad_row():
    content = (
        "name,ring,quadrant,isNew,description\n"
        "LoRaWAN,Einsetzen,Infrastruktur,TRUE,ok\n"
        "5G,Irgendwann,Infrastruktur,FALSE,\n"
        "Chatbot,Erproben,Weltraum,FALSE,\n"
        "lorawan,Erproben,Infrastruktur,FALSE,\n"
        "Zu kurz,Erproben\n"
        ",Erproben,Verwaltung,FALSE,\n"
        "Open Data,Erproben,Daten & KI,vielleicht,\n"
        "E-Akte,Einsetzen,Verwaltung,FALSE,gleich\n"
        "Neu,Beobachten,Bürgerdienste,,\n"
    ).encode()
    existing = {"e-akte": Current("E-Akte", "Einsetzen", "Verwaltung", "gleich")}
    report = plan(content, existing=existing).report()
    rows = {r["row"]: r["reason"] for r in report["rejected"]}
    assert sorted(rows) == [3, 4, 5, 6, 7, 8]
    assert rows[3].startswith("Unbekannter Ring „Irgendwann“ (möglich: Einsetzen, Erproben")
    assert rows[4].startswith("Unbekannter Quadrant „Weltraum“")
    assert rows[5] == "Der Name „lorawan“ steht schon in Zeile 2."
    assert rows[6] == "Die Zeile hat 2 statt 5 Spalten."
    assert rows[7] == "Der Name fehlt."
    assert "isNew" in rows[8]
    assert (report["new"], report["changed"], report["unchanged"]) == (2, 0, 1)


def test_changes_are_found_and_the_existing_spelling_is_kept():
    existing = {
        "lorawan": Current("LoRaWAN", "Erproben", "Infrastruktur", "alt"),
        "5g": Current("5G", "Beobachten", "Infrastruktur", "gleich"),
    }
    content = b"name,ring,quadrant\nlorawan,Einsetzen,Infrastruktur\n5g,beobachten,infrastruktur\n"
    result = plan(content, existing=existing)
    assert result.report() == {"new": 0, "changed": 1, "unchanged": 1, "rejected": []}
    assert result.changed[0].key == "lorawan" and result.changed[0].description is None


def test_huge_files_and_too_many_rows_are_refused():
    big = b"name,ring,quadrant\n" + b"x" * 1_000_001
    report = plan(big).report()
    assert report["rejected"] == [{"row": None, "reason": "Die Datei ist zu groß: höchstens 1 MB."}]
    rows = "name,ring,quadrant\n" + "".join(f"E{n},Einsetzen,Verwaltung\n" for n in range(2001))
    report = plan(rows.encode()).report()
    assert report["rejected"][0]["reason"] == "Die Datei hat zu viele Einträge: höchstens 2000."
    assert report["new"] == 0


# ---- BYOR JSON and Zalando ---------------------------------------------------------------------


def test_json_round_trip_and_is_new_as_byor_writes_it():
    entries = [entry("LoRaWAN", is_new=True, description="<b>HTML</b>"), entry("5G", 2, 3)]
    data = formats.byor_json(entries)
    assert data[0] == {
        "name": "LoRaWAN",
        "ring": "Einsetzen",
        "quadrant": "Infrastruktur",
        "isNew": "TRUE",
        "description": "<b>HTML</b>",
    }
    parsed = formats.parse(json.dumps(data).encode(), formats.BYOR_JSON, **LIMITS)
    assert not parsed.rejected
    assert [(r.name, r.ring, r.quadrant, r.description) for r in parsed.rows] == [
        (e.name, e.ring, e.quadrant, e.description) for e in entries
    ]


def test_json_bad_items_are_named_by_their_position():
    data = [
        {"name": "A", "ring": "Einsetzen", "quadrant": "Verwaltung", "isNew": True},
        "kein Objekt",
        {"name": "B", "ring": "Einsetzen"},
        {"name": "C", "ring": "Einsetzen", "quadrant": "Verwaltung", "farbe": "rot"},
        {"name": 5, "ring": "Einsetzen", "quadrant": "Verwaltung"},
        {"name": "D\u0000", "ring": "Einsetzen", "quadrant": "Verwaltung"},
    ]
    report = plan(json.dumps(data).encode(), formats.BYOR_JSON).report()
    rows = {r["row"]: r["reason"] for r in report["rejected"]}
    assert sorted(rows) == [2, 3, 4, 5, 6]
    assert rows[3] == "Es fehlt die Angabe „quadrant“."
    assert report["new"] == 1
    assert plan(b'{"name": "A"}', formats.BYOR_JSON).report()["rejected"][0]["row"] is None
    assert plan(b"[[[", formats.BYOR_JSON).report()["rejected"] == [
        {"row": None, "reason": "Der Inhalt ist kein gültiges JSON."}
    ]


def test_zalando_export_uses_zero_based_indexes():
    data = formats.zalando(
        [
            entry("LoRaWAN", 1, 0, moved=IN, link="https://lora-alliance.org"),
            entry("5G", 3, 2, moved=OUT),
        ]
    )
    assert data == {
        "entries": [
            {
                "label": "LoRaWAN",
                "quadrant": 1,
                "ring": 0,
                "moved": 1,
                "link": "https://lora-alliance.org",
            },
            {"label": "5G", "quadrant": 3, "ring": 2, "moved": -1, "link": ""},
        ]
    }
