"""The scale data of the indicators module: two indicators per field with targets and values."""

from __future__ import annotations

import datetime

from digitalagentur.core.text import german_slugify
from digitalagentur.indicators.choices import Direction
from digitalagentur.indicators.models import Indicator, IndicatorTarget, IndicatorValue

from . import texts
from .base import BASE_TIME, Context, Progress
from .changelog import log_created
from .steps import DAY, at_office_hours

INDICATORS_PER_FIELD = 2
INDICATOR_YEARS = range(2020, 2026)
TOWNS_WITH_VALUES = 3


def build_indicators(ctx: Context, progress: Progress) -> None:
    """Two indicators per field (published), each with two targets, a value per year for the
    region and, for the first of each field, for three towns; linked to field and towns."""
    for chunk in ctx.chunks():
        indicators, plans = [], []
        for state in chunk:
            rng = ctx.rng("indicators", state.index)
            for field in state.fields:
                for n in range(INDICATORS_PER_FIELD):
                    higher = rng.random() < 0.7
                    start = rng.randint(10, 60)
                    name = f"{texts.indicator_name(rng)} ({field.name}, {n + 1})"
                    created = at_office_hours(rng, BASE_TIME.date() + rng.randint(0, 300) * DAY)
                    indicator = Indicator(
                        region=state.region,
                        slug=german_slugify(name)[:110],
                        name=name,
                        unit="%",
                        direction=(
                            Direction.HIGHER_IS_BETTER if higher else Direction.LOWER_IS_BETTER
                        ),
                        description="Generierter Indikator für Lasttests.",
                        source="Skalendaten",
                        published=True,
                        created=created,
                        updated=created,
                    )
                    towns = rng.sample(state.towns, TOWNS_WITH_VALUES) if n == 0 else []
                    indicators.append(indicator)
                    plans.append((state, indicator, field, towns, rng, start, higher))
        ctx.insert(indicators, Indicator)
        field_links, town_links, targets, values = [], [], [], []
        for _state, indicator, field, towns, rng, start, higher in plans:
            step = 1 if higher else -1
            field_links.append(Indicator.fields.through(indicator=indicator, field=field))
            for town in towns:
                town_links.append(
                    Indicator.municipalities.through(indicator=indicator, municipality=town)
                )
            for year, gain in ((2025, 25), (2030, 45)):
                targets.append(
                    IndicatorTarget(
                        region_id=indicator.region_id,
                        indicator=indicator,
                        date=datetime.date(year, 12, 31),
                        value=start + step * gain,
                        created=indicator.created,
                        updated=indicator.created,
                    )
                )
            for town in [None, *towns]:
                level = start + rng.randint(-5, 5)
                for year in INDICATOR_YEARS:
                    level += step * rng.randint(0, 8)
                    values.append(
                        IndicatorValue(
                            region_id=indicator.region_id,
                            indicator=indicator,
                            municipality=town,
                            date=datetime.date(year, 12, 31),
                            value=level,
                            created=indicator.created,
                            updated=indicator.created,
                        )
                    )
        ctx.insert(field_links, Indicator.fields.through)
        ctx.insert(town_links, Indicator.municipalities.through)
        ctx.insert(targets, IndicatorTarget)
        ctx.insert(values, IndicatorValue)
        links = {indicator.pk: (field, towns) for _s, indicator, field, towns, *_rest in plans}
        log_created(
            ctx,
            indicators,
            by=ctx.coordinator_of,
            extra=lambda i, links=links: {
                "fields": [links[i.pk][0].pk],
                "municipalities": [t.pk for t in links[i.pk][1]],
            },
        )
        log_created(ctx, targets, by=ctx.coordinator_of)
        log_created(ctx, values, by=ctx.coordinator_of)
        progress.advance(len(chunk))
