"""Overlap rules on the boundaries, opening hours and weekly recurrence across midnight and the
switches to and from summer time (issue 11, section 9)."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from digitalagentur.spaces import timerange
from digitalagentur.spaces.timerange import BERLIN, Interval

T = datetime.time


def at(day: int, hour: int, minute: int = 0, month: int = 3, year: int = 2027):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((9, 12), (12, 14), False),  # touching after
        ((12, 14), (9, 12), False),  # touching before
        ((9, 14), (10, 12), True),  # containing
        ((10, 12), (9, 14), True),  # contained
        ((9, 12), (9, 12), True),  # equal
        ((9, 12), (11, 13), True),  # partly
        ((9, 10), (11, 12), False),  # apart
    ],
)
def test_overlap_on_the_boundaries(a, b, expected):
    assert timerange.overlaps(at(1, a[0]), at(1, a[1]), at(1, b[0]), at(1, b[1])) is expected
    assert timerange.overlaps(at(1, b[0]), at(1, b[1]), at(1, a[0]), at(1, a[1])) is expected


def test_overlap_across_midnight():
    night = (at(1, 22), at(2, 2))
    assert timerange.overlaps(*night, at(2, 1), at(2, 3))
    assert not timerange.overlaps(*night, at(2, 2), at(2, 3))
    assert timerange.overlaps(*night, at(1, 23, 59), at(2, 0))


def test_overlap_across_the_summer_time_switches():
    # 28.03.2027: 02:00 CET becomes 03:00 CEST, the night has 23 hours.
    spring = (at(28, 1), at(28, 4))
    assert timerange.utc(spring[1]) - timerange.utc(spring[0]) == datetime.timedelta(hours=2)
    assert timerange.overlaps(*spring, at(28, 3), at(28, 5))
    assert not timerange.overlaps(*spring, at(28, 4), at(28, 5))
    # 31.10.2027: 03:00 CEST becomes 02:00 CET; 02:30 happens twice (fold 0 and 1).
    first = datetime.datetime(2027, 10, 31, 2, 30, tzinfo=BERLIN, fold=0)
    second = datetime.datetime(2027, 10, 31, 2, 30, tzinfo=BERLIN, fold=1)
    assert timerange.utc(second) - timerange.utc(first) == datetime.timedelta(hours=1)
    assert not timerange.overlaps(first, second, second, second + datetime.timedelta(hours=1))
    assert timerange.overlaps(
        first, timerange.utc(second) + datetime.timedelta(minutes=1), second, at(31, 4, 0, 10)
    )


@given(st.integers(0, 200), st.integers(1, 100), st.integers(0, 200), st.integers(1, 100))
def test_overlap_is_symmetric_and_touching_never_overlaps(a0, alen, b0, blen):
    base = at(1, 0)
    minutes = datetime.timedelta(minutes=1)
    a = (base + a0 * minutes, base + (a0 + alen) * minutes)
    b = (base + b0 * minutes, base + (b0 + blen) * minutes)
    assert timerange.overlaps(*a, *b) == timerange.overlaps(*b, *a)
    assert timerange.overlaps(*a, *b) == bool(set(range(a0, a0 + alen)) & set(range(b0, b0 + blen)))


WORKDAYS = [Interval(day, T(8), T(18)) for day in range(5)]
EVENINGS = [Interval(day, T(17), T(0)) for day in range(7)] + [
    Interval(day, T(0), T(1)) for day in range(7)
]


def test_opening_hours():
    monday = 1  # 01.03.2027 is a Monday
    assert timerange.within_opening_hours(at(monday, 8), at(monday, 18), WORKDAYS)
    assert not timerange.within_opening_hours(at(monday, 7, 59), at(monday, 9), WORKDAYS)
    assert not timerange.within_opening_hours(at(monday, 17), at(monday, 18, 1), WORKDAYS)
    assert not timerange.within_opening_hours(at(6, 9), at(6, 10), WORKDAYS)  # Saturday
    assert not timerange.within_opening_hours(at(monday, 17), at(2, 9), WORKDAYS)
    assert timerange.within_opening_hours(at(monday, 9), at(monday, 10), [])


def test_opening_hours_across_midnight_need_both_days_open():
    assert timerange.within_opening_hours(at(1, 22), at(2, 1), EVENINGS)
    assert timerange.within_opening_hours(at(1, 22), at(2, 0), EVENINGS)
    assert not timerange.within_opening_hours(at(1, 22), at(2, 2), EVENINGS)
    two_intervals = [Interval(0, T(8), T(12)), Interval(0, T(13), T(18))]
    assert not timerange.within_opening_hours(at(1, 11), at(1, 14), two_intervals)
    assert timerange.within_opening_hours(at(1, 13), at(1, 14), two_intervals)


def test_opening_hours_on_the_night_of_the_switch():
    # 8 to 18 local time on the Monday after the switch to summer time is still 8 to 18.
    assert timerange.within_opening_hours(at(29, 8), at(29, 18), WORKDAYS)
    parts = timerange.local_day_parts(at(27, 23), at(28, 4))
    assert parts == [
        (datetime.date(2027, 3, 27), T(23), None),
        (datetime.date(2027, 3, 28), T(0), T(4)),
    ]


def test_closed_periods():
    christmas = [(at(24, 0, month=12), at(27, 0, month=12))]
    assert timerange.in_closed_period(at(24, 9, month=12), at(24, 10, month=12), christmas)
    assert not timerange.in_closed_period(at(27, 0, month=12), at(27, 9, month=12), christmas)
    assert not timerange.in_closed_period(at(23, 20, month=12), at(24, 0, month=12), christmas)


def test_weekly_keeps_the_local_time_across_the_switch():
    occurrences = timerange.weekly(at(22, 9), at(22, 12), 3)
    assert [timerange.local(s).hour for s, _ in occurrences] == [9, 9, 9]
    assert [timerange.local(s).day for s, _ in occurrences] == [22, 29, 5]
    # in UTC the booking moves by an hour when summer time starts
    utc_hours = [s.astimezone(datetime.UTC).hour for s, _ in occurrences]
    assert utc_hours == [8, 7, 7]
    assert all(e - s == datetime.timedelta(hours=3) for s, e in occurrences)
    assert all(s.tzinfo == datetime.UTC for s, _ in occurrences)


def test_weekly_moves_a_skipped_time_forward():
    occurrences = timerange.weekly(at(21, 2, 30), at(21, 3, 30), 2)
    start, end = occurrences[1]
    assert timerange.local(start).hour == 3  # 02:30 does not exist on 28.03.2027
    assert end > start


def test_free_unit_ids():
    taken = {1: [(at(1, 9), at(1, 12))], 2: [(at(1, 12), at(1, 13))]}
    assert timerange.free_unit_ids([1, 2, 3], taken, at(1, 11), at(1, 12)) == [2, 3]
    assert timerange.free_unit_ids([1, 2], taken, at(1, 10), at(1, 13)) == []


def test_the_repeated_autumn_hour_is_walked_in_utc():
    # 02:30 CEST to 02:15 CET on 31.10.2027 is 45 minutes, wholly in the night.
    start = datetime.datetime(2027, 10, 31, 2, 30, tzinfo=BERLIN, fold=0)
    end = datetime.datetime(2027, 10, 31, 2, 15, tzinfo=BERLIN, fold=1)
    assert timerange.utc(end) - timerange.utc(start) == datetime.timedelta(minutes=45)
    assert timerange.local_day_parts(start, end) == [
        (datetime.date(2027, 10, 31), T(2, 30), T(2, 15))
    ]
    assert not timerange.within_opening_hours(start, end, WORKDAYS)
    assert not timerange.within_opening_hours(start, end, EVENINGS)
    assert timerange.within_opening_hours(start, end, [Interval(6, T(0), T(0))])
