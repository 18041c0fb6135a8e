"""Writes of projects: shared by the staff area, the API and the demo loader."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Value
from django.db.models.functions import Lower
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.core import services as core
from digitalagentur.core.text import german_slugify

from .choices import ParticipationRole, ProjectStatus
from .models import CODE_TAKEN_MESSAGE, Participation, Project, ProjectUpdate
from .rollup import rolled_up


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
    """A new project; each town's part starts with the project's status and progress."""
    values = dict(values)
    if not values.get("slug"):
        values["slug"] = unique_project_slug(
            region.pk, values.get("title", ""), values.get("code", "")
        )
    town_ids = list(dict.fromkeys(town_ids))
    figures = (values.get("status", ProjectStatus.PLANNED), values.get("progress", 0))
    if town_ids and not values.get("progress_is_override"):
        values["status"], values["progress"] = rolled_up([figures] * len(town_ids))
    project = Project(region=region, **values)
    with constraint_errors(project):
        core.create_object(
            project,
            user=user,
            reason=reason,
            m2m={"municipalities": town_ids},
            m2m_defaults={"municipalities": part_figures(*figures)},
        )
    lead_town_ids = set(lead_town_ids)
    if lead_town_ids:
        Participation.objects.filter(project=project, municipality_id__in=lead_town_ids).update(
            role=ParticipationRole.LEAD
        )
    return project


def part_figures(status: str, progress: int) -> dict[str, Any]:
    return {"status": status, "progress": progress}


OVERRIDE_OFF_WITH_FIGURES = gettext_lazy(
    "Ohne Festlegung durch die Koordination ergeben sich Status und Fortschritt aus den Teilen "
    "der Kommunen; bitte dort ändern oder die Festlegung beibehalten."
)


@transaction.atomic
def update_project(
    project: Project,
    values: Mapping[str, Any],
    *,
    expected_version: int | None,
    town_ids: Iterable[int] | None = None,
    user=None,
    reason: str = "",
) -> Project:
    """Change a project if nobody else did since `expected_version` (else EditConflict).

    Status and progress of a project with towns follow from their parts (portfolio/rollup.py)
    unless the coordination sets them (progress_is_override, for projects of several towns
    only): writing other figures on a project of several towns sets them, and on a project of
    one town writes that town's part. A town added later starts its part as planned at 0 %;
    the first towns of a project without any start where the project stands.
    """
    Project.objects.select_for_update().filter(pk=project.pk).first()  # one rollup at a time
    values = dict(values)
    parts = {
        town: (status, progress)
        for town, status, progress in project.participations.values_list(
            "municipality_id", "status", "progress"
        )
    }
    final_towns = list(dict.fromkeys(town_ids)) if town_ids is not None else list(parts)
    figures = (values.get("status", project.status), values.get("progress", project.progress))
    sets_figures = figures != (project.status, project.progress)
    shared = len(final_towns) > 1
    override = values.get("progress_is_override", project.progress_is_override)
    if not shared:
        override = values["progress_is_override"] = False  # one town: its part is the project
    elif sets_figures and not override:
        if project.progress_is_override and "progress_is_override" in values:
            # Switching the override off and setting figures at once contradicts itself.
            raise ValidationError({"progress_is_override": [OVERRIDE_OFF_WITH_FIGURES]})
        override = values["progress_is_override"] = True
    # A town joining later starts at the beginning; the first towns of a project without
    # any start where the project stands (its figures were its own until then).
    new_part = (ProjectStatus.PLANNED.value, 0) if parts else figures
    new_parts = {town: parts.get(town, new_part) for town in final_towns}
    write_through = None
    if sets_figures and len(final_towns) == 1:
        write_through = final_towns[0]
        new_parts[write_through] = figures
    if not override and new_parts:
        values["status"], values["progress"] = rolled_up(new_parts.values())
    m2m = m2m_before = None
    if town_ids is not None:
        m2m = {"municipalities": final_towns}
        m2m_before = {"municipalities": sorted(parts)}
    candidate = copy.copy(project)  # what the row would be, to name a violated constraint
    for name, value in values.items():
        setattr(candidate, name, value)
    with constraint_errors(candidate):
        saved = core.update_object(
            project,
            values,
            expected_version=expected_version,
            user=user,
            reason=reason,
            m2m=m2m,
            m2m_before=m2m_before,
            m2m_defaults={"municipalities": part_figures(*new_part)},
        )
    if write_through is not None:
        part = Participation.objects.get(project=saved, municipality_id=write_through)
        part.project = saved
        core.update_object(
            part,
            part_figures(*figures),
            expected_version=part.version,
            user=user,
            reason=reason,
        )
    return saved


@transaction.atomic
def update_part(
    part: Participation,
    values: Mapping[str, Any],
    *,
    expected_version: int | None,
    user=None,
    reason: str = "",
    publish_note: bool = False,
) -> Participation:
    """Change a town's part of a project (status, progress, note) if nobody else did since
    `expected_version`, then the project's figures that follow from the parts.

    With `publish_note` the part's note also becomes a published project update of today.
    """
    project = Project.objects.select_for_update().get(pk=part.project_id)
    part.project = project
    saved = core.update_object(
        part, values, expected_version=expected_version, user=user, reason=reason
    )
    saved.project = roll_up(project, user=user)
    if publish_note and saved.note.strip():
        publish_part_note(saved, user=user, reason=reason)
    return saved


def publish_part_note(part: Participation, *, user=None, reason: str = "") -> None:
    """The part's note as a published project update of today, in the site's language; the
    same note twice on one day (a form sent again) makes one update."""
    today = timezone.localdate()
    updates = ProjectUpdate.objects.filter(project=part.project, date=today, text=part.note)
    if updates.exists():
        return
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Stand in %(town)s: %(status)s, %(progress)s %%") % {
            "town": part.municipality.name,
            "status": part.get_status_display(),
            "progress": part.progress,
        }
    update = ProjectUpdate(
        region_id=part.project.region_id,
        project=part.project,
        date=today,
        title=title,
        text=part.note,
        published=True,
    )
    core.create_object(update, user=user, reason=reason)


def roll_up(project: Project, *, user=None) -> Project:
    """Write the status and progress that follow from the parts (the caller holds the
    project's row lock); a project with figures set by the coordination keeps them."""
    if project.progress_is_override:
        return project
    figures = rolled_up(project.participations.values_list("status", "progress"))
    if figures is None or figures == (project.status, project.progress):
        return project
    return core.update_object(
        project,
        {"status": figures[0], "progress": figures[1]},
        expected_version=project.version,
        user=user,
        reason=_("Aus den Teilen der Kommunen berechnet"),
    )
