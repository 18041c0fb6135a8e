"""Background jobs of the needs assessment, run by the task worker (`digitalagentur db_worker`)."""

from __future__ import annotations

import logging

from django.utils import timezone
from django_tasks import task

from . import reminders

logger = logging.getLogger(__name__)


@task()
def send_round_reminder(reminder_id: int, attempt: int = 1) -> dict:
    """Mail the officers of the towns still missing in a round (assessment/reminders.py).

    Mails that could not be sent (mail server down) are tried again by a new run of this job
    reminders.RETRY_DELAY later, up to reminders.MAX_ATTEMPTS runs; the last run (or the only
    one, on a queue that cannot hold a job for later) finishes the reminder whatever
    happened."""
    can_retry = send_round_reminder.get_backend().supports_defer
    final = attempt >= reminders.MAX_ATTEMPTS or not can_retry
    outcome = reminders.send_reminder(reminder_id, final=final)
    if outcome["failed"] and not final:
        try:
            send_round_reminder.using(run_after=timezone.now() + reminders.RETRY_DELAY).enqueue(
                reminder_id, attempt + 1
            )
        except Exception:  # the queue is gone: give up rather than block new reminders
            logger.exception("Round reminder %s: retry not enqueued", reminder_id)
            reminders.finish(reminder_id)
        else:
            logger.info(
                "Round reminder %s: %s mails failed, attempt %s follows",
                reminder_id,
                outcome["failed"],
                attempt + 1,
            )
    return outcome
