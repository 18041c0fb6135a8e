"""The internal strategy brochure of a frozen version (reports/brochure.py): the whole
snapshot, drafts included and marked, as a page and as a PDF made in the background."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from digitalagentur.public.brochure import pdf_response, progress_page
from digitalagentur.reports import brochure
from digitalagentur.reports.choices import GenerationState

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

    def can_remake(self) -> bool:
        """Making the PDFs again is the coordination's (like freezing a version)."""
        return self.access.can_edit_strategy_content(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(brochure.context(self.object, public=False))
        context["region_name"] = self.region.name
        context["can_remake"] = self.can_remake()
        context["stored_pdfs"] = [
            self.pdf_status(public, _("öffentliche PDF-Datei"), name)
            for public, name in ((True, "public"), (False, "internal"))
        ]
        return context

    def pdf_status(self, public: bool, label: str, variant: str) -> dict:
        stored = brochure.stored(self.object, public=public)
        if stored is None:
            state = _("noch nicht erstellt")
        elif stored.ready:
            state = _("erstellt am %(date)s") % {
                "date": timezone.localtime(stored.made_at).strftime("%d.%m.%Y, %H:%M")
            }
        elif brochure.is_stale(stored):
            state = _("steckt fest (keine Rückmeldung seit über 15 Minuten)")
        elif stored.generation_state == GenerationState.IDLE:
            state = _("veraltet, wird beim nächsten Abruf neu erstellt")
        else:
            state = stored.get_generation_state_display()
        return {
            "label": label if public else _("interne PDF-Datei"),
            "variant": variant,
            "state": state,
            "error": stored.generation_error if stored is not None else "",
        }

    def post(self, request, *args, **kwargs):
        """ "PDF neu erstellen": drop the stored PDF and queue the job that makes it again."""
        if not self.can_remake():
            raise PermissionDenied
        variant = request.POST.get("variant")
        if variant not in ("public", "internal"):
            messages.error(request, _("Unbekannte Fassung der Broschüre."))
            return redirect("staff:version_brochure", self.object.pk)
        brochure.remake_pdf(self.object, public=variant == "public")
        messages.success(
            request,
            _("Die öffentliche PDF-Datei wird neu erstellt.")
            if variant == "public"
            else _("Die interne PDF-Datei wird neu erstellt."),
        )
        return redirect("staff:version_brochure", self.object.pk)


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
        return progress_page(request, self.template_name, stored, version, context, cooldown=False)
