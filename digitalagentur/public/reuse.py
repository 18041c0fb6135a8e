"""Reuse across towns on the public website (issue 14, section 2): the region's solutions to
reuse (published projects offered for reuse, with how many towns reuse each; a project's own
reuse facts: project_support.py). Internal notes of an offer do not exist: everything in an
offer is meant for the public once its project is published."""

from __future__ import annotations

from django.db.models import Count, Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from digitalagentur.portfolio.models import Participation, ReuseOffer
from digitalagentur.tenancy.pagecache import cache_public

from .shared import render_shared


@cache_public
def reuse_list(request):
    def build():
        offers = (
            ReuseOffer.objects.filter(region=request.region, project__published=True)
            .select_related("project", "project__field")
            .annotate(reuse_count=Count("project__reuses", distinct=True))
            .prefetch_related(
                Prefetch(
                    "project__participations",
                    queryset=Participation.objects.select_related("municipality").order_by(
                        "municipality__name"
                    ),
                )
            )
            .order_by("-reuse_count", "project__title", "pk")
        )
        return {
            "offers": list(offers),
            "title": _("Lösungen zur Nachnutzung"),
            "breadcrumbs": [
                (_("Start"), reverse("public:home")),
                (_("Lösungen zur Nachnutzung"), None),
            ],
        }

    return render_shared(request, "public/reuse_list.html", build)
