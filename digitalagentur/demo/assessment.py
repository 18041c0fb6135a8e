"""The demo's needs assessment (demo/data/assessment.py), loaded by DemoLoader.load_assessment.

The questionnaire "Bedarfsanalyse Digitalisierung 2019" with its twelve criteria, the round
"Bestandsaufnahme 2019" with a submitted response from each of the eleven towns (generated
answers whose consolidation gives exactly the strategy's priority groups), the three themed
workshops of 2020 with their project ideas, and a demo citizen survey with 150 submissions.

Objects with a region of their own go through core.services.create_object (logged); the
answers, revisions and survey submissions (no region, no version counter, never logged by the
domain either) are written with bulk_create. Everything is looked up by its slug first, so
a second run creates nothing twice.
"""

from __future__ import annotations

import datetime
import hashlib
import random
from decimal import Decimal

from django.utils import timezone

from digitalagentur.assessment import surveys, workshops
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
    WorkshopIdea,
)
from digitalagentur.assessment.questionnaire_parts import validate_question
from digitalagentur.core.services import create_object
from digitalagentur.portfolio.models import Project
from digitalagentur.strategy.models import Field, StrategyVersion
from digitalagentur.tenancy.models import Municipality

from .data import assessment as data
from .data import history

SCALE_MIN, SCALE_MAX = 1, 5


def end_of_day(day: datetime.date) -> datetime.datetime:
    """'31.08.2019, 24:00 Uhr': the first moment after that day, Europe/Berlin."""
    following = day + datetime.timedelta(days=1)
    return datetime.datetime(following.year, following.month, following.day, tzinfo=data.BERLIN)


def load_assessment(loader, region, reason: str) -> None:
    questionnaire = load_questionnaire(loader, region, reason)
    load_round(loader, region, questionnaire, reason)
    load_workshops(loader, region, reason)
    load_survey(loader, region, reason)


# -- questionnaire -----------------------------------------------------------------------------


def load_questionnaire(loader, region, reason: str) -> Questionnaire:
    spec = data.QUESTIONNAIRE
    existing = Questionnaire.objects.filter(region=region, slug=spec["slug"]).order_by("revision")
    if existing.exists():
        return existing.first()
    questionnaire = create_object(
        Questionnaire(region=region, kind="assessment", per_field=True, **spec), reason=reason
    )
    loader.created["Fragebögen"] += 1
    sections = {}
    for position, (title, dimension, description) in enumerate(data.SECTIONS, start=1):
        sections[dimension] = create_object(
            Section(
                region=region,
                questionnaire=questionnaire,
                position=position,
                title=title,
                description=description,
            ),
            reason=reason,
        )
    positions = dict.fromkeys(sections, 0)
    for number, (key, name, dimension, questions) in enumerate(data.CRITERIA, start=1):
        criterion = create_object(
            Criterion(
                region=region,
                questionnaire=questionnaire,
                key=key,
                name=name,
                dimension=dimension,
                weight=Decimal(1),
                position=number,
            ),
            reason=reason,
        )
        for text in questions:
            positions[dimension] += 1
            values = {
                "section": sections[dimension],
                "text": text,
                "kind": "scale",
                "criterion": criterion,
                "scale_labels": list(data.SCALE_LABELS),
            }
            create_object(
                Question(
                    region=region,
                    questionnaire=questionnaire,
                    position=positions[dimension],
                    **validate_question(questionnaire, values),
                ),
                reason=reason,
            )
            loader.created["Fragen"] += 1
    return questionnaire


# -- round and responses -----------------------------------------------------------------------


def generated_answers(questions, towns, fields) -> dict[tuple[str, str], dict[int, int]]:
    """{(town slug, field slug): {question pk: 1..5}}: the demo's answers, deterministic.

    Every answer scatters around its field's level (data.ANSWER_LEVELS) plus the town's own
    leaning; a few questions stay unanswered. `questions` are (pk, dimension) in order.
    """
    rng = random.Random(data.ANSWER_SEED)  # noqa: S311 (demo data, not security)
    result = {}
    for town in towns:
        leaning = rng.gauss(0, data.TOWN_SPREAD)
        for field in fields:
            levels = dict(zip(("relevance", "potential"), data.ANSWER_LEVELS[field], strict=True))
            values = {}
            for pk, dimension in questions:
                value = round(levels[dimension] + leaning + rng.gauss(0, data.ANSWER_SPREAD))
                skipped = rng.random() < data.SKIP_SHARE
                if not skipped:
                    values[pk] = min(SCALE_MAX, max(SCALE_MIN, value))
            result[(town, field)] = values
    return result


