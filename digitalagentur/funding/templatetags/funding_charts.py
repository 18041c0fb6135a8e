"""The budget charts for templates: {% budget_charts rows plan as charts %}.

`rows` are budget rows (label, investive, consumptive, total in euros) and `plan` the
application's funding.finance.Plan, as the staff and public budget pages have them in their
context; templates/includes/budget_charts.html draws the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django import template

from digitalagentur.funding.charts import (
    BarChart,
    financing_chart,
    financing_description,
    split_chart,
    split_description,
)

register = template.Library()


@dataclass
class BudgetCharts:
    split: BarChart | None
    financing: BarChart | None
    split_desc: str = ""
    financing_desc: str = ""
    rows: list = field(default_factory=list)

    def __bool__(self) -> bool:
        return self.split is not None or self.financing is not None


@register.simple_tag
def budget_charts(rows, plan) -> BudgetCharts:
    rows = list(rows or [])
    split = split_chart(rows)
    financing = financing_chart(plan) if plan is not None else None
    return BudgetCharts(
        split=split,
        financing=financing,
        split_desc=split_description(split) if split else "",
        financing_desc=financing_description(financing) if financing else "",
        rows=rows,
    )
