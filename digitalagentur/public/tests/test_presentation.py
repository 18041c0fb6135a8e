"""Pure helpers of the public pages: headline figures, dates of varying precision, nav marks."""

import datetime

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import resolve, reverse
from django.utils import translation

from digitalagentur.public.presentation import headline_sentence, partial_date, partial_iso
from digitalagentur.strategy.choices import DatePrecision
from digitalagentur.strategy.figures import StrategyCounts


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


def test_headline_sentence_of_the_demo():
    counts = StrategyCounts(
        municipalities=11, visions=1, fields=8, guiding_principles=8, priority_groups=3, projects=28
    )
    assert headline_sentence(counts) == (
        "1 Kreis, 11 Städte und Gemeinden, 1 gemeinsame Vision, 8 Handlungsfelder, "
        "8 Leitbilder, 3 Prioritätengruppen, 28 Projekte"
    )


def test_headline_sentence_singular_and_zero():
    counts = StrategyCounts(
        municipalities=1, visions=0, fields=1, guiding_principles=0, priority_groups=1, projects=0
    )
    assert headline_sentence(counts) == (
        "1 Kreis, 1 Stadt oder Gemeinde, 0 gemeinsame Visionen, 1 Handlungsfeld, "
        "0 Leitbilder, 1 Prioritätengruppe, 0 Projekte"
    )


@pytest.mark.parametrize(
    "precision, text, iso",
    [
        (DatePrecision.DAY, "01.10.2021", "2021-10-01"),
        (DatePrecision.MONTH, "Oktober 2021", "2021-10"),
        (DatePrecision.YEAR, "2021", "2021"),
    ],
)
def test_partial_date(precision, text, iso):
    date = datetime.date(2021, 10, 1)
    assert partial_date(date, precision) == text
    assert partial_iso(date, precision) == iso


def test_partial_date_of_nothing():
    assert partial_date(None, DatePrecision.MONTH) == ""
    assert partial_iso(None) == ""


def render_current(url: str, *names: str) -> str:
    request = RequestFactory().get(url)
    request.resolver_match = resolve(url)
    args = " ".join(f'"{n}"' for n in names)
    template = Template("{% load public_tags %}{% current " + args + " %}")
    return template.render(Context({"request": request}))


def test_current_marks_page_section_and_namespace():
    list_url = reverse("public:project_list")
    detail_url = reverse("public:project_detail", args=["p1-x"])
    names = ("public:project_list", "public:project_detail")
    assert render_current(list_url, *names) == 'aria-current="page"'
    assert render_current(detail_url, *names) == 'aria-current="true"'
    assert render_current(reverse("public:home"), *names) == ""
    staff_url = reverse("staff:dashboard")
    assert render_current(staff_url, "staff:dashboard", "staff:") == 'aria-current="page"'
    assert render_current(list_url, "staff:dashboard", "staff:") == ""
