"""Bookings as iCalendar (RFC 5545, built with the icalendar library; issue 11, section 3):
the attachments of the booking mails and the two kinds of secret calendar feeds.

- A booking is one VEVENT whose UID stays the same for its whole life, so that a calendar
  updates or removes the event it already has. SEQUENCE grows with the state (request 0,
  confirmed 1, declined or cancelled 2): a cancellation (METHOD:CANCEL) always outranks the
  invitation (METHOD:REQUEST) before it. Times carry TZID=Europe/Berlin (the booking's time
  zone) with its VTIMEZONE, so that 10:00 stays 10:00 across a change of summer time.
- The feed of a space (`/landraeume/kalender/raum/<token>.ics`) shows free/busy only: events
  titled "belegt" (or "3 von 8 Plätzen belegt" for desks) over the merged confirmed bookings,
  with no name, e-mail, note or booking id.
- The feed of a user (`/landraeume/kalender/ich/<token>.ics`) lists their own requests and
  bookings of the region.

Calendar programs cannot log in, so both feeds live at secret addresses: Space.feed_token
and BookerProfile.feed_token (random, unique). A new token replaces the old one, whose
address then answers 404 (renew_space_feed_token, renew_user_feed_token).
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Callable, Iterable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from digitalagentur.core import ical as core_ical
from digitalagentur.core.models import ObjectChange
from digitalagentur.core.services import log_change

from .choices import ACTIVE_STATUSES, BookingStatus
from .models import BookerProfile, Booking, Space, new_token

PRODID = "-//Digitalagentur//Landräume//DE"
TZID = core_ical.TZID
# Feeds keep the bookings of the recent past, so that calendars do not drop them at once.
FEED_HISTORY = datetime.timedelta(days=90)
# Calendar programs that honour it fetch a feed again after this long.
REFRESH = core_ical.REFRESH
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")

SEQUENCE = {
    BookingStatus.REQUESTED: 0,
    BookingStatus.CONFIRMED: 1,
    BookingStatus.DECLINED: 2,
    BookingStatus.CANCELLED: 2,
}
EVENT_STATUS = {
    BookingStatus.REQUESTED: "TENTATIVE",
    BookingStatus.CONFIRMED: "CONFIRMED",
    BookingStatus.DECLINED: "CANCELLED",
    BookingStatus.CANCELLED: "CANCELLED",
}

BOOKER = "booker"
PROVIDER = "provider"


def zone_of(booking: Booking) -> ZoneInfo:
    try:
        return ZoneInfo(booking.time_zone or TZID)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(TZID)


def uid_domain(region) -> str:
    return f"landraeume.{region.slug}.digitalagentur"


def booking_uid(booking: Booking) -> str:
    """Stable for the booking's whole life (mails and the user's feed use the same)."""
    return f"buchung-{booking.pk}@{uid_domain(booking.region)}"


def street_address(space: Space) -> str:
    town = " ".join(part for part in (space.postcode, space.city) if part)
    return ", ".join(part for part in (space.street, town) if part)


def address_of(space: Space) -> str:
    return ", ".join(part for part in (space.name, street_address(space)) if part)


# -- the calendar around the events -------------------------------------------------------------


def _calendar(
    name: str, *, method: str, moments: Iterable[datetime.datetime], zones
) -> icalendar.Calendar:
    return core_ical.new_calendar(name, prodid=PRODID, method=method, moments=moments, zones=zones)


_feed_headers = core_ical.add_feed_headers


# -- one booking ----------------------------------------------------------------------------------


def _person(user) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def booking_event(
    booking: Booking,
    *,
    audience: str,
    stamp: datetime.datetime,
    link: str = "",
    cancelled: bool | None = None,
) -> icalendar.Event:
    """The booking as a VEVENT for the booker's or the provider's calendar. The provider's
    event names the booker (their own booking: they may see it); the booker's names the
    provider and its contact."""
    space = booking.space
    zone = zone_of(booking)
    if cancelled is None:
        cancelled = booking.status in (BookingStatus.DECLINED, BookingStatus.CANCELLED)
    event = icalendar.Event()
    event.add("uid", booking_uid(booking))
    event.add("dtstamp", stamp.astimezone(datetime.UTC))
    event.add("sequence", SEQUENCE.get(booking.status, 0))
    event.add("dtstart", booking.start.astimezone(zone))
    event.add("dtend", booking.end.astimezone(zone))
    event.add("status", "CANCELLED" if cancelled else EVENT_STATUS[booking.status])
    if booking.status == BookingStatus.REQUESTED:
        summary = _("Anfrage: %(space)s") % {"space": space.name}
    else:
        summary = _("Buchung: %(space)s") % {"space": space.name}
    if audience == PROVIDER and booking.booker is not None:
        summary = _("%(summary)s (%(person)s)") % {
            "summary": summary,
            "person": _person(booking.booker),
        }
    event.add("summary", summary)
    event.add("location", address_of(space))
    if space.latitude is not None and space.longitude is not None:
        event.add("geo", (float(space.latitude), float(space.longitude)))
    lines = [_("Einheit: %(unit)s") % {"unit": booking.unit.name}]
    provider = space.provider
    if audience == PROVIDER:
        if booking.booker is not None:
            lines.append(_("Gebucht von: %(person)s") % {"person": _person(booking.booker)})
            if booking.booker.email:
                lines.append(_("E-Mail: %(email)s") % {"email": booking.booker.email})
        lines.append(_("Personen: %(n)d") % {"n": booking.attendees})
        lines.append(_("Zweck: %(purpose)s") % {"purpose": booking.get_purpose_display()})
        if booking.note:
            lines.append(_("Hinweis: %(note)s") % {"note": booking.note})
    else:
        lines.append(_("Anbieter: %(name)s") % {"name": provider.name})
        contact = ", ".join(part for part in (provider.email, provider.phone) if part)
        if contact:
            lines.append(_("Kontakt: %(contact)s") % {"contact": contact})
    if cancelled and booking.reason:
        lines.append(_("Begründung: %(reason)s") % {"reason": booking.reason})
    if link:
        lines.append(link)
        event.add("url", link)
    event.add("description", "\n".join(lines))
    sender = settings.DEFAULT_FROM_EMAIL
    event.add("organizer", f"mailto:{sender}", parameters={"CN": provider.name})
    if booking.booker is not None and booking.booker.email:
        partstat = {
            BookingStatus.REQUESTED: "TENTATIVE",
            BookingStatus.CONFIRMED: "ACCEPTED",
        }.get(booking.status, "DECLINED")
        event.add(
            "attendee",
            f"mailto:{booking.booker.email}",
            parameters={
                "CN": _person(booking.booker),
                "ROLE": "REQ-PARTICIPANT",
                "PARTSTAT": partstat,
                "RSVP": "FALSE",
            },
        )
    event.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    return event


def booking_calendar(
    bookings: Iterable[Booking],
    *,
    method: str,
    audience: str,
    links: dict[int, str] | None = None,
    now: datetime.datetime | None = None,
) -> bytes:
    """The attachment of a booking mail: METHOD:REQUEST (a new or confirmed booking or
    request), METHOD:CANCEL (declined or cancelled; same UID, higher SEQUENCE) or
    METHOD:PUBLISH (the dates of a series, one event each)."""
    bookings = list(bookings)
    stamp = now or timezone.now()
    calendar = _calendar(
        "",
        method=method,
        moments=[b.start for b in bookings],
        zones=[zone_of(b).key for b in bookings],
    )
    for booking in bookings:
        calendar.add_component(
            booking_event(
                booking,
                audience=audience,
                stamp=stamp,
                link=(links or {}).get(booking.pk, ""),
                cancelled=True if method == "CANCEL" else None,
            )
        )
    return calendar.to_ical()


# -- the feeds ------------------------------------------------------------------------------------


def busy_segments(
    ranges: Iterable[tuple[datetime.datetime, datetime.datetime]],
) -> list[tuple[datetime.datetime, datetime.datetime, int]]:
    """Merge bookings into (start, end, units taken): consecutive times with the same count
    form one segment; times with no booking are left out."""
    changes: dict[datetime.datetime, int] = {}
    for start, end in ranges:
        changes[start] = changes.get(start, 0) + 1
        changes[end] = changes.get(end, 0) - 1
    segments: list[tuple[datetime.datetime, datetime.datetime, int]] = []
    count = 0
    previous = None
    for moment in sorted(changes):
        if previous is not None and count > 0 and moment > previous:
            if segments and segments[-1][1] == previous and segments[-1][2] == count:
                segments[-1] = (segments[-1][0], moment, count)
            else:
                segments.append((previous, moment, count))
        count += changes[moment]
        previous = moment
    return segments


def space_feed(space: Space, *, now: datetime.datetime | None = None) -> bytes:
    """Free/busy of a space: when it is taken (confirmed bookings), never by whom."""
    now = now or timezone.now()
    stamp = now.astimezone(datetime.UTC)
    units = space.units.count() or 1
    ranges = list(
        Booking.objects.filter(
            space=space, status=BookingStatus.CONFIRMED, end__gt=now - FEED_HISTORY
        ).values_list("start", "end")
    )
    segments = busy_segments(ranges)
    name = _("%(space)s – belegt") % {"space": space.name}
    calendar = _calendar(name, method="PUBLISH", moments=[s for s, _e, _n in segments], zones=[])
    _feed_headers(calendar)
    zone = ZoneInfo(TZID)
    for start, end, count in segments:
        event = icalendar.Event()
        key = f"{space.pk}-{start.timestamp():.0f}-{end.timestamp():.0f}-{count}"
        digest = hashlib.sha256(key.encode()).hexdigest()[:24]
        event.add("uid", f"belegt-{digest}@{uid_domain(space.region)}")
        event.add("dtstamp", stamp)
        event.add("dtstart", start.astimezone(zone))
        event.add("dtend", end.astimezone(zone))
        if units > 1 and count < units:
            summary = _("%(count)d von %(units)d Plätzen belegt") % {"count": count, "units": units}
        else:
            summary = _("belegt")
        event.add("summary", summary)
        event.add("location", address_of(space))
        event.add("transp", "OPAQUE")
        event.add("class", "PUBLIC")
        calendar.add_component(event)
    return calendar.to_ical()


def user_bookings(user, region, *, now: datetime.datetime | None = None):
    now = now or timezone.now()
    return (
        Booking.objects.filter(
            region=region,
            booker=user,
            status__in=ACTIVE_STATUSES,
            end__gt=now - FEED_HISTORY,
        )
        .select_related("space__provider", "space__region", "unit", "region", "booker")
        .order_by("start", "pk")
    )


def user_feed(
    user,
    region,
    *,
    link: Callable[[Booking], str] | None = None,
    now: datetime.datetime | None = None,
) -> bytes:
    """The user's own requests and bookings in the region (the recent past and the future)."""
    now = now or timezone.now()
    bookings = list(user_bookings(user, region, now=now))
    name = _("Meine Landräume – %(region)s") % {"region": region.name}
    calendar = _calendar(
        name,
        method="PUBLISH",
        moments=[b.start for b in bookings],
        zones=[zone_of(b).key for b in bookings],
    )
    _feed_headers(calendar)
    for booking in bookings:
        event = booking_event(
            booking, audience=BOOKER, stamp=now, link=link(booking) if link else ""
        )
        # A feed is no invitation: no organizer and attendee to answer.
        del event["organizer"]
        if "attendee" in event:
            del event["attendee"]
        calendar.add_component(event)
    return calendar.to_ical()


