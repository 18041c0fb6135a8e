"""Test factories for funding budgets (public pages, exports, charts): programmes and
applications with sub-projects and budget lines, written through funding.services."""

from __future__ import annotations

from decimal import Decimal
from itertools import count

from digitalagentur.demo.data import funding as demo
from digitalagentur.funding import services
from digitalagentur.funding.models import (
    Application,
    BudgetLine,
    Funder,
    Programme,
    SubProject,
)

_seq = count(1)


def make_programme(region, name: str | None = None, **values) -> Programme:
    n = next(_seq)
    funder = services.create(Funder(region=region, name=f"Fördergeber {n}", short_name=f"FG{n}"))
    values = {"funding_rate": Decimal("0.65"), "published": True, **values}
    return services.create(
        Programme(region=region, funder=funder, name=name or f"Programm {n}", **values)
    )


def make_application(
    region,
    title: str | None = None,
    *,
    programme: Programme | None = None,
    subprojects=(),
    projects=(),
    towns=(),
    **values,
) -> Application:
    """subprojects: [(title, project or None, [(kind, amount, eligible?, label, year)...])];
    a line may stop after the amount (eligible, no label, no year)."""
    values.setdefault("published", True)
    application = services.create(
        Application(
            region=region,
            programme=programme,
            title=title or f"Antrag {next(_seq)}",
            **values,
        ),
        m2m={"projects": [p.pk for p in projects], "municipalities": [t.pk for t in towns]},
    )
    for position, (sub_title, project, lines) in enumerate(subprojects, start=1):
        sub = services.create(
            SubProject(
                region=region,
                application=application,
                title=sub_title,
                position=position,
                project=project,
            )
        )
        for line in lines:
            kind, amount, eligible, label, year = (*line, True, "", None)[:5]
            services.create(
                BudgetLine(
                    region=region,
                    subproject=sub,
                    kind=kind,
                    amount=Decimal(amount),
                    eligible=eligible,
                    label=label,
                    year=year,
                )
            )
    return application


def make_smart_cities_bid(region, **values) -> Application:
    """The demo's Smart Cities bid (seed 003): seven sub-projects with exact euros."""
    programme = make_programme(
        region,
        "Modellprojekte Smart Cities",
        funding_rate=demo.SMART_CITIES_FUNDING_RATE,
        max_grant=Decimal("15000000.00"),
        third_party_max_share_of_own=Decimal("0.5"),
    )
    values.setdefault("status", "submitted")
    return make_application(
        region,
        "Kreis Coesfeld – Raum für Zukunft",
        programme=programme,
        slug="kreis-coesfeld-raum-fuer-zukunft",
        subprojects=[
            (title, None, [("investive", investive), ("consumptive", consumptive)])
            for title, investive, consumptive in demo.SMART_CITIES_BUDGET
        ],
        **values,
    )
