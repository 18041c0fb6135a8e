"""Reminder mails the day before a booking, each exactly once (issue 11, section 3).

The rule: a confirmed booking is reminded of once, on the day before its start (Europe/Berlin)
when the daily job runs (DIGITALAGENTUR_REMINDER_HOUR, spaces/tasks.py); a run that was
missed is caught up as long as the booking has not begun (then the mail says "heute"). A
booking made (or confirmed) less than 24 hours before its start gets no reminder: its
confirmation is fresh. Cancelled, declined and requested bookings, and bookers without an
active account or address, get none.

Exactly once: the run claims the booking with a conditional UPDATE (`reminded` from NULL to
now, only while it is still confirmed) in the same transaction in which the mail is handed to
the mail server. A second run at the same time waits for the first one's row lock (on SQLite
for the write lock of BEGIN IMMEDIATE), then finds the booking claimed and sends nothing; a
run interrupted while sending (an exception, a mail server that is down) rolls its claim back,
so the next run sends. As with any sender over SMTP, one window stays: a mail the server
accepted just before the process died, before the commit, goes out again on the next run.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import ical, notifications
from .choices import BookingStatus
from .models import Booking

logger = logging.getLogger(__name__)

# Bookings made closer to their start than this are not reminded of.
MIN_NOTICE = datetime.timedelta(hours=24)


def window(now: datetime.datetime) -> tuple[datetime.datetime, datetime.datetime]:
    """Bookings starting in (now, start of the day after tomorrow in Berlin) are due."""
    today = timezone.localdate(now)
    until = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=2), datetime.time())
    )
    return now, until


def due_bookings(now: datetime.datetime) -> list[Booking]:
    start_after, start_before = window(now)
    rows = (
        Booking.objects.filter(
            status=BookingStatus.CONFIRMED,
            reminded__isnull=True,
            start__gt=start_after,
            start__lt=start_before,
            booker__isnull=False,
            booker__is_active=True,
        )
        .exclude(booker__email="")
        .select_related("space__provider", "space__region", "unit", "region", "booker")
        .order_by("start", "pk")
    )
    return [b for b in rows if (b.decided or b.created) <= b.start - MIN_NOTICE]


def reminder_mail(booking: Booking, now: datetime.datetime) -> notifications.Mail:
    zone = ical.zone_of(booking)
    start = booking.start.astimezone(zone)
    is_today = start.date() == now.astimezone(zone).date()
    values = {"space": booking.space.name, "time": f"{start:%H:%M}"}
    if is_today:
        subject = _("Erinnerung: heute %(time)s Uhr, %(space)s") % values
        intro = _("zur Erinnerung: Sie haben heute diesen Raum gebucht.")
    else:
        subject = _("Erinnerung: morgen %(time)s Uhr, %(space)s") % values
        intro = _("zur Erinnerung: Sie haben morgen diesen Raum gebucht.")
    link = notifications.booker_link(booking)
    context = {
        "greeting": _("Guten Tag %(name)s,") % {"name": notifications.person(booking.booker)},
        "intro": intro,
        "facts": notifications.facts(booking, ical.BOOKER),
        "dates": [],
        "reason": "",
        "link": link,
        "link_first": False,
        "link_label": _("Doch verhindert? Bitte sagen Sie ab, damit andere den Raum nutzen können"),
        "calendar_note": "",
        "footer": _(
            "Diese Erinnerung wurde automatisch von der Plattform der Digitalagentur "
            "(%(region)s) verschickt, weil Sie diesen Raum gebucht haben."
        )
        % {"region": booking.region.name},
    }
    return notifications.Mail(booking.booker.email, subject, context)


def send_reminder(booking: Booking, now: datetime.datetime, connection) -> bool:
    """Claim the booking and send its reminder in one transaction (see the module's
    docstring). False: it was claimed (or cancelled) meanwhile, nothing sent."""
    email = notifications.message(reminder_mail(booking, now), connection)
    with transaction.atomic():
        claimed = Booking.objects.filter(
            pk=booking.pk, reminded__isnull=True, status=BookingStatus.CONFIRMED
        ).update(reminded=now)
        if not claimed:
            return False
        email.send()
    return True


@dataclass
class Outcome:
    sent: int = 0
    failed: int = 0

    def as_dict(self) -> dict:
        return {"sent": self.sent, "failed": self.failed}


def send_due_reminders(now: datetime.datetime | None = None) -> dict:
    """Send every booking reminder that is due now; returns the counts."""
    now = now or timezone.now()
    outcome = Outcome()
    connection = get_connection()
    try:
        with translation.override(settings.LANGUAGE_CODE):
            for booking in due_bookings(now):
                try:
                    if send_reminder(booking, now, connection):
                        outcome.sent += 1
                except Exception:  # nothing claimed: the next run sends
                    outcome.failed += 1
                    logger.exception("Reminder for booking %s not sent", booking.pk)
    finally:
        try:
            connection.close()
        except Exception:
            logger.exception("Closing the mail connection failed")
    return outcome.as_dict()
