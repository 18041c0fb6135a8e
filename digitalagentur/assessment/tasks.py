"""Background jobs of the needs assessment, run by the task worker (`digitalagentur db_worker`)."""

from __future__ import annotations

from django_tasks import task

from . import reminders


@task()
def send_round_reminder(reminder_id: int) -> dict:
    """Mail the officers of the towns still missing in a round (assessment/reminders.py)."""
    return reminders.send_reminder(reminder_id)
