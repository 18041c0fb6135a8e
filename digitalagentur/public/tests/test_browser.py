"""Browser tests of the public website: axe-core (WCAG 2.1 A/AA) on every public page type,
keyboard use, styles loaded from our own server, the filter form in a real browser.

Headless Chromium from Debian (see conftest.py); the pages come from pytest-django's
live_server, which also serves the static files, so colour contrast is checked with the real
stylesheet. Data: the Coesfeld demo (`load_demo`).
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.urls import reverse

from digitalagentur.indicators.models import Indicator
from digitalagentur.portfolio.models import Project
from digitalagentur.strategy.models import Field
from digitalagentur.tenancy.models import Municipality
from digitalagentur.testing.browser import AXE_OPTIONS

pytestmark = pytest.mark.browser

SERVER_ERROR_PATH = "/__server-error-page__/"


def load_data():
    """The Coesfeld demo, and the objects whose pages are visited."""
    call_command("load_demo", verbosity=0)
    field = Field.objects.filter(published=True, strategy__published=True).first()
    project = (
        Project.objects.filter(published=True, is_strategy_project=True)
        .exclude(description="")
        .first()
        or Project.objects.filter(published=True).first()
    )
    town = Municipality.objects.filter(participations__project__published=True).first()
    assert field and project and town, "the data holds no published field, project or town"
    # An indicator with values, targets and towns' values (its page draws the chart and the
    # town table), and a field and a town whose pages list indicators.
    indicator = (
        Indicator.objects.filter(published=True, targets__isnull=False)
        .filter(values__municipality__isnull=False)
        .distinct()
        .first()
    )
    indicator_town = Municipality.objects.filter(
        indicator_values__indicator__published=True
    ).first()
    indicator_field = Field.objects.filter(
        published=True, strategy__published=True, indicators__published=True
    ).first()
    assert indicator and indicator_town and indicator_field, "the demo holds no indicators"
    return SimpleNamespace(
        field=field,
        project=project,
        town=town,
        indicator=indicator,
        indicator_town=indicator_town,
        indicator_field=indicator_field,
    )


@pytest.fixture
def data(transactional_db):
    return load_data()


def page_url(name: str, data) -> str:
    urls = {
        "home": reverse("public:home"),
        "strategy": reverse("public:strategy"),
        "field": reverse("public:field_detail", args=[data.field.slug]),
        "project_list": reverse("public:project_list"),
        "project_list_filtered": reverse("public:project_list")
        + f"?field={data.field.slug}&ordering=-progress",
        "project_list_invalid": reverse("public:project_list") + "?status=kaputt&page=x",
        "project_list_page_2": reverse("public:project_list") + "?page=2",
        "project_detail": reverse("public:project_detail", args=[data.project.slug]),
        "town_list": reverse("public:municipality_list"),
        "town_detail": reverse("public:municipality_detail", args=[data.town.slug]),
        "agency": reverse("public:agency"),
        "opendata": reverse("public:opendata"),
        "indicator_list": reverse("public:indicator_list"),
        "indicator_detail": reverse("public:indicator_detail", args=[data.indicator.slug]),
        "field_with_indicators": reverse("public:field_detail", args=[data.indicator_field.slug]),
        "town_with_indicators": reverse(
            "public:municipality_detail", args=[data.indicator_town.slug]
        ),
        "imprint": reverse("public:imprint"),
        "privacy": reverse("public:privacy"),
        "accessibility": reverse("public:accessibility"),
        "contact": reverse("public:contact"),
        "barrier_report": reverse("public:barrier_report"),
        "easy_language": reverse("public:easy_language"),
        "sign_language": reverse("public:sign_language"),
        "login": reverse("login"),
        "not_found": "/gibt-es-nicht/",
        "server_error": SERVER_ERROR_PATH,
    }
    return urls[name]


def format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v.get('impact')}): {v['help']}\n  {v['helpUrl']}")
        for node in v["nodes"][:10]:
            lines.append(f"    at {', '.join(map(str, node['target']))}")
            lines.append(f"       {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n       ")
            lines.append(f"       {summary}")
    return "\n".join(lines)


def assert_no_axe_violations(page, label: str):
    results = Axe().run(page, options=AXE_OPTIONS)
    violations = results.response["violations"]
    assert not violations, f"axe found violations on {label}:\n{format_violations(violations)}"


def assert_stylesheet_applied(page):
    """The stylesheet came from our server and applies (colour contrast depends on it)."""
    header_bg = page.eval_on_selector(".site-header", "el => getComputedStyle(el).backgroundColor")
    assert header_bg == "rgb(0, 59, 92)", f"site.css not applied (header {header_bg})"


PAGE_TYPES = [
    "home",
    "strategy",
    "field",
    "project_list",
    "project_list_filtered",
    "project_list_invalid",
    "project_list_page_2",
    "project_detail",
    "town_list",
    "town_detail",
    "agency",
    "opendata",
    "indicator_list",
    "indicator_detail",
    "field_with_indicators",
    "town_with_indicators",
    "imprint",
    "privacy",
    "accessibility",
    "contact",
    "barrier_report",
    "easy_language",
    "sign_language",
    "login",
    "not_found",
    "server_error",
]


def login_template_exists() -> bool:
    try:
        get_template("registration/login.html")
    except TemplateDoesNotExist:
        return False
    return True


def check_page(page, live_server, data, name) -> list[str]:
    """Problems of one page type: status, one h1, lang, stylesheet, axe violations."""
    if name == "server_error":
        # The 500 page as Django's handler renders it (no request, no context).
        html = render_to_string("500.html")
        page.route(
            f"{live_server.url}{SERVER_ERROR_PATH}",
            lambda route: route.fulfill(status=500, body=html, content_type="text/html"),
        )
    url = page_url(name, data)
    response = page.goto(live_server.url + url)
    expected = {"not_found": 404, "server_error": 500}.get(name, 200)
    problems = []
    if response.status != expected:
        problems.append(f"status {response.status}, expected {expected}")
    if page.locator("h1").count() != 1:
        problems.append(f"{page.locator('h1').count()} h1 elements, expected 1")
    if page.get_attribute("html", "lang") != "de":
        problems.append(f"html lang is {page.get_attribute('html', 'lang')!r}")
    header_bg = page.eval_on_selector(".site-header", "el => getComputedStyle(el).backgroundColor")
    if header_bg != "rgb(0, 59, 92)":
        problems.append(f"site.css not applied (header background {header_bg})")
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    if violations:
        problems.append("axe violations:\n" + format_violations(violations))
    return [f"{name} ({url}): {p}" for p in problems]


def test_axe_finds_no_violations_on_any_public_page_type(page, live_server, data):
    """One data load, every page type; the report names every problem of every page."""
    names = [n for n in PAGE_TYPES if n != "login" or login_template_exists()]
    problems = []
    # Anything the Content-Security-Policy blocked (inline script or style, foreign source).
    page.on(
        "console",
        lambda msg: (
            problems.append(f"{page.url}: {msg.text}")
            if "Content Security Policy" in msg.text
            else None
        ),
    )
    for name in names:
        problems += check_page(page, live_server, data, name)
    assert not problems, "\n".join(problems)


def test_keyboard_skip_link_and_visible_focus(page, live_server, data):
    page.goto(live_server.url + reverse("public:home"))
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["y"] >= 0, "the skip link must be visible when focused"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_filter_form_in_the_browser(page, live_server, data):
    page.goto(live_server.url + reverse("public:project_list"))
    page.get_by_label("Handlungsfeld").select_option(data.field.slug)
    page.get_by_label("Sortierung").select_option("-progress")
    page.get_by_role("button", name="Anwenden").click()
    page.wait_for_load_state()
    assert f"field={data.field.slug}" in page.url
    rows = page.locator("table.projects tbody tr")
    assert rows.count() >= 1
    # Every listed project belongs to the chosen field.
    for cell in page.locator("table.projects tbody tr td:nth-child(3)").all_inner_texts():
        assert cell.strip() == data.field.name
    assert_no_axe_violations(page, "project list after filtering")


def test_indicator_chart_in_the_browser(page, live_server, data):
    """The chart is one image with a name and a description, drawn inside the page width at
    390 px (viewBox), and its numbers stand in the table right after it."""
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(live_server.url + reverse("public:indicator_detail", args=[data.indicator.slug]))
    chart = page.get_by_role("img", name="Verlauf von")
    assert chart.count() == 1
    description = chart.get_attribute("aria-labelledby").split()[1]
    assert "Zielwerte:" in page.locator(f"#{description}").text_content()
    box = chart.bounding_box()
    assert box["width"] <= 390 and box["height"] > 100
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    table = page.get_by_role("table", name="Werte und Zielwerte")
    assert table.locator("tbody tr").count() >= len(
        data.indicator.values.filter(municipality__isnull=True)
    )
    assert_no_axe_violations(page, "indicator page at 390 px")


def test_project_page_progress_bar_is_accessible(page, live_server, data):
    page.goto(live_server.url + reverse("public:project_detail", args=[data.project.slug]))
    bar = page.get_by_role("progressbar", name="Fortschritt")
    assert bar.count() == 1
    assert bar.get_attribute("value") == str(data.project.progress)
