"""The demo's events (demo/data/events.py), loaded by DemoLoader.load: the
Digitalisierungskonferenz 2022 with its programme, the seminar series of 2023, the themed
workshops of 2020 as events linked to their workshops, and one future event open for
registration. Events are created through communication.events (logged); they carry
``is_demo``. Like the rest of the demo this runs only in the run that creates the region; an
event whose slug exists is left alone.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from digitalagentur.assessment.models import Workshop
from digitalagentur.communication import events as event_services
from digitalagentur.communication.models import Event
from digitalagentur.strategy.models import Field

from .data import events as data

LABEL = "Veranstaltungen"


def _at(day: datetime.date, hour_minute: tuple[int, int]) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(*hour_minute)))


def _programme(items) -> list[dict]:
    return [{"kind": kind, "title": title, "description": text} for kind, title, text in items]


def _create(loader, region, spec: dict, *, start, end, **values) -> Event | None:
    if Event.objects.filter(region=region, slug=spec["slug"]).exists():
        return None
    field = (
        Field.objects.filter(region=region, slug=spec["field"]).first()
        if spec.get("field")
        else None
    )
    event = event_services.create_event(
        region=region,
        user=None,
        values={
            "slug": spec["slug"],
            "title": spec["title"],
            "kind": spec["kind"],
            "summary": spec.get("summary", ""),
            "description": spec.get("description", ""),
            "start": start,
            "end": end,
            "place": spec.get("place", ""),
            "address": spec.get("address", ""),
            "field": field,
            "published": True,
            **values,
        },
        programme=_programme(spec.get("programme", [])),
        is_demo=True,
    )
    loader.created[LABEL] += 1
    return event


def load_events(loader, region, reason: str) -> None:
    for spec in (data.CONFERENCE, *data.SEMINARS):
        start, end = spec["hours"]
        _create(loader, region, spec, start=_at(spec["day"], start), end=_at(spec["day"], end))
    for slug in data.WORKSHOP_SLUGS:
        workshop = Workshop.objects.filter(region=region, slug=slug).first()
        if workshop is None:
            continue
        spec = {
            "slug": f"workshop-2020-{slug}"[:120],
            "title": workshop.title,
            "kind": "workshop",
            "summary": "Themenfeld-Workshop der Strategieentwicklung 2020.",
            "description": workshop.description,
            "field": workshop.field.slug if workshop.field_id else None,
        }
        last_day = workshop.end_date or workshop.date
        _create(
            loader,
            region,
            spec,
            start=_at(workshop.date, (9, 0)),
            end=_at(last_day, (17, 0)),
            workshop=workshop,
        )
    future = data.FUTURE
    day = timezone.localdate() + datetime.timedelta(days=future["days_ahead"])
    start, end = future["hours"]
    _create(
        loader,
        region,
        future,
        start=_at(day, start),
        end=_at(day, end),
        capacity=future["capacity"],
        registration_open=True,
        contact_email="digitalagentur@example.org",
    )
