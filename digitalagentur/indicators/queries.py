"""Reading indicators with their status: a fixed number of queries for any number of them."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import F, Max, Q, QuerySet
from django.utils import timezone

from .choices import STATUS_ORDER
from .models import Indicator, IndicatorTarget, IndicatorValue
from .status import Assessment, assess, is_current


def visible_indicators(region, *, internal: bool) -> QuerySet[Indicator]:
    """The region's indicators a reader sees: drafts only with `internal` (staff)."""
    qs = Indicator.objects.filter(region=region)
    return qs if internal else qs.filter(published=True)


@dataclass
class IndicatorRow:
    """An indicator with what lists and pages show of it."""

    indicator: Indicator
    assessment: Assessment
    latest_date: datetime.date | None = None  # of any value, the region's or a town's
    town_latest: tuple | None = None  # (date, value) of one town, when asked for
    values: list = field(default_factory=list)  # the region's values, by date
    targets: list = field(default_factory=list)

    @property
    def status(self) -> str:
        return self.assessment.status

    @property
    def is_current(self) -> bool:
        return is_current(self.latest_date, self.indicator.interval_months, timezone.localdate())


def with_status(
    indicators: Iterable[Indicator], *, town_id: int | None = None
) -> list[IndicatorRow]:
    """Rows with status for the given indicators: two queries (targets, values) whatever
    their number; with `town_id`, each row also carries that town's latest value."""
    indicators = list(indicators)
    ids = [i.pk for i in indicators]
    targets, values = defaultdict(list), defaultdict(list)
    latest, town_latest = {}, {}
    for row in IndicatorTarget.objects.filter(indicator_id__in=ids).order_by("date"):
        targets[row.indicator_id].append(row)
    value_rows = IndicatorValue.objects.filter(indicator_id__in=ids)
    if town_id is None:
        # The towns' values only count for how current an indicator is.
        latest.update(
            value_rows.filter(municipality__isnull=False)
            .values("indicator_id")
            .annotate(last=Max("date"))
            .values_list("indicator_id", "last")
        )
        value_rows = value_rows.filter(municipality__isnull=True)
    else:
        value_rows = value_rows.filter(Q(municipality__isnull=True) | Q(municipality_id=town_id))
    for row in value_rows.order_by("date", "pk"):
        if row.municipality_id is None:
            values[row.indicator_id].append(row)
        else:
            town_latest[row.indicator_id] = (row.date, row.value)
        if latest.get(row.indicator_id) is None or latest[row.indicator_id] < row.date:
            latest[row.indicator_id] = row.date
    result = []
    for indicator in indicators:
        own_values, own_targets = values[indicator.pk], targets[indicator.pk]
        assessment = assess(
            [(v.date, v.value) for v in own_values],
            [(t.date, t.value) for t in own_targets],
            higher_is_better=indicator.higher_is_better,
        )
        result.append(
            IndicatorRow(
                indicator,
                assessment,
                latest_date=latest.get(indicator.pk),
                town_latest=town_latest.get(indicator.pk),
                values=own_values,
                targets=own_targets,
            )
        )
    return result


def status_counts(rows: Iterable[IndicatorRow]) -> list[tuple[str, int]]:
    counts = defaultdict(int)
    for row in rows:
        counts[row.status] += 1
    return [(status, counts[status]) for status in STATUS_ORDER if counts[status]]


def without_current_value(region, *, today: datetime.date | None = None) -> QuerySet:
    """The region's indicators whose latest value (the region's or a town's) is older than
    their survey interval, or which have none: one query, oldest first."""
    today = today or timezone.localdate()
    qs = Indicator.objects.filter(region=region).annotate(last_value=Max("values__date"))
    stale_ids = [
        pk
        for pk, last, months in qs.values_list("pk", "last_value", "interval_months")
        if not is_current(last, months, today)
    ]
    return qs.filter(pk__in=stale_ids).order_by(F("last_value").asc(nulls_first=True), "name")
