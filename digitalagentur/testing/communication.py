"""Test data of the communication module (issue 13): events ready for registration."""

from __future__ import annotations

import datetime

from django.utils import timezone

from digitalagentur.communication import events
from digitalagentur.communication.models import Event


def make_event(region, title: str = "Digitalisierungskonferenz", **values) -> Event:
    """A published event in a week, open for registration (override anything)."""
    start = values.pop("start", None) or (timezone.now() + datetime.timedelta(days=7)).replace(
        second=0, microsecond=0
    )
    values.setdefault("end", start + datetime.timedelta(hours=6))
    values.setdefault("published", True)
    values.setdefault("registration_open", True)
    values.setdefault("capacity", 10)
    values.setdefault("place", "Kreishaus Coesfeld")
    municipalities = values.pop("municipalities", ())
    return events.create_event(
        region=region,
        user=None,
        values={"title": title, "start": start, **values},
        municipalities=municipalities,
    )
