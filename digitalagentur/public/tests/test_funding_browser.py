"""The funding pages in a real browser (Debian's Chromium), on the Coesfeld demo: axe-core
(WCAG 2.1 A/AA) finds nothing on the public funding page, the budget overview with its
charts, a project profile with its funding section and the staff application page, on a wide
screen and at phone width (390 px), where no page is wider than the screen (wide tables
scroll inside their wrapper)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from digitalagentur.funding.models import Application, Programme
from digitalagentur.portfolio.models import Project

from .test_agency_browser import assert_fits, log_in
from .test_browser import assert_no_axe_violations, assert_stylesheet_applied

pytestmark = pytest.mark.browser

BID = "kreis-coesfeld-raum-fuer-zukunft"


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", verbosity=0)
    bid = Application.objects.get(slug=BID)
    project = Project.objects.filter(published=True, funding_subprojects__application=bid).first()
    assert bid.published and project is not None
    return {"bid": bid, "project": project}


def public_pages(demo) -> dict[str, str]:
    return {
        "funding": reverse("public:funding"),
        "budget": reverse("public:funding_application", args=[BID]),
        "budget without lines": reverse(
            "public:funding_application", args=["smarte-land-regionen"]
        ),
        "project with funding": reverse("public:project_detail", args=[demo["project"].slug]),
    }


@pytest.mark.parametrize("width", [1280, 390])
def test_funding_pages_pass_axe_and_fit(page, live_server, demo, width):
    page.set_viewport_size({"width": width, "height": 900})
    for label, path in public_pages(demo).items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, label
        assert page.locator("h1").count() == 1, label
        assert_stylesheet_applied(page)
        assert_no_axe_violations(page, f"{label} at {width} px")
        assert_fits(page, f"{label} at {width} px")
    page.goto(live_server.url + reverse("public:funding_application", args=[BID]))
    assert page.locator("svg.bar-chart[role=img]").count() == 2
    # The chart is drawn: its bars have a size on the screen.
    box = page.locator("svg.bar-chart rect.seg-investive").first.bounding_box()
    assert box["width"] > 0 and box["height"] > 0
    # The table alternative opens.
    page.get_by_text("Kosten je Teilprojekt als Tabelle").click()
    assert page.get_by_role(
        "table", name="Werte des Diagramms: Kosten je Teilprojekt (in Mio. €)"
    ).is_visible()

    log_in(page, live_server, "koordination")
    page.goto(live_server.url + reverse("staff:application_detail", args=[demo["bid"].pk]))
    assert page.locator("svg.bar-chart").count() == 2
    assert_no_axe_violations(page, f"staff application page at {width} px")
    assert_fits(page, f"staff application page at {width} px")


def test_empty_funding_page_passes_axe(page, live_server, demo):
    Application.objects.update(published=False)
    Programme.objects.update(published=False)
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(live_server.url + reverse("public:funding"))
    assert "Es ist noch keine Förderung veröffentlicht." in page.content()
    assert_no_axe_violations(page, "empty funding page")
    assert_fits(page, "empty funding page")
