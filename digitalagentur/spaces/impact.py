"""The commuting a booking saves (issue 11, section 5): pure functions, no database.

A booking in a space near home replaces one working day's commute, as the issue defines it:
the road distance between the booker's home town and usual workplace, estimated as the
straight line between the town centres (never addresses; the great-circle distance of the
haversine formula on a sphere of the earth's mean radius, 6371.0088 km) times a detour factor,
there and back:

    saved km = d(home, work) × detour factor × 2
    saved CO2 = saved km × grams per km

where d is the straight-line distance in km. (The trip to the space itself is not subtracted:
the space is near home by purpose, and the issue's formula counts the commute avoided.) Both
factors are settings (DIGITALAGENTUR_COMMUTE_DETOUR_FACTOR,
DIGITALAGENTUR_CO2_GRAMS_PER_KM, with their source in DIGITALAGENTUR_CO2_SOURCE); the
arithmetic is Decimal: distances to the metre, saved kilometres to 10 m, CO2 to the gram,
each rounded half up. Sums are made of these rounded values, so that a report's totals are
the sums of its rows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

EARTH_RADIUS_KM = 6371.0088  # the mean radius (IUGG)
METRE = Decimal("0.001")
TEN_METRES = Decimal("0.01")
GRAM = Decimal("1")
ZERO = Decimal("0")

Point = tuple  # (latitude, longitude) in degrees: Decimal, float or int


@dataclass(frozen=True)
class Factors:
    """The detour factor (road km per straight-line km), grams of CO2 per km, and where the
    emission factor comes from."""

    detour: Decimal
    grams_per_km: Decimal
    source: str = ""

    @classmethod
    def from_settings(cls) -> Factors:
        from django.conf import settings

        return cls(
            detour=Decimal(str(settings.DIGITALAGENTUR_COMMUTE_DETOUR_FACTOR)),
            grams_per_km=Decimal(str(settings.DIGITALAGENTUR_CO2_GRAMS_PER_KM)),
            source=str(settings.DIGITALAGENTUR_CO2_SOURCE),
        )


@dataclass(frozen=True)
class Saving:
    km: Decimal  # saved kilometres (≥ 0, to 10 m)
    co2_grams: Decimal  # saved CO2 in grams (≥ 0, whole grams)


def distance_km(a: Point, b: Point) -> Decimal:
    """The great-circle distance between two (latitude, longitude) points in km, to the metre
    (haversine formula)."""
    lat1, lon1 = (math.radians(float(v)) for v in a)
    lat2, lon2 = (math.radians(float(v)) for v in b)
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    h = min(1.0, max(0.0, h))  # rounding must never leave asin's domain
    km = 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))
    return Decimal(repr(km)).quantize(METRE, ROUND_HALF_UP)


def commute_km(home: Point, work: Point, detour: Decimal) -> Decimal:
    """A day's commute there and back: straight line × detour factor × 2, to 10 m."""
    return (distance_km(home, work) * detour * 2).quantize(TEN_METRES, ROUND_HALF_UP)


def co2_grams(km: Decimal, grams_per_km: Decimal) -> Decimal:
    return (km * grams_per_km).quantize(GRAM, ROUND_HALF_UP)


def saving(home: Point, work: Point, factors: Factors) -> Saving:
    km = commute_km(home, work, factors.detour)
    return Saving(km=km, co2_grams=co2_grams(km, factors.grams_per_km))


def kilograms(grams: Decimal) -> Decimal:
    """Grams as kilograms with one decimal place (for pages and exports)."""
    return (Decimal(grams) / 1000).quantize(Decimal("0.1"), ROUND_HALF_UP)


def tonnes(grams: Decimal) -> Decimal:
    """Grams as tonnes with two decimal places."""
    return (Decimal(grams) / 1_000_000).quantize(Decimal("0.01"), ROUND_HALF_UP)


def one_place(km: Decimal) -> Decimal:
    return Decimal(km).quantize(Decimal("0.1"), ROUND_HALF_UP)
