"""The week calendar's data (spaces/week.py): opening intervals cut into free, partly taken,
taken and closed pieces; days without opening hours closed; the switch to summer time."""

from __future__ import annotations

import datetime

from digitalagentur.spaces import booking, services, week
from digitalagentur.spaces.timerange import BERLIN
from digitalagentur.testing.spaces import WORKDAYS_8_TO_18, make_space


def at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=BERLIN)


DAY = datetime.date(2030, 1, 7)  # a Monday
LONG_AGO = at(datetime.date(2020, 1, 1), 0)


def states(segments):
    return [
        (
            f"{s.start.astimezone(BERLIN):%H:%M}",
            f"{s.end.astimezone(BERLIN):%H:%M}",
            s.state,
            s.free,
        )
        for s in segments
    ]


def test_segments_cut_at_bookings_and_closed_periods_and_merge_equal_neighbours():
    taken = {
        1: [(at(DAY, 9), at(DAY, 10)), (at(DAY, 10), at(DAY, 11))],  # touching: one piece
        2: [(at(DAY, 9, 30), at(DAY, 10, 30))],
    }
    closed = [(at(DAY, 16), at(DAY, 20))]
    result = week.segments_of(at(DAY, 8), at(DAY, 18), [1, 2], taken, closed, LONG_AGO)
    assert states(result) == [
        ("08:00", "09:00", week.FREE, 2),
        ("09:00", "09:30", week.PARTLY, 1),
        ("09:30", "10:30", week.TAKEN, 0),
        ("10:30", "11:00", week.PARTLY, 1),
        ("11:00", "16:00", week.FREE, 2),
        ("16:00", "18:00", week.CLOSED, 0),
    ]


def test_past_pieces_are_marked_from_the_next_quarter_hour():
    now = at(DAY, 11, 47)
    result = week.segments_of(at(DAY, 8), at(DAY, 18), [1], {}, [], now)
    assert [(s.past, f"{s.end.astimezone(BERLIN):%H:%M}") for s in result] == [
        (True, "12:00"),
        (False, "18:00"),
    ]


def test_week_days_of_a_space_with_workday_hours(region, town, django_user_model):
    space = make_space(region, town, units=2, hours=WORKDAYS_8_TO_18)
    user = django_user_model.objects.create_user("b")
    monday = week.monday_of(datetime.datetime.now(BERLIN).date() + datetime.timedelta(days=14))
    tuesday = monday + datetime.timedelta(days=1)
    booking.book(space, user, at(tuesday, 9), at(tuesday, 12))
    # A request does not take a desk.
    space.booking_mode = "request"
    space.save()
    booking.book(space, user, at(tuesday, 13), at(tuesday, 14))
    services.add_closed_period(space, at(monday, 0), at(monday, 10), "Reinigung")
    days = week.week_days(space, monday)
    assert [d.date for d in days] == [monday + datetime.timedelta(days=n) for n in range(7)]
    assert [d.closed for d in days] == [False] * 5 + [True] * 2
    assert states(days[0].segments) == [
        ("08:00", "10:00", week.CLOSED, 0),
        ("10:00", "18:00", week.FREE, 2),
    ]
    assert states(days[1].segments) == [
        ("08:00", "09:00", week.FREE, 2),
        ("09:00", "12:00", week.PARTLY, 1),
        ("12:00", "18:00", week.FREE, 2),
    ]


def test_week_across_the_switch_to_summer_time(region, town, django_user_model):
    space = make_space(region, town)  # always open
    user = django_user_model.objects.create_user("b")
    sunday = datetime.date(2030, 3, 31)  # clocks go from 02:00 to 03:00
    start, end = at(sunday, 1), at(sunday, 4)  # two real hours
    days = week.week_days(space, week.monday_of(sunday), now=LONG_AGO)
    assert states(days[6].segments) == [("00:00", "00:00", week.FREE, 1)]
    assert days[6].segments[0].ends_at_midnight
    assert days[6].segments[0].end - days[6].segments[0].start == datetime.timedelta(hours=23)
    from digitalagentur.spaces.models import Booking

    Booking.objects.create(
        region=region,
        space=space,
        unit=space.units.get(),
        booker=user,
        start=start,
        end=end,
        status="confirmed",
        purpose="work",
    )
    days = week.week_days(space, week.monday_of(sunday), now=LONG_AGO)
    assert states(days[6].segments) == [
        ("00:00", "01:00", week.FREE, 1),
        ("01:00", "04:00", week.TAKEN, 0),
        ("04:00", "00:00", week.FREE, 1),
    ]


def test_parse_week():
    today = datetime.date(2030, 1, 9)
    assert week.parse_week("2030-01-13", today) == (datetime.date(2030, 1, 7), True)
    assert week.parse_week(None, today) == (datetime.date(2030, 1, 7), True)
    assert week.parse_week("2030-02-30", today) == (datetime.date(2030, 1, 7), False)
