"""The contact and barrier forms in a real browser: error summary, focus, axe-core."""

from __future__ import annotations

import pytest
from django.urls import reverse

from digitalagentur.core import testing as t
from digitalagentur.legal.models import Message

from .test_browser import assert_no_axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def region(transactional_db):
    return t.make_region("kreis-a", name="Kreis A")


@pytest.mark.parametrize("name", ["public:contact", "public:barrier_report"])
def test_form_with_errors_is_accessible_and_stores_nothing(page, live_server, region, name):
    page.goto(live_server.url + reverse(name))
    honeypot = page.locator("#id_homepage")
    assert not honeypot.is_visible(), "the honeypot must be hidden from people"
    page.get_by_label("Ihre E-Mail-Adresse").fill("keine-adresse")
    page.locator("form.message-form button[type=submit]").click()
    page.wait_for_load_state()
    summary = page.locator("#fehler")
    assert summary.is_visible()
    assert "Ihre Nachricht wurde noch nicht gesendet." in summary.inner_text()
    summary.get_by_role("link", name="Ihre E-Mail-Adresse").click()
    assert page.evaluate("document.activeElement.id") == "id_email"
    assert_no_axe_violations(page, f"{name} with errors")
    assert Message.objects.count() == 0


def test_page_fits_a_phone(page, live_server, region):
    page.set_viewport_size({"width": 390, "height": 800})
    for name in ["public:contact", "public:accessibility", "public:barrier_report"]:
        page.goto(live_server.url + reverse(name))
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{name} is {width}px wide"


def test_staff_legal_pages_are_accessible_and_fit_a_phone(page, live_server, region):
    from digitalagentur.legal.models import Message
    from digitalagentur.tenancy.choices import Role

    t.make_user_with_role(region, Role.COORDINATOR, username="koord")
    message = Message.objects.create(
        region=region,
        kind="barrier",
        name="Erika Mustermann",
        email="erika@example.org",
        subject="Tabelle nicht lesbar",
        text="Auf der Projektseite.",
        page_url="/projekte/",
    )
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", "koord")
    page.fill("#id_password", t.TEST_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(live_server.url + reverse("staff:dashboard"))
    urls = [
        reverse("staff:legal_overview"),
        reverse("staff:legal_edit", args=["barrierefreiheit"]),
        reverse("staff:legal_edit", args=["kontakt"]),
        reverse("staff:legal_edit", args=["gebaerdensprache"]),
        reverse("staff:message_list"),
        reverse("staff:message_detail", args=[message.pk]),
    ]
    for url in urls:
        page.set_viewport_size({"width": 1280, "height": 900})
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        assert_no_axe_violations(page, url)
        page.set_viewport_size({"width": 390, "height": 800})
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{url} is {width}px wide"
