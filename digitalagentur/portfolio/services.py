"""Writes of projects: shared by the staff area, the API and the demo loader."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Value
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from digitalagentur.core import services as core
from digitalagentur.core.text import german_slugify

from .choices import ParticipationRole
from .models import CODE_TAKEN_MESSAGE, Participation, Project


def code_taken(region_id: int, code: str, exclude_pk: int | None = None) -> bool:
    """Whether another project of the region has `code`, compared as the database does
    (the constraint portfolio_project_unique_code_ci: lower-case, per region)."""
    code = (code or "").strip()
    if not code:
        return False
    clash = Project.objects.filter(region_id=region_id).alias(code_ci=Lower("code"))
    clash = clash.filter(code_ci=Lower(Value(code)))
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    return clash.exists()


def code_on_its_field(error: ValidationError) -> ValidationError:
    """The constraint's message is reported on the field "code", not as a general error."""
    if not hasattr(error, "error_dict"):
        error = ValidationError({NON_FIELD_ERRORS: error.messages})
    messages = error.message_dict
    general = messages.get(NON_FIELD_ERRORS, [])
    if str(CODE_TAKEN_MESSAGE) not in general:
        return error
    rest = [m for m in general if m != str(CODE_TAKEN_MESSAGE)]
    moved = {k: v for k, v in messages.items() if k != NON_FIELD_ERRORS}
    moved.setdefault("code", []).append(str(CODE_TAKEN_MESSAGE))
    if rest:
        moved[NON_FIELD_ERRORS] = rest
    return ValidationError(moved)


@contextmanager
def constraint_errors(project: Project) -> Iterator[None]:
    """Turn a constraint violation into the ValidationError that validation would have given.

    Validation runs before the write, but a concurrent transaction may commit the same code
    in between: then the database refuses the row (IntegrityError) and nothing is saved.
    """
    try:
        with transaction.atomic():
            yield
    except ValidationError as error:
        raise code_on_its_field(error) from None
    except IntegrityError as exc:
        try:
            project.validate_constraints()
        except ValidationError as error:
            raise code_on_its_field(error) from exc
        raise ValidationError(_("Die Angaben passen nicht zu den vorhandenen Daten.")) from exc


def unique_project_slug(region_id: int, title: str, code: str = "") -> str:
    base = german_slugify(f"{code} {title}" if code else title)[:100] or "projekt"
    slug, n = base, 2
    while Project.objects.filter(region_id=region_id, slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


@transaction.atomic
def create_project(
    *,
    region,
    values: Mapping[str, Any],
    town_ids: Iterable[int] = (),
    lead_town_ids: Iterable[int] = (),
    user=None,
    reason: str = "",
) -> Project:
    values = dict(values)
    if not values.get("slug"):
        values["slug"] = unique_project_slug(
            region.pk, values.get("title", ""), values.get("code", "")
        )
    project = Project(region=region, **values)
    town_ids = list(dict.fromkeys(town_ids))
    with constraint_errors(project):
        core.create_object(project, user=user, reason=reason, m2m={"municipalities": town_ids})
    lead_town_ids = set(lead_town_ids)
    if lead_town_ids:
        Participation.objects.filter(project=project, municipality_id__in=lead_town_ids).update(
            role=ParticipationRole.LEAD
        )
    return project


def update_project(
    project: Project,
    values: Mapping[str, Any],
    *,
    expected_version: int | None,
    town_ids: Iterable[int] | None = None,
    user=None,
    reason: str = "",
) -> Project:
    """Change a project if nobody else did since `expected_version` (else EditConflict)."""
    m2m = m2m_before = None
    if town_ids is not None:
        m2m = {"municipalities": list(dict.fromkeys(town_ids))}
        m2m_before = {"municipalities": sorted(project.participating_town_ids())}
    candidate = copy.copy(project)  # what the row would be, to name a violated constraint
    for name, value in values.items():
        setattr(candidate, name, value)
    with constraint_errors(candidate):
        return core.update_object(
            project,
            values,
            expected_version=expected_version,
            user=user,
            reason=reason,
            m2m=m2m,
            m2m_before=m2m_before,
        )
