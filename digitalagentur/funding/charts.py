"""Bar charts of an application's budget (pure functions, no database, no template).

`split_chart` draws one stacked bar per sub-project (investive and consumptive costs, the
lengths to one scale in Mio. €); `financing_chart` draws two bars of the same length, the
costs split into investive and consumptive and their financing split into grant, own share
and costs that are not eligible. templates/includes/budget_charts.html draws the geometry as
inline SVG (role="img" with title and desc) followed by the same figures as a table, so that
nothing is said by colour or shape alone. Lengths come from the exact euros; only the texts
are rounded (funding/display.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from digitalagentur.indicators.chart import nice_range, step_decimals

from .display import german_decimal, mio, share_percent
from .finance import Plan

# The drawing (user units of the viewBox; the SVG scales to the width of the page).
WIDTH = 440  # narrow, so that the 16px texts stay readable on a phone
LEFT, RIGHT = 12, 428
PLOT_WIDTH = RIGHT - LEFT  # 416
TOP = 8
LABEL_HEIGHT = 22  # the bar's label line above the bar
BAR_HEIGHT = 24
BAR_GAP = 16
AXIS_HEIGHT = 34  # below the last bar: the axis and its tick labels
MAX_LABEL = 34  # characters of a label drawn in the chart (the table has the full text)
CHAR_WIDTH = 8.5  # a rough width of a character of the 14px texts inside the bars
MILLION = Decimal(1_000_000)


@dataclass(frozen=True)
class Segment:
    kind: str  # investive, consumptive, grant, own, ineligible (the CSS class seg-<kind>)
    name: str  # "investiv"
    value: Decimal  # exact euros
    x: float
    width: float
    text: str  # "3,30 Mio. €"
    share: str  # of the bar: "60,0 %"
    inside: str = ""  # drawn inside the segment when it fits

    @property
    def text_x(self) -> float:
        return round(self.x + self.width / 2, 2)


@dataclass
class Bar:
    label: str
    short_label: str
    value_text: str  # the bar's total, "4,15 Mio. €"
    label_y: float
    y: float
    segments: list[Segment]

    @property
    def text_y(self) -> float:
        return round(self.y + BAR_HEIGHT / 2, 2)


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass
class BarChart:
    bars: list[Bar]
    ticks: list[Tick] = field(default_factory=list)
    unit: str = ""
    width: int = WIDTH
    top: int = TOP
    left: int = LEFT
    right: int = RIGHT
    bar_height: int = BAR_HEIGHT

    @property
    def axis_y(self) -> float:
        return self.bars[-1].y + BAR_HEIGHT + 6 if self.bars else TOP

    @property
    def height(self) -> int:
        return int(self.axis_y + (AXIS_HEIGHT if self.ticks else 4))

    @property
    def tick_label_y(self) -> float:
        return self.axis_y + 20


def short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"


def mio_text(value: Decimal) -> str:
    return _("%(value)s Mio. €") % {"value": mio(value)}


def segments_of(parts, scale: Decimal, *, inside_share: bool = False) -> list[Segment]:
    """Segments one after the other from LEFT; parts are (kind, name, euros), zeros left out.
    `scale` is the euros that fill the plot's width. Inside a segment, where it fits, stands
    its amount in Mio. € or (inside_share) its share of the bar."""
    whole = sum((value for _kind, _name, value in parts), Decimal(0))
    result, start = [], Decimal(0)
    for kind, name, value in parts:
        if not value:
            continue
        x = LEFT + float(start / scale) * PLOT_WIDTH
        end = LEFT + float((start + value) / scale) * PLOT_WIDTH
        width = round(end - x, 2)
        part = share_percent(value, whole)
        inside = part if inside_share else mio(value)
        if len(inside) * CHAR_WIDTH + 8 > width:
            inside = ""
        result.append(Segment(kind, name, value, round(x, 2), width, mio_text(value), part, inside))
        start += value
    return result


def layout(bars: list[tuple[str, str, list]]) -> list[Bar]:
    """Bars one below the other: (label, total text, segments)."""
    result = []
    y = TOP
    for label, total_text, segments in bars:
        result.append(
            Bar(label, short(label), total_text, y + LABEL_HEIGHT - 6, y + LABEL_HEIGHT, segments)
        )
        y += LABEL_HEIGHT + BAR_HEIGHT + BAR_GAP
    return result


def split_chart(rows: Iterable) -> BarChart | None:
    """Investive and consumptive costs per sub-project (rows with label, investive,
    consumptive, total in euros) to one scale; None when there is nothing to draw."""
    rows = list(rows)
    largest = max((r.total for r in rows), default=Decimal(0))
    if largest <= 0:
        return None
    _start, end, step = nice_range(Decimal(0), largest / MILLION)
    scale = end * MILLION
    bars = layout(
        [
            (
                r.label,
                mio_text(r.total),
                segments_of(
                    [
                        ("investive", _("investiv"), r.investive),
                        ("consumptive", _("konsumtiv"), r.consumptive),
                    ],
                    scale,
                ),
            )
            for r in rows
        ]
    )
    places = step_decimals(step)
    ticks, tick = [], Decimal(0)
    while tick <= end:
        x = round(LEFT + float(tick / end) * PLOT_WIDTH, 2)
        ticks.append(Tick(x, german_decimal(tick.quantize(Decimal(1).scaleb(-places)))))
        tick += step
    return BarChart(bars, ticks, unit=_("Mio. €"))


def financing_chart(plan: Plan) -> BarChart | None:
    """The costs (investive, consumptive) and their financing (grant, own share, costs that
    are not eligible): two bars of the same length; None without costs."""
    total = plan.total
    if total <= 0:
        return None

    costs = segments_of(
        [
            ("investive", _("investiv"), plan.investive),
            ("consumptive", _("konsumtiv"), plan.consumptive),
        ],
        total,
        inside_share=True,
    )
    financing = segments_of(
        [
            ("grant", _("Förderung"), plan.grant),
            ("own", _("Eigenanteil"), plan.own_share),
            ("ineligible", _("nicht förderfähig"), total - plan.eligible_total),
        ],
        total,
        inside_share=True,
    )
    bars = layout(
        [
            (_("Kosten"), mio_text(total), costs),
            (_("Finanzierung"), mio_text(total), financing),
        ]
    )
    return BarChart(bars)


def part_of(bar: Bar, kind: str) -> Decimal:
    return sum((s.value for s in bar.segments if s.kind == kind), Decimal(0))


def split_description(chart: BarChart) -> str:
    """The split chart in words (its <desc>)."""
    parts = [
        _("%(label)s: %(investive)s investiv, %(consumptive)s konsumtiv")
        % {
            "label": bar.label,
            "investive": mio(part_of(bar, "investive")),
            "consumptive": mio(part_of(bar, "consumptive")),
        }
        for bar in chart.bars
    ]
    return _("Kosten je Teilprojekt in Mio. €, gestapelt: %(rows)s.") % {"rows": "; ".join(parts)}


def financing_description(chart: BarChart) -> str:
    """The financing chart in words (its <desc>)."""
    sentences = []
    for bar in chart.bars:
        texts = ", ".join(f"{s.name} {s.text} ({s.share})" for s in bar.segments)
        sentences.append(f"{bar.label} {bar.value_text}: {texts}.")
    return " ".join(sentences)
