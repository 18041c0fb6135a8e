"""Where a set of projects stands at a glance: the status distribution and the overall
progress, for the stacked status bar of the start, strategy, field, town and dashboard pages.

Overall progress follows the same rule as a project's progress from its towns' parts
(portfolio/rollup.py): the mean of the projects' progress, leaving out discontinued
projects, rounded half up; so parts → project → field → strategy add up by one rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet, Sum

from .choices import STATUS_ORDER, ProjectStatus


@dataclass(frozen=True)
class Segment:
    status: str
    label: str
    count: int
    x: float  # start on a scale of 0–100
    width: float  # share of all projects, 0–100
    percent: int  # the share in whole percent, for the text


@dataclass
class StatusSummary:
    total: int = 0
    progress: int = 0
    segments: list[Segment] = field(default_factory=list)


def summarize(rows: Iterable[tuple[str, int, int]]) -> StatusSummary:
    """The summary of (status, number of projects, sum of their progress) rows."""
    counts: dict[str, int] = {}
    sums: dict[str, int] = {}
    for status, count, progress_sum in rows:
        counts[status] = counts.get(status, 0) + count
        sums[status] = sums.get(status, 0) + (progress_sum or 0)
    total = sum(counts.values())
    active = total - counts.get(ProjectStatus.DISCONTINUED, 0)
    active_sum = sum(v for s, v in sums.items() if s != ProjectStatus.DISCONTINUED)
    progress = (2 * active_sum + active) // (2 * active) if active else 0
    segments, x = [], 0.0
    for status in STATUS_ORDER:  # from not begun to done, then the stopped ones
        count = counts.get(status, 0)
        if not count:
            continue
        width = 100 * count / total
        percent = (200 * count + total) // (2 * total)
        segments.append(
            Segment(status, str(status.label), count, round(x, 3), round(width, 3), percent)
        )
        x += width
    return StatusSummary(total=total, progress=progress, segments=segments)


def status_summary(projects: QuerySet) -> StatusSummary:
    """The summary of a queryset of projects: one query, grouped by status."""
    rows = (
        projects.order_by()
        .values("status")
        .annotate(n=Count("pk"), progress_sum=Sum("progress"))
        .values_list("status", "n", "progress_sum")
    )
    return summarize(rows)
