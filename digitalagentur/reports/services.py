"""Writes of status reports, and of meetings with their tasks: every one through
core.services (version check, change log), shared by the staff area, the background job and
the demo loader.

A section is {"key", "title", "generated", "text"}: "generated" is what the generator wrote
last, "text" what the report says now. A section whose text differs from its generated text
was edited; regenerating keeps such texts unless the editor confirms overwriting them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from digitalagentur.core import services as core

from . import generator
from .choices import GenerationState, ReportStatus
from .models import Meeting, MeetingTask, StatusReport

NOT_A_DRAFT = _lazy(
    "Nur Entwürfe können geändert oder neu erzeugt werden: ein abgeschlossener oder zur "
    "Kenntnis genommener Bericht ist eine Vorlage, die so im Ausschuss lag."
)
# A report moves forward only: a finished paper may be public (OParl) and stays a record.
NEXT_STATUS = {
    ReportStatus.DRAFT: {ReportStatus.DRAFT, ReportStatus.FINAL},
    ReportStatus.FINAL: {ReportStatus.FINAL, ReportStatus.NOTED},
    ReportStatus.NOTED: {ReportStatus.NOTED},
}

# What update_report may change besides the sections' texts.
EDITABLE = (
    "reference",
    "title",
    "date",
    "resolution",
    "attachments",
    "period_start",
    "period_end",
    "topics",
)


def previous_report(region, body, meeting_date: datetime.date, exclude_pk: int | None = None):
    """The latest report to `body` for a meeting (or, without one, dated) before
    `meeting_date`."""
    candidates = StatusReport.objects.filter(region=region, body=body).filter(
        Q(meeting__start__date__lt=meeting_date) | Q(meeting__isnull=True, date__lt=meeting_date)
    )
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    return (
        candidates.select_related("meeting", "body")
        .order_by(F("meeting__start").desc(nulls_last=True), "-date", "-pk")
        .first()
    )


def latest_report(region, body=None):
    reports = StatusReport.objects.filter(region=region)
    if body is not None:
        reports = reports.filter(body=body)
    return (
        reports.select_related("meeting", "body")
        .order_by(F("meeting__start").desc(nulls_last=True), "-date", "-pk")
        .first()
    )


def default_period(
    region, body=None, meeting_date: datetime.date | None = None
) -> tuple[datetime.date, StatusReport | None]:
    """(since, previous): a new report covers what happened since the end of the previous
    report's period: the latest report to the committee `body` (when given) before
    `meeting_date` (when given); without one, the year before."""
    if body is not None and meeting_date is not None:
        previous = previous_report(region, body, meeting_date)
    else:
        previous = latest_report(region, body)
    if previous is None:
        return (meeting_date or timezone.localdate()) - datetime.timedelta(days=365), None
    since = previous.period_end or generator.meeting_date_of(previous) or previous.date
    return since, previous


def meeting_for(region, body, meeting_date: datetime.date, *, user=None) -> Meeting:
    """The meeting of `body` on `meeting_date`, created (and logged) when missing."""
    found = (
        Meeting.objects.filter(region=region, body=body, start__date=meeting_date)
        .order_by("start", "pk")
        .first()
    )
    if found is not None:
        return found
    start = timezone.make_aware(datetime.datetime.combine(meeting_date, datetime.time.min))
    return core.create_object(Meeting(region=region, body=body, start=start), user=user)


EARLIEST = datetime.date(1990, 1, 1)
LATEST = datetime.date(2199, 12, 31)


def plausible_date(value: datetime.date | None) -> bool:
    """Dates of reports and meetings lie in a sane range (far dates break date arithmetic)."""
    return value is None or EARLIEST <= value <= LATEST


def _check_period(since, until) -> None:
    if not (plausible_date(since) and plausible_date(until)):
        raise ValidationError(_("Bitte ein plausibles Datum angeben (zwischen 1990 und 2199)."))
    if since and until and until < since:
        raise ValidationError(
            _("Das Ende des Berichtszeitraums darf nicht vor seinem Beginn liegen.")
        )


def _check_topics(topics) -> list[str]:
    try:
        return generator._chosen(topics)
    except ValueError:
        raise ValidationError(_("Unbekanntes Thema gewählt.")) from None


@transaction.atomic
def create_report(
    region,
    *,
    body,
    meeting_date: datetime.date,
    since: datetime.date,
    until: datetime.date,
    topics,
    reference: str = "",
    date: datetime.date | None = None,
    user=None,
) -> StatusReport:
    """A new draft report to `body` for its meeting on `meeting_date`, generated from the
    period [since, until] and linked to the committee's previous report."""
    if body.region_id != region.pk:
        raise ValidationError(_("Der Ausschuss gehört nicht zu dieser Region."))
    _check_period(since, until)
    if not plausible_date(meeting_date):
        raise ValidationError(_("Bitte ein plausibles Datum angeben (zwischen 1990 und 2199)."))
    topics = _check_topics(topics)
    meeting = meeting_for(region, body, meeting_date, user=user)
    previous = previous_report(region, body, meeting_date)
    text = generator.draft(
        region,
        body=body,
        meeting_date=meeting_date,
        since=since,
        until=until,
        topics=topics,
        previous=previous,
    )
    report = StatusReport(
        region=region,
        reference=reference.strip(),
        title=text["title"],
        resolution=text["resolution"],
        sections=text["sections"],
        date=date or timezone.localdate(),
        body=body,
        meeting=meeting,
        period_start=since,
        period_end=until,
        topics=topics,
        previous=previous,
        status=ReportStatus.DRAFT,
        generated_at=timezone.now(),
    )
    return core.create_object(report, user=user)


