"""The programme import from the Förderdatenbank des Bundes: reading CSV and JSON, every
reason a row is rejected, the dry run, the atomic apply with the change log, re-imports (the
command: test_import_command.py)."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from digitalagentur.core import testing as t
from digitalagentur.core.models import ObjectChange
from digitalagentur.funding import import_files, importer, services
from digitalagentur.funding.import_files import (
    parse_amount,
    parse_keywords,
    parse_months,
    parse_rate,
)
from digitalagentur.funding.models import Funder, Programme
from digitalagentur.tenancy.choices import Role
from digitalagentur.tenancy.permissions import Access, get_access

D = Decimal
HEADER = ["ID", "Titel", "Fördergeber", "Förderart", "Fördersatz", "Höchstbetrag", "URL"]
GOOD = [
    HEADER,
    ["fdb-1", "Modellprojekte Smart Cities", "BMI", "Zuschuss", "65 %", "15.000.000 €", ""],
    ["fdb-2", "Smarte.Land.Regionen", "BMEL", "Zuschuss", "", "", "https://example.org/slr"],
    ["", "Heimat 2.0", "BMI", "Zuschuss", "", "", ""],
]


def csv_bytes(rows, delimiter=";", encoding="utf-8-sig") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


def with_row(*cells, header=HEADER) -> bytes:
    return csv_bytes([header, list(cells)])


def repo_file(*parts) -> Path:
    return Path(__file__).resolve().parents[3].joinpath(*parts)


@pytest.fixture
def admin_access(region):
    return Access(region_id=region.pk, is_superuser=True)


@pytest.fixture
def bmi(region):
    return services.create(
        Funder(
            region=region, name="Bundesministerium des Innern, für Bau und Heimat", short_name="BMI"
        )
    )


def check(region, content, name="datei.csv"):
    return importer.check(region, Access(region_id=region.pk, is_superuser=True), name, content)


def apply(region, content, name="datei.csv", **kwargs):
    return importer.apply(
        region, Access(region_id=region.pk, is_superuser=True), name, content, **kwargs
    )


def only_row(report):
    assert len(report.rows) == 1
    return report.rows[0]


# -- cells (pure) ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("65 %", "0.65"),
        ("65%", "0.65"),
        ("65", "0.65"),
        ("0,65", "0.65"),
        ("0.65", "0.65"),
        (65, "0.65"),
        (D("0.65"), "0.65"),
        ("65,5 %", "0.655"),
        ("100", "1"),
        ("1", "1"),
        ("0", "0"),
    ],
)
def test_funding_rates_are_read_as_fractions(text, expected):
    assert parse_rate(text) == D(expected)


@pytest.mark.parametrize("text", ["abc", "-5", "150 %", "101", "33,33333", True, "65 % %", "1e2"])
def test_funding_rates_out_of_range_or_too_precise_are_refused(text):
    assert parse_rate(text) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("15.000.000", "15000000"),
        ("15.000.000,00 €", "15000000"),
        ("15000000", "15000000"),
        ("15000000.50", "15000000.5"),
        ("15 000 000 EUR", "15000000"),
        ("15 Mio. €", "15000000"),
        ("1,5 Mio", "1500000"),
        ("2 Mrd. €", "2000000000"),
        ("1.500", "1500"),
        (15000000, "15000000"),
        (D("0.5"), "0.5"),
        ("-3", "-3"),
    ],
)
def test_amounts_are_read_as_written_in_german_or_english(text, expected):
    assert parse_amount(text) == D(expected)


@pytest.mark.parametrize("text", ["abc", "1.2.3", "15,000,000", True, "€", "1e5"])
def test_amounts_that_are_no_number_are_refused(text):
    assert parse_amount(text) is None


def test_durations_and_keywords():
    assert parse_months("48") == 48
    assert parse_months("48 Monate") == 48
    assert parse_months("4 Jahre") == 48
    assert parse_months(D("36")) == 36
    for bad in ("0", "1201", "vier", D("4.5"), True, "48 Wochen"):
        assert parse_months(bad) is None
    assert parse_keywords("Smart City; Mobilität,smart city\nBildung") == (
        "Smart City, Mobilität, Bildung"
    )
    assert parse_keywords(["a", " b ", "", "A"]) == "a, b"


# -- reading files ----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content",
    [
        csv_bytes(GOOD),  # UTF-8 with BOM, semicolons
        csv_bytes(GOOD, encoding="utf-8"),
        csv_bytes(GOOD, delimiter=","),
        csv_bytes(GOOD, delimiter="\t"),
        csv_bytes(GOOD, encoding="cp1252"),
    ],
    ids=["bom-semicolon", "utf8", "comma", "tab", "cp1252"],
)
def test_csv_variants_read_the_same(region, content):
    report = check(region, content)
    assert report.ok, [row.errors for row in report.rows]
    assert [row.name for row in report.rows] == [
        "Modellprojekte Smart Cities",
        "Smarte.Land.Regionen",
        "Heimat 2.0",
    ]
    first = report.rows[0]
    assert first.values["funder"] == "BMI"
    assert first.values["funding_rate"] == D("0.65")
    assert first.values["max_grant"] == D("15000000.00")
    assert first.values["funding_type"] == "Zuschuss"
    assert report.summary() == {
        "rows": 3,
        "created": 3,
        "updated": 0,
        "unchanged": 0,
        "errors": 0,
        "funders": 2,
    }
    assert report.new_funders == ["BMI", "BMEL"]


@pytest.mark.django_db
def test_column_names_in_english_any_case_and_unknown_columns_ignored(region):
    header = ["EXTERNAL_ID", "Name", "funder", "Funding Type", "Volltext", "KEYWORDS"]
    content = csv_bytes(
        [header, ["x1", "Programm", "Land NRW", "Darlehen", "lang", "Breitband;Schulen"]]
    )
    report = check(region, content)
    row = only_row(report)
    assert row.values == {
        "external_id": "x1",
        "name": "Programm",
        "funder": "Land NRW",
        "funding_type": "Darlehen",
        "keywords": "Breitband, Schulen",
    }
    assert report.ignored_columns == ["Volltext"]


@pytest.mark.django_db
def test_german_labels_of_the_foerderdatenbank(region):
    header = [
        "Kennung",
        "Titel",
        "Fördergeber",
        "Förderbereich",
        "Fördergebiet",
        "Förderberechtigte",
        "Ansprechpunkt",
        "Rechtsgrundlage",
        "Kurzbeschreibung",
        "Link",
        "Gesamtvolumen",
        "Laufzeit in Monaten",
        "Schlagwörter",
    ]
    cells = [
        "k-7",
        "Digitale Dörfer",
        "Land NRW",
        "Digitalisierung, Ländliche Entwicklung",
        "Nordrhein-Westfalen",
        "Kommune",
        "Förderstelle\nMusterstraße 1",
        "Richtlinie vom 1.1.2024",
        "Kurz und gut.",
        "www.example.org/doerfer",
        "300 Mio. €",
        "4 Jahre",
        "Dorf",
    ]
    row = only_row(check(region, csv_bytes([header, cells])))
    assert not row.errors
    assert row.values["funding_area"] == "Digitalisierung, Ländliche Entwicklung"
    assert row.values["funding_region"] == "Nordrhein-Westfalen"
    assert row.values["eligible_recipients"] == "Kommune"
    assert row.values["contact"] == "Förderstelle\nMusterstraße 1"
    assert row.values["legal_basis"] == "Richtlinie vom 1.1.2024"
    assert row.values["summary"] == "Kurz und gut."
    assert row.values["website"] == "https://www.example.org/doerfer"
    assert row.values["total_volume"] == D("300000000.00")
    assert row.values["max_months"] == 48


@pytest.mark.django_db
def test_a_quoted_cell_over_several_lines_keeps_the_line_numbers(region):
    content = b'Titel;F\xc3\xb6rdergeber;Kurztext\r\nA;BMI;"eins\r\nzwei\r\ndrei"\r\n;;\r\nB;;x\r\n'
    report = check(region, content)
    assert [row.line for row in report.rows] == [2, 6]  # the empty line 5 is skipped
    assert report.rows[0].values["summary"] == "eins\nzwei\ndrei"
    assert report.rows[1].errors == ["Der Fördergeber fehlt (Spalte „Fördergeber“)."]


@pytest.mark.django_db
def test_json_as_a_list_or_under_a_key_with_lists_joined_and_exact_numbers(region):
    items = [
        {
            "id": "fdb-1",
            "titel": "Modellprojekte Smart Cities",
            "foerdergeber": "BMI",
            "foerderart": ["Zuschuss", "Darlehen"],
            "foerdersatz": 0.65,
            "hoechstbetrag": 15000000,
            "laufzeit": 48,
            "url": None,
        }
    ]
    for data in (items, {"items": items}, {"programme": items, "total": 1}, {"x": items}):
        content = json.dumps(data).encode()
        report = check(region, content, name="export.json")
        row = only_row(report)
        assert report.unit == "Eintrag" and row.line == 1
        assert row.values["funding_type"] == "Zuschuss, Darlehen"
        assert row.values["funding_rate"] == D("0.65")
        assert row.values["max_grant"] == D("15000000.00")
        assert row.values["max_months"] == 48
        assert "website" not in row.values
    # Recognised by its content when the name does not say.
    assert check(region, json.dumps(items).encode(), name="export").ok


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, content, message",
    [
        ("a.csv", b"", "Die Datei ist leer."),
        ("a.csv", b"Titel;F\xc3\xb6rdergeber\r\n", "Die Datei enthält keine Programme."),
        ("a.csv", b"Titel;Art\r\nA;B\r\n", "Es fehlen Spalten: Fördergeber."),
        ("a.csv", b"Foo;Bar\r\nA;B\r\n", "Es fehlen Spalten: Name, Fördergeber."),
        ("a.csv", b'Titel;F\xc3\xb6rdergeber\r\n"A;B\r\n', "Die CSV-Datei ist nicht lesbar"),
        ("a.csv", "Titel;Fördergeber".encode("utf-16"), "Die Datei ist keine Textdatei"),
        ("a.json", b"[{", "Die JSON-Datei ist nicht lesbar (Zeile 1, Spalte 3)."),
        ("a.json", b'{"a": 1}', "Die JSON-Datei enthält keine Liste von Programmen"),
        ("a.json", b'{"a": [], "b": []}', "Die JSON-Datei enthält keine Liste von Programmen"),
        ("a.json", b"[" * 100000, "Die JSON-Datei ist nicht lesbar"),
    ],
)
def test_unreadable_files_are_refused_as_a_whole(region, name, content, message):
    with pytest.raises(importer.ImportFileError) as error:
        check(region, content, name=name)
    assert message in str(error.value)


@pytest.mark.django_db
def test_big_files_are_refused_with_a_clear_message(region, monkeypatch):
    monkeypatch.setattr(import_files, "MAX_ROWS", 2)
    with pytest.raises(importer.ImportFileError) as error:
        check(region, csv_bytes(GOOD))
    assert str(error.value) == ("Die Datei enthält mehr als 2 Programme; bitte teilen Sie sie auf.")
    items = [{"titel": f"P{n}", "foerdergeber": "BMI"} for n in range(3)]
    with pytest.raises(importer.ImportFileError):
        check(region, json.dumps(items).encode(), name="a.json")
    monkeypatch.setattr(import_files, "MAX_BYTES", 100)
    with pytest.raises(importer.ImportFileError) as error:
        check(region, b"x" * 101)
    assert "größer als" in str(error.value)


@pytest.mark.django_db
def test_only_coordinators_may_import(region, town):
    content = csv_bytes(GOOD)
    officer = t.make_user_with_role(region, Role.OFFICER, town, username="off")
    with pytest.raises(importer.ImportFileError) as error:
        importer.check(region, get_access(officer, region), "a.csv", content)
    assert str(error.value) == "Förderprogramme und Aufrufe pflegt die Koordination."
    coordinator = t.make_user_with_role(region, Role.COORDINATOR, username="koord")
    assert importer.check(region, get_access(coordinator, region), "a.csv", content).ok


# -- rejected rows ----------------------------------------------------------------------------

LONG = "x" * 201


@pytest.mark.django_db
@pytest.mark.parametrize(
    "cells, message",
    [
        (["", "", "BMI", "", "", "", ""], "Der Name des Programms fehlt"),
        (["", "P", "", "", "", "", ""], "Der Fördergeber fehlt"),
        (
            ["", "P", LONG, "", "", "", ""],
            "„Fördergeber“ ist mit 201 Zeichen zu lang (höchstens 200).",
        ),
        (["", "x" * 301, "BMI", "", "", "", ""], "„Name“ ist mit 301 Zeichen zu lang"),
        (["", "P", "BMI", LONG, "", "", ""], "„Förderart“ ist mit 201 Zeichen zu lang"),
        (["x" * 201, "P", "BMI", "", "", "", ""], "„Kennung in der Förderdatenbank“ ist mit"),
        (
            ["", "P", "BMI", "", "150 %", "", ""],
            "„Fördersatz“ ist kein Anteil zwischen 0 und 100 %",
        ),
        (["", "P", "BMI", "", "viel", "", ""], "„Fördersatz“ ist kein Anteil"),
        (["", "P", "BMI", "", "", "sehr viel", ""], "„Höchstbetrag je Antrag (€)“ ist kein Betrag"),
        (
            ["", "P", "BMI", "", "", "-5", ""],
            "„Höchstbetrag je Antrag (€)“ darf nicht negativ sein.",
        ),
        (
            ["", "P", "BMI", "", "", "1.000.000.000.000", ""],
            "„Höchstbetrag je Antrag (€)“ muss unter einer Billion Euro liegen.",
        ),
        (["", "P", "BMI", "", "", "1,234", ""], "hat mehr als zwei Nachkommastellen."),
        (["", "P", "BMI", "", "", "", "kein Link"], "„Website“ ist keine gültige Internetadresse"),
        (["", "P", "BMI", "", "", "", "ftp://example.org"], "„Website“ ist keine gültige"),
        (["", "P", "BMI", "", "", "", "https://" + "x" * 500 + ".de"], "„Website“ ist mit"),
    ],
)
def test_every_bad_cell_is_rejected_with_a_german_reason_naming_the_field(region, cells, message):
    row = only_row(check(region, with_row(*cells)))
    assert row.action == ""
    assert any(message in error for error in row.errors), row.errors


@pytest.mark.django_db
def test_duration_and_volume_rules(region):
    header = ["Titel", "Fördergeber", "Höchstbetrag", "Gesamtvolumen", "Laufzeit"]
    rows = [
        header,
        ["A", "BMI", "20 Mio. €", "10 Mio. €", "48"],
        ["B", "BMI", "", "", "0"],
        ["C", "BMI", "", "", "101 Jahre"],
    ]
    report = check(region, csv_bytes(rows))
    assert report.rows[0].errors == [
        "„Höchstbetrag je Antrag (€)“ ist größer als „Gesamtvolumen (€)“."
    ]
    for row in report.rows[1:]:
        assert row.errors == [
            "„höchste Laufzeit (Monate)“ ist keine Zahl von Monaten zwischen 1 und 1200 "
            "(z. B. 48 oder 4 Jahre)."
        ]


@pytest.mark.django_db
def test_duplicates_within_the_file_are_rejected(region, bmi):
    services.create(Programme(region=region, funder=bmi, name="Vorhanden", external_id="v-1"))
    rows = [
        HEADER,
        ["fdb-1", "Eins", "BMI", "", "", "", ""],
        ["fdb-1", "Eins anders", "BMI", "", "", "", ""],  # the same Kennung
        ["", "Zwei", "BMI", "", "", "", ""],
        ["", "zwei", "BMI", "", "", "", ""],  # the same name, without Kennung
        ["v-1", "Vorhanden", "BMI", "", "", "", ""],
        ["", "vorhanden", "BMI", "", "", "", ""],  # the same existing programme
        ["fdb-9", "Eins", "BMI", "", "", "", ""],  # another Kennung: a programme of its own
    ]
    report = check(region, csv_bytes(rows))
    errors = {row.line: row.errors for row in report.rows}
    assert errors[3] == ["Dasselbe Programm steht schon in Zeile 2."]
    assert errors[5] == ["Dasselbe Programm steht schon in Zeile 4."]
    assert errors[7] == ["Dasselbe Programm steht schon in Zeile 6."]
    assert not errors[2] and not errors[4] and not errors[6] and not errors[8]


@pytest.mark.django_db
def test_ambiguous_names_are_rejected_not_guessed(region, bmi):
    for _n in range(2):
        services.create(Programme(region=region, funder=bmi, name="Doppelt"))
    other = services.create(Funder(region=region, name="Anderes Ministerium", short_name="BMI"))
    assert other.pk
    rows = [HEADER, ["", "Doppelt", "BMEL", "", "", "", ""], ["", "P", "BMI", "", "", "", ""]]
    report = check(region, csv_bytes(rows))
    assert report.rows[0].errors == [
        "Mehrere Programme der Region heißen „Doppelt“; bitte die Kennung angeben."
    ]
    assert report.rows[1].errors == [
        "Mehrere Fördergeber haben das Kürzel „BMI“; bitte den vollen Namen angeben."
    ]


@pytest.mark.django_db
def test_a_json_entry_that_is_no_object_is_rejected(region):
    content = json.dumps([{"titel": "A", "foerdergeber": "BMI"}, "B", 3]).encode()
    report = check(region, content, name="a.json")
    assert [row.line for row in report.errors] == [2, 3]
    assert "Der Eintrag ist kein Objekt" in report.rows[1].errors[0]


# -- dry run and apply ------------------------------------------------------------------------


def counts():
    return (Programme.objects.count(), Funder.objects.count(), ObjectChange.objects.count())


@pytest.mark.django_db
def test_the_dry_run_writes_nothing_and_costs_two_queries(region, bmi, django_assert_num_queries):
    before = counts()
    rows = [HEADER] + [[f"id-{n}", f"Programm {n}", "BMI", "", "", "", ""] for n in range(200)]
    with django_assert_num_queries(2):
        report = check(region, csv_bytes(rows))
    assert report.ok and report.summary()["created"] == 200
    assert counts() == before


@pytest.mark.django_db
def test_apply_creates_drafts_funders_once_and_the_change_log(region, users):
    user = users["coordinator"]
    report = importer.apply(
        region, get_access(user, region), "export.csv", csv_bytes(GOOD), user=user
    )
    assert report.applied and report.summary()["created"] == 3
    programmes = {p.name: p for p in Programme.objects.filter(region=region)}
    assert set(programmes) == {"Modellprojekte Smart Cities", "Smarte.Land.Regionen", "Heimat 2.0"}
    assert not any(p.published for p in programmes.values())
    smart = programmes["Modellprojekte Smart Cities"]
    assert smart.funder.name == "BMI"
    assert smart.external_id == "fdb-1"
    assert smart.funding_rate == D("0.6500")
    assert smart.max_grant == D("15000000.00")
    assert smart.slug == "modellprojekte-smart-cities"
    assert programmes["Heimat 2.0"].funder == smart.funder  # one new BMI, not two
    assert Funder.objects.filter(region=region).count() == 2
    changes = ObjectChange.objects.filter(region=region)
    assert changes.count() == 5
    assert {c.reason for c in changes} == {"Import aus der Förderdatenbank (export.csv)"}
    assert {c.user for c in changes} == {user}


@pytest.mark.django_db
def test_one_rejected_row_and_nothing_is_written(region):
    before = counts()
    rows = GOOD + [["fdb-3", "Kaputt", "BMI", "", "200 %", "", ""]]
    report = apply(region, csv_bytes(rows))
    assert not report.applied and not report.ok
    assert [row.line for row in report.errors] == [5]
    assert counts() == before


@pytest.mark.django_db
def test_a_failure_while_writing_rolls_back_every_row(region, monkeypatch):
    before = counts()
    real_create = services.create
    calls = []

    def failing_create(instance, **kwargs):
        if isinstance(instance, Programme):
            calls.append(instance.name)
            if len(calls) == 2:
                raise ValidationError("Kaputt.")
        return real_create(instance, **kwargs)

    monkeypatch.setattr(services, "create", failing_create)
    report = apply(region, csv_bytes(GOOD))
    assert not report.applied
    assert report.rows[1].errors == ["Kaputt."]
    assert counts() == before


@pytest.mark.django_db
def test_reimport_is_unchanged_and_writes_nothing(region):
    assert apply(region, csv_bytes(GOOD)).applied
    before = counts()
    versions = dict(Programme.objects.values_list("pk", "version"))
    report = apply(region, csv_bytes(GOOD))
    assert report.applied
    assert report.summary()["unchanged"] == 3
    assert counts() == before
    assert dict(Programme.objects.values_list("pk", "version")) == versions


@pytest.mark.django_db
def test_changed_fields_are_reported_and_applied_keeping_publication(region):
    assert apply(region, csv_bytes(GOOD)).applied
    smart = Programme.objects.get(external_id="fdb-1")
    services.update(smart, {"published": True, "internal_notes": "intern"}, expected_version=1)
    rows = [
        HEADER,
        # A new name under the same Kennung, another rate; the empty cap stays as it is.
        ["fdb-1", "Smart Cities (MPSC)", "BMI", "Zuschuss", "70", "", ""],
        [
            "fdb-2",
            "Smarte.Land.Regionen",
            "Land NRW",
            "Zuschuss",
            "",
            "",
            "https://example.org/slr",
        ],
    ]
    report = check(region, csv_bytes(rows))
    assert [(row.action, row.changed) for row in report.rows] == [
        ("updated", ["name", "funding_rate"]),
        ("updated", ["funder"]),
    ]
    assert report.rows[0].changed_labels == ["Name", "Fördersatz"]
    assert report.new_funders == ["Land NRW"]
    assert apply(region, csv_bytes(rows)).applied
    smart.refresh_from_db()
    assert smart.name == "Smart Cities (MPSC)"
    assert smart.funding_rate == D("0.7")
    assert smart.max_grant == D("15000000.00")
    assert smart.published and smart.internal_notes == "intern"
    log = ObjectChange.objects.filter(object_id=smart.pk, action="update").first()
    assert set(log.changes) == {"name", "funding_rate"}
    assert log.reason == "Import aus der Förderdatenbank (datei.csv)"
    assert Programme.objects.get(external_id="fdb-2").funder.name == "Land NRW"


@pytest.mark.django_db
def test_identity_by_kennung_else_by_name_within_the_region(region, other_region, bmi):
    mine = services.create(Programme(region=region, funder=bmi, name="Heimat 2.0"))
    foreign_funder = services.create(Funder(region=other_region, name="BMEL"))
    services.create(
        Programme(region=other_region, funder=foreign_funder, name="Smarte.Land.Regionen")
    )
    rows = [
        HEADER,
        ["fdb-h", "HEIMAT 2.0", "bmi", "Zuschuss", "", "", ""],  # gets its Kennung
        ["", "Smarte.Land.Regionen", "BMEL", "", "", "", ""],  # another region's: new here
    ]
    report = check(region, csv_bytes(rows))
    heimat, slr = report.rows
    assert heimat.programme == mine and heimat.funder == bmi and not heimat.new_funder
    assert heimat.changed == ["external_id", "name", "funding_type"]
    assert slr.action == "created" and slr.new_funder
    assert apply(region, csv_bytes(rows)).applied
    mine.refresh_from_db()
    assert mine.external_id == "fdb-h"
    assert Programme.objects.filter(region=region).count() == 2
    assert Funder.objects.filter(region=region, name="BMEL").exists()


@pytest.mark.django_db
def test_the_example_files_import_cleanly_and_agree(region):
    csv_path = repo_file("docs", "examples", "foerderdatenbank.csv")
    json_path = repo_file("docs", "examples", "foerderdatenbank.json")
    report = apply(region, csv_path.read_bytes(), name=csv_path.name)
    assert report.applied, [row.errors for row in report.rows]
    assert report.summary()["created"] == 3
    again = check(region, json_path.read_bytes(), name=json_path.name)
    assert again.ok and again.summary()["unchanged"] == 3
    smart = Programme.objects.get(name="Modellprojekte Smart Cities")
    assert (smart.funding_rate, smart.max_grant, smart.total_volume, smart.max_months) == (
        D("0.65"),
        D("15000000.00"),
        D("300000000.00"),
        48,
    )


@pytest.mark.django_db
def test_nul_characters_from_json_never_reach_the_database(region):
    content = json.dumps([{"titel": "Heimat\u00002.0", "foerdergeber": "BMI"}]).encode()
    assert only_row(check(region, content, name="a.json")).values["name"] == "Heimat2.0"
