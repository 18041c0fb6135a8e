"""The reuse and phase facts of a project's public profile (issue 14, section 2): the offer
for reuse, the towns that reuse it, the original a copy was made from, its public documents
and its phase, loaded with the project itself (queries.public_project) so that a profile
without reuses or documents costs no further query."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from digitalagentur.library.models import Document
from digitalagentur.library.rules import public_only
from digitalagentur.portfolio.checklists import phase_summary, with_phase
from digitalagentur.portfolio.models import Project
from digitalagentur.portfolio.reuse import with_reuse_counts


def with_support(projects):
    """Published projects with what their profile's reuse and phase facts need, in the same
    query: the offer and the original a copy was made from (select_related), the checklist's
    figures, the number of reusing towns and of public documents (own or the original's)."""
    documents = public_only(Document.objects.all()).filter(
        Q(project_id=OuterRef("pk")) | Q(project__reuses__copy_id=OuterRef("pk"))
    )
    counted = documents.order_by().values("region").annotate(n=Count("pk", distinct=True))
    return (
        with_reuse_counts(with_phase(projects))
        .select_related("reuse_offer", "reused_from__original")
        .annotate(
            public_document_count=Coalesce(
                Subquery(counted.values("n")[:1], output_field=IntegerField()), Value(0)
            )
        )
    )


def _related_or_none(project: Project, name: str):
    try:
        return getattr(project, name)
    except ObjectDoesNotExist:
        return None


def project_support(project: Project) -> dict:
    """The offer, the towns that reuse the project, the original it was copied from (when
    published), its public documents and its phase, for the public profile of a project
    loaded through with_support(): no query unless towns reuse it or it has documents."""
    origin = _related_or_none(project, "reused_from")
    reuses = []
    if project.reuse_count:
        reuses = list(
            project.reuses.select_related("municipality", "copy").order_by("municipality__name")
        )
    documents = []
    if project.public_document_count:
        documents = list(
            public_only(
                Document.objects.filter(
                    region_id=project.region_id,
                    project_id__in=[project.pk, origin.original_id] if origin else [project.pk],
                )
            )
            .select_related("current_version")
            .order_by("title", "pk")
        )
    return {
        "documents": documents,
        "offer": _related_or_none(project, "reuse_offer"),
        "reuses": reuses,
        "reused_from": origin.original if origin and origin.original.published else None,
        "checklist": phase_summary(project),
    }
