"""Test factories for Landräume (issue 11): providers and spaces through spaces.services."""

from __future__ import annotations

import datetime
from itertools import count

from digitalagentur.spaces import services
from digitalagentur.spaces.choices import BookingMode, ProviderKind, SpaceKind, UnitKind
from digitalagentur.spaces.models import Provider, Space

_seq = count(1)

WORKDAYS_8_TO_18 = [(day, datetime.time(8), datetime.time(18)) for day in range(5)]
ALWAYS = [(day, datetime.time(0), datetime.time(0)) for day in range(7)]


def make_provider(region, name: str | None = None, *, managers=(), **values) -> Provider:
    values = {"kind": ProviderKind.COWORKING, **values}
    return services.create_provider(
        Provider(region=region, name=name or f"Anbieter {next(_seq)}", **values),
        managers=managers,
    )


def make_space(
    region,
    municipality,
    *,
    provider: Provider | None = None,
    units: int | None = None,
    hours=ALWAYS,
    **values,
) -> Space:
    """A published space; instant, always open and one room unless told otherwise."""
    n = next(_seq)
    values = {
        "name": f"Raum {n}",
        "slug": f"raum-{n}",
        "kind": SpaceKind.MEETING_ROOM,
        "capacity": 10,
        "booking_mode": BookingMode.INSTANT,
        "published": True,
        "min_minutes": 15,
        "max_minutes": 24 * 60,
        "purposes": ["work", "culture", "education", "sport", "other"],
        **values,
    }
    if units and units > 1:
        values.setdefault("unit_kind", UnitKind.DESK)
    return services.create_space(
        Space(
            region=region,
            municipality=municipality,
            provider=provider or make_provider(region),
            **values,
        ),
        units=units,
        hours=hours,
    )
