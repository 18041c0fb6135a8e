"""The line chart of an indicator: measured values against the target path (pure functions).

`line_chart` turns the region's values and targets, as (date, Decimal) pairs, into the
geometry that templates/includes/indicator_chart.html draws as inline SVG: the axes with
their ticks, the points and polylines of the values, the target path (status.target_path,
drawn dashed) and the targets. No database, no template: tested on hand-computed cases.

The time axis runs over whole calendar years, each year labelled in the middle of its band,
so a value of 31.12.2025 sits at the end of the band "2025". The value axis is fitted to
every value and target with "nice" steps (1, 2, 2.5 or 5 times a power of ten); it starts at
zero when no number is negative and the smallest is at most half the largest, so that bars
of progress read from the ground (a value range far from zero keeps its detail).
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from .numbers import display
from .status import Point, target_path

# The drawing area (user units of the viewBox) and the margins around the plot, which hold
# the tick labels. The SVG scales to the width of the page (viewBox, width 100 %).
WIDTH = 520
HEIGHT = 300
LEFT, RIGHT, TOP, BOTTOM = 60, 20, 20, 40
PLOT_WIDTH = WIDTH - LEFT - RIGHT  # 440
PLOT_HEIGHT = HEIGHT - TOP - BOTTOM  # 240
MAX_Y_INTERVALS = 5
MAX_YEAR_LABELS = 8
NICE_STEPS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))


def format_date(day: datetime.date) -> str:
    return f"{day.day:02d}.{day.month:02d}.{day.year:04d}"


@dataclass(frozen=True)
class Tick:
    pos: float  # x for the time axis, y for the value axis
    label: str


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    date: datetime.date
    value: Decimal
    label: str  # the value as people read it ("1.650")
    date_label: str  # "31.12.2025"


@dataclass
class LineChart:
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM
    y_min: Decimal = Decimal(0)
    y_max: Decimal = Decimal(1)
    y_ticks: list[Tick] = field(default_factory=list)
    year_lines: list[float] = field(default_factory=list)  # x of each 1 January
    year_labels: list[Tick] = field(default_factory=list)
    values: list[ChartPoint] = field(default_factory=list)
    targets: list[ChartPoint] = field(default_factory=list)
    path: list[ChartPoint] = field(default_factory=list)

    @property
    def values_line(self) -> str:
        return polyline(self.values)

    @property
    def path_line(self) -> str:
        return polyline(self.path)


def polyline(points: Iterable[ChartPoint]) -> str:
    """The `points` attribute of an SVG polyline: "x,y x,y …" (empty below two points)."""
    points = list(points)
    if len(points) < 2:
        return ""
    return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in points)


def nice_range(low: Decimal, high: Decimal) -> tuple[Decimal, Decimal, Decimal]:
    """(start, end, step) of a value axis that holds [low, high] in at most MAX_Y_INTERVALS
    steps of 1, 2, 2.5 or 5 times a power of ten."""
    if low > high:
        low, high = high, low
    if low >= 0 and low * 2 <= high:
        low = Decimal(0)
    span = high - low
    if span == 0:
        span = abs(high) or Decimal(1)
    raw = span / MAX_Y_INTERVALS
    magnitude = Decimal(1).scaleb(math.floor(raw.log10()))
    for nice in NICE_STEPS:
        step = nice * magnitude
        start = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step
        end = (high / step).to_integral_value(rounding="ROUND_CEILING") * step
        if (end - start) / step <= MAX_Y_INTERVALS:
            break
    if start == end:  # all numbers equal and on a step: the line in the middle
        start, end = start - step, end + step
        if low >= 0 > start:
            start, end = Decimal(0), end + step
    return start, end, step


def step_decimals(step: Decimal) -> int:
    """How many decimal places the tick labels of `step` need (2.5 → 1, 0.25 → 2, 10 → 0)."""
    exponent = step.normalize().as_tuple().exponent
    return max(0, -int(exponent))


def year_span(days: Iterable[datetime.date]) -> tuple[datetime.date, datetime.date]:
    """From 1 January of the first date's year to 1 January after the last date's year."""
    days = list(days)
    first, last = min(days), max(days)
    return datetime.date(first.year, 1, 1), datetime.date(last.year + 1, 1, 1)


def line_chart(
    values: Iterable[Point], targets: Iterable[Point], *, decimals: int = 0
) -> LineChart | None:
    """The chart of an indicator's region values and targets (date, value); None when there
    is nothing to draw. `decimals`: the indicator's decimal places for the point labels."""
    values, targets = sorted(values), sorted(targets)
    if not values and not targets:
        return None
    path = target_path(values, targets) if targets else []
    numbers = [v for _, v in values] + [v for _, v in targets]
    y_min, y_max, step = nice_range(min(numbers), max(numbers))
    start, end = year_span([d for d, _ in values] + [d for d, _ in targets])
    total_days = (end - start).days
    chart = LineChart(y_min=y_min, y_max=y_max)

    def x_of(day: datetime.date) -> float:
        return round(LEFT + PLOT_WIDTH * (day - start).days / total_days, 1)

    def y_of(value: Decimal) -> float:
        share = (Decimal(value) - y_min) / (y_max - y_min)
        return round(float(TOP + PLOT_HEIGHT - PLOT_HEIGHT * share), 1)

    def point(day: datetime.date, value: Decimal) -> ChartPoint:
        return ChartPoint(
            x_of(day), y_of(value), day, value, display(value, decimals), format_date(day)
        )

    tick_decimals = step_decimals(step)
    tick = y_min
    while tick <= y_max:
        chart.y_ticks.append(Tick(y_of(tick), display(tick, tick_decimals)))
        tick += step
    years = list(range(start.year, end.year))
    every = math.ceil(len(years) / MAX_YEAR_LABELS)
    for index, year in enumerate(years):
        chart.year_lines.append(x_of(datetime.date(year, 1, 1)))
        if index % every == 0:
            middle = (x_of(datetime.date(year, 1, 1)) + x_of(datetime.date(year + 1, 1, 1))) / 2
            chart.year_labels.append(Tick(round(middle, 1), str(year)))
    chart.year_lines.append(x_of(end))
    chart.values = [point(d, v) for d, v in values]
    chart.targets = [point(d, v) for d, v in targets]
    chart.path = [point(d, v) for d, v in path]
    return chart
