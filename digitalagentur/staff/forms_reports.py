"""Forms of the status reports in the staff area (issue 10, section 1). Forms validate input
only; writes go through reports.services."""

from __future__ import annotations

from django import forms
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _

from digitalagentur.directory.choices import BodyKind
from digitalagentur.directory.models import Body
from digitalagentur.reports.choices import ReportStatus
from digitalagentur.reports.models import StatusReport
from digitalagentur.reports.services import NEXT_STATUS, plausible_date
from digitalagentur.strategy.choices import Topic

from .forms import DATE_WIDGET, IdModelChoiceField, VersionedModelForm

PERIOD_ORDER_MESSAGE = _("Das Ende des Berichtszeitraums darf nicht vor seinem Beginn liegen.")
SECTION_PREFIX = "section_"


def report_bodies(region):
    """The region's bodies, committees and councils first (they receive status reports)."""
    return (
        Body.objects.filter(region=region)
        .annotate(
            receives=Case(
                When(kind__in=[BodyKind.COMMITTEE, BodyKind.COUNCIL], then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("receives", "position", "name", "pk")
    )


def reference_taken(region, reference: str, exclude_pk=None) -> bool:
    reports = StatusReport.objects.filter(region=region, reference=reference)
    if exclude_pk is not None:
        reports = reports.exclude(pk=exclude_pk)
    return bool(reference) and reports.exists()


class ReportCreateForm(forms.Form):
    body = IdModelChoiceField(
        queryset=Body.objects.none(),
        label=_("Ausschuss"),
        help_text=_("Das Gremium, dem der Bericht vorgelegt wird."),
        empty_label=None,
    )
    meeting_date = forms.DateField(label=_("Sitzungsdatum"), widget=DATE_WIDGET)
    since = forms.DateField(
        label=_("Berichtszeitraum von"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_(
            "Vorgeschlagen: seit dem Ende des letzten Berichts an den vorausgewählten "
            "Ausschuss. Leer lassen, um seit dem letzten Bericht an den gewählten Ausschuss zu "
            "berichten."
        ),
    )
    until = forms.DateField(
        label=_("Berichtszeitraum bis"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Leer: bis zum Sitzungsdatum."),
    )
    topics = forms.MultipleChoiceField(
        label=_("Themen"),
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Bitte mindestens ein Thema wählen.")},
    )
    reference = forms.CharField(
        label=_("Vorlagennummer"),
        required=False,
        max_length=100,
        help_text=_("Optional, z. B. SV-10-0671; lässt sich später ergänzen."),
    )
    date = forms.DateField(
        label=_("Datum der Vorlage"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Leer: heute."),
    )

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.region = region
        self.fields["body"].queryset = report_bodies(region)
        self.fields["topics"].initial = [value for value, _label in Topic.choices]

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip()
        if reference_taken(self.region, reference):
            raise forms.ValidationError(_("Diese Vorlagennummer ist schon vergeben."))
        return reference

    def clean(self):
        cleaned = super().clean()
        for name in ("meeting_date", "since", "until", "date"):
            if not plausible_date(cleaned.get(name)):
                self.add_error(name, _("Bitte geben Sie ein plausibles Datum an."))
                cleaned.pop(name, None)
        meeting_date = cleaned.get("meeting_date")
        since, until = cleaned.get("since"), cleaned.get("until")
        if until is None and meeting_date is not None and not self.has_error("until"):
            cleaned["until"] = until = meeting_date
        if since and until and until < since:
            self.add_error("until", PERIOD_ORDER_MESSAGE)
        paper_date = cleaned.get("date")
        if paper_date and meeting_date and paper_date > meeting_date:
            self.add_error("date", _("Die Vorlage muss vor oder am Sitzungstag datiert sein."))
        return cleaned


class ReportEditForm(VersionedModelForm):
    """The report's own fields plus one textarea per section (`section_<key>`)."""

    class Meta:
        model = StatusReport
        fields = ["title", "reference", "date", "status", "resolution", "attachments"]
        widgets = {
            "resolution": forms.Textarea(attrs={"rows": 3}),
            "attachments": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["reason"]
        for section in self.instance.sections or []:
            self.fields[SECTION_PREFIX + section["key"]] = forms.CharField(
                label=section.get("title") or section["key"],
                required=False,
                initial=section.get("text", ""),
                widget=forms.Textarea(attrs={"rows": 12}),
                help_text=_(
                    "Absätze durch eine Leerzeile trennen, Aufzählungen mit „- “ beginnen."
                ),
            )
        current = self.instance.status
        if self.instance.pk and current:
            # A finished paper keeps its text; its status only moves forward.
            allowed = NEXT_STATUS[current]
            self.fields["status"].choices = [
                (value, label) for value, label in ReportStatus.choices if value in allowed
            ]
            if current != ReportStatus.DRAFT:
                for name, field in self.fields.items():
                    if name not in ("status", "version"):
                        field.disabled = True

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip()
        if reference_taken(self.region, reference, exclude_pk=self.instance.pk):
            raise forms.ValidationError(_("Diese Vorlagennummer ist schon vergeben."))
        return reference

    def report_values(self) -> dict:
        return {k: v for k, v in self.model_values().items() if k != "version"}

    def section_texts(self) -> dict[str, str]:
        return {
            name[len(SECTION_PREFIX) :]: value
            for name, value in self.cleaned_data.items()
            if name.startswith(SECTION_PREFIX)
        }

    def section_fields(self):
        return [self[name] for name in self.fields if name.startswith(SECTION_PREFIX)]

    def own_fields(self):
        return [
            self[name]
            for name in self.fields
            if not name.startswith(SECTION_PREFIX) and name != "version"
        ]


class RegenerateForm(forms.Form):
    """Confirmation of a regeneration; `overwrite` only matters when sections were edited."""

    KEEP, OVERWRITE = "keep", "overwrite"

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    overwrite = forms.ChoiceField(
        label=_("Bearbeitete Abschnitte"),
        choices=[
            (KEEP, _("Bearbeitete Abschnitte behalten")),
            (OVERWRITE, _("Auch bearbeitete Abschnitte überschreiben")),
        ],
        initial=KEEP,
        required=False,
        widget=forms.RadioSelect,
    )

    def overwrite_edits(self) -> bool:
        return self.cleaned_data.get("overwrite") == self.OVERWRITE


class VersionForm(forms.Form):
    """Confirmation carrying only the version (deleting a draft asks for no reason)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
