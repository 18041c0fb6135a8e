"""Landräume in the staff area (issue 11): the coordination's overview and the commuting the
bookings saved, per month, town and space, as page, CSV and XLSX; coordination only."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from digitalagentur.core import testing as t
from digitalagentur.spaces import booking as svc
from digitalagentur.spaces import impact, impact_report
from digitalagentur.spaces.choices import Purpose
from digitalagentur.spaces.models import BookerProfile, Place
from digitalagentur.spaces.timerange import BERLIN
from digitalagentur.testing.spaces import make_space

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

NOW = datetime.datetime(2027, 3, 3, 7, 0, tzinfo=BERLIN)
SENDEN = (Decimal("51.856900"), Decimal("7.483600"))
MUENSTER = (Decimal("51.962500"), Decimal("7.625600"))
BILLERBECK = (Decimal("51.979000"), Decimal("7.295000"))
FACTORS = impact.Factors(Decimal("1.3"), Decimal("166"))
# Home Senden, work Münster, a space in Senden: the whole commute, there and back, is saved.
FULL = impact.saving(SENDEN, MUENSTER, FACTORS)


def at(month, d, hour):
    return datetime.datetime(2027, month, d, hour, tzinfo=BERLIN)


def place(region, name, point, municipality=None):
    return Place.objects.create(
        region=region,
        name=name,
        slug=name.lower(),
        latitude=point[0],
        longitude=point[1],
        municipality=municipality,
    )


@pytest.fixture
def impact_site(region, town, other_town):
    senden = place(region, "Senden", SENDEN, municipality=town)
    muenster = place(region, "Münster", MUENSTER)
    pendlerin = t.make_user("pendlerin")
    BookerProfile.objects.create(user=pendlerin, home_place=senden, work_place=muenster)
    # in Senden without coordinates: the town centre counts
    coworking = make_space(region, town, units=4, capacity=4, name="Coworking Senden")
    # in Havixbeck, with coordinates of Billerbeck: the commute avoided counts all the same
    far = make_space(
        region,
        other_town,
        name="ExtraGleis",
        latitude=BILLERBECK[0],
        longitude=BILLERBECK[1],
    )
    return {"pendlerin": pendlerin, "coworking": coworking, "far": far, "senden": senden}


def book(space, user, start, hours=4, **kwargs):
    return svc.book(space, user, start, start + datetime.timedelta(hours=hours), now=NOW, **kwargs)


def fill(site, *, extra_days=()):
    p = site["pendlerin"]
    book(site["coworking"], p, at(3, 4, 8))
    book(site["coworking"], p, at(3, 4, 13))  # the same day again: counts once
    book(site["coworking"], p, at(4, 6, 8))
    book(site["far"], p, at(4, 7, 8))  # another space, another day: the whole commute
    book(site["coworking"], p, at(4, 8, 8), purpose=Purpose.CULTURE)  # not work: not counted
    book(site["coworking"], t.make_user(), at(3, 5, 8))  # no places told: left out
    for d in extra_days:
        book(site["coworking"], p, at(5, d, 8))


def test_report_sums_per_month_town_and_space(region, impact_site):
    fill(impact_site)
    report = impact_report.impact_report(region, 2027, FACTORS)
    assert report.total.days == 3
    assert report.total.km == FULL.km * 3
    assert report.total.grams == FULL.co2_grams * 3
    months = {row.month.month: row for row in report.months}
    assert (months[3].days, months[3].km) == (1, FULL.km)
    assert (months[4].days, months[4].km) == (2, FULL.km * 2)
    assert len(report.months) == 12 and months[1].days == 0
    towns = {row.label: (row.days, row.km) for row in report.towns}
    assert towns == {"Senden": (2, FULL.km * 2), "Havixbeck": (1, FULL.km)}
    spaces = {row.label: row.days for row in report.spaces}
    assert spaces == {"Coworking Senden": 2, "ExtraGleis": 1}
    assert report.without_places == 1
    assert impact_report.impact_report(region, 2026, FACTORS).total.days == 0


def test_cancelled_bookings_and_other_regions_do_not_count(region, other_region, impact_site):
    booking = book(impact_site["coworking"], impact_site["pendlerin"], at(3, 10, 8))
    svc.cancel(booking, impact_site["pendlerin"], now=NOW)
    assert impact_report.impact_report(region, 2027, FACTORS).total.days == 0
    assert impact_report.impact_report(other_region, 2027, FACTORS).total.days == 0


@pytest.mark.parametrize(
    ("role", "status"),
    [("coordinator", 200), ("admin", 200), ("officer", 403), ("reader", 403)],
)
def test_only_the_coordination_sees_the_pages(client, users, impact_site, role, status):
    client.force_login(users[role])
    for url in (
        reverse("staff:spaces"),
        reverse("staff:spaces_impact"),
        reverse("staff:spaces_impact_export", args=["csv"]),
        reverse("staff:spaces_impact_export", args=["xlsx"]),
    ):
        assert client.get(url).status_code == status, url
    dashboard = client.get(reverse("staff:dashboard")).content.decode()
    assert (reverse("staff:spaces") in dashboard) is (status == 200)


def test_anonymous_and_foreign_users_are_kept_out(client, impact_site, other_region):
    url = reverse("staff:spaces_impact")
    assert client.get(url).status_code == 302
    client.force_login(t.make_user_with_role(other_region, "coordinator", username="koord-b"))
    assert client.get(url).status_code == 403


def test_page_shows_formula_factors_source_and_figures(client, users, impact_site, settings):
    settings.DIGITALAGENTUR_CO2_SOURCE = "Umweltbundesamt 2022"
    fill(impact_site)
    client.force_login(users["coordinator"])
    response = client.get(reverse("staff:spaces_impact") + "?jahr=2027")
    html = response.content.decode()
    assert "Luftlinie Wohnort–Arbeitsort × Umwegfaktor × 2" in html
    assert "1,3" in html and "166 g CO2 je km" in html and "Umweltbundesamt 2022" in html
    km = f"{impact.one_place(FULL.km * 3)}".replace(".", ",")
    kg = f"{impact.kilograms(FULL.co2_grams * 3)}".replace(".", ",")
    assert f"3 vermiedene Pendeltage, {km} km und {kg} kg CO2 eingespart" in html
    assert '<svg class="line-chart"' in html and "03/2027" in html
    assert "1 Buchung zum Arbeiten ist nicht gezählt" in html
    assert client.get(reverse("staff:spaces_impact") + "?jahr=abc").status_code == 400


def test_csv_export(client, users, impact_site):
    fill(impact_site)
    client.force_login(users["coordinator"])
    response = client.get(reverse("staff:spaces_impact_export", args=["csv"]) + "?jahr=2027")
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="landraeume-wirkung-2027.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    lines = text.lstrip("\ufeff").splitlines()
    km = f"{impact.one_place(FULL.km)}".replace(".", ",")
    kg = f"{impact.kilograms(FULL.co2_grams)}".replace(".", ",")
    assert lines[0] == (
        "Gliederung;Bezeichnung;Kommune;vermiedene Pendeltage;eingesparte km;eingespartes CO2 (kg)"
    )
    assert f"Monat;03/2027;;1;{km};{kg}" in lines
    assert "Kommune;Havixbeck;Havixbeck;1;39,7;6,6" in lines
    assert any(line.startswith("Raum;Coworking Senden;Senden;2;") for line in lines)
    assert any(line.startswith("Umwegfaktor;1,3") for line in lines)


def test_xlsx_export(client, users, impact_site):
    fill(impact_site)
    impact_site["far"].name = "=HYPERLINK(1)"  # a formula in a name stays text
    impact_site["far"].save()
    client.force_login(users["coordinator"])
    response = client.get(reverse("staff:spaces_impact_export", args=["xlsx"]) + "?jahr=2027")
    book_ = load_workbook(io.BytesIO(response.content))
    sheet = book_.worksheets[0]
    rows = [tuple(cell.value for cell in row) for row in sheet.iter_rows()]
    assert rows[0][0] == "Gliederung"
    march = next(r for r in rows if r[1] == "03/2027")
    assert march[3] == 1 and Decimal(str(march[4])) == impact.one_place(FULL.km)
    assert ("Raum", "'=HYPERLINK(1)", "Havixbeck", 1, 39.7, 6.6) in rows
    total = rows[-1]
    assert total[0] == "Summe" and total[3] == 3
    notes = [tuple(c.value for c in row) for row in book_.worksheets[1].iter_rows()]
    assert notes[1][0] == "Umwegfaktor"


def test_page_queries_stay_constant_as_bookings_grow(client, users, impact_site):
    client.force_login(users["coordinator"])
    url = reverse("staff:spaces_impact") + "?jahr=2027"
    book(impact_site["coworking"], impact_site["pendlerin"], at(3, 4, 8))
    client.get(url)  # warm up (sessions, content types)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    fill(impact_site, extra_days=(3, 4, 5, 6, 7))
    other = make_space(impact_site["coworking"].region, impact_site["coworking"].municipality)
    book(other, impact_site["pendlerin"], at(5, 10, 8))
    client.get(url)  # the bookings changed the region's content: roles are read again once
    with CaptureQueriesContext(connection) as more:
        assert client.get(url).status_code == 200
    assert len(more) == len(few)
    export = reverse("staff:spaces_impact_export", args=["xlsx"]) + "?jahr=2027"
    with CaptureQueriesContext(connection) as exported:
        client.get(export)
    assert len(exported) <= len(few)


def test_overview_counts_and_links(client, users, impact_site):
    fill(impact_site)
    client.force_login(users["coordinator"])
    html = client.get(reverse("staff:spaces")).content.decode()
    assert "Offene Anfragen" in html
    assert "/landraeume/verwalten/" in html
    assert reverse("staff:spaces_impact") in html
    assert 'aria-current="page">Landräume' in html


def test_change_log_addresses_lead_to_the_management_pages(client, users, region, town):
    from digitalagentur.spaces import pilot
    from digitalagentur.spaces.models import Contingent, Employer

    space = make_space(region, town)
    client.force_login(users["coordinator"])
    response = client.get(reverse("staff:spaces_space", args=[space.pk]))
    assert response.url == reverse("public:spaces_manage_space_edit", args=[space.pk])
    response = client.get(reverse("staff:spaces_provider", args=[space.provider_id]))
    assert response.url == reverse("public:spaces_manage_provider_edit", args=[space.provider_id])
    employer = pilot.create_employer(Employer(region=region, name="wfc"))
    response = client.get(reverse("staff:spaces_employer", args=[employer.pk]))
    assert response.url == reverse("staff:spaces_employer_edit", args=[employer.pk])
    contingent = pilot.create_contingent(
        Contingent(employer=employer, name="Q1", days_per_month=4, valid_from="2027-01-01")
    )
    response = client.get(reverse("staff:spaces_contingent", args=[contingent.pk]))
    assert response.url == reverse("staff:spaces_contingent_edit", args=[contingent.pk])
