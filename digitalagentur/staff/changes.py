"""Readable change records: the change log, per-object history and edit conflicts.

ObjectChange rows store JSON values ({"field": {"before": …, "after": …}}); this module turns
them into rows with German labels and display values, resolving many-to-many ids with one query
per related model for a whole page of changes (no N+1).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.db import DatabaseError, models, transaction
from django.db.models import QuerySet
from django.utils import formats
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from digitalagentur.core.models import ObjectChange
from digitalagentur.core.services import EditConflict, changes_for, text_diffs

EMPTY = "–"


@dataclass
class ValueChange:
    name: str
    label: str
    before: str
    after: str
    segments: list[dict[str, str]] | None = None
    # True: the texts differed too much for a word comparison (core.diff); shown in full.
    replaced: bool = False


@dataclass
class ChangeEntry:
    change: ObjectChange
    model: type[models.Model] | None
    rows: list[ValueChange] = field(default_factory=list)
    url: str | None = None

    @property
    def type_label(self) -> str:
        return str(self.model._meta.verbose_name) if self.model else _("Objekt")


def model_field(model, name):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def field_label(model, name: str) -> str:
    f = model_field(model, name)
    label = getattr(f, "verbose_name", None)
    if not label:
        return name.replace("_", " ")
    label = str(label)
    return label[:1].upper() + label[1:]


def format_time(value) -> str:
    return formats.date_format(localtime(value), "d.m.Y, H:i") if value else EMPTY


def format_value(model, name: str, value, names: dict | None = None) -> str:
    """A JSON value of the change log as German display text."""
    f = model_field(model, name)
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if f is not None and getattr(f, "choices", None):
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, list) and any(isinstance(v, dict) for v in value):
        # Structured JSON such as a report's sections: each item by its title and text.
        return "\n\n".join(_json_item(v) for v in value)
    if isinstance(value, list):
        lookup = (names or {}).get(_related_key(f), {})
        return ", ".join(str(lookup.get(v, v)) for v in value)
    if isinstance(f, models.DateTimeField) and isinstance(value, str):
        try:
            return format_time(datetime.datetime.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(f, models.DateField) and isinstance(value, str):
        try:
            return formats.date_format(datetime.date.fromisoformat(value), "d.m.Y")
        except ValueError:
            return value
    return str(value)


def _json_item(item) -> str:
    if not isinstance(item, dict):
        return str(item)
    title = item.get("title") or item.get("key") or ""
    text = item.get("text")
    return f"{title}: {text}" if title and text else str(title or text or item)


def _related_key(f):
    model = getattr(f, "related_model", None)
    return model._meta.label if model is not None else None


def _collect_ids(entries: Iterable[tuple[type | None, dict]]) -> dict[str, dict]:
    """One query per related model for all many-to-many ids of the given changes."""
    wanted: dict[type, set] = defaultdict(set)
    for model, changes in entries:
        for name, values in changes.items():
            f = model_field(model, name)
            if f is None or not f.many_to_many:
                continue
            for side in ("before", "after"):
                for v in (values or {}).get(side) or []:
                    if isinstance(v, int):
                        wanted[f.related_model].add(v)
    names = {}
    for related, ids in wanted.items():
        names[related._meta.label] = {
            obj.pk: str(obj) for obj in related._default_manager.filter(pk__in=ids)
        }
    return names


def value_rows(
    model, changes: dict, names: dict | None = None, diffs: dict | None = None
) -> list[ValueChange]:
    """Display rows of one change; text fields carry the stored word diff (never computed here)."""
    rows = []
    for name, values in changes.items():
        values = values or {}
        before, after = values.get("before"), values.get("after")
        diff = (diffs or {}).get(name) or {}
        rows.append(
            ValueChange(
                name=name,
                label=field_label(model, name),
                before=format_value(model, name, before, names),
                after=format_value(model, name, after, names),
                segments=diff.get("segments") or None,
                replaced=bool(diff.get("replaced")),
            )
        )
    return rows


def label_rows(model, changes: dict) -> list[ValueChange]:
    """Rows with the changed fields' labels only: no values, no diffs (the dashboard)."""
    return [
        ValueChange(name=name, label=field_label(model, name), before=EMPTY, after=EMPTY)
        for name in changes
    ]


