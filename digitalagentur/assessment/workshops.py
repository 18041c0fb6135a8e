"""Themed workshops per field of action, their project ideas, and ideas becoming project
drafts in one step (issue 9, section 5).

Every write goes through digitalagentur.core.services (change log, `expected_version`);
who may write is decided by assessment.rules. `make_project_draft` turns an idea into an
unpublished project of the workshop's field exactly once, however often (or concurrently)
it is called.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, Prefetch
from django.utils.translation import gettext as _

from digitalagentur.core import services as core
from digitalagentur.core.models import ObjectChange
from digitalagentur.core.text import german_slugify
from digitalagentur.portfolio.choices import ProjectStatus
from digitalagentur.portfolio.models import Project
from digitalagentur.portfolio.services import create_project
from digitalagentur.strategy.models import Field
from digitalagentur.tenancy.content import mark_changed

from .models import Workshop, WorkshopIdea

WORKSHOP_FIELDS = (
    "slug",
    "title",
    "field",
    "date",
    "end_date",
    "format",
    "participants",
    "moderators",
    "description",
    "goals_discussed",
    "published",
)
IDEA_FIELDS = ("title", "description", "position")


def already_made_message() -> str:
    return _("Aus dieser Idee wurde bereits ein Projekt angelegt.")


class ProjectAlreadyMade(ValidationError):
    """The idea has its project already; `project` is that project (None if deleted)."""

    def __init__(self, project: Project | None):
        super().__init__(already_made_message(), code="project_exists")
        self.project = project


# -- checks --------------------------------------------------------------------------------


def end_date_error(date: datetime.date | None, end_date: datetime.date | None) -> str | None:
    """The German message when the end lies before the start (None when fine)."""
    if date and end_date and end_date < date:
        return _("Das Enddatum darf nicht vor dem Datum des Workshops liegen.")
    return None


def check_workshop(workshop: Workshop) -> None:
    """Rules beyond the model's own validation: the end date and the field's region."""
    errors: dict[str, list[str]] = {}
    message = end_date_error(workshop.date, workshop.end_date)
    if message:
        errors["end_date"] = [message]
    field_id = workshop.field_id
    if (
        field_id is not None
        and not Field.objects.filter(pk=field_id, region_id=workshop.region_id).exists()
    ):
        errors["field"] = [_("Dieses Handlungsfeld gehört nicht zur Region.")]
    if errors:
        raise ValidationError(errors)


def unique_workshop_slug(region_id: int, title: str, exclude_pk: int | None = None) -> str:
    base = german_slugify(title)[:100] or "workshop"
    slug, n = base, 2
    taken = Workshop.objects.filter(region_id=region_id)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def _only(values: Mapping[str, Any], names) -> dict[str, Any]:
    unknown = set(values) - set(names)
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    return dict(values)


# -- workshops -----------------------------------------------------------------------------


@transaction.atomic
def create_workshop(region, values: Mapping[str, Any], *, user=None, reason: str = "") -> Workshop:
    """A new workshop of `region`; without a slug one is made from the title."""
    values = _only(values, WORKSHOP_FIELDS)
    if not values.get("slug"):
        values["slug"] = unique_workshop_slug(region.pk, values.get("title", ""))
    workshop = Workshop(region=region, **values)
    check_workshop(workshop)
    return core.create_object(workshop, user=user, reason=reason)


@transaction.atomic
def update_workshop(
    workshop: Workshop,
    values: Mapping[str, Any],
    *,
    expected_version: int | None,
    user=None,
    reason: str = "",
) -> Workshop:
    """Change a workshop if it is still at `expected_version` (else core.EditConflict)."""
    values = _only(values, WORKSHOP_FIELDS)
    probe = Workshop(
        region_id=workshop.region_id,
        date=values.get("date", workshop.date),
        end_date=values.get("end_date", workshop.end_date),
    )
    probe.field_id = values["field"].pk if values.get("field") else workshop.field_id
    check_workshop(probe)
    return core.update_object(
        workshop, values, expected_version=expected_version, user=user, reason=reason
    )


@transaction.atomic
def delete_workshop(
    workshop: Workshop, *, expected_version: int | None, user=None, reason: str = ""
) -> None:
    """Delete a workshop with its ideas (each logged); projects made from ideas stay."""
    current = Workshop.objects.select_for_update().filter(pk=workshop.pk).first()
    if current is None or (expected_version is not None and current.version != expected_version):
        raise core.EditConflict(current or workshop, expected_version)
    for idea in WorkshopIdea.objects.filter(workshop=current):
        core.delete_object(idea, user=user, reason=reason)
    core.delete_object(current, expected_version=expected_version, user=user, reason=reason)


# -- ideas ---------------------------------------------------------------------------------


@transaction.atomic
def create_idea(
    workshop: Workshop, values: Mapping[str, Any], *, user=None, reason: str = ""
) -> WorkshopIdea:
    """A new idea of `workshop`, placed last unless a position is given."""
    values = _only(values, IDEA_FIELDS)
    if not values.get("position"):
        last = WorkshopIdea.objects.filter(workshop=workshop).aggregate(n=Max("position"))["n"]
        values["position"] = (last or 0) + 1
    idea = WorkshopIdea(region_id=workshop.region_id, workshop=workshop, **values)
    return core.create_object(idea, user=user, reason=reason)


def update_idea(
    idea: WorkshopIdea,
    values: Mapping[str, Any],
    *,
    expected_version: int | None,
    user=None,
    reason: str = "",
) -> WorkshopIdea:
    values = _only(values, IDEA_FIELDS)
    if values.get("position") is None:
        values.pop("position", None)  # left empty: the idea keeps its place
    return core.update_object(
        idea, values, expected_version=expected_version, user=user, reason=reason
    )


def delete_idea(
    idea: WorkshopIdea, *, expected_version: int | None, user=None, reason: str = ""
) -> None:
    """Delete an idea; a project made from it stays."""
    core.delete_object(idea, expected_version=expected_version, user=user, reason=reason)


# -- idea -> project draft -----------------------------------------------------------------


def draft_values(idea: WorkshopIdea) -> dict[str, Any]:
    """The values of the project draft an idea becomes."""
    workshop = idea.workshop
    note = _("Entstanden als Idee im Workshop „%(title)s“ am %(date)s.") % {
        "title": workshop.title,
        "date": workshop.date.strftime("%d.%m.%Y"),
    }
    return {
        "title": idea.title[:300],
        "description": idea.description,
        "field": workshop.field,
        "status": ProjectStatus.IDEA,
        "published": False,
        "internal_notes": note,
    }


def make_project_draft(idea: WorkshopIdea, *, user=None, reason: str = "") -> Project:
    """Create an unpublished project (status "Idee") in the workshop's field with the idea's
    title and description, and link it to the idea, all in one transaction.

    Only once per idea: if the idea has its project already (an earlier or concurrent call),
    nothing is created and ProjectAlreadyMade (a ValidationError, "Aus dieser Idee wurde
    bereits ein Projekt angelegt.") is raised with that project as `.project`. The idea's row
    is locked, and the link is claimed with a conditional UPDATE, so two concurrent calls can
    never both create a project (on PostgreSQL and SQLite alike).
    """
    with transaction.atomic():
        locked = (
            WorkshopIdea.objects.select_for_update()
            .select_related("workshop__field")
            .filter(pk=idea.pk)
            .first()
        )
        if locked is None:
            raise ValidationError(_("Diese Idee gibt es nicht mehr."))
        if locked.project_id is not None:
            raise ProjectAlreadyMade(Project.objects.filter(pk=locked.project_id).first())
        project = create_project(
            region=locked.workshop.region,
            values=draft_values(locked),
            user=user,
            reason=reason or _("Aus einer Workshop-Idee angelegt."),
        )
        claimed = WorkshopIdea.objects.filter(pk=locked.pk, project__isnull=True).update(
            project=project, version=F("version") + 1
        )
        if claimed != 1:
            # Someone linked a project meanwhile: raising rolls ours back.
            current = WorkshopIdea.objects.filter(pk=locked.pk).first()
            existing = current.project if current else None
            raise ProjectAlreadyMade(existing)
        mark_changed(locked.region_id)
        locked.project = project
        locked.version += 1
        core.log_change(
            locked,
            ObjectChange.Action.UPDATE,
            user=user,
            changes={"project": {"before": None, "after": str(project)}},
            reason=reason,
        )
    idea.project = project
    idea.version = locked.version
    return project


# -- reading ---------------------------------------------------------------------------------


def public_workshops(field: Field) -> list[Workshop]:
    """The published workshops of a field, oldest first, each with its ideas and their
    projects loaded (two queries, however many workshops and ideas)."""
    ideas = WorkshopIdea.objects.select_related("project").order_by("position", "pk")
    return list(
        Workshop.objects.filter(field=field, region_id=field.region_id, published=True)
        .order_by("date", "pk")
        .prefetch_related(Prefetch("ideas", queryset=ideas))
    )
