"""The document library's pages in a real browser (Debian Chromium) at 390 px: no page is
wider than the phone, axe-core finds no WCAG 2.1 A/AA violation, and a file is uploaded
through the form (a refused one shows its German reason)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from digitalagentur.core import testing as t
from digitalagentur.library.choices import Visibility
from digitalagentur.library.models import Document
from digitalagentur.tenancy.choices import Role
from digitalagentur.testing.browser import AXE_OPTIONS
from digitalagentur.testing.library import add_version, make_document, minimal_pdf

pytestmark = pytest.mark.browser


@pytest.fixture
def site(transactional_db, live_server):
    region = t.make_region("kreis-dok", name="Kreis Dok")
    town = t.make_municipality(region, "Senden", slug="senden")
    field = t.make_field(t.make_strategy(region), "Verwaltung")
    t.make_user_with_role(region, Role.COORDINATOR, username="koordination")
    document = make_document(
        region,
        "Datenschutz-Folgenabschätzung für das Bürgerportal mit einem sehr langen Titel",
        description="Vorlage " * 40,
        tags=["Datenschutz", "Bürgerportal"],
        towns=[town],
        fields=[field],
        filename="dsfa-buergerportal-mit-einem-sehr-langen-dateinamen-ohne-leerzeichen.pdf",
        content=minimal_pdf(),
    )
    add_version(document)
    make_document(region, "Interne Kalkulation", visibility=Visibility.INTERNAL)
    return document


def check(page, url: str, problems: list) -> None:
    page.goto(url)
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > 390:
        problems.append(f"{url}: {width} px wide")
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    problems.extend(f"{url}: {v['id']}" for v in violations)


def test_pages_fit_a_phone_and_pass_axe(browser, live_server, site):
    context = browser.new_context(locale="de-DE", viewport={"width": 390, "height": 800})
    page = context.new_page()
    problems: list[str] = []
    try:
        check(page, live_server.url + reverse("public:library_list"), problems)
        page.goto(live_server.url + reverse("login"))
        page.fill("#id_username", "koordination")
        page.fill("#id_password", t.TEST_PASSWORD)
        page.get_by_role("button", name="Anmelden").click()
        page.wait_for_url(live_server.url + reverse("staff:dashboard"))
        for url in (
            reverse("staff:library_list"),
            reverse("staff:library_list") + "?q=nichts",
            reverse("staff:library_detail", args=[site.pk]),
            reverse("staff:library_edit", args=[site.pk]),
            reverse("staff:library_version_create", args=[site.pk]),
            reverse("staff:library_delete", args=[site.pk]),
            reverse("staff:library_create"),
        ):
            check(page, live_server.url + url, problems)
        # The create form, sent with a disguised file: refused, with the reason, nothing saved.
        page.fill("#id_title", "Trick")
        page.set_input_files(
            "#id_file",
            {"name": "rechnung.pdf.exe", "mimeType": "application/pdf", "buffer": minimal_pdf()},
        )
        page.get_by_role("button", name="Hochladen").click()
        page.locator("#id_file_error").get_by_text("doppelte Endung").wait_for()
        check(page, page.url, problems)
        assert not Document.objects.filter(title="Trick").exists()
        page.fill("#id_title", "Echte Vorlage")
        page.set_input_files(
            "#id_file",
            {"name": "vorlage.pdf", "mimeType": "application/pdf", "buffer": minimal_pdf()},
        )
        page.get_by_role("button", name="Hochladen").click()
        page.get_by_role("heading", name="Echte Vorlage").wait_for()
    finally:
        context.close()
    assert not problems, "\n".join(problems)
