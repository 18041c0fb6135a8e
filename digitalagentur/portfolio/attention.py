"""What needs attention in a portfolio ("Handlungsbedarf"): the rules, and the lists.

The rules are pure functions; `needs_attention` reads each list with one query (at most
`limit` rows of it, plus one to know whether there are more), whatever the portfolio's size.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import ProjectStatus
from .models import Milestone, Project

# Projects that are over do not need updates any more.
FINISHED = (ProjectStatus.COMPLETED, ProjectStatus.DISCONTINUED)


def progress_warning(status: str, progress: int) -> str | None:
    """A status that contradicts the percentage, in words (None when they agree)."""
    if status == ProjectStatus.IN_PROGRESS and progress == 0:
        return _("Das Projekt ist „in Umsetzung“, steht aber bei 0 %. Stimmt der Fortschritt?")
    if status == ProjectStatus.COMPLETED and progress < 100:
        return _(
            "Das Projekt ist „abgeschlossen“, steht aber bei %(progress)s %%. "
            "Stimmt der Fortschritt?"
        ) % {"progress": progress}
    return None


CONTRADICTING_PROGRESS = Q(status=ProjectStatus.IN_PROGRESS, progress=0) | Q(
    status=ProjectStatus.COMPLETED, progress__lt=100
)


def stale_after_days() -> int:
    return settings.DIGITALAGENTUR_STALE_AFTER_DAYS


@dataclass
class AttentionList:
    """Up to `limit` items of one kind; `more` says whether there are further ones."""

    items: list
    more: bool = False


@dataclass
class Attention:
    stale: AttentionList
    overdue_milestones: AttentionList
    missing_basics: AttentionList
    drafts: AttentionList
    contradicting: AttentionList
    stale_days: int = 90

    @property
    def is_empty(self) -> bool:
        return not any(
            getattr(self, name).items
            for name in ("stale", "overdue_milestones", "missing_basics", "drafts", "contradicting")
        )


def _first(queryset, limit: int) -> AttentionList:
    rows = list(queryset[: limit + 1])
    return AttentionList(rows[:limit], more=len(rows) > limit)


def needs_attention(
    projects: QuerySet[Project], *, limit: int = 10, today: datetime.date | None = None
) -> Attention:
    """What needs attention among `projects` (already scoped to what the user may see)."""
    today = today or timezone.localdate()
    days = stale_after_days()
    cutoff = today - datetime.timedelta(days=days)
    since = timezone.make_aware(datetime.datetime.combine(cutoff, datetime.time.min))
    # Activity: a change of the project, a (dated) update, or a change of a milestone.
    stale = (
        projects.exclude(status__in=FINISHED)
        .annotate(last_update=Max("updates__date"), last_milestone=Max("milestones__updated"))
        .filter(updated__lt=since)
        .filter(Q(last_update__isnull=True) | Q(last_update__lt=cutoff))
        .filter(Q(last_milestone__isnull=True) | Q(last_milestone__lt=since))
        .order_by("updated", "pk")
    )
    overdue = (
        Milestone.objects.filter(
            project__in=projects.values("pk"), completed_on__isnull=True, due_date__lt=today
        )
        .exclude(project__status__in=FINISHED)
        .select_related("project")
        .order_by("due_date", "pk")
    )
    missing = projects.filter(Q(lead="") | Q(description="")).order_by("title", "pk")
    drafts = projects.filter(published=False).order_by("-updated", "pk")
    contradicting = projects.filter(CONTRADICTING_PROGRESS).order_by("title", "pk")
    return Attention(
        stale=_first(stale, limit),
        overdue_milestones=_first(overdue, limit),
        missing_basics=_first(missing, limit),
        drafts=_first(drafts, limit),
        contradicting=_first(contradicting, limit),
        stale_days=days,
    )
