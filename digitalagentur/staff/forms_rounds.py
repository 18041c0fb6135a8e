"""Forms of the assessment rounds in the staff area (issue 9 §2, §3): the round itself (its
questionnaire, towns, fields, deadline and grouping rule) and a priority-group override.

Forms validate input only; writes go through assessment/rounds.py and
assessment/result_actions.py.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from digitalagentur.assessment.models import Combine, Questionnaire, QuestionnaireKind, Round
from digitalagentur.assessment.questionnaires import latest_revisions
from digitalagentur.assessment.results import ROMAN
from digitalagentur.core.text import german_slugify
from digitalagentur.indicators.numbers import parse_decimal, plain
from digitalagentur.strategy.models import Field, Strategy
from digitalagentur.tenancy.models import Municipality

from .forms import DATE_WIDGET, IdModelChoiceField, IdMultipleChoiceField, VersionedModelForm
from .forms_funding import TimeTextField, moment_or_error
from .funding_input import split_moment

SIZES, THRESHOLDS = "sizes", "thresholds"
RESERVED = {"neu"}  # paths of staff/urls_rounds.py
_SIZES = re.compile(r"\s*\d{1,3}(\s*[,;/ ]\s*\d{1,3})*\s*")


def parse_sizes(text: str) -> list[int]:
    """ "2, 3, 3" (or "2/3/3", "2 3 3") as [2, 3, 3]; ValueError with a German message."""
    if not _SIZES.fullmatch(text or ""):
        raise ValueError(
            _(
                "Bitte die Gruppengrößen als ganze Zahlen angeben, getrennt durch Kommas, "
                "z. B. „2, 3, 3“."
            )
        )
    sizes = [int(part) for part in re.split(r"[,;/ ]+", text.strip()) if part]
    if any(size < 1 for size in sizes):
        raise ValueError(_("Jede Gruppe braucht mindestens ein Handlungsfeld."))
    if len(sizes) > 9:
        raise ValueError(_("Höchstens neun Gruppen."))
    return sizes


def parse_thresholds(text: str) -> list[Decimal]:
    """ "6; 4,5" as [6, 4.5] (German decimals, separated by a semicolon)."""
    parts = [p.strip() for p in (text or "").split(";")]
    values = [parse_decimal(p) for p in parts]
    if len(parts) != 2 or any(v is None for v in values):
        raise ValueError(
            _("Bitte zwei Schwellenwerte angeben, getrennt durch ein Semikolon, z. B. „12; 6,5“.")
        )
    if values[0] < values[1]:
        raise ValueError(
            _("Der erste Schwellenwert (Gruppe I) darf nicht kleiner sein als der zweite.")
        )
    if any(v < 0 for v in values):
        raise ValueError(_("Schwellenwerte dürfen nicht negativ sein."))
    return values


def latest_assessment_questionnaires(region):
    """The newest revision of every assessment questionnaire of the region."""
    return latest_revisions(region).filter(kind=QuestionnaireKind.ASSESSMENT)


class RoundForm(VersionedModelForm):
    """A round: the newest revision of an assessment questionnaire, the towns (all of the
    region by default), the fields (all of the strategy by default), a deadline typed as date
    and time, and the grouping rule (sizes "2, 3, 3" or thresholds "12; 6,5")."""

    questionnaire = IdModelChoiceField(label=_("Fragebogen"), queryset=Questionnaire.objects.none())
    towns = IdMultipleChoiceField(
        label=_("Teilnehmende Kommunen"),
        queryset=Municipality.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Bitte mindestens eine Kommune auswählen.")},
    )
    field_choices = IdMultipleChoiceField(
        label=_("Handlungsfelder"),
        queryset=Field.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Bitte mindestens ein Handlungsfeld auswählen.")},
    )
    deadline_date = forms.DateField(label=_("Frist (Datum)"), widget=DATE_WIDGET)
    deadline_time = TimeTextField(
        label=_("Frist (Uhrzeit)"),
        required=False,
        help_text=_("„24:00“ ist das Ende des Tages; leer: 24:00 Uhr"),
    )
    grouping = forms.ChoiceField(
        label=_("Einteilung in Prioritätengruppen"),
        choices=[
            (SIZES, _("feste Gruppengrößen (in der Reihenfolge der Rangliste)")),
            (THRESHOLDS, _("Schwellenwerte auf den Gesamtwert")),
        ],
        widget=forms.RadioSelect,
        initial=SIZES,
    )
    sizes_text = forms.CharField(
        label=_("Gruppengrößen"),
        required=False,
        max_length=60,
        help_text=_("z. B. „2, 3, 3“; die Summe muss der Zahl der Handlungsfelder entsprechen."),
    )
    thresholds_text = forms.CharField(
        label=_("Schwellenwerte"),
        required=False,
        max_length=60,
        help_text=_("z. B. „12; 6,5“: ab 12 Gruppe I, ab 6,5 Gruppe II, darunter Gruppe III."),
    )

    class Meta:
        model = Round
        # Publishing has its own confirmation page (staff:round_publish), not a checkbox here.
        fields = ["title", "slug", "description", "questionnaire", "combine"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"slug": _("Teil der Adresse; leer: aus dem Titel gebildet.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["combine"].choices = Combine.choices
        current = self.instance.questionnaire_id if self.is_edit else None
        queryset = latest_assessment_questionnaires(self.region)
        if current:
            queryset = queryset | Questionnaire.objects.filter(pk=current)
        self.fields["questionnaire"].queryset = queryset.order_by("title", "-revision")
        towns = Municipality.objects.filter(region=self.region).order_by("name")
        self.fields["towns"].queryset = towns
        strategy = Strategy.objects.filter(region=self.region).first()
        fields = Field.objects.filter(region=self.region)
        if strategy is not None:
            fields = fields.filter(strategy=strategy)
        self.fields["field_choices"].queryset = fields.order_by("position", "name")
        if self.is_edit:
            self.fields["towns"].initial = list(
                self.instance.municipalities.values_list("pk", flat=True)
            )
            self.fields["field_choices"].initial = list(
                self.instance.fields.values_list("pk", flat=True)
            )
            day, time = split_moment(self.instance.deadline, midnight_ends_day=True)
            self.fields["deadline_date"].initial = day
            self.fields["deadline_time"].initial = time
            if self.instance.thresholds:
                self.fields["grouping"].initial = THRESHOLDS
                self.fields["thresholds_text"].initial = "; ".join(
                    plain(Decimal(str(v))) for v in self.instance.thresholds
                )
            if self.instance.group_sizes:
                self.fields["sizes_text"].initial = ", ".join(
                    str(v) for v in self.instance.group_sizes
                )
        else:
            self.fields["towns"].initial = [t.pk for t in towns]
            self.fields["field_choices"].initial = [
                f.pk for f in self.fields["field_choices"].queryset
            ]
            self.fields["deadline_time"].initial = "24:00"
            self.fields["sizes_text"].initial = "2, 3, 3"
        names = [
            "title",
            "slug",
            "description",
            "questionnaire",
            "towns",
            "field_choices",
            "deadline_date",
            "deadline_time",
            "combine",
            "grouping",
            "sizes_text",
            "thresholds_text",
        ]
        self.order_fields([n for n in names if n in self.fields])
        self.fields["reason"] = self.fields.pop("reason")

    def clean(self):
        data = super().clean()
        if not data.get("slug") and data.get("title"):
            data["slug"] = german_slugify(data["title"])[:120] or "runde"
        slug = data.get("slug")
        if slug:
            taken = Round.objects.filter(region=self.region, slug=slug)
            if self.is_edit:
                taken = taken.exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error(
                    "slug" if self.data.get("slug") else "title",
                    _("Dieses Kürzel ist schon vergeben."),
                )
        if slug in RESERVED:
            self.add_error("slug", _("Dieses Kürzel ist für Seiten reserviert; bitte ein anderes."))
        if data.get("deadline_date"):
            data["deadline"] = moment_or_error(
                self, "deadline_date", data.get("deadline_time") or "24:00"
            )
        data["group_sizes"] = data["thresholds"] = None
        if data.get("grouping") == THRESHOLDS:
            try:
                data["thresholds"] = parse_thresholds(data.get("thresholds_text", ""))
            except ValueError as exc:
                self.add_error("thresholds_text", str(exc.args[0]))
        elif data.get("grouping") == SIZES:
            try:
                sizes = parse_sizes(data.get("sizes_text", ""))
            except ValueError as exc:
                self.add_error("sizes_text", str(exc.args[0]))
            else:
                chosen = data.get("field_choices")
                if chosen is not None and sum(sizes) != len(chosen):
                    self.add_error(
                        "sizes_text",
                        _(
                            "Die Gruppengrößen ergeben zusammen %(sum)s, es sind aber "
                            "%(count)s Handlungsfelder ausgewählt."
                        )
                        % {"sum": sum(sizes), "count": len(chosen)},
                    )
                data["group_sizes"] = sizes
        return data

    def model_values(self) -> dict:
        values = super().model_values()
        data = self.cleaned_data
        values.update(
            slug=data["slug"],
            deadline=data["deadline"],
            group_sizes=data["group_sizes"],
            thresholds=data["thresholds"],
        )
        return values

    def m2m_values(self) -> dict:
        """The chosen towns and fields (model instances, as assessment.rounds takes them)."""
        return {
            "municipalities": list(self.cleaned_data["towns"]),
            "fields": list(self.cleaned_data["field_choices"]),
        }


class OverrideForm(forms.Form):
    """Put one field into another priority group, with the reason (required)."""

    priority_group = forms.TypedChoiceField(label=_("Prioritätengruppe"), coerce=int)
    reason = forms.CharField(
        label=_("Begründung"),
        max_length=500,
        error_messages={"required": _("Bitte begründen Sie die abweichende Einstufung.")},
    )
    # The version of the override the page showed (empty: there was none).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, group_count: int = 3, **kwargs):
        super().__init__(*args, **kwargs)
        self.group_count = group_count
        self.fields["priority_group"].choices = [
            (n, _("Gruppe %(group)s") % {"group": ROMAN[n - 1]})
            for n in range(1, min(group_count, len(ROMAN)) + 1)
        ]

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Bitte begründen Sie die abweichende Einstufung."))
        return reason
