"""Competitions in a real browser (Debian's Chromium): a citizen finds the ZukunftsWandler,
logs in from the call and hands in an entry (first with mistakes), on a wide screen and at
phone width; a juror scores; the winners page after the result. axe-core (WCAG 2.1 A/AA)
finds nothing on the list, the call page, the entry form (also with errors), the winners page
and the jury's pages, and no page is wider than the screen."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from digitalagentur.core import testing as t
from digitalagentur.participation import competitions as services
from digitalagentur.participation.choices import CompetitionPhase
from digitalagentur.participation.models import Score, Submission
from digitalagentur.testing.participation import (
    make_competition,
    make_juror,
    make_participant,
    make_submission,
    move_to_phase,
)

from .test_agency_browser import assert_fits
from .test_browser import assert_no_axe_violations, assert_stylesheet_applied

pytestmark = pytest.mark.browser


@pytest.fixture
def calls(transactional_db, settings, live_server):
    settings.DIGITALAGENTUR_FORM_MIN_SECONDS = 0  # the browser fills the form at once
    region = t.make_region("kreis-coesfeld", name="Kreis Coesfeld")
    town = t.make_municipality(region, "Billerbeck", slug="billerbeck")
    open_call = make_competition(
        region,
        slug="zukunftswandler-2024",
        title="ZukunftsWandler 2024",
        description="Gesucht: digitale Ideen, die das Leben im Kreis leichter machen.",
        eligibility="Vereine, Initiativen und Unternehmen aus dem Kreis Coesfeld.",
        extra_fields=[
            {"key": "team", "label": "Team oder Verein", "required": True, "max_length": 100},
            {"key": "umsetzung", "label": "Stand der Umsetzung", "max_length": 1000},
        ],
    )
    juror = make_juror(open_call, make_participant("jurorin", first_name="Jutta"))
    make_submission(open_call, title="Dorf-Funk", municipality=town, extra={"team": "Heimatverein"})
    done = make_competition(region, slug="zukunftswandler-2023", title="ZukunftsWandler 2023")
    first = make_submission(done, title="Digitaler Dorfladen", municipality=town)
    second = make_submission(done, title="Leihrad-App")
    scorer = make_juror(done)
    for place, entry in enumerate([first, second]):
        for criterion in done.criteria.all():
            services.score(scorer, entry, criterion, 9 - place, "Gut.")
    move_to_phase(done, CompetitionPhase.JURY)
    services.publish_result(done, user=None)
    make_participant("bianca", first_name="Bianca")
    return open_call, done, juror


def check_page(page, label):
    page.wait_for_load_state("load")
    assert page.locator("h1").count() == 1, label
    assert_stylesheet_applied(page)
    assert_no_axe_violations(page, label)
    assert_fits(page, label)


def log_in(page, username):
    page.fill("#id_username", username)
    page.fill("#id_password", t.TEST_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()


@pytest.mark.parametrize("width", [1280, 390])
def test_citizen_hands_in_an_entry(page, live_server, calls, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + reverse("public:competitions"))
    check_page(page, f"list at {width} px")
    page.get_by_role("link", name="ZukunftsWandler 2024").click()
    expect(page.locator("h1")).to_contain_text("ZukunftsWandler 2024")
    expect(page.locator("main")).to_contain_text("1 Beitrag eingereicht")
    check_page(page, f"call page at {width} px")

    page.get_by_role("link", name="Beitrag einreichen").click()
    page.wait_for_url(re.compile(r".*/anmelden/\?next=.*"))
    log_in(page, "bianca")
    page.wait_for_url(re.compile(r".*/wettbewerbe/zukunftswandler-2024/einreichen/$"))
    check_page(page, f"entry form at {width} px")

    page.get_by_label("Titel Ihres Beitrags").fill("Repair-Café digital")
    page.get_by_role("button", name="Beitrag einreichen").click()
    page.wait_for_selector("#fehler")
    expect(page.locator("#fehler")).to_be_focused()
    expect(page.locator("#fehler")).to_contain_text("Bitte beschreiben Sie Ihren Beitrag.")
    expect(page.locator("#fehler")).to_contain_text("Bitte füllen Sie „Team oder Verein“ aus.")
    check_page(page, f"entry form with errors at {width} px")
    assert not Submission.objects.filter(title="Repair-Café digital").exists()

    page.get_by_label("Beschreibung").fill("Termine und Ersatzteile online.")
    page.get_by_label("Team oder Verein").fill("Repair-Café Billerbeck")
    page.get_by_label("Kommune (optional)").select_option(label="Billerbeck")
    page.get_by_role("button", name="Beitrag einreichen").click()
    page.wait_for_url(re.compile(r".*/wettbewerbe/zukunftswandler-2024/$"))
    expect(page.locator(".messages")).to_contain_text("ist eingegangen")
    expect(page.locator("main")).to_contain_text("2 Beiträge eingereicht")
    entry = Submission.objects.get(title="Repair-Café digital")
    assert entry.extra == {"team": "Repair-Café Billerbeck"}
    assert entry.municipality.slug == "billerbeck"


def test_winners_page_and_result(page, live_server, calls):
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(live_server.url + reverse("public:competition", args=["zukunftswandler-2023"]))
    expect(page.locator("main")).to_contain_text("Leihrad-App")
    check_page(page, "call page after the result")
    page.get_by_role("link", name="Zu den Gewinnern").click()
    expect(page.locator("main")).to_contain_text("1. Preis: Digitaler Dorfladen")
    check_page(page, "winners page")
    page.goto(
        live_server.url + reverse("public:competition_winners", args=["zukunftswandler-2024"])
    )
    expect(page.locator("main")).to_contain_text("Das Ergebnis folgt")
    check_page(page, "winners page before the result")


def test_juror_scores_an_entry(page, live_server, calls):
    open_call, _done, juror = calls
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(live_server.url + reverse("public:competition_jury", args=[open_call.slug]))
    log_in(page, "jurorin")
    page.wait_for_url(re.compile(r".*/jury/$"))
    expect(page.locator("table.jury-table")).to_contain_text("noch nicht bewertet")
    check_page(page, "jury overview")
    page.get_by_role("link", name="Dorf-Funk").click()
    check_page(page, "jury entry")
    page.get_by_role("button", name="Befangenheit erklären").click()
    page.wait_for_selector("#fehler")
    expect(page.locator("#fehler")).to_contain_text("Bitte bestätigen Sie die Erklärung.")
    check_page(page, "jury entry with errors")
    page.get_by_label("Punkte für „Idee“ (0 bis 10)").select_option("8")
    page.get_by_label("Punkte für „Umsetzbarkeit“ (0 bis 10)").select_option("6")
    page.get_by_label("Kommentar zu „Idee“ (optional)").fill("Überzeugend.")
    page.get_by_role("button", name="Bewertung speichern").click()
    page.wait_for_url(re.compile(r".*/jury/#einreichung-\d+$"))
    expect(page.locator("table.jury-table")).to_contain_text("bewertet")
    assert sorted(Score.objects.filter(juror=juror).values_list("value", flat=True)) == [6, 8]
