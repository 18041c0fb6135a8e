"""The frame of our iCalendar files (RFC 5545, icalendar library), shared by the modules that
send or publish calendars (Landräume bookings, events): product id, method, name, and the
VTIMEZONE of each zone used, for the years of the events only (small files)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

import icalendar
from django.utils import timezone

TZID = "Europe/Berlin"
# How often a subscribed feed should be fetched again.
REFRESH = datetime.timedelta(hours=1)
TZ_YEARS_AHEAD = 2


def new_calendar(
    name: str,
    *,
    prodid: str,
    method: str,
    moments: Iterable[datetime.datetime],
    zones: Iterable[str] = (),
) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    if name:
        calendar.add("name", name)
        calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TZID)
    years = [timezone.now().year, *(m.year for m in moments)]
    for zone in sorted(set(zones) | {TZID}):
        calendar.add_component(
            icalendar.Timezone.from_tzid(
                zone,
                first_date=datetime.date(min(years) - 1, 1, 1),
                last_date=datetime.date(max(years) + TZ_YEARS_AHEAD, 1, 1),
            )
        )
    return calendar


def add_feed_headers(calendar: icalendar.Calendar) -> None:
    """Mark a calendar as a feed that clients refresh every REFRESH."""
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(REFRESH))
