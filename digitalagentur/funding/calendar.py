"""Deadlines as an iCalendar feed (RFC 5545, built with the icalendar library), and the
secret addresses of the users' own feeds.

Calendar programs (Thunderbird, Outlook, phones) subscribe to a feed by its address and
fetch it again now and then; they cannot log in. A user's feed with internal deadlines
therefore has a secret address: a random token of which only the SHA-256 is stored
(DeadlinePreference.feed_token_hash). A new token replaces the old one, whose address then
answers 404; the token is shown once, right after it was made.

Each deadline is one event with a UID that stays the same when its date changes, so that a
subscribed calendar moves the event instead of adding another. Deadlines with a time end at
that moment (in Europe/Berlin, with its VTIMEZONE): "14.03.2021, 24:00 Uhr" ends at 0:00 of
the 15th and so lies in the evening of the 14th. Milestones without a time are all-day events.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import secrets
from collections.abc import Iterable

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

from .deadlines import Deadline
from .models import DeadlinePreference

PRODID = "-//Digitalagentur//Fristen//DE"
# How long a timed deadline's event lasts: it ends at the deadline.
EVENT_LENGTH = datetime.timedelta(hours=1)
# Calendar programs that honour it fetch the feed again after this long.
REFRESH = datetime.timedelta(hours=6)
TZ_YEARS_AHEAD = 20
# Feeds keep the deadlines of the past year, so that calendars do not drop them at once.
FEED_HISTORY = datetime.timedelta(days=365)
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{32,128}$")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_feed_token(preference: DeadlinePreference) -> str:
    """Give the preference a new secret token (the old one stops working); returns it, the
    only time it is known in clear."""
    token = secrets.token_urlsafe(32)
    preference.feed_token_hash = token_hash(token)
    preference.feed_created = timezone.now()
    preference.save(update_fields=["feed_token_hash", "feed_created"])
    return token


def remove_feed_token(preference: DeadlinePreference) -> None:
    preference.feed_token_hash = ""
    preference.feed_created = None
    preference.save(update_fields=["feed_token_hash", "feed_created"])


def preference_for_token(token: str, region) -> DeadlinePreference | None:
    """The preference whose feed this token opens in this region (None: unknown token)."""
    if not TOKEN_PATTERN.match(token or ""):
        return None
    return (
        DeadlinePreference.objects.filter(region=region, feed_token_hash=token_hash(token))
        .select_related("user")
        .first()
    )


def _event(
    deadline: Deadline, *, uid_domain: str, stamp: datetime.datetime, base_url: str, public: bool
) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"{deadline.key}@{uid_domain}")
    event.add("dtstamp", stamp)
    if deadline.all_day:
        event.add("summary", deadline.subject)
        event.add("dtstart", deadline.day)
        event.add("dtend", deadline.day + datetime.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
    else:
        due = timezone.localtime(deadline.due)
        # The deadline's time in the title: the event's start is not the deadline.
        event.add(
            "summary",
            _("%(subject)s (bis %(time)s)")
            % {"subject": deadline.subject, "time": deadline_clock(deadline)},
        )
        event.add("dtstart", due - EVENT_LENGTH)
        event.add("dtend", due)
    lines = [_("Frist: %(due)s") % {"due": deadline.due_text}]
    if deadline.context_text:
        lines.append(deadline.context_text)
    url = ""
    if public:
        url = deadline.call.website if deadline.call is not None else ""
    elif base_url:
        url = base_url + deadline.path
    if url:
        lines.append(url)
        event.add("url", url)
    event.add("description", "\n".join(lines))
    event.add("categories", [deadline.kind_label])
    return event


def deadline_clock(deadline: Deadline) -> str:
    """'24:00 Uhr' for the end of a day, else the local time: '12:30 Uhr'."""
    local = timezone.localtime(deadline.due)
    if local.time() == datetime.time():
        return _("24:00 Uhr")
    return _("%(time)s Uhr") % {"time": local.strftime("%H:%M")}


def build_calendar(
    deadlines: Iterable[Deadline],
    *,
    name: str,
    uid_domain: str,
    base_url: str = "",
    public: bool = False,
    now: datetime.datetime | None = None,
) -> bytes:
    """The deadlines as an iCalendar file. `base_url` makes links to the staff pages (not
    for `public` feeds, which link a call's own website)."""
    stamp = (now or timezone.now()).astimezone(datetime.UTC)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", timezone.get_default_timezone_name())
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(REFRESH))
    # Always the zone's definition: events use it, and a calendar needs one component even
    # without deadlines. Its rules for the years of the events and some ahead (not since 1970:
    # that keeps the file small).
    deadlines = list(deadlines)
    years = [stamp.year, *(d.due.year for d in deadlines)]
    calendar.add_component(
        icalendar.Timezone.from_tzid(
            timezone.get_default_timezone_name(),
            first_date=datetime.date(min(years) - 1, 1, 1),
            last_date=datetime.date(max(years) + TZ_YEARS_AHEAD, 1, 1),
        )
    )
    for deadline in deadlines:
        calendar.add_component(
            _event(deadline, uid_domain=uid_domain, stamp=stamp, base_url=base_url, public=public)
        )
    return calendar.to_ical()
