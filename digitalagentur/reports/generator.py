"""The draft of a status report (Sachstandsbericht): what happened in a period, per topic,
written in the structure of a council paper (Betreff, Beschlussvorschlag, Sachdarstellung).

`collect` gathers the facts of [since, until] (both days included) with a fixed number of
queries whatever their count; `draft` turns them into the report's title, resolution and
sections of plain text (blank-line paragraphs and "- " bullet lines, rendered by exports.py
and the staff templates). Nothing dated outside the period is ever mentioned.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from digitalagentur.assessment.models import Survey, Workshop
from digitalagentur.communication.models import Event
from digitalagentur.communication.registrations import with_counts
from digitalagentur.core.models import ObjectChange
from digitalagentur.funding.models import Application, ApplicationStatus
from digitalagentur.portfolio.choices import ProjectStatus
from digitalagentur.portfolio.models import Milestone, Project, ProjectUpdate
from digitalagentur.strategy.choices import DatePrecision, Topic
from digitalagentur.strategy.models import TimelineEvent

from .models import StatusReport

# The language of council papers, whatever the editor's interface language.
LANGUAGE = "de"


@dataclass(frozen=True)
class Item:
    """One dated happening: `sort` orders items of a list (date, then source, then pk)."""

    date: datetime.date
    text: str
    sort: tuple = ()


@dataclass(frozen=True)
class Lighthouse:
    title: str
    status: str


@dataclass
class ReportFacts:
    """What happened in the period, per topic (lists ordered by date, then pk)."""

    since: datetime.date
    until: datetime.date
    strategy: list[Item] = field(default_factory=list)
    agency: list[Item] = field(default_factory=list)
    staffing: list[Item] = field(default_factory=list)
    projects: list[Item] = field(default_factory=list)  # chronicle entries on projects
    project_updates: list[Item] = field(default_factory=list)
    milestones: list[Item] = field(default_factory=list)
    status_changes: list[Item] = field(default_factory=list)
    lighthouses: list[Lighthouse] = field(default_factory=list)
    funding: list[Item] = field(default_factory=list)  # chronicle entries on funding
    applications: list[Item] = field(default_factory=list)
    events: list[Item] = field(default_factory=list)  # chronicle, workshops, surveys

    def all_texts(self) -> list[str]:
        lists = [
            self.strategy,
            self.agency,
            self.staffing,
            self.projects,
            self.project_updates,
            self.milestones,
            self.status_changes,
            self.funding,
            self.applications,
            self.events,
        ]
        return [item.text for items in lists for item in items]


# ---------------------------------------------------------------------------------------------
# Formatting


def day(value: datetime.date) -> str:
    return f"{value:%d.%m.%Y}"


def dated(value: datetime.date, precision: str = DatePrecision.DAY) -> str:
    if precision == DatePrecision.YEAR:
        return f"{value:%Y}"
    if precision == DatePrecision.MONTH:
        return f"{MONTHS[value.month]} {value:%Y}"
    return day(value)


def euros(amount: Decimal | None) -> str:
    if amount is None:
        return ""
    return f"{amount:,.0f} €".replace(",", ".")


def status_label(value) -> str:
    try:
        return str(ProjectStatus(value).label)
    except ValueError:
        return str(value or "–")


def sentence(text: str) -> str:
    text = " ".join((text or "").split())
    return text if not text or text[-1] in '.!?:“"' else f"{text}."


def _bounds(since: datetime.date, until: datetime.date):
    """The period as aware datetimes [start, end) of the local days since..until."""
    start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
    end = timezone.make_aware(
        datetime.datetime.combine(until + datetime.timedelta(days=1), datetime.time.min)
    )
    return start, end


# ---------------------------------------------------------------------------------------------
# Collecting (a fixed number of queries per topic)


def _timeline(region, since, until, topics) -> dict[str, list[Item]]:
    by_topic: dict[str, list[Item]] = {t: [] for t in topics}
    rows = TimelineEvent.objects.filter(
        region=region, topic__in=topics, date__gte=since, date__lte=until
    ).order_by("date", "pk")
    # Chronicle entries about the status reports themselves are not news of a report: the
    # Sachdarstellung names the previous report, and a report does not report on itself.
    references = StatusReport.objects.filter(region=region).exclude(reference="")
    about_reports = Q()
    for reference in references.values_list("reference", flat=True):
        about_reports |= Q(title__contains=reference)
    if about_reports:
        rows = rows.exclude(about_reports)
    for event in rows:
        title = " ".join(event.title.split())
        if event.participants:
            title += " " + _("(%(count)s Teilnehmende)") % {"count": event.participants}
        text = f"{dated(event.date, event.date_precision)}: {sentence(title)}"
        if event.description:
            text += f" {sentence(event.description)}"
        by_topic[event.topic].append(Item(event.date, text, (event.date, 0, event.pk)))
    return by_topic


def _projects(region, since, until, facts: ReportFacts) -> None:
    updates = (
        ProjectUpdate.objects.filter(region=region, date__gte=since, date__lte=until)
        .select_related("project")
        .order_by("date", "pk")
    )
    for update in updates:
        text = f"{day(update.date)} – {update.project.title}: {sentence(update.title)}"
        if update.text:
            text += f" {sentence(update.text)}"
        facts.project_updates.append(Item(update.date, text, (update.date, 1, update.pk)))

    milestones = (
        Milestone.objects.filter(region=region, completed_on__gte=since, completed_on__lte=until)
        .select_related("project")
        .order_by("completed_on", "pk")
    )
    for milestone in milestones:
        reached = day(milestone.completed_on)
        text = f"{reached} – {milestone.project.title}: {sentence(milestone.title)}"
        facts.milestones.append(
            Item(milestone.completed_on, text, (milestone.completed_on, 2, milestone.pk))
        )

    start, end = _bounds(since, until)
    project_type = ContentType.objects.get_for_model(Project)
    changes = list(
        ObjectChange.objects.filter(
            region=region,
            content_type=project_type,
            action=ObjectChange.Action.UPDATE,
            changes__has_key="status",
            time__gte=start,
            time__lt=end,
        )
        .only("pk", "time", "object_id", "object_repr", "changes")
        .order_by("time", "pk")
    )
    titles = dict(
        Project.objects.filter(region=region, pk__in={c.object_id for c in changes}).values_list(
            "pk", "title"
        )
    )
    for change in changes:
        status = change.changes.get("status") or {}
        when = timezone.localtime(change.time).date()
        text = _("%(date)s – %(project)s: Status von „%(before)s“ zu „%(after)s“") % {
            "date": day(when),
            "project": titles.get(change.object_id, change.object_repr),
            "before": status_label(status.get("before")),
            "after": status_label(status.get("after")),
        }
        facts.status_changes.append(Item(when, text, (when, 3, change.pk)))

    # Lighthouse projects with their status at the end of the period: a later change is
    # rewound through the change log (its "before" is what the status was then). Only those
    # that existed then: started by the end of the period or, without a start date, entered
    # by then (nothing the platform learnt later is told of an earlier period).
    lighthouses = list(
        Project.objects.filter(region=region, is_lighthouse=True)
        .filter(Q(start_date__lte=until) | Q(start_date__isnull=True, created__lt=end))
        .only("pk", "title", "status", "sort_key", "is_strategy_project")
        .order_by("sort_key", "title", "pk")
    )
    later = ObjectChange.objects.filter(
        region=region,
        content_type=project_type,
        object_id__in=[p.pk for p in lighthouses],
        action=ObjectChange.Action.UPDATE,
        changes__has_key="status",
        time__gte=end,
    ).order_by("time", "pk")
    status_then: dict[int, str] = {}
    for change in later.only("object_id", "changes"):
        status_then.setdefault(change.object_id, (change.changes["status"] or {}).get("before"))
    for project in lighthouses:
        status = status_then.get(project.pk, project.status)
        facts.lighthouses.append(Lighthouse(project.title, status_label(status)))


def _funding(region, since, until, facts: ReportFacts) -> None:
    applications = (
        Application.objects.filter(region=region)
        .filter(
            Q(submitted_on__gte=since, submitted_on__lte=until)
            | Q(
                decided_on__gte=since,
                decided_on__lte=until,
                status__in=[ApplicationStatus.APPROVED, ApplicationStatus.REJECTED],
            )
        )
        .select_related("programme")
        .order_by("pk")
    )
    items = []
    for application in applications:
        programme = f" ({application.programme.name})" if application.programme_id else ""
        name = f"„{application.title}“{programme}"
        if application.submitted_on and since <= application.submitted_on <= until:
            text = _("%(date)s: Förderantrag %(name)s eingereicht") % {
                "date": day(application.submitted_on),
                "name": name,
            }
            if application.requested_amount:
                text = _("%(date)s: Förderantrag %(name)s über %(amount)s eingereicht") % {
                    "date": day(application.submitted_on),
                    "name": name,
                    "amount": euros(application.requested_amount),
                }
            items.append(
                Item(
                    application.submitted_on,
                    f"{text}.",
                    (application.submitted_on, 4, application.pk, 0),
                )
            )
        decided = application.decided_on
        if decided and since <= decided <= until:
            if application.status == ApplicationStatus.APPROVED:
                text = _("%(date)s: Förderantrag %(name)s bewilligt") % {
                    "date": day(decided),
                    "name": name,
                }
                if application.granted_amount:
                    text = _("%(date)s: Förderantrag %(name)s mit %(amount)s bewilligt") % {
                        "date": day(decided),
                        "name": name,
                        "amount": euros(application.granted_amount),
                    }
            elif application.status == ApplicationStatus.REJECTED:
                text = _("%(date)s: Förderantrag %(name)s abgelehnt") % {
                    "date": day(decided),
                    "name": name,
                }
            else:
                continue
            items.append(Item(decided, f"{text}.", (decided, 4, application.pk, 1)))
    facts.applications = sorted(items, key=lambda i: i.sort)


def _events(region, since, until, facts: ReportFacts) -> None:
    workshops = (
        Workshop.objects.filter(region=region, date__lte=until)
        .filter(Q(end_date__gte=since) | Q(end_date__isnull=True, date__gte=since))
        .order_by("date", "pk")
    )
    for workshop in workshops:
        when = day(workshop.date)
        if workshop.end_date and workshop.end_date != workshop.date:
            when = _("%(start)s bis %(end)s") % {"start": when, "end": day(workshop.end_date)}
        details = [workshop.get_format_display()]
        if workshop.participants:
            details.append(_("%(count)s Teilnehmende") % {"count": workshop.participants})
        text = _("%(date)s: Workshop „%(title)s“ (%(details)s).") % {
            "date": when,
            "title": workshop.title,
            "details": ", ".join(str(d) for d in details),
        }
        facts.events.append(Item(workshop.date, text, (workshop.date, 5, workshop.pk)))

    start, end = _bounds(since, until)
    _platform_events(region, start, end, facts)
    surveys = Survey.objects.filter(
        region=region, is_demo=False, opens_at__lt=end, closes_at__gte=start
    ).order_by("opens_at", "pk")
    for survey in surveys:
        opens = timezone.localtime(survey.opens_at).date()
        closes = timezone.localtime(survey.closes_at).date()
        text = _("%(start)s bis %(end)s: Online-Befragung „%(title)s“.") % {
            "start": day(opens),
            "end": day(closes),
            "title": survey.title,
        }
        shown = max(opens, since)
        facts.events.append(Item(shown, text, (shown, 6, survey.pk)))
    facts.events.sort(key=lambda i: i.sort)


def _platform_events(region, start, end, facts: ReportFacts) -> None:
    """Events of the communication module that began in the period, with their participant
    numbers: those who attended once attendance was recorded, else those registered. An event
    made for a workshop is reported with the workshop."""
    events = (
        with_counts(
            Event.objects.filter(
                region=region,
                published=True,
                start__gte=start,
                start__lt=end,
                workshop__isnull=True,
            )
        )
        .annotate(
            attended=Count("registrations", filter=Q(registrations__attended=True), distinct=True),
            recorded=Count(
                "registrations", filter=Q(registrations__attended__isnull=False), distinct=True
            ),
        )
        .order_by("start", "pk")
    )
    for event in events:
        date = timezone.localtime(event.start).date()
        if event.recorded:
            details = _("%(count)s Teilnehmende") % {"count": event.attended}
        elif event.registered:
            details = ngettext("%(count)s Anmeldung", "%(count)s Anmeldungen", event.registered) % {
                "count": event.registered
            }
        else:
            details = ""
        text = _("%(date)s: %(kind)s „%(title)s“") % {
            "date": day(date),
            "kind": event.get_kind_display(),
            "title": event.title,
        }
        text = f"{text} ({details})." if details else f"{text}."
        facts.events.append(Item(date, text, (date, 7, event.pk)))


COLLECTORS: dict[str, Callable] = {
    Topic.PROJECTS: _projects,
    Topic.FUNDING: _funding,
    Topic.EVENTS: _events,
}


def _chosen(topics) -> list[str]:
    chosen = [str(t) for t in topics]
    unknown = [t for t in chosen if t not in Topic.values]
    if unknown:
        raise ValueError(f"Unknown topics: {unknown}")
    return [t for t in Topic.values if t in chosen]  # the fixed order of the paper


def collect(region, since: datetime.date, until: datetime.date, topics) -> ReportFacts:
    """The facts of [since, until] (both included) on `topics`."""
    facts = ReportFacts(since=since, until=until)
    topics = _chosen(topics)
    timeline = _timeline(region, since, until, topics)
    for topic in topics:
        _collect_topic(region, since, until, topic, timeline, facts)
    return facts


def _collect_topic(region, since, until, topic, timeline, facts: ReportFacts) -> None:
    # The chronicle's entries first; events merge with workshops and surveys by date.
    setattr(facts, topic, list(timeline.get(topic, [])))
    collector = COLLECTORS.get(topic)
    if collector is not None:
        collector(region, since, until, facts)


# ---------------------------------------------------------------------------------------------
# Writing


def _bullets(items) -> str:
    return "\n".join(f"- {item.text}" for item in items)


def _block(heading: str, items) -> str:
    return f"{heading}\n{_bullets(items)}" if items else ""


def _section_text(topic: str, facts: ReportFacts) -> str:
    blocks: list[str] = []
    if topic == Topic.PROJECTS:
        blocks.append(_bullets(facts.projects))
        blocks.append(_block(_("Neues aus den Projekten:"), facts.project_updates))
        blocks.append(_block(_("Erreichte Meilensteine:"), facts.milestones))
        blocks.append(_block(_("Statuswechsel:"), facts.status_changes))
        if facts.lighthouses:
            lines = "\n".join(f"- {lh.title} ({lh.status})" for lh in facts.lighthouses)
            blocks.append(_("Leuchtturmprojekte (Stand %(date)s):") % {"date": day(facts.until)})
            blocks[-1] += f"\n{lines}"
    elif topic == Topic.FUNDING:
        blocks.append(_bullets(facts.funding))
        blocks.append(_block(_("Förderanträge:"), facts.applications))
    elif topic == Topic.EVENTS:
        blocks.append(_bullets(facts.events))
    else:
        blocks.append(_bullets(getattr(facts, topic)))
    blocks = [b for b in blocks if b]
    if not blocks:
        return _("Im Berichtszeitraum sind hierzu keine Einträge verzeichnet.")
    return "\n\n".join(blocks)


def section_title(topic: str) -> str:
    return str(Topic(topic).label)


def subject(topics) -> tuple[str, str]:
    """(what the title names, what the resolution takes note of) for the chosen topics."""
    names, dative = [], []
    if Topic.STRATEGY in topics:
        names.append(_("Digitalisierungsstrategie"))
        dative.append(_("zur Digitalisierungsstrategie"))
    if Topic.AGENCY in topics:
        names.append(_("Digitalagentur"))
        dative.append(_("zur Digitalagentur"))
    if not names:
        names.append(_("Digitalisierung"))
        dative.append(_("zur Digitalisierung"))
    joiner = " " + _("und") + " "
    return joiner.join(names), joiner.join(dative)


def meeting_date_of(report) -> datetime.date | None:
    """The date of the meeting a (saved or transient) report goes to."""
    meeting = getattr(report, "meeting", None) if report is not None else None
    if meeting is not None and meeting.start:
        return timezone.localtime(meeting.start).date()
    return None


def intro(body, since, until, previous) -> str:
    period = _("vom %(since)s bis zum %(until)s") % {"since": day(since), "until": day(until)}
    if previous is not None:
        when = meeting_date_of(previous) or previous.date
        paper = (
            _("%(reference)s vom %(date)s")
            % {"reference": previous.reference, "date": day(previous.date)}
            if previous.reference
            else _("Vorlage vom %(date)s") % {"date": day(previous.date)}
        )
        first = _(
            "Zuletzt wurde dem Gremium „%(body)s“ in der Sitzung am %(date)s über den "
            "Sachstand berichtet (%(paper)s)."
        ) % {"body": previous.body.name, "date": day(when), "paper": paper}
    else:
        first = _("Dies ist der erste Sachstandsbericht an das Gremium „%(body)s“.") % {
            "body": body.name
        }
    if previous is not None:
        second = _(
            "Seit der letzten Berichterstattung haben sich im Berichtszeitraum %(period)s "
            "folgende Entwicklungen ergeben:"
        ) % {"period": period}
    else:
        second = _("Im Berichtszeitraum %(period)s haben sich folgende Entwicklungen ergeben:") % {
            "period": period
        }
    return f"{first}\n\n{second}"


def draft(
    region,
    *,
    body,
    meeting_date: datetime.date | None,
    since: datetime.date,
    until: datetime.date,
    topics,
    previous=None,
    progress: Callable[[int, int], None] | None = None,
) -> dict:
    """Title, resolution and sections ("intro", then one per chosen topic) of a report."""
    topics = _chosen(topics)
    total = 1 + len(topics)
    with translation.override(LANGUAGE):
        names, dative = subject(topics)
        title = _("Sachstandsbericht %(subject)s") % {"subject": names}
        resolution = _("Der Sachstandsbericht %(subject)s wird zur Kenntnis genommen.") % {
            "subject": dative
        }
        sections = [
            {
                "key": "intro",
                "title": _("Einleitung"),
                "generated": intro(body, since, until, previous),
            }
        ]
        if progress:
            progress(1, total)
        facts = ReportFacts(since=since, until=until)
        timeline = _timeline(region, since, until, topics)
        for done, topic in enumerate(topics, start=2):
            _collect_topic(region, since, until, topic, timeline, facts)
            sections.append(
                {
                    "key": topic,
                    "title": section_title(topic),
                    "generated": _section_text(topic, facts),
                }
            )
            if progress:
                progress(done, total)
    for section in sections:
        section["text"] = section["generated"]
    return {"title": title, "resolution": resolution, "sections": sections}
