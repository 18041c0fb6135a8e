"""An indicator's status: its latest value against the target path (pure functions).

The target path runs through the baseline (the earliest measured value of the whole region)
and every target, straight from point to point; before its first point it stands at the first
point's value and after its last point at the last target. At the latest value's date the path
gives the expected value. The shortfall is how far the latest value lags behind it (in the
indicator's direction):

- on track: shortfall ≤ 0 (at or better than the path),
- at risk: 0 < shortfall ≤ AT_RISK_SHARE × the planned change (|last target − baseline|;
  when the target is to hold the baseline, AT_RISK_SHARE × |last target|),
- off track: a larger shortfall,
- unknown: no target or no measured value.

All arithmetic is exact (fractions), so the boundaries hold to the last digit.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .choices import IndicatorStatus

AT_RISK_SHARE = Fraction(1, 10)

Point = tuple[datetime.date, Decimal]


@dataclass(frozen=True)
class Assessment:
    status: str
    latest: Point | None = None
    expected: Fraction | None = None
    shortfall: Fraction | None = None
    tolerance: Fraction | None = None


def target_path(values: Iterable[Point], targets: Iterable[Point]) -> list[Point]:
    """The points of the target path, by date: the baseline and the targets (a target on the
    baseline's date replaces the baseline)."""
    by_date = {}
    values = sorted(values)
    if values:
        by_date[values[0][0]] = values[0][1]
    for date, value in targets:
        by_date[date] = value
    return sorted(by_date.items())


def expected_on(path: list[Point], date: datetime.date) -> Fraction:
    """The path's value on `date`: linear between its points, flat before and after them."""
    if date <= path[0][0]:
        return Fraction(path[0][1])
    for (d0, v0), (d1, v1) in zip(path, path[1:], strict=False):
        if date <= d1:
            share = Fraction((date - d0).days, (d1 - d0).days)
            return Fraction(v0) + (Fraction(v1) - Fraction(v0)) * share
    return Fraction(path[-1][1])


def assess(
    values: Iterable[Point], targets: Iterable[Point], *, higher_is_better: bool
) -> Assessment:
    """The status of an indicator from its region values and its targets (date, value)."""
    values, targets = sorted(values), sorted(targets)
    if not values or not targets:
        return Assessment(IndicatorStatus.UNKNOWN, latest=values[-1] if values else None)
    latest_date, latest_value = values[-1]
    path = target_path(values, targets)
    expected = expected_on(path, latest_date)
    lag = expected - Fraction(latest_value)
    shortfall = lag if higher_is_better else -lag
    final = Fraction(targets[-1][1])
    planned = abs(final - Fraction(values[0][1])) or abs(final)
    tolerance = AT_RISK_SHARE * planned
    if shortfall <= 0:
        status = IndicatorStatus.ON_TRACK
    elif shortfall <= tolerance:
        status = IndicatorStatus.AT_RISK
    else:
        status = IndicatorStatus.OFF_TRACK
    return Assessment(
        status,
        latest=(latest_date, latest_value),
        expected=expected,
        shortfall=shortfall,
        tolerance=tolerance,
    )


def is_current(latest_date: datetime.date | None, interval_months: int, today: datetime.date):
    """Whether the latest value is recent enough: not older than the survey interval."""
    if latest_date is None:
        return False
    return latest_date >= months_before(today, interval_months)


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` earlier (the month's last day when it is shorter)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
