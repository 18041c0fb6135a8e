"""In a real browser at phone width (390 px): the agency page and the staff directory pages
pass axe-core (WCAG 2.1 AA) and never make the document wider than the screen; a coordinator
adds a person through the form."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from digitalagentur.directory.models import Body, Membership, Person, WorkLine
from digitalagentur.strategy.models import TimelineEvent

from .test_browser import assert_no_axe_violations

pytestmark = pytest.mark.browser

WIDTH = 390


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", verbosity=0)


def log_in(page, live_server, username):
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", username)
    page.fill("#id_password", "demo")
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(live_server.url + reverse("staff:dashboard"))


def assert_fits(page, label):
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.evaluate("document.documentElement.clientWidth")
    assert width <= viewport, f"{label}: document is {width} px wide in {viewport} px"


def staff_pages():
    person = Person.objects.exclude(name="N. N.").first()
    body = Body.objects.filter(is_agency_body=True).first()
    membership = Membership.objects.filter(body=body).first()
    return {
        "directory": reverse("staff:directory"),
        "people": reverse("staff:person_list"),
        "person create": reverse("staff:person_create"),
        "person edit": reverse("staff:person_edit", args=[person.pk]),
        "person delete": reverse("staff:person_delete", args=[person.pk]),
        "bodies": reverse("staff:body_list"),
        "body detail": reverse("staff:body_detail", args=[body.pk]),
        "membership create": reverse("staff:membership_create", args=[body.pk]),
        "membership edit": reverse("staff:membership_edit", args=[membership.pk]),
        "work lines": reverse("staff:workline_list"),
        "work line edit": reverse("staff:workline_edit", args=[WorkLine.objects.first().pk]),
        "stakeholders": reverse("staff:stakeholder_list"),
        "timeline": reverse("staff:timeline_list"),
        "timeline edit": reverse("staff:timeline_edit", args=[TimelineEvent.objects.first().pk]),
    }


def test_agency_and_directory_pages_are_accessible_at_phone_width(page, live_server, demo):
    page.set_viewport_size({"width": WIDTH, "height": 800})
    page.goto(live_server.url + reverse("public:agency"))
    assert "N. N." not in page.content()
    assert_no_axe_violations(page, "public agency page")
    assert_fits(page, "public agency page")

    log_in(page, live_server, "koordination")
    for label, path in staff_pages().items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, label
        assert_no_axe_violations(page, f"staff {label}")
        assert_fits(page, f"staff {label}")


def test_coordinator_adds_a_person_with_consent(page, live_server, demo):
    log_in(page, live_server, "koordination")
    page.goto(live_server.url + reverse("staff:person_create"))
    page.get_by_label("Name").first.fill("Paula Probe")
    page.get_by_label("Einwilligung in die Veröffentlichung").check()
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_load_state()
    # Consent without its date is refused in German, nothing saved.
    assert "wann die Einwilligung erteilt wurde" in page.content()
    assert not Person.objects.filter(name="Paula Probe").exists()
    page.fill("input[name=consent_date]", "2024-05-02")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url(live_server.url + reverse("staff:person_list"))
    person = Person.objects.get(name="Paula Probe")
    assert person.public_consent and str(person.consent_date) == "2024-05-02"
