"""Test factories for participation (issue 12): ideas through participation.services,
competitions with criteria, prizes and a jury through participation.competitions."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from itertools import count

from django.utils import timezone

from digitalagentur.core import testing as t
from digitalagentur.participation import competitions, services
from digitalagentur.participation.choices import CompetitionPhase, IdeaStatus
from digitalagentur.participation.models import Competition, Idea, Juror

_seq = count(1)
DAY = datetime.timedelta(days=1)


def make_participant(username: str | None = None, *, first_name: str = "", **values):
    """An active account as registered by the public (no role)."""
    n = next(_seq)
    return t.make_user(username or f"teilnehmer{n}", first_name=first_name, **values)


def make_idea(
    region,
    user=None,
    *,
    title: str | None = None,
    text: str = "Eine Idee für die Region.",
    status: str = IdeaStatus.PUBLISHED,
    reason: str = "",
    **values,
) -> Idea:
    """An idea, published unless told otherwise (`status` received, published, review,
    declined or rejected; a reason is filled in where one is needed)."""
    user = user or make_participant()
    idea = services.submit_idea(
        region=region, user=user, title=title or f"Idee {next(_seq)}", text=text, **values
    )
    path = {
        IdeaStatus.RECEIVED: [],
        IdeaStatus.PUBLISHED: [IdeaStatus.PUBLISHED],
        IdeaStatus.REVIEW: [IdeaStatus.PUBLISHED, IdeaStatus.REVIEW],
        IdeaStatus.DECLINED: [IdeaStatus.PUBLISHED, IdeaStatus.DECLINED],
        IdeaStatus.REJECTED: [IdeaStatus.REJECTED],
    }[IdeaStatus(status)]
    for step in path:
        needs_reason = step in (IdeaStatus.DECLINED, IdeaStatus.REJECTED)
        idea = services.set_status(
            idea, step, user=None, reason=reason or ("Begründung" if needs_reason else "")
        )
    return idea


def phase_dates(phase: str, now: datetime.datetime | None = None) -> dict:
    """Submission and jury dates that put a competition in `phase` at `now`."""
    now = now or timezone.now()
    starts = {
        CompetitionPhase.UPCOMING: now + 7 * DAY,
        CompetitionPhase.SUBMISSION: now - 7 * DAY,
        CompetitionPhase.JURY: now - 21 * DAY,
        CompetitionPhase.AWAITING: now - 42 * DAY,
    }
    start = starts[CompetitionPhase(phase)]
    return {
        "submission_start": start,
        "submission_end": start + 14 * DAY,
        "jury_end": start + 28 * DAY,
    }


def make_competition(
    region,
    *,
    phase: str = CompetitionPhase.SUBMISSION,
    criteria: Iterable[tuple[str, Decimal | str | int]] = (("Idee", 2), ("Umsetzbarkeit", 1)),
    prizes: Iterable[str] = ("1. Preis", "2. Preis"),
    **values,
) -> Competition:
    """A published competition in `phase` with criteria (name, weight) and prizes (names,
    positions 1, 2, …)."""
    n = next(_seq)
    values = {
        "slug": f"wettbewerb-{n}",
        "title": f"Wettbewerb {n}",
        "published": True,
        **phase_dates(phase),
        **values,
    }
    competition = competitions.create_competition(Competition(region=region, **values))
    for name, weight in criteria:
        competitions.add_criterion(competition, name=name, weight=weight)
    for name in prizes:
        competitions.add_prize(competition, name=name)
    return competition


def make_juror(competition: Competition, user=None, **user_values) -> Juror:
    return competitions.add_juror(competition, user or make_participant(**user_values))


def make_submission(competition: Competition, user=None, *, title: str | None = None, **values):
    """An entry; the competition must be in its submission phase."""
    values.setdefault("text", "Unser Beitrag zum Wettbewerb.")
    values.setdefault("extra", {})
    return competitions.submit_entry(
        competition,
        user=user or make_participant(),
        title=f"Beitrag {next(_seq)}" if title is None else title,
        **values,
    )


def move_to_phase(competition: Competition, phase: str) -> Competition:
    """Shift the competition's dates so that it is in `phase` now (tests only)."""
    Competition.objects.filter(pk=competition.pk).update(**phase_dates(phase))
    competition.refresh_from_db()
    return competition
