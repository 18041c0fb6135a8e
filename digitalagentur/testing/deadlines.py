"""Test factories for funding deadlines: programmes, calls, later deadlines and applications
(through the funding services, like every write)."""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

from digitalagentur.funding import services
from digitalagentur.funding.models import (
    Application,
    Call,
    CallDeadline,
    Funder,
    Programme,
    end_of_day,
)

_seq = itertools.count(1)


def in_days(days: int, hour: int = 12, now: datetime.datetime | None = None) -> datetime.datetime:
    """That many days from today at `hour` o'clock (Europe/Berlin)."""
    day = timezone.localdate(now) + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def day_in(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def end_of_day_in(days: int) -> datetime.datetime:
    """ "DD.MM.YYYY, 24:00 Uhr" that many days from today."""
    return end_of_day(day_in(days))


def make_programme(region, name: str | None = None, *, published: bool = True, **values):
    n = next(_seq)
    funder = services.create(Funder(region=region, name=f"Fördergeber {n}", short_name=f"FG{n}"))
    return services.create(
        Programme(
            region=region,
            funder=funder,
            name=name or f"Programm {n}",
            published=published,
            **values,
        )
    )


def make_call(
    programme, title: str | None = None, *, deadline, published: bool = True, **values
) -> Call:
    return services.create(
        Call(
            region_id=programme.region_id,
            programme=programme,
            title=title or f"Aufruf {next(_seq)}",
            deadline=deadline,
            published=published,
            **values,
        )
    )


def make_later_deadline(call, title: str, due) -> CallDeadline:
    return services.create(CallDeadline(region_id=call.region_id, call=call, title=title, due=due))


def make_application(programme, title: str | None = None, *, towns=(), call=None, **values):
    return services.create(
        Application(
            region_id=programme.region_id,
            programme=programme,
            call=call,
            title=title or f"Antrag {next(_seq)}",
            **values,
        ),
        m2m={"municipalities": [t.pk for t in towns]},
    )
