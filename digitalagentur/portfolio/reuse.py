"""Writes of reuse across towns (issue 14, "Austausch und Arbeitsteilung über Stadt- und
Gemeindegrenzen hinweg"): offering a project for reuse, and another town joining or copying it.

The rights are checked by the callers with portfolio.rules (staff area and API alike); these
functions keep the data consistent: one reuse per project and town (a database constraint, so
two simultaneous clicks make one), the project's row locked while towns are added, and
everything or nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from digitalagentur.core import services as core
from digitalagentur.tenancy.models import Municipality

from .choices import ParticipationRole, ProjectStatus, ReuseKind
from .models import Participation, Project, Reuse, ReuseOffer
from .services import create_project, update_project

# What a copy takes over from the original (never figures, dates, notes or publication).
COPIED_FIELDS = ("title", "field", "summary", "description", "central_benefit", "challenges")


@transaction.atomic
def save_offer(
    project: Project,
    values: Mapping[str, Any],
    *,
    expected_version: int | None = None,
    user=None,
    reason: str = "",
) -> ReuseOffer:
    """Offer `project` for reuse, or change its offer (EditConflict on a stale version)."""
    Project.objects.select_for_update().filter(pk=project.pk).first()
    offer = ReuseOffer.objects.filter(project=project).first()
    if offer is None:
        offer = ReuseOffer(region_id=project.region_id, project=project, **values)
        return core.create_object(offer, user=user, reason=reason)
    return core.update_object(
        offer, values, expected_version=expected_version, user=user, reason=reason
    )


def candidate_town_ids(project: Project) -> set[int]:
    """The region's towns that neither take part in `project` nor reuse it yet."""
    towns = set(
        Municipality.objects.filter(region_id=project.region_id).values_list("pk", flat=True)
    )
    taken = set(project.participations.values_list("municipality_id", flat=True))
    taken |= set(project.reuses.values_list("municipality_id", flat=True))
    return towns - taken


def _check(project: Project, town: Municipality) -> None:
    if town.region_id != project.region_id:
        raise ValidationError({"town": _("Die Kommune gehört nicht zu dieser Region.")})
    if not ReuseOffer.objects.filter(project=project).exists():
        raise ValidationError(_("Dieses Projekt wird nicht zur Nachnutzung angeboten."))
    if project.participations.filter(municipality=town).exists():
        raise ValidationError({"town": _("Diese Kommune ist an dem Projekt bereits beteiligt.")})
    if project.reuses.filter(municipality=town).exists():
        raise ValidationError({"town": _("Diese Kommune nutzt das Projekt bereits nach.")})


def _record(project: Project, town: Municipality, kind: str, copy: Project | None, user):
    reuse = Reuse(
        region_id=project.region_id,
        original=project,
        municipality=town,
        kind=kind,
        copy=copy,
        created_by=user if getattr(user, "pk", None) else None,
    )
    try:
        with transaction.atomic():
            return core.create_object(reuse, user=user)
    except IntegrityError:  # the same town at the same moment: one reuse only
        raise ValidationError(
            {"town": _("Diese Kommune nutzt das Projekt bereits nach.")}
        ) from None


@transaction.atomic
def join(project: Project, town: Municipality, *, user=None) -> Reuse:
    """`town` joins the offered project: it takes part as a partner from now on (starting at
    "geplant", 0 %) and the original town sees the reuse."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    _check(project, town)
    towns = list(project.participations.values_list("municipality_id", flat=True))
    update_project(
        project,
        {},
        expected_version=project.version,
        town_ids=towns + [town.pk],
        user=user,
        reason=_("Nachnutzung: %(town)s tritt dem Projekt bei") % {"town": town.name},
    )
    Participation.objects.filter(project=project, municipality=town).update(
        role=ParticipationRole.PARTNER
    )
    return _record(project, town, ReuseKind.JOIN, None, user)


@transaction.atomic
def copy_project(project: Project, town: Municipality, *, user=None) -> Reuse:
    """`town` copies the offered project into a local project of its own: a draft led by the
    town, planned at 0 %, linked to the original (whose documents it shares)."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    _check(project, town)
    values = {name: getattr(project, name) for name in COPIED_FIELDS}
    values.update(status=ProjectStatus.PLANNED, progress=0, published=False)
    copy = create_project(
        region=project.region,
        values=values,
        town_ids=[town.pk],
        lead_town_ids=[town.pk],
        user=user,
        reason=_("Nachnutzung von „%(project)s“") % {"project": project},
    )
    return _record(project, town, ReuseKind.COPY, copy, user)


def shared_project_ids(project: Project) -> list[int]:
    """The projects whose documents `project` shows: its own and, for a copy, those of the
    original it was copied from (the documents are shared, never duplicated)."""
    original = Reuse.objects.filter(copy=project).values_list("original_id", flat=True).first()
    return [project.pk] if original is None else [project.pk, original]


def with_reuse_counts(queryset):
    """Projects annotated with `reuse_count`: how many towns reuse each (in the same query)."""
    reuses = Reuse.objects.filter(original=OuterRef("pk")).order_by().values("original")
    counted = reuses.annotate(n=Count("pk")).values("n")[:1]
    return queryset.annotate(
        reuse_count=Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))
    )
