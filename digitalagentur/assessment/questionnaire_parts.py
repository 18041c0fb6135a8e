"""The parts of a questionnaire: create, update, delete and move its sections, criteria and
questions, and validate question values (issue 9, §1). Every write goes through the
revision helpers of assessment.questionnaires (`writable`, `_update`, `_delete`), so an
answered questionnaire is never changed under its answers (see that module's doc).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from digitalagentur.core import services as core

from .answers import number_message, parse_number
from .models import Criterion, Question, QuestionKind, Questionnaire, Section
from .questionnaires import (
    CHOICE_KINDS,
    CRITERION_FIELDS,
    DOWN,
    QUESTION_FIELDS,
    SECTION_FIELDS,
    UP,
    _delete,
    _update,
    counterpart,
    questionnaire_of,
    writable,
)

# -- sections -----------------------------------------------------------------------------


def _next_position(queryset) -> int:
    highest = queryset.aggregate(m=Max("position"))["m"]
    return 0 if highest is None else highest + 1


@transaction.atomic
def create_section(
    questionnaire: Questionnaire, values: Mapping[str, Any], *, user=None
) -> Section:
    """A new section at the end (title, description)."""
    target = writable(questionnaire, user=user)
    section = Section(
        region_id=target.region_id,
        questionnaire=target,
        position=_next_position(target.sections.all()),
        **{k: v for k, v in values.items() if k in SECTION_FIELDS},
    )
    return core.create_object(section, user=user)


def update_section(
    section: Section,
    values: Mapping[str, Any],
    *,
    expected_version: int | None,
    user=None,
    reason: str = "",
) -> Section:
    return _update(
        section,
        values,
        expected_version=expected_version,
        user=user,
        reason=reason,
        allowed=SECTION_FIELDS,
    )


def delete_section(
    section: Section, *, expected_version: int | None, user=None, reason: str = ""
) -> Questionnaire:
    """Delete a section with its questions; returns the questionnaire revision changed."""
    return _delete(section, expected_version=expected_version, user=user, reason=reason)


# -- criteria -----------------------------------------------------------------------------


def _prepare_criterion(target: Criterion | Questionnaire, values: dict) -> dict:
    if "weight" in values:
        weight = parse_number(values["weight"])
        if weight is None or weight <= 0:
            raise ValidationError({"weight": [_("Das Gewicht muss größer als 0 sein.")]})
        values["weight"] = weight
    if "key" in values:
        questionnaire = questionnaire_of(target)
        taken = questionnaire.criteria.filter(key=values["key"])
        if isinstance(target, Criterion):
            taken = taken.exclude(pk=target.pk)
        if taken.exists():
            raise ValidationError({"key": [_("Diesen Schlüssel hat schon ein Kriterium.")]})
    return values


@transaction.atomic
def create_criterion(
    questionnaire: Questionnaire, values: Mapping[str, Any], *, user=None
) -> Criterion:
    """A new criterion (key, name, dimension, weight) at the end of its dimension."""
    target = writable(questionnaire, user=user)
    values = _prepare_criterion(target, {k: v for k, v in values.items() if k in CRITERION_FIELDS})
    criterion = Criterion(
        region_id=target.region_id,
        questionnaire=target,
        position=_next_position(target.criteria.filter(dimension=values.get("dimension"))),
        **values,
    )
    return core.create_object(criterion, user=user)


def update_criterion(
    criterion: Criterion,
    values: Mapping[str, Any],
    *,
    expected_version: int | None,
    user=None,
    reason: str = "",
) -> Criterion:
    return _update(
        criterion,
        values,
        expected_version=expected_version,
        user=user,
        reason=reason,
        allowed=CRITERION_FIELDS,
        prepare=_prepare_criterion,
    )


def delete_criterion(
    criterion: Criterion, *, expected_version: int | None, user=None, reason: str = ""
) -> Questionnaire:
    """Delete a criterion (its questions lose their criterion); returns the revision changed."""
    return _delete(criterion, expected_version=expected_version, user=user, reason=reason)


# -- questions ----------------------------------------------------------------------------


def _as_list(raw) -> list:
    if raw is None:
        return []
    if isinstance(raw, str):
        return raw.splitlines()
    return list(raw)


def _as_decimal(raw, name: str):
    if raw is None or raw == "":
        return None
    number = parse_number(raw)
    if number is None:
        raise ValidationError({name: [number_message()]})
    return number


def validate_question(questionnaire: Questionnaire, values: Mapping[str, Any]) -> dict:
    """Normalised question values, or ValidationError ({field: [German message]}): a scale
    question's criterion belongs to the questionnaire; single/multiple have at least two
    distinct non-empty options; min <= max; scale_labels empty or five strings."""
    values = dict(values)
    errors: dict[str, list[str]] = {}
    kind = values.get("kind")
    if kind not in QuestionKind.values:
        errors["kind"] = [_("Bitte eine Fragenart wählen.")]
    section = values.get("section")
    if section is not None and section.questionnaire_id != questionnaire.pk:
        errors["section"] = [_("Der Abschnitt gehört nicht zu diesem Fragebogen.")]
    criterion = values.get("criterion")
    if criterion is not None:
        if kind != QuestionKind.SCALE:
            errors["criterion"] = [_("Nur Skalenfragen können zu einem Kriterium zählen.")]
        elif criterion.questionnaire_id != questionnaire.pk:
            errors["criterion"] = [_("Das Kriterium gehört nicht zu diesem Fragebogen.")]
    if kind in CHOICE_KINDS:
        options = [str(o).strip() for o in _as_list(values.get("options"))]
        options = [o for o in options if o]
        if len(set(options)) != len(options):
            errors["options"] = [_("Jede Antwortmöglichkeit darf nur einmal vorkommen.")]
        elif len(options) < 2:
            errors["options"] = [
                _("Bitte mindestens zwei verschiedene Antwortmöglichkeiten angeben.")
            ]
        elif any(len(o) > 300 for o in options):
            errors["options"] = [_("Eine Antwortmöglichkeit darf höchstens 300 Zeichen haben.")]
        values["options"] = options
    else:
        values["options"] = []
    if kind == QuestionKind.SCALE:
        labels = [str(label).strip() for label in _as_list(values.get("scale_labels"))]
        if len(labels) > 5:
            errors["scale_labels"] = [_("Die Skala hat nur fünf Stufen.")]
        labels = (labels + [""] * 5)[:5]
        values["scale_labels"] = labels if any(labels) else []
    else:
        values["scale_labels"] = []
    if kind == QuestionKind.NUMBER:
        try:
            low = _as_decimal(values.get("min_value"), "min_value")
            high = _as_decimal(values.get("max_value"), "max_value")
        except ValidationError as error:
            errors.update(error.message_dict)
            low = high = None
        if low is not None and high is not None and low > high:
            errors["max_value"] = [
                _("Der größte Wert darf nicht kleiner sein als der kleinste Wert.")
            ]
        values["min_value"], values["max_value"] = low, high
    else:
        values["min_value"] = values["max_value"] = None
    if not str(values.get("text") or "").strip():
        errors["text"] = [_("Bitte die Frage eingeben.")]
    if errors:
        raise ValidationError(errors)
    return values


def _question_values(question: Question) -> dict:
    return {name: getattr(question, name) for name in QUESTION_FIELDS}


@transaction.atomic
def create_question(section: Section, values: Mapping[str, Any], *, user=None) -> Question:
    """A new question at the end of `section` (text, help_text, kind, required, criterion,
    options, scale_labels, min_value, max_value)."""
    target = writable(section, user=user)
    values = {k: v for k, v in values.items() if k in QUESTION_FIELDS}
    values["section"] = target
    if values.get("criterion") is not None:
        criterion = counterpart(values["criterion"], target.questionnaire)
        values["criterion"] = criterion if criterion is not None else values["criterion"]
    values = validate_question(target.questionnaire, values)
    question = Question(
        region_id=target.region_id,
        questionnaire=target.questionnaire,
        position=_next_position(target.questions.all()),
        **values,
    )
    return core.create_object(question, user=user)


def update_question(
    question: Question,
    values: Mapping[str, Any],
    *,
    expected_version: int | None,
    user=None,
    reason: str = "",
) -> Question:
    """Change a question; `values` may include `section` (a Section of the same revision, or
    of the revision the question was loaded from)."""

    def prepare(target: Question, values: dict) -> dict:
        merged = {**_question_values(target), **values}
        if "criterion" not in values and merged.get("kind") != QuestionKind.SCALE:
            merged["criterion"] = None  # only scale questions count for a criterion
        for name in ("section", "criterion"):
            if values.get(name) is not None:
                mapped = counterpart(values[name], target.questionnaire)
                merged[name] = mapped if mapped is not None else values[name]
        merged = validate_question(target.questionnaire, merged)
        if merged["section"].pk != target.section_id:
            merged["position"] = _next_position(merged["section"].questions.all())
        return merged

    return _update(
        question,
        values,
        expected_version=expected_version,
        user=user,
        reason=reason,
        allowed=QUESTION_FIELDS,
        prepare=prepare,
    )


def delete_question(
    question: Question, *, expected_version: int | None, user=None, reason: str = ""
) -> Questionnaire:
    """Delete a question (in a new revision if answered); returns the revision changed."""
    return _delete(question, expected_version=expected_version, user=user, reason=reason)


# -- order --------------------------------------------------------------------------------


def _siblings(obj) -> list:
    if isinstance(obj, Section):
        queryset = Section.objects.filter(questionnaire_id=obj.questionnaire_id)
    elif isinstance(obj, Criterion):
        queryset = Criterion.objects.filter(
            questionnaire_id=obj.questionnaire_id, dimension=obj.dimension
        )
    elif isinstance(obj, Question):
        queryset = Question.objects.filter(section_id=obj.section_id)
    else:
        raise TypeError(f"cannot move {obj!r}")
    return list(queryset.select_for_update().order_by("position", "pk"))


@transaction.atomic
def move(obj, direction: str, *, user=None):
    """Move a Section, Criterion (within its dimension) or Question (within its section) one
    place up or down (UP/DOWN); returns the moved object (possibly in a new revision)."""
    if direction not in (UP, DOWN):
        raise ValueError(direction)
    target = writable(obj, user=user)
    siblings = _siblings(target)
    index = next(i for i, s in enumerate(siblings) if s.pk == target.pk)
    other = index - 1 if direction == UP else index + 1
    if not 0 <= other < len(siblings):
        return siblings[index]
    siblings[index], siblings[other] = siblings[other], siblings[index]
    moved = None
    for position, sibling in enumerate(siblings):
        if sibling.position != position:
            sibling = core.update_object(
                sibling,
                {"position": position},
                expected_version=sibling.version,
                user=user,
                validate=False,
            )
        if sibling.pk == target.pk:
            moved = sibling
    return moved
