"""The import of measured values: the dry run writes nothing and reports every row; applying
writes all rows or, with one error, none."""

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from digitalagentur.core import testing as t
from digitalagentur.indicators import importer
from digitalagentur.indicators.models import IndicatorValue
from digitalagentur.tenancy.permissions import get_access
from digitalagentur.testing.indicators import make_indicator

D = datetime.date


def csv_bytes(*lines: str) -> bytes:
    return ("\ufeff" + "\n".join(lines) + "\n").encode("utf-8")


@pytest.fixture
def setup(region, town, other_town, users):
    indicator = make_indicator(region, "Online-Dienste", slug="online", values={"2023-12-31": 10})
    return indicator, get_access(users["coordinator"], region), get_access(users["officer"], region)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("12,5", Decimal("12.5")),
        ("12.5", Decimal("12.5")),
        ("-3", Decimal(-3)),
        (" 1\u00a0000 ", Decimal(1000)),
        (7, Decimal(7)),
        (0.25, Decimal("0.25")),
        ("1.234,5", None),
        ("12,34567", None),
        ("abc", None),
        ("", None),
        (True, None),
        ("1e5", None),
        ("NaN", None),
        ("9" * 11 + ",9999", Decimal("99999999999.9999")),  # the largest value stored
        ("9" * 12, None),
        ("1.650", None),
        ("1" * 25, None),
        (1e30, None),
    ],
)
def test_values_are_read_in_german_or_english(cell, expected):
    assert importer.parse_value(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("31.12.2024", D(2024, 12, 31)),
        ("2024-12-31", D(2024, 12, 31)),
        (datetime.datetime(2024, 12, 31, 0, 0), D(2024, 12, 31)),  # noqa: DTZ001
        ("31.02.2024", None),
        ("12/31/2024", None),
        ("31.12.9999", None),
        ("1899-12-31", None),
        (datetime.date(9999, 12, 31), None),
        (None, None),
    ],
)
def test_dates(cell, expected):
    assert importer.parse_date(cell) == expected


@pytest.mark.django_db
def test_dry_run_reports_every_row_and_writes_nothing(setup, region, town, other_town):
    indicator, coordination, _ = setup
    content = csv_bytes(
        "Indikator;Stichtag;Wert;Kommune;Anmerkung",
        "online;31.12.2023;10;;",  # unchanged
        "Online-Dienste;31.12.2024;12,5;;vorläufig",  # new
        "online;2024-12-31;4;Senden;",  # new, the town's
        "online;31.12.2023;11;;",  # the same value twice
        "unbekannt;31.12.2024;1;;",
        ";;;;",  # empty rows are skipped
        "online;31.12.2025;viel;Nirgendwo;",
    )
    report = importer.check(region, coordination, "werte.csv", content)
    assert not report.ok
    assert [(r.line, r.action, bool(r.errors)) for r in report.rows] == [
        (2, "unchanged", False),
        (3, "created", False),
        (4, "created", False),
        (5, "", True),
        (6, "", True),
        (8, "", True),
    ]
    assert "Zeile 2" in report.rows[3].errors[0]
    assert "unbekannt" in report.rows[4].errors[0]
    assert len(report.rows[5].errors) == 2  # the value and the town
    assert report.summary() == {"rows": 6, "created": 2, "updated": 0, "unchanged": 1, "errors": 3}
    assert IndicatorValue.objects.filter(indicator=indicator).count() == 1
    applied = importer.apply(region, coordination, "werte.csv", content)
    assert not applied.applied
    assert IndicatorValue.objects.filter(indicator=indicator).count() == 1


@pytest.mark.django_db
def test_apply_writes_all_rows_with_the_file_as_reason(setup, region, town, users):
    indicator, coordination, _ = setup
    content = csv_bytes(
        "indicator,date,value,town",
        "online,2024-12-31,12.5,",
        "online,2023-12-31,9,",
        "online,2024-12-31,4,senden",
    )
    report = importer.apply(region, coordination, "w.csv", content, user=users["coordinator"])
    assert report.applied
    assert report.summary()["created"] == 2 and report.summary()["updated"] == 1
    values = {
        (v.date, v.municipality_id): v.value
        for v in IndicatorValue.objects.filter(indicator=indicator)
    }
    assert values == {
        (D(2023, 12, 31), None): Decimal(9),
        (D(2024, 12, 31), None): Decimal("12.5"),
        (D(2024, 12, 31), town.pk): Decimal(4),
    }
    again = importer.apply(region, coordination, "w.csv", content)
    assert again.summary()["unchanged"] == 3


