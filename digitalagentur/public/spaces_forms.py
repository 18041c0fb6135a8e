"""Forms of the public Landräume pages (issue 11): booking, cancelling, the booker profile.

The forms only read and convert input (a date and two wall-clock times become an aware range
in Europe/Berlin); every rule of a booking is checked by spaces.booking, whose German messages
(keyed by the same names: start, end, attendees, purpose, contingent, weeks) land on the
fields of these forms.
"""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.spaces.booking import MAX_SERIES_WEEKS
from digitalagentur.spaces.choices import PriceModel, Purpose
from digitalagentur.spaces.models import Contingent, Place
from digitalagentur.spaces.timerange import BERLIN, MIDNIGHT

TIME_INVALID = gettext_lazy("Bitte geben Sie eine Uhrzeit an (SS:MM).")


class BookingForm(forms.Form):
    date = forms.DateField(
        label=gettext_lazy("Datum"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": gettext_lazy("Bitte geben Sie das Datum an."),
            "invalid": gettext_lazy("Bitte geben Sie ein Datum an (TT.MM.JJJJ)."),
        },
    )
    start = forms.TimeField(
        label=gettext_lazy("von"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": gettext_lazy("Bitte geben Sie an, ab wann Sie buchen."),
            "invalid": TIME_INVALID,
        },
    )
    end = forms.TimeField(
        label=gettext_lazy("bis"),
        help_text=gettext_lazy("00:00 steht für Mitternacht am Ende des Tages."),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": gettext_lazy("Bitte geben Sie an, bis wann Sie buchen."),
            "invalid": TIME_INVALID,
        },
    )
    purpose = forms.ChoiceField(
        label=gettext_lazy("Zweck"),
        error_messages={
            "required": gettext_lazy("Bitte wählen Sie einen Zweck."),
            "invalid_choice": gettext_lazy("Bitte wählen Sie einen gültigen Zweck."),
        },
    )
    attendees = forms.IntegerField(
        label=gettext_lazy("Personen"),
        initial=1,
        min_value=1,
        max_value=10000,
        error_messages={
            "required": gettext_lazy("Bitte geben Sie an, wie viele Personen kommen."),
            "invalid": gettext_lazy("Bitte geben Sie eine ganze Zahl an."),
            "min_value": gettext_lazy("Bitte geben Sie mindestens eine Person an."),
            "max_value": gettext_lazy("Bitte geben Sie höchstens 10000 Personen an."),
        },
    )
    note = forms.CharField(
        label=gettext_lazy("Hinweis an den Anbieter (freiwillig)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": gettext_lazy("Bitte fassen Sie sich kürzer (höchstens 500 Zeichen).")
        },
    )
    weeks = forms.IntegerField(
        label=gettext_lazy("Wie oft? (Anzahl Wochen)"),
        initial=1,
        min_value=1,
        max_value=MAX_SERIES_WEEKS,
        help_text=gettext_lazy(
            "1 bucht einmal. Mehr bucht jede Woche zur gleichen Zeit; vor dem Buchen sehen "
            "Sie jeden Termin, und gebucht wird nur, wenn alle frei sind."
        ),
        error_messages={
            "required": gettext_lazy("Bitte geben Sie an, wie viele Wochen."),
            "invalid": gettext_lazy("Bitte geben Sie eine ganze Zahl an."),
            "min_value": gettext_lazy("Bitte geben Sie mindestens 1 an."),
            "max_value": gettext_lazy("Eine Serie hat höchstens %(limit_value)s Termine."),
        },
    )
    contingent = forms.ModelChoiceField(
        label=gettext_lazy("Über das Kontingent meines Arbeitgebers buchen"),
        queryset=Contingent.objects.none(),
        required=False,
        empty_label=gettext_lazy("nein, selbst buchen"),
        error_messages={
            "invalid_choice": gettext_lazy("Bitte wählen Sie ein gültiges Kontingent.")
        },
    )

    def __init__(self, *args, space, contingents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.space = space
        allowed = [p for p in (space.purposes or []) if p in Purpose.values]
        labels = dict(Purpose.choices)
        self.fields["purpose"].choices = [("", _("bitte wählen"))] + [
            (value, labels[value]) for value in (allowed or Purpose.values)
        ]
        if len(allowed) == 1:
            self.fields["purpose"].initial = allowed[0]
        self.fields["attendees"].widget.attrs.update({"max": space.capacity, "min": 1})
        self.fields["weeks"].widget.attrs.update({"min": 1, "max": MAX_SERIES_WEEKS})
        if contingents is None or not contingents.exists():
            del self.fields["contingent"]
        else:
            field = self.fields["contingent"]
            field.queryset = contingents
            if space.price_model == PriceModel.CONTINGENT:
                field.required = True
                field.empty_label = None
                field.error_messages["required"] = _("Bitte wählen Sie ein Kontingent.")

    def clean(self):
        data = super().clean()
        day, start, end = data.get("date"), data.get("start"), data.get("end")
        if day is not None and start is not None and end is not None:
            end_day = day + datetime.timedelta(days=1) if end == MIDNIGHT else day
            data["start_at"] = datetime.datetime.combine(day, start, tzinfo=BERLIN)
            data["end_at"] = datetime.datetime.combine(end_day, end, tzinfo=BERLIN)
        if data.get("contingent") is not None and (data.get("weeks") or 1) > 1:
            self.add_error(
                "weeks",
                _("Über ein Kontingent wird je Tag einzeln gebucht; bitte wählen Sie 1 Woche."),
            )
        return data

    def purpose_label(self) -> str:
        value = getattr(self, "cleaned_data", {}).get("purpose")
        return str(dict(self.fields["purpose"].choices).get(value, ""))

    def add_booking_errors(self, message_dict: dict[str, list[str]]) -> None:
        """The messages of spaces.booking on the matching fields (others above the form)."""
        for name, messages in message_dict.items():
            target = name if name in self.fields else None
            for message in messages:
                self.add_error(target, message)


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Grund (freiwillig)"),
        required=False,
        max_length=500,
        help_text=gettext_lazy("Der Anbieter sieht den Grund mit der Stornierung."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": gettext_lazy("Bitte fassen Sie sich kürzer (höchstens 500 Zeichen).")
        },
    )


class ProfileForm(forms.Form):
    home_place = forms.ModelChoiceField(
        label=gettext_lazy("Wohnort"),
        queryset=Place.objects.none(),
        required=False,
        empty_label=gettext_lazy("keine Angabe"),
        error_messages={"invalid_choice": gettext_lazy("Bitte wählen Sie einen Ort der Liste.")},
    )
    work_place = forms.ModelChoiceField(
        label=gettext_lazy("üblicher Arbeitsort"),
        queryset=Place.objects.none(),
        required=False,
        empty_label=gettext_lazy("keine Angabe"),
        error_messages={"invalid_choice": gettext_lazy("Bitte wählen Sie einen Ort der Liste.")},
    )

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        places = Place.objects.filter(region=region).order_by("name", "pk")
        self.fields["home_place"].queryset = places
        self.fields["work_place"].queryset = places
