""" "New" and "moved" of radar entries against the previous edition: plain values, no ORM.

An edition's snapshot lists its rings innermost first and its entries with their ring names
(radar/models.py, Edition). An entry is new when the previous edition does not name it (names
compared case-blind); it moved in (1) when its ring is now further inside than there, out (-1)
when further outside, else 0. Without any edition everything is new and nothing moved.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

IN, STAY, OUT = 1, 0, -1


@dataclass(frozen=True)
class Movement:
    is_new: bool
    moved: int

    @property
    def status(self) -> str:
        """The BYOR word for it: New, Moved In, Moved Out or No Change."""
        if self.is_new:
            return "New"
        return {IN: "Moved In", OUT: "Moved Out"}.get(self.moved, "No Change")


NO_EDITION = Movement(is_new=True, moved=STAY)


def name_key(name: str) -> str:
    """Names are matched ignoring case and repeated spaces ("LoRaWAN" = "lorawan ")."""
    return " ".join(str(name).split()).casefold()


def previous_positions(snapshot: Mapping | None) -> dict[str, int] | None:
    """{name key: ring position} of an edition's entries; None without an edition.

    A ring the snapshot does not list (an older, edited snapshot) counts as unknown: the
    entry is then treated as not moved rather than guessed.
    """
    if snapshot is None:
        return None
    rings = [name_key(r) for r in snapshot.get("rings", [])]
    positions = {}
    for item in snapshot.get("entries", []):
        ring = name_key(item.get("ring", ""))
        positions[name_key(item.get("name", ""))] = rings.index(ring) if ring in rings else -1
    return positions


def movement(name: str, ring_position: int, previous: Mapping[str, int] | None) -> Movement:
    """The movement of an entry now in ring `ring_position` (0 = innermost)."""
    if previous is None:
        return NO_EDITION
    old = previous.get(name_key(name))
    if old is None:
        return Movement(is_new=True, moved=STAY)
    if old < 0 or old == ring_position:
        return Movement(is_new=False, moved=STAY)
    return Movement(is_new=False, moved=IN if ring_position < old else OUT)


def movements(
    entries: Sequence[tuple[str, int]], previous_snapshot: Mapping | None
) -> list[Movement]:
    """The movement of each (name, ring position), in the given order."""
    previous = previous_positions(previous_snapshot)
    return [movement(name, position, previous) for name, position in entries]
