"""Writes of the phase checklists (issue 14): the coordination defines the points once per
region, each project ticks them off. Ticking twice (two clicks, two tabs) keeps one tick."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from digitalagentur.core import services as core

from .choices import ProjectPhase
from .models import ChecklistItem, ChecklistTick, Project
from .phases import Checklist, PhaseSummary, checklist


def _count(queryset, by: str):
    """The number of rows of `queryset` (filtered by an OuterRef) as a subquery, 0 for none."""
    counted = queryset.order_by().values(by).annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_phase(projects):
    """Projects annotated with their checklist's figures in the same query (no query per
    project): `checklist_total`, `checklist_done` and `checklist_phase`, the first phase (in
    the phases' order) with a point the project has not ticked off, or None."""
    items = ChecklistItem.objects.filter(region=OuterRef("region"))
    ticked = ChecklistTick.objects.filter(project=OuterRef(OuterRef("pk")), item=OuterRef("pk"))
    order = Case(
        *(When(phase=phase, then=Value(n)) for n, phase in enumerate(ProjectPhase)),
        output_field=IntegerField(),
    )
    first_open = (
        ChecklistItem.objects.filter(region=OuterRef("region"))
        .filter(~Exists(ticked))
        .annotate(rank=order)
        .order_by("rank", "position", "pk")
        .values("phase")[:1]
    )
    return projects.annotate(
        checklist_total=_count(items, "region"),
        checklist_done=_count(ChecklistTick.objects.filter(project=OuterRef("pk")), "project"),
        checklist_phase=Subquery(first_open),
    )


def phase_summary(project: Project) -> PhaseSummary:
    """The phase of a project loaded through with_phase()."""
    phase = project.checklist_phase
    return PhaseSummary(
        current=ProjectPhase(phase) if phase else None,
        done=project.checklist_done,
        total=project.checklist_total,
    )


def project_checklist(project: Project) -> Checklist:
    """The region's points with the project's ticks (two queries)."""
    items = list(ChecklistItem.objects.filter(region_id=project.region_id))
    done = ChecklistTick.objects.filter(project=project).values_list("item_id", flat=True)
    return checklist(items, done)


@transaction.atomic
def set_done(project: Project, item: ChecklistItem, done: bool, *, user=None) -> bool:
    """Tick off (done) or reopen a point of `project`; returns whether anything changed."""
    if item.region_id != project.region_id:
        raise ValidationError(_("Der Prüfpunkt gehört nicht zu dieser Region."))
    tick = ChecklistTick.objects.select_for_update().filter(project=project, item=item).first()
    if done == (tick is not None):
        return False
    if done:
        tick = ChecklistTick(project=project, item=item, done_by=user if user and user.pk else None)
        try:
            with transaction.atomic():
                core.create_object(tick, user=user, validate=False)
        except IntegrityError:  # ticked at the same moment elsewhere: it is done
            return False
    else:
        core.delete_object(tick, user=user)
    return True
