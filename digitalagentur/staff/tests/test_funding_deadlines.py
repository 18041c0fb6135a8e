"""The deadlines page of the staff area, the reminder settings, the calendar address (made,
shown once, replaced after a confirmation, removed), the dashboard box and query counts."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digitalagentur.funding.models import DeadlinePreference
from digitalagentur.testing.deadlines import (
    day_in,
    end_of_day_in,
    in_days,
    make_application,
    make_call,
    make_later_deadline,
    make_programme,
)

ROLES = ["admin", "coordinator", "officer", "reader"]
PAGE = "staff:funding_deadlines"


class TableText(HTMLParser):
    """The cell texts of one table (by id), row by row."""

    def __init__(self, table_id):
        super().__init__()
        self.table_id, self.depth, self.rows, self.cell = table_id, 0, [], None

    def handle_starttag(self, tag, attrs):
        if tag == "table" and (self.depth or dict(attrs).get("id") == self.table_id):
            self.depth += 1
        elif self.depth and tag == "tr":
            self.rows.append([])
        elif self.depth and tag in ("td", "th"):
            self.cell = ""

    def handle_endtag(self, tag):
        if tag == "table" and self.depth:
            self.depth -= 1
        elif self.depth and tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join(self.cell.split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def rows(html: str, table_id: str) -> list[list[str]]:
    parser = TableText(table_id)
    parser.feed(html)
    return parser.rows[1:]


@pytest.fixture
def deadlines(world):
    programme = make_programme(world.region, "Smart Cities")
    call = make_call(programme, "Staffel 2021", deadline=end_of_day_in(10))
    make_later_deadline(call, "Ratsbeschluss", in_days(12))
    draft = make_call(programme, "Staffel Entwurf", deadline=in_days(20), published=False)
    make_application(programme, "Raum für Zukunft", towns=[world.town], start_date=day_in(5))
    make_application(programme, "Marktplatz", towns=[world.other_town], end_date=day_in(3))
    foreign = make_programme(world.foreign_town.region, "Fremdprogramm")
    make_call(foreign, "Fremdaufruf", deadline=in_days(4))
    return {"programme": programme, "call": call, "draft": draft}


# -- rights ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_every_role_of_the_region_has_the_page(client, login, deadlines, role):
    login(role)
    response = client.get(reverse(PAGE))
    assert response.status_code == 200
    assert 'aria-current="page">Förderung<' in response.content.decode()


@pytest.mark.parametrize(("role", "status"), [("outsider", 403), ("foreign_coordinator", 403)])
def test_people_without_a_role_in_the_region_are_refused(client, login, world, role, status):
    login(role)
    assert client.get(reverse(PAGE)).status_code == status
    assert client.post(reverse(PAGE), {"action": "create_feed"}).status_code == status
    assert not DeadlinePreference.objects.exists()


def test_anonymous_users_are_sent_to_the_login(client, world):
    for name in (PAGE, "staff:funding_deadline_calendar_renew"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/anmelden/" in response["Location"]


# -- the lists -----------------------------------------------------------------------------------


def test_an_officer_sees_own_deadlines_and_all_of_the_region(client, login, deadlines):
    login("officer")
    html = client.get(reverse(PAGE)).content.decode()
    mine = rows(html, "meine-fristen-tabelle")
    assert [r[1] for r in mine] == [
        "Projektbeginn: Raum für Zukunft",
        "Bewerbungsfrist offen",
        "weitere Frist: Ratsbeschluss offen",
    ]
    assert mine[1][0] == f"{day_in(10):%d.%m.%Y}, 24:00 Uhr"
    assert mine[1][2] == "Staffel 2021 (Smart Cities)"
    assert [r[3] for r in mine] == ["in 5 Tagen", "in 10 Tagen", "in 12 Tagen"]
    everything = rows(html, "alle-fristen-tabelle")
    assert [r[1] for r in everything] == [
        "Projektende: Marktplatz",
        "Projektbeginn: Raum für Zukunft",
        "Bewerbungsfrist offen",
        "weitere Frist: Ratsbeschluss offen",
        "Bewerbungsfrist offen",
    ]
    assert "Fremdaufruf" not in html


def test_the_coordination_has_one_list_with_everything(client, login, deadlines):
    login("coordinator")
    html = client.get(reverse(PAGE)).content.decode()
    assert len(rows(html, "meine-fristen-tabelle")) == 5
    assert 'id="alle-fristen-tabelle"' not in html
    assert "Als Koordination sehen Sie alle Fristen der Region." in html


def test_the_funding_overview_links_the_page(client, login, world):
    login("reader")
    html = client.get(reverse("staff:funding_overview")).content.decode()
    assert f'href="{reverse(PAGE)}"' in html


def test_without_deadlines_the_page_says_so(client, login, world):
    login("reader")
    html = client.get(reverse(PAGE)).content.decode()
    assert "Keine anstehenden Fristen für Sie." in html


# -- reminder settings ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "message"),
    [
        ("14, drei", "„drei“ ist keine ganze Zahl von 0 bis 365."),
        ("400", "400 Tage sind zu viele: höchstens 365."),
        ("1, 2, 3, 4, 5, 6", "Bitte höchstens fünf Werte angeben."),
        ("", "Bitte mindestens einen Tag angeben (z. B. 14, 3) oder Erinnerungen abschalten."),
    ],
)
def test_bad_settings_are_refused_in_german_naming_the_field(client, login, world, days, message):
    login("officer")
    response = client.post(
        reverse(PAGE), {"action": "settings", "reminders_enabled": "on", "remind_days": days}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert f"Tage vor der Frist</a>: {message}" in html
    assert not DeadlinePreference.objects.exists()


def test_settings_are_saved_for_the_user_in_the_region(client, login, users, world):
    login("officer")
    response = client.post(
        reverse(PAGE), {"action": "settings", "reminders_enabled": "on", "remind_days": "7 30 7"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#einstellungen")
    preference = DeadlinePreference.objects.get(user=users["officer"], region=world.region)
    assert preference.reminders_enabled and preference.remind_days == [30, 7]
    html = client.get(reverse(PAGE)).content.decode()
    assert 'value="30, 7"' in html
    client.post(reverse(PAGE), {"action": "settings", "remind_days": ""})
    preference.refresh_from_db()
    assert not preference.reminders_enabled and preference.remind_days == [14, 3]


def test_a_missing_mail_address_is_pointed_out(client, login, users, world):
    login("reader")
    assert "Ihr Konto hat keine E-Mail-Adresse" in client.get(reverse(PAGE)).content.decode()
    users["coordinator"].email = "koord@example.org"
    users["coordinator"].save()
    login("coordinator")
    assert "Ihr Konto hat keine E-Mail-Adresse" not in client.get(reverse(PAGE)).content.decode()


# -- the calendar address -------------------------------------------------------------------------


def shown_address(html: str) -> str | None:
    found = re.search(r'id="kalenderadresse"[^>]*value="([^"]+)"', html)
    return found.group(1) if found else None


def test_the_calendar_address_is_shown_once_and_works(client, login, deadlines):
    login("officer")
    html = client.get(reverse(PAGE)).content.decode()
    assert "Kalenderadresse erzeugen" in html and shown_address(html) is None
    response = client.post(reverse(PAGE), {"action": "create_feed"})
    assert response.status_code == 200
    address = shown_address(response.content.decode())
    assert address.startswith("http://testserver/intern/foerderung/fristen/kalender/")
    client.logout()  # calendar programs do not log in
    feed = client.get(address.removeprefix("http://testserver"))
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    assert b"Raum f\xc3\xbcr Zukunft" in feed.content and b"Marktplatz" not in feed.content
    login("officer")
    html = client.get(reverse(PAGE)).content.decode()
    assert shown_address(html) is None  # never again
    assert "Ihre Kalenderadresse wurde am" in html
    token = address.rsplit("/", 1)[1].removesuffix(".ics")
    assert token not in html


def test_a_new_address_needs_a_confirmation_and_ends_the_old_one(client, login, deadlines):
    login("coordinator")
    old = shown_address(client.post(reverse(PAGE), {"action": "create_feed"}).content.decode())
    # Making one again (a second tab) leads to the confirmation instead.
    response = client.post(reverse(PAGE), {"action": "create_feed"})
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:funding_deadline_calendar_renew")
    html = client.get(response["Location"]).content.decode()
    assert "Die bisherige Adresse funktioniert dann nicht mehr" in html
    assert 'name="action" value="renew_feed"' in html
    new = shown_address(client.post(reverse(PAGE), {"action": "renew_feed"}).content.decode())
    assert new and new != old
    path = lambda address: address.removeprefix("http://testserver")  # noqa: E731
    assert client.get(path(old)).status_code == 404
    assert client.get(path(new)).status_code == 200
    # Removing it, after its own confirmation.
    html = client.get(reverse("staff:funding_deadline_calendar_remove")).content.decode()
    assert 'name="action" value="remove_feed"' in html
    response = client.post(reverse(PAGE), {"action": "remove_feed"})
    assert response.status_code == 302
    assert client.get(path(new)).status_code == 404
    assert "Kalenderadresse erzeugen" in client.get(reverse(PAGE)).content.decode()


def test_the_public_feed_is_offered_too(client, login, deadlines):
    login("reader")
    html = client.get(reverse(PAGE)).content.decode()
    assert 'href="http://testserver/foerderung/fristen.ics"' in html


# -- dashboard and query counts ------------------------------------------------------------------


def test_the_dashboard_shows_the_users_next_deadlines(client, login, deadlines):
    login("officer")
    html = client.get(reverse("staff:dashboard")).content.decode()
    box = html[html.index('id="naechste-fristen"') :].split("</section>")[0]
    assert box.count("<li>") == 3
    assert "Projektbeginn: Raum für Zukunft" in box and "(in 5 Tagen)" in box
    assert "Marktplatz" not in box and "Staffel Entwurf" not in box
    assert reverse(PAGE) in box
    for n in range(4):
        make_call(deadlines["programme"], f"Weitere Staffel {n}", deadline=in_days(30 + n))
    html = client.get(reverse("staff:dashboard")).content.decode()
    box = html[html.index('id="naechste-fristen"') :].split("</section>")[0]
    assert box.count("<li>") == 5 and "Alle Fristen" in box


@pytest.mark.parametrize("target", [PAGE, "staff:dashboard"])
@pytest.mark.parametrize("role", ["coordinator", "officer"])
def test_query_counts_do_not_grow_with_the_deadlines(client, login, world, target, role):
    login(role)
    programme = make_programme(world.region)

    def add(n):
        for i in range(n):
            call = make_call(programme, deadline=in_days(5 + i), published=i % 2 == 0)
            make_later_deadline(call, f"Beschluss {i}", in_days(6 + i))
            make_application(programme, towns=[world.town], call=call, end_date=day_in(9 + i))

    def count():
        client.get(reverse(target))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(target)).status_code == 200
        return len(queries)

    add(1)
    few = count()
    add(12)
    assert count() == few


# -- in a real browser ----------------------------------------------------------------------------


@pytest.mark.browser
def test_the_pages_are_accessible_and_fit_a_phone(browser, live_server, transactional_db):
    from axe_playwright_python.sync_playwright import Axe

    from digitalagentur.core import testing as t
    from digitalagentur.tenancy.choices import Role
    from digitalagentur.testing.browser import AXE_OPTIONS

    region = t.make_region("kreis-fristen", name="Kreis Fristen")
    town = t.make_municipality(region, "Senden", slug="senden")
    t.make_user_with_role(region, Role.OFFICER, town, username="beauftragte")
    programme = make_programme(region, "Modellprojekte Smart Cities mit einem langen Namen")
    call = make_call(programme, "Förderaufruf Smart Cities 2021", deadline=end_of_day_in(10))
    make_later_deadline(call, "Politische Beschlüsse über den Eigenanteil", in_days(12))
    make_application(
        programme,
        "Kreis Coesfeld – Raum für Zukunft",
        towns=[town],
        call=call,
        start_date=day_in(40),
    )
    context = browser.new_context(locale="de-DE", viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", "beauftragte")
    page.fill("#id_password", t.TEST_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(live_server.url + reverse("staff:dashboard"))
    problems = []

    def check(label):
        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        problems.extend(f"{label}: axe {v['id']}: {v['help']}" for v in violations)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            problems.append(f"{label}: document is {width} px wide at 390 px")

    assert "Nächste Fristen" in page.content()
    check("dashboard")
    page.goto(live_server.url + reverse(PAGE))
    check("deadlines")
    page.get_by_role("button", name="Kalenderadresse erzeugen").click()
    assert page.locator("#kalenderadresse").input_value().endswith(".ics")
    check("deadlines with the new address")
    page.fill("#id_remind_days", "1000")
    page.get_by_role("button", name="Einstellungen speichern").click()
    assert "höchstens 365" in page.content()
    check("settings with an error")
    page.goto(live_server.url + reverse("staff:funding_deadline_calendar_renew"))
    check("confirmation")
    context.close()
    assert not problems, "\n".join(problems)
