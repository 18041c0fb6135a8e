"""What an import would do to a radar, decided from plain values (no ORM).

Each read row (radar/formats.py) is matched to an existing entry by name, case-blind: a match
whose ring, quadrant or description differ is "changed" (the entry keeps its spelling of the
name), an equal one "unchanged", no match "new". Rings and quadrants are matched case-blind to
the radar's own; unknown ones, and a name the file already named in an earlier row, reject the
row. The report is `{"new", "changed", "unchanged", "rejected": [{"row", "reason"}]}`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from digitalagentur.core.text import same_text

from .formats import ImportRow, ParsedFile, Rejection
from .movement import name_key


@dataclass(frozen=True)
class Current:
    """An existing entry as the import sees it."""

    name: str
    ring: str
    quadrant: str
    description: str


@dataclass(frozen=True)
class Change:
    row: ImportRow
    key: str  # name key of the existing entry (None for new ones)
    ring: str  # the radar's spelling
    quadrant: str
    description: str | None  # None: keep


@dataclass
class Plan:
    new: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    unchanged: int = 0
    rejected: list[Rejection] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejected

    def report(self) -> dict:
        rejected = sorted(self.rejected, key=lambda r: (r.row is not None, r.row or 0))
        return {
            "new": len(self.new),
            "changed": len(self.changed),
            "unchanged": self.unchanged,
            "rejected": [r.as_dict() for r in rejected],
        }


def choices_text(names: Sequence[str]) -> str:
    return ", ".join(names)


def plan_import(
    parsed: ParsedFile,
    *,
    existing: Mapping[str, Current],
    rings: Sequence[str],
    quadrants: Sequence[str],
) -> Plan:
    """`existing` by name key (movement.name_key); rings and quadrants in their order."""
    plan = Plan(rejected=list(parsed.rejected))
    ring_names = {name_key(r): r for r in rings}
    quadrant_names = {name_key(q): q for q in quadrants}
    first_row: dict[str, int] = {}
    for row in parsed.rows:
        key = name_key(row.name)
        ring = ring_names.get(name_key(row.ring))
        quadrant = quadrant_names.get(name_key(row.quadrant))
        reason = ""
        if key in first_row:
            reason = _("Der Name „%(name)s“ steht schon in Zeile %(row)d.") % {
                "name": row.name,
                "row": first_row[key],
            }
        elif ring is None:
            reason = _("Unbekannter Ring „%(ring)s“ (möglich: %(rings)s).") % {
                "ring": row.ring[:100],
                "rings": choices_text(rings),
            }
        elif quadrant is None:
            reason = _("Unbekannter Quadrant „%(quadrant)s“ (möglich: %(quadrants)s).") % {
                "quadrant": row.quadrant[:100],
                "quadrants": choices_text(quadrants),
            }
        first_row.setdefault(key, row.row)
        if reason:
            plan.rejected.append(Rejection(row.row, reason))
            continue
        change = Change(row, key, ring, quadrant, row.description)
        current = existing.get(key)
        if current is None:
            plan.new.append(change)
        elif (
            current.ring != ring
            or current.quadrant != quadrant
            or (row.description is not None and not same_text(current.description, row.description))
        ):
            plan.changed.append(change)
        else:
            plan.unchanged += 1
    return plan
