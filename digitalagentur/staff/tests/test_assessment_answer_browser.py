"""A town's officer answers an assessment round in a real browser (Debian Chromium): the
answering page passes axe-core, fits 390 px, a draft is saved, the questionnaire is
completed and submitted, and the page then says "eingereicht"."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from digitalagentur.assessment.models import QuestionKind, Response, ResponseStatus
from digitalagentur.core import testing as t
from digitalagentur.tenancy.choices import Role
from digitalagentur.testing.assessment import make_questionnaire, make_response, make_round
from digitalagentur.testing.browser import AXE_OPTIONS

pytestmark = pytest.mark.browser


@pytest.fixture
def setup(transactional_db, live_server):
    region = t.make_region("kreis-runde", name="Kreis Runde")
    senden = t.make_municipality(region, "Senden", slug="senden")
    havixbeck = t.make_municipality(region, "Havixbeck", slug="havixbeck")
    t.make_user_with_role(region, Role.OFFICER, senden, username="senden-amt")
    strategy = t.make_strategy(region)
    fields = [t.make_field(strategy, "Verwaltung"), t.make_field(strategy, "Mobilität")]
    questionnaire = make_questionnaire(region, "Bedarfsanalyse", required=True)
    round_ = make_round(
        region,
        questionnaire=questionnaire,
        towns=[senden, havixbeck],
        fields=fields,
        slug="analyse",
        title="Analyse 2019",
        group_sizes=[1, 1],
    )
    return round_, senden, fields


def log_in(page, live_server):
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", "senden-amt")
    page.fill("#id_password", t.TEST_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(live_server.url + reverse("staff:dashboard"))


def test_officer_fills_in_saves_a_draft_and_submits(browser, live_server, setup):
    round_, senden, fields = setup
    questions = list(
        round_.questionnaire.questions.filter(kind=QuestionKind.SCALE).order_by("position")
    )
    context = browser.new_context(locale="de-DE", viewport={"width": 390, "height": 800})
    page = context.new_page()
    try:
        log_in(page, live_server)
        url = live_server.url + reverse("staff:round_answer", args=[round_.slug, senden.slug])
        page.goto(url)
        assert page.locator("#antwort-status").inner_text() == "noch keine Antwort"
        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        assert not violations, [(v["id"], v["nodes"][0]["html"]) for v in violations]
        assert page.evaluate("document.documentElement.scrollWidth") <= 390

        # A draft with one answer (clicking the label, as a person would).
        first = questions[0]
        page.locator(f"label[for='id_q{first.pk}_f{fields[0].pk}_3']").click()
        page.get_by_role("button", name="Entwurf speichern").click()
        page.wait_for_selector("text=Der Entwurf ist gespeichert.")
        assert page.locator("#antwort-status").inner_text() == "Entwurf"
        assert page.is_checked(f"#id_q{first.pk}_f{fields[0].pk}_3")

        # Submitting with questions missing is refused, with the message.
        page.get_by_role("button", name="Einreichen").click()
        page.wait_for_selector("text=Bitte beantworten Sie diese Frage.")
        assert Response.objects.get().status == ResponseStatus.DRAFT
        # The page with its error messages passes axe too; a group's error is part of the
        # group's description and its inputs are marked invalid.
        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        assert not violations, [(v["id"], v["nodes"][0]["html"]) for v in violations]
        missing = questions[1]
        group_id = f"id_q{missing.pk}_f{fields[0].pk}"
        fieldset = page.locator(f"fieldset.question:has(#{group_id}_0)")
        assert f"{group_id}_fehler" in fieldset.get_attribute("aria-describedby").split()
        assert page.get_attribute(f"#{group_id}_0", "aria-invalid") == "true"

        # Complete every question and submit.
        for field in fields:
            for question in questions:
                page.check(f"#id_q{question.pk}_f{field.pk}_2")
        page.get_by_role("button", name="Einreichen").click()
        page.wait_for_selector("text=Ihre Antwort ist eingereicht.")
        assert page.locator("#antwort-status").inner_text() == "eingereicht"
        assert "Stand 1" in page.locator("#antwortverlauf").locator("..").inner_text()
        response = Response.objects.get()
        assert response.status == ResponseStatus.SUBMITTED
        assert {a.value for a in response.answers.all()} == {3}
    finally:
        context.close()


def test_results_page_is_accessible_at_390_px(browser, live_server, setup):
    round_, senden, fields = setup
    region = round_.region
    t.make_user_with_role(region, Role.COORDINATOR, username="koordination")
    values = {(q.pk, f.pk): 4 for q in round_.questionnaire.questions.all() for f in fields}
    make_response(round_, senden, values, status="submitted")
    context = browser.new_context(locale="de-DE", viewport={"width": 390, "height": 800})
    page = context.new_page()
    try:
        page.goto(live_server.url + reverse("login"))
        page.fill("#id_username", "koordination")
        page.fill("#id_password", t.TEST_PASSWORD)
        page.get_by_role("button", name="Anmelden").click()
        page.wait_for_url(live_server.url + reverse("staff:dashboard"))
        for name in ("round_results", "round_detail"):
            page.goto(live_server.url + reverse(f"staff:{name}", args=[round_.slug]))
            violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
            assert not violations, [(v["id"], v["nodes"][0]["html"]) for v in violations]
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, name
    finally:
        context.close()
