"""The import into a radar in the staff area (issue 14, sections 1 and 4): upload a
Build-Your-Own-Radar file (CSV or JSON), read the dry-run report (new, changed, unchanged and
every rejected row with its reason; nothing saved), then apply it: all rows or, when any row
is rejected, none (radar/services.import_file).

The coordination only (radar.rules.can_manage_radar). Like every import here, the checked
file waits in the database under a random token (core/uploads.py), bound to the user, the
region, the radar and the format, so that the applied file is the one checked; the report
and the apply check it again, since the radar may have changed meanwhile.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from digitalagentur.core import uploads
from digitalagentur.core.models import PendingUpload
from digitalagentur.radar import formats, services

from ..forms_radar import ImportForm
from .base import StaffPage
from .radar import RadarObject, detail_url, radar_crumbs


def upload_kind(radar, fmt: str) -> str:
    return f"radar-{radar.pk}-{fmt}"[:40]


def import_url(radar) -> str:
    return reverse("staff:radar_import", args=[radar.pk])


class ImportPage(RadarObject, StaffPage):
    def get_title(self) -> str:
        return _("Importieren: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return radar_crumbs(self.object, (_("Importieren"), None))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            radar=self.object,
            quadrants=[q.name for q in self.object.quadrants.all()],
            rings=[r.name for r in self.object.rings.all()],
        )
        return context


class RadarImport(ImportPage):
    """The form (GET) and the upload (POST); the dry-run report is the next page."""

    template_name = "staff/radar/import.html"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=ImportForm()))

    def post(self, request, *args, **kwargs):
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        upload, fmt = form.cleaned_data["file"], form.cleaned_data["format"]
        content = upload.read(services.import_max_bytes() + 1)
        token = uploads.remember(
            upload_kind(self.object, fmt), request.user, self.region, upload.name or "", content
        )
        return redirect("staff:radar_import_report", pk=self.object.pk, fmt=fmt, token=token)


class RadarImportReport(ImportPage):
    """What the checked file would do (GET: a dry run, nothing saved) and applying it (POST:
    all or nothing)."""

    template_name = "staff/radar/import_report.html"

    def prepare(self) -> None:
        super().prepare()
        if self.kwargs["fmt"] not in formats.IMPORT_FORMATS:
            raise Http404

    def pending(self) -> PendingUpload | None:
        """The user's file for this radar; None when it is gone; 404 for anyone else's."""
        try:
            return uploads.pending(
                upload_kind(self.object, self.kwargs["fmt"]),
                self.kwargs["token"],
                self.request.user,
                self.region,
            )
        except uploads.ForeignUpload:
            raise Http404 from None

    def gone(self):
        messages.error(
            self.request,
            _(
                "Diese Datei ist nicht mehr vorhanden (abgelaufen oder schon übernommen). "
                "Bitte laden Sie sie erneut hoch."
            ),
        )
        return redirect(import_url(self.object))

    def report_context(self, result, pending) -> dict:
        report = result.report()
        return {
            "report": report,
            "file_name": pending.name,
            "format_label": dict(
                [(formats.BYOR_CSV, "BYOR-CSV"), (formats.BYOR_JSON, "BYOR-JSON")]
            ).get(self.kwargs["fmt"]),
            "new_names": [c.row.name for c in result.plan.new],
            "changed_names": [c.row.name for c in result.plan.changed],
        }

    def get(self, request, *args, **kwargs):
        pending = self.pending()
        if pending is None:
            return self.gone()
        result = services.import_file(
            self.object, bytes(pending.content), self.kwargs["fmt"], user=None, dry_run=True
        )
        context = self.get_context_data(
            **self.report_context(result, pending), confirm=result.plan.ok
        )
        return self.render_to_response(context)

    def post(self, request, *args, **kwargs):
        pending = self.pending()
        if pending is None:
            return self.gone()
        content = bytes(pending.content)
        pending.delete()  # one apply per check: a second submit finds nothing
        result = services.import_file(
            self.object, content, self.kwargs["fmt"], user=request.user, dry_run=False
        )
        if not result.applied:
            # A row is rejected (the radar changed since the check): nothing was saved.
            context = self.get_context_data(
                **self.report_context(result, pending), confirm=False, failed=True
            )
            return self.render_to_response(context, status=400)
        report = result.report()
        messages.success(
            request,
            _(
                "Übernommen: %(new)d neue, %(changed)d geänderte und %(unchanged)d unveränderte "
                "Einträge."
            )
            % report,
        )
        return redirect(detail_url(self.object.pk))
