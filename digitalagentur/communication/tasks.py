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
