"""The staff form of citizen surveys: title, questionnaire (of kind "survey"), introduction,
opening and closing (each a date and a time, Europe/Berlin), identification and the switches.

The form validates input only; writes go through assessment.surveys (core.services)."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from digitalagentur.assessment.models import Questionnaire, QuestionnaireKind, Survey
from digitalagentur.assessment.questionnaires import latest_revisions

from .forms import DATE_WIDGET, IdModelChoiceField, VersionedModelForm
from .forms_funding import TimeTextField, moment_or_error
from .funding_input import split_moment


class SurveyForm(VersionedModelForm):
    questionnaire = IdModelChoiceField(
        label=_("Fragebogen"),
        queryset=Questionnaire.objects.none(),
        help_text=_("Fragebögen der Art „Umfrage“; sie werden unter Bedarfsanalyse gepflegt."),
    )
    opens_date = forms.DateField(label=_("Beginn (Datum)"), widget=DATE_WIDGET)
    opens_time = TimeTextField(
        label=_("Beginn (Uhrzeit)"), required=False, help_text=_("leer: 0:00 Uhr")
    )
    closes_date = forms.DateField(label=_("Ende (Datum)"), widget=DATE_WIDGET)
    closes_time = TimeTextField(
        label=_("Ende (Uhrzeit)"), required=False, help_text=_("leer: 24:00 Uhr")
    )

    groups = (
        (_("Umfrage"), ["title", "questionnaire", "introduction"]),
        (_("Zeitraum"), ["opens_date", "opens_time", "closes_date", "closes_time"]),
        (
            _("Teilnahme und Veröffentlichung"),
            ["identification", "published", "results_public", "is_demo"],
        ),
    )

    class Meta:
        model = Survey
        fields = [
            "title",
            "questionnaire",
            "introduction",
            "identification",
            "published",
            "results_public",
            "is_demo",
        ]
        help_texts = {
            "identification": _(
                "Anonym: ein Schlüssel im Browser verhindert doppelte Antworten. Mit E-Mail: "
                "Antworten zählen erst nach Bestätigung; die Adresse wird nicht gespeichert."
            ),
            "published": _("Die Umfrage erscheint auf der öffentlichen Website."),
            "results_public": _("Die Ergebnisse sind öffentlich einsehbar."),
            "is_demo": _("Als Demo gekennzeichnet (Hinweis auf allen Seiten der Umfrage)."),
        }

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, region=region, **kwargs)
        # The newest revision of each survey questionnaire, and the survey's own one.
        newest = latest_revisions(region).filter(kind=QuestionnaireKind.SURVEY)
        choices = Q(pk__in=newest.values("pk"))
        if self.instance.pk is not None:
            choices |= Q(pk=self.instance.questionnaire_id)
        self.fields["questionnaire"].queryset = Questionnaire.objects.filter(
            choices, region=region
        ).order_by("title", "-revision")
        if self.instance.pk is not None:
            day, time = split_moment(self.instance.opens_at, midnight_ends_day=False)
            self.fields["opens_date"].initial, self.fields["opens_time"].initial = day, time
            day, time = split_moment(self.instance.closes_at, midnight_ends_day=True)
            self.fields["closes_date"].initial, self.fields["closes_time"].initial = day, time
        else:
            self.fields["closes_time"].initial = "24:00"

    def clean(self):
        data = super().clean()
        opens = closes = None
        if data.get("opens_date"):
            opens = moment_or_error(self, "opens_date", data.get("opens_time") or "00:00")
        if data.get("closes_date"):
            closes = moment_or_error(self, "closes_date", data.get("closes_time") or "24:00")
        if opens is not None and closes is not None and closes <= opens:
            self.add_error("closes_date", _("Die Umfrage muss nach ihrem Beginn enden."))
        data["opens_at"], data["closes_at"] = opens, closes
        return data

    def model_values(self) -> dict:
        values = super().model_values()
        values["opens_at"] = self.cleaned_data["opens_at"]
        values["closes_at"] = self.cleaned_data["closes_at"]
        return values
