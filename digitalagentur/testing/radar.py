"""Test data of the technology radar (issue 14): radars and entries made through the services."""

from __future__ import annotations

from digitalagentur.radar import services
from digitalagentur.radar.models import Entry, Radar


def make_radar(region, name: str = "Technologie-Radar", *, preset: str = "kreis", **values):
    """A published radar with the quadrants and rings of `preset` (override anything)."""
    values.setdefault("published", True)
    return services.create_radar(
        region=region, user=None, values={"name": name, **values}, preset=preset
    )


def ring(radar: Radar, name: str):
    return radar.rings.get(name=name)


def quadrant(radar: Radar, name: str):
    return radar.quadrants.get(name=name)


def make_entry(
    radar: Radar,
    name: str,
    *,
    ring_name: str | None = None,
    quadrant_name: str | None = None,
    projects=(),
    fields=(),
    towns=(),
    date=None,
    **values,
) -> Entry:
    """An entry in the given ring and quadrant (the first ones if not named)."""
    ring_obj = ring(radar, ring_name) if ring_name else radar.rings.first()
    quadrant_obj = quadrant(radar, quadrant_name) if quadrant_name else radar.quadrants.first()
    return services.create_entry(
        radar,
        user=None,
        values={"name": name, "ring": ring_obj, "quadrant": quadrant_obj, **values},
        projects=projects,
        fields=fields,
        municipalities=towns,
        date=date,
    )
