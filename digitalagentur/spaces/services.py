"""Writes of providers, spaces, units, opening hours and closed periods (booking writes are in
booking.py), each in a transaction with the change log (core.services)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from digitalagentur.core import services as core

from .choices import UnitKind
from .models import ClosedPeriod, OpeningHours, Provider, Space, Unit


def create_provider(
    provider: Provider, *, user=None, managers: Iterable = (), reason: str = ""
) -> Provider:
    return core.create_object(provider, user=user, m2m={"managers": list(managers)}, reason=reason)


def unit_names(space: Space, count: int) -> list[str]:
    if space.unit_kind == UnitKind.DESK:
        return [_("Arbeitsplatz %(n)d") % {"n": n} for n in range(1, count + 1)]
    return [_("ganzer Raum")]


@transaction.atomic
def create_space(
    space: Space,
    *,
    user=None,
    units: int | None = None,
    hours: Iterable[tuple[int, datetime.time, datetime.time]] = (),
    reason: str = "",
) -> Space:
    """Save a new space with its units (desks: `units`, default one per seat; a room: one)
    and its opening hours (weekday, opens, closes; closes 00:00 = 24:00)."""
    core.create_object(space, user=user, reason=reason)
    count = (units or space.capacity) if space.unit_kind == UnitKind.DESK else 1
    Unit.objects.bulk_create(
        Unit(space=space, name=name, position=n) for n, name in enumerate(unit_names(space, count))
    )
    set_opening_hours(space, hours, user=user, log=False)
    return space


def check_hours(hours: Iterable[tuple[int, datetime.time, datetime.time]]) -> list:
    rows = []
    for weekday, opens, closes in hours:
        if not 0 <= weekday <= 6:
            raise ValidationError(_("Ungültiger Wochentag."))
        if closes != datetime.time(0, 0) and closes <= opens:
            raise ValidationError(
                _("Eine Öffnungszeit muss nach ihrem Beginn enden (%(opens)s–%(closes)s).")
                % {"opens": f"{opens:%H:%M}", "closes": f"{closes:%H:%M}"}
            )
        rows.append((weekday, opens, closes))
    return rows


@transaction.atomic
def set_opening_hours(space: Space, hours, *, user=None, log: bool = True) -> None:
    """Replace the opening hours of `space` (logged as one change of the space)."""
    rows = check_hours(hours)
    before = [str(h) for h in space.opening_hours.all()]
    space.opening_hours.all().delete()
    created = OpeningHours.objects.bulk_create(
        OpeningHours(space=space, weekday=w, opens=o, closes=c) for w, o, c in rows
    )
    if log:
        after = [str(h) for h in created]
        if before != after:
            core.log_change(
                space,
                core.ObjectChange.Action.UPDATE,
                user=user,
                changes={"opening_hours": {"before": before, "after": after}},
            )


@transaction.atomic
def add_closed_period(
    space: Space, start, end, reason: str = "", *, user=None, log_reason: str = ""
) -> ClosedPeriod:
    period = ClosedPeriod(space=space, start=start, end=end, reason=reason)
    period.full_clean()
    period.save()
    core.log_change(
        space,
        core.ObjectChange.Action.UPDATE,
        user=user,
        changes={"closed_periods": {"before": None, "after": str(period)}},
        reason=log_reason,
    )
    return period
