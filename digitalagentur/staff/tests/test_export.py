"""The staff project list as CSV and Excel: the columns on screen, the list's filters and
order, drafts included for staff, nothing of another region, no formulas."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from digitalagentur.core import testing as t

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed(region, town, other_town, other_region):
    t.make_project(
        region,
        "Online ins Rathaus",
        code="P1",
        towns=[town, other_town],
        is_strategy_project=True,
        status="in_progress",
        progress=40,
    )
    t.make_project(region, '=HYPERLINK("x")', towns=[town], published=False)
    t.make_project(other_region, "Fremdes Projekt")


def test_csv_has_the_screen_columns_and_respects_filters(client, login, listed):
    login("reader")
    response = client.get(reverse("staff:project_export", args=["csv"]), {"ordering": "code"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == ["Kennung", "Titel", "Sichtbarkeit"]
    assert rows[1][:2] == ["P1", "Online ins Rathaus"]
    assert rows[1][6] == "Senden, Havixbeck" or rows[1][6] == "Havixbeck, Senden"
    assert rows[1][7:9] == ["in Umsetzung", "40"]
    assert any(row[1].startswith("'=") for row in rows[1:])  # never a formula
    assert "Fremdes Projekt" not in text
    filtered = client.get(reverse("staff:project_export", args=["csv"]), {"published": "false"})
    assert "Online ins Rathaus" not in filtered.content.decode("utf-8-sig")


def test_xlsx_opens_with_the_same_rows(client, login, listed):
    login("reader")
    response = client.get(reverse("staff:project_export", args=["xlsx"]), {"ordering": "code"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "Kennung" and len(values) == 3
    assert values[1][:2] == ("P1", "Online ins Rathaus")
    assert values[1][8] == 40  # a number, not text
    assert values[1][9].year >= 2026  # a date
    assert str(values[2][1]).startswith("'=")


def test_export_needs_a_staff_role(client, login, listed):
    assert client.get(reverse("staff:project_export", args=["csv"])).status_code == 302
    login("outsider")
    assert client.get(reverse("staff:project_export", args=["xlsx"])).status_code == 403


def test_list_links_the_exports_with_its_filters(client, login, listed):
    login("reader")
    html = client.get(reverse("staff:project_list"), {"status": "in_progress"}).content.decode()
    assert reverse("staff:project_export", args=["xlsx"]) + "?status=in_progress" in html