def edited_sections(report) -> list[str]:
    """Keys of the sections whose text differs from what was generated."""
    return [s["key"] for s in report.sections or [] if s.get("text") != s.get("generated")]


@transaction.atomic
def update_report(
    report: StatusReport,
    *,
    data: Mapping[str, Any] | None = None,
    sections: Mapping[str, str] | None = None,
    expected_version: int | None,
    user=None,
    reason: str = "",
) -> StatusReport:
    """Change the report's fields (EDITABLE) and sections' texts (key -> text); raises
    core.EditConflict when it changed since `expected_version`, a German ValidationError
    for unknown fields or sections."""
    data = dict(data or {})
    # Locked first: the job's progress bookkeeping (set_generation) waits for this write
    # instead of being overwritten by the row as it was loaded here.
    current = StatusReport.objects.select_for_update().filter(pk=report.pk).first()
    if current is not None and not current.is_draft and _changes_anything(current, data, sections):
        raise ValidationError(NOT_A_DRAFT)
    unknown = sorted(set(data) - set(EDITABLE))
    if unknown:
        raise ValidationError(
            _("Diese Angaben können nicht geändert werden: %(fields)s")
            % {"fields": ", ".join(unknown)}
        )
    if "topics" in data:
        data["topics"] = _check_topics(data["topics"])
    _check_period(
        data.get("period_start", report.period_start), data.get("period_end", report.period_end)
    )
    if sections:
        current = StatusReport.objects.filter(pk=report.pk).values_list("sections", flat=True)
        merged = [dict(s) for s in (current.first() or [])]
        keys = {s["key"] for s in merged}
        missing = sorted(set(sections) - keys)
        if missing:
            raise ValidationError(
                _("Diese Abschnitte gibt es im Bericht nicht: %(keys)s")
                % {"keys": ", ".join(missing)}
            )
        for section in merged:
            if section["key"] in sections:
                section["text"] = normalise(sections[section["key"]])
        data["sections"] = merged
    return core.update_object(
        report, data, expected_version=expected_version, user=user, reason=reason
    )


def _changes_anything(report: StatusReport, data: Mapping[str, Any], sections) -> bool:
    texts = {s["key"]: s.get("text", "") for s in report.sections or []}
    return any(getattr(report, k, None) != v for k, v in data.items()) or any(
        normalise(v) != normalise(texts.get(k, "")) for k, v in (sections or {}).items()
    )


def normalise(text: str) -> str:
    return "\n".join(
        line.rstrip() for line in (text or "").replace("\r\n", "\n").split("\n")
    ).strip()


def merge_sections(old: list[dict], new: list[dict], overwrite_edits: bool):
    """(sections, kept): the new generated sections, keeping edited texts unless
    `overwrite_edits`; edited sections the new draft no longer has stay at the end."""
    old_by_key = {s["key"]: s for s in old or []}
    merged, kept = [], []
    for section in new:
        section = dict(section)
        before = old_by_key.pop(section["key"], None)
        if before and before.get("text") != before.get("generated") and not overwrite_edits:
            section["text"] = before.get("text", "")
            kept.append(section["key"])
        merged.append(section)
    if not overwrite_edits:
        for key, before in old_by_key.items():
            if before.get("text") != before.get("generated"):
                merged.append(dict(before))
                kept.append(key)
    return merged, kept


