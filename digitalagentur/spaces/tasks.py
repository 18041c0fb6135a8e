"""Background jobs of Landräume, run by the task worker (`digitalagentur db_worker`).

One daily job sends the booking reminders (spaces/reminders.py) and does the clean-up of
spaces/retention.py. As with the funding reminders (funding/tasks.py), it runs without cron:
each run enqueues the next one for DIGITALAGENTUR_REMINDER_HOUR (Europe/Berlin) of the next
day, and `digitalagentur schedule_reminders` (run by `make run` and after each deployment)
starts the chain when no run is waiting. A run whose time passed while no worker ran starts as
soon as one does and catches up; reminders cannot go out twice (claimed per booking), so two
chains are merely wasteful, and they merge: a run that finds another one waiting adds none.
`digitalagentur spaces_jobs` runs the same work at once, without the queue.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from digitalagentur.core import jobs

from . import reminders, retention

logger = logging.getLogger(__name__)


def run_daily(now: datetime.datetime | None = None) -> dict:
    """Reminders, then the clean-up; one failing does not stop the other."""
    outcome: dict = {}
    try:
        outcome["reminders"] = reminders.send_due_reminders(now)
    except Exception:
        logger.exception("Booking reminders failed")
        outcome["reminders"] = None
    try:
        outcome["retention"] = retention.run(now)
    except Exception:
        logger.exception("Booking retention failed")
        outcome["retention"] = None
    return outcome


@task()
def run_spaces_jobs() -> dict:
    """The daily work of Landräume, then plan the next run."""
    try:
        return run_daily()
    finally:
        schedule_jobs(run_after=next_run(timezone.now()))


def next_run(now: datetime.datetime) -> datetime.datetime:
    """The next reminder hour (Europe/Berlin) after `now`."""
    return jobs.next_daily_run(now, settings.DIGITALAGENTUR_REMINDER_HOUR)


def pending_runs(now: datetime.datetime | None = None):
    """Runs waiting in the database queue, or running for less than core.jobs.STALE_RUN."""
    return jobs.pending_runs(run_spaces_jobs, now)


def schedule_jobs(run_after: datetime.datetime | None = None):
    """Enqueue a run (at once, or at `run_after`) unless one is waiting (core/jobs.py);
    returns the task result, or None when nothing was enqueued."""
    return jobs.schedule(run_spaces_jobs, "Landräume jobs", run_after)
