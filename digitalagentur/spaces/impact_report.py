"""The commuting saved by bookings of a year (issue 11, section 5), per town of the space, per
space and per month, for the coordination (staff area, CSV and XLSX).

What counts: confirmed bookings to work (purpose "Arbeiten") whose booker had told both a home
and a usual workplace (Booking.home_place / work_place, copied when booking). A person's
bookings on one day count once (two half days are one commute avoided); bookings anonymised
after the retention period count each on their own. The formula is spaces/impact.py's.

Four queries whatever the number of bookings: the bookings' values, their spaces, the places,
and the count of bookings left out for want of places.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Max, Min

from . import impact
from .choices import BookingStatus, Purpose
from .models import Booking, Place, Space
from .timerange import BERLIN, local

ZERO = Decimal("0")


@dataclass
class Row:
    label: str
    days: int = 0  # commute days avoided
    km: Decimal = ZERO  # saved km (sum of the rounded savings of the bookings)
    grams: Decimal = ZERO  # saved CO2 in grams
    town: str = ""
    month: datetime.date | None = None

    def add(self, saving: impact.Saving) -> None:
        self.days += 1
        self.km += saving.km
        self.grams += saving.co2_grams

    @property
    def km_text(self) -> Decimal:
        return impact.one_place(self.km)

    @property
    def kg(self) -> Decimal:
        return impact.kilograms(self.grams)


@dataclass
class ImpactReport:
    year: int
    factors: impact.Factors
    total: Row
    months: list[Row] = field(default_factory=list)
    towns: list[Row] = field(default_factory=list)
    spaces: list[Row] = field(default_factory=list)
    without_places: int = 0  # confirmed work bookings left out: no home or workplace told

    @property
    def tonnes(self) -> Decimal:
        return impact.tonnes(self.total.grams)


def year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    return (
        datetime.datetime(year, 1, 1, tzinfo=BERLIN),
        datetime.datetime(year + 1, 1, 1, tzinfo=BERLIN),
    )


def years_with_bookings(region, today: datetime.date) -> list[int]:
    """The years to choose from: from the first to the last booking, and this year."""
    span = Booking.objects.filter(region=region, status=BookingStatus.CONFIRMED).aggregate(
        first=Min("start"), last=Max("start")
    )
    years = {today.year}
    if span["first"] and span["last"]:
        years.update(range(local(span["first"]).year, local(span["last"]).year + 1))
    return sorted(years, reverse=True)


def impact_report(region, year: int, factors: impact.Factors | None = None) -> ImpactReport:
    factors = factors or impact.Factors.from_settings()
    start, end = year_bounds(year)
    counted = Booking.objects.filter(
        region=region,
        status=BookingStatus.CONFIRMED,
        purpose=Purpose.WORK,
        start__gte=start,
        start__lt=end,
    )
    rows = list(
        counted.filter(home_place__isnull=False, work_place__isnull=False)
        .order_by("start", "pk")
        .values_list("space_id", "booker_id", "start", "home_place_id", "work_place_id")
    )
    without_places = counted.count() - len(rows)

    places = {
        p["pk"]: p
        for p in Place.objects.filter(region=region).values(
            "pk", "latitude", "longitude", "municipality_id"
        )
    }
    points = {pk: (p["latitude"], p["longitude"]) for pk, p in places.items()}
    spaces = {
        s["pk"]: s
        for s in Space.objects.filter(pk__in={r[0] for r in rows}).values(
            "pk", "name", "municipality_id", "municipality__name"
        )
    }

    total = Row(label="")
    months = {
        m: Row(label=f"{m:02d}/{year}", month=datetime.date(year, m, 1)) for m in range(1, 13)
    }
    towns: dict[int, Row] = {}
    space_rows: dict[int, Row] = {}
    seen: set[tuple[int, datetime.date]] = set()
    cache: dict[tuple, impact.Saving] = {}
    for space_id, booker_id, when, home_id, work_id in rows:
        day = local(when).date()
        if booker_id is not None:
            if (booker_id, day) in seen:
                continue
            seen.add((booker_id, day))
        if home_id not in points or work_id not in points:  # a place of another region
            without_places += 1
            continue
        space = spaces[space_id]
        key = (home_id, work_id)
        saving = cache.get(key)
        if saving is None:
            saving = cache[key] = impact.saving(points[home_id], points[work_id], factors)
        total.add(saving)
        months[day.month].add(saving)
        towns.setdefault(space["municipality_id"], Row(label=space["municipality__name"])).add(
            saving
        )
        space_rows.setdefault(
            space_id, Row(label=space["name"], town=space["municipality__name"])
        ).add(saving)

    return ImpactReport(
        year=year,
        factors=factors,
        total=total,
        months=list(months.values()),
        towns=sorted(towns.values(), key=lambda r: (-r.km, r.label)),
        spaces=sorted(space_rows.values(), key=lambda r: (-r.km, r.label)),
        without_places=without_places,
    )


# -- the chart of saved km per month (drawn as SVG by the staff template) ---------------------

CHART_WIDTH, CHART_HEIGHT = 440, 240
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM = 52, 432, 12, 204


@dataclass(frozen=True)
class ChartBar:
    x: float
    y: float
    width: float
    height: float
    label: str  # "01"
    title: str  # "01/2027: 123,4 km"
    text_x: float


@dataclass(frozen=True)
class ChartTick:
    y: float
    label: str


@dataclass
class MonthChart:
    bars: list[ChartBar]
    ticks: list[ChartTick]
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT
    left: int = PLOT_LEFT
    right: int = PLOT_RIGHT
    top: int = PLOT_TOP
    bottom: int = PLOT_BOTTOM

    @property
    def label_y(self) -> int:
        return self.bottom + 20


def german(value: Decimal) -> str:
    return f"{value:f}".replace(".", ",")


def month_chart(report: ImpactReport) -> MonthChart | None:
    """Saved km per month as twelve bars on one scale; None when nothing was saved."""
    from digitalagentur.indicators.chart import nice_range, step_decimals

    highest = max((row.km for row in report.months), default=ZERO)
    if highest <= 0:
        return None
    _low, top, step = nice_range(ZERO, highest)
    decimals = step_decimals(step)
    plot_height = PLOT_BOTTOM - PLOT_TOP
    slot = (PLOT_RIGHT - PLOT_LEFT) / 12
    bars = []
    for index, row in enumerate(report.months):
        height = float(row.km / top) * plot_height
        x = PLOT_LEFT + index * slot + slot * 0.15
        bars.append(
            ChartBar(
                x=round(x, 2),
                y=round(PLOT_BOTTOM - height, 2),
                width=round(slot * 0.7, 2),
                height=round(height, 2),
                label=f"{index + 1:02d}",
                title=f"{row.label}: {german(row.km_text)} km",
                text_x=round(PLOT_LEFT + index * slot + slot / 2, 2),
            )
        )
    ticks = []
    value = ZERO
    while value <= top:
        y = PLOT_BOTTOM - float(value / top) * plot_height
        ticks.append(ChartTick(y=round(y, 2), label=german(round(value, decimals))))
        value += step
    return MonthChart(bars=bars, ticks=ticks)


# -- export rows ------------------------------------------------------------------------------


def export_header() -> list[str]:
    from django.utils.translation import gettext as _

    return [
        _("Gliederung"),
        _("Bezeichnung"),
        _("Kommune"),
        _("vermiedene Pendeltage"),
        _("eingesparte km"),
        _("eingespartes CO2 (kg)"),
    ]


def export_rows(report: ImpactReport) -> list[list]:
    """(kind, label, town, days, km, kg) per month, town and space, then the total."""
    from django.utils.translation import gettext as _

    rows = []
    for row in report.months:
        rows.append([_("Monat"), row.label, "", row.days, row.km_text, row.kg])
    for row in report.towns:
        rows.append([_("Kommune"), row.label, row.label, row.days, row.km_text, row.kg])
    for row in report.spaces:
        rows.append([_("Raum"), row.label, row.town, row.days, row.km_text, row.kg])
    total = report.total
    rows.append([_("Summe"), str(report.year), "", total.days, total.km_text, total.kg])
    return rows
