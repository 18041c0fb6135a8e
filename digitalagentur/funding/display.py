"""Funding figures as pages, exports and charts write them (pure functions, no database).

Amounts stay exact Decimal euros; they are rounded here for display only (half up), and
nothing rounded is ever added up. `budget_table` turns an application's budget overview
(funding/overview.py) into the figures of seed 003's "Budgetübersicht (in Mio. €)": one row
per sub-project, the totals, the investive and consumptive shares, the grant and the own
share with the programme's rates. Staff pages, public pages, exports and charts read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from .finance import Plan, euro, millions
from .models import ApplicationStatus, CallStatus
from .overview import Overview, rules_of

HUNDRED = Decimal(100)

# The status chips of calls and applications reuse the projects' colours (site.css), on the
# staff and the public pages alike.
CALL_STATUS_CLASS = {
    CallStatus.FORTHCOMING: "planned",
    CallStatus.OPEN: "in_progress",
    CallStatus.CLOSED: "idea",
}
APPLICATION_STATUS_CLASS = {
    ApplicationStatus.IDEA: "idea",
    ApplicationStatus.PREPARING: "in_progress",
    ApplicationStatus.SUBMITTED: "planned",
    ApplicationStatus.APPROVED: "completed",
    ApplicationStatus.REJECTED: "discontinued",
    ApplicationStatus.WITHDRAWN: "paused",
}


def german_decimal(value: Decimal) -> str:
    return str(value).replace(".", ",")


def percent(rate: Decimal | None) -> str:
    """A rate as German percent without trailing zeros: 0.65 -> "65 %", 0.625 -> "62,5 %"."""
    if rate is None:
        return ""
    value = (rate * HUNDRED).quantize(Decimal("0.01"), ROUND_HALF_UP).normalize()
    return f"{value:f}".replace(".", ",") + " %"


def share_value(part: Decimal, whole: Decimal) -> Decimal:
    """A share from exact euros in per cent with one place, half up: Decimal("60.0")."""
    if not whole:
        return Decimal("0.0")
    return (part * HUNDRED / whole).quantize(Decimal("0.1"), ROUND_HALF_UP)


def share_percent(part: Decimal, whole: Decimal) -> str:
    """A share from exact euros with one decimal place: "60,0 %"."""
    return german_decimal(share_value(part, whole)) + " %"


def euros(value: Decimal | None) -> str:
    return "" if value is None else f"{euro(value)} €"


def mio(value: Decimal) -> str:
    """Exact euros as "4,90" (Mio. €, two places, half up)."""
    return euro(millions(value))


def plain_amount(value: Decimal) -> str:
    """An amount for a German CSV cell: decimal comma, no thousands separator: "35500,00"."""
    return german_decimal(value.quantize(Decimal("0.01"), ROUND_HALF_UP))


@dataclass
class BudgetRow:
    label: str
    investive: Decimal
    consumptive: Decimal
    total: Decimal
    anchor: str = ""

    @property
    def cells(self) -> list[tuple[str, str]]:
        """(Mio. € text, exact euro text) of investive, consumptive, total."""
        return [(mio(v), euros(v)) for v in (self.investive, self.consumptive, self.total)]


@dataclass
class BudgetTable:
    """Seed 003's "Budgetübersicht" of one application, exact euros with display texts."""

    rows: list[BudgetRow]
    totals: BudgetRow
    plan: Plan
    funding_rate: Decimal  # the programme's rate (0 without a programme or a known rate)
    has_programme: bool

    @property
    def own_rate(self) -> Decimal:
        return Decimal(1) - self.funding_rate

    @property
    def investive_share(self) -> str:
        return share_percent(self.plan.investive, self.plan.total)

    @property
    def consumptive_share(self) -> str:
        return share_percent(self.plan.consumptive, self.plan.total)

    @property
    def funding_rate_text(self) -> str:
        return percent(self.funding_rate)

    @property
    def own_rate_text(self) -> str:
        return percent(self.own_rate)

    @property
    def grant_label(self) -> str:
        return _("davon Förderung (%(rate)s)") % {"rate": self.funding_rate_text}

    @property
    def own_share_label(self) -> str:
        return _("davon Eigenanteil (%(rate)s)") % {"rate": self.own_rate_text}

    @property
    def grant(self) -> tuple[str, str]:
        return mio(self.plan.grant), euros(self.plan.grant)

    @property
    def own_share(self) -> tuple[str, str]:
        return mio(self.plan.own_share), euros(self.plan.own_share)

    @property
    def plan_amounts(self) -> list[tuple[str, str]]:
        plan = self.plan
        return [
            (_("förderfähige Kosten"), euros(plan.eligible_total)),
            (_("Förderung"), euros(plan.grant)),
            (_("Eigenanteil"), euros(plan.own_share)),
            (_("davon angerechnete Mittel Dritter"), euros(plan.third_party)),
            (
                _("kommunaler Eigenanteil (mit nicht förderfähigen Kosten)"),
                euros(plan.municipal_own_share),
            ),
        ]


def budget_table(overview: Overview) -> BudgetTable:
    """The budget overview of an application (its programme loaded) as seed 003 shows it."""
    plan = overview.plan
    rows = [
        BudgetRow(r.label, r.investive, r.consumptive, r.total, f"teilprojekt-{r.subproject.pk}")
        for r in overview.rows
    ]
    return BudgetTable(
        rows=rows,
        totals=BudgetRow(_("Summe"), plan.investive, plan.consumptive, plan.total),
        plan=plan,
        funding_rate=rules_of(overview.application).funding_rate,
        has_programme=overview.application.programme_id is not None,
    )
