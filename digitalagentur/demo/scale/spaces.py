"""The scale data of Landräume (issue 11): per region a provider with a co-working space of
DESKS desks (instant, weekdays 8–18) and ROOMS rooms on request (every day 8–22), and a
quarter of confirmed bookings by the region's citizens (participation's step): on each
weekday a unit is booked in the morning, the afternoon, both or not at all. Units never
overlap by construction (the PostgreSQL exclusion constraint would refuse it).

The booking quarter is fixed (FIRST_DAY), like the events', so that the same seed gives
the same data whatever the day it is made and the benchmark's "free next week" searches in
2026/27 meet booked units."""

from __future__ import annotations

import datetime
import zoneinfo
from decimal import Decimal

from digitalagentur.spaces.choices import (
    Amenity,
    BookingMode,
    BookingStatus,
    ProviderKind,
    Purpose,
    SpaceKind,
    UnitKind,
)
from digitalagentur.spaces.models import Booking, OpeningHours, Provider, Space, Unit

from .base import BASE_TIME, Context, Progress
from .changelog import log_created

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
DESKS = 8
ROOMS = 3
FIRST_DAY = datetime.date(2026, 10, 1)
DAYS = 91
SLOTS = ((datetime.time(9), datetime.time(12)), (datetime.time(13), datetime.time(17)))
ROOM_KINDS = [SpaceKind.MEETING_ROOM, SpaceKind.VILLAGE_HALL, SpaceKind.CLUB_ROOM]
AMENITIES = [a.value for a in Amenity]


def _hours(space, weekdays, opens, closes):
    return [OpeningHours(space=space, weekday=d, opens=opens, closes=closes) for d in weekdays]


def build_spaces(ctx: Context, progress: Progress) -> None:
    for chunk in ctx.chunks():
        providers, spaces, plans = [], [], []
        for state in chunk:
            rng = ctx.rng("spaces", state.index)
            town = rng.choice(state.towns)
            provider = Provider(
                region=state.region,
                name=f"Raumanbieter {state.region.name}",
                kind=ProviderKind.TOWN,
                municipality=town,
                email=f"raeume@skala-{state.index + 1:03d}.example.org",
                created=BASE_TIME,
                updated=BASE_TIME,
            )
            providers.append(provider)
            kinds = [SpaceKind.COWORKING] + ROOM_KINDS[:ROOMS]
            for n, kind in enumerate(kinds):
                desks = kind == SpaceKind.COWORKING
                space = Space(
                    region=state.region,
                    slug=f"raum-{n + 1}",
                    name=f"{kind.label} {n + 1} ({state.region.name})",
                    kind=kind,
                    municipality=town if desks else rng.choice(state.towns),
                    latitude=Decimal(f"{51.5 + rng.random() * 2:.6f}"),
                    longitude=Decimal(f"{7.0 + rng.random() * 6:.6f}"),
                    capacity=DESKS if desks else rng.choice((12, 30, 80)),
                    unit_kind=UnitKind.DESK if desks else UnitKind.ROOM,
                    amenities=sorted(rng.sample(AMENITIES, 3)),
                    purposes=[Purpose.WORK] if desks else [Purpose.CULTURE, Purpose.EDUCATION],
                    booking_mode=BookingMode.INSTANT if desks else BookingMode.REQUEST,
                    feed_token=f"{rng.getrandbits(192):048x}",
                    published=True,
                    created=BASE_TIME,
                    updated=BASE_TIME,
                )
                spaces.append(space)
                plans.append((state, space, provider, rng))
        ctx.insert(providers, Provider)
        for _state, space, provider, _rng in plans:
            space.provider = provider
        ctx.insert(spaces, Space)
        units, hours = [], []
        for _state, space, _provider, _rng in plans:
            count = DESKS if space.unit_kind == UnitKind.DESK else 1
            names = [f"Platz {i + 1}" for i in range(count)] if count > 1 else ["Raum"]
            units += [Unit(space=space, name=name, position=i) for i, name in enumerate(names)]
            if space.unit_kind == UnitKind.DESK:
                hours += _hours(space, range(5), datetime.time(8), datetime.time(18))
            else:
                hours += _hours(space, range(7), datetime.time(8), datetime.time(22))
        ctx.insert(units, Unit)
        ctx.insert(hours, OpeningHours)
        by_space: dict[int, list[Unit]] = {}
        for unit in units:
            by_space.setdefault(unit.space_id, []).append(unit)
        bookings = []
        for state, space, _provider, rng in plans:
            for unit in by_space[space.pk]:
                bookings += _bookings(state, space, unit, rng)
        ctx.insert(bookings, Booking)
        log_created(ctx, providers)
        log_created(ctx, spaces)
        progress.advance(len(chunk))


def _bookings(state, space, unit, rng) -> list[Booking]:
    found = []
    for offset in range(DAYS):
        day = FIRST_DAY + datetime.timedelta(days=offset)
        if day.weekday() >= 5:
            continue
        for opens, closes in SLOTS:
            if rng.random() >= 0.4 or not state.citizens:
                continue
            start = datetime.datetime.combine(day, opens, tzinfo=BERLIN)
            end = datetime.datetime.combine(day, closes, tzinfo=BERLIN)
            booked = start - datetime.timedelta(days=rng.randint(1, 30))
            found.append(
                Booking(
                    region=state.region,
                    space=space,
                    unit=unit,
                    booker=rng.choice(state.citizens),
                    start=start,
                    end=end,
                    status=BookingStatus.CONFIRMED,
                    purpose=Purpose.WORK if space.unit_kind == UnitKind.DESK else Purpose.CULTURE,
                    attendees=1,
                    decided=booked,
                    created=booked,
                    updated=booked,
                )
            )
    return found
