"""Events as iCalendar (RFC 5545, icalendar library; issue 13, section 2): the attachment of
the registration mails and the public feed of all published events.

An event keeps one UID for its whole life, so that a calendar updates the entry it has. The
attachment of a cancellation is METHOD:CANCEL with the same UID, so the calendar drops it.
Times carry TZID=Europe/Berlin with its VTIMEZONE.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from digitalagentur.core import ical as core_ical
from digitalagentur.core.mail import base_url

from .models import Event

PRODID = "-//Digitalagentur//Veranstaltungen//DE"
ZONE = ZoneInfo(core_ical.TZID)


def uid_domain(region) -> str:
    return region.hostname or settings.DIGITALAGENTUR_BASE_URL.split("://")[-1].strip("/")


def event_uid(event: Event) -> str:
    return f"event-{event.pk}@{uid_domain(event.region)}"


def event_link(event: Event) -> str:
    return base_url(event.region) + reverse("public:event_detail", args=[event.slug])


def location_of(event: Event) -> str:
    parts = [part for part in (event.place, event.address) if part]
    if event.online_url:
        parts.append(event.online_url)
    return ", ".join(parts)


def vevent(
    event: Event,
    *,
    stamp: datetime.datetime | None = None,
    cancelled: bool = False,
    sequence: int = 0,
) -> icalendar.Event:
    item = icalendar.Event()
    item.add("uid", event_uid(event))
    item.add("dtstamp", (stamp or timezone.now()).astimezone(datetime.UTC))
    item.add("sequence", sequence)
    item.add("dtstart", event.start.astimezone(ZONE))
    item.add("dtend", event.end.astimezone(ZONE))
    item.add("summary", event.title)
    item.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    location = location_of(event)
    if location:
        item.add("location", location)
    link = event_link(event)
    item.add("url", link)
    description = "\n\n".join(part for part in (event.summary, event.description, link) if part)
    item.add("description", description)
    item.add("categories", [str(event.get_kind_display())])
    item.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    return item


def calendar_of(
    events: Iterable[Event], *, name: str, method: str = "PUBLISH", cancelled: bool = False
) -> icalendar.Calendar:
    events = list(events)
    calendar = core_ical.new_calendar(
        name, prodid=PRODID, method=method, moments=[e.start for e in events]
    )
    stamp = timezone.now()
    for event in events:
        calendar.add_component(
            vevent(event, stamp=stamp, cancelled=cancelled, sequence=1 if cancelled else 0)
        )
    return calendar


def registration_attachment(event: Event, *, cancelled: bool = False) -> bytes:
    """The .ics of a registration mail: the event, or its cancellation."""
    calendar = calendar_of(
        [event], name=event.title, method="CANCEL" if cancelled else "PUBLISH", cancelled=cancelled
    )
    return calendar.to_ical()


def feed(events: Iterable[Event], *, name: str) -> bytes:
    """The public feed: every published event (past ones included)."""
    calendar = calendar_of(events, name=name)
    core_ical.add_feed_headers(calendar)
    return calendar.to_ical()
