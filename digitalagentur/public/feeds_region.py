"""Region-wide feeds (issue 10, section 5).

- `/feed/`: Atom feed of the region's news: the published project updates and status changes
  of all published projects (public/feeds.py builds those) and the strategy's chronicle
  entries dated up to today.
- `/termine.ics`: iCalendar of events and deadlines: the published events and trainings of
  issue 13 (with the UIDs of their own feed, /veranstaltungen/kalender.ics), chronicle entries
  about events dated to the day (unless a published event or workshop falls on that day: it
  stands for the entry), published workshops, the public committee meetings
  (reports/visibility.py; all-day when their time is not known), and the deadlines of
  published calls as the funding deadline feed builds them (funding/calendar.py: the
  calendar is built there with its deadlines and time zone, and extended here with the other
  events). Chronicle entries known only to the month or year are no dated events: they stay
  in the chronicle and the open data.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import icalendar
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from digitalagentur.communication import ical as event_ical
from digitalagentur.communication.models import Event
from digitalagentur.funding.calendar import FEED_HISTORY, build_calendar
from digitalagentur.funding.deadlines import public_deadlines
from digitalagentur.portfolio.models import Project
from digitalagentur.strategy.choices import DatePrecision, Topic
from digitalagentur.tenancy.pagecache import cache_public

from . import feeds, opendata

# Chronicle entries in the news feed (besides feeds.ENTRIES updates and status changes).
CHRONICLE_ENTRIES = 30


def chronicle_entries(region, *, today: datetime.date) -> list[feeds.Entry]:
    """The published chronicle's entries dated up to today, newest first."""
    link = reverse("public:agency") + "#history-title"
    events = (
        opendata.chronicle(region)
        .filter(date__lte=today)
        .order_by("-date", "-pk")[:CHRONICLE_ENTRIES]
    )
    return [
        feeds.Entry(
            title=event.title,
            text=event.description,
            time=timezone.make_aware(datetime.datetime.combine(event.date, datetime.time(12))),
            link=link,
            key=f"chronicle-{event.pk}",
        )
        for event in events
    ]


class RegionFeed(feeds.ActivityFeed):
    """Progress of the whole region: updates, status changes and the chronicle (the news
    posts of issue 13 have their own feed, /neuigkeiten/feed/)."""

    def subject(self, request, **kwargs) -> feeds.Subject:
        return feeds.Subject(
            title=_("Projektfortschritte"),
            link=reverse("public:home"),
            description=_("Projekt-Updates, Statuswechsel und Einträge der Chronik der Strategie"),
            projects=Project.objects.filter(region=self.region, published=True),
        )

    def items(self, subject):
        found = feeds.entries(self.region, subject.projects)
        found += chronicle_entries(self.region, today=timezone.localdate())
        found.sort(key=lambda e: e.time, reverse=True)
        return found[: feeds.ENTRIES + CHRONICLE_ENTRIES]


# --- the calendar ---------------------------------------------------------------------------


def _all_day(event: icalendar.Event, first: datetime.date, last: datetime.date) -> None:
    event.add("dtstart", first)
    event.add("dtend", last + datetime.timedelta(days=1))
    event.add("transp", "TRANSPARENT")


def region_events(
    region, *, uid_domain: str, stamp: datetime.datetime, base_url: str
) -> Iterator[icalendar.Event]:
    """Published events, chronicle entries about events dated to the day and not covered by
    an event or a workshop, published workshops and public committee meetings."""
    history = base_url + reverse("public:agency") + "#history-title"
    workshops = opendata.public_workshops(region)
    planned = list(Event.objects.public().filter(region=region).order_by("start", "pk"))
    chronicle = (
        opendata.chronicle(region)
        .filter(topic=Topic.EVENTS, date_precision=DatePrecision.DAY)
        # The chronicle often records an event or a workshop of its day as well: the event's
        # or workshop's entry (with its page) stands for both.
        .exclude(date__in=workshops.values("date"))
        .exclude(date__in={timezone.localdate(event.start) for event in planned})
        .order_by("date", "pk")
    )
    for planned_event in planned:
        event = event_ical.vevent(planned_event, stamp=stamp)
        # In UTC, as the meetings below: the calendar's time zone covers the deadlines' years.
        for name in ("dtstart", "dtend"):
            moment = event.decoded(name).astimezone(datetime.UTC)
            del event[name]
            event.add(name, moment)
        yield event
    for entry in chronicle:
        event = icalendar.Event()
        event.add("uid", f"chronicle-{entry.pk}@{uid_domain}")
        event.add("dtstamp", stamp)
        event.add("summary", entry.title)
        _all_day(event, entry.date, entry.date)
        lines = [entry.description] if entry.description else []
        if entry.participants:
            lines.append(_("%(count)s Teilnehmende") % {"count": entry.participants})
        if lines:
            event.add("description", "\n".join(lines))
        event.add("url", history)
        event.add("categories", [_("Veranstaltung")])
        yield event
    for workshop in workshops.order_by("date", "pk"):
        event = icalendar.Event()
        event.add("uid", f"workshop-{workshop.pk}@{uid_domain}")
        event.add("dtstamp", stamp)
        event.add("summary", _("Workshop: %(title)s") % {"title": workshop.title})
        _all_day(event, workshop.date, workshop.end_date or workshop.date)
        if workshop.description:
            event.add("description", workshop.description)
        page = reverse("public:field_detail", args=[workshop.field.slug])
        event.add("url", f"{base_url}{page}#workshop-{workshop.slug}")
        event.add("categories", [_("Workshop")])
        yield event
    for meeting in opendata.public_meetings(region).order_by("start", "pk"):
        event = icalendar.Event()
        event.add("uid", f"meeting-{meeting.pk}@{uid_domain}")
        event.add("dtstamp", stamp)
        event.add("summary", str(meeting))
        if opendata.start_time(meeting) is None:  # only the day is known
            first = timezone.localdate(meeting.start)
            last = timezone.localdate(meeting.end) if meeting.end else first
            _all_day(event, first, max(first, last))
        else:
            # In UTC: the calendar's time zone definition covers the deadlines' years only.
            event.add("dtstart", meeting.start.astimezone(datetime.UTC))
            if meeting.end:
                event.add("dtend", meeting.end.astimezone(datetime.UTC))
        if meeting.location:
            event.add("location", meeting.location)
        event.add("description", meeting.body.name)
        if meeting.cancelled:
            event.add("status", "CANCELLED")
        event.add("categories", [_("Sitzung")])
        yield event


@cache_public
def events_calendar(request):
    region = getattr(request, "region", None)
    if region is None:
        raise Http404
    now = timezone.now()
    uid_domain = f"oeffentlich.{region.slug}.digitalagentur"
    # The deadlines exactly as the funding deadline feed has them (same UIDs).
    content = build_calendar(
        public_deadlines(region, since=now - FEED_HISTORY),
        name=_("Termine und Fristen – %(region)s") % {"region": region.name},
        uid_domain=uid_domain,
        public=True,
        now=now,
    )
    calendar = icalendar.Calendar.from_ical(content)
    stamp = now.astimezone(datetime.UTC)
    base_url = request.build_absolute_uri("/")[:-1]
    for event in region_events(region, uid_domain=uid_domain, stamp=stamp, base_url=base_url):
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="termine.ics"'
    return response
