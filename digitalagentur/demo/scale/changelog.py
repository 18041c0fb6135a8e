"""The change log of the generated objects, in the shapes core.services writes.

Every builder logs what it created right after writing it (the objects are still in memory,
with their related objects, so no row is read back): one 'create' entry per object as
core.services.create_object writes it (every tracked field as it was at creation) and one
'update' entry per edit noted with Context.edited_later, as update_object writes it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from digitalagentur.core.models import ObjectChange
from digitalagentur.core.services import diff_snapshots, snapshot, text_diffs, version_number

from .base import BASE_TIME, Context

REASON = "Skalendaten erzeugt (generate_scale_data)"


def user_name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def log_created(
    ctx: Context,
    objs: Iterable[models.Model],
    *,
    by: Callable[[models.Model], Any] | None = None,
    extra: Callable[[models.Model], dict] | None = None,
    reason: str = REASON,
) -> None:
    """Log the creation (and the noted later edits) of written objects of one model.

    `by(obj)` names the user who created it (None: nobody, like the demo loader), `extra(obj)`
    the many-to-many values create_object would log with it (e.g. a project's towns).
    """
    objs = list(objs)
    if not objs:
        return
    model = type(objs[0])
    content_type = ContentType.objects.get_for_model(model)
    history = ctx.history.get(model, {})
    rows = []
    for obj in objs:
        initial = snapshot(obj, extra(obj) if extra else None)  # nosec B610: not QuerySet.extra
        edits = history.get(obj.pk, [])
        for edit in reversed(edits):
            for name, values in edit.changes.items():
                initial[name] = values["before"]
        user = by(obj) if by else None
        changes = diff_snapshots({}, initial)
        version = version_number(obj)
        first_version = None if version is None else version - len(edits)
        repr_ = str(obj)[:300]
        rows.append(
            ObjectChange(
                region_id=obj.region_id,
                time=getattr(obj, "created", None) or BASE_TIME,
                user=user,
                user_name=user_name(user),
                content_type=content_type,
                object_id=obj.pk,
                object_repr=repr_,
                action=ObjectChange.Action.CREATE,
                changes=changes,
                reason=reason,
                version=first_version,
                text_diffs=text_diffs(model, changes),
            )
        )
        for number, edit in enumerate(edits, start=1):
            rows.append(
                ObjectChange(
                    region_id=obj.region_id,
                    time=edit.time,
                    user_id=edit.user_id,
                    user_name=edit.user_name,
                    content_type=content_type,
                    object_id=obj.pk,
                    object_repr=repr_,
                    action=ObjectChange.Action.UPDATE,
                    changes=edit.changes,
                    reason=edit.reason,
                    version=None if first_version is None else first_version + number,
                    text_diffs=text_diffs(model, edit.changes),
                )
            )
    ctx.insert(rows, ObjectChange)


def log_frozen(ctx: Context, versions: Iterable[models.Model]) -> None:
    """As strategy.versions.freeze_version logs a new version: its name only."""
    versions = list(versions)
    if not versions:
        return
    content_type = ContentType.objects.get_for_model(type(versions[0]))
    rows = []
    for version in versions:
        changes = {"name": {"before": None, "after": version.name}}
        rows.append(
            ObjectChange(
                region_id=version.region_id,
                time=version.created,
                user=version.created_by,
                user_name=user_name(version.created_by),
                content_type=content_type,
                object_id=version.pk,
                object_repr=str(version)[:300],
                action=ObjectChange.Action.CREATE,
                changes=changes,
                version=None,
                text_diffs=text_diffs(type(version), changes),
            )
        )
    ctx.insert(rows, ObjectChange)
