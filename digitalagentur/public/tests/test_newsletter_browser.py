"""The newsletter in a real browser (Debian's Chromium) at phone width (390 px): a citizen
finds the form in the footer, sends it with a bad address (the error summary), then with a
good one and two topics, opens the link from the confirmation mail, confirms with the button
and later unsubscribes through the link of an issue. axe-core (WCAG 2.1 A/AA) finds nothing
on the way, and no page is wider than the screen."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from digitalagentur.communication.choices import SubscriptionStatus
from digitalagentur.communication.models import ConsentRecord, Segment, Subscription
from digitalagentur.core import testing as t

from .test_agency_browser import assert_fits
from .test_browser import assert_no_axe_violations, assert_stylesheet_applied

pytestmark = pytest.mark.browser

LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstalt"
LONG_EMAIL = "donaudampfschifffahrtsgesellschaft.kapitaenswitwe@sehr-lange-verwaltung.example.org"


@pytest.fixture
def newsletter_site(transactional_db):
    region = t.make_region("kreis-coesfeld", name="Kreis Coesfeld")
    t.make_municipality(region, "Billerbeck", slug="billerbeck")
    t.make_municipality(region, "Rosendahl", slug="rosendahl")
    strategy = t.make_strategy(region, title="Digitalstrategie")
    t.make_field(strategy, "Verwaltung", slug="verwaltung")
    t.make_field(strategy, LONG_WORD, slug="lang")
    Segment.objects.create(region=region, kind="custom", name="Ehrenamt", position=0)
    return region


def check_page(page, label):
    page.wait_for_load_state("load")
    assert page.locator("h1").count() == 1, label
    assert_stylesheet_applied(page)
    assert_no_axe_violations(page, label)
    assert_fits(page, label)


def test_citizen_subscribes_confirms_and_unsubscribes(page, live_server, newsletter_site):
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(live_server.url + reverse("public:home"))
    page.locator("footer").get_by_role("link", name="Newsletter").click()
    expect(page.locator("h1")).to_have_text("Newsletter bestellen")
    expect(page.locator(".newsletter-consent")).to_contain_text("Kreis Coesfeld")
    for legend in ("Kommunen", "Handlungsfelder", "Zielgruppen", "eigene Gruppen"):
        expect(page.locator("legend", has_text=legend)).to_have_count(1)
    check_page(page, "newsletter form at 390 px")

    # A bad address: the error summary, nothing saved.
    page.fill("#id_email", "keine-adresse")
    page.get_by_label("Billerbeck").check()
    page.get_by_role("button", name="Newsletter bestellen").click()
    expect(page.locator(".form-error-summary")).to_contain_text(
        "Bitte geben Sie eine gültige E-Mail-Adresse an."
    )
    expect(page.get_by_label("Billerbeck")).to_be_checked()
    check_page(page, "newsletter form with errors at 390 px")
    assert not Subscription.objects.exists()

    page.fill("#id_email", LONG_EMAIL)
    page.get_by_label("Verwaltung", exact=True).check()
    page.get_by_role("button", name="Newsletter bestellen").click()
    page.wait_for_url(re.compile(re.escape(reverse("public:newsletter_thanks")) + "$"))
    expect(page.locator("main")).to_contain_text(
        "Wenn die Adresse noch nicht angemeldet ist, bekommen Sie eine E-Mail mit einem "
        "Bestätigungslink"
    )
    check_page(page, "newsletter thanks at 390 px")

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/newsletter/bestaetigen/[^/\s]+/", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    path = re.sub(r"^https?://[^/]+", "", link.group(0))
    page.goto(live_server.url + path)
    expect(page.locator("h1")).to_have_text("Anmeldung bestätigen")
    expect(page.locator(".newsletter-chosen")).to_contain_text("Billerbeck")
    expect(page.locator(".newsletter-chosen")).to_contain_text("Verwaltung")
    check_page(page, "newsletter confirmation link at 390 px")
    subscription = Subscription.objects.get()
    assert subscription.status == SubscriptionStatus.PENDING  # opening confirms nothing

    page.get_by_role("button", name="Anmeldung bestätigen").click()
    expect(page.locator("h1")).to_have_text("Sie sind angemeldet")
    check_page(page, "newsletter confirmed at 390 px")
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.ACTIVE
    assert ConsentRecord.objects.get().confirmed is not None

    page.goto(
        live_server.url
        + reverse("public:newsletter_unsubscribe", args=[subscription.unsubscribe_key])
    )
    expect(page.locator("h1")).to_have_text("Vom Newsletter abmelden")
    check_page(page, "newsletter unsubscribe link at 390 px")
    page.get_by_role("button", name="Vom Newsletter abmelden").click()
    expect(page.locator("h1")).to_have_text("Sie sind abgemeldet")
    check_page(page, "newsletter unsubscribed at 390 px")
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.UNSUBSCRIBED

    page.goto(live_server.url + reverse("public:newsletter_confirm", args=["kaputt"]))
    expect(page.locator("[role=alert]")).to_contain_text("Diesen Bestätigungslink kennen wir nicht")
    check_page(page, "newsletter invalid confirmation link at 390 px")
