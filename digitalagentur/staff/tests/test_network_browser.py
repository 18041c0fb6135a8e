"""The staff resources' pages in a real browser (Debian Chromium) at 390 px (issue 14,
section 3): no page is wider than the phone, axe-core finds no WCAG 2.1 A/AA violation, the
chart is an image with a name, and a post is added through the form."""

from __future__ import annotations

import datetime
import os
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from digitalagentur.core import testing as t
from digitalagentur.network.models import Post
from digitalagentur.tenancy.choices import Role
from digitalagentur.testing.browser import AXE_OPTIONS
from digitalagentur.testing.network import make_post, make_vacancy

pytestmark = pytest.mark.browser


@pytest.fixture
def site(transactional_db, live_server):
    region = t.make_region("kreis-stellen", name="Kreis Stellen")
    senden = t.make_municipality(region, "Senden", slug="senden")
    t.make_municipality(region, "Lüdinghausen", slug="luedinghausen")
    t.make_municipality(region, "Rosendahl", slug="rosendahl")
    t.make_user_with_role(region, Role.COORDINATOR, username="koordination")
    make_post(region, senden, "Digitalisierungsbeauftragte/r (CDO)", planned="0.5")
    district = make_post(region, None, "Projektstelle Smarte.Land.Regionen (1)", planned="1")
    vacancy = make_vacancy(district, datetime.date(2023, 6, 1))
    return {"post": district, "vacancy": vacancy}


def check(page, url: str, problems: list) -> None:
    page.goto(url)
    audit(page, url, problems)


def audit(page, url: str, problems: list) -> None:
    """The page as it is now (e.g. a form shown again with its errors)."""
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > 390:
        problems.append(f"{url}: {width} px wide")
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    problems.extend(f"{url}: {v['id']}" for v in violations)


def test_pages_fit_a_phone_and_pass_axe(browser, live_server, site):
    context = browser.new_context(locale="de-DE", viewport={"width": 390, "height": 800})
    page = context.new_page()
    problems: list[str] = []
    post, vacancy = site["post"], site["vacancy"]
    try:
        page.goto(live_server.url + reverse("login"))
        page.fill("#id_username", "koordination")
        page.fill("#id_password", t.TEST_PASSWORD)
        page.get_by_role("button", name="Anmelden").click()
        page.wait_for_url(live_server.url + reverse("staff:dashboard"))
        for url in (
            reverse("staff:network_overview"),
            reverse("staff:network_post_edit", args=[post.pk]),
            reverse("staff:network_post_delete", args=[post.pk]),
            reverse("staff:network_vacancy_create", args=[post.pk]),
            reverse("staff:network_vacancy_edit", args=[vacancy.pk]),
            reverse("staff:network_vacancy_close", args=[vacancy.pk]),
            reverse("staff:network_vacancy_delete", args=[vacancy.pk]),
            reverse("staff:network_post_create"),
        ):
            check(page, live_server.url + url, problems)
        page.fill("#id_title", "CDO Lüdinghausen")
        page.select_option("#id_municipality", label="Lüdinghausen")
        page.fill("#id_planned_fte", "0,75")
        page.fill("#id_filled_fte", "1")
        page.get_by_role("button", name="Speichern").click()
        page.locator("#id_filled_fte_error").get_by_text("nicht übersteigen").wait_for()
        audit(page, page.url, problems)
        page.fill("#id_filled_fte", "0,5")
        page.get_by_role("button", name="Speichern").click()
        page.wait_for_url(re.compile(r"/intern/stellen/(#stelle-\d+)?$"))
        chart = page.get_by_role("img", name="Stellenanteile je Kommune")
        assert chart.count() == 1
        audit(page, page.url, problems)
        if shot := os.environ.get("NETWORK_SCREENSHOT"):
            page.screenshot(path=shot, full_page=True)
    finally:
        context.close()
    assert problems == []
    created = Post.objects.get(title="CDO Lüdinghausen")
    assert str(created.planned_fte) == "0.75" and str(created.filled_fte) == "0.50"
