"""Test builders for the needs assessment (issue 9): small questionnaires, rounds, surveys.

Objects are created directly (no change log) so tests stay fast and explicit.
"""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal

from django.utils import timezone

from digitalagentur.assessment.models import (
    Answer,
    Criterion,
    Dimension,
    Question,
    QuestionKind,
    Questionnaire,
    QuestionnaireKind,
    Response,
    Round,
    Section,
    Survey,
)

_seq = itertools.count(1)

SCALE_LABELS = ["sehr gering", "gering", "mittel", "hoch", "sehr hoch"]

# (key, name, dimension) of the default assessment criteria
DEFAULT_CRITERIA = [
    ("wachstum", "Wachstumspotenzial", Dimension.RELEVANCE),
    ("image", "Imagefaktor", Dimension.RELEVANCE),
    ("personal", "Personal", Dimension.POTENTIAL),
    ("infrastruktur", "Infrastruktur", Dimension.POTENTIAL),
]


def make_questionnaire(
    region,
    title: str | None = None,
    *,
    criteria=DEFAULT_CRITERIA,
    questions_per_criterion: int = 1,
    per_field: bool = True,
    slug: str | None = None,
    required: bool = False,
) -> Questionnaire:
    """An assessment questionnaire: one section per dimension ("Relevanz", "Potenzial"),
    the given criteria (weight 1) and `questions_per_criterion` scale questions each
    (labelled 1..5). Questions: `questionnaire.questions.all()`; criteria by key."""
    n = next(_seq)
    title = title or f"Bedarfsanalyse {n}"
    q = Questionnaire.objects.create(
        region=region,
        slug=slug or f"bedarfsanalyse-{n}",
        kind=QuestionnaireKind.ASSESSMENT,
        title=title,
        per_field=per_field,
    )
    sections = {}
    for pos, dim in enumerate([Dimension.RELEVANCE, Dimension.POTENTIAL]):
        sections[dim] = Section.objects.create(
            region=region, questionnaire=q, position=pos, title=str(dim.label)
        )
    qpos = itertools.count()
    for cpos, (key, name, dim) in enumerate(criteria):
        crit = Criterion.objects.create(
            region=region,
            questionnaire=q,
            key=key,
            name=name,
            dimension=dim,
            weight=Decimal(1),
            position=cpos,
        )
        for i in range(questions_per_criterion):
            Question.objects.create(
                region=region,
                questionnaire=q,
                section=sections[dim],
                position=next(qpos),
                text=f"Wie bewerten Sie {name}?" + (f" ({i + 1})" if i else ""),
                kind=QuestionKind.SCALE,
                criterion=crit,
                required=required,
                scale_labels=list(SCALE_LABELS),
            )
    return q


def make_survey_questionnaire(region, title: str | None = None, *, slug: str | None = None):
    """A survey questionnaire with one question of every kind in one section, in the order
    scale, single, multiple, number, text, yesno (the scale and yes/no ones are required)."""
    n = next(_seq)
    q = Questionnaire.objects.create(
        region=region,
        slug=slug or f"umfrage-{n}",
        kind=QuestionnaireKind.SURVEY,
        title=title or f"Umfrage {n}",
        per_field=False,
    )
    section = Section.objects.create(region=region, questionnaire=q, position=0, title="Fragen")
    specs = [
        dict(
            kind=QuestionKind.SCALE,
            text="Wie zufrieden sind Sie mit dem Internet?",
            required=True,
            scale_labels=list(SCALE_LABELS),
        ),
        dict(
            kind=QuestionKind.SINGLE,
            text="Wie arbeiten Sie überwiegend?",
            options=["im Büro", "zu Hause", "unterwegs"],
        ),
        dict(
            kind=QuestionKind.MULTIPLE,
            text="Was bräuchten Sie in einem Coworking-Space?",
            options=["WLAN", "Drucker", "Besprechungsraum", "Kaffee"],
        ),
        dict(
            kind=QuestionKind.NUMBER,
            text="Wie viele Kilometer pendeln Sie?",
            min_value=Decimal(0),
            max_value=Decimal(500),
        ),
        dict(kind=QuestionKind.TEXT, text="Was möchten Sie uns noch sagen?"),
        dict(
            kind=QuestionKind.YESNO,
            text="Würden Sie einen Coworking-Space nutzen?",
            required=True,
        ),
    ]
    for pos, spec in enumerate(specs):
        Question.objects.create(
            region=region, questionnaire=q, section=section, position=pos, **spec
        )
    return q


def question_of_kind(questionnaire: Questionnaire, kind: str) -> Question:
    return questionnaire.questions.filter(kind=kind).order_by("position", "pk").first()


def make_round(
    region,
    *,
    questionnaire: Questionnaire | None = None,
    towns=(),
    fields=(),
    deadline: datetime.datetime | None = None,
    slug: str | None = None,
    **kwargs,
) -> Round:
    """A round (default: a new assessment questionnaire, deadline in 14 days; grouping by
    sizes over the given fields, e.g. [1, 1, 1] for three, or thresholds [12, 6] without
    fields)."""
    n = next(_seq)
    questionnaire = questionnaire or make_questionnaire(region)
    kwargs.setdefault("title", f"Runde {n}")
    if "group_sizes" not in kwargs and "thresholds" not in kwargs:
        if fields:
            kwargs["group_sizes"] = _default_sizes(len(fields))
        else:
            kwargs["thresholds"] = [12, 6]
    r = Round.objects.create(
        region=region,
        slug=slug or f"runde-{n}",
        questionnaire=questionnaire,
        deadline=deadline or timezone.now() + datetime.timedelta(days=14),
        **kwargs,
    )
    r.municipalities.set(towns)
    r.fields.set(fields)
    return r


def _default_sizes(count: int) -> list[int]:
    first = count // 3
    second = (count - first) // 2
    return [first, second, count - first - second]


def make_response(round: Round, municipality, values=None, *, status="draft") -> Response:
    """A response of `municipality` on the round's current questionnaire revision with
    `values` {(question_pk, field_pk | None): value} written as Answer rows."""
    response = Response.objects.create(
        region_id=round.region_id,
        round=round,
        municipality=municipality,
        questionnaire=round.questionnaire,
        status=status,
        submitted_at=timezone.now() if status == "submitted" else None,
    )
    Answer.objects.bulk_create(
        Answer(response=response, question_id=qpk, field_id=fpk, value=value)
        for (qpk, fpk), value in (values or {}).items()
    )
    return response


def make_survey(
    region, *, questionnaire: Questionnaire | None = None, slug: str | None = None, **kwargs
) -> Survey:
    """A survey open from yesterday for 30 days (default: a new survey questionnaire)."""
    n = next(_seq)
    now = timezone.now()
    kwargs.setdefault("title", f"Umfrage {n}")
    kwargs.setdefault("opens_at", now - datetime.timedelta(days=1))
    kwargs.setdefault("closes_at", now + datetime.timedelta(days=30))
    return Survey.objects.create(
        region=region,
        slug=slug or f"umfrage-{n}",
        questionnaire=questionnaire or make_survey_questionnaire(region),
        **kwargs,
    )
