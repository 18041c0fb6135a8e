"""Forms of funding in the staff area: funders, programmes, calls and their later deadlines
(applications and financing plans: forms_funding_plan.py).

Forms validate input only; writes go through funding.services, and funding.rules has the last
word on who may write what. People type amounts and rates the German way, so the fields here
read "1.234,56", "1234,56", "1234.56" or "15 Mio." as euros and "65", "65 %" or "62,5" as
per cent (stored as the fraction 0.65): see funding_input.py.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digitalagentur.funding.finance import euro
from digitalagentur.funding.models import (
    ApplicantType,
    Call,
    CallDeadline,
    CostType,
    Funder,
    Programme,
)
from digitalagentur.strategy.models import Field

from .forms import DATE_WIDGET, IdModelChoiceField, IdMultipleChoiceField, VersionedModelForm
from .funding_input import (
    AmountError,
    moment,
    parse_amount,
    parse_rate,
    parse_time,
    rate_as_percent,
    split_moment,
)

# -- form fields ------------------------------------------------------------------------------


class TypedTextField(forms.CharField):
    """Text read into a value by `parse` (AmountError: the German message); the length limit
    applies to the typed text, the clean value is what `parse` returns."""

    parse = staticmethod(lambda text: text)
    show = staticmethod(str)
    attrs = {"inputmode": "decimal", "autocomplete": "off"}

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)
        self.validators = []  # the typed text is checked in to_python

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), **self.attrs}

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if len(value) > self.max_length:
            raise forms.ValidationError(
                _("Bitte höchstens %(n)s Zeichen eingeben.") % {"n": self.max_length},
                code="max_length",
            )
        try:
            return self.parse(value)
        except AmountError as exc:
            raise forms.ValidationError(exc.message, code="invalid") from exc

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return self.show(value)
        return value


class AmountField(TypedTextField):
    """Euros as typed in German (see parse_amount); the clean value is a Decimal."""

    parse = staticmethod(parse_amount)
    show = staticmethod(euro)
    attrs = {"inputmode": "decimal", "autocomplete": "off", "spellcheck": "false"}


class RateField(TypedTextField):
    """A rate typed in per cent (see parse_rate); the clean value is the fraction."""

    parse = staticmethod(parse_rate)
    show = staticmethod(rate_as_percent)


class TimeTextField(forms.CharField):
    """A time as typed ("14:00", "24:00"); kept as text, read by `moment`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 10)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update(inputmode="numeric", autocomplete="off", size="6")
        return attrs

    def validate(self, value):
        super().validate(value)
        if value:
            try:
                parse_time(value)
            except AmountError as exc:
                raise forms.ValidationError(exc.message, code="invalid") from exc


def ordered(form, names) -> None:
    """Fields in this order, the change-log reason always last."""
    form.order_fields([n for n in names if n in form.fields])
    form.fields["reason"] = form.fields.pop("reason")


def grouped_fields(form) -> list:
    """The bound fields of `form.groups` ((heading, [names]), ...) that the form has, for the
    sections of staff/funding/object_form.html (the reason follows on its own)."""
    result = []
    for heading, names in getattr(form, "groups", ()):
        fields = [form[name] for name in names if name in form.fields]
        if fields:
            result.append((heading, fields))
    return result


# -- funders and programmes -------------------------------------------------------------------


