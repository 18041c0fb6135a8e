"""The invitation pages in a real browser: axe-core (WCAG 2.1 A/AA), 390 px wide, the flow."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from digitalagentur.core import testing as t
from digitalagentur.staff.invitations import invite
from digitalagentur.tenancy.choices import Role
from digitalagentur.tenancy.models import Invitation
from digitalagentur.testing.browser import AXE_OPTIONS

pytestmark = pytest.mark.browser


PASSWORD = "Sonnenblume-Wiese-42"  # noqa: S105 (test-only)


@pytest.fixture
def setup(transactional_db, live_server):
    region = t.make_region("kreis-einladung", name="Kreis Einladung")
    town = t.make_municipality(region, "Senden", slug="senden")
    admin = t.make_user_with_role(region, Role.ADMIN, username="chefin")
    outside = t.make_user("von-aussen", email="aussen@example.org")
    t.grant(outside, t.make_region("kreis-anders"), Role.READER)
    tokens = {}

    def link_for(key):
        return lambda token: tokens.setdefault(key, token)

    common = {"user": admin, "first_name": "Nora", "last_name": "Neumann"}
    invite(
        region,
        username="nora.neumann.mit.einem.sehr.langen.namen@example.org",
        role=Role.OFFICER,
        municipality=town,
        email="nora.neumann.mit.einem.sehr.langen.namen@example.org",
        link_for=link_for("new"),
        **common,
    )
    invite(
        region,
        username="von-aussen",
        role=Role.READER,
        email="Aussen@Example.org",  # the account's own address (a link goes only there)
        link_for=link_for("outside"),
        **common,
    )
    return admin, tokens


def check(page, label: str) -> list[str]:
    problems = []
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    problems += [f"{label}: axe {v['id']}: {v['help']}" for v in violations]
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > 390:
        problems.append(f"{label}: document is {width} px wide at 390 px")
    return problems


def test_invitation_pages_are_accessible_and_fit_a_phone(browser, live_server, setup):
    admin, tokens = setup
    context = browser.new_context(locale="de-DE", viewport={"width": 390, "height": 800})
    page = context.new_page()
    problems = []
    # Anonymous: the acceptance pages and the page of an unusable link.
    page.goto(live_server.url + reverse("staff:invitation_accept", args=[tokens["new"]]))
    problems += check(page, "accept, new account")
    page.fill("#id_new_password1", PASSWORD)
    page.fill("#id_new_password2", PASSWORD + "x")
    page.get_by_role("button", name="Passwort festlegen und Einladung annehmen").click()
    assert "nicht identisch" in page.content()
    problems += check(page, "accept, errors")
    page.goto(live_server.url + reverse("staff:invitation_accept", args=[tokens["outside"]]))
    problems += check(page, "accept, existing account")
    page.goto(live_server.url + reverse("staff:invitation_accept", args=["kaputt"]))
    problems += check(page, "invalid link")
    # The admin's pages.
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", "chefin")
    page.fill("#id_password", t.TEST_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(live_server.url + reverse("staff:dashboard"))
    page.goto(live_server.url + reverse("staff:role_list"))
    assert "Offene Einladungen" in page.content()
    problems += check(page, "role list with invitations")
    page.goto(live_server.url + reverse("staff:role_create"))
    problems += check(page, "role form")
    pk = Invitation.objects.order_by("pk").first().pk
    page.goto(live_server.url + reverse("staff:invitation_resend", args=[pk]))
    problems += check(page, "resend")
    page.goto(live_server.url + reverse("staff:invitation_withdraw", args=[pk]))
    problems += check(page, "withdraw")
    context.close()
    assert not problems, "\n".join(problems)


def test_a_new_person_accepts_in_the_browser(browser, live_server, setup):
    _admin, tokens = setup
    context = browser.new_context(locale="de-DE", viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + reverse("staff:invitation_accept", args=[tokens["new"]]))
    page.fill("#id_new_password1", PASSWORD)
    page.fill("#id_new_password2", PASSWORD)
    page.get_by_role("button", name="Passwort festlegen und Einladung annehmen").click()
    page.wait_for_url(f"{live_server.url}{reverse('login')}**")
    assert "Ihr Passwort ist gespeichert" in page.content()
    context.close()
