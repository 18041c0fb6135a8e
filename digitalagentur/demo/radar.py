"""The demo's technology radars (demo/data/radar.py), loaded by DemoLoader.load: the
Digitalagentur's radar with its entries (linked to the seeds' projects, fields and towns), one
published edition (autumn 2024), the ring changes and new entries after it, and a draft of P12
"Chancen-Radar". Created through radar.services (logged), marked ``is_demo``. Like the rest of
the demo this runs only in the run that creates the region; a radar whose slug exists is left
alone.
"""

from __future__ import annotations

from django.db.models import Q

from digitalagentur.portfolio.models import Project
from digitalagentur.radar import services
from digitalagentur.radar.models import Entry, Radar
from digitalagentur.strategy.models import Field
from digitalagentur.tenancy.models import Municipality

from .data import radar as data

LABEL = "Radar-Einträge"
REASON = "Demo-Daten"


def _projects(region, keys):
    return list(Project.objects.filter(Q(code__in=keys) | Q(slug__in=keys), region=region))


def _entry(loader, region, radar, spec, date) -> Entry:
    name, quadrant, ring, description, projects, fields, towns, links = spec
    entry = services.create_entry(
        radar,
        user=None,
        values={
            "name": name,
            "quadrant": radar.quadrants.get(name=quadrant),
            "ring": radar.rings.get(name=ring),
            "description": description,
            "links": links,
        },
        projects=_projects(region, projects),
        fields=Field.objects.filter(region=region, slug__in=fields),
        municipalities=Municipality.objects.filter(region=region, slug__in=towns),
        date=date,
        reason=REASON,
        is_demo=True,
    )
    loader.created[LABEL] += 1
    return entry


def load_radar(loader, region) -> None:
    if not Radar.objects.filter(region=region, slug=data.RADAR["slug"]).exists():
        radar = services.create_radar(region=region, user=None, values=data.RADAR, is_demo=True)
        for spec in data.ENTRIES:
            _entry(loader, region, radar, spec, data.ADDED)
        services.publish_edition(
            radar, user=None, date=data.EDITION["date"], note=data.EDITION["note"]
        )
        for name, ring, date, reason in data.RING_CHANGES:
            entry = Entry.objects.get(radar=radar, name=name)
            services.change_ring(
                entry, radar.rings.get(name=ring), user=None, reason=reason, date=date
            )
        for *spec, date in data.NEW_ENTRIES:
            _entry(loader, region, radar, spec, date)
    if not Radar.objects.filter(region=region, slug=data.CHANCEN_RADAR["slug"]).exists():
        chancen = services.create_radar(
            region=region,
            user=None,
            values=data.CHANCEN_RADAR,
            quadrants=data.CHANCEN_QUADRANTS,
            is_demo=True,
        )
        for spec in data.CHANCEN_ENTRIES:
            _entry(loader, region, chancen, spec, data.ADDED)
