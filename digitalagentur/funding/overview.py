"""The budget overview of applications (seed 003's "Budgetübersicht"): one row per
sub-project with its investive, consumptive and total euros, the plan of the whole
application under its programme's rules (funding/finance.py) and the split of its municipal
own share across the participating towns. Four queries for any number of applications."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from digitalagentur.tenancy.models import Municipality

from .finance import (
    CONSUMPTIVE,
    INVESTIVE,
    ZERO,
    Line,
    Plan,
    Rules,
    compute,
    share,
    split,
    total_of,
)
from .models import Application, BudgetLine, OwnShareWeight, SplitMode, SubProject


@dataclass
class OverviewRow:
    subproject: SubProject
    investive: Decimal
    consumptive: Decimal
    total: Decimal

    @property
    def label(self) -> str:
        return self.subproject.title


@dataclass
class SplitRow:
    """A participant's part of the municipal own share; municipality None is the district."""

    municipality: Municipality | None
    weight: Decimal  # the basis: 1, the population or the fixed part
    share: Decimal  # of the whole, 0..1, four places
    amount: Decimal

    @property
    def label(self) -> str:
        return self.municipality.name if self.municipality is not None else _("Kreis")


@dataclass
class Overview:
    application: Application
    rows: list[OverviewRow]
    plan: Plan
    split: list[SplitRow] = field(default_factory=list)
    split_problem: str = ""


def own_share_split(
    application: Application,
    amount: Decimal,
    towns: list[Municipality],
    fixed: dict[int, Decimal],
) -> tuple[list[SplitRow], str]:
    """The municipal own share `amount` split across the participating `towns` by the
    application's mode: equal parts, by population, or by the `fixed` parts (town id ->
    percent, used as weights). Without towns the district bears it all. Returns the rows and,
    when no split can be made, why."""
    if not towns:
        return [SplitRow(None, Decimal(1), Decimal(1), amount)], ""
    mode = application.split_mode
    if mode == SplitMode.POPULATION:
        missing = [town.name for town in towns if not town.population]
        if missing:
            return [], _(
                "Für die Aufteilung nach Einwohnerzahl fehlt die Einwohnerzahl von %(towns)s."
            ) % {"towns": ", ".join(missing)}
        weights = {town.pk: Decimal(town.population) for town in towns}
    elif mode == SplitMode.MANUAL:
        weights = {town.pk: fixed.get(town.pk, Decimal(0)) for town in towns}
        if not any(weights.values()):
            return [], _("Für die Aufteilung sind noch keine Anteile festgelegt.")
    else:
        weights = {town.pk: Decimal(1) for town in towns}
    parts = split(amount, weights)
    whole = sum(weights.values())
    return [
        SplitRow(town, weights[town.pk], share(weights[town.pk], whole), parts.get(town.pk, ZERO))
        for town in towns
    ], ""


def rules_of(application: Application) -> Rules:
    """The programme's rules; without a programme (or a known rate) nothing is granted."""
    programme = application.programme
    if programme is None:
        return Rules(funding_rate=Decimal(0))
    return Rules(
        funding_rate=programme.funding_rate or Decimal(0),
        max_grant=programme.max_grant,
        third_party_max_share_of_own=programme.third_party_max_share_of_own,
        max_months=programme.max_months,
    )


def duration_months(application: Application) -> int | None:
    start, end = application.start_date, application.end_date
    if start is None or end is None:
        return None
    months = (end.year - start.year) * 12 + end.month - start.month
    return months + (1 if end.day >= start.day else 0)


def overviews(applications: Iterable[Application]) -> dict[int, Overview]:
    """The overview of each application (its programme must be loaded, e.g. select_related)
    with the split of its municipal own share: four queries for any number of applications."""
    applications = list(applications)
    ids = [a.pk for a in applications]
    towns = defaultdict(list)
    through = Application.municipalities.through
    for link in (
        through.objects.filter(application_id__in=ids)
        .select_related("municipality")
        .order_by("municipality__name", "municipality_id")
    ):
        towns[link.application_id].append(link.municipality)
    fixed = defaultdict(dict)
    for weight in OwnShareWeight.objects.filter(application_id__in=ids):
        fixed[weight.application_id][weight.municipality_id] = weight.weight
    subprojects = defaultdict(list)
    for sub in SubProject.objects.filter(application_id__in=ids).order_by("position", "pk"):
        subprojects[sub.application_id].append(sub)
    lines = defaultdict(list)
    for line in BudgetLine.objects.filter(subproject__application_id__in=ids).order_by("pk"):
        lines[line.subproject_id].append(
            Line(line.label, line.kind, line.amount, eligible=line.eligible)
        )
    result = {}
    for application in applications:
        rows, all_lines = [], []
        for sub in subprojects[application.pk]:
            own = lines[sub.pk]
            all_lines += own
            rows.append(
                OverviewRow(
                    sub,
                    investive=total_of(own, kind=INVESTIVE),
                    consumptive=total_of(own, kind=CONSUMPTIVE),
                    total=total_of(own),
                )
            )
        plan = compute(
            rules_of(application),
            all_lines,
            duration_months=duration_months(application),
            third_party=application.third_party,
        )
        rows_of_split, problem = own_share_split(
            application, plan.municipal_own_share, towns[application.pk], fixed[application.pk]
        )
        result[application.pk] = Overview(application, rows, plan, rows_of_split, problem)
    return result
