"""Public pages of the needs assessment (issue 9 §4): published rounds with their portfolio
matrix and results table, a town compared with the district, the SVG and CSV exports.
Unpublished rounds and towns that did not take part are 404; queries do not grow."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from defusedxml import ElementTree as ET
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from digitalagentur.assessment.models import GroupOverride, ResponseStatus, Round
from digitalagentur.core import testing as t
from digitalagentur.testing.assessment_matrix import make_scored_round

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


def html_of(client, url, status=200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


@pytest.fixture
def site(region, strategy, town, other_town):
    verwaltung = t.make_field(strategy, "Verwaltung", priority=1)
    bildung = t.make_field(strategy, "Bildung", priority=2)
    tourismus = t.make_field(strategy, "Tourismus", priority=3)
    t.make_project(region, "Online ins Rathaus", field=verwaltung)
    t.make_project(region, "Bürgerkonto", field=verwaltung)
    t.make_project(region, "GEHEIMES-PROJEKT", field=verwaltung, published=False)
    t.make_project(region, "Schul-WLAN", field=bildung)
    fields = [verwaltung, bildung, tourismus]
    late = t.make_municipality(region, "Nottuln", slug="nottuln")
    round = make_scored_round(
        region,
        fields=fields,
        scores={
            town: {verwaltung: (5, 4), bildung: (4, 4), tourismus: (2, None)},
            other_town: {verwaltung: (4, 4), bildung: (3, 2), tourismus: (2, None)},
        },
        towns=[town, other_town, late],
        title="Analyse 2019",
        slug="analyse-2019",
        group_sizes=[1, 1, 1],
    )
    # Nottuln takes part but only saved a draft.
    make_scored_round_draft = make_scored_round(
        region,
        fields=fields,
        scores={late: {verwaltung: (1, 1)}},
        title="ENTWURFSRUNDE",
        slug="entwurf",
        published=False,
        group_sizes=[1, 1, 1],
    )
    GroupOverride.objects.create(
        region=region,
        round=round,
        field=tourismus,
        priority_group=2,
        reason="Tourismus ist für den Kreis wichtig",
    )
    return {
        "round": round,
        "draft": make_scored_round_draft,
        "fields": fields,
        "late": late,
    }


def test_list_shows_published_rounds_only(client, site):
    html = html_of(client, reverse("public:assessment_list"))
    assert "Analyse 2019" in html
    assert "ENTWURFSRUNDE" not in html
    assert reverse("public:assessment_round", args=["analyse-2019"]) in html
    assert "2 von 3 Kommunen" in html


def test_empty_list(client, region):
    html = html_of(client, reverse("public:assessment_list"))
    assert "Es ist noch keine Bewertungsrunde veröffentlicht." in html


def test_a_deadline_at_midnight_is_shown_as_24_00_of_the_day_before(client, site):
    """Seed 001: answers were due by the end of 31.08.2019 (stored as midnight of 1 Sept)."""
    from zoneinfo import ZoneInfo

    end = datetime.datetime(2019, 9, 1, tzinfo=ZoneInfo("Europe/Berlin"))
    Round.objects.filter(pk=site["round"].pk).update(deadline=end)
    html = html_of(client, reverse("public:assessment_round", args=["analyse-2019"]))
    assert "31.08.2019, 24:00 Uhr" in html and "01.09.2019" not in html
    listed = html_of(client, reverse("public:assessment_list"))
    assert "31.08.2019" in listed and "01.09.2019" not in listed


def test_round_page_shows_matrix_table_and_overrides(client, site, town, other_town):
    html = html_of(client, reverse("public:assessment_round", args=["analyse-2019"]))
    assert 'role="img"' in html and ">Relevanz</text>" in html and ">Potenzial</text>" in html
    # two fields are drawn, Tourismus (no potential) is listed but not drawn
    assert html.count('class="matrix-bubble group-') == 2
    assert "Ohne Werte, daher nicht eingezeichnet: Tourismus" in html
    # results table: Verwaltung ranks first with relevance 4,50 and potential 4,00
    assert 'id="assessment-results"' in html
    verwaltung = html.split('<tr data-field="verwaltung">')[2].split("</tr>")[0]
    assert 'data-label="Rang">1</td>' in verwaltung
    assert "4,50" in verwaltung and "4,00" in verwaltung and "18,00" in verwaltung
    # the matrix table counts published projects only
    matrix_row = html.split('<tr data-field="verwaltung">')[1].split("</tr>")[0]
    assert 'data-label="Projekte">2</td>' in matrix_row
    assert "GEHEIMES-PROJEKT" not in html
    # the override with its reason
    assert "Tourismus ist für den Kreis wichtig" in html
    assert "Gruppe II statt III" in html
    assert "abweichend, berechnet: III" in html
    # the towns that took part, not the one with a draft only
    assert reverse("public:assessment_round_town", args=["analyse-2019", "senden"]) in html
    assert reverse("public:assessment_round_town", args=["analyse-2019", "havixbeck"]) in html
    assert "nottuln" not in html
    assert reverse("public:assessment_matrix_svg", args=["analyse-2019"]) in html
    assert reverse("public:assessment_results_csv", args=["analyse-2019"]) in html


def test_applied_version_is_named(client, site, strategy):
    from digitalagentur.strategy.models import StrategyVersion

    version = StrategyVersion.objects.create(
        region=strategy.region, strategy=strategy, name="Fassung 2021", snapshot={}
    )
    round = site["round"]
    round.applied_version = version
    round.save()
    html = html_of(client, reverse("public:assessment_round", args=["analyse-2019"]))
    assert "Fassung 2021" in html and reverse("public:strategy") in html
    assert "Fassung 2021" in html_of(client, reverse("public:assessment_list"))


@pytest.mark.parametrize(
    "name,args",
    [
        ("public:assessment_round", ["entwurf"]),
        ("public:assessment_round_town", ["entwurf", "nottuln"]),
        ("public:assessment_matrix_svg", ["entwurf"]),
        ("public:assessment_results_csv", ["entwurf"]),
        ("public:assessment_round", ["gibt-es-nicht"]),
        # Nottuln takes part in the published round but never submitted
        ("public:assessment_round_town", ["analyse-2019", "nottuln"]),
        ("public:assessment_matrix_svg", ["analyse-2019", "nottuln"]),
        ("public:assessment_results_csv", ["analyse-2019", "nottuln"]),
        ("public:assessment_round_town", ["analyse-2019", "gibt-es-nicht"]),
    ],
)
def test_unpublished_and_absent_are_404(client, site, name, args):
    assert client.get(reverse(name, args=args)).status_code == 404


def test_staff_do_not_see_unpublished_rounds_on_the_public_site(client, site, users):
    client.force_login(users["coordinator"])
    assert client.get(reverse("public:assessment_round", args=["entwurf"])).status_code == 404


def test_other_regions_round_is_404(client, site, other_region):
    t.make_municipality(other_region, "Fremdstadt")
    host = other_region.hostname
    url = reverse("public:assessment_round", args=["analyse-2019"])
    assert client.get(url, HTTP_HOST=host).status_code == 404


def test_town_page_compares_the_town_with_the_district(client, site, town):
    html = html_of(client, reverse("public:assessment_round_town", args=["analyse-2019", "senden"]))
    assert "Senden im Vergleich zum Kreis" in html
    assert html.count('class="matrix-town-marker"') == 2  # Tourismus has no potential
    row = html.split('<tr data-field="bildung">')[1].split("</tr>")[0]
    # district 3,50 / 3,00; Senden 4,00 / 4,00
    assert 'data-label="Relevanz (Kreis)">3,50</td>' in row
    assert 'data-label="Potenzial (Kreis)">3,00</td>' in row
    assert 'data-label="Relevanz (Senden)">4,00</td>' in row
    assert 'data-label="Potenzial (Senden)">4,00</td>' in row
    assert reverse("public:assessment_matrix_svg", args=["analyse-2019", "senden"]) in html


def test_svg_download_is_a_standalone_svg(client, site):
    response = client.get(reverse("public:assessment_matrix_svg", args=["analyse-2019"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert 'filename="portfoliomatrix-analyse-2019.svg"' in response["Content-Disposition"]
    root = ET.fromstring(response.content)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert "Analyse 2019" in root.find(f"{SVG}title").text
    bubbles = [c for c in root.iter(f"{SVG}circle") if "matrix-bubble" in (c.get("class") or "")]
    assert sorted(c.get("data-field") for c in bubbles) == ["bildung", "verwaltung"]
    texts = "".join(root.itertext())
    assert "Relevanz" in texts and "Potenzial" in texts and "Prioritätengruppe I" in texts
    town = client.get(reverse("public:assessment_matrix_svg", args=["analyse-2019", "senden"]))
    markers = [
        c
        for c in ET.fromstring(town.content).iter(f"{SVG}circle")
        if c.get("class") == "matrix-town-marker"
    ]
    assert len(markers) == 2


def test_csv_download_has_the_results_table(client, site):
    response = client.get(reverse("public:assessment_results_csv", args=["analyse-2019"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    header = rows[0]
    assert header[:4] == ["Rang", "Handlungsfeld", "Kürzel", "Relevanz Mittelwert"]
    body = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    assert [r["Handlungsfeld"] for r in body] == ["Verwaltung", "Bildung", "Tourismus"]
    first = body[0]
    assert (first["Relevanz Mittelwert"], first["Potenzial Mittelwert"], first["Gesamtwert"]) == (
        "4,50",
        "4,00",
        "18,00",
    )
    assert first["Projekte"] == "2" and first["Antworten (n)"] == "2"
    tourismus = body[2]
    assert tourismus["Potenzial Mittelwert"] == "" and tourismus["Potenzial n"] == "0"
    assert tourismus["Prioritätengruppe (berechnet)"] == "III"
    assert tourismus["Prioritätengruppe"] == "II"
    assert tourismus["Begründung der Abweichung"] == "Tourismus ist für den Kreis wichtig"
    town = client.get(reverse("public:assessment_results_csv", args=["analyse-2019", "senden"]))
    town_rows = list(csv.reader(io.StringIO(town.content.decode()[1:]), delimiter=";"))
    assert town_rows[0][-2:] == ["Relevanz (Senden)", "Potenzial (Senden)"]
    assert town_rows[1][-2:] == ["5,00", "4,00"]


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_query_count_is_constant_as_towns_and_fields_grow(client, region, strategy):
    def build(slug, n_towns, n_fields):
        towns = [t.make_municipality(region, f"{slug} Ort {i}") for i in range(n_towns)]
        fields = [t.make_field(strategy, f"{slug} Feld {i}") for i in range(n_fields)]
        for f in fields:
            t.make_project(region, f"{slug} Projekt {f.pk}", field=f)
        make_scored_round(
            region,
            fields=fields,
            scores={
                town: {f: ((i + j) % 5 + 1, (i * j) % 5 + 1) for j, f in enumerate(fields)}
                for i, town in enumerate(towns)
            },
            slug=slug,
            group_sizes=[n_fields, 0, 0],
        )
        return towns

    small_towns = build("klein", 2, 2)
    urls = lambda slug, town: [  # noqa: E731
        reverse("public:assessment_list"),
        reverse("public:assessment_round", args=[slug]),
        reverse("public:assessment_round_town", args=[slug, town.slug]),
        reverse("public:assessment_matrix_svg", args=[slug]),
        reverse("public:assessment_results_csv", args=[slug]),
    ]
    small = [_queries(client, url) for url in urls("klein", small_towns[0])]
    big_towns = build("gross", 6, 7)
    big = [_queries(client, url) for url in urls("gross", big_towns[0])]
    assert big == small


def test_draft_responses_do_not_count(client, region, strategy, town):
    field = t.make_field(strategy, "Verwaltung")
    make_scored_round(
        region,
        fields=[field],
        scores={town: {field: (5, 5)}},
        slug="nur-entwurf",
        status=ResponseStatus.DRAFT,
        group_sizes=[1, 0, 0],
    )
    html = html_of(client, reverse("public:assessment_round", args=["nur-entwurf"]))
    assert "Ohne Werte, daher nicht eingezeichnet: Verwaltung" in html
    assert "0 Kommunen haben geantwortet" in html


def test_round_whose_grouping_no_longer_fits_shows_a_message(client, site):
    round = site["round"]
    round.group_sizes = [2, 2, 2]  # six, but the round has three fields
    round.save()
    html = html_of(client, reverse("public:assessment_round", args=["analyse-2019"]))
    assert "Die Gruppengrößen der Runde passen nicht" in html
    assert "<svg" not in html.split("<main")[1]
    html = html_of(client, reverse("public:assessment_round_town", args=["analyse-2019", "senden"]))
    assert "Die Gruppengrößen der Runde passen nicht" in html
    for name in ("public:assessment_matrix_svg", "public:assessment_results_csv"):
        response = client.get(reverse(name, args=["analyse-2019"]))
        assert response.status_code == 409
        assert "Gruppengrößen" in response.content.decode()


def test_nav_and_strategy_page_link_the_assessment(client, site):
    html = html_of(client, reverse("public:home"))
    assert f'href="{reverse("public:assessment_list")}"' in html
    assert f'href="{reverse("public:survey_list")}"' in html
    html = html_of(client, reverse("public:assessment_list"))
    assert f'href="{reverse("public:assessment_list")}" aria-current="page"' in html
    html = html_of(client, reverse("public:assessment_round", args=["analyse-2019"]))
    assert f'href="{reverse("public:assessment_list")}" aria-current="true"' in html
    assert f'href="{reverse("public:assessment_list")}"' in html_of(
        client, reverse("public:strategy")
    )


def test_cached_page_follows_publication(client, site, settings):
    settings.DIGITALAGENTUR_PAGE_CACHE_SECONDS = 300
    url = reverse("public:assessment_round", args=["analyse-2019"])
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200  # from the cache
    round = site["round"]
    round.published = False
    round.save()
    assert client.get(url).status_code == 404
    assert "Analyse 2019" not in html_of(client, reverse("public:assessment_list"))


def test_unpublished_fields_are_left_out(client, site, town, strategy):
    verwaltung, bildung, tourismus = site["fields"]
    tourismus.published = False  # the field with the override
    tourismus.save()
    html = html_of(client, reverse("public:assessment_round", args=["analyse-2019"]))
    main = html.split("<main")[1]
    assert "Tourismus" not in main
    assert "Tourismus ist für den Kreis wichtig" not in html
    assert 'data-field="tourismus"' not in html
    svg = client.get(reverse("public:assessment_matrix_svg", args=["analyse-2019"]))
    assert b"Tourismus" not in svg.content
    text = client.get(reverse("public:assessment_results_csv", args=["analyse-2019"]))
    rows = list(csv.reader(io.StringIO(text.content.decode()[1:]), delimiter=";"))
    assert [row[1] for row in rows[1:]] == ["Verwaltung", "Bildung"]
    town_page = reverse("public:assessment_round_town", args=["analyse-2019", "senden"])
    assert "Tourismus" not in html_of(client, town_page).split("<main")[1]
    listed = html_of(client, reverse("public:assessment_list"))
    assert 'data-label="Handlungsfelder">2</td>' in listed
    # An unpublished strategy hides every field of the round.
    strategy.published = False
    strategy.save()
    html = html_of(client, reverse("public:assessment_round", args=["analyse-2019"]))
    assert "Verwaltung" not in html.split("<main")[1]
    assert 'data-label="Handlungsfelder">0</td>' in html_of(
        client, reverse("public:assessment_list")
    )


def test_towns_that_left_the_round_are_not_counted(client, site, other_town):
    site["round"].municipalities.remove(other_town)
    listed = html_of(client, reverse("public:assessment_list"))
    assert "1 von 2 Kommunen" in listed
    html = html_of(client, reverse("public:assessment_round", args=["analyse-2019"]))
    assert "1 Kommune hat geantwortet" in html
    assert "havixbeck" not in html
    verwaltung = html.split('<tr data-field="verwaltung">')[2].split("</tr>")[0]
    assert "5,00" in verwaltung and "4,50" not in verwaltung  # Senden alone
    url = reverse("public:assessment_round_town", args=["analyse-2019", "havixbeck"])
    assert client.get(url).status_code == 404


def test_downloads_are_cached_like_the_pages(client, site, settings):
    settings.DIGITALAGENTUR_PAGE_CACHE_SECONDS = 300
    for name in ("public:assessment_matrix_svg", "public:assessment_results_csv"):
        for args in (["analyse-2019"], ["analyse-2019", "senden"]):
            url = reverse(name, args=args)
            first = client.get(url)
            second = client.get(url)
            assert (first.status_code, second.status_code) == (200, 200), url
            assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit"), url
            assert second.content == first.content
            assert second["Content-Disposition"] == first["Content-Disposition"]
    # A change of the round is seen at once (the region's content version).
    round = site["round"]
    round.published = False
    round.save()
    assert (
        client.get(reverse("public:assessment_matrix_svg", args=["analyse-2019"])).status_code
        == 404
    )
