"""Writes of projects: shared by the staff area, the API and the demo loader."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction

from digitalagentur.core import services as core
from digitalagentur.core.text import german_slugify

from .choices import ParticipationRole
from .models import Participation, Project


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
    return core.update_object(
        project,
        values,
        expected_version=expected_version,
        user=user,
        reason=reason,
        m2m=m2m,
        m2m_before=m2m_before,
    )
