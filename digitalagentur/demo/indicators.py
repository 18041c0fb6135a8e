"""The demo's indicators (demo/data/indicators.py), loaded by DemoLoader.load_indicators."""

from __future__ import annotations

import datetime
from decimal import Decimal

from digitalagentur.indicators.services import add_target, add_value, create_indicator

from .data import indicators


def load_indicators(loader, region, reason: str) -> None:
    for data in indicators.INDICATORS:
        values = {
            key: data[key] for key in ("name", "unit", "direction", "decimals", "description")
        }
        values.update(
            source=indicators.SOURCE, owner=indicators.OWNER, is_demo=True, published=True
        )
        links = {
            "fields": [loader.fields[data["field"]].pk],
            "municipalities": [loader.towns[slug].pk for slug in data["towns"]],
        }
        indicator = create_indicator(region=region, values=values, links=links, reason=reason)
        loader.created["Indikatoren"] += 1
        for date, value in data["targets"].items():
            add_target(
                indicator,
                date=datetime.date.fromisoformat(date),
                value=Decimal(str(value)),
                reason=reason,
            )
        series = [(None, data["values"])]
        series += [(loader.towns[slug], by_year) for slug, by_year in data["towns"].items()]
        for town, by_year in series:
            for year, value in by_year.items():
                add_value(
                    indicator,
                    date=datetime.date(year, 12, 31),
                    value=Decimal(str(value)),
                    municipality=town,
                    reason=reason,
                )
                loader.created["Messwerte"] += 1
