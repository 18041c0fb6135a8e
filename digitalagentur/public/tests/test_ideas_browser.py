"""Ideas in a real browser (Debian's Chromium): a citizen browses the ideas, opens one, supports
it, comments and answers, and submits an idea of her own, with the similar ideas suggested
while she types the title; on a wide screen and at phone width (390 px). axe-core (WCAG 2.1
A/AA) finds nothing on the list, an idea's page (anonymous and signed in, with comments, an
answer, an image and an error) and the submit form (empty, with suggestions, with errors),
and no page is wider than the screen."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from digitalagentur.core import testing as t
from digitalagentur.participation import services
from digitalagentur.participation.choices import IdeaStatus
from digitalagentur.participation.models import Idea, Support
from digitalagentur.testing.participation import make_idea, make_participant

from .test_agency_browser import assert_fits
from .test_browser import assert_no_axe_violations, assert_stylesheet_applied

pytestmark = pytest.mark.browser

LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstalt"


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (80, 50), (0, 90, 135)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def ideas_site(transactional_db, settings):
    settings.DIGITALAGENTUR_FORM_MIN_SECONDS = 0  # the browser types faster than a person
    region = t.make_region("kreis-coesfeld", name="Kreis Coesfeld")
    billerbeck = t.make_municipality(region, "Billerbeck", slug="billerbeck")
    strategy = t.make_strategy(region, title="Digitalstrategie")
    mobil = t.make_field(strategy, "Mobilität", slug="mobilitaet")
    radweg = make_idea(
        region,
        make_participant(first_name="Rad-Fan"),
        title="Radweg nach Lette mit Beleuchtung",
        text=f"Ein sicherer Radweg.\n\nMit {LONG_WORD} und <script>alert(1)</script>.",
        field=mobil,
        municipality=billerbeck,
        image=png(),
        image_alt="Ein blauer Himmel über dem Radweg",
    )
    services.set_status(radweg, IdeaStatus.REVIEW, user=None, reason="Wir prüfen die Kosten.")
    comment = services.add_comment(radweg, make_participant(first_name="Alex"), "Gute Idee!")
    services.add_comment(radweg, make_participant(), "Finde ich auch.", parent=comment)
    for _n in range(3):
        services.support(radweg, make_participant())
    make_idea(
        region,
        title="Freies WLAN am Bahnhof",
        field=mobil,
        status=IdeaStatus.DECLINED,
        reason="Das WLAN kommt schon mit dem Projekt Digitale Bahnhöfe.",
    )
    citizen = make_participant("buergerin", first_name="Bürgerin")
    return {"radweg": radweg, "citizen": citizen, "comment": comment}


def check_page(page, label):
    page.wait_for_load_state("load")
    assert page.locator("h1").count() == 1, label
    assert_stylesheet_applied(page)
    assert_no_axe_violations(page, label)
    assert_fits(page, label)


def log_in(page, live_server, next_url):
    page.goto(live_server.url + reverse("login") + "?next=" + next_url)
    page.fill("#id_username", "buergerin")
    page.fill("#id_password", t.TEST_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(live_server.url + next_url)


@pytest.mark.parametrize("width", [1280, 390])
def test_citizen_supports_comments_and_submits_an_idea(page, live_server, ideas_site, width):
    radweg = ideas_site["radweg"]
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + reverse("public:ideas"))
    expect(page.locator(".idea-list")).to_contain_text("Radweg nach Lette")
    check_page(page, f"ideas list at {width} px")

    page.get_by_role("link", name="Radweg nach Lette mit Beleuchtung").click()
    expect(page.locator("h1")).to_contain_text("Radweg nach Lette")
    expect(page.locator(".idea-text")).to_contain_text("<script>alert(1)</script>")
    expect(page.locator(".idea-supporters")).to_have_text("3 Personen unterstützen diese Idee.")
    expect(page.locator(".idea-image img")).to_have_js_property("complete", True)
    check_page(page, f"idea page, anonymous, at {width} px")

    page.get_by_role("link", name="Anmelden und unterstützen").click()
    page.fill("#id_username", "buergerin")
    page.fill("#id_password", t.TEST_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(re.compile(rf".*/ideen/{radweg.pk}/.*"))
    page.get_by_role("button", name="Unterstützen", exact=True).click()
    expect(page.locator(".idea-supporters")).to_have_text("4 Personen unterstützen diese Idee.")
    expect(page.get_by_role("button", name="Unterstützung zurückziehen")).to_be_visible()
    assert Support.objects.filter(idea=radweg, user=ideas_site["citizen"]).exists()

    # An empty comment: the error above the comments, then a comment and an answer.
    page.locator("#id_text").fill("")
    page.get_by_role("button", name="Kommentar veröffentlichen").click()
    expect(page.locator("#fehler")).to_contain_text("Bitte schreiben Sie einen Kommentar.")
    check_page(page, f"idea page, comment with errors, at {width} px")
    page.locator("#id_text").fill("Ich fahre dort jeden Tag.")
    page.get_by_role("button", name="Kommentar veröffentlichen").click()
    expect(page.locator(".idea-comments")).to_contain_text("Ich fahre dort jeden Tag.")
    comment_pk = ideas_site["comment"].pk
    thread = page.locator(f"#kommentar-{comment_pk}")
    thread.locator("summary", has_text="Antworten").first.click()
    thread.locator(f"#id_antwort{comment_pk}_text").fill("Danke für den Hinweis!")
    thread.get_by_role("button", name="Antwort veröffentlichen").click()
    expect(page.locator(f"#kommentar-{comment_pk} .comment-answers")).to_contain_text(
        "Danke für den Hinweis!"
    )
    check_page(page, f"idea page, signed in with comments, at {width} px")

    # Her own idea: similar ideas come up while she types the title.
    page.goto(live_server.url + reverse("public:idea_new"))
    check_page(page, f"submit form at {width} px")
    page.locator("#id_title").press_sequentially("Beleuchteter Radweg")
    suggestions = page.locator("#idea-live-similar")
    expect(suggestions).to_be_visible()
    expect(suggestions).to_contain_text("Radweg nach Lette mit Beleuchtung")
    check_page(page, f"submit form with suggestions at {width} px")
    page.get_by_role("button", name="Idee einreichen").click()
    expect(page.locator("#fehler")).to_contain_text("Bitte beschreiben Sie Ihre Idee.")
    check_page(page, f"submit form with errors at {width} px")
    page.locator("#id_text").fill("Auch der Weg nach Darup braucht Licht.")
    page.get_by_role("button", name="Idee einreichen").click()
    expect(page.locator(".notice")).to_contain_text("Ihre Idee wartet auf Moderation.")
    check_page(page, f"own idea waiting for moderation at {width} px")
    idea = Idea.objects.get(title="Beleuchteter Radweg")
    assert idea.status == IdeaStatus.RECEIVED and idea.author == ideas_site["citizen"]


def test_similar_ideas_without_javascript(browser, live_server, ideas_site):
    """Without the script the form still works: the similar ideas come after sending."""
    context = browser.new_context(locale="de-DE", java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page, live_server, reverse("public:idea_new"))
        page.fill("#id_title", "Radweg mit Licht")
        page.fill("#id_text", "Licht für alle Radwege.")
        page.get_by_role("button", name="Idee einreichen").click()
        expect(page.locator("#aehnliche")).to_contain_text("Radweg nach Lette mit Beleuchtung")
        assert not Idea.objects.filter(title="Radweg mit Licht").exists()
        # No axe here: it is a script (the same page with the script: the test above).
        assert page.locator("h1").count() == 1
        page.get_by_role("button", name="Idee trotzdem einreichen").click()
        expect(page.locator(".notice")).to_contain_text("Ihre Idee wartet auf Moderation.")
        assert Idea.objects.filter(title="Radweg mit Licht").exists()
    finally:
        context.close()