def regenerate(
    report: StatusReport,
    *,
    overwrite_edits: bool = False,
    confirmed_version: int | None = None,
    user=None,
    progress: Callable[[int, int], None] | None = None,
) -> list[str]:
    """Generate the sections again from the report's period and topics; returns the keys of
    the edited sections whose texts were kept. Regenerating unchanged facts changes nothing
    (no new version, no change-log entry), so running it twice is harmless."""
    report = StatusReport.objects.select_related("body", "meeting", "region").get(pk=report.pk)
    if not report.is_draft:
        raise ValidationError(NOT_A_DRAFT)
    previous = report.previous
    if previous is not None:
        previous = StatusReport.objects.select_related("meeting", "body").get(pk=previous.pk)
    text = generator.draft(
        report.region,
        body=report.body,
        meeting_date=generator.meeting_date_of(report),
        since=report.period_start,
        until=report.period_end,
        topics=report.topics or [],
        previous=previous,
        progress=progress,
    )
    with transaction.atomic():
        # Merge with the sections as they are now: an edit saved while generating is kept.
        locked = StatusReport.objects.select_for_update().get(pk=report.pk)
        if confirmed_version is not None and locked.version != confirmed_version:
            # Edited after the editor confirmed overwriting: those edits were never seen.
            overwrite_edits = False
        sections, kept = merge_sections(locked.sections, text["sections"], overwrite_edits)
        core.update_object(
            locked,
            {"sections": sections},
            expected_version=locked.version,
            user=user,
            reason=_("neu erzeugt"),
        )
        StatusReport.objects.filter(pk=report.pk).update(generated_at=timezone.now())
    return kept


def set_status(report: StatusReport, status: str, *, user=None, expected_version: int | None):
    if status not in ReportStatus.values:
        raise ValidationError(_("Unbekannter Status."))
    current = StatusReport.objects.filter(pk=report.pk).values_list("status", flat=True).first()
    if current is not None and status not in NEXT_STATUS[current]:
        raise ValidationError(
            _("Ein Bericht mit dem Status „%(current)s“ kann nicht zu „%(status)s“ werden.")
            % {
                "current": ReportStatus(current).label,
                "status": ReportStatus(status).label,
            }
        )
    changed = core.update_object(
        report, {"status": status}, expected_version=expected_version, user=user
    )
    touch_meeting(changed)
    return changed


def touch_meeting(report: StatusReport) -> None:
    """A meeting embeds its reports in OParl: its `modified` follows their changes."""
    if report.meeting_id:
        Meeting.objects.filter(pk=report.meeting_id).update(updated=timezone.now())


def delete_report(report: StatusReport, user=None, *, expected_version: int | None = None):
    """Delete a draft (finished and noted reports are council records and stay)."""
    if not report.is_draft:
        raise ValidationError(
            _("Nur Entwürfe können gelöscht werden. Dieser Bericht hat den Status „%(status)s“.")
            % {"status": report.get_status_display()}
        )
    core.delete_object(report, expected_version=expected_version, user=user)


def set_generation(report_id: int, **values) -> None:
    """Bookkeeping of the background job (no new version, nothing logged)."""
    StatusReport.objects.filter(pk=report_id).update(**values)


def request_generation(
    report: StatusReport,
    *,
    overwrite_edits: bool = False,
    confirmed_version: int | None = None,
    user=None,
):
    """Queue the job that regenerates the report (after the transaction commits).

    `confirmed_version`: the version the editor saw when confirming to overwrite edits; if
    the report changed since, the job keeps the edits (it never overwrites unseen text)."""
    from .tasks import generate_report

    if not report.is_draft:
        raise ValidationError(NOT_A_DRAFT)
    user_id = user.pk if user is not None and user.is_authenticated else None
    set_generation(
        report.pk,
        generation_state=GenerationState.QUEUED,
        generation_progress=0,
        generation_error="",
    )
    transaction.on_commit(
        lambda: generate_report.enqueue(
            report.pk,
            overwrite_edits=overwrite_edits,
            user_id=user_id,
            confirmed_version=confirmed_version,
        )
    )


# ---- meetings of the bodies and their tasks (issue 14, section 3) -----------------------------
# A meeting has its agenda, minutes and decisions as text; its tasks have an owner (a user with
# a role in the meeting's region, or nobody yet) and a due date. Ticking a task done records
# when and by whom; reopening clears both. Bad input raises a ValidationError in German (a
# dict by field name) and saves nothing.

