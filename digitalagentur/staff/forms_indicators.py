"""Forms of the indicators in the staff area: the indicator, its targets and values, the import.

Forms validate input only; writes go through indicators.services, and indicators.rules has the
last word on who may write what.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from digitalagentur.indicators.choices import IndicatorStatus
from digitalagentur.indicators.importer import MAX_BYTES
from digitalagentur.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from digitalagentur.indicators.numbers import parse_decimal
from digitalagentur.indicators.rules import value_write_denial
from digitalagentur.portfolio.models import Project
from digitalagentur.strategy.models import Field, Goal
from digitalagentur.tenancy.models import Municipality

from .forms import IdModelChoiceField, IdMultipleChoiceField, VersionedModelForm

# The indicator's relations: form field (named like the model's) -> label.
LINK_NAMES = ("fields", "goals", "projects", "municipalities")


class GoalChoiceField(IdMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.field.name}: {obj.title}"


class DecimalInput(forms.DecimalField):
    """A number as typed in German (12,5) or English (12.5), by the rule of the import
    (indicators/numbers.py): no thousands separators, at most 4 decimal places."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        parsed = parse_decimal(value)
        if parsed is None:
            raise forms.ValidationError(
                _(
                    "Bitte eine Zahl mit höchstens 4 Nachkommastellen und höchstens 11 Stellen "
                    "davor angeben (z. B. 12,5 oder 1650; ohne Tausenderpunkte)."
                ),
                code="invalid",
            )
        return parsed


class IndicatorForm(VersionedModelForm):
    """An indicator with its links to fields, goals, projects and towns of the region."""

    fields = IdMultipleChoiceField(
        label=_("Handlungsfelder"),
        queryset=Field.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    goals = GoalChoiceField(
        label=_("Ziele"),
        queryset=Goal.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Mehrere mit Strg (Mac: Cmd) auswählen."),
    )
    projects = IdMultipleChoiceField(
        label=_("Projekte"),
        queryset=Project.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Mehrere mit Strg (Mac: Cmd) auswählen."),
    )
    municipalities = IdMultipleChoiceField(
        label=_("Kommunen"),
        queryset=Municipality.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kommunen, für die dieser Indikator eigene Werte hat."),
    )

    class Meta:
        model = Indicator
        fields = [
            "name",
            "slug",
            "unit",
            "direction",
            "decimals",
            "description",
            "source",
            "owner",
            "interval_months",
            "is_demo",
            "published",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "slug": _(
                "Teil der öffentlichen Adresse und im Import verwendbar; leer lassen für einen "
                "Vorschlag aus dem Namen. Eine Änderung ändert die öffentliche Adresse."
            ),
            "published": _("Veröffentlichte Indikatoren stehen auf der öffentlichen Website."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        region = self.region
        self.fields["slug"].required = False
        self.fields["decimals"].widget.attrs["max"] = 4
        self.fields["interval_months"].widget.attrs.update(min=1, max=120)
        self.fields["fields"].queryset = Field.objects.filter(region=region)
        self.fields["goals"].queryset = Goal.objects.filter(region=region).select_related("field")
        self.fields["projects"].queryset = Project.objects.filter(region=region).order_by(
            "title", "pk"
        )
        self.fields["municipalities"].queryset = Municipality.objects.filter(region=region)
        if self.is_edit:
            for name in LINK_NAMES:
                self.fields[name].initial = sorted(
                    getattr(self.instance, name).values_list("pk", flat=True)
                )
        self.order_fields([*self._meta.fields, *LINK_NAMES])
        self.fields["reason"] = self.fields.pop("reason")

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def clean_interval_months(self):
        months = self.cleaned_data["interval_months"]
        if months < 1:
            raise forms.ValidationError(_("Bitte mindestens einen Monat angeben."))
        return months

    def clean_slug(self):
        slug = (self.cleaned_data.get("slug") or "").strip()
        if not slug:
            return ""
        taken = Indicator.objects.filter(region=self.region, slug=slug)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Dieses Kürzel ist in der Region schon vergeben."))
        return slug

    def model_values(self) -> dict:
        values = super().model_values()
        if not values.get("slug"):
            # Empty: a new indicator gets one from its name, an edited one keeps its own.
            values.pop("slug", None)
        return values

    def links(self) -> dict[str, list[int]]:
        return {name: [o.pk for o in self.cleaned_data.get(name) or []] for name in LINK_NAMES}


class IndicatorTargetForm(VersionedModelForm):
    value = DecimalInput(label=_("Zielwert"))

    class Meta:
        model = IndicatorTarget
        fields = ["date", "value", "note"]


class IndicatorValueForm(VersionedModelForm):
    """A measured value; officers choose only among their own towns (never the whole region)."""

    value = DecimalInput(label=_("Wert"))
    municipality = IdModelChoiceField(
        label=_("Kommune"), queryset=Municipality.objects.none(), required=False
    )

    class Meta:
        model = IndicatorValue
        fields = ["date", "value", "municipality", "note"]

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.access = access
        towns = Municipality.objects.filter(region=self.region)
        field = self.fields["municipality"]
        if access.can_manage:
            field.queryset = towns
            field.empty_label = _("– ganze Region –")
            field.help_text = _("Leer: Wert für die ganze Region")
        else:
            field.queryset = towns.filter(pk__in=access.officer_town_ids)
            field.required = True
            field.empty_label = None
            field.help_text = _("Sie tragen Werte Ihrer Kommune ein.")
        self.order_fields(["date", "value", "municipality", "note"])
        self.fields["reason"] = self.fields.pop("reason")

    def clean(self):
        data = super().clean()
        if "municipality" in data:
            town = data["municipality"]
            denial = value_write_denial(self.access, town.pk if town else None)
            if denial:
                self.add_error("municipality", denial)
        return data


class IndicatorFilterForm(forms.Form):
    """The filters of the staff list (GET); invalid values are ignored with a note."""

    q = forms.CharField(label=_("Suche"), required=False, max_length=100)
    field = IdModelChoiceField(
        label=_("Handlungsfeld"), queryset=Field.objects.none(), required=False
    )
    status = forms.ChoiceField(label=_("Bewertung"), required=False)
    aktuell = forms.ChoiceField(
        label=_("Aktualität"),
        required=False,
        choices=[("", _("alle")), ("1", _("aktuell")), ("0", _("kein aktueller Wert"))],
    )
    sichtbarkeit = forms.ChoiceField(
        label=_("Sichtbarkeit"),
        required=False,
        choices=[("", _("alle")), ("1", _("veröffentlicht")), ("0", _("Entwurf"))],
    )

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = Field.objects.filter(region=region)
        self.fields["field"].empty_label = _("alle")
        self.fields["status"].choices = [("", _("alle")), *IndicatorStatus.choices]


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Datei (CSV oder XLSX)"),
        help_text=_(
            "Höchstens 2 MB. Erste Zeile: Indikator;Stichtag;Wert;Kommune;Anmerkung. Es wird "
            "zuerst nur geprüft; gespeichert wird erst nach Ihrer Bestätigung."
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("Die Datei ist größer als 2 MB."))
        if not upload.name.lower().endswith((".csv", ".txt", ".xlsx")):
            raise forms.ValidationError(_("Bitte laden Sie eine CSV- oder XLSX-Datei hoch."))
        return upload


class ImportApplyForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
