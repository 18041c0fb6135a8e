"""The data export and deletion request in a real browser (Debian's Chromium) at phone width
(390 px): a subscriber finds the form in the footer, sends it with a bad address (the error
summary), then with her long address, opens the link from the mail, downloads her data,
tries to delete without ticking the box (the error summary), deletes, and finally opens an
invalid link. axe-core (WCAG 2.1 A/AA) finds nothing on the way, and no page is wider than
the screen."""

from __future__ import annotations

import json
import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from digitalagentur.communication import newsletter
from digitalagentur.communication.models import ConsentRecord, Subscription
from digitalagentur.core import testing as t

from .test_agency_browser import assert_fits
from .test_browser import assert_no_axe_violations, assert_stylesheet_applied

pytestmark = pytest.mark.browser

LONG_EMAIL = "donaudampfschifffahrtsgesellschaft.kapitaenswitwe@sehr-lange-verwaltung.example.org"


@pytest.fixture
def subscriber(transactional_db):
    region = t.make_region("kreis-coesfeld", name="Kreis Coesfeld")
    newsletter.subscribe(region, LONG_EMAIL, ip="192.0.2.1")
    Subscription.objects.update(token_hash=newsletter.token_hash("t"))
    newsletter.confirm("t")
    mail.outbox.clear()
    return region


def check_page(page, label):
    page.wait_for_load_state("load")
    assert page.locator("h1").count() == 1, label
    assert_stylesheet_applied(page)
    assert_no_axe_violations(page, label)
    assert_fits(page, label)


def test_subscriber_downloads_and_deletes_her_data(page, live_server, subscriber):
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(live_server.url + reverse("public:home"))
    page.locator("footer").get_by_role("link", name="Ihre Daten").click()
    expect(page.locator("h1")).to_have_text("Ihre Daten: Auskunft und Löschung")
    check_page(page, "data request form at 390 px")

    page.fill("#id_email", "keine-adresse")
    page.get_by_role("button", name="Link anfordern").click()
    expect(page.locator(".form-error-summary")).to_contain_text(
        "Bitte geben Sie eine gültige E-Mail-Adresse an."
    )
    check_page(page, "data request form with errors at 390 px")
    assert mail.outbox == []

    page.fill("#id_email", LONG_EMAIL)
    page.get_by_role("button", name="Link anfordern").click()
    page.wait_for_url(re.compile(re.escape(reverse("public:data_request_thanks")) + "$"))
    check_page(page, "data request thanks at 390 px")

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/datenauskunft/[^/\s]+/", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    path = re.sub(r"^https?://[^/]+", "", link.group(0))
    page.goto(live_server.url + path)
    expect(page.locator("h1")).to_have_text("Ihre gespeicherten Daten")
    expect(page.locator("main")).to_contain_text("Newsletter: angemeldet")
    check_page(page, "data request link at 390 px")

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Daten herunterladen").click()
    download = download_info.value
    assert download.suggested_filename.startswith("datenauskunft-")
    with open(download.path(), encoding="utf-8") as file:
        assert json.load(file)["email"] == LONG_EMAIL

    page.get_by_role("button", name="Daten löschen").click()
    expect(page.locator(".form-error-summary")).to_contain_text(
        "Bitte bestätigen Sie mit dem Häkchen"
    )
    check_page(page, "data request link, deletion not confirmed, at 390 px")
    assert Subscription.objects.exists()

    page.get_by_label("Ich möchte meine Daten löschen").check()
    page.get_by_role("button", name="Daten löschen").click()
    expect(page.locator("h1")).to_have_text("Ihre Daten sind gelöscht")
    check_page(page, "data request erased at 390 px")
    assert not Subscription.objects.exists()
    assert ConsentRecord.objects.get().withdrawn is not None

    page.goto(live_server.url + reverse("public:data_request_link", args=["kaputt"]))
    expect(page.locator("[role=alert]")).to_contain_text("Diesen Link kennen wir nicht")
    check_page(page, "data request invalid link at 390 px")
    page.get_by_role("link", name="Neuen Link anfordern").click()
    expect(page.locator("h1")).to_have_text("Ihre Daten: Auskunft und Löschung")
