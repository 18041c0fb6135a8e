"""Forms of the meetings of the bodies in the staff area (issue 14, section 3): the list's
filter, a meeting (its body, time, place, agenda, minutes and decisions) and a task of a
meeting. Forms validate input only; views write through reports/services.py (change log)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from digitalagentur.directory.models import Body
from digitalagentur.reports import services
from digitalagentur.reports.models import Meeting, MeetingTask

from .forms import IdModelChoiceField, VersionedModelForm
from .forms_events import DATETIME_FORMAT, datetime_widget

DATETIME_INVALID = _("Bitte geben Sie Datum und Uhrzeit an (TT.MM.JJJJ, HH:MM).")
LENGTH_MESSAGE = _("Bitte höchstens %(limit_value)d Zeichen (jetzt %(show_value)d).")


def region_bodies(region):
    return Body.objects.filter(region=region).order_by("position", "name", "pk")


def user_label(user) -> str:
    return user.get_full_name() or user.get_username()


class OwnerField(IdModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return user_label(obj)


class MeetingFilterForm(forms.Form):
    """The list's filter (GET): the meetings of one body."""

    gremium = IdModelChoiceField(
        label=_("Gremium"),
        queryset=Body.objects.none(),
        required=False,
        empty_label=_("alle Gremien"),
        error_messages={"invalid_choice": _("Bitte wählen Sie ein Gremium der Liste.")},
    )

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gremium"].queryset = region_bodies(region)


class MeetingForm(VersionedModelForm):
    """A meeting of a body of the region. Times are entered in Berlin time."""

    body = IdModelChoiceField(
        label=_("Gremium"),
        queryset=Body.objects.none(),
        error_messages={
            "required": _("Bitte wählen Sie das Gremium."),
            "invalid_choice": _("Bitte wählen Sie ein Gremium der Liste."),
        },
    )

    class Meta:
        model = Meeting
        fields = list(services.MEETING_FIELDS)
        widgets = {
            "agenda": forms.Textarea(attrs={"rows": 6}),
            "minutes": forms.Textarea(attrs={"rows": 8}),
            "decisions": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"cancelled": _("Die Sitzung ist abgesagt")}
        help_texts = {
            "name": _("Optional, z. B. „3. Sitzung“; ohne Bezeichnung: Gremium und Datum."),
            "minutes": _("Nur intern sichtbar; Markdown ist möglich."),
        }
        error_messages = {
            "start": {
                "required": _("Bitte geben Sie den Beginn an."),
                "invalid": DATETIME_INVALID,
            },
            "end": {"invalid": DATETIME_INVALID},
            "name": {"max_length": LENGTH_MESSAGE},
            "location": {"max_length": LENGTH_MESSAGE},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = region_bodies(self.region)
        for name in ("start", "end"):
            field = self.fields[name]
            field.widget = datetime_widget()
            field.input_formats = [DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"]

    def clean_name(self):
        return " ".join((self.cleaned_data.get("name") or "").split())

    def clean_location(self):
        return " ".join((self.cleaned_data.get("location") or "").split())

    def model_values(self) -> dict:
        return {k: v for k, v in super().model_values().items() if k in services.MEETING_FIELDS}


class TaskForm(VersionedModelForm):
    """A task of a meeting: what, who (a user with a role in the region) and by when."""

    owner = OwnerField(
        label=_("Zuständig"),
        queryset=None,
        required=False,
        empty_label=_("– noch niemand –"),
        help_text=_("Die Aufgabe erscheint auf der Übersichtsseite dieser Person."),
        error_messages={
            "invalid_choice": _(
                "Bitte wählen Sie eine Person der Liste: nur wer eine Rolle in dieser Region "
                "hat, kann zuständig sein."
            )
        },
    )

    class Meta:
        model = MeetingTask
        fields = list(services.TASK_FIELDS)
        error_messages = {
            "title": {
                "required": _("Bitte beschreiben Sie die Aufgabe."),
                "max_length": LENGTH_MESSAGE,
            },
            "due_date": {"invalid": _("Bitte geben Sie ein Datum an (TT.MM.JJJJ).")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = services.task_owners(self.region).order_by(
            "last_name", "first_name", "username"
        )

    def clean_title(self):
        title = " ".join((self.cleaned_data.get("title") or "").split())
        if not title:
            raise forms.ValidationError(_("Bitte beschreiben Sie die Aufgabe."))
        return title

    def model_values(self) -> dict:
        return {k: v for k, v in super().model_values().items() if k in services.TASK_FIELDS}
