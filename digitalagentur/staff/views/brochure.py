"""The internal strategy brochure of a frozen version (reports/brochure.py): the whole
snapshot, drafts included and marked, as a page and as a PDF made in the background."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from digitalagentur.public.brochure import pdf_response, progress_page
from digitalagentur.reports import brochure

from ..mixins import ObjectMixin
from .base import StaffPage
from .versions import region_versions, version_crumbs


class BrochureMixin(ObjectMixin):
    def get_queryset(self):
        return region_versions(self.region)

    def has_permission(self, obj) -> bool:
        return True  # every role that reads the staff area reads versions (VersionDetail)

    def crumbs(self, *tail):
        version = self.object
        return version_crumbs(
            (str(version), reverse("staff:version_detail", args=[version.pk])), *tail
        )


class VersionBrochure(BrochureMixin, StaffPage):
    template_name = "staff/version_brochure.html"

    def get_title(self):
        return _("Broschüre „%(name)s“ (intern)") % {"name": self.object.name}

    def get_breadcrumbs(self):
        return self.crumbs((_("Broschüre"), None))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(brochure.context(self.object, public=False))
        context["region_name"] = self.region.name
        return context


class VersionBrochurePDF(BrochureMixin, StaffPage):
    """The internal PDF if it is made; else queue it and show its progress."""

    template_name = "staff/version_brochure_progress.html"

    def get_title(self):
        return _("PDF der Broschüre „%(name)s“ (intern)") % {"name": self.object.name}

    def get(self, request, *args, **kwargs):
        version = self.object
        stored = brochure.request_pdf(version, public=False, retry="erneut" in request.GET)
        if stored.ready:
            response = pdf_response(stored, version, public=False)
            response["Cache-Control"] = "private, no-store"
            return response
        context = self.get_context_data(**kwargs)
        context.update(
            breadcrumbs=self.crumbs(
                (_("Broschüre"), reverse("staff:version_brochure", args=[version.pk])),
                (_("PDF"), None),
            ),
            page_url=reverse("staff:version_brochure", args=[version.pk]),
        )
        return progress_page(request, self.template_name, stored, version, context)
