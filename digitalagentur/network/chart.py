"""The geometry of the staffing chart (issue 14, section 3): one row per town and one for the
district, a bar for the planned and one for the filled FTE, and a mark at the row's
recommendation. Plain numbers; the staff template draws them as SVG (role="img", with the
table beside it as the text alternative)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .staffing import Line

WIDTH = 400
LABEL_WIDTH = 110
RIGHT_MARGIN = 40
TOP = 40  # room for the legend
ROW_HEIGHT = 30
BAR_HEIGHT = 9
BOTTOM = 24  # room for the scale
MAX_TICKS = 6
TICK_STEPS = [Decimal(v) for v in ("0.5", "1", "2", "5", "10", "20", "50")]


@dataclass(frozen=True)
class Bar:
    name: str
    y: float
    label_y: float
    planned_y: float
    filled_y: float
    planned_width: float
    filled_width: float
    recommendation_x: float
    mark_top: float
    mark_bottom: float
    value_x: float
    filled: Decimal
    recommendation: Decimal
    met: bool


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bar_left: int
    bar_right: int
    axis_y: float
    bars: list[Bar]
    ticks: list[Tick]


def scale_top(lines: list[Line]) -> Decimal:
    """The scale's end: the largest value shown (at most 99.99 by the model), rounded up to a
    half FTE (at least 1)."""
    largest = max(
        [Decimal("1")] + [max(line.planned, line.filled, line.recommendation) for line in lines]
    )
    halves = (largest * 2).to_integral_value(rounding="ROUND_CEILING")
    return halves / 2


def fte_label(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


def build(lines: list[Line]) -> Chart:
    top = scale_top(lines)
    left, right = LABEL_WIDTH, WIDTH - RIGHT_MARGIN
    span = right - left

    def x_of(value: Decimal) -> float:
        return round(left + float(value / top) * span, 1)

    bars = []
    for n, line in enumerate(lines):
        y = TOP + n * ROW_HEIGHT
        bars.append(
            Bar(
                name=line.name,
                y=y,
                label_y=y + ROW_HEIGHT / 2 + 4,
                planned_y=y + 5,
                filled_y=y + 5 + BAR_HEIGHT + 2,
                planned_width=round(x_of(line.planned) - left, 1),
                filled_width=round(x_of(line.filled) - left, 1),
                recommendation_x=x_of(line.recommendation),
                mark_top=y + 2,
                mark_bottom=y + ROW_HEIGHT - 4,
                value_x=min(x_of(max(line.planned, line.filled)) + 4, right + 4),
                filled=line.filled,
                recommendation=line.recommendation,
                met=line.met,
            )
        )
    axis_y = TOP + len(lines) * ROW_HEIGHT
    step = next((s for s in TICK_STEPS if top / s <= MAX_TICKS), TICK_STEPS[-1])
    count = int((top / step).to_integral_value(rounding="ROUND_FLOOR"))
    ticks = [Tick(x=x_of(step * k), label=fte_label(step * k)) for k in range(count + 1)]
    return Chart(
        width=WIDTH,
        height=int(axis_y + BOTTOM),
        bar_left=left,
        bar_right=right,
        axis_y=axis_y,
        bars=bars,
        ticks=ticks,
    )
