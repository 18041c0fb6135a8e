"""Writes of indicators, targets and values: shared by staff area, API, import and demo.

Every write goes through core.services (version check, change log). Unique dates are kept by
database constraints: a concurrent second write of the same date fails as a clear
ValidationError and saves nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from digitalagentur.core import services as core
from digitalagentur.core.text import german_slugify
from digitalagentur.portfolio.models import Project
from digitalagentur.strategy.models import Field, Goal
from digitalagentur.tenancy.models import Municipality

from .models import Indicator, IndicatorTarget, IndicatorValue

# The relations of an indicator, with the model each one points to.
LINKS = {
    "fields": Field,
    "goals": Goal,
    "projects": Project,
    "municipalities": Municipality,
}


@contextmanager
def constraint_errors(instance) -> Iterator[None]:
    """A constraint the database refuses (a concurrent write won) becomes the ValidationError
    that validation would have given; the transaction's writes are undone."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        try:
            instance.validate_constraints()
        except ValidationError as error:
            raise error from exc
        raise ValidationError(_("Die Angaben passen nicht zu den vorhandenen Daten.")) from exc


def checked_links(region, links: Mapping[str, Iterable[int]]) -> dict[str, list[int]]:
    """The linked ids, each verified to belong to `region` (else a ValidationError)."""
    result = {}
    for name, ids in links.items():
        model = LINKS[name]
        ids = sorted({int(i) for i in ids})
        found = set(model.objects.filter(region=region, pk__in=ids).values_list("pk", flat=True))
        missing = [i for i in ids if i not in found]
        if missing:
            raise ValidationError(
                {name: _("Unbekannt in dieser Region: %(ids)s") % {"ids": missing}}
            )
        result[name] = ids
    return result


def unique_slug(region_id: int, name: str, exclude_pk: int | None = None) -> str:
    base = german_slugify(name)[:100] or "indikator"
    slug, n = base, 2
    taken = Indicator.objects.filter(region_id=region_id)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


@transaction.atomic
def create_indicator(
    *,
    region,
    values: Mapping[str, Any],
    links: Mapping[str, Iterable[int]] | None = None,
    user=None,
    reason: str = "",
) -> Indicator:
    values = dict(values)
    if not values.get("slug"):
        values["slug"] = unique_slug(region.pk, values.get("name", ""))
    indicator = Indicator(region=region, **values)
    with constraint_errors(indicator):
        core.create_object(
            indicator, user=user, reason=reason, m2m=checked_links(region, links or {})
        )
    return indicator


@transaction.atomic
def update_indicator(
    indicator: Indicator,
    values: Mapping[str, Any],
    *,
    expected_version: int | None,
    links: Mapping[str, Iterable[int]] | None = None,
    user=None,
    reason: str = "",
) -> Indicator:
    links = checked_links(indicator.region, links or {})
    before = {name: current_link_ids(indicator, name) for name in links}
    with constraint_errors(indicator):
        return core.update_object(
            indicator,
            values,
            expected_version=expected_version,
            user=user,
            reason=reason,
            m2m=links,
            m2m_before=before,
        )


def current_link_ids(indicator: Indicator, name: str) -> list[int]:
    return sorted(getattr(indicator, name).values_list("pk", flat=True))


def delete_indicator(indicator: Indicator, *, expected_version: int | None, user=None) -> None:
    core.delete_object(indicator, expected_version=expected_version, user=user)


# -- values and targets ---------------------------------------------------------------------


def add_value(
    indicator: Indicator, *, user=None, reason: str = "", validate: bool = True, **values
) -> IndicatorValue:
    """A new measured value (`date`, `value`, optional `municipality`, `note`)."""
    row = IndicatorValue(region_id=indicator.region_id, indicator=indicator, **values)
    with constraint_errors(row):
        core.create_object(row, user=user, reason=reason, validate=validate)
    return row


def update_value(
    row: IndicatorValue,
    values: Mapping[str, Any],
    *,
    expected_version: int | None,
    user=None,
    reason: str = "",
    validate: bool = True,
) -> IndicatorValue:
    with constraint_errors(row):
        return core.update_object(
            row,
            values,
            expected_version=expected_version,
            user=user,
            reason=reason,
            validate=validate,
        )


def delete_value(row: IndicatorValue, *, expected_version: int | None, user=None) -> None:
    core.delete_object(row, expected_version=expected_version, user=user)


def add_target(indicator: Indicator, *, user=None, reason: str = "", **values) -> IndicatorTarget:
    """A new target (`date`, `value`, optional `note`)."""
    row = IndicatorTarget(region_id=indicator.region_id, indicator=indicator, **values)
    with constraint_errors(row):
        core.create_object(row, user=user, reason=reason)
    return row


def update_target(
    row: IndicatorTarget,
    values: Mapping[str, Any],
    *,
    expected_version: int | None,
    user=None,
    reason: str = "",
) -> IndicatorTarget:
    with constraint_errors(row):
        return core.update_object(
            row, values, expected_version=expected_version, user=user, reason=reason
        )


def delete_target(row: IndicatorTarget, *, expected_version: int | None, user=None) -> None:
    core.delete_object(row, expected_version=expected_version, user=user)


def put_value(
    indicator: Indicator,
    *,
    date,
    value,
    municipality=None,
    note: str = "",
    user=None,
    reason: str = "",
    validate: bool = True,
) -> str:
    """Create the value of this date (and town), or change the one there is: "created",
    "updated" or "unchanged". The existing row is locked, so two imports of the same value
    neither double it nor lose one of two changes. `validate=False` skips the model's
    validation (the import checked every row with the same rules; the database still keeps
    dates unique)."""
    for attempt in (1, 2):
        existing = (
            IndicatorValue.objects.select_for_update()
            .filter(indicator=indicator, date=date, municipality=municipality)
            .first()
        )
        if existing is not None:
            break
        try:
            add_value(
                indicator,
                date=date,
                value=value,
                municipality=municipality,
                note=note,
                user=user,
                reason=reason,
                validate=validate,
            )
            return "created"
        except ValidationError:
            if attempt == 2:
                raise  # not a concurrent twin: a real error
    if existing.value == value and (not note or existing.note == note):
        return "unchanged"
    changes = {"value": value, **({"note": note} if note else {})}
    update_value(
        existing,
        changes,
        expected_version=existing.version,
        user=user,
        reason=reason,
        validate=validate,
    )
    return "updated"
