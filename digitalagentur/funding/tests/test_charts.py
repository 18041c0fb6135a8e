"""The budget charts: bars proportional to the exact euros, well-formed SVG with title and
description, and the same figures as a table; on the staff and public application pages."""

from __future__ import annotations

import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from defusedxml import ElementTree as ET
from django.template.loader import render_to_string
from django.urls import reverse

from digitalagentur.funding.charts import LEFT, PLOT_WIDTH, financing_chart, split_chart
from digitalagentur.funding.display import budget_table
from digitalagentur.funding.finance import Line, Rules, compute
from digitalagentur.funding.models import Application
from digitalagentur.funding.overview import overviews
from digitalagentur.testing.funding_budget import make_smart_cities_bid

D = Decimal
SVG = ""  # inline SVG in HTML needs no namespace


def row(label, investive, consumptive):
    investive, consumptive = D(investive), D(consumptive)
    return SimpleNamespace(
        label=label, investive=investive, consumptive=consumptive, total=investive + consumptive
    )


def plan_of(*lines, rate="0.65"):
    return compute(
        Rules(funding_rate=D(rate)), [Line("", k, D(a), eligible=e) for k, a, e in lines]
    )


def test_split_bars_are_proportional_to_the_euros():
    rows = [row("A", "3300000.00", "846000.00"), row("B", "35500.00", "325000.00")]
    chart = split_chart(rows)
    a, b = chart.bars
    # The axis ends at a "nice" 5 Mio. €: 4.146.000 € fill 4.146/5 of the plot.
    assert [t.label for t in chart.ticks] == ["0", "1", "2", "3", "4", "5"]
    assert chart.ticks[0].x == LEFT and chart.ticks[-1].x == LEFT + PLOT_WIDTH
    width = {(bar.label, s.kind): s.width for bar in chart.bars for s in bar.segments}
    assert width["A", "investive"] == pytest.approx(PLOT_WIDTH * 3.3 / 5, abs=0.01)
    assert width["A", "consumptive"] == pytest.approx(PLOT_WIDTH * 0.846 / 5, abs=0.01)
    assert width["B", "investive"] == pytest.approx(PLOT_WIDTH * 0.0355 / 5, abs=0.01)
    assert width["B", "consumptive"] == pytest.approx(PLOT_WIDTH * 0.325 / 5, abs=0.01)
    for bar in chart.bars:
        first, second = bar.segments
        assert first.x == LEFT and second.x == pytest.approx(first.x + first.width, abs=0.01)
    assert a.value_text == "4,15 Mio. €" and b.value_text == "0,36 Mio. €"
    assert a.segments[0].inside == "3,30"  # wide enough for its amount
    assert b.segments[0].inside == ""  # 0,04 Mio. € is a sliver: no text inside
    assert b.y > a.y + chart.bar_height  # one below the other


def test_zero_parts_are_left_out_and_nothing_to_draw_is_none():
    chart = split_chart([row("A", "0.00", "100.00")])
    assert [s.kind for s in chart.bars[0].segments] == ["consumptive"]
    assert chart.bars[0].segments[0].width == pytest.approx(PLOT_WIDTH, abs=0.01)
    assert split_chart([]) is None
    assert split_chart([row("A", "0", "0")]) is None
    assert financing_chart(plan_of()) is None


def test_financing_bars_split_the_same_total():
    plan = plan_of(
        ("investive", "600.00", True),
        ("consumptive", "300.00", True),
        ("consumptive", "100.00", False),
    )
    chart = financing_chart(plan)
    costs, financing = chart.bars
    assert [s.kind for s in costs.segments] == ["investive", "consumptive"]
    assert [s.kind for s in financing.segments] == ["grant", "own", "ineligible"]
    for bar in chart.bars:
        assert sum(s.width for s in bar.segments) == pytest.approx(PLOT_WIDTH, abs=0.02)
    grant, own, ineligible = financing.segments
    assert grant.value == D("585.00") and own.value == D("315.00") and ineligible.value == 100
    assert grant.width == pytest.approx(PLOT_WIDTH * 0.585, abs=0.01)
    assert [s.share for s in financing.segments] == ["58,5 %", "31,5 %", "10,0 %"]
    assert [s.share for s in costs.segments] == ["60,0 %", "40,0 %"]


# --- drawn ------------------------------------------------------------------------------------


@pytest.fixture
def bid(region):
    return make_smart_cities_bid(region)


def table_of(application):
    application = Application.objects.select_related("programme").get(pk=application.pk)
    return budget_table(overviews([application])[application.pk])


def svgs(html: str) -> list:
    return [ET.fromstring(m) for m in re.findall(r"<svg class=\"bar-chart\".*?</svg>", html, re.S)]


@pytest.mark.django_db
def test_the_charts_are_well_formed_svg_with_a_table_alternative(bid):
    table = table_of(bid)
    html = render_to_string("includes/budget_charts.html", {"rows": table.rows, "plan": table.plan})
    split, financing = svgs(html)
    for svg in (split, financing):
        assert svg.get("role") == "img"
        title_id, desc_id = svg.get("aria-labelledby").split()
        assert svg.find(f"{SVG}title").get("id") == title_id
        assert svg.find(f"{SVG}desc").get("id") == desc_id
        for rect in svg.iter(f"{SVG}rect"):
            float(rect.get("x")), float(rect.get("width"))  # no decimal commas (German)
            assert rect.find(f"{SVG}title").text
    assert len(list(split.iter(f"{SVG}rect"))) == 14  # 7 sub-projects × 2 parts
    desc = split.find(f"{SVG}desc").text
    assert "Raum für nachhaltige Mobilität: 3,30 investiv, 0,85 konsumtiv" in desc
    assert "Förderung 5,31 Mio. € (65,0 %)" in financing.find(f"{SVG}desc").text
    # The same figures as tables after the charts.
    alternatives = re.findall(r"<details class=\"chart-table\">.*?</details>", html, re.S)
    assert len(alternatives) == 2
    assert '<th scope="row">Raum für breite Teilhabe</th>' in alternatives[0]
    assert "0,02" in alternatives[0] and "0,14" in alternatives[0]
    assert "5,31 Mio. €" in alternatives[1] and "65,0 %" in alternatives[1]
    assert "2,86 Mio. €" in alternatives[1] and "35,0 %" in alternatives[1]


@pytest.mark.django_db
def test_no_budget_no_charts(region):
    html = render_to_string("includes/budget_charts.html", {"rows": [], "plan": plan_of()})
    assert "<svg" not in html and "Diagramme" not in html


@pytest.mark.django_db
def test_staff_application_page_draws_the_charts_and_links_the_files(client, users, bid):
    client.force_login(users["reader"])
    html = client.get(reverse("staff:application_detail", args=[bid.pk])).content.decode()
    assert len(svgs(html)) == 2
    assert reverse("staff:application_plan_export", args=[bid.pk, "xlsx"]) in html
    assert reverse("staff:application_budget_export", args=[bid.pk, "csv"]) in html
    assert reverse("public:funding_application", args=[bid.slug]) in html  # published


@pytest.mark.django_db
def test_public_budget_page_draws_the_charts(client, bid):
    html = client.get(reverse("public:funding_application", args=[bid.slug])).content.decode()
    assert len(svgs(html)) == 2 and html.count("chart-table") == 2
