"""Background jobs of funding, run by the task worker (`digitalagentur db_worker`).

The reminder job runs once a day without cron: each run enqueues the next one for
DIGITALAGENTUR_REMINDER_HOUR (Europe/Berlin) of the next day, and `digitalagentur
schedule_reminders` (run by `make run` and after each deployment) starts the chain when no
run is pending. A run whose time passed while no worker ran starts as soon as one does, and
sends what was missed (funding/reminders.py); sending twice is impossible there, so two
chains are merely wasteful, and they merge: a run that finds another one pending does not
enqueue a further one.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from digitalagentur.core import jobs

from . import reminders

logger = logging.getLogger(__name__)


@task()
def send_deadline_reminders() -> dict:
    """Send the due reminder mails, then plan the next run."""
    try:
        return reminders.send_due_reminders()
    finally:
        schedule_reminders(run_after=next_run(timezone.now()))


def next_run(now: datetime.datetime) -> datetime.datetime:
    """The next reminder hour (Europe/Berlin) after `now`."""
    return jobs.next_daily_run(now, settings.DIGITALAGENTUR_REMINDER_HOUR)


def pending_runs(now: datetime.datetime | None = None):
    """Runs waiting in the database queue, or running for less than core.jobs.STALE_RUN."""
    return jobs.pending_runs(send_deadline_reminders, now)


def schedule_reminders(run_after: datetime.datetime | None = None):
    """Enqueue a run (at once, or at `run_after`) unless one is waiting (core/jobs.py);
    returns the task result, or None when nothing was enqueued."""
    return jobs.schedule(send_deadline_reminders, "Deadline reminders", run_after)
