"""The technology radar on the public website (issue 14, section 1): the published radars,
a radar's page (the picture drawn by radar/svg.py, the same entries as a table, what moved
since the last edition) and its editions, frozen as they were published.

Only published radars of the request's region exist here (radar/rules.py); a project is
linked only when it is published itself. The picture's blips link to their rows of the
table, so the table is the picture's text alternative and the way to it by keyboard.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from digitalagentur.portfolio.models import Project
from digitalagentur.radar import movement as moves
from digitalagentur.radar import rules, services, svg
from digitalagentur.radar.models import Edition, Radar
from digitalagentur.tenancy.pagecache import cache_public
from digitalagentur.tenancy.permissions import request_access

from .ideas import region_of


@dataclass
class Row:
    """An entry as the page shows it: in the picture (blip) and in the table."""

    blip: svg.Blip
    quadrant: str
    ring: str
    description: str
    projects: list
    links: list

    @property
    def anchor(self) -> str:
        return f"eintrag-{self.blip.number}"

    @property
    def state(self) -> str:
        return svg.state_text(self.blip)


def crumbs(*items):
    return [
        (_("Start"), reverse("public:home")),
        (_("Technologie-Radar"), reverse("public:radar_list")),
        *items,
    ]


def _radar(request, slug: str) -> Radar:
    region = region_of(request)
    radar = (
        Radar.objects.filter(region=region, slug=slug)
        .prefetch_related("quadrants", "rings")
        .first()
    )
    if radar is None or not rules.can_see_radar(request_access(request), radar):
        raise Http404
    return radar


def _links(values) -> list[str]:
    """Only web addresses become links; anything else in the list is left out."""
    return [v for v in values or [] if isinstance(v, str) and v.startswith(("https://", "http://"))]


def current_rows(radar: Radar, quadrants: list, rings: list) -> list[Row]:
    context = services.movement_context(radar, quadrants, rings)
    entries = services.ordered_entries(radar).prefetch_related(
        Prefetch(
            "projects",
            queryset=Project.objects.filter(published=True).order_by("code", "title"),
            to_attr="public_projects",
        )
    )
    rows = []
    for number, entry in enumerate(entries, start=1):
        moved = context.of(entry)
        rows.append(
            Row(
                blip=svg.Blip(
                    number=number,
                    name=entry.name,
                    quadrant=context.quadrant_index[entry.quadrant_id],
                    ring=context.ring_index[entry.ring_id],
                    is_new=moved.is_new,
                    moved=moved.moved,
                    href=f"#eintrag-{number}",
                ),
                quadrant=entry.quadrant.name,
                ring=entry.ring.name,
                description=entry.description,
                projects=entry.public_projects,
                links=_links(entry.links),
            )
        )
    return rows


def snapshot_rows(snapshot: dict, previous: dict | None) -> list[Row]:
    """An edition's entries as frozen, moved against the edition before it."""
    quadrants = list(snapshot.get("quadrants", []))
    rings = list(snapshot.get("rings", []))
    positions = moves.previous_positions(previous) if previous is not None else None
    rows = []
    for number, item in enumerate(snapshot.get("entries", []), start=1):
        if item.get("quadrant") not in quadrants or item.get("ring") not in rings:
            continue  # an older snapshot edited by hand: shown nowhere rather than guessed
        ring = rings.index(item["ring"])
        moved = moves.movement(item["name"], ring, positions)
        rows.append(
            Row(
                blip=svg.Blip(
                    number=number,
                    name=item["name"],
                    quadrant=quadrants.index(item["quadrant"]),
                    ring=ring,
                    is_new=moved.is_new,
                    moved=moved.moved,
                    href=f"#eintrag-{number}",
                ),
                quadrant=item["quadrant"],
                ring=item["ring"],
                description=item.get("description", ""),
                projects=[],
                links=[],
            )
        )
    return rows


def drawing(radar_name: str, quadrants: list[str], rings: list[str], rows: list[Row]):
    return svg.draw(
        quadrants,
        rings,
        [row.blip for row in rows],
        title=_("Technologie-Radar: %(name)s") % {"name": radar_name},
    )


@require_safe
@cache_public
def radar_list(request):
    region = region_of(request)
    radars = list(
        rules.visible_radars(request_access(request), Radar.objects.all())
        .filter(published=True)
        .prefetch_related(
            "quadrants",
            "rings",
            Prefetch("editions", queryset=Edition.objects.order_by("-date", "-pk")),
        )
        .order_by("name", "pk")
    )
    context = {
        "radars": radars,
        "region": region,
        "title": _("Technologie-Radar"),
        "breadcrumbs": [(_("Start"), reverse("public:home")), (_("Technologie-Radar"), None)],
    }
    return render(request, "public/radar/list.html", context)


@require_safe
@cache_public
def radar_detail(request, slug: str):
    radar = _radar(request, slug)
    if not radar.published:
        raise Http404
    quadrants, rings = list(radar.quadrants.all()), list(radar.rings.all())
    rows = current_rows(radar, quadrants, rings)
    editions = list(Edition.objects.filter(radar=radar).order_by("-date", "-pk"))
    quadrant_names, ring_names = [q.name for q in quadrants], [r.name for r in rings]
    context = {
        "radar": radar,
        "rows": rows,
        "svg": drawing(radar.name, quadrant_names, ring_names, rows),
        "quadrants": quadrant_names,
        "rings": ring_names,
        "editions": editions,
        "compared_with": editions[0] if editions else None,
        "title": radar.name,
        "breadcrumbs": crumbs((radar.name, None)),
    }
    return render(request, "public/radar/detail.html", context)


@require_safe
@cache_public
def radar_edition(request, slug: str, pk: int):
    radar = _radar(request, slug)
    if not radar.published:
        raise Http404
    editions = list(Edition.objects.filter(radar=radar).order_by("date", "pk"))
    index = next((i for i, e in enumerate(editions) if e.pk == pk), None)
    if index is None:
        raise Http404
    edition = editions[index]
    previous = editions[index - 1] if index else None
    rows = snapshot_rows(edition.snapshot, previous.snapshot if previous else None)
    quadrants = list(edition.snapshot.get("quadrants", []))
    rings = list(edition.snapshot.get("rings", []))
    title = _("%(name)s, Ausgabe vom %(date)s") % {
        "name": radar.name,
        "date": edition.date.strftime("%d.%m.%Y"),
    }
    context = {
        "radar": radar,
        "edition": edition,
        "previous": previous,
        "rows": rows,
        "svg": drawing(title, quadrants, rings, rows),
        "quadrants": quadrants,
        "rings": rings,
        "title": title,
        "breadcrumbs": crumbs(
            (radar.name, reverse("public:radar_detail", args=[radar.slug])),
            (_("Ausgabe vom %(date)s") % {"date": edition.date.strftime("%d.%m.%Y")}, None),
        ),
    }
    return render(request, "public/radar/edition.html", context)
