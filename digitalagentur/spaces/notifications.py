"""Mails about bookings (issue 11, section 3): both sides get a mail with an iCalendar
attachment when a booking is made, confirmed, declined or cancelled.

Owned by the mail helper: `on_commit` is the one entry point the booking services call.
"""

from __future__ import annotations

from django.db import transaction

EVENTS = (
    "created",
    "series_created",
    "confirmed",
    "declined",
    "cancelled",
    "cancelled_by_provider",
)


def on_commit(booking, event: str) -> None:
    """Send the mails for `event` once the booking's transaction has committed."""
    assert event in EVENTS, event
    booking_id = booking.pk
    transaction.on_commit(lambda: send(booking_id, event))


def send(booking_id: int, event: str) -> None:
    """To be written: the mails of `event` (see the module docstring)."""
