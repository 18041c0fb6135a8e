"""Test factories for citizen surveys (assessment/surveys.py): a survey questionnaire with one
question of every kind, and surveys on it."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from digitalagentur.assessment.models import (
    Identification,
    Question,
    QuestionKind,
    Questionnaire,
    QuestionnaireKind,
    Section,
    Survey,
)

OPTIONS = ["Zuhause", "Co-Working-Space", "Büro des Arbeitgebers"]
CHANNELS = ["Glasfaser", "DSL", "Mobilfunk"]


def make_survey_questionnaire(region, slug="mobiles-arbeiten", *, revision=1, predecessor=None):
    """A survey questionnaire with questions of every kind; `q.questions_by_kind[kind]`."""
    questionnaire = Questionnaire.objects.create(
        region=region,
        slug=slug,
        revision=revision,
        predecessor=predecessor,
        kind=QuestionnaireKind.SURVEY,
        title="Mobiles Arbeiten im Kreis",
    )
    section = Section.objects.create(
        region=region, questionnaire=questionnaire, position=1, title="Arbeiten"
    )
    specs = [
        (QuestionKind.SCALE, "Wie wichtig ist Ihnen mobiles Arbeiten?", True, {}),
        (QuestionKind.SINGLE, "Wo arbeiten Sie am liebsten?", True, {"options": OPTIONS}),
        (QuestionKind.MULTIPLE, "Welche Anschlüsse nutzen Sie?", False, {"options": CHANNELS}),
        (
            QuestionKind.NUMBER,
            "Wie viele Kilometer pendeln Sie?",
            False,
            {"min_value": Decimal(0), "max_value": Decimal(500)},
        ),
        (QuestionKind.YESNO, "Würden Sie einen Co-Working-Space nutzen?", False, {}),
        (QuestionKind.TEXT, "Was wünschen Sie sich?", False, {}),
    ]
    questionnaire.questions_by_kind = {}
    for position, (kind, text, required, extra) in enumerate(specs, start=1):
        labels = ["unwichtig", "", "teils", "", "sehr wichtig"] if kind == "scale" else []
        questionnaire.questions_by_kind[kind] = Question.objects.create(
            region=region,
            questionnaire=questionnaire,
            section=section,
            position=position,
            text=text,
            kind=kind,
            required=required,
            scale_labels=labels,
            **extra,
        )
    return questionnaire


def make_survey(
    region,
    questionnaire=None,
    *,
    slug="mobiles-arbeiten",
    title="Umfrage: Mobiles Arbeiten",
    identification=Identification.ANONYMOUS,
    published=True,
    results_public=False,
    is_demo=False,
    opens_at=None,
    closes_at=None,
):
    now = timezone.now()
    return Survey.objects.create(
        region=region,
        slug=slug,
        title=title,
        introduction="Bitte nehmen Sie sich fünf Minuten Zeit.",
        questionnaire=questionnaire or make_survey_questionnaire(region, slug=slug),
        opens_at=opens_at or now - datetime.timedelta(days=1),
        closes_at=closes_at or now + datetime.timedelta(days=30),
        identification=identification,
        published=published,
        results_public=results_public,
        is_demo=is_demo,
    )


def questions_by_kind(questionnaire) -> dict:
    """{kind: question} (one question of each kind, as made above)."""
    known = getattr(questionnaire, "questions_by_kind", None)
    return known or {q.kind: q for q in questionnaire.questions.order_by("position")}


def answers_data(questionnaire, **overrides) -> dict:
    """Valid POST data for the questionnaire (overrides by kind: scale="4", text=...)."""
    q = questions_by_kind(questionnaire)
    data = {
        f"q{q['scale'].pk}": "4",
        f"q{q['single'].pk}": OPTIONS[1],
        f"q{q['multiple'].pk}": [CHANNELS[0], CHANNELS[2]],
        f"q{q['number'].pk}": "12,5",
        f"q{q['yesno'].pk}": "ja",
        f"q{q['text'].pk}": "Schnelles Internet",
    }
    for kind, value in overrides.items():
        if value is None:
            data.pop(f"q{q[kind].pk}", None)
        else:
            data[f"q{q[kind].pk}"] = value
    return data
