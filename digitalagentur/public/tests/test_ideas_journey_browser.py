"""An idea's whole way in a real browser (Debian's Chromium), as issue 12 asks: a citizen
registers, confirms by the link of the e-mail (read from Django's outbox), submits an idea;
a coordinator publishes it and turns it into a project draft, which links back to the idea,
and the idea's public page shows the project. axe-core checks the pages on the way."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from digitalagentur.core import testing as t
from digitalagentur.participation.choices import IdeaStatus
from digitalagentur.participation.models import Idea
from digitalagentur.portfolio.models import Project
from digitalagentur.tenancy.choices import Role

from .test_browser import assert_no_axe_violations

pytestmark = pytest.mark.browser

PASSWORD = "Ideen-fuer-Coesfeld-2026"  # noqa: S105 (test-only)
LINK = re.compile(r"https?://[^/\s]+(/konto/registrieren/bestaetigen/[^/\s]+/)")


@pytest.fixture
def site(transactional_db, settings):
    settings.DIGITALAGENTUR_FORM_MIN_SECONDS = 0  # the browser types faster than a person
    region = t.make_region("kreis-coesfeld", name="Kreis Coesfeld")
    town = t.make_municipality(region, "Nottuln", slug="nottuln")
    strategy = t.make_strategy(region, title="Digitalstrategie")
    field = t.make_field(strategy, "Bildung", slug="bildung")
    t.make_user_with_role(region, Role.COORDINATOR, username="koordination")
    return {"town": town, "field": field}


def test_citizen_registers_submits_and_the_idea_becomes_a_project_draft(browser, live_server, site):
    citizen = browser.new_context(locale="de-DE", viewport={"width": 390, "height": 900})
    page = citizen.new_page()
    page.goto(live_server.url + reverse("public:ideas"))
    page.get_by_role("link", name="Idee einreichen").first.click()
    expect(page.locator("body")).to_contain_text("Bitte melden Sie sich an")
    page.get_by_role("link", name="Noch kein Konto? Registrieren").click()
    assert_no_axe_violations(page, "registration")
    page.fill("#id_name", "Lernende Lena")
    page.fill("#id_email", "lena@example.org")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.check("#id_privacy")
    page.get_by_role("button", name="Konto anlegen").click()
    expect(page.locator("h1")).to_be_visible()
    assert "lena@example.org" in page.content()

    assert len(mail.outbox) == 1, [m.subject for m in mail.outbox]
    link = LINK.search(mail.outbox[0].body)
    assert link, mail.outbox[0].body
    page.goto(live_server.url + link.group(1))
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Konto bestätigen").click()
    # Confirmed and signed in: back at the submit form the citizen came from.
    page.wait_for_url(re.compile(re.escape(reverse("public:idea_new"))))
    page.fill("#id_title", "Tablet-Sprechstunde in der Stadtbücherei")
    page.fill("#id_text", "Ehrenamtliche zeigen Älteren einmal im Monat Tablets und Apps.")
    page.select_option("#id_field", label="Bildung")
    page.select_option("#id_municipality", label="Nottuln")
    page.get_by_role("button", name="Idee einreichen").click()
    expect(page.locator("body")).to_contain_text("Ihre Idee ist eingegangen")
    assert_no_axe_violations(page, "own idea waiting for moderation")

    idea = Idea.objects.get(title="Tablet-Sprechstunde in der Stadtbücherei")
    assert idea.status == IdeaStatus.RECEIVED
    assert idea.author.email == "lena@example.org" and idea.municipality == site["town"]
    anonymous = browser.new_context(locale="de-DE").new_page()
    response = anonymous.goto(live_server.url + reverse("public:idea", args=[idea.pk]))
    assert response.status == 404  # not public before the moderation

    coordinator = browser.new_context(locale="de-DE").new_page()
    coordinator.goto(live_server.url + reverse("login"))
    coordinator.fill("#id_username", "koordination")
    coordinator.fill("#id_password", t.TEST_PASSWORD)
    coordinator.get_by_role("button", name="Anmelden").click()
    coordinator.wait_for_url(live_server.url + reverse("staff:dashboard"))
    coordinator.goto(live_server.url + reverse("staff:ideas_queue"))
    coordinator.get_by_role("link", name="Tablet-Sprechstunde in der Stadtbücherei").click()
    coordinator.get_by_role("button", name="Veröffentlichen").click()
    expect(coordinator.locator("body")).to_contain_text("veröffentlicht")
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.PUBLISHED

    coordinator.get_by_role("link", name="In die Strategie übernehmen").click()
    coordinator.get_by_role("button", name="Als Projektentwurf übernehmen").click()
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.ADOPTED
    project = Project.objects.get(pk=idea.project_id)
    assert project.title == idea.title and not project.published
    assert project.field == site["field"]
    assert list(project.participations.values_list("municipality", flat=True)) == [site["town"].pk]
    coordinator.goto(live_server.url + reverse("staff:project_detail", args=[project.pk]))
    expect(coordinator.get_by_role("link", name=idea.title)).to_have_attribute(
        "href", reverse("staff:idea_moderate", args=[idea.pk])
    )

    anonymous.goto(live_server.url + reverse("public:idea", args=[idea.pk]))
    expect(anonymous.locator("body")).to_contain_text("In die Strategie übernommen")
    expect(anonymous.locator("body")).to_contain_text(project.title)
    assert_no_axe_violations(anonymous, "idea taken into the strategy")
