"""In a real browser: a coordinator logs in, edits a project, and the public page shows it;
an officer cannot open another town's project for editing."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from digitalagentur.portfolio.models import Project

from .test_browser import assert_no_axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", verbosity=0)


def log_in(page, live_server, username):
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", username)
    page.fill("#id_password", "demo")
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(live_server.url + reverse("staff:dashboard"))


def test_coordinator_edits_a_project_and_the_public_sees_it(page, live_server, demo):
    project = Project.objects.get(code="P1")
    log_in(page, live_server, "koordination")

    page.goto(live_server.url + reverse("staff:project_edit", args=[project.pk]))
    assert_no_axe_violations(page, "staff project edit form")
    page.fill("input[name=title]", "Online ins Rathaus – rund um die Uhr")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_load_state()
    assert "Online ins Rathaus – rund um die Uhr" in page.content()

    project.refresh_from_db()
    assert project.title == "Online ins Rathaus – rund um die Uhr"
    assert project.version == 2

    public = page.context.browser.new_context(locale="de-DE").new_page()
    try:
        public.goto(live_server.url + reverse("public:project_detail", args=[project.slug]))
        assert (
            public.locator("h1")
            .inner_text()
            .strip()
            .endswith("Online ins Rathaus – rund um die Uhr")
        )
    finally:
        public.context.close()


def test_officer_cannot_edit_another_towns_project(page, live_server, demo):
    crossiety = Project.objects.get(title__icontains="Crossiety")  # Havixbeck only
    log_in(page, live_server, "senden")
    response = page.goto(live_server.url + reverse("staff:project_edit", args=[crossiety.pk]))
    assert response.status == 403
    assert "Keine Berechtigung" in page.locator("h1").inner_text()
    assert_no_axe_violations(page, "403 page")
    crossiety.refresh_from_db()
    assert crossiety.version == 1


def test_senden_officer_updates_a_shared_part_from_the_dashboard(page, live_server, demo):
    """Issue 7, section 8: after logging in, at most three actions (here two: type the
    percentage, press "Speichern") update Senden's part of a shared project, on the page."""
    from digitalagentur.portfolio.models import Participation

    log_in(page, live_server, "senden")
    assert_no_axe_violations(page, "staff dashboard, officer")
    shared = (
        Participation.objects.filter(municipality__slug="senden", project__code="P1")
        .select_related("project")
        .get()
    )
    form = page.locator(f"#teil-{shared.pk} form")
    form.get_by_label("Fortschritt (%)").fill("35")  # action 1
    form.get_by_role("button", name="Speichern").click()  # action 2
    result = form.locator(".quick-result")
    result.get_by_text("wurde gespeichert").wait_for()
    assert "35 %" in result.inner_text()
    assert page.url.startswith(live_server.url + reverse("staff:dashboard"))
    shared.refresh_from_db()
    assert (shared.progress, shared.version) == (35, 2)
    project = shared.project
    project.refresh_from_db()
    towns = project.participations.count()
    assert project.progress == (2 * 35 + towns) // (2 * towns)  # mean, rounded half up
    # a second save in the same form uses the new version (no conflict)
    form.get_by_label("Fortschritt (%)").fill("40")
    form.get_by_role("button", name="Speichern").click()
    form.locator(".quick-result").get_by_text("40 %").first.wait_for()
    shared.refresh_from_db()
    assert (shared.progress, shared.version) == (40, 3)
    # the full form of the part and the staff project page with the towns' table
    page.goto(live_server.url + reverse("staff:part_edit", args=[shared.pk]))
    assert_no_axe_violations(page, "staff part form")
    page.goto(live_server.url + reverse("staff:project_detail", args=[project.pk]))
    assert page.get_by_role("heading", name="Stand der Kommunen").is_visible()
    assert_no_axe_violations(page, "staff project page with the towns' parts")


def test_coordinator_checks_an_indicator_import_in_the_browser(page, live_server, demo, tmp_path):
    """The indicator pages pass axe; an import is checked first and written on confirmation."""
    from digitalagentur.indicators.models import Indicator, IndicatorValue

    indicator = Indicator.objects.filter(region__slug="kreis-coesfeld").order_by("name").first()
    log_in(page, live_server, "koordination")
    page.goto(live_server.url + reverse("staff:indicator_list"))
    assert_no_axe_violations(page, "staff indicator list")
    page.goto(live_server.url + reverse("staff:indicator_detail", args=[indicator.pk]))
    assert_no_axe_violations(page, "staff indicator page")
    page.goto(live_server.url + reverse("staff:indicator_edit", args=[indicator.pk]))
    assert_no_axe_violations(page, "staff indicator form")

    upload = tmp_path / "werte.csv"
    upload.write_text(
        f"Indikator;Stichtag;Wert;Kommune\n{indicator.name};30.06.2026;12,5;Senden\n",
        encoding="utf-8",
    )
    page.goto(live_server.url + reverse("staff:indicator_import"))
    page.set_input_files("input[type=file]", str(upload))
    page.get_by_role("button", name="Datei prüfen").click()
    page.get_by_role("heading", name="Prüfbericht", exact=False).wait_for()
    assert_no_axe_violations(page, "staff indicator import report")
    assert not IndicatorValue.objects.filter(indicator=indicator, date="2026-06-30").exists()
    page.get_by_role("button", name="Import ausführen").click()
    page.wait_for_url(live_server.url + reverse("staff:indicator_list"))
    value = IndicatorValue.objects.get(indicator=indicator, date="2026-06-30")
    assert str(value.value) == "12.5000" and value.municipality.slug == "senden"


def test_the_funding_pages_pass_axe_and_show_the_seed_table(page, live_server, demo):
    """The funding overview, a programme and the Smart Cities bid with seed 003's budget
    table ("Budgetübersicht (in Mio. €)") pass axe; a reader may open them."""
    from digitalagentur.funding.models import Application

    application = Application.objects.get(
        region__slug="kreis-coesfeld", slug="kreis-coesfeld-raum-fuer-zukunft"
    )
    log_in(page, live_server, "koordination")
    page.goto(live_server.url + reverse("staff:funding_overview"))
    assert page.get_by_role("heading", name="Anstehende Fristen").is_visible()
    assert_no_axe_violations(page, "staff funding overview")
    page.goto(live_server.url + reverse("staff:programme_detail", args=[application.programme_id]))
    assert "14.03.2021, 24:00 Uhr" in page.content()
    assert_no_axe_violations(page, "staff programme page")
    page.goto(live_server.url + reverse("staff:application_detail", args=[application.pk]))
    totals = page.locator("#budget-mio tbody").inner_text()
    for figure in ("4,90", "3,27", "8,16", "60,0 %", "40,0 %", "5,31", "2,86"):
        assert figure in totals, figure
    assert "davon Förderung (65 %)" in totals and "davon Eigenanteil (35 %)" in totals
    assert_no_axe_violations(page, "staff application page with the budget overview")
