"""Writes of versioned, logged objects: the one path used by views, API, imports and commands.

Every create/update/delete runs in a transaction, claims the expected version with one
conditional UPDATE (so two concurrent saves can never both win, on PostgreSQL and SQLite alike),
and writes an ObjectChange row with before/after values.
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.db.models import F
from django.utils.text import normalize_newlines

from .diff import diff_words
from .models import ObjectChange
from .text import same_text


class EditConflict(Exception):
    """The object changed since the editor loaded it; nothing was saved."""

    def __init__(self, instance: models.Model, expected_version: int | None):
        self.instance = instance
        self.expected_version = expected_version
        self.current_version = getattr(instance, "version", None)
        super().__init__(
            f"{instance} was changed (version {self.current_version}, "
            f"edit based on {expected_version})"
        )

    def last_change(self) -> ObjectChange | None:
        return changes_for(self.instance).first()


def to_json(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        items = [to_json(v) for v in value]
        if any(isinstance(v, dict | list) for v in items):
            return items  # structured JSON (e.g. a report's sections): its order is its meaning
        return sorted(items)  # ids of related objects and the like: order-free
    return value


def tracked_fields(instance: models.Model) -> list[str]:
    """Fields worth logging: not bookkeeping (ids, timestamps, the optimistic-lock counter),
    never a secret (`*token`: the addresses of private calendar feeds) and never file
    content (binary fields such as an idea's image)."""
    skip = {"id", "created", "updated", "region"}
    return [
        f.name
        for f in instance._meta.concrete_fields
        if f.name not in skip
        and not is_version_counter(f)
        and not f.name.endswith(("_ptr", "token"))
        and not isinstance(f, models.BinaryField)
    ]


def is_version_counter(field) -> bool:
    # Adoption.version is a relation to a frozen StrategyVersion, not a lock counter.
    return field.name == "version" and not field.is_relation


def snapshot(instance: models.Model, extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    data = {name: to_json(getattr(instance, name)) for name in tracked_fields(instance)}
    for key, value in (extra or {}).items():
        data[key] = to_json(value)
    return data


def diff_snapshots(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, dict]:
    keys = list(dict.fromkeys([*before.keys(), *after.keys()]))
    return {
        k: {"before": before.get(k), "after": after.get(k)}
        for k in keys
        if before.get(k) != after.get(k)
    }


def log_change(
    instance: models.Model,
    action: str,
    *,
    user=None,
    changes: Mapping[str, Any] | None = None,
    reason: str = "",
    region_id: int | None = None,
) -> ObjectChange:
    return ObjectChange.objects.create(
        region_id=region_id or instance.region_id,
        user=user if user is not None and user.is_authenticated else None,
        user_name=(user.get_full_name() or user.get_username()) if user is not None else "",
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_id=instance.pk,
        object_repr=str(instance)[:300],
        action=action,
        changes=dict(changes or {}),
        reason=reason[:500],
        version=version_number(instance),
        text_diffs=text_diffs(type(instance), changes or {}),
    )


def is_text_field(model, name: str) -> bool:
    """A free-text model field (CharField/TextField without choices): shown as a word diff."""
    try:
        f = model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return isinstance(f, models.TextField | models.CharField) and not getattr(f, "choices", None)


def text_diffs(model, changes: Mapping[str, Any]) -> dict[str, dict]:
    """Word diffs of a change's text fields that have a text both before and after.

    Computed once when the change is logged and stored with it (ObjectChange.text_diffs), so
    no page ever diffs again; the work per text is bounded (see core.diff).
    """
    result = {}
    for name, values in changes.items():
        before, after = (values or {}).get("before"), (values or {}).get("after")
        if not (isinstance(before, str) and isinstance(after, str) and before and after):
            continue
        if model is None or not is_text_field(model, name):
            continue
        diff = diff_words(before, after)
        result[name] = {"segments": diff.segments, "replaced": diff.replaced}
    return result


def version_number(instance: models.Model) -> int | None:
    value = getattr(instance, "version", None)
    return value if isinstance(value, int) else None


def changes_for(instance: models.Model):
    return ObjectChange.objects.filter(
        content_type=ContentType.objects.get_for_model(type(instance)), object_id=instance.pk
    ).select_related("user")


@transaction.atomic
def create_object(
    instance: models.Model,
    *,
    user=None,
    reason: str = "",
    m2m: Mapping[str, Iterable] | None = None,
    m2m_defaults: Mapping[str, Mapping[str, Any]] | None = None,
    validate: bool = True,
) -> models.Model:
    """Save a new object and log it; `m2m_defaults` are the through_defaults of the
    many-to-many rows each relation in `m2m` creates."""
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        if isinstance(value, str) and "\r" in value and is_text_field(type(instance), field.name):
            setattr(instance, field.attname, normalize_newlines(value))
    if validate:
        instance.full_clean()
    instance.save()
    for name, values in (m2m or {}).items():
        getattr(instance, name).set(values, through_defaults=(m2m_defaults or {}).get(name))
    after = snapshot(instance, {k: list(v) for k, v in (m2m or {}).items()})
    log_change(
        instance,
        ObjectChange.Action.CREATE,
        user=user,
        changes=diff_snapshots({}, after),
        reason=reason,
    )
    return instance


@transaction.atomic
def update_object(
    instance: models.Model,
    values: Mapping[str, Any],
    *,
    expected_version: int | None,
    user=None,
    reason: str = "",
    m2m: Mapping[str, Iterable] | None = None,
    m2m_before: Mapping[str, Iterable] | None = None,
    m2m_defaults: Mapping[str, Mapping[str, Any]] | None = None,
    validate: bool = True,
) -> models.Model:
    """Apply `values` (and many-to-many sets) if the object is still at `expected_version`.

    Raises EditConflict (and saves nothing) when someone else saved in between. Returns the
    saved instance with its new version; with no actual change nothing is written or logged.
    """
    model = type(instance)
    current = model._default_manager.filter(pk=instance.pk).first()
    if current is None:  # deleted by someone else meanwhile
        raise EditConflict(instance, expected_version)
    if expected_version is None or current.version != expected_version:
        raise EditConflict(current, expected_version)
    m2m = {k: list(v) for k, v in (m2m or {}).items()}
    before = snapshot(current, {k: list(v) for k, v in (m2m_before or {}).items()})
    for name, value in values.items():
        if isinstance(value, str) and is_text_field(model, name):
            old = getattr(current, name)
            if isinstance(old, str) and same_text(old, value):
                continue  # only line endings or invisible whitespace differ: no change
            value = normalize_newlines(value)
        setattr(current, name, value)
    after = snapshot(current, m2m)
    changes = diff_snapshots(before, after)
    if not changes:
        return current
    if validate:
        current.full_clean()
    # Claim the version atomically: of two concurrent saves of version n, one UPDATE matches.
    claimed = model._default_manager.filter(pk=current.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if claimed != 1:
        fresh = model._default_manager.filter(pk=current.pk).first()
        raise EditConflict(fresh or current, expected_version)
    current.version = expected_version + 1
    current.save()
    for name, value_list in m2m.items():
        getattr(current, name).set(value_list, through_defaults=(m2m_defaults or {}).get(name))
    log_change(current, ObjectChange.Action.UPDATE, user=user, changes=changes, reason=reason)
    return current


@transaction.atomic
def delete_object(
    instance: models.Model, *, expected_version: int | None = None, user=None, reason: str = ""
) -> None:
    """Delete the object if it is still at `expected_version` (when given; else EditConflict).

    The row is locked first, so an edit committed meanwhile is never deleted unseen.
    """
    model = type(instance)
    # Without the model's ordering: ordering by a related row (e.g. a nullable town's name)
    # would join it, and PostgreSQL locks no row on the nullable side of an outer join.
    locked = model._default_manager.select_for_update().filter(pk=instance.pk).order_by()
    current = locked.first()
    if current is None:
        raise EditConflict(instance, expected_version)
    if expected_version is not None and version_number(current) != expected_version:
        raise EditConflict(current, expected_version)
    log_change(
        current,
        ObjectChange.Action.DELETE,
        user=user,
        changes=diff_snapshots(snapshot(current), {}),
        reason=reason,
    )
    current.delete()
