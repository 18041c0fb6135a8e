"""In a real browser, pages work under the Content-Security-Policy: nothing is refused.

Chromium reports every blocked script, style, image or frame as a console error naming the
"Content Security Policy" ("Refused to load ...", "Executing inline script violates ...");
these tests collect those messages and uncaught script errors. The self-hosted Swagger UI must
render through its nonce. Headless Chromium from Debian, as in public/tests.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from digitalagentur.core import testing as t
from digitalagentur.core.testing import TEST_PASSWORD
from digitalagentur.tenancy.choices import Role

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser, live_server):
    """A page that records CSP refusals and script errors in page.csp_problems."""
    context = browser.new_context(locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems: list[str] = []

    def on_console(message):
        if "Content Security Policy" in message.text or message.text.startswith("Refused to"):
            problems.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"{page.url}: script error {error}"))
    page.csp_problems = problems
    yield page
    context.close()


@pytest.fixture
def site(transactional_db):
    region = t.make_region("kreis-a", name="Kreis A")
    town = t.make_municipality(region, "Senden", slug="senden")
    strategy = t.make_strategy(region, title="Strategie A")
    field = t.make_field(strategy, "Verwaltung")
    t.make_project(region, "Online ins Rathaus", towns=[town], field=field)
    user = t.make_user_with_role(region, Role.COORDINATOR, username="koord-a")
    return user


def test_the_check_sees_a_refused_inline_script(page, live_server):
    # Guards the fixture: an inline script under a strict policy must be reported.
    url = f"{live_server.url}/__csp-probe__/"
    page.route(
        url,
        lambda route: route.fulfill(
            status=200,
            body="<!doctype html><title>x</title><script>document.title='ran'</script>",
            content_type="text/html",
            headers={"Content-Security-Policy": "script-src 'self'"},
        ),
    )
    page.goto(url)
    assert page.title() == "x"
    assert any("inline script" in p for p in page.csp_problems), page.csp_problems


def test_swagger_ui_renders_under_the_policy(page, live_server, site):
    response = page.goto(live_server.url + reverse("api-docs"))
    assert "script-src 'self' 'nonce-" in response.headers["content-security-policy"]
    # The init script ran (by its nonce) and Swagger UI loaded the schema.
    page.locator(".swagger-ui .info .title").wait_for()
    assert "Digitalagentur API" in page.locator(".swagger-ui .info .title").inner_text()
    page.locator(".opblock-tag").first.wait_for()
    assert not page.csp_problems, "\n".join(page.csp_problems)


def test_public_and_staff_pages_run_without_csp_refusals(page, live_server, site):
    for url in (
        reverse("public:home"),
        reverse("public:strategy"),
        reverse("public:project_list"),
        "/gibt-es-nicht/",
        reverse("login"),
    ):
        page.goto(live_server.url + url)
        page.wait_for_load_state("load")
    page.fill("#id_username", site.username)
    page.fill("#id_password", TEST_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(live_server.url + reverse("staff:dashboard"))
    for url in (reverse("staff:dashboard"), reverse("staff:project_list")):
        page.goto(live_server.url + url)
        page.wait_for_load_state("load")
    assert not page.csp_problems, "\n".join(page.csp_problems)