def load_round(loader, region, questionnaire: Questionnaire, reason: str) -> Round | None:
    spec = data.ROUND
    if Round.objects.filter(region=region, slug=spec["slug"]).exists():
        return None
    towns = {t.slug: t for t in Municipality.objects.filter(region=region)}
    fields = {f.slug: f for f in Field.objects.filter(region=region, slug__in=data.ANSWER_LEVELS)}
    version = StrategyVersion.objects.filter(region=region, name=history.VERSION["name"]).first()
    round_ = create_object(
        Round(
            region=region,
            slug=spec["slug"],
            title=spec["title"],
            description=spec["description"],
            questionnaire=questionnaire,
            deadline=end_of_day(spec["deadline_day"]),
            combine=spec["combine"],
            group_sizes=list(spec["group_sizes"]),
            published=True,
            # Its groups are those of the strategy adopted in 2021 ("Fassung 2021").
            applied_version=version,
            applied_at=version.created if version else None,
        ),
        reason=reason,
        m2m={
            "municipalities": [t.pk for t in towns.values()],
            "fields": [f.pk for f in fields.values()],
        },
    )
    loader.created["Bewertungsrunden"] += 1
    questions = list(
        Question.objects.filter(questionnaire=questionnaire)
        .order_by("section__position", "position", "pk")
        .values_list("pk", "criterion__dimension")
    )
    answers = generated_answers(questions, sorted(towns), sorted(fields))
    new_answers, revisions = [], []
    for number, slug in enumerate(sorted(towns)):
        # Submitted on office days in August 2019, before the deadline.
        submitted = datetime.datetime(2019, 8, 5 + 2 * number, 10, 30, tzinfo=data.BERLIN)
        response = create_object(
            Response(
                region=region,
                round=round_,
                municipality=towns[slug],
                questionnaire=questionnaire,
                status="submitted",
                submitted_at=submitted,
            ),
            reason=reason,
        )
        loader.created["Antworten der Kommunen"] += 1
        snapshot = []
        for field_slug in sorted(fields):
            for pk, value in answers[(slug, field_slug)].items():
                new_answers.append(
                    Answer(response=response, question_id=pk, field=fields[field_slug], value=value)
                )
                snapshot.append({"question": pk, "field": fields[field_slug].pk, "value": value})
        revisions.append(
            ResponseRevision(response=response, number=1, status="submitted", answers=snapshot)
        )
    Answer.objects.bulk_create(new_answers, batch_size=2000)
    ResponseRevision.objects.bulk_create(revisions)
    return round_


# -- workshops ---------------------------------------------------------------------------------


def load_workshops(loader, region, reason: str) -> None:
    for spec in data.WORKSHOPS:
        if Workshop.objects.filter(region=region, slug=spec["slug"]).exists():
            continue
        values = {k: v for k, v in spec.items() if k not in ("field", "projects")}
        values["field"] = Field.objects.get(region=region, slug=spec["field"])
        workshop = workshops.create_workshop(region, {**values, "published": True}, reason=reason)
        loader.created["Workshops"] += 1
        projects = Project.objects.filter(region=region, code__in=spec["projects"])
        by_code = {p.code: p for p in projects}
        for position, code in enumerate(spec["projects"], start=1):
            project = by_code.get(code)
            if project is None or WorkshopIdea.objects.filter(project=project).exists():
                continue  # deleted or re-coded by staff, or already another idea's project
            create_object(
                WorkshopIdea(
                    region=region,
                    workshop=workshop,
                    position=position,
                    title=project.title,
                    description=data.IDEA_DESCRIPTION.format(code=code, title=project.title),
                    project=project,
                ),
                reason=reason,
            )
            loader.created["Projektideen"] += 1


# -- citizen survey ----------------------------------------------------------------------------


