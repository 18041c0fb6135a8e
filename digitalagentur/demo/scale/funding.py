"""The scale data of the funding module: per region a funder, programmes with a call each
and applications with sub-projects and budget lines (exact euros), linked to the region's
towns and projects."""

from __future__ import annotations

import datetime
from decimal import Decimal

from digitalagentur.funding.finance import CENT
from digitalagentur.funding.models import (
    Application,
    ApplicationStatus,
    BudgetLine,
    Call,
    Funder,
    LineKind,
    Programme,
    SubProject,
    end_of_day,
)

from .base import BASE_TIME, Context, Progress
from .changelog import log_created

RATE = Decimal("0.0001")
PROGRAMMES_PER_REGION = 3
APPLICATIONS_PER_REGION = 12
SUBPROJECTS_PER_APPLICATION = (2, 6)
LINES_PER_SUBPROJECT = (1, 4)
STATUSES = [s.value for s in ApplicationStatus]


def build_funding(ctx: Context, progress: Progress) -> None:
    for chunk in ctx.chunks():
        funders, programmes, calls = [], [], []
        for state in chunk:
            funders.append(
                Funder(
                    region=state.region,
                    name="Bundesministerium für Lasttests",
                    short_name="BML",
                    created=BASE_TIME,
                    updated=BASE_TIME,
                )
            )
        ctx.insert(funders, Funder)
        for state, funder in zip(chunk, funders, strict=True):
            for n in range(PROGRAMMES_PER_REGION):
                programmes.append(
                    Programme(
                        region=state.region,
                        funder=funder,
                        slug=f"programm-{n + 1}",
                        name=f"Förderprogramm {n + 1}",
                        summary="Generiertes Programm für Lasttests.",
                        funding_rate=(Decimal("0.65") + Decimal(n) / 20).quantize(RATE),
                        max_grant=Decimal(5_000_000 * (n + 1)).quantize(CENT),
                        max_months=48,
                        cost_types=["personnel", "material", "investment"],
                        applicant_types=["town", "district", "cooperation"],
                        keywords="Digitalisierung, Breitband, Verwaltung",
                        published=True,
                        created=BASE_TIME,
                        updated=BASE_TIME,
                    )
                )
        ctx.insert(programmes, Programme)
        for programme in programmes:
            calls.append(
                Call(
                    region_id=programme.region_id,
                    programme=programme,
                    title=f"Aufruf {programme.name}",
                    deadline=end_of_day(datetime.date(2026, 3, 31)),
                    published=True,
                    created=BASE_TIME,
                    updated=BASE_TIME,
                )
            )
        ctx.insert(calls, Call)
        by_region = {}
        for programme, call in zip(programmes, calls, strict=True):
            by_region.setdefault(programme.region_id, []).append((programme, call))
        applications, plans = [], []
        for state in chunk:
            rng = ctx.rng("funding", state.index)
            for n in range(APPLICATIONS_PER_REGION):
                programme, call = rng.choice(by_region[state.region.pk])
                status = STATUSES[n % len(STATUSES)]
                application = Application(
                    region=state.region,
                    call=call,
                    programme=programme,
                    slug=f"antrag-{n + 1}",
                    title=f"Antrag {n + 1} zu {programme.name}",
                    status=status,
                    submitted_on=datetime.date(2025, 1 + n % 12, 1),
                    third_party=Decimal("0.00"),
                    granted_amount=Decimal(rng.randint(100, 900) * 1000).quantize(CENT)
                    if status == ApplicationStatus.APPROVED
                    else None,
                    published=True,
                    created=BASE_TIME,
                    updated=BASE_TIME,
                )
                towns = rng.sample(state.towns, min(3, len(state.towns)))
                projects = rng.sample(state.projects, min(2, len(state.projects)))
                applications.append(application)
                plans.append((application, towns, projects, rng))
        ctx.insert(applications, Application)
        town_links, project_links, subprojects, sub_plans = [], [], [], []
        for application, towns, projects, rng in plans:
            for town in towns:
                town_links.append(
                    Application.municipalities.through(application=application, municipality=town)
                )
            for project in projects:
                project_links.append(
                    Application.projects.through(application=application, project=project)
                )
            for position in range(rng.randint(*SUBPROJECTS_PER_APPLICATION)):
                sub = SubProject(
                    region_id=application.region_id,
                    application=application,
                    title=f"Teilprojekt {position + 1}",
                    position=position,
                    project=projects[position % len(projects)] if projects else None,
                    created=BASE_TIME,
                    updated=BASE_TIME,
                )
                subprojects.append(sub)
                sub_plans.append((sub, rng))
        ctx.insert(town_links, Application.municipalities.through)
        ctx.insert(project_links, Application.projects.through)
        ctx.insert(subprojects, SubProject)
        lines = []
        for sub, rng in sub_plans:
            for _n in range(rng.randint(*LINES_PER_SUBPROJECT)):
                kind = rng.choice([LineKind.INVESTIVE, LineKind.CONSUMPTIVE])
                lines.append(
                    BudgetLine(
                        region_id=sub.region_id,
                        subproject=sub,
                        label=f"{LineKind(kind).label} {rng.randint(2025, 2028)}",
                        kind=kind,
                        eligible=rng.random() < 0.9,
                        amount=(Decimal(rng.randint(1_000_00, 900_000_00)) / 100).quantize(CENT),
                        created=BASE_TIME,
                        updated=BASE_TIME,
                    )
                )
        ctx.insert(lines, BudgetLine)
        links = {
            application: {
                "municipalities": [town.pk for town in towns],
                "projects": [project.pk for project in projects],
            }
            for application, towns, projects, _rng in plans
        }
        for objs in (funders, programmes, calls, subprojects, lines):
            log_created(ctx, objs, by=ctx.coordinator_of)
        log_created(ctx, applications, by=ctx.coordinator_of, extra=lambda a, links=links: links[a])
        progress.advance(len(chunk))
