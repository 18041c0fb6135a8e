"""The scale data of the communication module: per region a year of events (half of them
past, with attendance), each with registrations of the region's citizens (participation's
step) up to its capacity and a short waiting list."""

from __future__ import annotations

import datetime

from digitalagentur.communication.choices import EventKind, RegistrationStatus
from digitalagentur.communication.models import Event, Registration

from .base import BASE_TIME, Context, Progress
from .changelog import log_created
from .steps import DAY

EVENTS_PER_REGION = 24
#: The generated year of events starts here: a fixed day (the same seed gives the same data,
#: whatever the day it is made), so that in 2026/27 some events are past and some to come.
FIRST_EVENT = datetime.datetime(2026, 6, 1, 8, 0, tzinfo=datetime.UTC)
KINDS = [k.value for k in EventKind]


def build_events(ctx: Context, progress: Progress) -> None:
    for chunk in ctx.chunks():
        events, plans = [], []
        for state in chunk:
            rng = ctx.rng("events", state.index)
            for n in range(EVENTS_PER_REGION):
                kind = rng.choice(KINDS)
                start = FIRST_EVENT + (n * 15 + rng.randint(0, 10)) * DAY
                start = start.replace(hour=rng.choice((9, 14, 18)), minute=0)
                event = Event(
                    region=state.region,
                    slug=f"veranstaltung-{n + 1}",
                    title=f"Veranstaltung {n + 1} ({state.region.name})",
                    kind=kind,
                    summary="Generierte Veranstaltung für Lasttests.",
                    start=start,
                    end=start + datetime.timedelta(hours=rng.choice((2, 3, 6))),
                    place=rng.choice(state.towns).name,
                    field=rng.choice(state.fields),
                    capacity=rng.choice((10, 20, 30, None)),
                    registration_open=True,
                    published=rng.random() < 0.9,
                    created=BASE_TIME,
                    updated=BASE_TIME,
                )
                events.append(event)
                plans.append((event, state, rng))
        ctx.insert(events, Event)
        registrations = []
        for event, state, rng in plans:
            people = rng.sample(state.citizens, rng.randint(0, len(state.citizens)))
            for position, person in enumerate(people):
                seated = event.capacity is None or position < event.capacity
                registrations.append(
                    Registration(
                        event=event,
                        user=person,
                        name=person.get_full_name(),
                        email=person.email,
                        status=(
                            RegistrationStatus.REGISTERED
                            if seated
                            else RegistrationStatus.WAITLISTED
                        ),
                        created=event.created + position * datetime.timedelta(minutes=7),
                        updated=event.created + position * datetime.timedelta(minutes=7),
                    )
                )
        ctx.insert(registrations, Registration)
        log_created(ctx, events, by=ctx.coordinator_of)
        progress.advance(len(chunk))