class FunderForm(VersionedModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Funder
        fields = ["name", "short_name", "website"]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        taken = Funder.objects.filter(region=self.region, name__iexact=name)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Diesen Fördergeber gibt es in der Region schon."))
        return name


PROGRAMME_FIELDS = [
    "funder",
    "name",
    "slug",
    "summary",
    "funding_rate",
    "own_share_rate",
    "third_party_max_share_of_own",
    "max_grant",
    "total_volume",
    "max_months",
    "cost_types",
    "applicant_types",
    "phases",
    "fields",
    "keywords",
    "funding_type",
    "funding_area",
    "funding_region",
    "eligible_recipients",
    "legal_basis",
    "contact",
    "website",
    "external_id",
    "internal_notes",
    "published",
]


class ProgrammeForm(VersionedModelForm):
    """A programme with its rules (rates in per cent, amounts in euros) and the descriptive
    fields of the Förderdatenbank des Bundes."""

    groups = [
        (_("Programm"), ["funder", "name", "slug", "summary", "published"]),
        (
            _("Förderregeln"),
            [
                "funding_rate",
                "own_share_rate",
                "third_party_max_share_of_own",
                "max_grant",
                "total_volume",
                "max_months",
                "cost_types",
                "applicant_types",
                "phases",
            ],
        ),
        (_("Abgleich mit Projekten"), ["fields", "keywords"]),
        (
            _("Angaben der Förderdatenbank"),
            [
                "funding_type",
                "funding_area",
                "funding_region",
                "eligible_recipients",
                "legal_basis",
                "contact",
                "website",
                "external_id",
            ],
        ),
        (_("Intern"), ["internal_notes"]),
    ]

    funder = IdModelChoiceField(label=_("Fördergeber"), queryset=Funder.objects.none())
    funding_rate = RateField(
        label=_("Fördersatz (%)"), required=False, help_text=_("z. B. 65; leer, wenn unbekannt")
    )
    own_share_rate = RateField(
        label=_("Eigenanteil (%)"),
        required=False,
        help_text=_("z. B. 35; leer: 100 % minus Fördersatz"),
    )
    third_party_max_share_of_own = RateField(
        label=_("Mittel Dritter: höchstens so viel Prozent des Eigenanteils"),
        required=False,
        help_text=_("50: Dritte dürfen den Eigenanteil um bis zu die Hälfte verringern"),
    )
    max_grant = AmountField(
        label=_("Höchstbetrag je Antrag (€)"),
        required=False,
        help_text=_("z. B. 15.000.000,00 oder 15 Mio."),
    )
    total_volume = AmountField(label=_("Gesamtvolumen (€)"), required=False)
    cost_types = forms.MultipleChoiceField(
        label=_("Förderfähige Kosten"),
        choices=CostType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    applicant_types = forms.MultipleChoiceField(
        label=_("Antragsberechtigte"),
        choices=ApplicantType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    fields = IdMultipleChoiceField(
        label=_("Handlungsfelder"),
        queryset=Field.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    website = forms.URLField(
        label=_("Website"), required=False, assume_scheme="https", max_length=500
    )

    class Meta:
        model = Programme
        fields = [n for n in PROGRAMME_FIELDS if n != "fields"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "phases": forms.Textarea(attrs={"rows": 3}),
            "contact": forms.Textarea(attrs={"rows": 3}),
            "keywords": forms.Textarea(attrs={"rows": 2}),
            "internal_notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "slug": _("Leer lassen für einen Vorschlag aus dem Namen."),
            "published": _("Veröffentlichte Programme stehen auf der öffentlichen Website."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funder"].queryset = Funder.objects.filter(region=self.region)
        self.fields["fields"].queryset = Field.objects.filter(region=self.region).order_by(
            "position", "name", "pk"
        )
        self.fields["slug"].required = False
        self.fields["max_months"].widget.attrs.update(min=1, max=1200)
        if self.is_edit:
            self.fields["fields"].initial = sorted(
                self.instance.fields.values_list("pk", flat=True)
            )
        ordered(self, PROGRAMME_FIELDS)

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def clean_slug(self):
        slug = (self.cleaned_data.get("slug") or "").strip()
        if slug and self._taken(slug=slug):
            raise forms.ValidationError(_("Dieses Kürzel ist in der Region schon vergeben."))
        return slug

    def clean_external_id(self):
        value = (self.cleaned_data.get("external_id") or "").strip()
        if value and self._taken(external_id=value):
            raise forms.ValidationError(
                _("Ein Programm mit dieser Kennung der Förderdatenbank gibt es schon.")
            )
        return value

    def _taken(self, **lookup) -> bool:
        taken = Programme.objects.filter(region=self.region, **lookup)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        return taken.exists()

    def clean(self):
        data = super().clean()
        rate, own = data.get("funding_rate"), data.get("own_share_rate")
        if rate is not None and own is not None and rate + own > 1:
            self.add_error(
                "own_share_rate",
                _("Fördersatz und Eigenanteil ergeben zusammen mehr als 100 %."),
            )
        return data

    def model_values(self) -> dict:
        values = super().model_values()
        if not values.get("slug"):
            values.pop("slug", None)  # a new programme gets one from its name
        return values

    def links(self) -> dict[str, list[int]]:
        return {"fields": [f.pk for f in self.cleaned_data.get("fields") or []]}


# -- calls and their later deadlines ------------------------------------------------------------


def moment_or_error(form, date_name: str, time_text: str) -> datetime.datetime | None:
    """The moment of a date field and a typed time, or None with the error on the date."""
    try:
        return moment(form.cleaned_data[date_name], time_text)
    except AmountError as exc:
        form.add_error(date_name, exc.message)
        return None


class CallForm(VersionedModelForm):
    """A call with its opening and deadline, each typed as a date and a time ("24:00" is the
    end of that day, Europe/Berlin). A new call's deadline must lie ahead."""

    programme = IdModelChoiceField(label=_("Programm"), queryset=Programme.objects.none())
    opens_date = forms.DateField(label=_("Beginn (Datum)"), required=False, widget=DATE_WIDGET)
    opens_time = TimeTextField(
        label=_("Beginn (Uhrzeit)"), required=False, help_text=_("leer: 0:00 Uhr")
    )
    deadline_date = forms.DateField(label=_("Bewerbungsfrist (Datum)"), widget=DATE_WIDGET)
    deadline_time = TimeTextField(
        label=_("Bewerbungsfrist (Uhrzeit)"),
        required=False,
        help_text=_("„24:00“ ist das Ende des Tages; leer: 24:00 Uhr"),
    )
    website = forms.URLField(
        label=_("Website"), required=False, assume_scheme="https", max_length=500
    )

    class Meta:
        model = Call
        fields = ["programme", "title", "website", "published"]
        help_texts = {
            "published": _("Veröffentlichte Aufrufe stehen auf der öffentlichen Website."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.filter(region=self.region)
        if self.is_edit:
            day, time = split_moment(self.instance.opens_at, midnight_ends_day=False)
            self.fields["opens_date"].initial, self.fields["opens_time"].initial = day, time
            day, time = split_moment(self.instance.deadline, midnight_ends_day=True)
            self.fields["deadline_date"].initial = day
            self.fields["deadline_time"].initial = time
        else:
            self.fields["deadline_time"].initial = "24:00"
        ordered(
            self,
            [
                "programme",
                "title",
                "opens_date",
                "opens_time",
                "deadline_date",
                "deadline_time",
                "website",
                "published",
            ],
        )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        opens = None
        if data.get("opens_date"):
            opens = moment_or_error(self, "opens_date", data.get("opens_time") or "00:00")
        elif data.get("opens_time"):
            self.add_error("opens_date", _("Bitte zur Uhrzeit auch das Datum angeben."))
        deadline = moment_or_error(self, "deadline_date", data.get("deadline_time") or "24:00")
        if self.errors:
            return data
        if not self.is_edit and deadline <= timezone.now():
            self.add_error(
                "deadline_date",
                _(
                    "Die Bewerbungsfrist liegt in der Vergangenheit; ein neuer Aufruf braucht "
                    "eine Frist in der Zukunft."
                ),
            )
        if opens is not None and opens >= deadline:
            self.add_error("opens_date", _("Der Beginn muss vor der Bewerbungsfrist liegen."))
        data["opens_at"], data["deadline"] = opens, deadline
        return data

    def model_values(self) -> dict:
        values = super().model_values()
        values["opens_at"] = self.cleaned_data["opens_at"]
        values["deadline"] = self.cleaned_data["deadline"]
        return values


class CallDeadlineForm(VersionedModelForm):
    """A later deadline of a call (e.g. council decisions on the own share)."""

    due_date = forms.DateField(label=_("Frist (Datum)"), widget=DATE_WIDGET)
    due_time = TimeTextField(
        label=_("Frist (Uhrzeit)"),
        required=False,
        help_text=_("„24:00“ ist das Ende des Tages; leer: 24:00 Uhr"),
    )

    class Meta:
        model = CallDeadline
        fields = ["title"]
        help_texts = {"title": _("z. B. „Ratsbeschlüsse zum Eigenanteil“")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_edit:
            day, time = split_moment(self.instance.due, midnight_ends_day=True)
            self.fields["due_date"].initial, self.fields["due_time"].initial = day, time
        else:
            self.fields["due_time"].initial = "24:00"
        ordered(self, ["title", "due_date", "due_time"])

    def clean(self):
        data = super().clean()
        if not self.errors:
            data["due"] = moment_or_error(self, "due_date", data.get("due_time") or "24:00")
        return data

    def model_values(self) -> dict:
        return {**super().model_values(), "due": self.cleaned_data["due"]}
