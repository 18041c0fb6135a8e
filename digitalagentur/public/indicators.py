"""Public indicator pages: the list, one indicator with its chart, and the indicator sections
of the field and town pages. Published indicators of the request's region only; every list
reads its indicators with their status in a fixed number of queries (indicators/queries.py).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from digitalagentur.indicators.chart import format_date, line_chart
from digitalagentur.indicators.choices import IndicatorStatus
from digitalagentur.indicators.models import Indicator, IndicatorValue
from digitalagentur.indicators.queries import IndicatorRow, status_counts, visible_indicators
from digitalagentur.indicators.queries import with_status as rows_with_status
from digitalagentur.indicators.wording import explanation, value_text
from digitalagentur.portfolio.models import Project
from digitalagentur.strategy.models import Field, Goal
from digitalagentur.tenancy.pagecache import cache_public

from .shared import render_shared


def _crumbs(*items):
    return [(_("Start"), reverse("public:home")), *items]


# --- reading ---------------------------------------------------------------------------------


def public_fields_of_indicators(region) -> Prefetch:
    """The fields an indicator is linked to that the public may see (one query for all)."""
    fields = Field.objects.filter(
        region=region, published=True, strategy__published=True
    ).select_related("priority_group")
    return Prefetch(
        "fields",
        queryset=fields.order_by("priority_group__number", "position", "name"),
        to_attr="public_fields",
    )


def public_indicators(region) -> QuerySet[Indicator]:
    """The region's published indicators, with their public fields."""
    if region is None:
        return Indicator.objects.none()
    return visible_indicators(region, internal=False).prefetch_related(
        public_fields_of_indicators(region)
    )


def public_indicator(region, slug: str) -> Indicator:
    indicator = public_indicators(region).filter(slug=slug).first()
    if indicator is None:
        raise Http404("Indikator nicht gefunden")
    return indicator


def field_indicators(region, field) -> list[Entry]:
    """Entries of the published indicators linked to a field (a fixed number of queries)."""
    indicators = visible_indicators(region, internal=False).filter(fields=field)
    return entries(rows_with_status(indicators))


def town_indicators(region, town) -> list[Entry]:
    """Entries of the published indicators linked to a town or holding its values, each with
    the town's latest value where there is one."""
    indicators = (
        visible_indicators(region, internal=False)
        .filter(Q(municipalities=town) | Q(values__municipality=town))
        .distinct()
    )
    return entries(rows_with_status(indicators, town_id=town.pk))


# --- what pages show of an indicator ---------------------------------------------------------


@dataclass
class Entry:
    """An indicator with its status and figures as the public pages write them."""

    indicator: Indicator
    row: IndicatorRow
    status: str
    status_label: str
    latest: str = ""  # "118 Anzahl": the region's latest value
    latest_date: datetime.date | None = None
    next_target: str = ""
    next_target_date: datetime.date | None = None
    town_value: str = ""  # with_status(town_id=…): the town's latest value
    town_date: datetime.date | None = None


def next_target(targets, today: datetime.date):
    """The first target not yet past; when all are past, the last one (it still holds)."""
    for target in targets:
        if target.date >= today:
            return target
    return targets[-1] if targets else None


def entry(row: IndicatorRow, today: datetime.date) -> Entry:
    indicator = row.indicator
    result = Entry(indicator, row, row.status, str(IndicatorStatus(row.status).label))
    if row.assessment.latest is not None:
        day, value = row.assessment.latest
        result.latest, result.latest_date = value_text(indicator, value), day
    target = next_target(row.targets, today)
    if target is not None:
        result.next_target = value_text(indicator, target.value)
        result.next_target_date = target.date
    if row.town_latest is not None:
        day, value = row.town_latest
        result.town_value, result.town_date = value_text(indicator, value), day
    return result


def entries(rows) -> list[Entry]:
    today = timezone.localdate()
    return [entry(row, today) for row in rows]


def chart_description(indicator: Indicator, row: IndicatorRow) -> str:
    """The chart in words (its <desc>): the values' span, the latest value and the targets."""
    parts = []
    if row.values:
        first, last = row.values[0], row.values[-1]
        parts.append(
            _("Messwerte der Region von %(first)s bis %(last)s, zuletzt %(value)s.")
            % {
                "first": format_date(first.date),
                "last": format_date(last.date),
                "value": value_text(indicator, last.value),
            }
        )
    else:
        parts.append(_("Noch keine Messwerte der Region."))
    if row.targets:
        targets = "; ".join(
            _("%(value)s bis %(date)s")
            % {"value": value_text(indicator, t.value), "date": format_date(t.date)}
            for t in row.targets
        )
        parts.append(_("Zielwerte: %(targets)s.") % {"targets": targets})
        parts.append(
            _("Die gestrichelte Linie ist der Zielpfad vom ersten Messwert zu den Zielwerten.")
        )
    parts.append(str(indicator.get_direction_display()).capitalize() + ".")
    return " ".join(parts)