def ensure_text_diffs(changes: list[ObjectChange], models_: list) -> None:
    """Fill in the word diffs of changes logged before diffs were stored, once, and keep them.

    New changes get their diffs when they are logged (core.services.log_change); this computes
    the missing ones of older rows and stores them, so the next view reads them. A failing
    write (e.g. a read-only database) only means they are computed again next time.
    """
    missing = []
    for change, model in zip(changes, models_, strict=True):
        if change.text_diffs is None:
            change.text_diffs = text_diffs(model, change.changes or {})
            missing.append(change)
    for change in missing:
        try:
            with transaction.atomic():
                ObjectChange.objects.filter(pk=change.pk, text_diffs__isnull=True).update(
                    text_diffs=change.text_diffs
                )
        except DatabaseError:
            return


# Entries that record administration, not content: who holds which role, invitations.
ADMINISTRATIVE_TYPES = {"tenancy": ("roleassignment", "invitation")}


def by_people(changes: QuerySet[ObjectChange]) -> QuerySet[ObjectChange]:
    """Changes people made to the content: without entries of the system (the demo loader,
    commands: no user) and without administrative entries (ADMINISTRATIVE_TYPES)."""
    changes = changes.filter(user__isnull=False)
    for app_label, models_ in ADMINISTRATIVE_TYPES.items():
        changes = changes.exclude(
            content_type__app_label=app_label, content_type__model__in=models_
        )
    return changes


def describe_changes(changes: Iterable[ObjectChange], *, values: bool = True) -> list[ChangeEntry]:
    """Change log rows as display entries (content types must be select_related).

    With values=False the rows carry labels only (no lookups of related names, no diffs).
    """
    changes = list(changes)
    pairs = [(c.content_type.model_class(), c.changes or {}) for c in changes]
    if not values:
        return [
            ChangeEntry(change=c, model=model, rows=label_rows(model, data))
            for c, (model, data) in zip(changes, pairs, strict=True)
        ]
    names = _collect_ids(pairs)
    ensure_text_diffs(changes, [model for model, _data in pairs])
    return [
        ChangeEntry(change=c, model=model, rows=value_rows(model, data, names, c.text_diffs))
        for c, (model, data) in zip(changes, pairs, strict=True)
    ]


def history(instance, limit: int = 20) -> list[ChangeEntry]:
    """The latest recorded changes of one object, newest first."""
    return describe_changes(changes_for(instance).select_related("content_type")[:limit])


def current_value(instance, name: str) -> str:
    """An instance's current value of a model field, as display text."""
    model = type(instance)
    f = model_field(model, name)
    if f is None:
        return EMPTY
    if f.many_to_many:
        return ", ".join(str(o) for o in getattr(instance, name).all()) or EMPTY
    value = getattr(instance, name)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime.date | datetime.datetime):
        value = value.isoformat()
    return format_value(model, name, value)


def conflict_context(
    exc: EditConflict, subject: str, names: Iterable[str], *, kept_input: bool = True
) -> dict:
    """What the conflict panel shows: who changed what since the editor loaded the object.

    `subject` is e.g. "Dieses Projekt"; `names` are the model fields shown as current values.
    """
    instance = exc.instance
    model = type(instance)
    # Every saved update raised the version by one: the latest (current - expected) updates
    # are the ones the editor has not seen (at least the latest one, at most ten).
    missed = 1
    if exc.expected_version is not None and exc.current_version is not None:
        missed = min(max(exc.current_version - exc.expected_version, 1), 10)
    since = changes_for(instance).select_related("content_type").exclude(action="create")
    entries = describe_changes(list(since.order_by("-time", "-pk")[:missed]))
    last = entries[0].change if entries else None
    if last is not None:
        message = _("%(subject)s wurde inzwischen von %(name)s am %(time)s Uhr geändert.") % {
            "subject": subject,
            "name": last.user_name or _("unbekannt"),
            "time": format_time(last.time),
        }
    else:
        message = _("%(subject)s wurde inzwischen von jemand anderem geändert.") % {
            "subject": subject
        }
    if kept_input:
        message += " " + _(
            "Ihre Änderungen wurden nicht gespeichert; Ihre Eingaben sind unten erhalten. Prüfen "
            "Sie die andere Änderung und speichern Sie erneut, wenn Ihre Fassung gelten soll."
        )
    else:
        message += " " + _(
            "Es wurde nichts ausgeführt. Prüfen Sie die Änderung und bestätigen Sie erneut."
        )
    current = [
        {"label": field_label(model, n), "value": current_value(instance, n)}
        for n in names
        if model_field(model, n) is not None
    ]
    return {
        "message": message,
        "entries": entries,
        "current": current,
        "current_version": instance.version,
    }
