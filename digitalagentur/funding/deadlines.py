"""Deadlines of a region and of a user (issue 8, section 4: never miss a deadline).

A deadline is a call's application deadline, a later deadline of a call (e.g. council
decisions on the own share) or a milestone of an application: planned submission, expected
decision, start and end of the funded project (dates without a time). Rejected and withdrawn
applications have no milestones any more.

Who sees which deadlines as "theirs" (staff page, dashboard, calendar feed, reminder mails):
coordinators and region admins all of the region's; municipal officers the deadlines of
published calls and everything of the applications their town takes part in (with the
deadlines of those applications' calls); readers the deadlines of published calls.

`region_deadlines` loads a region's deadlines with a fixed number of queries however many
there are; `visible_to` filters them for one user in Python, so that a job serving every user
of a region loads the region once.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from digitalagentur.tenancy.permissions import Access

from .models import (
    Application,
    ApplicationStatus,
    Call,
    CallDeadline,
    call_status,
    end_of_day,
)


class DeadlineKind(models.TextChoices):
    CALL = "call", gettext_lazy("Bewerbungsfrist")
    LATER = "later", gettext_lazy("weitere Frist")
    SUBMISSION = "submission", gettext_lazy("Einreichung")
    DECISION = "decision", gettext_lazy("Entscheidung")
    START = "start", gettext_lazy("Projektbeginn")
    END = "end", gettext_lazy("Projektende")


CALL_KINDS = frozenset({DeadlineKind.CALL, DeadlineKind.LATER})
# Application date fields that are milestones, in the order of an application's life.
MILESTONE_FIELDS = (
    ("submitted_on", DeadlineKind.SUBMISSION),
    ("decided_on", DeadlineKind.DECISION),
    ("start_date", DeadlineKind.START),
    ("end_date", DeadlineKind.END),
)
ENDED_APPLICATIONS = (ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN)


def deadline_text(moment: datetime.datetime) -> str:
    """'14.03.2021, 24:00 Uhr' for midnight (Europe/Berlin) of the 15th, else the local time."""
    local = timezone.localtime(moment)
    if local.time() == datetime.time():
        day = local.date() - datetime.timedelta(days=1)
        return _("%(day)s, 24:00 Uhr") % {"day": formats.date_format(day, "d.m.Y")}
    return _("%(day)s, %(time)s Uhr") % {
        "day": formats.date_format(local, "d.m.Y"),
        "time": formats.time_format(local, "H:i"),
    }


def days_text(days: int) -> str:
    """How far away a deadline is: "vorbei", "heute", "morgen", "in 3 Tagen"."""
    if days < 0:
        return _("vorbei")
    if days == 0:
        return _("heute")
    if days == 1:
        return _("morgen")
    return ngettext("in %(n)d Tag", "in %(n)d Tagen", days) % {"n": days}


def deadline_day(moment: datetime.datetime) -> datetime.date:
    """The calendar day a deadline belongs to: "14.03.2021, 24:00 Uhr" (the first moment of
    the 15th) is on the 14th; any other moment is on its own local day."""
    local = timezone.localtime(moment)
    if local.time() == datetime.time():
        return local.date() - datetime.timedelta(days=1)
    return local.date()


def start_of_day(moment: datetime.datetime) -> datetime.datetime:
    """0:00 (Europe/Berlin) of the moment's local day."""
    return timezone.make_aware(
        datetime.datetime.combine(timezone.localdate(moment), datetime.time())
    )


@dataclass(frozen=True)
class Deadline:
    """One deadline, as lists, the calendar feed and reminder mails show it."""

    key: str  # stable per object and kind: "call-12", "calldeadline-5", "application-7-end"
    kind: str
    title: str  # the call's, the later deadline's or the application's title
    due: datetime.datetime  # the moment it passes; for date-only milestones the day's end
    all_day: bool  # a milestone with a date and no time
    path: str  # the staff page that shows it
    call: Call | None = None
    application: Application | None = None
    public: bool = False  # a deadline of a published call of a published programme
    town_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def kind_label(self) -> str:
        return str(DeadlineKind(self.kind).label)

    @property
    def day(self) -> datetime.date:
        return deadline_day(self.due)

    @property
    def due_text(self) -> str:
        if self.all_day:
            return formats.date_format(self.day, "d.m.Y")
        return deadline_text(self.due)

    @property
    def subject(self) -> str:
        """The kind and what it is about in one line: "Bewerbungsfrist: Staffel 2021"."""
        return f"{self.kind_label}: {self.title}"

    @property
    def label(self) -> str:
        """What it is, beside its call in a list: "Bewerbungsfrist", "weitere Frist:
        Ratsbeschluss", "Projektende: Raum für Zukunft"."""
        return self.kind_label if self.kind == DeadlineKind.CALL else self.subject

    @property
    def context_text(self) -> str:
        """The call (and its programme) the deadline belongs to, if any."""
        if self.call is None:
            return ""
        return f"{self.call.title} ({self.call.programme.name})"

    @property
    def is_call_deadline(self) -> bool:
        return self.kind in CALL_KINDS

    def days_left(self, today: datetime.date) -> int:
        return (self.day - today).days

    def relative_text(self, today: datetime.date) -> str:
        return days_text(self.days_left(today))

    def call_status(self, now: datetime.datetime) -> str | None:
        """Forthcoming before the call opens, closed once this deadline passed."""
        if self.call is None or self.kind not in CALL_KINDS:
            return None
        return call_status(self.call.opens_at, self.due, now)


