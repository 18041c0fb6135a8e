"""The technology radar drawn as SVG by our own code (issue 14, section 1): no script, no
library, the same picture on the public site, in the staff area and on paper.

Accessible by construction: the picture has a title and a description; every blip is a link
(keyboard-focusable, with its number, name, ring and quadrant as its accessible name) to the
entry in the table that the page shows beside the picture; the state of a blip is told by its
shape, never by colour alone (circle: unchanged, circle with a ring: new, triangle up: moved
in, triangle down: moved out). Positions are computed, not random: the same radar is always
drawn the same way, and blips of one sector are spread over rows so that they do not overlap.

Quadrants are sectors clockwise from the left (with four: top left, top right, bottom right,
bottom left); rings go outwards, the first ring (e.g. "Einsetzen") innermost.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

# Dark colours with at least 4.5:1 against white (the numbers inside the blips are white);
# they tell the quadrants apart, never the state.
QUADRANT_COLOURS = ("#005a87", "#8a3b00", "#1f6b2e", "#6a2c8a", "#7a5c00", "#9b1c31")
LINE = "#5c6670"  # ring and axis lines: 5.9:1 on white
RING_FILLS = ("#e6eff6", "#eef3f8", "#f4f7fa", "#fafbfc")
BLIP_RADIUS = 10
BLIP_SPACING = 2.6 * BLIP_RADIUS
MARGIN = 56  # room for the quadrants' names around the outer ring
# Blips keep this far from the axes: the ring names stand along the left axis, one above and
# the next below the line, and need the room of a line of text and a blip.
AXIS_CLEARANCE = BLIP_SPACING + 2


@dataclass(frozen=True)
class Blip:
    number: int
    name: str
    quadrant: int  # index into the radar's quadrants
    ring: int  # index into the radar's rings, 0 innermost
    is_new: bool = False
    moved: int = 0  # 1 in, -1 out, 0 unchanged
    href: str = ""


def state_text(blip: Blip) -> str:
    if blip.is_new:
        return _("neu")
    if blip.moved > 0:
        return _("nach innen gerückt")
    if blip.moved < 0:
        return _("nach außen gerückt")
    return ""


def _point(cx: float, cy: float, radius: float, angle: float) -> tuple[float, float]:
    return cx + radius * math.cos(angle), cy + radius * math.sin(angle)


def _sector_angles(quadrant: int, quadrants: int) -> tuple[float, float]:
    width = 2 * math.pi / quadrants
    start = -math.pi + quadrant * width
    return start, start + width


def _margin(radius: float) -> float | None:
    """The angle that keeps a blip on an arc of this radius AXIS_CLEARANCE away from the
    sector's axes (where the ring names stand); None when the arc is too close to the centre."""
    if radius <= AXIS_CLEARANCE:
        return None
    return math.asin(AXIS_CLEARANCE / radius)


