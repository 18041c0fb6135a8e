"""Forms of the staff resources (issue 14, section 3): a post, a vacancy, closing a vacancy.
Forms validate input only; views write through network/services.py (change log)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from digitalagentur.directory.models import Person
from digitalagentur.network import rules
from digitalagentur.network.models import Post, Vacancy
from digitalagentur.tenancy.models import Municipality

from .forms import DATE_WIDGET, IdModelChoiceField, VersionedModelForm, reason_field

FTE_ERRORS = {
    "required": _("Bitte geben Sie einen Stellenanteil an (z. B. 0,5)."),
    "invalid": _("Bitte geben Sie eine Zahl an (z. B. 0,5)."),
    "max_digits": _("Bitte höchstens 99,99 Stellen angeben."),
    "max_whole_digits": _("Bitte höchstens 99,99 Stellen angeben."),
    "max_decimal_places": _("Bitte höchstens zwei Nachkommastellen angeben."),
}
DATE_ERRORS = {"invalid": _("Bitte geben Sie ein gültiges Datum an.")}


class FteField(forms.DecimalField):
    """A share of a post, with decimal comma or point ("0,5" or "0.5"; no thousands), shown
    with a comma."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget = forms.TextInput(attrs={"inputmode": "decimal", "size": 6})

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return f"{value.normalize():f}".replace(".", ",")
        return value


class PostForm(VersionedModelForm):
    """A post: the coordination chooses any town of the region or the district level (empty);
    an officer only their own town(s)."""

    municipality = IdModelChoiceField(
        label=_("Stadt/Gemeinde"),
        queryset=Municipality.objects.none(),
        error_messages={"invalid_choice": _("Bitte wählen Sie eine Kommune der Liste.")},
    )
    holder = IdModelChoiceField(
        label=_("Stelleninhaber/in"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("– niemand / nicht angegeben –"),
        help_text=_("Aus dem Personenverzeichnis der Digitalagentur."),
        error_messages={"invalid_choice": _("Bitte wählen Sie eine Person der Liste.")},
    )

    class Meta:
        model = Post
        fields = [
            "municipality",
            "title",
            "planned_fte",
            "filled_fte",
            "holder",
            "since",
            "until",
            "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"planned_fte": FteField, "filled_fte": FteField}
        help_texts = {
            "title": _("z. B. „Digitalisierungsbeauftragte/r (CDO)“."),
            "planned_fte": _("Vollzeitäquivalente, z. B. 0,5 für eine halbe Stelle."),
            "filled_fte": _(
                "Davon besetzt; höchstens der geplante Anteil. Ist die Stelle vakant, tragen "
                "Sie die Vakanz ein: dann zählt sie als unbesetzt."
            ),
        }
        error_messages = {
            "title": {
                "required": _("Bitte geben Sie eine Bezeichnung an."),
                "max_length": _("Bitte höchstens %(limit_value)d Zeichen."),
            },
            "planned_fte": FTE_ERRORS,
            "filled_fte": FTE_ERRORS,
            "since": DATE_ERRORS,
            "until": DATE_ERRORS,
        }

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.access = access
        towns = self.fields["municipality"]
        towns.queryset = rules.editable_towns(access, Municipality.objects.all()).order_by("name")
        if access.can_manage:
            towns.required = False
            towns.empty_label = _("– Kreisebene –")
            towns.help_text = _("Leer lassen für eine Stelle auf Kreisebene.")
        else:
            towns.error_messages["required"] = _("Bitte wählen Sie Ihre Kommune.")
        self.fields["holder"].queryset = Person.objects.filter(region=self.region).order_by(
            "name", "pk"
        )
        if not self.is_edit:
            self.fields["planned_fte"].initial = Decimal("0.5")
            self.fields["filled_fte"].initial = Decimal("0.5")

    def model_values(self) -> dict:
        return {k: v for k, v in super().model_values().items() if k in self.Meta.fields}

    def clean_title(self):
        title = " ".join((self.cleaned_data.get("title") or "").split())
        if not title:
            raise forms.ValidationError(_("Bitte geben Sie eine Bezeichnung an."))
        return title


class VacancyForm(VersionedModelForm):
    """A vacancy of a post: from when, until when (empty: still vacant) and why."""

    class Meta:
        model = Vacancy
        fields = ["start", "end", "cause"]
        help_texts = {
            "end": _("Letzter Tag der Vakanz; leer, solange die Stelle unbesetzt ist."),
            "cause": _("z. B. „Stelleninhaberin ausgeschieden, Nachbesetzung läuft“."),
        }
        error_messages = {
            "start": {
                "required": _("Bitte geben Sie an, seit wann die Stelle vakant ist."),
                **DATE_ERRORS,
            },
            "end": DATE_ERRORS,
            "cause": {
                "required": _("Bitte geben Sie den Grund der Vakanz an."),
                "max_length": _("Bitte höchstens %(limit_value)d Zeichen."),
            },
        }

    def __init__(self, *args, post, **kwargs):
        super().__init__(*args, **kwargs)
        self.post = post
        self.instance.post = post

    def model_values(self) -> dict:
        return {k: v for k, v in super().model_values().items() if k in self.Meta.fields}


class VacancyCloseForm(forms.Form):
    """Ending a vacancy: its last vacant day (the post is filled again from the day after)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    end = forms.DateField(
        label=_("vakant bis (letzter Tag)"),
        widget=DATE_WIDGET,
        error_messages={
            "required": _("Bitte geben Sie den letzten Tag der Vakanz an."),
            **DATE_ERRORS,
        },
    )
    reason = reason_field()

    def __init__(self, *args, vacancy, **kwargs):
        super().__init__(*args, **kwargs)
        self.vacancy = vacancy

    def clean_end(self):
        end = self.cleaned_data["end"]
        if end < self.vacancy.start:
            raise forms.ValidationError(_("Das Ende darf nicht vor dem Beginn liegen."))
        return end
