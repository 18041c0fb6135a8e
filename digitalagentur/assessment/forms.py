"""AnswerForm: one Django form field per question (per field of action for per-field
questionnaires), used by the staff area (town answers) and the public surveys.

Form field names: "q<question_pk>" or "q<question_pk>_f<field_pk>". Every form field cleans
through answers.clean_value, so messages are the same as in the API.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .answers import TEXT_MAX_LENGTH, clean_value, german_number, scale_label
from .models import SCALE_MAX, SCALE_MIN, QuestionKind

GROUP_KINDS = {QuestionKind.SCALE, QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.YESNO}


def field_name(question_pk: int, field_pk: int | None = None) -> str:
    """The form field name of a question (for one field of action)."""
    return f"q{question_pk}" if field_pk is None else f"q{question_pk}_f{field_pk}"


def scale_choices(question) -> list[tuple[str, str]]:
    choices = []
    for value in range(SCALE_MIN, SCALE_MAX + 1):
        label = scale_label(question, value)
        choices.append((str(value), f"{value} – {label}" if label else str(value)))
    return choices


class AnswerField(forms.Field):
    """One question (for one field of action). Cleans through answers.clean_value.

    Attributes for templates: `question`, `kind` (question kind), `strategy_field` (the field
    of action or None), `is_group` (radio/checkbox group: render in fieldset with legend),
    `input_type` ("radio", "checkbox", "text", "textarea").
    """

    default_error_messages = {"required": gettext_lazy("Bitte beantworten Sie diese Frage.")}

    def __init__(self, question, strategy_field=None, *, require: bool = False):
        self.question = question
        self.kind = question.kind
        self.strategy_field = strategy_field
        self.is_group = question.kind in GROUP_KINDS
        widget = self.make_widget(question)
        self.input_type = (
            "textarea" if question.kind == QuestionKind.TEXT else widget.input_type or "text"
        )
        super().__init__(
            required=bool(require and question.required),
            widget=widget,
            label=question.text,
            help_text=question.help_text,
        )

    @staticmethod
    def make_widget(question) -> forms.Widget:
        kind = question.kind
        if kind == QuestionKind.SCALE:
            return forms.RadioSelect(choices=scale_choices(question))
        if kind == QuestionKind.SINGLE:
            return forms.RadioSelect(choices=[(o, o) for o in question.options or []])
        if kind == QuestionKind.MULTIPLE:
            return forms.CheckboxSelectMultiple(choices=[(o, o) for o in question.options or []])
        if kind == QuestionKind.NUMBER:
            return forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
        if kind == QuestionKind.TEXT:
            return forms.Textarea(attrs={"maxlength": TEXT_MAX_LENGTH, "rows": 4})
        return forms.RadioSelect(choices=[("ja", _("ja")), ("nein", _("nein"))])

    def prepare_value(self, value):
        """Stored values shown in the widget: yes/no as "ja"/"nein", numbers with a comma."""
        if self.kind == QuestionKind.YESNO and isinstance(value, bool):
            return "ja" if value else "nein"
        if self.kind == QuestionKind.NUMBER and value not in (None, ""):
            return german_number(value, grouping=False)
        if self.kind == QuestionKind.SCALE and isinstance(value, int):
            return str(value)
        return value

    def clean(self, value):
        cleaned = clean_value(self.question, value)
        if cleaned is None and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        return cleaned

    def has_changed(self, initial, data) -> bool:
        try:
            return clean_value(self.question, initial) != clean_value(self.question, data)
        except ValidationError:
            return True


class AnswerForm(forms.Form):
    """Answers to a questionnaire revision.

    `questionnaire`: the revision answered; `fields`: the strategy fields (per-field
    questionnaires ask every question once per field; without `fields` a per-field
    questionnaire is shown once, as a preview, with names "q<pk>"; ignored for other
    questionnaires); `initial_values`: {(question_pk, field_pk | None): value} (stored
    values); `require`: enforce required questions (submitting); without it drafts may be
    incomplete; `questions`: the questions in order (with section and criterion loaded),
    to save the one query when the caller has them already.

    Every bound form field (`form[name]`) has `.field.question`, `.field.kind`,
    `.field.strategy_field`, `.field.is_group` (True for radio/checkbox groups: render in
    fieldset/legend) and `.field.input_type`.
    """

    use_required_attribute = False  # drafts may be incomplete; the server checks on submit

    def __init__(
        self,
        data=None,
        *,
        questionnaire,
        fields=None,
        initial_values: dict | None = None,
        require: bool = False,
        questions=None,
        **kwargs,
    ):
        super().__init__(data, **kwargs)
        self.questionnaire = questionnaire
        self.require = require
        if questions is None:
            questions = list(
                questionnaire.questions.select_related("section", "criterion").order_by(
                    "section__position", "section_id", "position", "pk"
                )
            )
        self.questions = list(questions)
        if questionnaire.per_field and fields is not None:
            self.strategy_fields = list(fields)
        else:
            self.strategy_fields = [None]
        initial_values = initial_values or {}
        self._keys: dict[str, tuple[int, int | None]] = {}
        for strategy_field in self.strategy_fields:
            field_pk = strategy_field.pk if strategy_field is not None else None
            for question in self.questions:
                name = field_name(question.pk, field_pk)
                self.fields[name] = AnswerField(question, strategy_field, require=require)
                self._keys[name] = (question.pk, field_pk)
                initial = initial_values.get((question.pk, field_pk))
                if initial is not None:
                    self.initial[name] = initial

    def key(self, name: str) -> tuple[int, int | None]:
        """(question_pk, field_pk | None) of a form field name."""
        return self._keys[name]

    def values(self) -> dict[tuple[int, int | None], Any]:
        """The cleaned answered values: {(question_pk, field_pk | None): value}; only
        answered entries (call after is_valid())."""
        return {
            self._keys[name]: value
            for name, value in self.cleaned_data.items()
            if name in self._keys and value is not None
        }

    def layout(self) -> list:
        """For templates: [(field_or_None, [(section, [bound_field, ...]), ...]), ...]; per-field
        questionnaires give one entry per strategy field, others a single (None, ...) entry."""
        result = []
        for strategy_field in self.strategy_fields:
            field_pk = strategy_field.pk if strategy_field is not None else None
            sections: list = []
            for question in self.questions:
                bound = self[field_name(question.pk, field_pk)]
                if not sections or sections[-1][0].pk != question.section_id:
                    sections.append((question.section, []))
                sections[-1][1].append(bound)
            result.append((strategy_field, sections))
        return result
