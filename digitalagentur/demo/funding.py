"""The demo's funding data (demo/data/funding.py), loaded by DemoLoader.load_funding."""

from __future__ import annotations

import datetime

from digitalagentur.funding import services as funding_services
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
from digitalagentur.portfolio.models import Project
from digitalagentur.strategy.models import Field

from .data import funding


def load_funding(loader, region, reason: str) -> None:
    """Funders, the programmes and the call of seed 003, and four applications; the Smart
    Cities bid with its seven sub-projects and their exact budget lines."""
    funders = {}
    for name, short in funding.FUNDERS:
        funders[short] = funding_services.create(
            Funder(region=region, name=name, short_name=short), reason=reason
        )
        loader.created["Fördergeber"] += 1
    programmes = {}
    for data in (funding.SMART_CITIES, funding.SMARTE_LAND_REGIONEN):
        values = {k: v for k, v in data.items() if k not in ("funder", "fields")}
        programme = Programme(
            region=region, funder=funders[data["funder"]], published=True, **values
        )
        fields = Field.objects.filter(region=region, slug__in=data.get("fields", ()))
        programmes[data["slug"]] = funding_services.create(
            programme, reason=reason, m2m={"fields": list(fields.values_list("pk", flat=True))}
        )
        loader.created["Förderprogramme"] += 1
    call_data = funding.SMART_CITIES_CALL
    call = funding_services.create(
        Call(
            region=region,
            programme=programmes["modellprojekte-smart-cities"],
            title=call_data["title"],
            deadline=end_of_day(datetime.date.fromisoformat(call_data["deadline"])),
            published=True,
        ),
        reason=reason,
    )
    loader.created["Förderaufrufe"] += 1
    for title, day in call_data["later"]:
        due = end_of_day(datetime.date.fromisoformat(day))
        funding_services.create(
            CallDeadline(region=region, call=call, title=title, due=due), reason=reason
        )
    strategy_projects = dict(
        Project.objects.filter(region=region, is_strategy_project=True).values_list("code", "pk")
    )
    local_projects = dict(
        Project.objects.filter(region=region, is_strategy_project=False).values_list("slug", "pk")
    )
    for data in funding.APPLICATIONS:
        dates = {
            key: datetime.date.fromisoformat(data[key])
            for key in ("submitted_on", "start_date")
            if data.get(key)
        }
        application = Application(
            region=region,
            slug=data["slug"],
            title=data["title"],
            programme=programmes.get(data["programme"]),
            call=call if data.get("call") else None,
            status=data["status"],
            summary=data["summary"],
            partners=data.get("partners", ""),
            internal_notes=data["internal_notes"],
            published=True,
            **dates,
        )
        project_ids = [strategy_projects[code] for code in data.get("projects", [])]
        project_ids += [local_projects[slug] for slug in data.get("local_projects", [])]
        towns = [t.pk for t in loader.towns.values()] if data["all_towns"] else []
        funding_services.create(
            application,
            reason=reason,
            m2m={"municipalities": towns, "projects": project_ids},
        )
        loader.created["Förderanträge"] += 1
    bid = Application.objects.get(region=region, slug="kreis-coesfeld-raum-fuer-zukunft")
    for position, (title, investive, consumptive) in enumerate(
        funding.SMART_CITIES_BUDGET, start=1
    ):
        code = funding.SMART_CITIES_SUBPROJECTS[title]
        sub = funding_services.create(
            SubProject(
                region=region,
                application=bid,
                title=title,
                position=position,
                project_id=strategy_projects[code],
            ),
            reason=reason,
        )
        for kind, amount in (("investive", investive), ("consumptive", consumptive)):
            funding_services.create(
                BudgetLine(region=region, subproject=sub, kind=kind, amount=amount),
                reason=reason,
            )
