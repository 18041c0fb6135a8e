"""Public indicator pages and the line chart: the chart's geometry on hand-computed cases,
what the list, the indicator page and the field and town sections show, who sees what
(published, own region), and a constant number of queries as indicators grow."""

from __future__ import annotations

import datetime
from decimal import Decimal
from fractions import Fraction

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digitalagentur.core import testing as t
from digitalagentur.indicators import services
from digitalagentur.indicators.chart import line_chart, nice_range
from digitalagentur.indicators.models import Indicator
from digitalagentur.indicators.numbers import display
from digitalagentur.testing.indicators import make_indicator

D = Decimal


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


# ---- the chart (no database) ----------------------------------------------------------------


def test_chart_maps_values_and_targets_to_coordinates():
    # Years 2021 and 2022: x from 60 (1 Jan 2021) over 440 units to 500 (1 Jan 2023), 730 days.
    # Values 10 and 30, target 50: from zero (10 ≤ half of 50), steps of 10 up to 50, y from
    # 260 (0) over 240 units to 20 (50), so 4.8 units per 1.
    chart = line_chart(
        [(day("2021-01-01"), D(10)), (day("2022-01-01"), D(30))],
        [(day("2022-12-31"), D(50))],
    )
    assert (chart.y_min, chart.y_max) == (0, 50)
    assert [(p.x, p.y) for p in chart.values] == [(60.0, 212.0), (280.0, 116.0)]
    # 729 of 730 days: 60 + 440 × 729 / 730 = 499.397…
    assert [(p.x, p.y) for p in chart.targets] == [(499.4, 20.0)]
    assert chart.values_line == "60.0,212.0 280.0,116.0"
    # The target path runs from the first value (the baseline) to the target: dashed line.
    assert chart.path_line == "60.0,212.0 499.4,20.0"
    assert [(tick.pos, tick.label) for tick in chart.y_ticks] == [
        (260.0, "0"),
        (212.0, "10"),
        (164.0, "20"),
        (116.0, "30"),
        (68.0, "40"),
        (20.0, "50"),
    ]
    assert chart.year_lines == [60.0, 280.0, 500.0]
    assert [(tick.pos, tick.label) for tick in chart.year_labels] == [
        (170.0, "2021"),
        (390.0, "2022"),
    ]
    assert [p.date_label for p in chart.values] == ["01.01.2021", "01.01.2022"]


def test_chart_range_holds_values_and_targets_in_german_numbers():
    chart = line_chart(
        [(day("2024-06-30"), D("1200.5")), (day("2025-06-30"), D(4600))],
        [(day("2026-12-31"), D(3000))],
        decimals=1,
    )
    # 1200.5 ≤ 4600 / 2: from zero; 4600 in five steps of 1000.
    assert (chart.y_min, chart.y_max) == (0, 5000)
    assert [tick.label for tick in chart.y_ticks] == [
        "0",
        "1.000",
        "2.000",
        "3.000",
        "4.000",
        "5.000",
    ]
    assert [p.label for p in chart.values] == ["1.200,5", "4.600,0"]
    # Every value and target lies within the plot (y from 20 to 260).
    for p in [*chart.values, *chart.targets]:
        assert 20 <= p.y <= 260


def test_chart_decimal_steps_get_decimal_labels():
    chart = line_chart([(day("2024-12-31"), D("0.5")), (day("2025-12-31"), D("1.2"))], [])
    assert [tick.label for tick in chart.y_ticks] == [
        "0,00",
        "0,25",
        "0,50",
        "0,75",
        "1,00",
        "1,25",
    ]
    assert chart.path == [] and chart.path_line == ""


def test_chart_lower_is_better_keeps_the_axis_upright():
    # Days of processing, target below the values: 70 ≥ half of 94, so the range is fitted
    # (not from zero): 70 to 95 in steps of 5, 9.6 units per day. Years 2022–2026: 1826 days.
    chart = line_chart(
        [(day("2022-12-31"), D(94)), (day("2025-12-31"), D(87))],
        [(day("2026-12-31"), D(70))],
    )
    assert (chart.y_min, chart.y_max) == (70, 95)
    # 94 → 260 − 24 × 9.6 = 29.6; 87 → 260 − 17 × 9.6 = 96.8; 70 → 260 (the bottom).
    assert [p.y for p in chart.values] == [29.6, 96.8]
    assert [p.y for p in chart.targets] == [260.0]
    # x: 60 + 440 × 364 / 1826 = 147.7; 60 + 440 × 1460 / 1826 = 411.8; 1825 days → 499.8.
    assert [p.x for p in chart.values] == [147.7, 411.8]
    assert chart.path_line == "147.7,29.6 499.8,260.0"
    assert [tick.label for tick in chart.y_ticks] == ["70", "75", "80", "85", "90", "95"]


