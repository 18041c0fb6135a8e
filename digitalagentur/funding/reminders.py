"""Reminder mails before deadlines, each exactly once (issue 8, section 4).

Every user with a role in a region gets, for each of their deadlines (funding/deadlines.py),
one mail when the deadline is N days away, for each N of their preference (default 14 and 3;
0 is the day itself). The rule does not depend on the job running every day: the reminder
for N is due once the deadline is at most N days away. When several are due at once (the job
did not run for a while), one mail goes out for the nearest N and the farther ones count as
sent. Deadlines that passed are never reminded of.

Exactly once: a DeadlineReminder row (unique per user, deadline key, due moment and N) is
claimed in the same transaction in which the mail is sent. A second run at the same time
waits for the first one's row and then finds it taken; a run interrupted while sending (an
exception, a lost mail server) rolls its claim back, so the next run sends. When a deadline
moves, its due moment is part of the key: the reminders for the new date go out again.
One window stays open, as with any sender over SMTP: when the mail server has accepted a mail
and the process dies before the commit (a matter of milliseconds), that mail goes out again
on the next run; nothing is ever lost. While a mail is handed over, the claim holds the
database's write lock (on SQLite: the whole database, for at most EMAIL_TIMEOUT).
"""

from __future__ import annotations

import datetime
import logging
import re
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import get_connection, send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from digitalagentur.core.mail import base_url
from digitalagentur.tenancy.choices import Role
from digitalagentur.tenancy.models import Region, RoleAssignment
from digitalagentur.tenancy.permissions import Access

from .deadlines import Deadline, days_text, region_deadlines, visible_to
from .models import DeadlinePreference, DeadlineReminder, default_remind_days

logger = logging.getLogger(__name__)

MAX_REMIND_DAYS = 365
MAX_REMIND_VALUES = 5
SEPARATORS = re.compile(r"[\s,;]+")
# Claims (sent reminders) are kept this long after their deadline, then deleted.
KEEP_CLAIMS = datetime.timedelta(days=90)


def parse_remind_days(text: str) -> list[int]:
    """'14, 3' -> [14, 3]: whole numbers from 0 to 365, at most five, largest first."""
    values = [part for part in SEPARATORS.split(text or "") if part]
    days = set()
    for value in values:
        if not re.fullmatch(r"\d+", value):
            raise ValidationError(
                _("„%(value)s“ ist keine ganze Zahl von 0 bis 365.") % {"value": value[:20]}
            )
        number = int(value)
        if number > MAX_REMIND_DAYS:
            raise ValidationError(
                _("%(value)s Tage sind zu viele: höchstens 365.") % {"value": number}
            )
        days.add(number)
    if len(days) > MAX_REMIND_VALUES:
        raise ValidationError(_("Bitte höchstens fünf Werte angeben."))
    return sorted(days, reverse=True)


def remind_days_text(days) -> str:
    return ", ".join(str(d) for d in days)


def due_levels(remind_days, days_left: int) -> list[int]:
    """The reminder levels (days before) that are due when the deadline is `days_left`
    days away, nearest first: each N with days_left <= N."""
    if days_left < 0:
        return []
    return sorted(n for n in set(remind_days) if n >= days_left)


@dataclass
class Recipient:
    user: object
    access: Access
    remind_days: list[int]


def recipients(region) -> list[Recipient]:
    """Active users with a role in the region, an e-mail address and reminders on (two
    queries; users without a saved preference have the defaults)."""
    roles: dict[int, list] = defaultdict(list)
    users = {}
    rows = RoleAssignment.objects.filter(region=region, user__is_active=True).select_related("user")
    for row in rows:
        roles[row.user_id].append((row.role, row.municipality_id))
        users[row.user_id] = row.user
    preferences = {
        p.user_id: p for p in DeadlinePreference.objects.filter(region=region, user__in=users)
    }
    found = []
    for user_id, user in users.items():
        preference = preferences.get(user_id)
        if not user.email or (preference is not None and not preference.reminders_enabled):
            continue
        days = preference.remind_days if preference is not None else default_remind_days()
        access = Access(
            region_id=region.pk,
            roles=frozenset(role for role, _town in roles[user_id]),
            officer_town_ids=frozenset(
                town for role, town in roles[user_id] if role == Role.OFFICER and town
            ),
            is_superuser=user.is_superuser,
        )
        if days:
            found.append(Recipient(user, access, [int(d) for d in days]))
    return found


