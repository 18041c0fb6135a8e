"""What a digitalisation officer may write on a project: one rule for staff area and API.

Coordinators and region admins may write everything in their region. Officers edit the content
of the projects their town takes part in and add local projects of their own town; who takes
part, publication and the strategy's own attributes stay with the coordination.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from digitalagentur.tenancy.permissions import Access

# Attributes only the coordination sets, with the value a new project gets without them.
MANAGER_ONLY = {
    "published": (False, _("Nur die Koordination darf Projekte veröffentlichen.")),
    "code": ("", _("Nur die Koordination vergibt Kennungen.")),
    "is_strategy_project": (False, _("Nur die Koordination ordnet Projekte der Strategie zu.")),
    "is_lighthouse": (False, _("Nur die Koordination kennzeichnet Leuchtturmprojekte.")),
    "progress_is_override": (
        False,
        _("Nur die Koordination legt Status und Fortschritt eines Projekts selbst fest."),
    ),
}
FIGURES = ("status", "progress")
FIGURES_ARE_THE_PARTS = _(
    "Status und Fortschritt dieses Projekts ergeben sich aus den Teilen der beteiligten "
    "Kommunen. Bitte tragen Sie den Stand Ihrer Kommune in ihrem Teil ein "
    "(im internen Bereich beim Projekt oder über PATCH /api/v1/projects/%(id)s/parts/%(town)s/)."
)
OFFICER_LOCKED_FIELDS = tuple(MANAGER_ONLY)


def project_write_denial(
    access: Access,
    values: Mapping[str, Any],
    town_ids: Iterable[int] | None,
    project=None,
) -> str | None:
    """Why `access` may not write these values (a German sentence), or None when it may.

    `project` is None for a new project; `town_ids` are the participating towns after the
    write (None: unchanged).
    """
    if access.can_manage:
        return None
    if not access.officer_town_ids:
        return str(_("Sie dürfen in dieser Region keine Projekte bearbeiten."))
    if project is None:
        towns = set(town_ids or ())
        if not towns or not towns <= access.officer_town_ids:
            return str(_("Sie können nur Projekte Ihrer eigenen Kommune anlegen."))
    else:
        if not access.can_edit_project(project):
            return str(
                _("Sie dürfen nur Projekte bearbeiten, an denen Ihre Kommune beteiligt ist.")
            )
        if town_ids is not None and set(town_ids) != project.participating_town_ids():
            return str(_("Nur die Koordination ändert die beteiligten Kommunen."))
        if project.is_strategy_project and "field" in values and values["field"] != project.field:
            return str(_("Nur die Koordination ordnet Strategieprojekte einem Handlungsfeld zu."))
        if any(name in values for name in FIGURES):
            denial = figures_denial(access, project)
            if denial:
                return denial
    for name, (default, message) in MANAGER_ONLY.items():
        current = getattr(project, name) if project is not None else default
        if name in values and values[name] != current:
            return str(message)
    return None


def figures_denial(access: Access, project) -> str | None:
    """Officers write status and progress of a project of several towns in their part.

    Reads the project's participations (prefetched ones, if a page loaded them already)."""
    if access.can_manage:
        return None
    parts = list(project.participations.all())
    if len(parts) <= 1:
        return None
    own = sorted(p.municipality.slug for p in parts if p.municipality_id in access.officer_town_ids)
    return str(FIGURES_ARE_THE_PARTS % {"id": project.pk, "town": own[0] if own else "…"})


def part_write_denial(access: Access, part) -> str | None:
    """Why `access` may not change this town's part of a project, or None when it may."""
    if access.can_manage or part.municipality_id in access.officer_town_ids:
        return None
    return str(_("Den Teil einer Kommune ändern nur die Kommune selbst und die Koordination."))


# Reuse across towns and the phase checklists (issue 14): one rule for staff area and API.


def can_offer_reuse(access: Access, project) -> bool:
    """Who edits a project may offer it for reuse, change and withdraw the offer."""
    return access.in_region(project) and access.can_edit_project(project)


def reuse_town_ids(access: Access, project, candidate_ids: Iterable[int]) -> set[int]:
    """The towns, out of `candidate_ids` (the region's towns that neither take part in the
    project nor reuse it yet), for which `access` may join or copy the offered project: the
    coordination for every town, an officer for their own towns only."""
    if not access.in_region(project):
        return set()
    candidates = set(candidate_ids)
    if access.can_manage:
        return candidates
    return candidates & set(access.officer_town_ids)


def can_manage_checklist(access: Access) -> bool:
    """The coordination defines the region's checklist once."""
    return access.can_manage


def can_tick_checklist(access: Access, project) -> bool:
    """Who edits a project ticks off its checklist."""
    return access.in_region(project) and access.can_edit_project(project)
