"""Test builders of the assessment rounds (helper "domain-rounds")."""

from __future__ import annotations

from digitalagentur.assessment.models import Question


def question_for(questionnaire, key: str) -> Question:
    """The first scale question of criterion `key`."""
    return (
        Question.objects.filter(questionnaire=questionnaire, criterion__key=key)
        .order_by("position", "pk")
        .first()
    )


def scores(questionnaire, field, **by_key) -> dict:
    """Raw values {(question_pk, field_pk): score} for save_response / make_response from
    criterion scores, e.g. scores(q, field, wachstum=4, personal=2)."""
    return {
        (question_for(questionnaire, key).pk, field.pk if field else None): value
        for key, value in by_key.items()
    }


def all_scores(questionnaire, fields, **by_key) -> dict:
    """The same criterion scores for every field."""
    values = {}
    for field in fields:
        values.update(scores(questionnaire, field, **by_key))
    return values
