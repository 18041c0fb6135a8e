"""Writes of funding data: every one through core.services (version check, change log),
shared by staff area, API, import and demo loader."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from digitalagentur.core import services as core
from digitalagentur.core.text import german_slugify


def unique_slug(model, region_id: int, text: str, exclude_pk: int | None = None) -> str:
    base = german_slugify(text)[:100] or model._meta.model_name
    taken = model._default_manager.filter(region_id=region_id)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    slug, n = base, 2
    while taken.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


@transaction.atomic
def create(
    instance: models.Model,
    *,
    user=None,
    reason: str = "",
    m2m: Mapping[str, Iterable[int]] | None = None,
) -> models.Model:
    """Save a new funder, programme, call, application, sub-project or budget line (a slug
    is made from the name or title when the model has one and none was given)."""
    if hasattr(instance, "slug") and not instance.slug:
        instance.slug = unique_slug(
            type(instance), instance.region_id, getattr(instance, "name", "") or instance.title
        )
    return core.create_object(instance, user=user, reason=reason, m2m=m2m)


def update(
    instance: models.Model,
    values: Mapping[str, Any],
    *,
    expected_version: int | None,
    user=None,
    reason: str = "",
    m2m: Mapping[str, Iterable[int]] | None = None,
) -> models.Model:
    before = {
        name: list(getattr(instance, name).values_list("pk", flat=True)) for name in m2m or {}
    }
    return core.update_object(
        instance,
        values,
        expected_version=expected_version,
        user=user,
        reason=reason,
        m2m=m2m,
        m2m_before=before,
    )


def delete(instance: models.Model, *, expected_version: int | None, user=None, reason: str = ""):
    """Delete (with what depends on it: calls' later deadlines, an application's sub-projects
    and lines). What others still use (a funder's programmes, a programme's calls or
    applications, a call's applications) is refused with a German ValidationError."""
    try:
        core.delete_object(instance, expected_version=expected_version, user=user, reason=reason)
    except models.ProtectedError as error:
        users = sorted({str(obj._meta.verbose_name_plural) for obj in error.protected_objects})
        raise ValidationError(
            _("„%(name)s“ kann nicht gelöscht werden, solange es noch %(users)s dazu gibt.")
            % {"name": str(instance), "users": ", ".join(users)}
        ) from error
