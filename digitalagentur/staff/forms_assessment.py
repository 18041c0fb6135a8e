"""Forms of the questionnaire builder in the staff area (issue 9 §1): questionnaires, their
sections, criteria and questions.

Forms validate input only; writes go through assessment.questionnaires (which keeps answered
questionnaires unchanged by writing a new revision), and assessment.rules has the last word on
who may write. Weights are typed the German way ("1,5").
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.db.models import Case, When
from django.utils.translation import gettext_lazy as _

from digitalagentur.assessment.models import (
    Criterion,
    Dimension,
    Question,
    QuestionKind,
    Questionnaire,
    Section,
)
from digitalagentur.indicators.numbers import plain

from .forms import IdModelChoiceField, VersionedModelForm
from .forms_indicators import DecimalInput

CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
SCALE_POINTS = 5
MAX_OPTIONS = 50
MAX_OPTION_LENGTH = 200


class GermanDecimalField(DecimalInput):
    """A decimal typed with a comma ("1,5") or a point ("1.5") by the project's one rule for
    typed numbers (staff/forms_indicators.py DecimalInput, indicators/numbers.py): thousands
    separators that could be misread ("1.500") are refused, never guessed."""

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("step", None)
        attrs.pop("min", None)
        attrs.pop("max", None)
        attrs.update(inputmode="decimal", autocomplete="off")
        return attrs

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return plain(value)
        return value


def text_input(field):
    """Decimal fields as text inputs (a number input would refuse the German comma)."""
    field.widget = forms.TextInput()
    field.widget.attrs.update(field.widget_attrs(field.widget))
    return field


class QuestionnaireForm(VersionedModelForm):
    class Meta:
        model = Questionnaire
        fields = ["title", "kind", "per_field", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "kind": _(
                "Bedarfsanalyse: die Kommunen beantworten ihn in Bewertungsrunden. Umfrage: "
                "Bürgerinnen und Bürger beantworten ihn öffentlich."
            ),
            "per_field": _(
                "Jede Frage wird einmal für jedes Handlungsfeld der Runde gestellt (wie in der "
                "Bedarfsanalyse der Strategie)."
            ),
        }

    def clean_title(self):
        title = (self.cleaned_data.get("title") or "").strip()
        if not title:
            raise forms.ValidationError(_("Bitte einen Titel angeben."))
        return title


class SectionForm(VersionedModelForm):
    class Meta:
        model = Section
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, questionnaire=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questionnaire = questionnaire


class CriterionForm(VersionedModelForm):
    weight = GermanDecimalField(
        label=_("Gewicht"),
        max_digits=7,
        decimal_places=3,
        initial=Decimal(1),
        help_text=_("Größer als 0; zum Beispiel 1 oder 1,5. Gewichte gelten je Dimension."),
    )

    class Meta:
        model = Criterion
        fields = ["name", "key", "dimension", "weight"]
        help_texts = {
            "key": _(
                "Kurzer Schlüssel aus Kleinbuchstaben, Ziffern und Bindestrichen, z. B. "
                "„arbeitsplaetze“; eindeutig im Fragebogen."
            )
        }

    def __init__(self, *args, questionnaire=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questionnaire = questionnaire
        text_input(self.fields["weight"])

    def clean_weight(self):
        weight = self.cleaned_data.get("weight")
        if weight is not None and weight <= 0:
            raise forms.ValidationError(_("Das Gewicht muss größer als 0 sein."))
        return weight

    def clean_key(self):
        key = (self.cleaned_data.get("key") or "").strip().lower()
        if self.questionnaire is not None and key:
            others = Criterion.objects.filter(questionnaire=self.questionnaire, key=key)
            if self.instance.pk:
                others = others.exclude(pk=self.instance.pk)
            if others.exists():
                raise forms.ValidationError(_("Diesen Schlüssel hat schon ein Kriterium."))
        return key


class QuestionForm(VersionedModelForm):
    """A question with the fields of every kind; the ones that do not fit the kind are
    ignored (and emptied) on saving."""

    options_text = forms.CharField(
        label=_("Antwortmöglichkeiten"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Nur bei Einfach- und Mehrfachauswahl: eine Antwortmöglichkeit je Zeile."),
    )
    min_value = GermanDecimalField(
        label=_("kleinster Wert"),
        required=False,
        max_digits=15,
        decimal_places=2,
        help_text=_("Nur bei Zahlen; optional."),
    )
    max_value = GermanDecimalField(
        label=_("größter Wert"),
        required=False,
        max_digits=15,
        decimal_places=2,
        help_text=_("Nur bei Zahlen; optional."),
    )

    class Meta:
        model = Question
        fields = ["section", "text", "help_text", "kind", "required", "criterion"]
        help_texts = {
            "criterion": _(
                "Nur bei Skalenfragen: die Antworten gehen in die Bewertung dieses Kriteriums ein."
            ),
        }

    def __init__(self, *args, questionnaire, **kwargs):
        super().__init__(*args, **kwargs)
        self.questionnaire = questionnaire
        self.fields["section"] = IdModelChoiceField(
            queryset=Section.objects.filter(questionnaire=questionnaire),
            label=_("Abschnitt"),
            empty_label=None,
        )
        self.fields["kind"].choices = QuestionKind.choices  # no empty choice
        relevance_first = Case(When(dimension=Dimension.RELEVANCE, then=0), default=1)
        self.fields["criterion"] = IdModelChoiceField(
            queryset=Criterion.objects.filter(questionnaire=questionnaire).order_by(
                relevance_first, "position", "pk"
            ),
            label=_("Kriterium"),
            required=False,
            empty_label=_("– kein Kriterium –"),
            help_text=self.fields["criterion"].help_text,
        )
        self.fields["criterion"].label_from_instance = lambda c: (
            f"{c.get_dimension_display()}: {c.name}"
        )
        labels = list(self.instance.scale_labels or []) if self.instance.pk else []
        for i in range(1, SCALE_POINTS + 1):
            self.fields[f"scale_label_{i}"] = forms.CharField(
                label=_("Beschriftung %(n)s") % {"n": i},
                required=False,
                max_length=100,
                initial=labels[i - 1] if len(labels) >= i else "",
                help_text=_("Nur bei Skalenfragen; optional.") if i == 1 else "",
            )
        if self.instance.pk:
            self.fields["options_text"].initial = "\n".join(self.instance.options or [])
            self.fields["min_value"].initial = self.instance.min_value
            self.fields["max_value"].initial = self.instance.max_value
        for name in ("min_value", "max_value"):
            text_input(self.fields[name])
        order = [
            "section",
            "text",
            "help_text",
            "kind",
            "required",
            "options_text",
            *[f"scale_label_{i}" for i in range(1, SCALE_POINTS + 1)],
            "criterion",
            "min_value",
            "max_value",
        ]
        self.order_fields(order)
        if "version" in self.fields:
            self.fields["version"] = self.fields.pop("version")
        self.fields["reason"] = self.fields.pop("reason")

    def clean_text(self):
        text = (self.cleaned_data.get("text") or "").strip()
        if not text:
            raise forms.ValidationError(_("Bitte den Text der Frage angeben."))
        return text

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        options: list[str] = []
        for line in (data.get("options_text") or "").splitlines():
            line = line.strip()
            if line and line not in options:
                options.append(line)
        if kind in CHOICE_KINDS:
            if len(options) < 2:
                self.add_error(
                    "options_text",
                    _("Eine Auswahlfrage braucht mindestens zwei Antwortmöglichkeiten."),
                )
            elif len(options) > MAX_OPTIONS:
                self.add_error(
                    "options_text",
                    _("Bitte höchstens %(n)s Antwortmöglichkeiten angeben.") % {"n": MAX_OPTIONS},
                )
            elif any(len(o) > MAX_OPTION_LENGTH for o in options):
                self.add_error(
                    "options_text",
                    _("Eine Antwortmöglichkeit darf höchstens %(n)s Zeichen lang sein.")
                    % {"n": MAX_OPTION_LENGTH},
                )
        low, high = data.get("min_value"), data.get("max_value")
        if kind == QuestionKind.NUMBER and low is not None and high is not None and low > high:
            self.add_error(
                "max_value", _("Der größte Wert darf nicht kleiner als der kleinste sein.")
            )
        criterion = data.get("criterion")
        if criterion is not None and kind != QuestionKind.SCALE:
            self.add_error(
                "criterion", _("Ein Kriterium kann nur mit einer Skalenfrage verbunden werden.")
            )
        data["options"] = options if kind in CHOICE_KINDS else []
        if kind == QuestionKind.SCALE:
            labels = [(data.get(f"scale_label_{i}") or "").strip() for i in range(1, 6)]
            data["scale_labels"] = labels if any(labels) else []
        else:
            data["scale_labels"] = []
        if kind != QuestionKind.NUMBER:
            data["min_value"] = data["max_value"] = None
        return data

    def model_values(self) -> dict:
        data = self.cleaned_data
        return {
            "section": data["section"],
            "text": data["text"],
            "help_text": data.get("help_text") or "",
            "kind": data["kind"],
            "required": bool(data.get("required")),
            "criterion": data.get("criterion"),
            "options": data["options"],
            "scale_labels": data["scale_labels"],
            "min_value": data.get("min_value"),
            "max_value": data.get("max_value"),
        }


class MoveForm(forms.Form):
    """Moving an item up or down (a POST button of the builder page)."""

    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")])


class CopyForm(forms.Form):
    """A new questionnaire made from an existing one ("als Vorlage verwenden")."""

    title = forms.CharField(
        label=_("Titel des neuen Fragebogens"),
        max_length=300,
        error_messages={"required": _("Bitte einen Titel angeben.")},
    )

    def clean_title(self):
        title = (self.cleaned_data.get("title") or "").strip()
        if not title:
            raise forms.ValidationError(_("Bitte einen Titel angeben."))
        return title
