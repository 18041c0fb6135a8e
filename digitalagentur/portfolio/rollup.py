"""How a project's status and progress follow from its towns' parts (pure functions).

The rule (issue 7, section 2; docs/monitoring.md):
- progress: the mean of the parts' progress, leaving out discontinued parts, rounded half
  up to a whole number; 0 when no part is left;
- status: "discontinued" when every part is; otherwise, ignoring discontinued parts,
  "completed" when all are completed, else "in_progress" when any is in progress or
  completed, else "paused" when all are paused, else "planned" when any is planned, else
  "idea".
A project without parts keeps the status and progress written on it, and so does a project
whose figures the coordination has set by hand (Project.progress_is_override).
"""

from __future__ import annotations

from collections.abc import Iterable

from .choices import ProjectStatus as S


def mean_half_up(values: list[int]) -> int:
    """The mean of whole numbers rounded half up (2.5 → 3), exactly, without floats."""
    if not values:
        return 0
    n = len(values)
    return (2 * sum(values) + n) // (2 * n)


def rolled_up_progress(parts: Iterable[tuple[str, int]]) -> int:
    return mean_half_up([progress for status, progress in parts if status != S.DISCONTINUED])


def rolled_up_status(statuses: Iterable[str]) -> str:
    statuses = list(statuses)
    active = {s for s in statuses if s != S.DISCONTINUED}
    if not active:
        return S.DISCONTINUED
    if active == {S.COMPLETED}:
        return S.COMPLETED
    if S.IN_PROGRESS in active or S.COMPLETED in active:
        return S.IN_PROGRESS
    if active == {S.PAUSED}:
        return S.PAUSED
    if S.PLANNED in active:
        return S.PLANNED
    return S.IDEA


def rolled_up(parts: Iterable[tuple[str, int]]) -> tuple[str, int] | None:
    """(status, progress) of a project with these (status, progress) parts; None without
    parts (the project's own figures stand)."""
    parts = list(parts)
    if not parts:
        return None
    return rolled_up_status(s for s, _p in parts), rolled_up_progress(parts)
