"""Writes of the provider pages (issue 11, section 1): editing a space with its units, closed
periods and photos; each in a transaction with the change log (core.services).

Changing the number of desks locks the space's row first, as every booking does
(booking.py), so that no booking can land on a desk while it is being removed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from digitalagentur.core import images as photos
from digitalagentur.core import services as core
from digitalagentur.core.models import ObjectChange

from .choices import ACTIVE_STATUSES, UnitKind
from .models import Booking, ClosedPeriod, Space, SpacePhoto, Unit
from .services import unit_names

MAX_UNITS = 500
MAX_PHOTOS = 12


@transaction.atomic
def update_space(
    space: Space,
    values: Mapping[str, Any],
    *,
    expected_version: int | None,
    user=None,
    reason: str = "",
    units: int | None = None,
) -> Space:
    """Apply `values` if the space is still at `expected_version` (else EditConflict), then
    set the number of units (desks: `units`; a room: one). All or nothing."""
    space = core.update_object(
        space, values, expected_version=expected_version, user=user, reason=reason
    )
    count = (units or space.capacity) if space.unit_kind == UnitKind.DESK else 1
    set_unit_count(space, count, user=user)
    return space


def _blocking(unit: Unit, now) -> str:
    """Why `unit` cannot be removed ('' when it can)."""
    future = (
        Booking.objects.filter(unit=unit, status__in=ACTIVE_STATUSES, end__gt=now)
        .order_by("start")
        .first()
    )
    if future is not None:
        return _(
            "„%(unit)s“ hat noch Buchungen oder Anfragen (die nächste am %(date)s) und kann "
            "nicht entfernt werden. Stornieren Sie sie zuerst oder behalten Sie mehr "
            "Arbeitsplätze."
        ) % {"unit": unit.name, "date": timezone.localtime(future.start).strftime("%d.%m.%Y")}
    return ""


@transaction.atomic
def set_unit_count(space: Space, count: int, *, user=None) -> list[Unit]:
    """Make `space` have `count` units: add desks at the end or remove the last ones that
    have no current or future bookings (retired when they have past ones, so that those keep
    their unit; adding desks brings retired ones back first). A unit with current or future
    bookings is never removed (German ValidationError; nothing changes). Remaining units get
    their standard names."""
    if not 1 <= count <= MAX_UNITS:
        raise ValidationError(
            {"units": [_("Bitte geben Sie 1 bis %(max)d Einheiten an.") % {"max": MAX_UNITS}]}
        )
    locked = Space.objects.select_for_update().get(pk=space.pk)
    units = list(Unit.objects.filter(space=locked).order_by("position", "pk"))
    before = len(units)
    now = timezone.now()
    if count < before:
        removable, problems = [], []
        for unit in reversed(units):
            if len(removable) == before - count:
                break
            problem = _blocking(unit, now)
            if problem:
                problems.append(problem)
            else:
                removable.append(unit)
        if len(removable) < before - count:
            raise ValidationError({"units": problems[:3]})
        # Units with bookings on record (past ones) are retired, the others deleted.
        with_history = set(
            Booking.objects.filter(unit__in=removable).values_list("unit_id", flat=True)
        )
        Unit.every.filter(pk__in=with_history).update(retired=now)
        Unit.objects.filter(pk__in=[u.pk for u in removable if u.pk not in with_history]).delete()
        gone = {u.pk for u in removable}
        units = [u for u in units if u.pk not in gone]
    elif count > before:
        # Retired desks come back first (their bookings stay with them).
        back = list(
            Unit.every.filter(space=locked, retired__isnull=False).order_by("position", "pk")[
                : count - before
            ]
        )
        Unit.every.filter(pk__in=[u.pk for u in back]).update(retired=None)
        units += back
    names = unit_names(locked, count)
    for position, unit in enumerate(units):
        if unit.name != names[position] or unit.position != position:
            unit.name, unit.position = names[position], position
            unit.save(update_fields=["name", "position"])
    Unit.objects.bulk_create(
        Unit(space=locked, name=names[n], position=n) for n in range(len(units), count)
    )
    if count != before:
        core.log_change(
            locked,
            ObjectChange.Action.UPDATE,
            user=user,
            changes={"units": {"before": before, "after": count}},
        )
    return list(Unit.objects.filter(space=locked))


@transaction.atomic
def delete_closed_period(period: ClosedPeriod, *, user=None) -> None:
    space = period.space
    text = str(period)
    deleted, _rows = ClosedPeriod.objects.filter(pk=period.pk).delete()
    if deleted:
        core.log_change(
            space,
            ObjectChange.Action.UPDATE,
            user=user,
            changes={"closed_periods": {"before": text, "after": None}},
        )


def add_photo(space: Space, content: bytes, alt: str, *, user=None) -> SpacePhoto:
    """Re-encode `content` (core/images.py; German ValidationError) and add it last. The
    image is decoded and re-encoded before the transaction, so that no lock (on SQLite: the
    database's write lock) is held meanwhile."""
    alt = (alt or "").strip()
    if not alt:
        raise ValidationError({"alt": [_("Bitte beschreiben Sie, was das Foto zeigt.")]})
    try:
        photo = photos.cleaned_photo(content)
    except ValidationError as exc:
        raise ValidationError({"image": exc.messages}) from exc
    return _store_photo(space, photo, alt, user=user)


@transaction.atomic
def _store_photo(space: Space, photo, alt: str, *, user=None) -> SpacePhoto:
    Space.objects.select_for_update().filter(pk=space.pk).first()
    if SpacePhoto.objects.filter(space=space).count() >= MAX_PHOTOS:
        raise ValidationError(
            {"image": [_("Ein Raum hat höchstens %(max)d Fotos.") % {"max": MAX_PHOTOS}]}
        )
    last = SpacePhoto.objects.filter(space=space).order_by("-position").first()
    record = SpacePhoto.objects.create(
        space=space,
        content=photo.content,
        content_type=photo.content_type,
        width=photo.width,
        height=photo.height,
        alt=alt[:300],
        position=(last.position + 1) if last else 0,
    )
    core.log_change(
        space,
        ObjectChange.Action.UPDATE,
        user=user,
        changes={"photos": {"before": None, "after": record.alt}},
    )
    return record


@transaction.atomic
def delete_photo(photo: SpacePhoto, *, user=None) -> None:
    space = photo.space
    alt = photo.alt
    deleted, _rows = SpacePhoto.objects.filter(pk=photo.pk).delete()
    if deleted:
        core.log_change(
            space,
            ObjectChange.Action.UPDATE,
            user=user,
            changes={"photos": {"before": alt, "after": None}},
        )
