"""The daily work of the communication module (issue 13), run by the task worker
(communication/tasks.py) or at once by `digitalagentur schedule_reminders --run`:

- Reminders: each registered person gets one mail before the event, once the event starts
  within DIGITALAGENTUR_EVENT_REMINDER_HOURS (default 48). A reminder is claimed (the
  registration's `reminded` set) in the same transaction that sends it, so two runs never send
  it twice; one that failed is sent by the next run.
- Retention: registrations of events that ended more than DIGITALAGENTUR_EVENT_RETENTION_DAYS
  ago (default 180) lose name, e-mail address, organisation, note and account; status and
  attendance stay, so that the status reports still count them.
- Newsletter: requests not confirmed within seven days are dropped; unsubscribed and
  undeliverable addresses are deleted DIGITALAGENTUR_NEWSLETTER_RETENTION_DAYS (default 30)
  after that, their consent records kept as proof (communication/newsletter.py).
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone, translation

from . import newsletter, notifications
from .choices import RegistrationStatus
from .models import Registration

logger = logging.getLogger(__name__)

BATCH = 500


def due_reminders(now: datetime.datetime):
    ahead = now + datetime.timedelta(hours=settings.DIGITALAGENTUR_EVENT_REMINDER_HOURS)
    return Registration.objects.filter(
        status=RegistrationStatus.REGISTERED,
        reminded__isnull=True,
        event__published=True,
        event__start__gt=now,
        event__start__lte=ahead,
    ).select_related("event", "event__region")


def send_reminder(registration: Registration, now: datetime.datetime, connection) -> bool:
    message = notifications.build(registration, "reminder")
    with transaction.atomic():
        claimed = Registration.objects.filter(
            pk=registration.pk, reminded__isnull=True, status=RegistrationStatus.REGISTERED
        ).update(reminded=now)
        if not claimed or message is None:
            return False
        message.connection = connection
        message.send()  # an error rolls the claim back: the next run tries again
    return True


def send_due_reminders(now: datetime.datetime | None = None) -> dict:
    now = now or timezone.now()
    sent = failed = 0
    connection = get_connection()
    try:
        with translation.override(settings.LANGUAGE_CODE):
            for registration in due_reminders(now).order_by("pk"):
                try:
                    if send_reminder(registration, now, connection):
                        sent += 1
                except Exception:
                    failed += 1
                    logger.exception("Event reminder for registration %s not sent", registration.pk)
    finally:
        try:
            connection.close()
        except Exception:
            logger.exception("Closing the mail connection failed")
    return {"sent": sent, "failed": failed}


def expired_registrations(now: datetime.datetime):
    cutoff = now - datetime.timedelta(days=settings.DIGITALAGENTUR_EVENT_RETENTION_DAYS)
    return Registration.objects.filter(event__end__lt=cutoff, anonymised__isnull=True)


def anonymise(registrations, now: datetime.datetime) -> int:
    """Remove name, e-mail address, organisation, note and account of these registrations
    (a queryset); status and attendance stay. Used by the retention job below and by a
    deletion request (communication/datarequests.py)."""
    return registrations.update(
        user=None, name="", email="", organisation="", note="", anonymised=now
    )


def anonymise_registrations(now: datetime.datetime | None = None) -> int:
    now = now or timezone.now()
    done = 0
    while True:
        ids = list(expired_registrations(now).order_by("pk").values_list("pk", flat=True)[:BATCH])
        if not ids:
            return done
        with transaction.atomic():
            done += anonymise(expired_registrations(now).filter(pk__in=ids), now)


def run_daily(now: datetime.datetime | None = None) -> dict:
    """Reminders, then the clean-up; one failing does not stop the other."""
    outcome: dict = {}
    jobs = (
        ("reminders", send_due_reminders),
        ("retention", anonymise_registrations),
        ("newsletter_expired", newsletter.purge_expired),
        ("newsletter_retention", newsletter.purge_unsubscribed),
    )
    for name, work in jobs:
        try:
            outcome[name] = work(now)
        except Exception:
            logger.exception("Communication job %s failed", name)
            outcome[name] = None
    return outcome
