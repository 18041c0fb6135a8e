"""Forms of applications and their financing plans in the staff area: the application, the
towns' manual parts of the own share, sub-projects, budget lines and the plan editor (all
budget lines of an application in one form, one formset per sub-project).

Forms validate input only; writes go through funding.services, and funding.rules has the last
word on who may write what.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from digitalagentur.funding.finance import Rules, compute
from digitalagentur.funding.models import (
    Application,
    BudgetLine,
    Call,
    LineKind,
    Programme,
    SubProject,
)
from digitalagentur.funding.overview import duration_months
from digitalagentur.funding.rules import application_write_denial
from digitalagentur.portfolio.models import Project
from digitalagentur.tenancy.models import Municipality

from .forms import (
    DATE_WIDGET,
    IdModelChoiceField,
    IdMultipleChoiceField,
    VersionedModelForm,
    reason_field,
)
from .forms_funding import AmountField, ordered

ZERO = Decimal("0.00")

APPLICATION_FIELDS = [
    "title",
    "slug",
    "call",
    "programme",
    "summary",
    "status",
    "district_applies",
    "municipalities",
    "partners",
    "projects",
    "submitted_on",
    "decided_on",
    "start_date",
    "end_date",
    "requested_amount",
    "granted_amount",
    "third_party",
    "split_mode",
    "internal_notes",
    "published",
]
APPLICATION_LINKS = ("municipalities", "projects")


class CallChoiceField(IdModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.programme.name})"


def duration_error(programme: Programme | None, start, end) -> str | None:
    """The financing rules' error for a duration over the programme's maximum (the message of
    funding.finance.compute, so that form, plan editor and API say the same)."""
    if programme is None or programme.max_months is None or start is None or end is None:
        return None
    months = duration_months(Application(start_date=start, end_date=end))
    errors = compute(
        Rules(funding_rate=Decimal(0), max_months=programme.max_months),
        [],
        duration_months=months,
    ).errors
    return errors[0] if errors else None


class ApplicationForm(VersionedModelForm):
    """An application of the region: call and programme of the region only (the programme
    defaults to the call's), towns and projects of the region. Officers must keep their own
    town among the participating towns and do not publish."""

    groups = [
        (_("Antrag"), ["title", "slug", "call", "programme", "summary", "status", "published"]),
        (_("Beteiligte"), ["district_applies", "municipalities", "partners", "projects"]),
        (_("Termine"), ["submitted_on", "decided_on", "start_date", "end_date"]),
        (_("Beträge"), ["requested_amount", "granted_amount", "third_party", "split_mode"]),
        (_("Intern"), ["internal_notes"]),
    ]

    call = CallChoiceField(
        label=_("Aufruf"),
        queryset=Call.objects.none(),
        required=False,
        help_text=_("Leer, solange der Aufruf nicht feststeht"),
    )
    programme = IdModelChoiceField(
        label=_("Programm"),
        queryset=Programme.objects.none(),
        required=False,
        help_text=_("Leer: das Programm des Aufrufs"),
    )
    municipalities = IdMultipleChoiceField(
        label=_("Beteiligte Kommunen"),
        queryset=Municipality.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    projects = IdMultipleChoiceField(
        label=_("Projekte"),
        queryset=Project.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Mehrere mit Strg (Mac: Cmd) auswählen."),
    )
    requested_amount = AmountField(label=_("Beantragt (€)"), required=False)
    granted_amount = AmountField(label=_("Bewilligt (€)"), required=False)
    third_party = AmountField(
        label=_("Mittel Dritter (€)"),
        required=False,
        help_text=_("Zusagen Dritter, die den Eigenanteil verringern; leer: keine"),
    )

    class Meta:
        model = Application
        fields = [n for n in APPLICATION_FIELDS if n not in APPLICATION_LINKS]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "internal_notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "slug": _("Leer lassen für einen Vorschlag aus dem Titel."),
            "published": _(
                "Veröffentlicht und bewilligt: auf der öffentlichen Website unter den "
                "gewonnenen Fördermitteln."
            ),
        }

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.access = access
        region = self.region
        self.fields["call"].queryset = Call.objects.filter(region=region).select_related(
            "programme"
        )
        self.fields["call"].empty_label = _("– noch keiner –")
        self.fields["programme"].queryset = Programme.objects.filter(region=region)
        self.fields["programme"].empty_label = _("– das des Aufrufs oder noch offen –")
        towns = Municipality.objects.filter(region=region).order_by("name")
        self.fields["municipalities"].queryset = towns
        self.fields["projects"].queryset = Project.objects.filter(region=region).order_by(
            "title", "pk"
        )
        self.fields["slug"].required = False
        if self.is_edit:
            for name in APPLICATION_LINKS:
                self.fields[name].initial = sorted(
                    getattr(self.instance, name).values_list("pk", flat=True)
                )
        if not access.can_manage:
            del self.fields["published"]
            self.fields["municipalities"].help_text = _("Ihre Kommune muss beteiligt sein.")
            if not self.is_edit and len(access.officer_town_ids) == 1:
                self.fields["municipalities"].initial = list(access.officer_town_ids)
        ordered(self, APPLICATION_FIELDS)

    def clean_title(self):
        return self.cleaned_data["title"].strip()

    def clean_slug(self):
        slug = (self.cleaned_data.get("slug") or "").strip()
        taken = Application.objects.filter(region=self.region, slug=slug)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if slug and taken.exists():
            raise forms.ValidationError(_("Dieses Kürzel ist in der Region schon vergeben."))
        return slug

    def clean_third_party(self):
        return self.cleaned_data.get("third_party") or ZERO

    def clean(self):
        data = super().clean()
        call, programme = data.get("call"), data.get("programme")
        if call is not None and programme is None and "programme" not in self.errors:
            data["programme"] = programme = call.programme
        elif call is not None and programme is not None and call.programme_id != programme.pk:
            self.add_error(
                "programme",
                _("Der Aufruf „%(call)s“ gehört zum Programm „%(programme)s“.")
                % {"call": call.title, "programme": call.programme.name},
            )
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Das Ende liegt vor dem Beginn."))
        elif error := duration_error(programme, start, end):
            self.add_error("end_date", error)
        submitted, decided = data.get("submitted_on"), data.get("decided_on")
        if submitted and decided and decided < submitted:
            self.add_error("decided_on", _("Die Entscheidung liegt vor der Einreichung."))
        if "municipalities" in data:
            town_ids = {t.pk for t in data["municipalities"]}
            if application_write_denial(self.access, town_ids=town_ids):
                self.add_error(
                    "municipalities",
                    _(
                        "Bitte Ihre Kommune unter den beteiligten Kommunen lassen: Sie dürfen "
                        "nur Förderanträge bearbeiten, an denen sie beteiligt ist."
                    ),
                )
        return data

    def model_values(self) -> dict:
        values = super().model_values()
        if not values.get("slug"):
            values.pop("slug", None)  # a new application gets one from its title
        return values

    def links(self) -> dict[str, list[int]]:
        return {
            name: sorted(o.pk for o in self.cleaned_data.get(name) or [])
            for name in APPLICATION_LINKS
        }


WEIGHT_INVALID = _("Bitte einen Anteil zwischen 0 und 100 % angeben, z. B. 12,5.")
_WEIGHT = re.compile(r"\d{1,3}(?:[.,]\d{1,4})?")


class WeightField(forms.CharField):
    """A town's part of the own share in per cent (0 to 100, up to four places)."""

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "decimal", "autocomplete": "off"}

    def to_python(self, value):
        value = (super().to_python(value) or "").replace("%", "").strip()
        if not value:
            return None
        if not _WEIGHT.fullmatch(value):
            raise forms.ValidationError(WEIGHT_INVALID, code="invalid")
        weight = Decimal(value.replace(",", "."))
        if weight > 100:
            raise forms.ValidationError(WEIGHT_INVALID, code="invalid")
        return weight

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return format(value.normalize(), "f").replace(".", ",")
        return value


