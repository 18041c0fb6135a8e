"""A project's phase from its checklist (issue 14): pure functions, no queries.

The region's checklist names points per phase (idea, funding, tender, data protection, go-live,
evaluation). A project is in the first phase, in that order, that still has an open point; a
phase without points is skipped. With every point done the project has gone through all
phases; without any point defined it has no phase.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .choices import ProjectPhase


@dataclass
class PhaseState:
    phase: ProjectPhase
    items: list = field(default_factory=list)  # (item, done) pairs
    current: bool = False

    @property
    def done_count(self) -> int:
        return sum(1 for _, done in self.items if done)

    @property
    def complete(self) -> bool:
        return self.done_count == len(self.items)


@dataclass
class Checklist:
    phases: list[PhaseState]
    current: ProjectPhase | None
    all_done: bool

    @property
    def total(self) -> int:
        return sum(len(p.items) for p in self.phases)

    @property
    def done(self) -> int:
        return sum(p.done_count for p in self.phases)


def checklist(items: Iterable, done_item_ids: Iterable[int]) -> Checklist:
    """The phases with their points (in the items' order) and the current phase.

    `items` have `pk` and `phase`; `done_item_ids` are the points the project ticked off.
    """
    done = set(done_item_ids)
    by_phase = {phase: PhaseState(phase) for phase in ProjectPhase}
    for item in items:
        by_phase[ProjectPhase(item.phase)].items.append((item, item.pk in done))
    phases = [state for state in by_phase.values() if state.items]
    current = next((state for state in phases if not state.complete), None)
    if current is not None:
        current.current = True
    return Checklist(
        phases=phases,
        current=current.phase if current else None,
        all_done=bool(phases) and current is None,
    )


@dataclass
class PhaseSummary:
    """A project's phase and progress through its checklist, without the points themselves
    (what a profile shows; see checklists.with_phase)."""

    current: ProjectPhase | None
    done: int
    total: int

    @property
    def all_done(self) -> bool:
        return self.total > 0 and self.current is None