MEETING_FIELDS = (
    "body",
    "name",
    "start",
    "end",
    "location",
    "cancelled",
    "agenda",
    "minutes",
    "decisions",
)
TASK_FIELDS = ("title", "owner", "due_date")


def task_owners(region):
    """The users who may own a task of the region: active, with a role in it."""
    from django.contrib.auth import get_user_model

    from digitalagentur.tenancy.models import RoleAssignment

    holders = RoleAssignment.objects.filter(region=region).values("user_id")
    return get_user_model()._default_manager.filter(pk__in=holders, is_active=True)


def _check_meeting(region, values: Mapping[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    body = values.get("body")
    if body is not None and body.region_id != region.pk:
        errors["body"] = [_("Das Gremium gehört nicht zu dieser Region.")]
    for name in ("start", "end"):
        moment = values.get(name)
        if moment is not None and not plausible_date(timezone.localtime(moment).date()):
            errors[name] = [_("Bitte ein plausibles Datum angeben (zwischen 1990 und 2199).")]
    if errors:
        raise ValidationError(errors)


def _check_task(meeting: Meeting, values: Mapping[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    if "title" in values and not " ".join((values["title"] or "").split()):
        errors["title"] = [_("Bitte beschreiben Sie die Aufgabe.")]
    owner = values.get("owner")
    if owner is not None and not task_owners(meeting.region_id).filter(pk=owner.pk).exists():
        errors["owner"] = [
            _("Zuständig kann nur sein, wer eine Rolle in dieser Region hat: %(user)s hat keine.")
            % {"user": owner.get_full_name() or owner.get_username()}
        ]
    if not plausible_date(values.get("due_date")):
        errors["due_date"] = [_("Bitte ein plausibles Datum angeben (zwischen 1990 und 2199).")]
    if errors:
        raise ValidationError(errors)


def _tidy_task(values: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(TASK_FIELDS)
    assert not unknown, unknown
    values = dict(values)
    if "title" in values:
        values["title"] = " ".join((values["title"] or "").split())
    return values


@transaction.atomic
def create_meeting(
    region, values: Mapping[str, Any], *, user=None, reason: str = "", is_demo: bool = False
) -> Meeting:
    unknown = set(values) - set(MEETING_FIELDS)
    assert not unknown, unknown
    _check_meeting(region, values)
    meeting = Meeting(region=region, is_demo=is_demo, **values)
    return core.create_object(meeting, user=user, reason=reason)


@transaction.atomic
def update_meeting(
    meeting: Meeting,
    values: Mapping[str, Any],
    *,
    expected_version: int | None,
    user=None,
    reason: str = "",
) -> Meeting:
    unknown = set(values) - set(MEETING_FIELDS)
    assert not unknown, unknown
    _check_meeting(meeting.region, values)
    return core.update_object(
        meeting, values, expected_version=expected_version, user=user, reason=reason
    )


@transaction.atomic
def create_task(
    meeting: Meeting,
    values: Mapping[str, Any],
    *,
    user=None,
    reason: str = "",
    is_demo: bool = False,
) -> MeetingTask:
    values = _tidy_task(values)
    _check_task(meeting, {"title": "", **values})
    task = MeetingTask(region_id=meeting.region_id, meeting=meeting, is_demo=is_demo, **values)
    return core.create_object(task, user=user, reason=reason)


@transaction.atomic
def update_task(
    task: MeetingTask,
    values: Mapping[str, Any],
    *,
    expected_version: int | None,
    user=None,
    reason: str = "",
) -> MeetingTask:
    values = _tidy_task(values)
    _check_task(task.meeting, values)
    return core.update_object(
        task, values, expected_version=expected_version, user=user, reason=reason
    )


def delete_task(
    task: MeetingTask, *, expected_version: int | None, user=None, reason: str = ""
) -> None:
    core.delete_object(task, expected_version=expected_version, user=user, reason=reason)


@transaction.atomic
def set_task_done(task: MeetingTask, done: bool, *, user=None) -> MeetingTask:
    """Tick the task done (now, by `user`) or reopen it; a task already in that state is
    left as it is (a second click, or two people at once, changes nothing)."""
    current = MeetingTask.objects.select_for_update().filter(pk=task.pk).first()
    if current is None:
        raise MeetingTask.DoesNotExist
    if current.is_done == done:
        return current
    by = user if user is not None and user.is_authenticated else None
    values = {"done_at": timezone.now() if done else None, "done_by": by if done else None}
    return core.update_object(
        current, values, expected_version=current.version, user=user, validate=False
    )
