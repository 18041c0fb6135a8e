"""The account pages in a real browser: axe-core (WCAG 2.1 A/AA) and 390 px width."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from digitalagentur.core import testing as t
from digitalagentur.tenancy.choices import Role
from digitalagentur.testing.browser import AXE_OPTIONS

from .conftest import totp_code

pytestmark = pytest.mark.browser


def check(page, label: str) -> list[str]:
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    problems = [f"{label}: axe {v['id']}: {v['help']}" for v in violations]
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > 390:
        problems.append(f"{label}: document is {width} px wide at 390 px")
    return problems


def test_account_pages_are_accessible_and_fit_a_phone(browser, live_server, transactional_db):
    region = t.make_region("kreis-konto", name="Kreis Konto")
    admin = t.make_user_with_role(region, Role.ADMIN, username="chefin", email="c@example.org")
    context = browser.new_context(locale="de-DE", viewport={"width": 390, "height": 800})
    page = context.new_page()
    url = live_server.url
    problems = []

    page.goto(url + reverse("login"))
    page.fill("#id_username", "chefin")
    page.fill("#id_password", "falsch")
    page.get_by_role("button", name="Anmelden").click()
    assert "Benutzername oder Passwort ist falsch" in page.content()
    problems += check(page, "login with error")
    page.get_by_role("link", name="Passwort vergessen?").click()
    problems += check(page, "reset form")
    page.fill("#id_email", "c@example.org")
    page.get_by_role("button", name="Link anfordern").click()
    page.wait_for_url(url + reverse("password_reset_done"))
    problems += check(page, "reset sent")
    page.goto(url + reverse("password_reset_confirm", args=["MQ", "kaputt-123"]))
    problems += check(page, "reset link invalid")

    page.goto(url + reverse("login"))
    page.fill("#id_username", "chefin")
    page.fill("#id_password", t.TEST_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(url + reverse("staff:dashboard"))
    page.goto(url + reverse("accounts:profile"))
    problems += check(page, "profile")
    page.goto(url + reverse("accounts:password_change"))
    problems += check(page, "password change")
    page.goto(url + reverse("accounts:two_factor_setup"))
    problems += check(page, "2FA setup")
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    page.fill("#id_code", totp_code(device))
    page.get_by_role("button", name="Bestätigen und einschalten").click()
    assert "Diese Codes werden nur jetzt angezeigt" in page.content()
    problems += check(page, "recovery codes")
    page.goto(url + reverse("accounts:two_factor_disable"))
    problems += check(page, "2FA disable")

    context.clear_cookies()  # a new browser session
    page.goto(url + reverse("login"))
    page.fill("#id_username", "chefin")
    page.fill("#id_password", t.TEST_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(url + reverse("login_code"))
    problems += check(page, "login code step")
    context.close()
    assert not problems, "\n".join(problems)
