"""Background jobs of the communication module, run by the task worker (`digitalagentur
db_worker`): one daily run of communication/jobs.py (event reminders and retention), chained
without cron like the Landräume jobs (core/jobs.py); `digitalagentur schedule_reminders`
starts the chain when no run is waiting."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from digitalagentur.core import jobs as core_jobs

from . import jobs


@task()
def run_communication_jobs() -> dict:
    """The daily work, then plan the next run."""
    try:
        return jobs.run_daily()
    finally:
        schedule_jobs(run_after=next_run(timezone.now()))


def next_run(now: datetime.datetime) -> datetime.datetime:
    return core_jobs.next_daily_run(now, settings.DIGITALAGENTUR_REMINDER_HOUR)


def pending_runs(now: datetime.datetime | None = None):
    return core_jobs.pending_runs(run_communication_jobs, now)


def schedule_jobs(run_after: datetime.datetime | None = None):
    return core_jobs.schedule(run_communication_jobs, "Communication jobs", run_after)


#: Messages per run of the sending task; a run then enqueues the next, so progress is saved
#: in small steps and a restarted worker picks up where the last run stopped.
SEND_CHUNK = 2000
RETRY_AFTER = datetime.timedelta(minutes=2)


@task()
def send_newsletter_issue(issue_id: int) -> dict:
    """Send the next chunk of an issue's deliveries, then enqueue the rest (at once, or after
    RETRY_AFTER when the mail server was not reachable)."""
    from . import sending

    result = sending.send_pending(issue_id, limit=SEND_CHUNK)
    if not result.finished:
        run_after = timezone.now() + RETRY_AFTER if result.interrupted else None
        enqueue_sending(issue_id, run_after=run_after)
    return {
        "sent": result.sent,
        "failed": result.failed,
        "skipped": result.skipped,
        "finished": result.finished,
        "interrupted": result.interrupted,
    }


def enqueue_sending(issue_id: int, run_after: datetime.datetime | None = None):
    queued = send_newsletter_issue
    if run_after is not None:
        queued = queued.using(run_after=run_after)
    return queued.enqueue(issue_id)
