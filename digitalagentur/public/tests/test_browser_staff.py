"""In a real browser: a coordinator logs in, edits a project, and the public page shows it;
an officer cannot open another town's project for editing."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from digitalagentur.portfolio.models import Project

from .test_browser import assert_no_axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", verbosity=0)


def log_in(page, live_server, username):
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", username)
    page.fill("#id_password", "demo")
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(live_server.url + reverse("staff:dashboard"))


def test_coordinator_edits_a_project_and_the_public_sees_it(page, live_server, demo):
    project = Project.objects.get(code="P1")
    log_in(page, live_server, "koordination")

    page.goto(live_server.url + reverse("staff:project_edit", args=[project.pk]))
    assert_no_axe_violations(page, "staff project edit form")
    page.fill("input[name=title]", "Online ins Rathaus – rund um die Uhr")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_load_state()
    assert "Online ins Rathaus – rund um die Uhr" in page.content()

    project.refresh_from_db()
    assert project.title == "Online ins Rathaus – rund um die Uhr"
    assert project.version == 2

    public = page.context.browser.new_context(locale="de-DE").new_page()
    try:
        public.goto(live_server.url + reverse("public:project_detail", args=[project.slug]))
        assert (
            public.locator("h1")
            .inner_text()
            .strip()
            .endswith("Online ins Rathaus – rund um die Uhr")
        )
    finally:
        public.context.close()


def test_officer_cannot_edit_another_towns_project(page, live_server, demo):
    crossiety = Project.objects.get(title__icontains="Crossiety")  # Havixbeck only
    log_in(page, live_server, "senden")
    response = page.goto(live_server.url + reverse("staff:project_edit", args=[crossiety.pk]))
    assert response.status == 403
    assert "Keine Berechtigung" in page.locator("h1").inner_text()
    assert_no_axe_violations(page, "403 page")
    crossiety.refresh_from_db()
    assert crossiety.version == 1
