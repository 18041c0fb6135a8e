"""Pure functions on booking time ranges (no ORM): overlap, opening hours, closed periods,
weekly recurrence. Ranges are half-open [start, end) of aware datetimes; wall-clock rules
(opening hours, "every Tuesday 9–12") are read in the space's time zone, Europe/Berlin, so a
weekly booking keeps its local time across the switch to and from summer time.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")
MIDNIGHT = datetime.time(0, 0)


@dataclass(frozen=True)
class Interval:
    """An opening interval of a weekday in local time; `closes` 00:00 is 24:00."""

    weekday: int
    opens: datetime.time
    closes: datetime.time

    @property
    def closes_at_midnight(self) -> bool:
        return self.closes == MIDNIGHT


def utc(moment: datetime.datetime) -> datetime.datetime:
    """The moment in UTC. Python compares and subtracts datetimes of one time zone object by
    their wall-clock readings (ignoring `fold` and the offset), which is wrong in the hour
    repeated in autumn and for durations across a switch; in UTC both are exact."""
    return moment.astimezone(datetime.UTC)


def overlaps(a_start, a_end, b_start, b_end) -> bool:
    """[a_start, a_end) and [b_start, b_end) share a moment; ranges that only touch do not."""
    return utc(a_start) < utc(b_end) and utc(b_start) < utc(a_end)


def local(moment: datetime.datetime, tz: ZoneInfo = BERLIN) -> datetime.datetime:
    return moment.astimezone(tz)


def local_day_parts(
    start: datetime.datetime, end: datetime.datetime, tz: ZoneInfo = BERLIN
) -> list[tuple[datetime.date, datetime.time, datetime.time | None]]:
    """The range cut at local midnights: (date, from, until) with until None for 24:00. The
    walk compares in UTC (see `utc`); in the hour repeated in autumn `until` may read earlier
    than `from`."""
    parts = []
    current, last = utc(start), utc(end)
    while current < last:
        here = current.astimezone(tz)
        next_midnight = utc(
            datetime.datetime.combine(here.date() + datetime.timedelta(days=1), MIDNIGHT, tzinfo=tz)
        )
        if last <= next_midnight:
            until = None if last == next_midnight else last.astimezone(tz).time()
            parts.append((here.date(), here.time(), until))
            break
        parts.append((here.date(), here.time(), None))
        current = next_midnight
    return parts


def within_opening_hours(
    start: datetime.datetime,
    end: datetime.datetime,
    intervals: Iterable[Interval],
    tz: ZoneInfo = BERLIN,
) -> bool:
    """Every moment of [start, end) lies in an opening interval of its local weekday. A range
    across midnight is open when the evening's interval runs to 24:00 and the next morning's
    starts at 00:00. Without any opening hours a space is always open."""
    by_day: dict[int, list[Interval]] = {}
    for interval in intervals:
        by_day.setdefault(interval.weekday, []).append(interval)
    if not by_day:
        return True
    for day, part_from, part_until in local_day_parts(start, end, tz):
        if not any(
            _covers(interval, part_from, part_until) for interval in by_day.get(day.weekday(), [])
        ):
            return False
    return True


def _covers(interval: Interval, part_from: datetime.time, part_until: datetime.time | None):
    if interval.opens > part_from:
        return False
    if interval.closes_at_midnight:
        return True
    return part_until is not None and part_until <= interval.closes


def in_closed_period(
    start: datetime.datetime,
    end: datetime.datetime,
    periods: Iterable[tuple[datetime.datetime, datetime.datetime]],
) -> bool:
    return any(overlaps(start, end, p_start, p_end) for p_start, p_end in periods)


def weekly(
    start: datetime.datetime, end: datetime.datetime, count: int, tz: ZoneInfo = BERLIN
) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """`count` occurrences a week apart at the same local wall-clock time (the first is
    [start, end) itself). A local time that does not exist on a later date (the hour skipped
    in spring) is moved forward as the clock is."""
    first_start, first_end = local(start, tz), local(end, tz)
    duration = utc(end) - utc(start)
    occurrences = []
    for week in range(count):
        shift = datetime.timedelta(weeks=week)
        occ_start = utc(_wall(first_start.replace(tzinfo=None) + shift, tz))
        occ_end = utc(_wall(first_end.replace(tzinfo=None) + shift, tz))
        if occ_end <= occ_start:  # the end fell into the skipped hour with the start
            occ_end = occ_start + duration
        occurrences.append((occ_start, occ_end))
    return occurrences


def _wall(naive: datetime.datetime, tz: ZoneInfo) -> datetime.datetime:
    """The aware moment of a local wall-clock time (fold 0; skipped times move forward)."""
    aware = naive.replace(tzinfo=tz)
    # A skipped time does not survive the round trip through UTC: take its later reading.
    round_trip = aware.astimezone(datetime.UTC).astimezone(tz)
    if round_trip.replace(tzinfo=None) != naive:
        return round_trip
    return aware


def free_unit_ids(
    unit_ids: Sequence[int],
    taken: Mapping[int, Iterable[tuple[datetime.datetime, datetime.datetime]]],
    start: datetime.datetime,
    end: datetime.datetime,
) -> list[int]:
    """The units (in order) without a taken range overlapping [start, end)."""
    return [
        unit_id
        for unit_id in unit_ids
        if not any(overlaps(start, end, s, e) for s, e in taken.get(unit_id, ()))
    ]