def load_survey(loader, region, reason: str) -> Survey | None:
    spec = data.SURVEY
    if Survey.objects.filter(region=region, slug=spec["slug"]).exists():
        return None
    q_spec = data.SURVEY_QUESTIONNAIRE
    if Questionnaire.objects.filter(region=region, slug=q_spec["slug"]).exists():
        return None  # the survey was deleted, its questionnaire kept: leave both so
    questionnaire = create_object(
        Questionnaire(region=region, kind="survey", per_field=False, **q_spec), reason=reason
    )
    loader.created["Fragebögen"] += 1
    sections = [
        create_object(
            Section(region=region, questionnaire=questionnaire, position=position, title=title),
            reason=reason,
        )
        for position, title in enumerate(data.SURVEY_SECTIONS, start=1)
    ]
    town_names = sorted(Municipality.objects.filter(region=region).values_list("name", flat=True))
    questions = {}
    for position, (key, section, kind, text, extra) in enumerate(data.SURVEY_QUESTIONS, start=1):
        values = {"section": sections[section], "text": text, "kind": kind, **extra}
        if key == "town":
            values["options"] = [*town_names, data.OUTSIDE]
        questions[key] = create_object(
            Question(
                region=region,
                questionnaire=questionnaire,
                position=position,
                **validate_question(questionnaire, values),
            ),
            reason=reason,
        )
        loader.created["Fragen"] += 1
    survey = surveys.create_survey(
        Survey(
            region=region,
            slug=spec["slug"],
            title=spec["title"],
            introduction=spec["introduction"],
            questionnaire=questionnaire,
            opens_at=spec["opens_at"],
            closes_at=spec["closes_at"],
            identification=spec["identification"],
            results_public=True,
            is_demo=True,
            published=True,
        ),
        reason=reason,
    )
    loader.created["Umfragen"] += 1
    submissions, answers = [], []
    rng = random.Random(data.SUBMISSION_SEED)  # noqa: S311 (demo data, not security)
    now = timezone.now()
    for n in range(1, data.SUBMISSIONS + 1):
        submission = Submission(
            survey=survey,
            questionnaire=questionnaire,
            # Not a real participant's key: the hash of "demo-<n>" (real keys are HMACs).
            person_key=hashlib.sha256(f"demo-{n}".encode()).hexdigest(),
            confirmed_at=now,
        )
        submissions.append(submission)
        answers.append(survey_answers(rng, town_names))
    Submission.objects.bulk_create(submissions)
    loader.created["Umfrage-Teilnahmen"] += len(submissions)
    SubmissionAnswer.objects.bulk_create(
        [
            SubmissionAnswer(submission=submission, question=questions[key], value=value)
            for submission, values in zip(submissions, answers, strict=True)
            for key, value in values.items()
        ],
        batch_size=2000,
    )
    return survey


def survey_answers(rng: random.Random, town_names: list[str]) -> dict:
    """One plausible (invented) participant's answers, by question key."""
    workplace = rng.choices(data.WORKPLACES, weights=[50, 25, 10, 5, 10])[0]
    working = workplace != data.WORKPLACES[-1]
    values: dict = {"workplace": workplace}
    if working:
        distance = rng.choice([2, 5, 8, 12, 15, 20, 25, 30, 40, 50, 65])
        values["distance"] = str(distance)
        values["minutes"] = str(max(5, round(distance * rng.uniform(1.0, 1.8) / 5) * 5))
        at_home = rng.choices(range(6), weights=[25, 20, 25, 15, 5, 10])[0]
        if workplace == data.WORKPLACES[1]:
            at_home = max(at_home, 3)
        values["home_days"] = data.HOME_DAYS[at_home]
        values["employer_allows"] = at_home > 0 or rng.random() < 0.3
        # Long commutes: more interest in a space nearby.
        interest = 2 + (distance >= 15) + (distance >= 30) + rng.choice([-1, 0, 0, 1])
    else:
        interest = rng.choice([1, 2, 2, 3, 4])
    values["coworked"] = rng.random() < 0.15
    values["interest"] = min(5, max(1, interest))
    if rng.random() > 0.1:
        chosen = [
            f
            for f, p in zip(data.FEATURES, (0.9, 0.5, 0.3, 0.6, 0.4, 0.5, 0.35, 0.45), strict=True)
            if rng.random() < p
        ]
        if chosen:
            values["features"] = chosen
    if working:
        values["save_commute"] = min(5, max(1, values["interest"] + rng.choice([-1, 0, 1])))
    values["town"] = rng.choices(
        [*town_names, data.OUTSIDE], weights=[*([9] * len(town_names)), 2]
    )[0]
    if rng.random() < 0.2:
        values["comment"] = rng.choice(data.COMMENTS)
    return values
