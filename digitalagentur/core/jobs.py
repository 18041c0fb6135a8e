"""Daily job chains on the database task queue, without cron (funding reminders, Landräume).

A chain is one task that, when it ran, enqueues its next run for a fixed hour (Europe/Berlin)
of the next day. `schedule` starts a chain when no run is waiting; two chains merge, because a
run that finds another one waiting adds none. Only a queue that keeps tasks for later (the
database backend of django-tasks-db) can hold a chain; elsewhere `schedule` does nothing.
"""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import TaskResultStatus

logger = logging.getLogger(__name__)

# A run marked as running for longer than this died with its worker: it no longer counts as
# pending, so that scheduling starts a new chain.
STALE_RUN = datetime.timedelta(hours=1)


def next_daily_run(now: datetime.datetime, hour: int) -> datetime.datetime:
    """The next `hour` o'clock (Europe/Berlin) after `now`."""
    local = timezone.localtime(now)
    at_hour = datetime.time(hour)
    at = timezone.make_aware(datetime.datetime.combine(local.date(), at_hour))
    if at <= now:
        at = timezone.make_aware(
            datetime.datetime.combine(local.date() + datetime.timedelta(days=1), at_hour)
        )
    return at


def _database_backend(backend) -> bool:
    from django_tasks_db import DatabaseBackend

    return isinstance(backend, DatabaseBackend)


def pending_runs(task_, now: datetime.datetime | None = None):
    """Runs of `task_` waiting in the database queue, or running for less than STALE_RUN."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    return DBTaskResult.objects.filter(
        Q(status=TaskResultStatus.READY)
        | Q(status=TaskResultStatus.RUNNING, started_at__gte=now - STALE_RUN),
        task_path=task_.module_path,
    )


def schedule(task_, label: str, run_after: datetime.datetime | None = None):
    """Enqueue a run of `task_` (at once, or at `run_after`) unless one is waiting; returns
    the task result, or None when nothing was enqueued."""
    backend = task_.get_backend()
    if not backend.supports_defer or not _database_backend(backend):
        return None
    with transaction.atomic():
        # Only a waiting run counts: a run that is still going sees the new one when it ends
        # and adds none, while one whose worker died (left "running") never would.
        if pending_runs(task_).filter(status=TaskResultStatus.READY).exists():
            return None
        if run_after is not None:
            task_ = task_.using(run_after=run_after)
        result = task_.enqueue()
    logger.info("%s scheduled (%s)", label, run_after or "now")
    return result
