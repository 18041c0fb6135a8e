"""The budget overview of applications (seed 003's "Budgetübersicht"): one row per
sub-project with its investive, consumptive and total euros, and the plan of the whole
application under its programme's rules (funding/finance.py). Two queries for any number of
applications."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .finance import CONSUMPTIVE, INVESTIVE, Line, Plan, Rules, compute, total_of
from .models import Application, BudgetLine, SubProject


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
class Overview:
    application: Application
    rows: list[OverviewRow]
    plan: Plan


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
    """The overview of each application (its programme must be loaded, e.g. select_related)."""
    applications = list(applications)
    ids = [a.pk for a in applications]
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
        result[application.pk] = Overview(application, rows, plan)
    return result
