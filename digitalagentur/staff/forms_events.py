"""Forms of events in the staff area (issue 13, section 2): the list's filters, an event's
form (the fields of communication.events.EDITABLE plus its towns), the programme's rows and
the attendance. Forms validate input only; views write through communication/events.py and
communication/registrations.py (change log, waiting list)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from digitalagentur.assessment.models import Workshop
from digitalagentur.communication.choices import ProgrammeItemKind
from digitalagentur.communication.events import EDITABLE
from digitalagentur.communication.models import TITLE_MAX, Event

from .forms import IdMultipleChoiceField, VersionedModelForm
from .forms_participation import region_towns
from .forms_workshops import region_fields

SEARCH_MAX = 200
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def datetime_widget():
    """A browser's date and time picker; the value is read in the site's time zone
    (Europe/Berlin, settings.TIME_ZONE)."""
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)


class EventFilterForm(forms.Form):
    """The list's filters (GET): upcoming, past or all events, and a search in the title."""

    UPCOMING, PAST, ALL = "kommende", "vergangene", "alle"

    zeit = forms.ChoiceField(
        label=_("Zeitraum"),
        required=False,
        choices=[
            (ALL, _("alle (kommende zuerst)")),
            (UPCOMING, _("kommende und laufende")),
            (PAST, _("vergangene")),
        ],
    )
    q = forms.CharField(label=_("Suche im Titel"), required=False, max_length=SEARCH_MAX)


