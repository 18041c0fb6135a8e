"""Public funding pages: the funding won and the programmes used, an application's budget
overview (seed 003's table), the funding section of project profiles, the public export.
Drafts, internal notes and unpublished projects never show; queries do not grow."""

from __future__ import annotations

import csv
import io
import re
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from digitalagentur.core import testing as t
from digitalagentur.funding import services
from digitalagentur.funding.models import Call, end_of_day
from digitalagentur.testing.funding_budget import (
    make_application,
    make_programme,
    make_smart_cities_bid,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

SECRETS = (
    "INTERNE-NOTIZ-ANTRAG",
    "INTERNE-NOTIZ-PROGRAMM",
    "ENTWURFSANTRAG",
    "ENTWURFSPROGRAMM",
    "GEHEIMES-PROJEKT",
)


def html_of(client, url, status=200) -> str:
    response = client.get(url)
    assert response.status_code == status
    return response.content.decode()


@pytest.fixture
def funding(region, town, other_town):
    """Two approved published applications (one with a granted amount, one whose amount
    comes from its financing plan), a submitted one, drafts and internal notes around."""
    p1 = t.make_project(region, "Online ins Rathaus", code="P1", towns=[town])
    p2 = t.make_project(region, "Mobilstationen", code="P2", towns=[other_town])
    secret_project = t.make_project(region, "GEHEIMES-PROJEKT", published=False)
    programme = make_programme(region, "Smarte Regionen", internal_notes="INTERNE-NOTIZ-PROGRAMM")
    unused = make_programme(region, "Programm ohne Antrag")
    draft_programme = make_programme(region, "ENTWURFSPROGRAMM", published=False)
    granted = make_application(
        region,
        "Dorfplatz digital",
        programme=programme,
        status="approved",
        granted_amount="100000.00",
        internal_notes="INTERNE-NOTIZ-ANTRAG",
        projects=[p1, secret_project],
        towns=[town, other_town],
    )
    computed = make_application(
        region,
        "Mobil im Kreis",
        programme=programme,
        status="approved",
        subprojects=[
            ("Raum für Mobilität", p2, [("investive", "10000.01"), ("consumptive", "5000.00")]),
            ("Raum für Geheimes", secret_project, [("consumptive", "0.00")]),
        ],
    )
    submitted = make_application(
        region, "Bewerbung Smart City", programme=draft_programme, status="submitted"
    )
    draft = make_application(
        region,
        "ENTWURFSANTRAG",
        programme=programme,
        status="approved",
        granted_amount="999999.00",
        published=False,
        projects=[p1],
    )
    return SimpleNamespace(
        p1=p1,
        p2=p2,
        secret_project=secret_project,
        programme=programme,
        unused=unused,
        granted=granted,
        computed=computed,
        submitted=submitted,
        draft=draft,
        draft_programme=draft_programme,
    )


def assert_no_secrets(html: str):
    for secret in SECRETS:
        assert secret not in html


# --- the funding page -------------------------------------------------------------------------


def test_funding_page_sums_the_funding_won(client, funding):
    html = html_of(client, reverse("public:funding"))
    # 100.000,00 granted + 65 % of 15.000,01 = 9.750,0065 → 9.750,01 computed.
    assert "Insgesamt <strong>109.750,01 €</strong> aus 2 bewilligten Anträgen." in html
    won = html[html.index('id="funding-won"') : html.index("</table>", html.index("funding-won"))]
    assert "100.000,00 €" in won and "9.750,01 €" in won and "nach Finanzierungsplan" in won
    assert "Bewerbung Smart City" not in won  # submitted: not funding won
    assert reverse("public:funding_application", args=["dorfplatz-digital"]) in won
    assert "Senden" in won and "Havixbeck" in won
    assert "P1 Online ins Rathaus" in won and "P2 Mobilstationen" in won  # via sub-project
    assert "Smarte Regionen (FG" in won
    assert_no_secrets(html)


def test_programmes_used_are_the_published_ones_with_applications_or_calls(client, funding):
    html = html_of(client, reverse("public:funding"))
    programmes = html[html.index('id="funding-programmes"') :]
    programmes = programmes[: programmes.index("</table>")]
    assert "Smarte Regionen" in programmes and "109.750,01 €" in programmes
    assert "Programm ohne Antrag" not in programmes
    # A published call is enough.
    services.create(
        Call(
            region_id=funding.unused.region_id,
            programme=funding.unused,
            title="Aufruf 2030",
            deadline=end_of_day(funding.granted.created.date()),
            published=True,
        )
    )
    assert "Programm ohne Antrag" in html_of(client, reverse("public:funding"))


def test_other_applications_show_their_status_but_no_draft_programme(client, funding):
    html = html_of(client, reverse("public:funding"))
    others = html[html.index('id="funding-others"') :]
    others = others[: others.index("</table>")]
    assert "Bewerbung Smart City" in others and "eingereicht" in others
    assert "ENTWURFSPROGRAMM" not in html


def test_unknown_amounts_are_named_not_summed(client, region):
    programme = make_programme(region)
    make_application(region, "Ohne Betrag", programme=programme, status="approved")
    html = html_of(client, reverse("public:funding"))
    assert "1 bewilligter Antrag; der Betrag ist nicht veröffentlicht." in html
    assert "Summe" not in html and "0,00 €" not in html
    make_application(
        region, "Mit Betrag", programme=programme, status="approved", granted_amount="12.50"
    )
    html = html_of(client, reverse("public:funding"))
    assert "Insgesamt <strong>12,50 €</strong> aus 2 bewilligten Anträgen." in html
    assert "Bei 1 Antrag ist der Betrag nicht veröffentlicht; er fehlt in der Summe." in html


def test_empty_funding_page_explains(client, region):
    make_application(region, "ENTWURFSANTRAG", status="approved", published=False)
    make_programme(region, "ENTWURFSPROGRAMM", published=False)
    html = html_of(client, reverse("public:funding"))
    assert "Es ist noch keine Förderung veröffentlicht." in html
    assert_no_secrets(html)


def test_nav_links_to_the_funding_page(client, region):
    html = html_of(client, reverse("public:funding"))
    assert f'<a href="{reverse("public:funding")}" aria-current="page">Förderung</a>' in html


def test_other_regions_funding_is_not_shown(client, funding, other_region):
    make_application(other_region, "Antrag aus Kreis B", status="approved", granted_amount="5.00")
    html = html_of(client, reverse("public:funding"))
    assert "Antrag aus Kreis B" not in html and "109.750,01 €" in html
    html_of(client, reverse("public:funding_application", args=["antrag-aus-kreis-b"]), 404)


# --- the budget page --------------------------------------------------------------------------


def test_budget_page_reproduces_seed_003(client, region):
    make_smart_cities_bid(region, internal_notes="INTERNE-NOTIZ-ANTRAG")
    url = reverse("public:funding_application", args=["kreis-coesfeld-raum-fuer-zukunft"])
    html = html_of(client, url)
    table = html[html.index('id="budget-mio"') : html.index("</table>", html.index("budget-mio"))]
    for cells in (
        ("Raum für smarte Arbeit", "0,04", "0,33", "0,36"),
        ("Raum für nachhaltige Mobilität", "3,30", "0,85", "4,15"),
        ("Raum für breite Teilhabe", "0,02", "0,14", "0,15"),
    ):
        row = table[table.index(cells[0]) :]
        row = row[: row.index("</tr>")]
        shown = re.findall(r'<td class="amount" data-label="([^"]+)">([^<]*)</td>', row)
        assert shown == list(zip(("investiv", "konsumtiv", "gesamt"), cells[1:], strict=True))
    summe = table[table.index("Summe") :]
    for figure in ("4,90", "3,27", "8,16"):
        assert f"<strong>{figure}</strong>" in summe
    assert "60,0 %" in table and "40,0 %" in table
    text = re.sub(r"<[^>]+>", "", html)
    assert "davon Förderung (65 %): 5,31 Mio. €" in text
    assert "davon Eigenanteil (35 %): 2,86 Mio. €" in text
    assert "8.163.500,00 €" in html and "5.306.275,00 €" in html  # the exact euros
    assert 'role="img"' in html and "budget-chart" in html
    assert "INTERNE-NOTIZ-ANTRAG" not in html
    assert "Die Beträge sind die des Antrags, keine bewilligten Fördermittel." in html
    assert (
        reverse(
            "public:funding_application_export", args=["kreis-coesfeld-raum-fuer-zukunft", "xlsx"]
        )
        in html
    )


def test_budget_page_of_a_draft_is_not_found(client, funding):
    html_of(client, reverse("public:funding_application", args=[funding.draft.slug]), 404)
    html_of(
        client,
        reverse("public:funding_application_export", args=[funding.draft.slug, "csv"]),
        404,
    )


def test_budget_page_shows_published_projects_only(client, funding):
    html = html_of(client, reverse("public:funding_application", args=[funding.computed.slug]))
    assert "Raum für Mobilität" in html and "P2 Mobilstationen" in html
    assert "bewilligt" in html and "9.750,01 €" in html
    assert_no_secrets(html)


def test_budget_page_without_budget_explains(client, funding):
    html = html_of(client, reverse("public:funding_application", args=[funding.granted.slug]))
    assert "Für diesen Antrag ist noch kein Budget veröffentlicht." in html
    assert "100.000,00 €" in html
    assert_no_secrets(html)


def test_public_budget_export_as_csv(client, region):
    make_smart_cities_bid(region)
    url = reverse(
        "public:funding_application_export", args=["kreis-coesfeld-raum-fuer-zukunft", "csv"]
    )
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        'filename="budgetuebersicht-kreis-coesfeld-raum-fuer-zukunft.csv"'
        in (response["Content-Disposition"])
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Teilprojekt", "investiv (€)", "konsumtiv (€)", "gesamt (€)"]
    assert rows[1] == ["Raum für smarte Arbeit", "35500,00", "325000,00", "360500,00"]


def test_public_export_names_no_draft_programme(client, funding):
    services.update(funding.computed, {"programme": funding.draft_programme}, expected_version=1)
    url = reverse("public:funding_application_export", args=[funding.computed.slug, "xlsx"])
    sheet = load_workbook(io.BytesIO(client.get(url).content)).active
    texts = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    assert "Mobil im Kreis" in texts and "Raum für Mobilität" in texts
    assert "ENTWURFSPROGRAMM" not in texts and "INTERNE-NOTIZ" not in texts


# --- project profiles -------------------------------------------------------------------------


def test_project_profile_shows_its_applications(client, funding):
    html = html_of(client, reverse("public:project_detail", args=[funding.p1.slug]))
    section = html[html.index('id="foerderung"') :]
    section = section[: section.index("</section>")]
    assert "Dorfplatz digital" in section and "100.000,00 €" in section
    assert "bewilligt" in section
    assert reverse("public:funding_application", args=[funding.granted.slug]) in section
    assert "ENTWURFSANTRAG" not in html and "999.999,00" not in html


def test_project_profile_shows_applications_through_sub_projects(client, funding):
    html = html_of(client, reverse("public:project_detail", args=[funding.p2.slug]))
    section = html[html.index('id="foerderung"') :]
    section = section[: section.index("</section>")]
    assert "Mobil im Kreis" in section and "9.750,01 €" in section
    assert "Raum für Mobilität (0,02 Mio. €)" in section
    assert "Raum für Geheimes" not in section


def test_project_without_applications_has_no_funding_section(client, region, funding):
    project = t.make_project(region, "Ohne Förderung")
    assert 'id="foerderung"' not in html_of(
        client, reverse("public:project_detail", args=[project.slug])
    )


# --- queries ----------------------------------------------------------------------------------


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        html_of(client, url)
    return len(captured)


def add_applications(region, project, n):
    programme = make_programme(region)
    for i in range(n):
        make_application(
            region,
            f"Weiterer Antrag {project.pk}-{i}",
            programme=programme,
            status="approved" if i % 2 else "submitted",
            projects=[project],
            towns=[],
            subprojects=[(f"Teil {i}", project, [("investive", "1000.00")])],
        )


def test_query_counts_do_not_grow_with_applications(client, region, town):
    project = t.make_project(region, "Gefördert", towns=[town])
    add_applications(region, project, 1)
    funding_url = reverse("public:funding")
    project_url = reverse("public:project_detail", args=[project.slug])
    html_of(client, project_url)  # the region's towns are kept per content version
    small = (count_queries(client, funding_url), count_queries(client, project_url))
    add_applications(region, project, 6)
    html_of(client, project_url)
    large = (count_queries(client, funding_url), count_queries(client, project_url))
    assert small == large
    assert html_of(client, funding_url).count("Weiterer Antrag") == 7