def _published(call: Call) -> bool:
    return call.published and call.programme.published


def _call_towns(region, call_ids: Iterable[int]) -> dict[int, frozenset[int]]:
    """The towns taking part in live applications to each call (one query)."""
    through = Application.municipalities.through
    towns: dict[int, set[int]] = defaultdict(set)
    rows = (
        through.objects.filter(application__region=region, application__call_id__in=call_ids)
        .exclude(application__status__in=ENDED_APPLICATIONS)
        .values_list("application__call_id", "municipality_id")
    )
    for call_id, town_id in rows:
        towns[call_id].add(town_id)
    return {call_id: frozenset(ids) for call_id, ids in towns.items()}


def _milestones(region, since: datetime.datetime, until: datetime.datetime | None):
    """Milestones of live applications due in [since, until) (two queries)."""
    first_day = timezone.localdate(since) - datetime.timedelta(days=1)
    in_window = Q()
    for name, _kind in MILESTONE_FIELDS:
        in_window |= Q(**{f"{name}__gte": first_day})
    applications = (
        Application.objects.filter(in_window, region=region)
        .exclude(status__in=ENDED_APPLICATIONS)
        .select_related("call__programme")
        .prefetch_related("municipalities")
    )
    found = []
    for application in applications:
        town_ids = frozenset(m.pk for m in application.municipalities.all())
        path = reverse("staff:application_detail", args=[application.pk])
        for name, kind in MILESTONE_FIELDS:
            day = getattr(application, name)
            if day is None:
                continue
            due = end_of_day(day)
            if due < since or (until is not None and due >= until):
                continue
            found.append(
                Deadline(
                    key=f"application-{application.pk}-{kind}",
                    kind=kind,
                    title=application.title,
                    due=due,
                    all_day=True,
                    path=path,
                    call=application.call,
                    application=application,
                    town_ids=town_ids,
                )
            )
    return found


def region_deadlines(
    region,
    *,
    since: datetime.datetime,
    until: datetime.datetime | None = None,
    milestones: bool = True,
) -> list[Deadline]:
    """The region's deadlines due in [since, until), soonest first: calls' deadlines and
    later deadlines (two queries), and with `milestones` the applications' milestones and
    the towns behind each call (three more). Drafts included: filter with `visible_to`."""
    window = {"gte": since} if until is None else {"gte": since, "lt": until}
    calls = list(
        Call.objects.filter(
            region=region, **{f"deadline__{op}": value for op, value in window.items()}
        ).select_related("programme")
    )
    later = list(
        CallDeadline.objects.filter(
            region=region, **{f"due__{op}": value for op, value in window.items()}
        ).select_related("call__programme")
    )
    towns: dict[int, frozenset[int]] = {}
    if milestones:
        towns = _call_towns(region, {c.pk for c in calls} | {d.call_id for d in later})
    found = [
        Deadline(
            key=f"call-{call.pk}",
            kind=DeadlineKind.CALL,
            title=call.title,
            due=call.deadline,
            all_day=False,
            path=reverse("staff:programme_detail", args=[call.programme_id]) + f"#aufruf-{call.pk}",
            call=call,
            public=_published(call),
            town_ids=towns.get(call.pk, frozenset()),
        )
        for call in calls
    ]
    found += [
        Deadline(
            key=f"calldeadline-{d.pk}",
            kind=DeadlineKind.LATER,
            title=d.title,
            due=d.due,
            all_day=False,
            path=reverse("staff:programme_detail", args=[d.call.programme_id]) + f"#frist-{d.pk}",
            call=d.call,
            public=_published(d.call),
            town_ids=towns.get(d.call_id, frozenset()),
        )
        for d in later
    ]
    if milestones:
        found += _milestones(region, since, until)
    found.sort(key=lambda d: (d.due, d.title, d.key))
    return found


def visible_to(access: Access, deadlines: Iterable[Deadline]) -> list[Deadline]:
    """The deadlines that are the user's own (see the module's docstring)."""
    if access.can_manage:
        return list(deadlines)
    if not access.is_staff_member:
        return [d for d in deadlines if d.public]
    towns = access.officer_town_ids
    return [d for d in deadlines if d.public or (towns & d.town_ids)]


def user_deadlines(
    region, access: Access, *, since: datetime.datetime, until: datetime.datetime | None = None
) -> list[Deadline]:
    return visible_to(access, region_deadlines(region, since=since, until=until))


def public_deadlines(
    region, *, since: datetime.datetime, until: datetime.datetime | None = None
) -> list[Deadline]:
    """Deadlines of the region's published calls (of published programmes) only."""
    found = region_deadlines(region, since=since, until=until, milestones=False)
    return [d for d in found if d.public]
