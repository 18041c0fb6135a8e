"""Retention of bookings (issue 11, section 8): bookings that ended more than
DIGITALAGENTUR_BOOKING_RETENTION_DAYS ago (default 365) lose everything that names a person.

Anonymising a booking sets `booker` to NULL, empties its note and reason and sets
`anonymised`; space, unit, times, status, purpose, number of people, contingent and the home
and work places copied at booking time stay, so that usage and the commuting impact are still
counted (aggregated, never per person). Its change-log rows lose who made them and why
(user, user name, reason); what changed (times, status) stays.

Run daily by the spaces job (spaces/tasks.py), in batches, each in its own transaction; a run
that is interrupted leaves whole bookings either done or untouched, and the next run goes on.
The same job also deletes expired unconfirmed registrations when the accounts module offers
`accounts.registration.delete_expired()`.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from digitalagentur.core.models import ObjectChange

from .models import Booking

logger = logging.getLogger(__name__)

BATCH = 500


def cutoff(now: datetime.datetime) -> datetime.datetime:
    return now - datetime.timedelta(days=settings.DIGITALAGENTUR_BOOKING_RETENTION_DAYS)


def expired(now: datetime.datetime):
    """Bookings that ended before the retention period and are not anonymised yet."""
    return Booking.objects.filter(end__lt=cutoff(now), anonymised__isnull=True)


def anonymise_bookings(now: datetime.datetime | None = None) -> int:
    """Anonymise every booking past the retention period; returns how many."""
    now = now or timezone.now()
    content_type = ContentType.objects.get_for_model(Booking)
    done = 0
    while True:
        ids = list(expired(now).order_by("pk").values_list("pk", flat=True)[:BATCH])
        if not ids:
            return done
        with transaction.atomic():
            done += (
                expired(now)
                .filter(pk__in=ids)
                .update(booker=None, note="", reason="", anonymised=now)
            )
            ObjectChange.objects.filter(content_type=content_type, object_id__in=ids).update(
                user=None, user_name="", reason=""
            )


def delete_expired_registrations(now: datetime.datetime | None = None):
    """`accounts.registration.delete_expired()` where it exists (an int: how many)."""
    try:
        from digitalagentur.accounts import registration
    except ImportError:
        return None
    delete_expired = getattr(registration, "delete_expired", None)
    if delete_expired is None:
        return None
    result = delete_expired(now) if now is not None else delete_expired()
    if isinstance(result, tuple) and result and isinstance(result[0], int):  # QuerySet.delete()
        return result[0]
    return result if isinstance(result, int) else None


def run(now: datetime.datetime | None = None) -> dict:
    """The daily clean-up; returns the counts."""
    return {
        "anonymised": anonymise_bookings(now),
        "registrations_deleted": delete_expired_registrations(now),
    }
