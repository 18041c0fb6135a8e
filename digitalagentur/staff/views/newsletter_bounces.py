"""Recording the newsletter's bounces in the staff area (issue 13, section 1), at
/intern/newsletter/unzustellbar/: upload the mail server's list of undeliverable addresses,
read what it would change, confirm (communication/bounces.py). Like every import here, the
checked file waits under a random token (core/uploads.py) so that the confirmed file is the
one checked; the report and the confirmation read it again."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.communication import bounces
from digitalagentur.core import uploads
from digitalagentur.core.models import PendingUpload

from .base import StaffPage
from .newsletter import TEMPLATES, NewsletterSection, section_crumbs

UPLOAD_KIND = "newsletter-bounces"


class BounceFileForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Datei (CSV oder Text)"),
        help_text=gettext_lazy(
            "Eine Adresse je Zeile oder eine CSV-Datei mit einer Spalte „email“ und auf Wunsch "
            "„typ“ (hard oder soft), höchstens 5 MB. Es wird zuerst nur geprüft."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,text/csv,text/plain"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > bounces.MAX_BYTES:
            raise forms.ValidationError(
                _("Die Datei ist größer als %(mb)s MB; bitte teilen Sie sie auf.")
                % {"mb": bounces.MAX_BYTES // (1024 * 1024)}
            )
        return upload


class BouncePage(NewsletterSection, StaffPage):
    title = gettext_lazy("Newsletter: unzustellbare Adressen")
    tab = "bounces"

    def get_breadcrumbs(self):
        return section_crumbs((_("Unzustellbar"), None))


class BounceUpload(BouncePage):
    """The form (GET) and the first check of a file (POST); the report is the next page."""

    template_name = TEMPLATES + "bounces.html"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=BounceFileForm()))

    def post(self, request, *args, **kwargs):
        form = BounceFileForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            content = upload.read(bounces.MAX_BYTES + 1)
            try:
                bounces.check(self.region, content)
            except bounces.BounceFileError as problem:
                form.add_error("file", str(problem))
            else:
                token = uploads.remember(
                    UPLOAD_KIND, request.user, self.region, upload.name, content
                )
                return redirect("staff:newsletter_bounces_report", token=token)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class BounceReport(BouncePage):
    """What the checked file would change (GET) and doing it (POST)."""

    template_name = TEMPLATES + "bounces_report.html"

    def pending(self) -> PendingUpload | None:
        """The user's file of this region; None when it is gone; 404 for anyone else's."""
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
                "Diese Datei ist nicht mehr vorhanden (abgelaufen oder schon übernommen). "
                "Bitte laden Sie sie erneut hoch."
            ),
        )
        return redirect("staff:newsletter_bounces")

    def get(self, request, *args, **kwargs):
        pending = self.pending()
        if pending is None:
            return self.gone()
        try:
            report = bounces.check(self.region, bytes(pending.content))
        except bounces.BounceFileError as problem:
            pending.delete()
            messages.error(request, str(problem))
            return redirect("staff:newsletter_bounces")
        context = self.get_context_data(report=report, file_name=pending.name)
        return self.render_to_response(context)

    def post(self, request, *args, **kwargs):
        pending = self.pending()
        if pending is None:
            return self.gone()
        content = bytes(pending.content)
        pending.delete()
        try:
            report = bounces.apply(self.region, content)
        except bounces.BounceFileError as problem:
            messages.error(request, str(problem))
            return redirect("staff:newsletter_bounces")
        messages.success(
            request,
            _(
                "Übernommen: %(marked)s Adressen als unzustellbar markiert, %(counted)s "
                "vorübergehende Fehler gezählt, %(unknown)s Adressen ohne Abonnement."
            )
            % {"marked": report.marked, "counted": report.counted, "unknown": report.unknown},
        )
        return redirect("staff:newsletter_subscribers")