def _arcs(inner: float, outer: float, sweep: float) -> list[tuple[float, int]]:
    """The arcs of a sector between two radii and how many blips each holds: arcs at least
    BLIP_SPACING apart and from the ring's edges, blips BLIP_SPACING apart along an arc and
    AXIS_CLEARANCE away from the axes."""
    rows = max(1, int((outer - inner) // BLIP_SPACING) - 1)
    arcs = []
    for row in range(rows):
        radius = inner + (outer - inner) * (row + 1) / (rows + 1)
        margin = _margin(radius)
        free = (sweep - 2 * margin) * radius if margin is not None else 0.0
        arcs.append((radius, max(0, int(free // BLIP_SPACING))))
    return arcs


def _holds(inner: float, outer: float, sweep: float) -> int:
    return sum(count for _radius, count in _arcs(inner, outer, sweep))


def ring_radii(rings: int, radius: float, crowd: list[int] | None = None, sweep: float = 0.0):
    """Outer radius of each ring: the inner rings a little wider, as they hold what counts,
    and every ring wide enough for the fullest of its sectors (`crowd`, blips per ring), so a
    full radar grows rather than piling its blips up."""
    weights = [1.0 + 0.25 * (rings - 1 - i) for i in range(rings)]
    total = sum(weights)
    radii, reached, inner = [], 0.0, 0.0
    for index, weight in enumerate(weights):
        reached += weight
        outer = max(radius * reached / total, inner + 2 * BLIP_SPACING)
        while crowd and _holds(inner, outer, sweep) < crowd[index]:
            outer += 2
        radii.append(outer)
        inner = outer
    return radii


def _sectors(blips: list[Blip]) -> dict[tuple[int, int], list[Blip]]:
    sectors: dict[tuple[int, int], list[Blip]] = {}
    for blip in blips:
        sectors.setdefault((blip.quadrant, blip.ring), []).append(blip)
    return sectors


def layout(blips: list[Blip], quadrants: int, rings: int, radius: float) -> list[float]:
    """The rings' outer radii for these blips (ring_radii with each ring's fullest sector)."""
    crowd = [0] * rings
    for (_quadrant, ring), members in _sectors(blips).items():
        crowd[ring] = max(crowd[ring], len(members))
    return ring_radii(rings, radius, crowd, 2 * math.pi / quadrants)


def positions(
    blips: list[Blip], quadrants: int, outer: list[float], centre: float
) -> dict[int, tuple[float, float]]:
    """The centre of every blip (by number): each sector's blips in name order, shared out
    over the sector's arcs in proportion to what each arc holds, evenly along each arc."""
    placed: dict[int, tuple[float, float]] = {}
    for (quadrant, ring), members in _sectors(blips).items():
        members.sort(key=lambda b: (b.name.casefold(), b.number))
        inner = outer[ring - 1] if ring else 0.0
        start, end = _sector_angles(quadrant, quadrants)
        arcs = [(r, n) for r, n in _arcs(inner, outer[ring], end - start) if n > 0]
        total = sum(n for _r, n in arcs)
        share = [min(n, round(len(members) * n / total)) for _r, n in arcs]
        while sum(share) > len(members):
            share[share.index(max(share))] -= 1
        while sum(share) < len(members):
            spare = [n - k for (_r, n), k in zip(arcs, share, strict=True)]
            share[spare.index(max(spare))] += 1
        index = 0
        for (arc, _n), count in zip(arcs, share, strict=True):
            margin = _margin(arc)
            for k in range(count):
                angle = start + margin + (end - start - 2 * margin) * (k + 0.5) / count
                placed[members[index].number] = _point(centre, centre, arc, angle)
                index += 1
    return placed


def _shape(blip: Blip, x: float, y: float, colour: str) -> str:
    r = BLIP_RADIUS
    if blip.moved and not blip.is_new:
        tip = -1 if blip.moved > 0 else 1  # up for "in", down for "out"
        points = [
            (x, y + tip * r * 1.25),
            (x - r * 1.15, y - tip * r * 0.75),
            (x + r * 1.15, y - tip * r * 0.75),
        ]
        text = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        return f'<polygon class="radar-blip-shape" points="{text}" fill="{colour}"/>'
    shape = f'<circle class="radar-blip-shape" cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{colour}"/>'
    if blip.is_new:
        shape = (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r + 3.5}" fill="none" '
            f'stroke="{colour}" stroke-width="2"/>' + shape
        )
    return shape


def draw(
    quadrants: list[str],
    rings: list[str],
    blips: list[Blip],
    *,
    title: str,
    description: str = "",
    size: int = 720,
    ident: str = "radar",
) -> SafeString:
    """The radar as an inline SVG element (safe to put into a template as it is)."""
    if not quadrants or not rings:
        return mark_safe("")  # noqa: S308 - empty
    description = description or _default_description(quadrants, rings, blips)
    outer = layout(blips, len(quadrants), len(rings), size / 2 - MARGIN)
    radius = outer[-1]
    size = max(size, math.ceil(2 * (radius + MARGIN)))
    centre = size / 2
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="radar-svg" viewBox="0 0 {size} {size}" '
        f'role="group" aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
    ]
    # Rings, outermost first so the inner ones lie on top.
    for index in reversed(range(len(rings))):
        fill = RING_FILLS[min(index, len(RING_FILLS) - 1)]
        parts.append(
            f'<circle cx="{centre}" cy="{centre}" r="{outer[index]:.1f}" fill="{fill}" '
            f'stroke="{LINE}" stroke-width="1" aria-hidden="true"/>'
        )
    for quadrant in range(len(quadrants)):
        start, _end = _sector_angles(quadrant, len(quadrants))
        x, y = _point(centre, centre, radius, start)
        parts.append(
            f'<line x1="{centre}" y1="{centre}" x2="{x:.1f}" y2="{y:.1f}" stroke="{LINE}" '
            f'stroke-width="1.5" aria-hidden="true"/>'
        )
    # Ring names along the left axis, in the middle of their ring, one above and the next
    # below the line so that long names do not run into each other; a white halo keeps them
    # legible on the line.
    for index, name in enumerate(rings):
        inner = outer[index - 1] if index else 0.0
        x = centre - (inner + outer[index]) / 2
        y = centre - 5 if index % 2 == 0 else centre + 15
        parts.append(
            f'<text class="radar-ring-label" x="{x:.1f}" y="{y:.1f}" text-anchor="middle" '
            f'font-size="12" fill="#1d2329" stroke="#ffffff" stroke-width="3" '
            f'paint-order="stroke" aria-hidden="true">{escape(name)}</text>'
        )
    for quadrant, name in enumerate(quadrants):
        start, end = _sector_angles(quadrant, len(quadrants))
        x, y = _point(centre, centre, radius + 26, (start + end) / 2)
        anchor = "end" if x < centre - 1 else "start" if x > centre + 1 else "middle"
        colour = QUADRANT_COLOURS[quadrant % len(QUADRANT_COLOURS)]
        parts.append(
            f'<text class="radar-quadrant-label" x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" '
            f'font-size="15" font-weight="bold" fill="{colour}" aria-hidden="true">'
            f"{escape(name)}</text>"
        )
    placed = positions(blips, len(quadrants), outer, centre)
    for blip in sorted(blips, key=lambda b: b.number):
        x, y = placed[blip.number]
        colour = QUADRANT_COLOURS[blip.quadrant % len(QUADRANT_COLOURS)]
        state = state_text(blip)
        label = _("%(number)s. %(name)s: %(ring)s, %(quadrant)s") % {
            "number": blip.number,
            "name": blip.name,
            "ring": rings[blip.ring],
            "quadrant": quadrants[blip.quadrant],
        }
        if state:
            label = f"{label} ({state})"
        href = blip.href or f"#{ident}-eintrag-{blip.number}"
        parts.append(
            f'<a class="radar-blip" href="{escape(href)}" aria-label="{escape(label)}">'
            f"<title>{escape(label)}</title>{_shape(blip, x, y, colour)}"
            f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" font-size="11" '
            f'font-weight="bold" fill="#ffffff" aria-hidden="true">{blip.number}</text></a>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def _default_description(quadrants: list[str], rings: list[str], blips: list[Blip]) -> str:
    return _(
        "Radar mit %(count)s Einträgen in den Bereichen %(quadrants)s und den Ringen "
        "%(rings)s (von innen nach außen). Die Tabelle unter dem Bild enthält dieselben "
        "Einträge."
    ) % {
        "count": len(blips),
        "quadrants": ", ".join(quadrants),
        "rings": ", ".join(rings),
    }
