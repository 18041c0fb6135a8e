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
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task

from . import reminders

logger = logging.getLogger(__name__)

# A run marked as running for longer than this died with its worker: it no longer counts as
# pending, so that scheduling starts a new chain.
STALE_RUN = datetime.timedelta(hours=1)


@task()
def send_deadline_reminders() -> dict:
    """Send the due reminder mails, then plan the next run."""
    try:
        return reminders.send_due_reminders()
    finally:
        schedule_reminders(run_after=next_run(timezone.now()))


def next_run(now: datetime.datetime) -> datetime.datetime:
    """The next reminder hour (Europe/Berlin) after `now`."""
    local = timezone.localtime(now)
    hour = datetime.time(settings.DIGITALAGENTUR_REMINDER_HOUR)
    at = timezone.make_aware(datetime.datetime.combine(local.date(), hour))
    if at <= now:
        at = timezone.make_aware(
            datetime.datetime.combine(local.date() + datetime.timedelta(days=1), hour)
        )
    return at


def _database_backend(backend) -> bool:
    from django_tasks_db import DatabaseBackend

    return isinstance(backend, DatabaseBackend)


def pending_runs(now: datetime.datetime | None = None):
    """Reminder runs waiting in the database queue, or running for less than STALE_RUN."""
    from django.db.models import Q
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    return DBTaskResult.objects.filter(
        Q(status=TaskResultStatus.READY)
        | Q(status=TaskResultStatus.RUNNING, started_at__gte=now - STALE_RUN),
        task_path=send_deadline_reminders.module_path,
    )


def schedule_reminders(run_after: datetime.datetime | None = None):
    """Enqueue a reminder run (at once, or at `run_after`) unless one is pending; returns
    the task result, or None when nothing was enqueued. Only a queue that keeps tasks for
    later (the database backend) can hold the chain; elsewhere this does nothing."""
    task_ = send_deadline_reminders
    backend = task_.get_backend()
    if not backend.supports_defer or not _database_backend(backend):
        return None
    with transaction.atomic():
        # Only a waiting run counts: a run that is still going sees the new one when it ends
        # and adds none, while one whose worker died (left "running") never would.
        waiting = pending_runs().filter(status=TaskResultStatus.READY)
        if waiting.exists():
            return None
        if run_after is not None:
            task_ = task_.using(run_after=run_after)
        result = task_.enqueue()
    logger.info("Deadline reminders scheduled (%s)", run_after or "now")
    return result
