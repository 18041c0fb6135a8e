"""Fixtures of the public website tests: a small published site with drafts mixed in, and the
Playwright browser (Debian's chromium, never downloaded) for the browser tests."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest

from digitalagentur.core import testing as t
from digitalagentur.directory.choices import BodyKind, MembershipRole
from digitalagentur.directory.models import Body, Membership, Person, StakeholderRole, WorkLine
from digitalagentur.portfolio.choices import ParticipationRole, ProjectStatus
from digitalagentur.portfolio.models import Milestone, Participation, ProjectUpdate
from digitalagentur.strategy.choices import DatePrecision, Decision
from digitalagentur.strategy.models import Adoption, StrategyVersion, TimelineEvent

# Text that must never reach a public page (drafts, internal notes).
SECRETS = (
    "GEHEIMES-ENTWURFSPROJEKT",
    "INTERNE-NOTIZ-PROJEKT",
    "INTERNE-NOTIZ-FELD",
    "ENTWURFSFELD-GEHEIM",
    "ENTWURFSZIEL-GEHEIM",
    "ENTWURFS-MEILENSTEIN",
    "ENTWURFS-NEUIGKEIT",
)


def build_public_site(region, strategy, town, other_town):
    """A strategy with two published fields, one draft field, projects, people and history."""
    verwaltung = t.make_field(
        strategy,
        "Verwaltung",
        slug="verwaltung",
        priority=1,
        guiding_principle="Die Verwaltung ist rund um die Uhr digital erreichbar.",
        internal_notes="INTERNE-NOTIZ-FELD",
    )
    mobilitaet = t.make_field(
        strategy,
        "Mobilität",
        slug="mobilitaet",
        priority=2,
        guiding_principle="Mobil ohne eigenes Auto.",
        guiding_principle_is_demo_text=True,
    )
    draft_field = t.make_field(
        strategy, "ENTWURFSFELD-GEHEIM", slug="entwurf", priority=3, published=False
    )
    t.make_goal(verwaltung, "Alle Leistungen online")
    t.make_goal(verwaltung, "ENTWURFSZIEL-GEHEIM", published=False)
    p1 = t.make_project(
        region,
        "Online ins Rathaus",
        code="P1",
        field=verwaltung,
        towns=[town, other_town],
        is_strategy_project=True,
        summary="Verwaltungsleistungen online.",
        description="Bürgerinnen und Bürger erledigen Anträge von zu Hause.",
        central_benefit="Weniger Wege zum Amt.",
        challenges="Medienbrüche in den Fachverfahren.",
        lead="Kreis Coesfeld, Digitalisierung",
        status=ProjectStatus.IN_PROGRESS,
        progress=40,
        internal_notes="INTERNE-NOTIZ-PROJEKT",
    )
    Participation.objects.filter(project=p1, municipality=town).update(role=ParticipationRole.LEAD)
    p2 = t.make_project(
        region,
        "Mobilitätsstationen",
        code="P2",
        field=mobilitaet,
        towns=[other_town],
        is_strategy_project=True,
        is_lighthouse=True,
        status=ProjectStatus.PLANNED,
        progress=10,
    )
    local = t.make_project(
        region,
        "Crossiety-Dorfplattform",
        towns=[town],
        is_strategy_project=False,
        summary="Digitaler Dorfplatz.",
        status=ProjectStatus.COMPLETED,
        progress=100,
    )
    draft = t.make_project(
        region,
        "GEHEIMES-ENTWURFSPROJEKT",
        code="P3",
        field=verwaltung,
        towns=[town],
        is_strategy_project=True,
        published=False,
    )
    in_draft_field = t.make_project(
        region, "Projekt im Entwurfsfeld", code="P4", field=draft_field, is_strategy_project=True
    )
    common = {"region": region, "project": p1}
    Milestone.objects.create(
        **common,
        title="Portal ausgewählt",
        completed_on=datetime.date(2022, 3, 1),
        published=True,
    )
    Milestone.objects.create(
        **common, title="Pilot in Senden", due_date=datetime.date(2023, 6, 30), published=True
    )
    Milestone.objects.create(**common, title="ENTWURFS-MEILENSTEIN", published=False)
    ProjectUpdate.objects.create(
        **common,
        date=datetime.date(2023, 9, 14),
        title="Sachstand September",
        text="Der Pilot läuft.",
        published=True,
    )
    ProjectUpdate.objects.create(
        **common, date=datetime.date(2023, 10, 1), title="ENTWURFS-NEUIGKEIT", text="x"
    )
    version = StrategyVersion.objects.create(
        region=region, strategy=strategy, name="Fassung 2021", snapshot={}
    )
    council = Body.objects.create(
        region=region,
        slug="rat-senden",
        name="Rat der Gemeinde Senden",
        kind=BodyKind.COUNCIL,
        municipality=town,
    )
    kreistag = Body.objects.create(
        region=region, slug="kreistag", name="Kreistag", kind=BodyKind.COUNCIL
    )
    Adoption.objects.create(
        region=region,
        version=version,
        municipality=town,
        body=council,
        date=datetime.date(2021, 10, 1),
        date_precision=DatePrecision.MONTH,
        decision=Decision.ADOPTED,
        paper_reference="SV-2021-77",
    )
    Adoption.objects.create(
        region=region,
        version=version,
        municipality=None,
        body=kreistag,
        date=datetime.date(2021, 7, 1),
        decision=Decision.ADOPTED,
    )
    coordination = Body.objects.create(
        region=region,
        slug="koordinierungskreis",
        name="Koordinierungskreis",
        kind=BodyKind.COORDINATION,
        is_agency_body=True,
        constituted_on=datetime.date(2022, 4, 26),
    )
    officer = Person.objects.create(
        region=region,
        name="Niklas Esser",
        office="Digitalisierungsbeauftragter",
        municipality=town,
        email="niklas.esser@example.org",
        public_consent=True,
        consent_date=datetime.date(2024, 1, 10),
    )
    coordinator = Person.objects.create(
        region=region,
        name="Helena Mense Oliveira",
        office="Smart Region Koordinatorin",
        public_consent=True,
        consent_date=datetime.date(2024, 1, 10),
    )
    Membership.objects.create(body=coordination, person=officer, role=MembershipRole.OFFICER)
    Membership.objects.create(
        body=coordination, person=coordinator, role=MembershipRole.COORDINATOR
    )
    # The other town's officer is known by office only (no membership).
    Person.objects.create(
        region=region,
        name="Frau Beispiel",
        office="Digitalisierungsbeauftragte der Gemeinde",
        municipality=other_town,
        public_consent=True,
        consent_date=datetime.date(2024, 1, 10),
    )
    for position, name in enumerate(
        ["Strategie-Weiterentwicklung", "Technologie-Scouting", "Marken-Bildung"], start=1
    ):
        WorkLine.objects.create(region=region, position=position, name=name)
    StakeholderRole.objects.create(
        region=region, code="BMK", name="Bürgermeisterkonferenz", role="Entscheider", position=1
    )
    TimelineEvent.objects.create(
        region=region,
        strategy=strategy,
        date=datetime.date(2019, 6, 1),
        date_precision=DatePrecision.MONTH,
        title="Auftakt in Senden",
    )
    return SimpleNamespace(
        region=region,
        strategy=strategy,
        town=town,
        other_town=other_town,
        verwaltung=verwaltung,
        mobilitaet=mobilitaet,
        draft_field=draft_field,
        p1=p1,
        p2=p2,
        local=local,
        draft=draft,
        in_draft_field=in_draft_field,
    )


@pytest.fixture
def site(region, strategy, town, other_town):
    return build_public_site(region, strategy, town, other_town)


@pytest.fixture
def other_site(other_region):
    """Region B with its own published strategy, field, town and project."""
    strategy = t.make_strategy(other_region, title="Strategie B")
    field = t.make_field(strategy, "Feld aus Kreis B", slug="verwaltung")
    town = t.make_municipality(other_region, "Stadt aus Kreis B", slug="stadt-b")
    project = t.make_project(
        other_region,
        "Projekt aus Kreis B",
        code="P1",
        field=field,
        towns=[town],
        is_strategy_project=True,
    )
    return SimpleNamespace(region=other_region, field=field, town=town, project=project)


# ---- Playwright ------------------------------------------------------------------------------


@pytest.fixture
def page(browser, live_server):
    """A fresh German-language page that may only talk to the live server.

    Every request elsewhere is aborted and recorded; the test fails if there was any.
    """
    context = browser.new_context(locale="de-DE")
    blocked: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith(live_server.url) or url.startswith(("data:", "about:")):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
    assert not blocked, f"the page tried to reach the network: {blocked}"
