"""Events in a real browser (Debian's Chromium) at phone width (390 px): a citizen opens the
calendar and an event's page, logs in from the registration box, registers and sees the
confirmation, then opens the page to cancel. axe-core (WCAG 2.1 A/AA) finds nothing on the
way, and no page is wider than the screen."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from digitalagentur.communication import events as event_services
from digitalagentur.communication.choices import RegistrationStatus
from digitalagentur.communication.models import Registration
from digitalagentur.core import testing as t
from digitalagentur.testing.communication import make_event
from digitalagentur.testing.participation import make_participant

from .test_agency_browser import assert_fits
from .test_browser import assert_no_axe_violations, assert_stylesheet_applied

pytestmark = pytest.mark.browser

LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstalt"


@pytest.fixture
def events_site(transactional_db):
    region = t.make_region("kreis-coesfeld", name="Kreis Coesfeld")
    town = t.make_municipality(region, "Billerbeck", slug="billerbeck")
    strategy = t.make_strategy(region, title="Digitalstrategie")
    field = t.make_field(strategy, "Verwaltung", slug="verwaltung")
    now = timezone.now()
    event = make_event(
        region,
        "Digitalisierungskonferenz des Kreises",
        start=now + datetime.timedelta(days=10),
        field=field,
        municipalities=[town],
        summary="Kreis und Kommunen berichten über ihre Projekte.",
        description=f"Mit {LONG_WORD} und <script>alert(1)</script>.",
        address="Friedrich-Ebert-Straße 7, 48653 Coesfeld",
        capacity=1,
        contact_email="veranstaltungen@example.org",
    )
    event_services.add_programme_item(
        event,
        {
            "title": "Begrüßung",
            "start": datetime.time(9, 0),
            "end": datetime.time(9, 30),
            "host": "Landrat",
        },
    )
    event_services.add_programme_item(
        event, {"title": "World Café", "kind": "world_cafe", "start": datetime.time(10, 0)}
    )
    make_event(
        region,
        "Schulung Onlinezugangsgesetz",
        kind="training",
        start=now + datetime.timedelta(days=3),
        place="",
        online_url="https://meet.example.org/ozg",
        capacity=None,
    )
    citizen = make_participant(
        "buergerin", first_name="Bürgerin", last_name="Beispiel", email="b@example.org"
    )
    return {"event": event, "citizen": citizen}


def check_page(page, label):
    page.wait_for_load_state("load")
    assert page.locator("h1").count() == 1, label
    assert_stylesheet_applied(page)
    assert_no_axe_violations(page, label)
    assert_fits(page, label)


def test_citizen_finds_an_event_logs_in_and_registers(page, live_server, events_site):
    event = events_site["event"]
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(live_server.url + reverse("public:event_list"))
    expect(page.locator(".event-list")).to_contain_text("Digitalisierungskonferenz des Kreises")
    expect(page.locator(".event-list")).to_contain_text("1 Platz frei")
    check_page(page, "event calendar at 390 px")

    page.get_by_role("link", name="Digitalisierungskonferenz des Kreises").click()
    expect(page.locator("h1")).to_have_text("Digitalisierungskonferenz des Kreises")
    expect(page.locator(".event-text")).to_contain_text("<script>alert(1)</script>")
    expect(page.locator(".event-programme")).to_contain_text("09:00–09:30 Uhr")
    check_page(page, "event page, anonymous, at 390 px")

    page.get_by_role("link", name="Einloggen und anmelden").click()
    page.fill("#id_username", "buergerin")
    page.fill("#id_password", t.TEST_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(re.compile(re.escape(reverse("public:event_detail", args=[event.slug]))))
    expect(page.locator("#id_name")).to_have_value("Bürgerin Beispiel")
    page.fill("#id_organisation", "Gemeinde Billerbeck")
    check_page(page, "event page with the registration form at 390 px")

    page.get_by_role("button", name="Verbindlich anmelden").click()
    expect(page.locator("body")).to_contain_text(
        "Sie sind angemeldet. Die Bestätigung kommt per E-Mail."
    )
    expect(page.locator(".event-own-registration")).to_contain_text("Sie sind angemeldet.")
    check_page(page, "event page, registered, at 390 px")
    registration = Registration.objects.get(event=event)
    assert registration.status == RegistrationStatus.REGISTERED
    assert registration.organisation == "Gemeinde Billerbeck"

    page.get_by_role("link", name="Von der Veranstaltung abmelden").click()
    expect(page.locator("body")).to_contain_text("Möchten Sie sich wirklich abmelden?")
    check_page(page, "cancel confirmation at 390 px")
    page.get_by_role("button", name="Ja, abmelden").click()
    expect(page.locator("body")).to_contain_text("Sie sind abgemeldet.")
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
