"""The scale data of the needs assessment (issue 9): per region a questionnaire (four
criteria, one scale question each), a published round on all towns and published fields with
a response from every town (nine in ten submitted), a themed workshop and a public citizen
survey with its submissions."""

from __future__ import annotations

import datetime
import hashlib
from decimal import Decimal

from digitalagentur.assessment.models import (
    Answer,
    Criterion,
    Question,
    Questionnaire,
    Response,
    ResponseRevision,
    Round,
    Section,
    Submission,
    SubmissionAnswer,
    Survey,
    Workshop,
)

from .base import BASE_TIME, Context, Progress
from .changelog import log_created

SCALE_LABELS = ["sehr gering", "gering", "mittel", "hoch", "sehr hoch"]
CRITERIA = [
    ("bedarf", "Bedarf", "relevance", "Wie groß ist der Bedarf an Digitalisierung im Feld?"),
    ("nutzen", "Nutzen", "relevance", "Wie groß ist der Nutzen für die Menschen im Feld?"),
    ("personal", "Personal", "potential", "Wie gut ist das Feld personell ausgestattet?"),
    ("infrastruktur", "Infrastruktur", "potential", "Wie weit ist die Infrastruktur?"),
]
SUBMITTED_SHARE = 0.9
SURVEY_SUBMISSIONS = 40
OPTIONS = ["im Büro", "zu Hause", "unterwegs"]
FEATURES = ["schnelles Internet", "Besprechungsräume", "Kinderbetreuung", "Parkplätze"]
DEADLINE = datetime.datetime(2024, 9, 30, 22, 0, tzinfo=datetime.UTC)
SURVEY_OPENS = datetime.datetime(2025, 1, 1, 8, 0, tzinfo=datetime.UTC)
SURVEY_CLOSES = datetime.datetime(2025, 6, 30, 20, 0, tzinfo=datetime.UTC)
STAMP = {"created": BASE_TIME, "updated": BASE_TIME}


