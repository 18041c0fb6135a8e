"""Reminders of an assessment round (issue 9 §2): the coordination asks, a background job
mails every active officer (with an e-mail address) of each participating town that has not
submitted yet, with the link to the town's answering page.

Exactly once: each mail is sent in the transaction that creates its RoundReminderDelivery
(unique per reminder and user). A second run of the same job (or two at once) finds the row
taken and sends nothing; a run interrupted while sending rolls its row back, so the next run
sends. An officer of several missing towns gets one mail naming all of them. As with any
sender over SMTP one window stays: a mail accepted by the server just before the process dies
(before the commit) goes out again on the next run; nothing is lost.

A run that could not send every mail (mail server down) is retried by the job
(assessment/tasks.py): up to MAX_ATTEMPTS runs, RETRY_DELAY apart; after the last one the
reminder counts as finished. Requesting a reminder is refused while one of the round is still
being sent or one was requested within REQUEST_INTERVAL (a double click, two coordinators at
once): the round's row is locked while checking.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import get_connection, send_mail
from django.db import IntegrityError, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from digitalagentur.core.mail import base_url
from digitalagentur.tenancy.choices import Role
from digitalagentur.tenancy.models import RoleAssignment

from .models import Round, RoundReminder, RoundReminderDelivery
from .responses import is_open, missing_municipalities

logger = logging.getLogger(__name__)

# A new reminder of a round at most this often.
REQUEST_INTERVAL = datetime.timedelta(hours=1)
# Runs of the job per reminder (the first and the retries) and the pause between them.
MAX_ATTEMPTS = 5
RETRY_DELAY = datetime.timedelta(minutes=15)
# An unfinished reminder older than this was lost (its job never ran to the end, e.g. no
# worker); it no longer blocks a new one.
STALE_REMINDER = datetime.timedelta(hours=6)


def answer_path(round, municipality) -> str:
    """The staff page on which `municipality` answers `round` (the one place building it)."""
    return f"/intern/bedarfsanalyse/runden/{round.slug}/antwort/{municipality.slug}/"


def request_reminder(round, *, user, now: datetime.datetime | None = None) -> RoundReminder:
    """Record a reminder and enqueue the job that mails the missing towns' officers (after
    the transaction commits). Refused (German ValidationError) when the round is closed,
    while an earlier reminder of the round is still being sent, and within REQUEST_INTERVAL
    of the last request. The caller checked rules.manage_denial."""
    from .tasks import send_round_reminder

    now = now or timezone.now()
    if not is_open(round, now):
        raise ValidationError(
            _("Die Frist dieser Runde ist abgelaufen; Erinnerungen sind nicht mehr möglich.")
        )
    with transaction.atomic():
        # Two requests at once: the second waits here and then sees the first one's row.
        Round.objects.select_for_update().filter(pk=round.pk).values_list("pk").first()
        earlier = RoundReminder.objects.filter(round_id=round.pk)
        if earlier.filter(finished_at__isnull=True, requested_at__gt=now - STALE_REMINDER).exists():
            raise ValidationError(
                _(
                    "Die letzte Erinnerung dieser Runde wird gerade noch verschickt; bitte "
                    "später erneut versuchen."
                )
            )
        if earlier.filter(requested_at__gt=now - REQUEST_INTERVAL).exists():
            raise ValidationError(
                _(
                    "Für diese Runde wurde in der letzten Stunde schon eine Erinnerung "
                    "verschickt; eine weitere ist frühestens eine Stunde danach möglich."
                )
            )
        reminder = RoundReminder.objects.create(
            round_id=round.pk,
            requested_by=user if user is not None and user.is_authenticated else None,
        )
        transaction.on_commit(lambda: send_round_reminder.enqueue(reminder.pk))
    return reminder


def recipients(round) -> dict:
    """{user: [town, ...]}: active officers with an e-mail address of the towns that have
    not submitted (one query for the towns' officers)."""
    missing = list(missing_municipalities(round))
    rows = (
        RoleAssignment.objects.filter(
            region_id=round.region_id,
            role=Role.OFFICER,
            municipality__in=missing,
            user__is_active=True,
        )
        .exclude(user__email="")
        .select_related("user", "municipality")
        .order_by("user_id", "municipality__name")
    )
    found: dict = defaultdict(list)
    for row in rows:
        found[row.user].append(row.municipality)
    return found


def render_mail(round, user, towns) -> tuple[str, str]:
    url = base_url(round.region)
    deadline = formats.date_format(timezone.localtime(round.deadline), "DATETIME_FORMAT")
    name = user.get_full_name() or user.get_username()
    subject = _("Erinnerung: Bewertungsrunde „%(title)s“ bis %(deadline)s") % {
        "title": round.title,
        "deadline": deadline,
    }
    links = "\n".join(f"- {town.name}: {url}{answer_path(round, town)}" for town in towns)
    body = _(
        "Guten Tag %(name)s,\n\n"
        "die Koordination erinnert an die Bewertungsrunde „%(title)s“ der Region "
        "%(region)s. Für folgende Kommune liegt noch keine eingereichte Antwort vor:\n\n"
        "%(links)s\n\n"
        "Antworten sind bis %(deadline)s möglich.\n\n"
        "Mit freundlichen Grüßen\n"
        "Ihre Digitalagentur\n"
    ) % {
        "name": name,
        "title": round.title,
        "region": round.region.name,
        "links": links,
        "deadline": deadline,
    }
    return subject, body


def send_reminder(
    reminder_id: int, now: datetime.datetime | None = None, *, final: bool = False
) -> dict:
    """Mail the reminder's recipients, each at most once; sets `finished_at` when nobody is
    left, or anyway when this is the `final` attempt (see the module's docstring). Returns
    the counts."""
    now = now or timezone.now()
    reminder = RoundReminder.objects.select_related("round__region").filter(pk=reminder_id).first()
    outcome = {"sent": 0, "failed": 0, "skipped": 0}
    if reminder is None:
        return outcome
    round = reminder.round
    if is_open(round, now):
        people = recipients(round)
        done = set(
            RoundReminderDelivery.objects.filter(reminder=reminder).values_list(
                "user_id", flat=True
            )
        )
        connection = get_connection()
        try:
            with translation.override(settings.LANGUAGE_CODE):
                for user, towns in people.items():
                    if user.pk in done:
                        outcome["skipped"] += 1
                        continue
                    subject, body = render_mail(round, user, towns)
                    try:
                        with transaction.atomic():
                            try:
                                with transaction.atomic():
                                    RoundReminderDelivery.objects.create(
                                        reminder=reminder, municipality=towns[0], user=user
                                    )
                            except IntegrityError:
                                outcome["skipped"] += 1
                                continue
                            send_mail(
                                subject,
                                body,
                                settings.DEFAULT_FROM_EMAIL,
                                [user.email],
                                connection=connection,
                            )
                        outcome["sent"] += 1
                    except Exception:  # mail server down: nothing claimed, the next run sends
                        outcome["failed"] += 1
                        logger.exception(
                            "Round reminder %s to user %s not sent", reminder.pk, user.pk
                        )
        finally:
            connection.close()
    if not outcome["failed"] or final:
        finish(reminder.pk, now)
    return outcome


def finish(reminder_id: int, now: datetime.datetime | None = None) -> None:
    RoundReminder.objects.filter(pk=reminder_id, finished_at__isnull=True).update(
        finished_at=now or timezone.now()
    )