class EventForm(VersionedModelForm):
    """An event: its own fields (communication.events.EDITABLE) and its towns. Dates and
    times are entered in Berlin time."""

    towns = IdMultipleChoiceField(
        label=_("Kommunen"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Die Kommunen, für die die Veranstaltung ist. Digitalisierungsbeauftragte "
            "betreuen die Veranstaltungen ihrer Kommune."
        ),
    )

    online_url = forms.URLField(
        label=_("Online-Link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Die Adresse der Videokonferenz, falls es eine gibt."),
        error_messages={"invalid": _("Bitte geben Sie eine vollständige Adresse an.")},
    )

    class Meta:
        model = Event
        fields = list(EDITABLE)
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 8}),
        }
        labels = {
            "field": _("Handlungsfeld"),
            "workshop": _("Workshop der Bedarfsanalyse"),
            "published": _("Veröffentlicht"),
        }
        help_texts = {
            "title": _("Der Titel auf der Website und in den Mails an die Teilnehmenden."),
            "summary": _("Ein, zwei Sätze für die Übersicht (höchstens 500 Zeichen)."),
            "start": _("Datum und Uhrzeit (deutsche Zeit)."),
            "end": _("Datum und Uhrzeit (deutsche Zeit); nach dem Beginn."),
            "place": _("Z. B. „Rathaus Senden, Ratssaal“; leer bei reinen Online-Terminen."),
            "capacity": _(
                "Leer: ohne Begrenzung. Mehr Plätze lassen Personen von der Warteliste sofort "
                "nachrücken."
            ),
            "registration_open": _("Ohne Haken ist keine Anmeldung über die Website möglich."),
            "registration_starts": _("Leer: sofort nach der Veröffentlichung."),
            "registration_ends": _("Leer: bis zum Beginn der Veranstaltung."),
            "price": _("Leer oder 0: kostenlos."),
            "contact_email": _("An wen sich Teilnehmende mit Fragen wenden."),
            "published": _("Die Veranstaltung erscheint auf der öffentlichen Website."),
        }
        error_messages = {
            "title": {"required": _("Bitte geben Sie einen Titel an.")},
            "start": {
                "required": _("Bitte geben Sie den Beginn an."),
                "invalid": _("Bitte geben Sie Datum und Uhrzeit an (TT.MM.JJJJ, HH:MM)."),
            },
            "end": {
                "required": _("Bitte geben Sie das Ende an."),
                "invalid": _("Bitte geben Sie Datum und Uhrzeit an (TT.MM.JJJJ, HH:MM)."),
            },
            "registration_starts": {
                "invalid": _("Bitte geben Sie Datum und Uhrzeit an (TT.MM.JJJJ, HH:MM)."),
            },
            "registration_ends": {
                "invalid": _("Bitte geben Sie Datum und Uhrzeit an (TT.MM.JJJJ, HH:MM)."),
            },
            "capacity": {"invalid": _("Bitte geben Sie eine ganze Zahl an.")},
            "price": {"invalid": _("Bitte geben Sie einen Betrag an, z. B. 25,00.")},
            "contact_email": {"invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse an.")},
        }

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.access = access
        for name in ("start", "end", "registration_starts", "registration_ends"):
            field = self.fields[name]
            field.widget = datetime_widget()
            field.input_formats = [DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"]
        self.fields["field"].queryset = region_fields(self.region)
        self.fields["field"].empty_label = _("keines")
        self.fields["workshop"].queryset = Workshop.objects.filter(region=self.region).order_by(
            "-date", "title"
        )
        self.fields["workshop"].empty_label = _("keiner")
        self.fields["towns"].queryset = region_towns(self.region)
        # Negative numbers are refused with a German message (the model fields' own minimum
        # would say it in the words of Django).
        self.fields["capacity"].min_value = None
        self.fields["capacity"].validators = []
        # "25,00" as Germans write it (and "25.00"), shown with a comma again
        self.fields["price"].localize = True
        self.fields["price"].widget = forms.TextInput(attrs={"inputmode": "decimal"})
        self.fields["price"].widget.is_localized = True
        self.fields["price"].min_value = None
        self.fields["price"].validators = [
            v for v in self.fields["price"].validators if not hasattr(v, "limit_value")
        ]
        if self.instance.pk is not None and not self.is_bound:
            self.initial["towns"] = list(self.instance.municipalities.values_list("pk", flat=True))
        self.order_fields([*EDITABLE[:10], "towns"])

    def clean_capacity(self):
        capacity = self.cleaned_data.get("capacity")
        if capacity is not None and capacity < 0:
            raise forms.ValidationError(_("Die Zahl der Plätze kann nicht negativ sein."))
        if capacity is not None and capacity > 2_000_000_000:
            raise forms.ValidationError(_("Diese Zahl ist zu groß."))
        return capacity

    def clean_price(self):
        price = self.cleaned_data.get("price")
        if price is not None and price < Decimal(0):
            raise forms.ValidationError(_("Der Preis kann nicht negativ sein."))
        return price

    def clean_towns(self):
        towns = list(self.cleaned_data.get("towns") or [])
        access = self.access
        if not access.can_manage and access.officer_town_ids:
            if not {t.pk for t in towns} & set(access.officer_town_ids):
                raise forms.ValidationError(
                    _(
                        "Wählen Sie mindestens eine Ihrer Kommunen: sonst können Sie die "
                        "Veranstaltung danach nicht mehr bearbeiten."
                    )
                )
        return towns

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end <= start:
            self.add_error("end", _("Das Ende muss nach dem Beginn liegen."))
        opens, closes = cleaned.get("registration_starts"), cleaned.get("registration_ends")
        if opens and closes and closes <= opens:
            self.add_error(
                "registration_ends", _("Das Ende der Anmeldefrist muss nach ihrem Beginn liegen.")
            )
        if closes and start and closes > start and "registration_ends" not in self.errors:
            self.add_error(
                "registration_ends",
                _("Die Anmeldefrist muss spätestens mit dem Beginn der Veranstaltung enden."),
            )
        if opens and start and opens >= start and "registration_starts" not in self.errors:
            self.add_error(
                "registration_starts",
                _("Die Anmeldung muss vor dem Beginn der Veranstaltung möglich sein."),
            )
        return cleaned

    def model_values(self) -> dict:
        return {k: v for k, v in super().model_values().items() if k in EDITABLE}


class ProgrammeItemForm(forms.Form):
    """One row of the programme; a row without any input is left out."""

    position = forms.IntegerField(
        label=_("Reihenfolge"), required=False, min_value=0, max_value=32767
    )
    kind = forms.ChoiceField(
        label=_("Art"), choices=ProgrammeItemKind.choices, initial=ProgrammeItemKind.TALK
    )
    title = forms.CharField(label=_("Titel"), max_length=TITLE_MAX, required=False)
    start = forms.TimeField(label=_("Beginn"), required=False, widget=TIME_WIDGET)
    end = forms.TimeField(label=_("Ende"), required=False, widget=TIME_WIDGET)
    host = forms.CharField(label=_("Leitung"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Beschreibung"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def has_content(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return any(data.get(n) for n in ("title", "start", "end", "host", "description"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("DELETE"):
            return cleaned
        filled = any(cleaned.get(n) for n in ("start", "end", "host", "description"))
        if filled and not cleaned.get("title"):
            self.add_error("title", _("Bitte geben Sie einen Titel an."))
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end <= start:
            self.add_error("end", _("Das Ende muss nach dem Beginn liegen."))
        return cleaned

    def values(self) -> dict:
        names = ("kind", "title", "start", "end", "host", "description")
        return {n: self.cleaned_data.get(n) for n in names}


class BaseProgrammeFormSet(forms.BaseFormSet):
    def items(self) -> list[dict]:
        """The filled rows not marked for deletion, in their order (position, then row)."""
        rows = []
        for index, form in enumerate(self.forms):
            # Not `has_changed()`: a stored row left as it was is kept too.
            if not form.is_valid():
                continue
            if form.cleaned_data.get("DELETE") or not form.cleaned_data.get("title"):
                continue
            position = form.cleaned_data.get("position")
            rows.append((position if position is not None else 10**6 + index, index, form))
        return [form.values() for _position, _index, form in sorted(rows, key=lambda r: r[:2])]


ProgrammeFormSet = forms.formset_factory(
    ProgrammeItemForm,
    formset=BaseProgrammeFormSet,
    extra=3,
    can_delete=True,
    max_num=100,
    validate_max=True,
)


def programme_initial(event) -> list[dict]:
    return [
        {
            "position": n,
            "kind": item.kind,
            "title": item.title,
            "start": item.start,
            "end": item.end,
            "host": item.host,
            "description": item.description,
        }
        for n, item in enumerate(event.programme.all(), start=1)
    ]


class AttendanceForm(forms.Form):
    """Who came: one checkbox per registered person."""

    attended = forms.MultipleChoiceField(
        label=_("Teilgenommen"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [(str(r.pk), r.name) for r in registrations]
        if not self.is_bound:
            self.initial["attended"] = [str(r.pk) for r in registrations if r.attended]

    def attended_ids(self) -> list[int]:
        return [int(pk) for pk in self.cleaned_data["attended"]]
