"""The scale data of the technology radar (issue 14): per region one published radar with the
district's quadrants and rings (radar/presets.py), ENTRIES_PER_REGION entries linked to the
region's projects, EDITIONS_PER_REGION editions a year apart from BASE_TIME on whose
snapshots differ (entries added and moved between them), half a year of moves after the last
one, and each entry's ring history, so that the radar's page, its
editions and the entries API meet data of a mature radar."""

from __future__ import annotations

import datetime

from digitalagentur.radar.models import Edition, Entry, Quadrant, Radar, Ring, RingChange
from digitalagentur.radar.presets import PRESETS

from .base import BASE_TIME, Context, Progress
from .changelog import log_created

ENTRIES_PER_REGION = 60
EDITIONS_PER_REGION = 3
PROJECT_LINKS = 2  # projects linked per entry (when the region has that many)
RADAR_SLUG = "technologie-radar"


def _snapshot(quadrants, rings, entries, ring_of, upto: int) -> dict:
    """The radar as edition `upto` froze it: the entries that existed then, in their ring."""
    return {
        "quadrants": [q.name for q in quadrants],
        "rings": [r.name for r in rings],
        "entries": [
            {
                "name": entry.name,
                "quadrant": entry.quadrant.name,
                "ring": rings[ring_of[entry.name][upto]].name,
                "description": entry.description,
            }
            for entry in entries
            if ring_of[entry.name][upto] is not None
        ],
    }


def build_radar(ctx: Context, progress: Progress) -> None:
    preset = PRESETS["kreis"]
    for chunk in ctx.chunks():
        radars = []
        for state in chunk:
            radars.append(
                Radar(
                    region=state.region,
                    slug=RADAR_SLUG,
                    name=f"Technologie-Radar {state.region.name}",
                    description="Generiertes Radar für Lasttests.",
                    published=True,
                    created=BASE_TIME,
                    updated=BASE_TIME,
                )
            )
        ctx.insert(radars, Radar)
        quadrants, rings = [], []
        for radar in radars:
            quadrants += [
                Quadrant(radar=radar, name=name, position=n)
                for n, name in enumerate(preset.quadrants)
            ]
            rings += [
                Ring(radar=radar, name=name, position=n) for n, name in enumerate(preset.rings)
            ]
        ctx.insert(quadrants, Quadrant)
        ctx.insert(rings, Ring)
        entries, changes, editions, links = [], [], [], []
        plans = {}  # region index -> (its entries, ring positions per moment, days, rings)
        for state, radar in zip(chunk, radars, strict=True):
            rng = ctx.rng("radar", state.index)
            own_quadrants = [q for q in quadrants if q.radar is radar]
            own_rings = [r for r in rings if r.radar is radar]
            days = [
                (BASE_TIME + n * datetime.timedelta(days=365)).date()
                for n in range(EDITIONS_PER_REGION)
            ]
            ring_of: dict[str, list] = {}  # name -> ring position per edition, then now
            radar_entries = []
            for n in range(ENTRIES_PER_REGION):
                name = f"Technik {n + 1:03d}"
                born = rng.randint(0, EDITIONS_PER_REGION)  # the edition it first appears in
                positions: list = [None] * born
                ring = rng.randrange(len(own_rings))
                for _step in range(born, EDITIONS_PER_REGION + 1):
                    positions.append(ring)
                    ring = min(len(own_rings) - 1, max(0, ring + rng.choice((-1, 0, 0, 1))))
                ring_of[name] = positions
                entry = Entry(
                    region=state.region,
                    radar=radar,
                    name=name,
                    quadrant=rng.choice(own_quadrants),
                    ring=own_rings[positions[-1]],
                    description=f"Generierter Eintrag {n + 1} für Lasttests.",
                    links=[f"https://{state.region.hostname}/radar/{n + 1}"],
                    created=BASE_TIME,
                    updated=BASE_TIME,
                )
                radar_entries.append(entry)
            entries += radar_entries
            for upto, day in enumerate(days):
                editions.append(
                    Edition(
                        region=state.region,
                        radar=radar,
                        date=day,
                        note=f"Ausgabe {upto + 1}",
                        created=datetime.datetime.combine(day, datetime.time(9), BASE_TIME.tzinfo),
                        snapshot=_snapshot(own_quadrants, own_rings, radar_entries, ring_of, upto),
                    )
                )
            plans[state.index] = (radar_entries, ring_of, days, own_rings)
        ctx.insert(entries, Entry)
        ctx.insert(editions, Edition)
        for state in chunk:
            radar_entries, ring_of, days, own_rings = plans[state.index]
            moments = [*days, days[-1] + datetime.timedelta(days=180)]  # the last moves
            for entry in radar_entries:
                previous = None
                for position, day in zip(ring_of[entry.name], moments, strict=True):
                    if position is None or position == previous:
                        continue
                    changes.append(
                        RingChange(
                            region=state.region,
                            entry=entry,
                            date=day,
                            old_ring=own_rings[previous] if previous is not None else None,
                            new_ring=own_rings[position],
                            reason="Generierter Ringwechsel",
                            created=BASE_TIME,
                        )
                    )
                    previous = position
                for project in state.projects[:PROJECT_LINKS]:
                    links.append(Entry.projects.through(entry_id=entry.pk, project_id=project.pk))
        ctx.insert(changes, RingChange)
        Entry.projects.through.objects.bulk_create(links, batch_size=ctx.batch_size)
        log_created(ctx, radars)
        log_created(ctx, entries)
        progress.advance(len(chunk))
