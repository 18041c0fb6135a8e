"""Test builders for the portfolio matrix and the public assessment pages (issue 9 §4):
a round whose towns' scores are given per field as (relevance, potential)."""

from __future__ import annotations

from digitalagentur.assessment.models import Dimension, ResponseStatus, Round

from .assessment import make_questionnaire, make_response, make_round


def make_scored_round(
    region, *, fields, scores, towns=None, published=True, status=ResponseStatus.SUBMITTED, **kw
) -> Round:
    """A round over `fields` (a list of strategy fields) in which every town of `scores`
    ({town: {field: (relevance, potential)}}, scores 1..5 or None to leave a dimension
    unanswered) answers every relevance question with the first score and every potential
    question with the second. `towns` (default: those of `scores`) take part."""
    questionnaire = make_questionnaire(region)
    questions = list(questionnaire.questions.select_related("criterion"))
    towns = list(towns if towns is not None else scores)
    round = make_round(
        region,
        questionnaire=questionnaire,
        towns=towns,
        fields=fields,
        published=published,
        **kw,
    )
    for town, per_field in scores.items():
        values = {}
        for field, (relevance, potential) in per_field.items():
            for question in questions:
                value = (
                    relevance if question.criterion.dimension == Dimension.RELEVANCE else potential
                )
                if value is not None:
                    values[(question.pk, field.pk)] = value
        make_response(round, town, values, status=status)
    return round
