"""The financing plan and the budget overview as Excel and CSV files: opened back, every
amount equals the exact Decimal euros; texts never become formulas; the staff downloads."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from digitalagentur.funding.exports import (
    EURO_FORMAT,
    PERCENT_FORMAT,
    budget_overview_file,
    financing_plan_file,
)
from digitalagentur.funding.models import Application
from digitalagentur.funding.overview import overviews
from digitalagentur.testing.funding_budget import (
    make_application,
    make_programme,
    make_smart_cities_bid,
)

pytestmark = pytest.mark.django_db
D = Decimal


def overview_of(application):
    application = Application.objects.select_related("programme").get(pk=application.pk)
    return overviews([application])[application.pk]


def exact(value) -> Decimal:
    """A number read back from a workbook as the Decimal it spells."""
    return Decimal(str(value))


def sheet_rows(content: bytes):
    book = load_workbook(io.BytesIO(content))
    sheet = book.active
    return sheet, list(sheet.iter_rows())


def rows_from(rows, first_label):
    """The rows from the one whose first cell is `first_label` on, keyed by that label."""
    labels = [r[0].value for r in rows]
    start = labels.index(first_label)
    return {r[0].value: r for r in rows[start:] if r[0].value is not None}


@pytest.fixture
def plan_application(region):
    """Cents that float arithmetic would lose, a line that is not eligible, and a label that
    a spreadsheet would run as a formula."""
    return make_application(
        region,
        "Kleiner Antrag",
        programme=make_programme(region, funding_rate=D("0.65")),
        slug="kleiner-antrag",
        subprojects=[
            (
                '=HYPERLINK("http://boese.example")',
                None,
                [
                    ("investive", "1234567.89", True, "Server", 2022),
                    ("consumptive", "0.10", True, "+Beratung", 2023),
                ],
            ),
            ("Teil B", None, [("consumptive", "0.20", False, "Bewirtung", None)]),
        ],
    )


def test_budget_overview_xlsx_holds_the_exact_seed_figures(region):
    overview = overview_of(make_smart_cities_bid(region))
    content, content_type, name = budget_overview_file(overview, "xlsx")
    assert name == "budgetuebersicht-kreis-coesfeld-raum-fuer-zukunft.xlsx"
    assert content_type.startswith("application/vnd.openxmlformats")
    sheet, rows = sheet_rows(content)
    assert sheet.title == "Budgetübersicht"
    assert sheet["A1"].value == "Budgetübersicht: Kreis Coesfeld – Raum für Zukunft"
    header = [c.value for c in rows[4]][:4]
    assert header == ["Teilprojekt", "investiv (€)", "konsumtiv (€)", "gesamt (€)"]
    by_label = rows_from(rows, "Raum für smarte Arbeit")
    for row in overview.rows:
        cells = by_label[row.label]
        assert [exact(c.value) for c in cells[1:4]] == [row.investive, row.consumptive, row.total]
        assert all(c.number_format == EURO_FORMAT for c in cells[1:4])
        assert all(c.data_type == "n" for c in cells[1:4])
    plan = overview.plan
    totals = by_label["Summe"]
    assert [exact(c.value) for c in totals[1:4]] == [D("4897500.00"), D("3266000.00"), plan.total]
    shares = by_label["Anteil"]
    assert [exact(c.value) for c in shares[1:4]] == [D("0.6"), D("0.4"), D("1")]
    assert shares[1].number_format == PERCENT_FORMAT
    grant = by_label["davon Förderung (65 %)"]
    own = by_label["davon Eigenanteil (35 %)"]
    assert exact(grant[3].value) == plan.grant == D("5306275.00")
    assert exact(own[3].value) == plan.own_share == D("2857225.00")
    # Shown in Mio. € with two places these are seed 003's figures.
    assert round(exact(grant[3].value) / 1_000_000, 2) == D("5.31")
    assert round(exact(own[3].value) / 1_000_000, 2) == D("2.86")


def test_financing_plan_xlsx_lists_every_line(plan_application):
    content, _type, name = financing_plan_file(plan_application, "xlsx")
    assert name == "finanzierungsplan-kleiner-antrag.xlsx"
    sheet, rows = sheet_rows(content)
    assert sheet.title == "Finanzierungsplan"
    header = [c.value for c in rows[4]]
    assert header == ["Teilprojekt", "Bezeichnung", "Jahr", "Art", "förderfähig", "Betrag (€)"]
    lines = [[c.value for c in r] for r in rows[5:8]]
    assert lines[0][:5] == [
        '\'=HYPERLINK("http://boese.example")',
        "Server",
        2022,
        "investiv",
        "ja",
    ]
    assert lines[1][1:5] == ["'+Beratung", 2023, "konsumtiv", "ja"]
    assert lines[2][:5] == ["Teil B", "Bewirtung", None, "konsumtiv", "nein"]
    assert [exact(line[5]) for line in lines] == [D("1234567.89"), D("0.10"), D("0.20")]
    assert all(r[5].number_format == EURO_FORMAT for r in rows[5:8])
    by_label = rows_from(rows, "Summe")
    assert exact(by_label["Summe"][5].value) == D("1234568.19")
    assert exact(by_label["davon investiv"][5].value) == D("1234567.89")
    assert exact(by_label["davon konsumtiv"][5].value) == D("0.30")
    assert exact(by_label["davon förderfähig"][5].value) == D("1234567.99")
    # No cell of the workbook is a formula.
    assert not any(c.data_type == "f" for r in rows for c in r)


def test_budget_overview_csv_parses_back_to_the_exact_euros(plan_application):
    overview = overview_of(plan_application)
    content, content_type, name = budget_overview_file(overview, "csv")
    assert content_type == "text/csv; charset=utf-8" and name.endswith(".csv")
    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Teilprojekt", "investiv (€)", "konsumtiv (€)", "gesamt (€)"]
    assert rows[1][0] == '\'=HYPERLINK("http://boese.example")'

    def amounts(row):
        return [Decimal(v.replace(",", ".")) for v in row[1:4]]

    assert amounts(rows[1]) == [D("1234567.89"), D("0.10"), D("1234567.99")]
    assert amounts(rows[2]) == [D("0.00"), D("0.20"), D("0.20")]
    labels = {row[0]: row for row in rows}
    assert amounts(labels["Summe"]) == [D("1234567.89"), D("0.30"), D("1234568.19")]
    assert labels["Anteil"][1:4] == ["100,0", "0,0", "100,0"]
    plan = overview.plan
    grant = Decimal(labels["davon Förderung (65 %)"][3].replace(",", "."))
    own = Decimal(labels["davon Eigenanteil (35 %)"][3].replace(",", "."))
    assert grant == plan.grant == D("802469.19")  # 0.65 × 1.234.567,99 = 802.469,1935
    assert own == plan.own_share and grant + own == plan.eligible_total
    municipal = labels["kommunaler Eigenanteil (mit nicht förderfähigen Kosten)"][3]
    assert Decimal(municipal.replace(",", ".")) == plan.municipal_own_share == D("432099.00")


def test_financing_plan_csv(plan_application):
    content, _type, name = financing_plan_file(plan_application, "csv")
    assert name == "finanzierungsplan-kleiner-antrag.csv"
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Teilprojekt", "Bezeichnung", "Jahr", "Art", "förderfähig", "Betrag (€)"]
    assert rows[1] == [
        '\'=HYPERLINK("http://boese.example")',
        "Server",
        "2022",
        "investiv",
        "ja",
        "1234567,89",
    ]
    assert rows[3] == ["Teil B", "Bewirtung", "", "konsumtiv", "nein", "0,20"]
    assert rows[4] == ["Summe", "", "", "", "", "1234568,19"]


def test_empty_application_exports(region):
    application = make_application(region, "Leer", slug="leer")
    for fmt in ("csv", "xlsx"):
        assert financing_plan_file(application, fmt)[0]
        assert budget_overview_file(overview_of(application), fmt)[0]
    content = budget_overview_file(overview_of(application), "csv")[0].decode("utf-8-sig")
    assert "Anteil;0,0;0,0;0,0" in content


# --- staff downloads --------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["admin", "coordinator", "officer", "reader"])
@pytest.mark.parametrize("kind", ["application_plan_export", "application_budget_export"])
def test_staff_downloads_for_every_role(client, users, plan_application, role, kind):
    client.force_login(users[role])
    for fmt in ("xlsx", "csv"):
        response = client.get(reverse(f"staff:{kind}", args=[plan_application.pk, fmt]))
        assert response.status_code == 200
        assert "kleiner-antrag" in response["Content-Disposition"]
    load_workbook(
        io.BytesIO(client.get(reverse(f"staff:{kind}", args=[plan_application.pk, "xlsx"])).content)
    )


def test_staff_downloads_of_drafts_work_and_other_regions_are_not_found(
    client, users, region, other_region
):
    client.force_login(users["reader"])
    draft = make_application(region, "Entwurf", published=False)
    url = reverse("staff:application_plan_export", args=[draft.pk, "csv"])
    assert client.get(url).status_code == 200
    foreign = make_application(other_region, "Fremder Antrag")
    url = reverse("staff:application_budget_export", args=[foreign.pk, "xlsx"])
    assert client.get(url).status_code == 404


def test_anonymous_visitors_are_sent_to_the_login(client, plan_application):
    url = reverse("staff:application_plan_export", args=[plan_application.pk, "csv"])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
