"""Writes of events (issue 13, section 2): create, edit, delete and the programme, each in a
transaction with the change log (core.services). Errors are django ValidationErrors with
German messages (a dict by field name when a field is at fault)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from digitalagentur.core import services as core
from digitalagentur.core.text import german_slugify

from . import registrations
from .models import Event, ProgrammeItem

EDITABLE = (
    "title",
    "kind",
    "summary",
    "description",
    "start",
    "end",
    "place",
    "address",
    "online_url",
    "field",
    "workshop",
    "capacity",
    "registration_open",
    "registration_starts",
    "registration_ends",
    "price",
    "contact_email",
    "published",
)
SLUG_MAX = 120


def free_slug(region, title: str, *, exclude_pk: int | None = None) -> str:
    """A slug from the title, unique in the region ("-2", "-3", ... when taken)."""
    base = german_slugify(title)[: SLUG_MAX - 6].strip("-") or "veranstaltung"
    taken = Event.objects.filter(region=region, slug__startswith=base)
    if exclude_pk:
        taken = taken.exclude(pk=exclude_pk)
    taken = set(taken.values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


# Times outside these years are typing errors (and Europe/Berlin had no offset in whole
# minutes before 1893, which ISO 8601 output could not show).
FIRST_YEAR, LAST_YEAR = 2000, 2099
TIME_FIELDS = ("start", "end", "registration_starts", "registration_ends")


def _check_relations(region, values: Mapping[str, Any], municipalities) -> None:
    errors = {}
    field = values.get("field")
    if field is not None and field.region_id != region.pk:
        errors["field"] = ["Dieses Handlungsfeld gehört nicht zur Region."]
    workshop = values.get("workshop")
    if workshop is not None and workshop.region_id != region.pk:
        errors["workshop"] = ["Dieser Workshop gehört nicht zur Region."]
    if municipalities is not None and any(m.region_id != region.pk for m in municipalities):
        errors["municipalities"] = ["Diese Kommune gehört nicht zur Region."]
    for name in TIME_FIELDS:
        moment = values.get(name)
        if moment is not None and not FIRST_YEAR <= moment.year <= LAST_YEAR:
            errors[name] = [
                _("Bitte ein Datum zwischen %(first)d und %(last)d angeben.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR}
            ]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_event(
    *,
    region,
    user,
    values: Mapping[str, Any],
    municipalities: Iterable = (),
    programme: Iterable[Mapping[str, Any]] = (),
    is_demo: bool = False,
) -> Event:
    municipalities = list(municipalities)
    _check_relations(region, values, municipalities)
    unknown = set(values) - set(EDITABLE) - {"slug"}
    assert not unknown, unknown
    event = Event(region=region, is_demo=is_demo, **values)
    if not event.slug:
        event.slug = free_slug(region, event.title)
    core.create_object(event, user=user, m2m={"municipalities": [m.pk for m in municipalities]})
    for position, item in enumerate(programme):
        add_programme_item(event, item, position=position)
    return event


@transaction.atomic
def update_event(
    event: Event,
    values: Mapping[str, Any],
    *,
    expected_version: int | None,
    user,
    municipalities: Iterable | None = None,
    reason: str = "",
) -> Event:
    """Apply the edit (EditConflict when someone saved meanwhile); more seats move people up
    from the waiting list at once."""
    _check_relations(event.region, values, municipalities)
    unknown = set(values) - set(EDITABLE)
    assert not unknown, unknown
    m2m = m2m_before = None
    if municipalities is not None:
        m2m = {"municipalities": [m.pk for m in municipalities]}
        m2m_before = {"municipalities": list(event.municipalities.values_list("pk", flat=True))}
    old_capacity = event.capacity
    saved = core.update_object(
        event,
        values,
        expected_version=expected_version,
        user=user,
        reason=reason,
        m2m=m2m,
        m2m_before=m2m_before,
    )
    if saved.capacity != old_capacity:
        registrations.capacity_changed(saved)
    return saved


@transaction.atomic
def delete_event(event: Event, *, expected_version: int | None, user, reason: str = "") -> None:
    core.delete_object(event, expected_version=expected_version, user=user, reason=reason)


def add_programme_item(event: Event, values: Mapping[str, Any], *, position=None) -> ProgrammeItem:
    values = dict(values)
    position = values.pop("position", position)
    if position is None:
        last = event.programme.order_by("-position").values_list("position", flat=True).first()
        position = 0 if last is None else last + 1
    item = ProgrammeItem(event=event, position=position, **values)
    item.full_clean()
    item.save()
    return item


def replace_programme(event: Event, items: Iterable[Mapping[str, Any]]) -> list[ProgrammeItem]:
    with transaction.atomic():
        event.programme.all().delete()
        return [add_programme_item(event, item, position=n) for n, item in enumerate(items)]