@pytest.mark.django_db
def test_an_officer_imports_only_the_own_towns_values(setup, region, town, other_town):
    indicator, _, officer = setup
    content = csv_bytes(
        "Indikator;Stichtag;Wert;Kommune",
        "online;31.12.2024;4;Senden",
        "online;31.12.2024;5;Havixbeck",
        "online;31.12.2024;6;",
    )
    report = importer.apply(region, officer, "w.csv", content)
    assert not report.applied
    assert [bool(r.errors) for r in report.rows] == [False, True, True]
    assert IndicatorValue.objects.filter(indicator=indicator).count() == 1
    ok = importer.apply(
        region,
        officer,
        "w.csv",
        csv_bytes("Indikator;Stichtag;Wert;Kommune", "online;31.12.2024;4;senden"),
    )
    assert ok.applied


@pytest.mark.django_db
def test_xlsx_with_real_dates_and_numbers(setup, region):
    indicator, coordination, _ = setup
    book = Workbook()
    sheet = book.active
    sheet.append(["Wert", "Indikator", "Stichtag"])  # any column order
    sheet.append([12.5, "online", datetime.datetime(2024, 12, 31)])  # noqa: DTZ001
    sheet.append([None, None, None])
    buffer = io.BytesIO()
    book.save(buffer)
    report = importer.apply(region, coordination, "werte.XLSX", buffer.getvalue())
    assert report.applied, [r.errors for r in report.rows]
    assert IndicatorValue.objects.get(indicator=indicator, date=D(2024, 12, 31)).value == Decimal(
        "12.5"
    )


@pytest.mark.django_db
def test_other_regions_indicators_are_unknown(setup, other_region):
    other_coordination = get_access(
        t.make_user_with_role(other_region, "coordinator", username="k-b"), other_region
    )
    report = importer.check(
        other_region,
        other_coordination,
        "w.csv",
        csv_bytes("Indikator;Stichtag;Wert", "online;31.12.2024;1"),
    )
    assert "gibt es in dieser Region nicht" in report.rows[0].errors[0]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("w.pdf", b"x", "CSV- oder XLSX"),
        ("w.csv", b"", "leer"),
        ("w.csv", csv_bytes("Name;Datum"), "Es fehlen Spalten: Indikator, Wert"),
        ("w.xlsx", b"not a zip", "nicht lesbar"),
        ("w.csv", b"x" * (importer.MAX_BYTES + 1), "2 MB"),
    ],
)
@pytest.mark.django_db
def test_unreadable_files_get_one_clear_message(setup, region, name, content, message):
    _, coordination, _ = setup
    with pytest.raises(importer.ImportFileError) as error:
        importer.check(region, coordination, name, content)
    assert message in str(error.value)


@pytest.mark.django_db
def test_slugs_win_over_names_and_shared_names_are_an_error(setup, region):
    _, coordination, _ = setup
    wlan = make_indicator(region, "Ortskerne mit WLAN", slug="wlan")
    named_wlan = make_indicator(region, "WLAN", slug="wlan-2")
    make_indicator(region, "Doppelt", slug="doppelt-1")
    make_indicator(region, "Doppelt", slug="doppelt-2")
    content = csv_bytes(
        "Indikator;Stichtag;Wert",
        "wlan;31.12.2024;1",
        "wlan-2;31.12.2024;2",
        "Doppelt;31.12.2024;3",
        "doppelt-2;31.12.2024;4",
    )
    rows = importer.check(region, coordination, "w.csv", content).rows
    assert [r.indicator for r in rows[:2]] == [wlan, named_wlan]
    assert rows[2].indicator is None
    assert "Mehrere Indikatoren heißen „doppelt“" in rows[2].errors[0]
    assert rows[3].indicator.slug == "doppelt-2" and not rows[3].errors


@pytest.mark.django_db
def test_a_damaged_sheet_is_a_clear_error(setup, region):
    import zipfile

    _, coordination, _ = setup
    book = Workbook()
    book.active.append(["Indikator", "Stichtag", "Wert"])
    for n in range(50):
        book.active.append(["online", f"2024-01-{n % 28 + 1:02d}", n])
    good = io.BytesIO()
    book.save(good)
    damaged = io.BytesIO()
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]  # cut off in the middle of the rows
            target.writestr(item, data)
    with pytest.raises(importer.ImportFileError) as error:
        importer.check(region, coordination, "w.xlsx", damaged.getvalue())
    assert "nicht lesbar" in str(error.value)
