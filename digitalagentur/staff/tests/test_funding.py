"""Funding in the staff area (read-only pages): rights, the deadlines of the overview, the
budget table of an application, the own addresses of calls and lines, query counts."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from html.parser import HTMLParser
from itertools import count
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from digitalagentur.funding import services
from digitalagentur.funding.models import (
    Application,
    BudgetLine,
    Call,
    CallDeadline,
    Funder,
    Programme,
    SubProject,
    end_of_day,
)
from digitalagentur.staff.views.funding import deadline_text, percent, upcoming_deadlines

D = Decimal
ROLES = ["admin", "coordinator", "officer", "reader"]
_seq = count(1)


def url(name, *args):
    return reverse(f"staff:{name}", args=args)


# -- small factories ---------------------------------------------------------------------------


def make_programme(region, name=None, **values) -> Programme:
    n = next(_seq)
    funder = services.create(Funder(region=region, name=f"Fördergeber {n}", short_name=f"FG{n}"))
    values = {
        "funding_rate": D("0.65"),
        "third_party_max_share_of_own": D("0.5"),
        "max_grant": D("15000000.00"),
        "max_months": 48,
        **values,
    }
    return services.create(
        Programme(region=region, funder=funder, name=name or f"Programm {n}", **values)
    )


def make_call(programme, title=None, *, deadline, opens_at=None) -> Call:
    return services.create(
        Call(
            region_id=programme.region_id,
            programme=programme,
            title=title or f"Aufruf {next(_seq)}",
            deadline=deadline,
            opens_at=opens_at,
        )
    )


def make_application(programme, title=None, *, call=None, subprojects=(), **values):
    """subprojects: [(title, project or None, [(kind, amount), ...]), ...]"""
    application = services.create(
        Application(
            region_id=programme.region_id,
            programme=programme,
            call=call,
            title=title or f"Antrag {next(_seq)}",
            **values,
        )
    )
    for position, (sub_title, project, lines) in enumerate(subprojects):
        sub = services.create(
            SubProject(
                region_id=programme.region_id,
                application=application,
                title=sub_title,
                position=position,
                project=project,
            )
        )
        for kind, amount in lines:
            services.create(
                BudgetLine(
                    region_id=programme.region_id, subproject=sub, kind=kind, amount=D(amount)
                )
            )
    return application


def in_days(days: int, hour: int = 12) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def funding(world):
    """A programme with a call, and an application with two sub-projects whose rounded
    figures do not add up (half-up rounding of 0,765 and 0,255 Mio. €)."""
    programme = make_programme(
        world.region,
        "Modellprojekte Smart Cities",
        cost_types=["personnel", "investment"],
        applicant_types=["district", "town"],
        funding_area="Digitalisierung",
        legal_basis="Förderaufruf des BMI",
        internal_notes="Rückruf beim Projektträger vereinbart",
    )
    call = make_call(
        programme,
        "Staffel 2021",
        opens_at=in_days(-30),
        deadline=end_of_day(timezone.localdate() + datetime.timedelta(days=10)),
    )
    application = make_application(
        programme,
        "Raum für Zukunft",
        call=call,
        status="submitted",
        submitted_on=datetime.date(2021, 3, 14),
        start_date=datetime.date(2021, 1, 1),
        end_date=datetime.date(2025, 6, 30),  # 54 months: over the 48 allowed
        requested_amount=D("1790469.13"),
        internal_notes="Streng vertraulich",
        subprojects=[
            (
                "Raum für Bildung",
                world.own_project,
                [("investive", "1234567.89"), ("consumptive", "765000.00")],
            ),
            (
                "Raum für Arbeit",
                None,
                [("investive", "300000.00"), ("investive", "200000.00"), ("consumptive", "255000")],
            ),
        ],
    )
    application.municipalities.add(world.town)
    application.projects.add(world.own_project)
    return programme, call, application


@pytest.fixture
def foreign_funding(world):
    programme = make_programme(world.foreign_town.region, "Fremdprogramm")
    call = make_call(programme, "Fremdaufruf", deadline=in_days(5))
    application = make_application(
        programme, "Fremdantrag", call=call, subprojects=[("Fremdteil", None, [])]
    )
    return programme, call, application


# -- table text ---------------------------------------------------------------------------------


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


def table(html: str, table_id: str) -> list[list[str]]:
    parser = TableText(table_id)
    parser.feed(html)
    assert parser.rows, f"no table {table_id}"
    return parser.rows


# -- rights ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_every_role_of_the_region_reads_the_funding_pages(client, login, funding, role):
    programme, _call, application = funding
    login(role)
    for target in (
        url("funding_overview"),
        url("programme_detail", programme.pk),
        url("application_detail", application.pk),
    ):
        response = client.get(target)
        assert response.status_code == 200, target
        assert 'aria-current="page">Förderung<' in response.content.decode()


def test_anonymous_users_are_sent_to_the_login(client, funding):
    programme, _call, application = funding
    for target in (
        url("funding_overview"),
        url("programme_detail", programme.pk),
        url("application_detail", application.pk),
    ):
        response = client.get(target)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_users_of_another_region_are_refused(client, login, funding):
    login("foreign_coordinator")
    assert client.get(url("funding_overview")).status_code == 403


def test_another_regions_funding_objects_are_404(client, login, funding, foreign_funding):
    programme, call, application = foreign_funding
    login("coordinator")
    sub = application.subprojects.get()
    deadline = services.create(
        CallDeadline(region=programme.region, call=call, title="Ratsbeschluss", due=in_days(9))
    )
    for target in (
        url("programme_detail", programme.pk),
        url("application_detail", application.pk),
        url("funding_call", call.pk),
        url("funding_calldeadline", deadline.pk),
        url("funding_subproject", sub.pk),
    ):
        assert client.get(target).status_code == 404, target
    page = client.get(url("funding_overview")).content.decode()
    assert "Fremdprogramm" not in page and "Fremdantrag" not in page and "Fremdaufruf" not in page


# -- the overview ---------------------------------------------------------------------------------


def test_the_overview_lists_deadlines_from_today_soonest_first_with_status(
    client, login, world, funding
):
    programme, call, _application = funding  # call: due in 10 days, open
    later = make_call(programme, "Staffel 2022", opens_at=in_days(2), deadline=in_days(40))
    make_call(programme, "Alte Staffel", deadline=in_days(-3))  # passed: not listed
    services.create(
        CallDeadline(region=world.region, call=call, title="Ratsbeschluss", due=in_days(3))
    )
    services.create(
        CallDeadline(region=world.region, call=call, title="Alter Beschluss", due=in_days(-1))
    )
    login("reader")
    page = client.get(url("funding_overview")).content.decode()
    rows = table(page, "fristen-tabelle")[1:]
    assert [row[1] for row in rows] == [
        "weitere Frist: Ratsbeschluss",
        "Bewerbungsfrist",
        "Bewerbungsfrist",
    ]
    assert [row[2] for row in rows] == [
        "Staffel 2021 (Modellprojekte Smart Cities)",
        "Staffel 2021 (Modellprojekte Smart Cities)",
        "Staffel 2022 (Modellprojekte Smart Cities)",
    ]
    assert [row[3] for row in rows] == ["offen", "offen", "angekündigt"]
    due = timezone.localdate() + datetime.timedelta(days=10)
    assert rows[1][0] == f"{due:%d.%m.%Y}, 24:00 Uhr"
    assert "Alte Staffel" not in rows.__repr__()
    assert url("programme_detail", programme.pk) + f"#aufruf-{later.pk}" in page
    # Programmes and applications with their figures.
    assert "65 %" in page and "15.000.000,00 €" in page
    assert "Raum für Zukunft" in page and "1.790.469,13 €" in page and "14.03.2021" in page
    assert "eingereicht" in page


def test_a_deadline_passed_earlier_today_is_listed_as_closed(world, funding):
    programme, _call, _application = funding
    today = timezone.localdate()
    morning = timezone.make_aware(datetime.datetime.combine(today, datetime.time(9)))
    make_call(
        programme, "Heute früh", opens_at=morning - datetime.timedelta(days=5), deadline=morning
    )
    rows = upcoming_deadlines(world.region, morning + datetime.timedelta(hours=3))
    assert [(r.call.title, r.status_label) for r in rows] == [
        ("Heute früh", "abgelaufen"),
        ("Staffel 2021", "offen"),
    ]


def test_the_empty_overview_says_what_will_come(client, login, world):
    login("officer")
    page = client.get(url("funding_overview")).content.decode()
    assert "Keine anstehenden Fristen." in page
    assert "Noch keine Förderprogramme." in page
    assert "Noch keine Förderanträge." in page


@translation.override("de")  # whatever language an earlier request left active
def test_deadlines_at_midnight_are_shown_as_24_oclock():
    assert deadline_text(end_of_day(datetime.date(2021, 3, 14))) == "14.03.2021, 24:00 Uhr"
    berlin = ZoneInfo("Europe/Berlin")
    assert deadline_text(datetime.datetime(2021, 3, 14, 12, 30, tzinfo=berlin)) == (
        "14.03.2021, 12:30 Uhr"
    )
    # Midnight in UTC is 1 o'clock in Berlin: not the end of a day there.
    assert deadline_text(datetime.datetime(2021, 3, 15, tzinfo=datetime.UTC)) == (
        "15.03.2021, 01:00 Uhr"
    )
    assert percent(D("0.6500")) == "65 %"
    assert percent(D("0.625")) == "62,5 %"


# -- programme and application pages -------------------------------------------------------------


def test_the_programme_page_shows_rules_calls_and_notes(client, login, world, funding):
    programme, call, _application = funding
    deadline = services.create(
        CallDeadline(region=world.region, call=call, title="Ratsbeschluss", due=in_days(3))
    )
    login("officer")
    page = client.get(url("programme_detail", programme.pk)).content.decode()
    for text in (
        "Fördersatz</dt><dd>65 %",
        "Eigenanteil</dt><dd>35 %",
        "Dritte bis zu 50 % des Eigenanteils",
        "15.000.000,00 €",
        "höchstens 48 Monate",
        "Personalkosten, Investitionen",
        "Kreise, Städte und Gemeinden",
        "Digitalisierung",
        "Förderaufruf des BMI",
        "Rückruf beim Projektträger vereinbart",
        f'id="aufruf-{call.pk}"',
        f'id="frist-{deadline.pk}"',
        ", 24:00 Uhr",
        "offen",
    ):
        assert text in page, text


def test_the_application_page_shows_the_budget_table(client, login, world, funding):
    _programme, _call, application = funding
    login("reader")
    page = client.get(url("application_detail", application.pk)).content.decode()
    rows = table(page, "budget-mio")
    assert rows[1:] == [
        ["Raum für Bildung", "1,23", "0,77", "2,00"],
        ["Raum für Arbeit", "0,50", "0,26", "0,76"],
        # Totals from exact euros: the rounded rows would add up to 1,03 and 2,76.
        ["Summe", "1,73", "1,02", "2,75"],
        ["Anteil", "63,0 %", "37,0 %", ""],
        ["davon Förderung (65 %)", "", "1,79"],
        ["davon Eigenanteil (35 %)", "", "0,96"],
    ]
    exact = table(page, "budget-euro")
    assert exact[1] == ["Raum für Bildung", "1.234.567,89 €", "765.000,00 €", "1.999.567,89 €"]
    assert exact[-1] == ["Summe", "1.734.567,89 €", "1.020.000,00 €", "2.754.567,89 €"]
    assert 'title="1.790.469,13 €"' in page  # the exact grant behind 1,79
    assert "964.098,76 €" in page  # own share
    assert "Die Laufzeit von 54 Monaten überschreitet die zulässigen 48 Monate." in page
    assert url("project_detail", world.own_project.pk) in page
    assert "Senden" in page and "Streng vertraulich" in page
    sub = application.subprojects.get(title="Raum für Bildung")
    assert f'id="teilprojekt-{sub.pk}"' in page


def test_an_application_without_sub_projects_explains_the_budget(client, login, world):
    application = make_application(make_programme(world.region), "Leerer Antrag")
    login("coordinator")
    page = client.get(url("application_detail", application.pk)).content.decode()
    assert "Noch keine Teilprojekte mit Budgetzeilen." in page


def test_an_application_without_programme_is_shown_without_grant(client, login, world, funding):
    application = services.create(
        Application(region=world.region, title="Idee ohne Programm", status="idea")
    )
    sub = services.create(SubProject(region=world.region, application=application, title="Teil"))
    services.create(
        BudgetLine(region=world.region, subproject=sub, kind="investive", amount=D("2500000.00"))
    )
    login("officer")
    overview = client.get(url("funding_overview")).content.decode()
    assert "Idee ohne Programm" in overview and "noch offen" in overview
    page = client.get(url("application_detail", application.pk)).content.decode()
    assert table(page, "budget-mio")[-2:] == [
        ["davon Förderung (0 %)", "", "0,00"],
        ["davon Eigenanteil (100 %)", "", "2,50"],
    ]
    assert "Das Programm steht noch nicht fest" in page


def test_calls_deadlines_subprojects_and_lines_redirect_to_their_page(
    client, login, world, funding
):
    programme, call, application = funding
    deadline = services.create(
        CallDeadline(region=world.region, call=call, title="Ratsbeschluss", due=in_days(3))
    )
    line = BudgetLine.objects.filter(subproject__application=application).first()
    login("reader")
    expected = {
        url("funding_call", call.pk): url("programme_detail", programme.pk) + f"#aufruf-{call.pk}",
        url("funding_calldeadline", deadline.pk): url("programme_detail", programme.pk)
        + f"#frist-{deadline.pk}",
        url("funding_subproject", line.subproject_id): url("application_detail", application.pk)
        + f"#teilprojekt-{line.subproject_id}",
        url("funding_budgetline", line.pk): url("application_detail", application.pk)
        + f"#teilprojekt-{line.subproject_id}",
    }
    for source, target in expected.items():
        response = client.get(source)
        assert response.status_code == 302 and response["Location"] == target


def test_the_change_list_links_a_changed_application(client, login, world, funding):
    _programme, _call, application = funding
    login("coordinator")
    page = client.get(url("change_list")).content.decode()
    assert url("application_detail", application.pk) in page
    assert re.search(r"/intern/foerderung/budgetzeilen/\d+/", page)


# -- query counts --------------------------------------------------------------------------------


def add_funding(region, n: int):
    programme = make_programme(region, f"Mehr Programm {n}")
    call = make_call(programme, opens_at=in_days(-1), deadline=in_days(n + 5))
    services.create(CallDeadline(region=region, call=call, title=f"Frist {n}", due=in_days(n + 6)))
    make_application(
        programme,
        call=call,
        requested_amount=D("1000.00"),
        subprojects=[(f"Teil {n}", None, [("investive", "1000.00")])],
    )


def count_queries(client, target) -> int:
    client.get(target)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(target).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", ["overview", "programme", "application"])
def test_query_counts_do_not_grow_with_the_data(client, login, world, funding, page):
    programme, call, application = funding
    target = {
        "overview": url("funding_overview"),
        "programme": url("programme_detail", programme.pk),
        "application": url("application_detail", application.pk),
    }[page]
    login("coordinator")
    small = count_queries(client, target)
    for n in range(5):
        add_funding(world.region, n)
        make_call(programme, deadline=in_days(20 + n))
        services.create(
            CallDeadline(region=world.region, call=call, title=f"Beschluss {n}", due=in_days(n + 1))
        )
        make_application(programme, call=call)
        sub = services.create(
            SubProject(region=world.region, application=application, title=f"Mehr {n}")
        )
        services.create(
            BudgetLine(region=world.region, subproject=sub, kind="consumptive", amount=D("5.00"))
        )
    assert count_queries(client, target) == small