def render_mail(region, user, deadline: Deadline, days_left: int) -> tuple[str, str]:
    """Subject and text of a reminder (in the platform's language)."""
    url = base_url(region)
    when = days_text(days_left)
    context = {
        "region": region,
        "name": user.get_full_name() or user.get_username(),
        "deadline": deadline,
        "when": when,
        "deadline_url": url + deadline.path,
        "list_url": url + reverse("staff:funding_deadlines"),
        "settings_url": url + reverse("staff:funding_deadlines") + "#einstellungen",
    }
    subject = render_to_string("staff/funding/deadline_reminder_subject.txt", context)
    body = render_to_string("staff/funding/deadline_reminder_mail.txt", context)
    return " ".join(subject.split()), body


def send_reminder(region, user, deadline: Deadline, levels: list[int], today, connection) -> bool:
    """Claim the nearest level and send the mail in one transaction (see the module's
    docstring); the farther levels count as sent. False: someone else sent it already."""
    subject, body = render_mail(region, user, deadline, deadline.days_left(today))
    with transaction.atomic():
        try:
            with transaction.atomic():
                DeadlineReminder.objects.create(
                    region=region,
                    user=user,
                    key=deadline.key,
                    due=deadline.due,
                    days_before=levels[0],
                )
        except IntegrityError:
            return False
        DeadlineReminder.objects.bulk_create(
            [
                DeadlineReminder(
                    region=region, user=user, key=deadline.key, due=deadline.due, days_before=n
                )
                for n in levels[1:]
            ],
            ignore_conflicts=True,
        )
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email], connection=connection)
    return True


@dataclass
class Outcome:
    sent: int = 0
    failed: int = 0

    def as_dict(self) -> dict:
        return {"sent": self.sent, "failed": self.failed}


def region_reminders(region, now: datetime.datetime, outcome: Outcome, connection) -> None:
    people = recipients(region)
    if not people:
        return
    today = timezone.localdate(now)
    farthest = max(max(p.remind_days) for p in people)
    until = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=farthest + 2), datetime.time())
    )
    deadlines = [d for d in region_deadlines(region, since=now, until=until) if d.due > now]
    if not deadlines:
        return
    claimed = set(
        DeadlineReminder.objects.filter(user__in=[p.user for p in people], due__gt=now).values_list(
            "user_id", "key", "due", "days_before"
        )
    )
    for person in people:
        for deadline in visible_to(person.access, deadlines):
            levels = due_levels(person.remind_days, deadline.days_left(today))
            if not levels or (person.user.pk, deadline.key, deadline.due, levels[0]) in claimed:
                continue
            try:
                if send_reminder(region, person.user, deadline, levels, today, connection):
                    outcome.sent += 1
            except Exception:  # a mail server that is down: nothing claimed, the next run sends
                outcome.failed += 1
                logger.exception(
                    "Reminder for %s to user %s not sent", deadline.key, person.user.pk
                )


def send_due_reminders(now: datetime.datetime | None = None) -> dict:
    """Send every reminder that is due now, in every region; returns the counts."""
    now = now or timezone.now()
    outcome = Outcome()
    connection = get_connection()
    try:
        with translation.override(settings.LANGUAGE_CODE):
            for region in Region.objects.order_by("pk"):
                region_reminders(region, now, outcome, connection)
    finally:
        connection.close()
    # Claims of deadlines long past can no longer matter.
    DeadlineReminder.objects.filter(due__lt=now - KEEP_CLAIMS).delete()
    return outcome.as_dict()
