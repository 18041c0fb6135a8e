"""The public assessment pages in a real browser (Debian's Chromium): axe-core (WCAG 2.1
A/AA) finds nothing on the list of rounds, a round's results with the portfolio matrix and
a town compared with the district, on a wide screen and at phone width (390 px), where no
page is wider than the screen; the matrix is drawn."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.text import slugify

from digitalagentur.assessment.models import GroupOverride
from digitalagentur.core import testing as t
from digitalagentur.testing.assessment_matrix import make_scored_round

from .test_agency_browser import assert_fits
from .test_browser import assert_no_axe_violations

pytestmark = pytest.mark.browser

FIELDS = [
    ("Verwaltung", 1, (5, 4), (4, 5), 5),
    ("Bildung", 1, (4, 4), (4, 4), 3),
    ("Mobilität", 2, (4, 3), (3, 3), 2),
    ("Wirtschaft", 2, (3, 3), (4, 2), 1),
    ("Innenstadt/Dorfmitte", 2, (3, 3), (3, 2), 0),
    ("Gesundheit", 3, (2, 3), (3, 2), 1),
    ("Kultur", 3, (2, 2), (2, 2), 0),
    ("Tourismus", 3, (2, 2), (1, None), 0),
]


@pytest.fixture
def data(transactional_db, region, strategy, town, other_town):
    fields = []
    scores = {town: {}, other_town: {}}
    for name, group, first, second, projects in FIELDS:
        field = t.make_field(strategy, name, priority=group, slug=slugify(name))
        fields.append(field)
        for i in range(projects):
            t.make_project(region, f"{name} Projekt {i}", field=field)
        scores[town][field] = first
        scores[other_town][field] = second
    round = make_scored_round(
        region,
        fields=fields,
        scores=scores,
        title="Analyse 2019",
        slug="analyse-2019",
        group_sizes=[2, 3, 3],
    )
    GroupOverride.objects.create(
        region=region, round=round, field=fields[-1], priority_group=2, reason="Wichtig im Kreis"
    )
    return round


@pytest.mark.parametrize("width", [1280, 390])
def test_assessment_pages_pass_axe_and_fit(page, live_server, data, width):
    page.set_viewport_size({"width": width, "height": 900})
    pages = {
        "list": reverse("public:assessment_list"),
        "round": reverse("public:assessment_round", args=["analyse-2019"]),
        "town": reverse("public:assessment_round_town", args=["analyse-2019", "senden"]),
    }
    for label, path in pages.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, label
        assert page.locator("h1").count() == 1, label
        assert_no_axe_violations(page, f"{label} at {width} px")
        assert_fits(page, f"{label} at {width} px")
        if label != "list":
            assert page.locator("svg.matrix-chart[role=img]").count() == 1
            box = page.locator("svg.matrix-chart circle.matrix-bubble").first.bounding_box()
            assert box["width"] > 0 and box["height"] > 0
            assert page.get_by_role("table", name="Werte der Matrix", exact=False).is_visible()
    # on the town page the town's own markers are drawn
    assert page.locator("svg.matrix-chart circle.matrix-town-marker").count() == 8


def test_nav_leads_to_the_assessment(page, live_server, data):
    page.goto(live_server.url + reverse("public:home"))
    page.get_by_role("link", name="Bedarfsanalyse", exact=True).first.click()
    page.get_by_role("link", name="Analyse 2019").click()
    assert page.locator("h1").inner_text() == "Analyse 2019"
