"""The survey pages in a real browser (Debian's Chromium): axe-core (WCAG 2.1 A/AA) finds
nothing on the public list, form (also with its error summary), thanks and results pages, on
a wide screen and at phone width (390 px), where no page is wider than the screen; the staff
survey pages fit at 390 px too. The error summary's links lead to the fields."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from digitalagentur.assessment import surveys
from digitalagentur.core import testing as t
from digitalagentur.tenancy.choices import Role
from digitalagentur.testing.assessment_surveys import answers_data, make_survey

from .test_agency_browser import assert_fits
from .test_browser import assert_no_axe_violations, assert_stylesheet_applied

pytestmark = pytest.mark.browser


@pytest.fixture
def survey(transactional_db):
    region = t.make_region("kreis-coesfeld", name="Kreis Coesfeld")
    survey = make_survey(region, results_public=True, is_demo=True)
    for n in range(3):
        surveys.submit(
            survey,
            answers_data(survey.questionnaire, scale=str(n + 3), text=f"<b>Wunsch {n}</b>"),
            person_key=f"{n:064d}",
            source_key=f"s{n}",
        )
    return survey


@pytest.mark.parametrize("width", [1280, 390])
def test_public_survey_pages_pass_axe_and_fit(page, live_server, survey, width):
    page.set_viewport_size({"width": width, "height": 900})
    form = reverse("public:survey_detail", args=[survey.slug])
    for label, path in {
        "list": reverse("public:survey_list"),
        "form": form,
        "results": reverse("public:survey_results", args=[survey.slug]),
    }.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, label
        assert page.locator("h1").count() == 1, label
        assert_stylesheet_applied(page)
        assert_no_axe_violations(page, f"{label} at {width} px")
        assert_fits(page, f"{label} at {width} px")
    # The form with errors: the summary links to the first radio of the missing question.
    page.goto(live_server.url + form)
    page.get_by_role("button", name="Antworten absenden").click()
    page.wait_for_selector("#fehler")
    # The summary has the focus (autofocus), so screen readers read it first.
    # (expect() asks the browser without eval, which the Content-Security-Policy forbids)
    expect(page.locator("#fehler")).to_be_focused()
    assert page.title().startswith("Fehler: ")
    assert_no_axe_violations(page, f"form with errors at {width} px")
    assert_fits(page, f"form with errors at {width} px")
    page.locator("#fehler a").first.click()
    focused = page.evaluate("document.activeElement && document.activeElement.type")
    assert focused == "radio" or page.url.endswith("_0")
    # Filled in: thanks.
    page.get_by_label("5 – sehr wichtig").check()
    page.get_by_label("Co-Working-Space").check()
    page.get_by_role("button", name="Antworten absenden").click()
    # (the browser keeps the fragment of the error link across the redirect)
    thanks = live_server.url + reverse("public:survey_thanks", args=[survey.slug])
    page.wait_for_url(re.compile("^" + re.escape(thanks) + "(#.*)?$"))
    assert page.locator("h1").inner_text() == "Vielen Dank"
    assert_no_axe_violations(page, f"thanks at {width} px")
    assert_fits(page, f"thanks at {width} px")
    # The results draw their charts; free texts are not published, only counted.
    page.goto(live_server.url + reverse("public:survey_results", args=[survey.slug]))
    box = page.locator("svg.bar-chart rect.seg-investive").first.bounding_box()
    assert box["width"] > 0 and box["height"] > 0
    assert page.locator("text=Wunsch 0").count() == 0
    assert page.locator("text=3 Personen haben diese Frage mit eigenem Text beantwortet.").count()


def test_survey_closed_while_filling_in_keeps_the_text_and_passes_axe(page, live_server, survey):
    form = live_server.url + reverse("public:survey_detail", args=[survey.slug])
    page.goto(form)
    page.get_by_label("5 – sehr wichtig").check()
    page.get_by_label("Co-Working-Space").check()
    page.get_by_label("Was wünschen Sie sich?").fill("Ein langer Text, den ich behalten will")
    survey.closes_at = timezone.now()
    survey.save()
    page.get_by_role("button", name="Antworten absenden").click()
    page.wait_for_selector("#hinweis")
    assert "Die Umfrage ist beendet." in page.locator("#hinweis").inner_text()
    text = page.get_by_label("Was wünschen Sie sich?").input_value()
    assert text == "Ein langer Text, den ich behalten will"
    assert page.get_by_role("button", name="Antworten absenden").count() == 0
    assert_no_axe_violations(page, "form closed meanwhile")


def test_staff_survey_pages_fit_at_phone_width(page, live_server, survey):
    user = t.make_user_with_role(survey.region, Role.COORDINATOR, username="koordination")
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page.set_viewport_size({"width": 390, "height": 900})
    for label, path in {
        "staff list": reverse("staff:survey_list"),
        "staff results": reverse("staff:survey_results", args=[survey.pk]),
        "staff create": reverse("staff:survey_create"),
        "staff edit": reverse("staff:survey_edit", args=[survey.pk]),
        "staff delete": reverse("staff:survey_delete", args=[survey.pk]),
    }.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, label
        assert_no_axe_violations(page, label)
        assert_fits(page, label)
