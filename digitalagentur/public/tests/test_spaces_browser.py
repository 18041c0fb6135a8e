"""Landräume in a real browser (Debian's Chromium): a commuter finds a free desk in Billerbeck
for tomorrow morning and books it, on a wide screen and at phone width (390 px). axe-core
(WCAG 2.1 A/AA) finds nothing on the search (with its map), the space and the booking pages,
and no page is wider than the screen."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from digitalagentur.core import testing as t
from digitalagentur.spaces import booking
from digitalagentur.spaces.choices import SpaceKind
from digitalagentur.spaces.models import Booking
from digitalagentur.spaces.timerange import BERLIN
from digitalagentur.testing.spaces import make_space

from .test_agency_browser import assert_fits
from .test_browser import assert_no_axe_violations, assert_stylesheet_applied

pytestmark = pytest.mark.browser

EVERY_DAY_8_TO_18 = [(day, datetime.time(8), datetime.time(18)) for day in range(7)]


@pytest.fixture
def landraeume(transactional_db, settings, live_server):
    # Tiles from the live server (they do not exist: the page must not reach the network).
    settings.DIGITALAGENTUR_MAP_TILE_URL = live_server.url + "/kacheln/{z}/{x}/{y}.png"
    region = t.make_region("kreis-coesfeld", name="Kreis Coesfeld")
    billerbeck = t.make_municipality(region, "Billerbeck", slug="billerbeck")
    coesfeld = t.make_municipality(region, "Coesfeld", slug="coesfeld")
    extragleis = make_space(
        region,
        billerbeck,
        name="ExtraGleis",
        slug="extragleis",
        kind=SpaceKind.COWORKING,
        units=8,
        capacity=8,
        hours=EVERY_DAY_8_TO_18,
        amenities=["wlan", "kitchen"],
        purposes=["work"],
        description="Coworking im Eisenbahnwaggon am Bahnhof Billerbeck.",
        street="Bahnhofstraße 1",
        postcode="48727",
        city="Billerbeck",
        latitude=Decimal("51.978900"),
        longitude=Decimal("7.294200"),
    )
    make_space(
        region,
        coesfeld,
        name="Besprechungsraum Kreishaus",
        slug="kreishaus",
        capacity=12,
        hours=EVERY_DAY_8_TO_18,
        latitude=Decimal("51.946000"),
        longitude=Decimal("7.168000"),
    )
    tomorrow = timezone.localdate(timezone=BERLIN) + datetime.timedelta(days=1)
    someone = t.make_user("jemand")
    for _n in range(3):  # three desks taken in the morning: five left
        booking.book(
            extragleis,
            someone,
            datetime.datetime.combine(tomorrow, datetime.time(8), tzinfo=BERLIN),
            datetime.datetime.combine(tomorrow, datetime.time(13), tzinfo=BERLIN),
        )
    pendlerin = t.make_user("pendlerin", first_name="Paula", last_name="Pendler")
    return extragleis, tomorrow, pendlerin


def check_page(page, label):
    page.wait_for_load_state("load")  # the stylesheet too, after a form's redirect
    assert page.locator("h1").count() == 1, label
    assert_stylesheet_applied(page)
    assert_no_axe_violations(page, label)
    assert_fits(page, label)


@pytest.mark.parametrize("width", [1280, 390])
def test_commuter_finds_and_books_a_desk_for_tomorrow_morning(page, live_server, landraeume, width):
    extragleis, tomorrow, pendlerin = landraeume
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + reverse("public:spaces"))
    check_page(page, f"search at {width} px")
    # The search form folds away on phones.
    summary = page.locator("summary", has_text="Suche und Filter")
    if summary.is_visible():
        summary.click()
    page.get_by_label("Kommune").select_option("billerbeck")
    page.get_by_label("Datum").fill(tomorrow.isoformat())
    page.get_by_label("von (Uhrzeit)").fill("09:00")
    page.get_by_label("bis (Uhrzeit)").fill("12:00")
    page.get_by_role("button", name="Suchen").click()
    page.wait_for_url(re.compile(r".*datum=.*"))
    results = page.locator("table.spaces-table")
    expect(results).to_contain_text("ExtraGleis")
    expect(results).not_to_contain_text("Kreishaus")
    # The map shows the found space (Leaflet from our static files; markers from JSON).
    expect(page.locator("#space-map")).to_be_visible()
    expect(page.locator("#space-map .leaflet-marker-icon")).to_have_count(1)
    check_page(page, f"search results with map at {width} px")

    results.get_by_role("link", name="ExtraGleis").click()
    expect(page.locator("h1")).to_contain_text("ExtraGleis")
    expect(page.locator("table.week-table")).to_contain_text("5 von 8 Plätzen frei")
    check_page(page, f"space at {width} px")

    page.get_by_role("link", name="Jetzt buchen").click()
    # Not logged in: the login page, which brings her back to the booking form.
    page.wait_for_url(re.compile(r".*/anmelden/\?next=.*"))
    page.fill("#id_username", "pendlerin")
    page.fill("#id_password", t.TEST_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(re.compile(r".*/landraeume/extragleis/buchen/.*"))
    expect(page.get_by_label("Datum")).to_have_value(tomorrow.isoformat())
    expect(page.locator("#id_start")).to_have_value("09:00")
    check_page(page, f"booking form at {width} px")

    page.get_by_role("button", name="Weiter: Termine prüfen").click()
    expect(page.get_by_role("heading", name=re.compile("Schritt 2 von 2"))).to_be_visible()
    assert not Booking.objects.filter(booker=pendlerin).exists()
    check_page(page, f"booking confirmation step at {width} px")

    page.get_by_role("button", name="Verbindlich buchen").click()
    expect(page.locator("h1")).to_have_text("Ihre Buchung ist bestätigt")
    check_page(page, f"booking done at {width} px")
    made = Booking.objects.get(booker=pendlerin)
    assert made.space == extragleis and made.status == "confirmed"
    assert made.start.astimezone(BERLIN).time() == datetime.time(9)

    page.goto(live_server.url + reverse("public:my_bookings"))
    expect(page.locator("main")).to_contain_text("ExtraGleis")
    check_page(page, f"my bookings at {width} px")


def test_booking_errors_are_accessible(page, live_server, landraeume):
    _extragleis, tomorrow, pendlerin = landraeume
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", "pendlerin")
    page.fill("#id_password", t.TEST_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state()
    page.goto(live_server.url + reverse("public:space_book", args=["extragleis"]))
    page.get_by_label("Datum").fill(tomorrow.isoformat())
    page.locator("#id_start").fill("12:00")
    page.locator("#id_end").fill("10:00")
    page.get_by_role("button", name="Weiter: Termine prüfen").click()
    page.wait_for_selector("#fehler")
    expect(page.locator("#fehler")).to_be_focused()
    expect(page.locator("#fehler")).to_contain_text("Das Ende muss nach dem Beginn liegen.")
    check_page(page, "booking form with errors")
    assert not Booking.objects.filter(booker=pendlerin).exists()