# -- the secret addresses ---------------------------------------------------------------------


def space_for_token(token: str, region) -> Space | None:
    """The space of the region whose feed this token opens (None: unknown)."""
    if region is None or not TOKEN_PATTERN.match(token or ""):
        return None
    return Space.objects.filter(region=region, feed_token=token).select_related("region").first()


def profile_for_token(token: str) -> BookerProfile | None:
    if not TOKEN_PATTERN.match(token or ""):
        return None
    return BookerProfile.objects.filter(feed_token=token).select_related("user").first()


def booker_profile(user) -> BookerProfile:
    """The user's profile, made on demand (two concurrent first requests make one)."""
    profile = BookerProfile.objects.filter(user=user).first()
    if profile is not None:
        return profile
    try:
        with transaction.atomic():
            return BookerProfile.objects.create(user=user)
    except IntegrityError:
        return BookerProfile.objects.get(user=user)


def user_feed_token(user) -> str:
    """The token of the user's feed address (the profile is made when missing)."""
    return booker_profile(user).feed_token


@transaction.atomic
def renew_user_feed_token(user) -> str:
    """A new address for the user's feed; the old one answers 404 from now on."""
    profile = booker_profile(user)
    token = new_token()
    BookerProfile.objects.filter(pk=profile.pk).update(feed_token=token)
    return token


@transaction.atomic
def renew_space_feed_token(space: Space, *, user=None) -> str:
    """A new address for the space's free/busy feed (logged, without the token); the old one
    answers 404 from now on."""
    token = new_token()
    Space.objects.filter(pk=space.pk).update(feed_token=token)
    space.feed_token = token
    log_change(
        space,
        ObjectChange.Action.UPDATE,
        user=user,
        changes={},
        reason=_("Kalenderadresse erneuert"),
    )
    return token
