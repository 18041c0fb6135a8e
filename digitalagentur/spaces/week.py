"""The week calendar of a space's page (issue 11, section 2): free and taken times, never who.

Per day of a week (Monday to Sunday, Europe/Berlin) the opening intervals are cut where a
confirmed booking or a closed period begins or ends; each piece is free (every unit free),
partly taken ("n of m free": desks of a co-working space), taken (no unit free) or closed (a
closed period). A day without opening hours is closed. Requests do not take a unit, so they
do not show. `week_days` reads the bookings in one query and only their unit and times.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from . import booking as booking_services
from . import timerange
from .timerange import BERLIN, MIDNIGHT

FREE = "free"
PARTLY = "partly"
TAKEN = "taken"
CLOSED = "closed"


@dataclass(frozen=True)
class Segment:
    """A piece of an opening interval with one state; `free` of `total` units are free."""

    start: datetime.datetime
    end: datetime.datetime
    state: str
    free: int
    total: int
    past: bool = False

    @property
    def ends_at_midnight(self) -> bool:
        return timerange.local(self.end).time() == MIDNIGHT and self.end > self.start


@dataclass
class Day:
    date: datetime.date
    segments: list[Segment] = field(default_factory=list)

    @property
    def closed(self) -> bool:
        """No opening interval at all (closed periods are segments of their own)."""
        return not self.segments


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def parse_week(raw: str | None, today: datetime.date) -> tuple[datetime.date, bool]:
    """The Monday of the week named by `raw` (any date of it, YYYY-MM-DD) and whether `raw`
    was usable; the current week when it is missing or wrong."""
    if raw:
        try:
            return monday_of(datetime.date.fromisoformat(raw[:10])), True
        except ValueError:
            return monday_of(today), False
    return monday_of(today), True


def _at(day: datetime.date, moment: datetime.time) -> datetime.datetime:
    """The aware moment of a local wall-clock time; 00:00 as an end is the next midnight."""
    return datetime.datetime.combine(day, moment, tzinfo=BERLIN)


def _day_intervals(
    day: datetime.date, intervals: list[timerange.Interval]
) -> list[tuple[datetime.datetime, datetime.datetime]]:
    if not intervals:  # without opening hours a space is always open
        return [(_at(day, MIDNIGHT), _at(day + datetime.timedelta(days=1), MIDNIGHT))]
    result = []
    for interval in sorted(intervals, key=lambda i: i.opens):
        if interval.weekday != day.weekday():
            continue
        closes_day = day + datetime.timedelta(days=1) if interval.closes_at_midnight else day
        result.append((_at(day, interval.opens), _at(closes_day, interval.closes)))
    return result


def _quarter_up(moment: datetime.datetime) -> datetime.datetime:
    floor = moment.replace(minute=moment.minute - moment.minute % 15, second=0, microsecond=0)
    return floor if floor == moment else floor + datetime.timedelta(minutes=15)


def segments_of(
    start: datetime.datetime,
    end: datetime.datetime,
    unit_ids: list[int],
    taken: dict[int, list[tuple[datetime.datetime, datetime.datetime]]],
    closed: list[tuple[datetime.datetime, datetime.datetime]],
    now: datetime.datetime,
) -> list[Segment]:
    """[start, end) cut at every booking and closed-period boundary, equal neighbours merged."""
    start, end = timerange.utc(start), timerange.utc(end)
    cuts = {start, end}
    now = _quarter_up(timerange.utc(now))
    if start < now < end:
        cuts.add(now)  # what is over is shown as such, the rest from the next quarter hour
    for ranges in (*taken.values(), closed):
        for s, e in ranges:
            for moment in (timerange.utc(s), timerange.utc(e)):
                if start < moment < end:
                    cuts.add(moment)
    points = sorted(cuts)
    total = len(unit_ids)
    segments: list[Segment] = []
    for a, b in zip(points, points[1:], strict=False):
        if timerange.in_closed_period(a, b, closed):
            state, free = CLOSED, 0
        else:
            free = len(timerange.free_unit_ids(unit_ids, taken, a, b))
            state = FREE if free == total else TAKEN if free == 0 else PARTLY
        past = b <= now
        previous = segments[-1] if segments else None
        if previous and (previous.state, previous.free, previous.past) == (state, free, past):
            segments[-1] = Segment(previous.start, b, state, free, total, past)
        else:
            segments.append(Segment(a, b, state, free, total, past))
    return segments


def week_days(space, monday: datetime.date, now: datetime.datetime | None = None) -> list[Day]:
    """The seven days from `monday` with their segments. Prefetch units, opening_hours and
    closed_periods of `space` when it comes from a list."""
    now = timerange.utc(now or timezone.now())
    week_start = _at(monday, MIDNIGHT)
    week_end = _at(monday + datetime.timedelta(days=8), MIDNIGHT)  # intervals to 24:00
    unit_ids = booking_services.unit_ids_of(space)
    taken = booking_services.taken_ranges([space.pk], week_start, week_end)
    closed = booking_services.closed_of(space)
    intervals = booking_services.intervals_of(space)
    days = []
    for offset in range(7):
        day = Day(monday + datetime.timedelta(days=offset))
        for start, end in _day_intervals(day.date, intervals):
            day.segments.extend(segments_of(start, end, unit_ids, taken, closed, now))
        days.append(day)
    return days