@dataclass
class TableRow:
    date: datetime.date
    value: str = ""
    target: str = ""


def value_table(indicator: Indicator, row: IndicatorRow) -> list[TableRow]:
    """The chart's numbers as rows by date: the measured value and the target of each date."""
    by_date: dict[datetime.date, TableRow] = {}
    for v in row.values:
        by_date.setdefault(v.date, TableRow(v.date)).value = value_text(indicator, v.value)
    for t in row.targets:
        by_date.setdefault(t.date, TableRow(t.date)).target = value_text(indicator, t.value)
    return [by_date[day] for day in sorted(by_date)]


@dataclass
class TownValues:
    town: object
    latest: str
    latest_date: datetime.date
    earlier: list[tuple[str, datetime.date]]
    updated: datetime.datetime


def town_value_table(indicator: Indicator) -> list[TownValues]:
    """Each town's values (one query), towns by name, the latest value first."""
    rows = (
        IndicatorValue.objects.filter(
            indicator=indicator, region_id=indicator.region_id, municipality__isnull=False
        )
        .select_related("municipality")
        .order_by("municipality__name", "municipality_id", "-date")
    )
    towns: dict[int, TownValues] = {}
    for v in rows:
        text = value_text(indicator, v.value)
        if v.municipality_id not in towns:
            towns[v.municipality_id] = TownValues(v.municipality, text, v.date, [], v.updated)
        else:
            town = towns[v.municipality_id]
            town.earlier.append((text, v.date))
            town.updated = max(town.updated, v.updated)
    return list(towns.values())


def summary_counts(rows) -> list[tuple[str, str, int]]:
    """(status, label, count) in STATUS_ORDER, statuses without indicators left out."""
    return [(s, str(IndicatorStatus(s).label), n) for s, n in status_counts(rows)]


# --- views -----------------------------------------------------------------------------------


@dataclass
class FieldGroup:
    field: Field | None  # None: indicators without a public field
    entries: list[Entry]


@cache_public
def indicator_list(request):
    def build():
        rows = rows_with_status(public_indicators(request.region))
        shown = entries(rows)
        groups: dict[int | None, FieldGroup] = {}
        for item in shown:
            fields = item.indicator.public_fields or [None]
            for f in fields:
                key = f.pk if f is not None else None
                groups.setdefault(key, FieldGroup(f, [])).entries.append(item)
        ordered = sorted(
            groups.values(),
            key=lambda g: (
                g.field is None,
                (g.field.priority_group.number, g.field.position, g.field.name)
                if g.field is not None
                else (0, 0, ""),
            ),
        )
        return {
            "total": len(shown),
            "counts": summary_counts(rows),
            "groups": ordered,
            "any_demo": any(item.indicator.is_demo for item in shown),
            "breadcrumbs": _crumbs((_("Indikatoren"), None)),
        }

    return render_shared(request, "public/indicator_list.html", build)


@cache_public
def indicator_detail(request, slug):
    def build():
        region = request.region
        indicator = public_indicator(region, slug)
        row = rows_with_status([indicator])[0]
        towns = town_value_table(indicator)
        goals = (
            Goal.objects.filter(
                indicators=indicator,
                region=region,
                published=True,
                field__published=True,
                field__strategy__published=True,
            )
            .select_related("field")
            .order_by("field__position", "position", "pk")
        )
        projects = Project.objects.filter(region=region, published=True, indicators=indicator)
        changed = [indicator.updated, *(v.updated for v in row.values)]
        changed += [t.updated for t in row.targets] + [t.updated for t in towns]
        return {
            "indicator": indicator,
            "entry": entry(row, timezone.localdate()),
            "explanation": explanation(row),
            "chart": line_chart(
                [(v.date, v.value) for v in row.values],
                [(t.date, t.value) for t in row.targets],
                decimals=indicator.decimals,
            ),
            "chart_description": chart_description(indicator, row),
            "value_rows": value_table(indicator, row),
            "town_values": towns,
            "fields": indicator.public_fields,
            "goals": list(goals),
            "projects": list(projects.order_by("code", "title")),
            "towns": list(indicator.municipalities.filter(region=region).order_by("name")),
            "last_updated": timezone.localdate(max(changed)),
            "breadcrumbs": _crumbs(
                (_("Indikatoren"), reverse("public:indicator_list")), (indicator.name, None)
            ),
        }

    return render_shared(request, "public/indicator_detail.html", build)
