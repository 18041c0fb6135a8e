"""Test factories for indicators (above the domains: they use the services)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from digitalagentur.indicators import services
from digitalagentur.indicators.models import Indicator


def make_indicator(
    region,
    name: str = "Online-Dienste",
    *,
    values: dict | None = None,
    targets: dict | None = None,
    town_values: dict | None = None,
    links: dict | None = None,
    **fields,
) -> Indicator:
    """An indicator with targets {date or "YYYY-MM-DD": value}, region values {date: value} and
    town values {town: {date: value}}; published unless told otherwise."""
    fields.setdefault("published", True)
    indicator = services.create_indicator(
        region=region, values={"name": name, **fields}, links=links or {}
    )
    for date, value in (targets or {}).items():
        services.add_target(indicator, date=as_date(date), value=Decimal(str(value)))
    series = [(None, values or {})] + list((town_values or {}).items())
    for town, by_date in series:
        for date, value in by_date.items():
            services.add_value(
                indicator, date=as_date(date), value=Decimal(str(value)), municipality=town
            )
    return indicator


def as_date(value) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)
