"""The print stylesheet (issue 7, section 5): on an A4 page (174 mm between the margins) the
project list, a project profile, a field page and a town page keep every column on the page,
leave navigation and forms out and print the address of each link."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from digitalagentur.portfolio.models import Project

from .test_mobile import OVERFLOW_JS

pytestmark = pytest.mark.browser

A4_CONTENT_WIDTH = 658  # 174 mm at 96 px per inch


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", verbosity=0)


def test_pages_print_on_a4_without_cut_columns(page, live_server, demo):
    project = Project.objects.get(code="P1")
    pages = {
        "project list": reverse("public:project_list"),
        "project profile": reverse("public:project_detail", args=[project.slug]),
        "field page": reverse("public:field_detail", args=[project.field.slug]),
        "town page": reverse("public:municipality_detail", args=["senden"]),
    }
    page.set_viewport_size({"width": A4_CONTENT_WIDTH, "height": 1000})
    page.emulate_media(media="print")
    problems = []
    for label, path in pages.items():
        page.goto(live_server.url + path)
        measured = page.evaluate(OVERFLOW_JS)
        problems += [f"{label}: {w}" for w in measured["wide"] + measured["scrollers"]]
        assert not page.locator(".site-header nav").is_visible(), label
        assert page.locator("table thead").first.is_visible() or label == "project profile"
        printed = page.evaluate(
            "() => getComputedStyle(document.querySelector('main a[href^=\"/\"]'), '::after')"
            ".content"
        )
        assert printed.startswith('" <') and "/" in printed, (label, printed)
    assert not problems, "\n".join(problems)