def test_chart_edge_cases():
    assert line_chart([], []) is None
    only_target = line_chart([], [(day("2026-12-31"), D(5))])
    assert only_target.path_line == "" and len(only_target.targets) == 1
    assert only_target.values_line == ""
    # Twenty years: every third year labelled, every year a grid line.
    many = line_chart([(datetime.date(2010 + n, 12, 31), D(n)) for n in range(20)], [])
    assert [tick.label for tick in many.year_labels] == [
        "2010",
        "2013",
        "2016",
        "2019",
        "2022",
        "2025",
        "2028",
    ]
    assert len(many.year_lines) == 21


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (D(10), D(10), (D(9), D(11), D(1))),  # equal values: the line in the middle
        (D(0), D(0), (D(0), D("0.2"), D("0.1"))),
        (D(-3), D(7), (D(-5), D("7.5"), D("2.5"))),  # negative: not from zero
        (D(48), D(200), (D(0), D(200), D(50))),
    ],
)
def test_nice_range(low, high, expected):
    assert nice_range(low, high) == expected


def test_display_rounds_half_up_in_german():
    assert display(D("2.5")) == "3"
    assert display(D("1234.56"), 1) == "1.234,6"
    assert display(D("-0.04"), 1) == "0,0"
    assert display(D("1650")) == "1.650"
    assert display(Fraction(1, 3), 2) == "0,33"


# ---- the pages ------------------------------------------------------------------------------