class OwnShareWeightsForm(forms.Form):
    """The manual parts of the own share: one field per participating town (empty: none),
    with the version of each stored part (hidden) for stale-edit protection."""

    def __init__(self, *args, towns, weights, **kwargs):
        super().__init__(*args, **kwargs)
        self.towns = list(towns)
        self.weights = weights  # municipality id -> OwnShareWeight
        for town in self.towns:
            stored = weights.get(town.pk)
            self.fields[f"anteil_{town.pk}"] = WeightField(
                label=_("%(town)s (%%)") % {"town": town.name},
                required=False,
                initial=stored.weight if stored else None,
            )
            if stored is not None:
                self.fields[f"version_{town.pk}"] = forms.IntegerField(
                    widget=forms.HiddenInput, initial=stored.version, min_value=1
                )
        self.fields["reason"] = reason_field()

    def parts(self) -> list[tuple[Municipality, Decimal | None, int | None]]:
        """(town, weight or None, the version the editor saw or None) per town."""
        return [
            (
                town,
                self.cleaned_data.get(f"anteil_{town.pk}"),
                self.cleaned_data.get(f"version_{town.pk}"),
            )
            for town in self.towns
        ]


class SubProjectForm(VersionedModelForm):
    project = IdModelChoiceField(
        label=_("Projekt"), queryset=Project.objects.none(), required=False
    )

    class Meta:
        model = SubProject
        fields = ["title", "position", "project"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.filter(region=self.region).order_by(
            "title", "pk"
        )
        self.fields["project"].empty_label = _("– kein Projekt –")
        self.fields["position"].widget.attrs["max"] = 32767

    def clean_title(self):
        return self.cleaned_data["title"].strip()


class BudgetLineForm(VersionedModelForm):
    amount = AmountField(label=_("Betrag (€)"), help_text=_("z. B. 12.500,00"))

    class Meta:
        model = BudgetLine
        fields = ["label", "year", "kind", "eligible", "amount"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].widget.attrs.update(min=1990, max=2100)


# -- the plan editor ----------------------------------------------------------------------------


class PlanForm(forms.Form):
    """The application's figures the plan depends on: its dates (the duration) and the
    third-party money. Saved only when changed."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    start_date = forms.DateField(
        label=_("Beginn"),
        required=False,
        widget=DATE_WIDGET,
    )
    end_date = forms.DateField(
        label=_("Ende"),
        required=False,
        widget=DATE_WIDGET,
    )
    third_party = AmountField(
        label=_("Mittel Dritter (€)"),
        required=False,
        help_text=_("Zusagen Dritter, die den Eigenanteil verringern"),
    )
    reason = reason_field()

    def __init__(self, *args, application, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "version": application.version,
                "start_date": application.start_date,
                "end_date": application.end_date,
                "third_party": application.third_party,
            },
        )
        super().__init__(*args, **kwargs)
        self.application = application

    def clean_third_party(self):
        return self.cleaned_data.get("third_party") or ZERO

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Das Ende liegt vor dem Beginn."))
        return data

    def values(self) -> dict:
        return {n: self.cleaned_data[n] for n in ("start_date", "end_date", "third_party")}

    def values_changed(self) -> bool:
        app = self.application
        return self.values() != {
            "start_date": app.start_date,
            "end_date": app.end_date,
            "third_party": app.third_party,
        }


class PlanLineForm(forms.Form):
    """One budget line in the plan editor; `line` and `version` are empty for a new line."""

    line = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    label = forms.CharField(label=_("Bezeichnung"), max_length=300, required=False)
    year = forms.IntegerField(
        label=_("Jahr"),
        required=False,
        min_value=1990,
        max_value=2100,
        widget=forms.NumberInput(attrs={"min": 1990, "max": 2100}),
    )
    kind = forms.ChoiceField(label=_("Art"), choices=LineKind.choices, initial=LineKind.INVESTIVE)
    eligible = forms.BooleanField(label=_("Förderfähig"), required=False, initial=True)
    amount = AmountField(label=_("Betrag (€)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].widget.attrs["data-plan"] = "amount"
        self.fields["kind"].widget.attrs["data-plan"] = "kind"
        self.fields["eligible"].widget.attrs["data-plan"] = "eligible"

    def clean(self):
        data = super().clean()
        if data.get("line") and not data.get("version"):
            raise forms.ValidationError(
                _("Das Formular ist veraltet oder unvollständig. Bitte laden Sie die Seite neu.")
            )
        return data

    def values(self) -> dict:
        return {n: self.cleaned_data[n] for n in ("label", "year", "kind", "eligible", "amount")}


PlanLineFormSet = forms.formset_factory(PlanLineForm, extra=1, can_delete=True, max_num=500)


def line_initial(line: BudgetLine) -> dict:
    return {
        "line": line.pk,
        "version": line.version,
        "label": line.label,
        "year": line.year,
        "kind": line.kind,
        "eligible": line.eligible,
        "amount": line.amount,
    }