def build_assessment(ctx: Context, progress: Progress) -> None:
    for chunk in ctx.chunks():
        rngs = {state.index: ctx.rng("assessment", state.index) for state in chunk}
        questionnaires = {}
        for state in chunk:
            questionnaires[state.index, "assessment"] = Questionnaire(
                region=state.region,
                slug="bedarfsanalyse",
                kind="assessment",
                title="Bedarfsanalyse Digitalisierung",
                per_field=True,
                **STAMP,
            )
            questionnaires[state.index, "survey"] = Questionnaire(
                region=state.region,
                slug="umfrage-mobiles-arbeiten",
                kind="survey",
                title="Umfrage Mobiles Arbeiten",
                **STAMP,
            )
        ctx.insert(list(questionnaires.values()), Questionnaire)

        sections, criteria = {}, {}
        for state in chunk:
            assessment = questionnaires[state.index, "assessment"]
            for position, (dimension, title) in enumerate(
                (("relevance", "Relevanz"), ("potential", "Potenzial")), start=1
            ):
                sections[state.index, dimension] = Section(
                    region=state.region,
                    questionnaire=assessment,
                    position=position,
                    title=title,
                    **STAMP,
                )
            sections[state.index, "survey"] = Section(
                region=state.region,
                questionnaire=questionnaires[state.index, "survey"],
                position=1,
                title="Ihre Arbeitssituation",
                **STAMP,
            )
            for position, (key, name, dimension, _text) in enumerate(CRITERIA, start=1):
                criteria[state.index, key] = Criterion(
                    region=state.region,
                    questionnaire=assessment,
                    key=key,
                    name=name,
                    dimension=dimension,
                    weight=Decimal(1),
                    position=position,
                    **STAMP,
                )
        ctx.insert(list(sections.values()), Section)
        ctx.insert(list(criteria.values()), Criterion)

        questions, survey_questions = {}, {}
        for state in chunk:
            for position, (key, _name, dimension, text) in enumerate(CRITERIA, start=1):
                questions[state.index, key] = Question(
                    region=state.region,
                    questionnaire=questionnaires[state.index, "assessment"],
                    section=sections[state.index, dimension],
                    position=position,
                    text=text,
                    kind="scale",
                    criterion=criteria[state.index, key],
                    scale_labels=SCALE_LABELS,
                    **STAMP,
                )
            common = {
                "region": state.region,
                "questionnaire": questionnaires[state.index, "survey"],
                "section": sections[state.index, "survey"],
                **STAMP,
            }
            survey_questions[state.index] = {
                "workplace": Question(
                    position=1,
                    text="Wo arbeiten Sie überwiegend?",
                    kind="single",
                    options=OPTIONS,
                    **common,
                ),
                "interest": Question(
                    position=2,
                    text="Wie groß ist Ihr Interesse an Coworking?",
                    kind="scale",
                    scale_labels=SCALE_LABELS,
                    **common,
                ),
                "features": Question(
                    position=3,
                    text="Was wäre Ihnen wichtig?",
                    kind="multiple",
                    options=FEATURES,
                    **common,
                ),
                "coworked": Question(
                    position=4, text="Haben Sie schon gecoworkt?", kind="yesno", **common
                ),
            }
        ctx.insert(
            [
                *questions.values(),
                *(q for per in survey_questions.values() for q in per.values()),
            ],
            Question,
        )

        rounds, links = [], []
        for state in chunk:
            fields = [f for f in state.fields if f.published]
            round_ = Round(
                region=state.region,
                slug="bedarfsanalyse-2024",
                title="Bedarfsanalyse 2024",
                questionnaire=questionnaires[state.index, "assessment"],
                deadline=DEADLINE,
                combine="product",
                thresholds=[12, 8],
                published=True,
                **STAMP,
            )
            rounds.append(round_)
            links.append((round_, state, fields))
        ctx.insert(rounds, Round)
        ctx.insert(
            [
                Round.municipalities.through(round=r, municipality=town)
                for r, state, _fields in links
                for town in state.towns
            ],
            Round.municipalities.through,
        )
        ctx.insert(
            [Round.fields.through(round=r, field=f) for r, _state, fields in links for f in fields],
            Round.fields.through,
        )

        responses, plans = [], []
        for round_, state, fields in links:
            rng = rngs[state.index]
            levels = {f.pk: rng.uniform(1.5, 4.5) for f in fields}
            for town in state.towns:
                submitted = rng.random() < SUBMITTED_SHARE
                response = Response(
                    region=state.region,
                    round=round_,
                    municipality=town,
                    questionnaire=round_.questionnaire,
                    status="submitted" if submitted else "draft",
                    submitted_at=DEADLINE - datetime.timedelta(days=rng.randint(1, 60))
                    if submitted
                    else None,
                    **STAMP,
                )
                responses.append(response)
                values = []
                for f in fields:
                    for key, *_rest in CRITERIA:
                        value = round(levels[f.pk] + rng.gauss(0, 0.8))
                        values.append((questions[state.index, key], f, min(5, max(1, value))))
                plans.append((response, values))
        ctx.insert(responses, Response)
        answers, revisions = [], []
        for response, values in plans:
            answers += [
                Answer(response=response, question=q, field=f, value=v) for q, f, v in values
            ]
            if response.status == "submitted":
                revisions.append(
                    ResponseRevision(
                        response=response,
                        number=1,
                        created=response.submitted_at,
                        status="submitted",
                        answers=[
                            {"question": q.pk, "field": f.pk, "value": v} for q, f, v in values
                        ],
                    )
                )
        ctx.insert(answers, Answer)
        ctx.insert(revisions, ResponseRevision)

        workshops, surveys = [], {}
        for state in chunk:
            fields = [f for f in state.fields if f.published]
            if fields:
                workshops.append(
                    Workshop(
                        region=state.region,
                        slug="themenfeld-workshop",
                        title=f"Themenfeld-Workshop {fields[0].name}",
                        field=fields[0],
                        date=datetime.date(2024, 11, 12),
                        format="in_person",
                        participants=rngs[state.index].randint(12, 40),
                        description="Generierter Workshop für Lasttests.",
                        published=True,
                        **STAMP,
                    )
                )
            surveys[state.index] = Survey(
                region=state.region,
                slug="mobiles-arbeiten",
                title="Mobiles Arbeiten und Coworking",
                introduction="Generierte Umfrage für Lasttests.",
                questionnaire=questionnaires[state.index, "survey"],
                opens_at=SURVEY_OPENS,
                closes_at=SURVEY_CLOSES,
                results_public=True,
                published=True,
                **STAMP,
            )
        ctx.insert(workshops, Workshop)
        ctx.insert(list(surveys.values()), Survey)

        submissions, submission_plans = [], []
        for state in chunk:
            rng, survey = rngs[state.index], surveys[state.index]
            per = survey_questions[state.index]
            for n in range(SURVEY_SUBMISSIONS):
                moment = SURVEY_OPENS + datetime.timedelta(hours=rng.randint(1, 170 * 24))
                submission = Submission(
                    survey=survey,
                    questionnaire=survey.questionnaire,
                    person_key=hashlib.sha256(f"{state.region.slug}-{n}".encode()).hexdigest(),
                    created=moment,
                    confirmed_at=moment,
                )
                submissions.append(submission)
                features = [f for f in FEATURES if rng.random() < 0.5]
                values = [
                    (per["workplace"], rng.choice(OPTIONS)),
                    (per["interest"], rng.randint(1, 5)),
                    (per["coworked"], rng.random() < 0.2),
                ]
                if features:
                    values.append((per["features"], features))
                submission_plans.append((submission, values))
        ctx.insert(submissions, Submission)
        ctx.insert(
            [
                SubmissionAnswer(submission=s, question=q, value=v)
                for s, values in submission_plans
                for q, v in values
            ],
            SubmissionAnswer,
        )

        for objs in (
            questionnaires.values(),
            sections.values(),
            criteria.values(),
            [*questions.values(), *(q for per in survey_questions.values() for q in per.values())],
            responses,
            workshops,
            surveys.values(),
        ):
            log_created(ctx, list(objs), by=ctx.coordinator_of)
        by_pk = {
            r.pk: {
                "municipalities": [t.pk for t in state.towns],
                "fields": [f.pk for f in fields],
            }
            for r, state, fields in links
        }
        log_created(
            ctx,
            rounds,
            by=ctx.coordinator_of,
            extra=lambda r, by_pk=by_pk: by_pk[r.pk],
        )
        progress.advance(len(chunk))
