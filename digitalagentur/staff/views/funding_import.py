"""The programme import in the staff area (issue 8, sections 1 and 6): upload a CSV or JSON
export of the Förderdatenbank des Bundes, read the dry-run report, confirm, done.

Coordinators only (funding.rules.programme_write_denial). The checked file waits in the
database under a random token (core/uploads.py: one per user, a day at most), so that
the confirmed file is the one checked whatever server answers; the report page and the
confirmation check it again, since data or rights may have changed meanwhile.
"""

from __future__ import annotations

import csv
import io

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from digitalagentur.core import uploads
from digitalagentur.core.models import PendingUpload
from digitalagentur.funding import importer
from digitalagentur.funding.rules import programme_write_denial

from ..mixins import StaffMixin
from .base import StaffPage
from .funding import FundingSection, overview_crumbs

UPLOAD_KIND = "programmes"
MAX_ROWS = importer.WEB_MAX_ROWS  # more would outlast the request timeout: use the command
TEMPLATE_ROWS = [
    [
        "ID",
        "Titel",
        "Fördergeber",
        "Förderart",
        "Förderbereich",
        "Fördergebiet",
        "Förderberechtigte",
        "Ansprechpunkt",
        "Rechtsgrundlage",
        "Kurztext",
        "URL",
        "Fördersatz",
        "Höchstbetrag",
        "Gesamtvolumen",
        "Laufzeit (Monate)",
        "Schlagwörter",
    ],
    [
        "beispiel-1",
        "Modellprojekte Smart Cities",
        "Bundesministerium des Innern, für Bau und Heimat",
        "Zuschuss",
        "Digitalisierung",
        "bundesweit",
        "Kommune",
        "",
        "",
        "Beispielzeile: bitte ersetzen",
        "https://www.smart-city-dialog.de",
        "65 %",
        "15.000.000 €",
        "300 Mio. €",
        "48",
        "Smart City, Digitalisierungsstrategie",
    ],
]


class ProgrammeImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Datei (CSV oder JSON)"),
        help_text=gettext_lazy(
            "Ein Export der Förderdatenbank des Bundes, höchstens 10 MB. Es wird zuerst nur "
            "geprüft; gespeichert wird erst nach Ihrer Bestätigung."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.json,text/csv,application/json"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > importer.MAX_BYTES:
            raise forms.ValidationError(
                _("Die Datei ist größer als %(mb)s MB; bitte teilen Sie sie auf.")
                % {"mb": importer.MAX_BYTES // (1024 * 1024)}
            )
        if not upload.name.lower().endswith((".csv", ".txt", ".json")):
            raise forms.ValidationError(_("Bitte laden Sie eine CSV- oder JSON-Datei hoch."))
        return upload


class ImportPage(FundingSection, StaffPage):
    title = gettext_lazy("Förderprogramme importieren")

    def has_page_permission(self) -> bool:
        return programme_write_denial(self.access) is None

    def get_breadcrumbs(self):
        return overview_crumbs() + [(_("Import"), None)]


class ProgrammeImport(ImportPage):
    """Upload and first check; the report itself is the next page."""

    template_name = "staff/funding/import.html"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=ProgrammeImportForm()))

    def post(self, request, *args, **kwargs):
        form = ProgrammeImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        upload = form.cleaned_data["file"]
        content = upload.read(importer.MAX_BYTES + 1)
        try:
            importer.check(self.region, self.access, upload.name, content, max_rows=MAX_ROWS)
        except importer.ImportFileError as exc:
            form.add_error("file", str(exc))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        token = uploads.remember(UPLOAD_KIND, request.user, self.region, upload.name, content)
        return redirect("staff:funding_import_report", token=token)


class ProgrammeImportReport(ImportPage):
    """The dry-run report of a checked file (GET) and its confirmation (POST)."""

    template_name = "staff/funding/import_report.html"

    def pending(self) -> PendingUpload | None:
        """The user's file of this region; None when it is gone (done or expired); 404 for
        anyone else's token."""
        try:
            return uploads.pending(
                UPLOAD_KIND, self.kwargs["token"], self.request.user, self.region
            )
        except uploads.ForeignUpload:
            raise Http404 from None

    def gone(self):
        messages.error(
            self.request,
            _(
                "Dieser Import ist nicht mehr vorhanden (abgelaufen oder schon ausgeführt). "
                "Bitte laden Sie die Datei erneut hoch."
            ),
        )
        return redirect("staff:funding_import")

    def get(self, request, *args, **kwargs):
        pending = self.pending()
        if pending is None:
            return self.gone()
        try:
            report = importer.check(
                self.region, self.access, pending.name, bytes(pending.content), max_rows=MAX_ROWS
            )
        except importer.ImportFileError as exc:
            pending.delete()
            messages.error(request, str(exc))
            return redirect("staff:funding_import")
        return self.render_to_response(
            self.get_context_data(report=report, file_name=pending.name, confirm=report.ok)
        )

    def post(self, request, *args, **kwargs):
        pending = self.pending()
        if pending is None:
            return self.gone()
        name, content = pending.name, bytes(pending.content)
        try:
            report = importer.apply(
                self.region, self.access, name, content, user=request.user, max_rows=MAX_ROWS
            )
        except importer.ImportFileError as exc:
            report, error = None, str(exc)
        else:
            error = ""
        pending.delete()
        if report is not None and report.applied:
            messages.success(
                request,
                _(
                    "Import abgeschlossen: %(created)s neue, %(updated)s geänderte und "
                    "%(unchanged)s unveränderte Programme, %(funders)s neue Fördergeber. Neue "
                    "Programme sind Entwürfe, bis Sie sie veröffentlichen."
                )
                % report.summary(),
            )
            return redirect("staff:funding_overview")
        messages.error(
            request,
            error
            or _(
                "Nichts wurde importiert: Seit der Prüfung haben sich Daten geändert. Bitte "
                "prüfen Sie den Bericht und laden Sie die Datei erneut hoch."
            ),
        )
        if report is None:
            return redirect("staff:funding_import")
        context = self.get_context_data(report=report, file_name=name, confirm=False)
        return self.render_to_response(context, status=409)


class ProgrammeImportTemplate(StaffMixin, View):
    """A CSV to fill in: the column names and one example row (UTF-8 with BOM for Excel)."""

    def has_page_permission(self) -> bool:
        return programme_write_denial(self.access) is None

    def get(self, request, *args, **kwargs):
        out = io.StringIO()
        csv.writer(out, delimiter=";").writerows(TEMPLATE_ROWS)
        response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="foerderprogramme-vorlage.csv"'
        return response