def html_of(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status
    return response.content.decode()


@pytest.fixture
def data(region, strategy, town, other_town):
    field = t.make_field(strategy, "Verwaltung", slug="verwaltung")
    goal = t.make_goal(field, "Alle Leistungen online")
    hidden_goal = t.make_goal(field, "ENTWURFSZIEL", published=False)
    project = t.make_project(region, "Online ins Rathaus", code="P1", field=field)
    draft_project = t.make_project(region, "ENTWURFSPROJEKT", published=False)
    online = make_indicator(
        region,
        "Online-Leistungen",
        unit="Anzahl",
        is_demo=True,
        source="Statistik des Kreises",
        owner="Stabsstelle Digitalisierung",
        values={"2022-12-31": 48, "2025-12-31": 118},
        targets={"2025-12-31": 120, "2027-12-31": 200},
        town_values={town: {"2024-12-31": 9, "2025-12-31": 12}},
        links={
            "fields": [field.pk],
            "goals": [goal.pk, hidden_goal.pk],
            "projects": [project.pk, draft_project.pk],
            "municipalities": [town.pk],
        },
    )
    waiting = make_indicator(
        region,
        "Bearbeitungszeit",
        unit="Tage",
        direction="lower",
        values={"2025-12-31": 80},
        targets={"2026-12-31": 70},
        links={"fields": [field.pk]},
    )
    draft = make_indicator(
        region, "ENTWURFSINDIKATOR", published=False, links={"fields": [field.pk]}
    )
    return {
        "field": field,
        "online": online,
        "waiting": waiting,
        "draft": draft,
        "project": project,
    }


@pytest.mark.django_db
@pytest.mark.usefixtures("no_page_cache")
class TestPages:
    def test_list_shows_status_values_and_demo_badge(self, client, data):
        html = html_of(client, reverse("public:indicator_list"))
        assert "2 Indikatoren veröffentlicht" in html
        assert '<span class="status status-at_risk">gefährdet</span> 1' in html
        assert '<span class="status status-on_track">im Plan</span> 1' in html
        assert "Handlungsfeld Verwaltung" in html
        assert "118 Anzahl" in html and "(31.12.2025)" in html
        assert "200 Anzahl bis 31.12.2027" in html
        assert "Demodaten" in html
        assert reverse("public:indicator_detail", args=["online-leistungen"]) in html
        assert "ENTWURFSINDIKATOR" not in html

    def test_list_keeps_draft_fields_hidden(self, client, data, strategy):
        hidden = t.make_field(strategy, "ENTWURFSFELD", slug="entwurf", published=False)
        make_indicator(strategy.region, "Ohne Feld", links={"fields": [hidden.pk]})
        html = html_of(client, reverse("public:indicator_list"))
        assert "Weitere Indikatoren" in html and "Ohne Feld" in html
        assert "ENTWURFSFELD" not in html
        detail = html_of(client, reverse("public:indicator_detail", args=["ohne-feld"]))
        assert "ENTWURFSFELD" not in detail

    def test_list_empty_state(self, client, region, strategy):
        html = html_of(client, reverse("public:indicator_list"))
        assert "Es sind noch keine Indikatoren veröffentlicht" in html
        assert "table" not in html.split("<main", 1)[1]

    def test_detail_shows_status_chart_table_and_links(self, client, data, town):
        html = html_of(client, reverse("public:indicator_detail", args=["online-leistungen"]))
        assert "Letzter Wert 118 Anzahl (31.12.2025), nach Zielpfad erwartet 120 Anzahl" in html
        assert '<span class="status status-at_risk">gefährdet</span>' in html
        assert "Demodaten:</strong> frei erfundene Beispielwerte, keine echten Messungen" in html
        assert '<svg class="line-chart"' in html and 'role="img"' in html
        assert "Werte und Zielwerte" in html
        assert '<td data-label="Zielwert">200 Anzahl</td>' in html
        # Town values: the latest first, earlier ones after.
        assert '<td data-label="Letzter Wert">12 Anzahl</td>' in html
        assert "9 Anzahl (31.12.2024)" in html
        assert reverse("public:municipality_detail", args=[town.slug]) in html
        assert reverse("public:field_detail", args=["verwaltung"]) in html
        assert reverse("public:project_detail", args=[data["project"].slug]) in html
        assert "Alle Leistungen online" in html
        assert "ENTWURFSZIEL" not in html and "ENTWURFSPROJEKT" not in html
        assert "Statistik des Kreises" in html and "Stabsstelle Digitalisierung" in html
        assert "Höher ist besser" in html

    def test_detail_lower_is_better_and_no_demo_note(self, client, data):
        html = html_of(client, reverse("public:indicator_detail", args=["bearbeitungszeit"]))
        assert "Niedriger ist besser" in html
        assert "frei erfundene Beispielwerte" not in html
        # Path from 80 (its only value, the baseline) to 70: at the value's date it expects 80.
        assert "Letzter Wert 80 Tage (31.12.2025), nach Zielpfad erwartet 80 Tage – im Plan" in html

    def test_detail_shows_more_places_when_rounding_would_hide_the_lag(self, client, region):
        make_indicator(
            region,
            "Knapp",
            values={"2024-12-31": 100, "2025-12-31": D("100.2")},
            targets={"2025-12-31": D("100.4"), "2026-12-31": 110},
        )
        html = html_of(client, reverse("public:indicator_detail", args=["knapp"]))
        assert "Letzter Wert 100,2 (31.12.2025), nach Zielpfad erwartet 100,4 – gefährdet" in html

    def test_detail_without_values(self, client, region):
        make_indicator(region, "Neu")
        html = html_of(client, reverse("public:indicator_detail", args=["neu"]))
        assert "Noch kein Messwert der Region erfasst" in html
        assert "line-chart" not in html
        assert "ohne Bewertung" in html

    def test_unpublished_and_other_regions_indicators_are_not_found(
        self, client, data, other_region
    ):
        make_indicator(other_region, "Fremd")
        html_of(client, reverse("public:indicator_detail", args=["entwurfsindikator"]), 404)
        html_of(client, reverse("public:indicator_detail", args=["fremd"]), 404)
        html_of(client, reverse("public:indicator_detail", args=["gibt-es-nicht"]), 404)
        # The other region sees its own indicator on its own host, not region A's.
        response = client.get(
            reverse("public:indicator_detail", args=["fremd"]), HTTP_HOST="kreis-b.example.org"
        )
        assert response.status_code == 200
        response = client.get(
            reverse("public:indicator_detail", args=["online-leistungen"]),
            HTTP_HOST="kreis-b.example.org",
        )
        assert response.status_code == 404

    def test_field_page_lists_its_indicators(self, client, data):
        html = html_of(client, reverse("public:field_detail", args=["verwaltung"]))
        section = html.split('id="indicators-title"', 1)[1]
        assert "Online-Leistungen" in section and "Bearbeitungszeit" in section
        assert "gefährdet" in section and "118 Anzahl" in section
        assert "ENTWURFSINDIKATOR" not in html

    def test_field_page_without_indicators(self, client, data, strategy):
        t.make_field(strategy, "Bildung", slug="bildung")
        html = html_of(client, reverse("public:field_detail", args=["bildung"]))
        assert "Für dieses Handlungsfeld sind noch keine Indikatoren veröffentlicht." in html

    def test_town_page_shows_the_towns_own_value(self, client, data, town, other_town):
        html = html_of(client, reverse("public:municipality_detail", args=[town.slug]))
        section = html.split('id="indicators-title"', 1)[1]
        assert '<td data-label="Letzter Wert in Senden">12 Anzahl' in section
        assert '<td data-label="Letzter Wert der Region">118 Anzahl' in section
        assert "Bearbeitungszeit" not in section  # neither linked nor with a value of Senden
        other = html_of(client, reverse("public:municipality_detail", args=[other_town.slug]))
        assert 'id="indicators-title"' not in other

    def test_navigation_links_the_list(self, client, data):
        html = html_of(client, reverse("public:indicator_list"))
        url = reverse("public:indicator_list")
        assert f'<a href="{url}" aria-current="page">Indikatoren</a>' in html


@pytest.mark.django_db
def test_page_cache_shows_a_new_value_at_once(client, data):
    url = reverse("public:indicator_detail", args=["online-leistungen"])
    assert "133 Anzahl" not in html_of(client, url)
    assert client.get(url)["X-Cache"] == "hit"
    services.add_value(data["online"], date=day("2026-06-30"), value=D(133))
    html = html_of(client, url)
    assert "Letzter Wert 133 Anzahl (30.06.2026)" in html


# ---- queries do not grow with the number of indicators ----------------------------------------


def count_queries(client, url) -> int:
    html_of(client, url)  # warm up (sessions, region, content types)
    with CaptureQueriesContext(connection) as queries:
        html_of(client, url)
    return len(queries)


def add_indicators(region, field, towns, names):
    for i, name in enumerate(names):
        make_indicator(
            region,
            name,
            values={"2024-12-31": i, "2025-12-31": i + 1},
            targets={"2026-12-31": 20},
            town_values={town: {"2024-12-31": i, "2025-12-31": i} for town in towns},
            links={"fields": [field.pk], "municipalities": [town.pk for town in towns]},
        )


@pytest.mark.django_db
@pytest.mark.usefixtures("no_page_cache")
@pytest.mark.parametrize("page", ["list", "field", "town"])
def test_queries_do_not_grow_with_indicators(client, region, strategy, town, page):
    field = t.make_field(strategy, "Verwaltung", slug="verwaltung")
    add_indicators(region, field, [town], ["Erster"])
    url = {
        "list": reverse("public:indicator_list"),
        "field": reverse("public:field_detail", args=["verwaltung"]),
        "town": reverse("public:municipality_detail", args=[town.slug]),
    }[page]
    small = count_queries(client, url)
    add_indicators(region, field, [town], [f"Weitere {i}" for i in range(9)])
    assert count_queries(client, url) == small
    assert html_of(client, url).count('href="/indikatoren/weitere-') == 9


@pytest.mark.django_db
@pytest.mark.usefixtures("no_page_cache")
def test_detail_queries_do_not_grow_with_values_and_towns(client, region, strategy, town):
    field = t.make_field(strategy, "Verwaltung", slug="verwaltung")
    add_indicators(region, field, [town], ["Erster"])
    url = reverse("public:indicator_detail", args=["erster"])
    small = count_queries(client, url)
    indicator = Indicator.objects.get(slug="erster")
    towns = [t.make_municipality(region, f"Ort {i}") for i in range(5)]
    for year in range(2010, 2020):
        services.add_value(indicator, date=datetime.date(year, 12, 31), value=D(year - 2000))
        services.add_target(indicator, date=datetime.date(year + 20, 12, 31), value=D(year))
        for other in towns:
            services.add_value(
                indicator, date=datetime.date(year, 12, 31), value=D(1), municipality=other
            )
    services.update_indicator(
        indicator,
        {},
        expected_version=indicator.version,
        links={"municipalities": [town.pk, *(o.pk for o in towns)]},
    )
    assert count_queries(client, url) == small
    html = html_of(client, url)
    assert html.count("<title>Messwert ") == 12  # one point per value
    assert "Ort 4" in html
