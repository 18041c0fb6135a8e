"""The demo's needs assessment: questionnaire, the round of 2019, workshops, citizen survey.

The demo is loaded once per module inside an outer transaction (rolled back at the end), as
in test_load_demo.py; every test runs in a savepoint within it.
"""

import datetime
from collections import defaultdict
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone, translation

from digitalagentur.assessment import consolidation
from digitalagentur.assessment.models import (
    Answer,
    Criterion,
    Question,
    Questionnaire,
    Response,
    Round,
    Submission,
    SubmissionAnswer,
    Survey,
    Workshop,
)
from digitalagentur.demo.loader import load_demo
from digitalagentur.strategy.models import Field, StrategyVersion
from digitalagentur.tenancy.models import Municipality, Region

# Written independently of demo/data: the priority groups of seed 001 (VORLAGE_COE).
SEED_GROUPS = {
    "verwaltung": 1,
    "bildung": 1,
    "mobilitaet": 2,
    "wirtschaft": 2,
    "innenstadt-dorfmitte": 2,
    "gesundheit": 3,
    "kultur": 3,
    "tourismus": 3,
}
SEED_CRITERIA = {
    "relevance": {
        "wachstumspotenzial",
        "wirtschaftliche-lage",
        "arbeitsplaetze",
        "imagefaktor",
        "oeffentlicher-diskurs",
    },
    "potential": {
        "netzwerke",
        "projekte",
        "infrastruktur",
        "personal",
        "geraete",
        "verantwortliche",
        "ressourcen-verwaltung",
    },
}


@pytest.fixture
def region(demo_db, db):
    return Region.objects.get(slug="kreis-coesfeld")


@pytest.fixture
def demo_round(region):
    return Round.objects.get(region=region, slug="bestandsaufnahme-2019")


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


def model_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def consolidate_from_database(round_: Round) -> list[consolidation.FieldResult]:
    """The round's consolidation computed here from the stored answers: a town's score on a
    criterion is the mean of its answers to the criterion's scale questions."""
    criteria = [
        consolidation.Criterion(key=c.key, dimension=c.dimension, weight=Fraction(c.weight))
        for c in Criterion.objects.filter(questionnaire=round_.questionnaire)
    ]
    values = defaultdict(list)  # (town, field, criterion key) -> answers
    rows = Answer.objects.filter(response__round=round_, response__status="submitted")
    for town, field, key, value in rows.values_list(
        "response__municipality__slug", "field__slug", "question__criterion__key", "value"
    ):
        values[(town, field, key)].append(value)
    scores = defaultdict(dict)
    for (town, field, key), answers in values.items():
        scores[(town, field)][key] = Fraction(sum(answers), len(answers))
    answers = [
        consolidation.Answer(municipality=town, field=field, scores=criterion_scores)
        for (town, field), criterion_scores in scores.items()
    ]
    grouping = consolidation.Grouping(sizes=tuple(round_.group_sizes))
    return consolidation.consolidate(criteria, answers, grouping, round_.combine)


def test_questionnaire_with_the_twelve_criteria_of_seed_003(region):
    questionnaire = Questionnaire.objects.get(
        region=region, slug="bedarfsanalyse-digitalisierung-2019"
    )
    assert questionnaire.title == "Bedarfsanalyse Digitalisierung 2019"
    assert (questionnaire.kind, questionnaire.per_field, questionnaire.revision) == (
        "assessment",
        True,
        1,
    )
    assert [s.title for s in questionnaire.sections.order_by("position")] == [
        "Relevanz",
        "Potenzial",
    ]
    criteria = list(questionnaire.criteria.all())
    by_dimension = defaultdict(set)
    for criterion in criteria:
        by_dimension[criterion.dimension].add(criterion.key)
        assert criterion.weight == 1
        # Every criterion has questions, all on the scale, in its dimension's section.
        questions = list(criterion.questions.select_related("section"))
        assert questions, criterion.key
        expected_section = "Relevanz" if criterion.dimension == "relevance" else "Potenzial"
        for question in questions:
            assert question.kind == "scale"
            assert question.section.title == expected_section
            assert question.scale_labels[0] == "sehr gering"
            assert question.scale_labels[-1] == "sehr hoch"
            assert "Handlungsfeld" in question.text
            assert "Tourismus" not in question.text
    assert dict(by_dimension) == SEED_CRITERIA
    texts = set(Question.objects.filter(questionnaire=questionnaire).values_list("text", flat=True))
    assert (
        "Wie groß ist das Wachstumspotenzial des Handlungsfelds im Vergleich zu anderen Sektoren?"
    ) in texts
    assert not Question.objects.filter(questionnaire=questionnaire, criterion=None).exists()


def test_the_round_of_2019(region, demo_round):
    assert demo_round.title == "Bestandsaufnahme 2019"
    assert demo_round.published
    assert (demo_round.combine, demo_round.group_sizes, demo_round.thresholds) == (
        "product",
        [2, 3, 3],
        None,
    )
    berlin = ZoneInfo("Europe/Berlin")
    assert demo_round.deadline == datetime.datetime(2019, 9, 1, tzinfo=berlin)  # 31.08., 24:00
    towns = set(Municipality.objects.filter(region=region).values_list("pk", flat=True))
    assert len(towns) == 11
    assert set(demo_round.municipalities.values_list("pk", flat=True)) == towns
    assert set(demo_round.fields.values_list("slug", flat=True)) == set(SEED_GROUPS)
    assert demo_round.applied_version == StrategyVersion.objects.get(
        region=region, name="Fassung 2021"
    )


def test_every_town_submitted_varied_answers(demo_round):
    responses = Response.objects.filter(round=demo_round)
    assert responses.count() == 11
    assert set(responses.values_list("status", flat=True)) == {"submitted"}
    for response in responses:
        assert response.submitted_at < demo_round.deadline
        assert response.questionnaire_id == demo_round.questionnaire_id
        assert response.revisions.filter(status="submitted").count() == 1
    questions = Question.objects.filter(questionnaire=demo_round.questionnaire).count()
    per_town = [r.answers.count() for r in responses]
    full = questions * 8
    assert max(per_town) <= full
    assert sum(per_town) < 11 * full  # some towns skip a few questions ...
    assert min(per_town) > 0.9 * full  # ... but only a few
    values = list(Answer.objects.filter(response__round=demo_round).values_list("value", flat=True))
    assert set(values) <= {1, 2, 3, 4, 5}
    assert len(set(values)) == 5  # not all equal
    # Towns differ from each other for the same field and question.
    by_question = defaultdict(set)
    for question, field, value in Answer.objects.filter(response__round=demo_round).values_list(
        "question", "field", "value"
    ):
        by_question[(question, field)].add(value)
    assert sum(len(v) > 1 for v in by_question.values()) > 0.8 * len(by_question)


def test_consolidation_reproduces_the_strategys_groups_with_clear_margins(demo_round):
    results = consolidate_from_database(demo_round)
    assert {r.field: r.priority_group for r in results} == SEED_GROUPS
    assert all(r.n == 11 for r in results)
    # The groups lie clearly apart: the weakest of a group scores well above the best of the
    # next one (at least 1.5 on the combined scale of 1 to 25).
    for upper, lower in ((1, 2), (2, 3)):
        lowest = min(r.combined for r in results if r.priority_group == upper)
        highest = max(r.combined for r in results if r.priority_group == lower)
        assert lowest - highest >= Fraction(3, 2), (upper, float(lowest), float(highest))
    # The strategy's current groups are the same.
    fields = Field.objects.filter(region=demo_round.region).select_related("priority_group")
    assert {f.slug: f.priority_group.number for f in fields} == SEED_GROUPS


def test_results_module_agrees(demo_round):
    """The domain's round results (assessment/results.py) give the same groups and scores."""
    results_module = pytest.importorskip("digitalagentur.assessment.results")
    data = results_module.api_results(demo_round)
    rows = data["results"] if isinstance(data, dict) else data
    assert {row["field"]: row["priority_group"] for row in rows} == SEED_GROUPS
    assert all(row["override_group"] is None for row in rows if "override_group" in row)
    expected = {r.field: r.as_json() for r in consolidate_from_database(demo_round)}
    for row in rows:
        for key in ("relevance", "potential", "combined", "rank", "n"):
            assert row[key] == expected[row["field"]][key], (row["field"], key)


def test_stored_values_are_what_the_domain_would_store(region, demo_round):
    """Every demo answer passes answers.clean_value unchanged (formats of the domain)."""
    answers_module = pytest.importorskip("digitalagentur.assessment.answers")
    survey = Survey.objects.get(region=region, slug="mobiles-arbeiten-coworking")
    rows = [
        *Answer.objects.filter(response__round=demo_round).select_related("question")[:500],
        *SubmissionAnswer.objects.filter(submission__survey=survey).select_related("question"),
    ]
    for row in rows:
        assert answers_module.clean_value(row.question, row.value) == row.value, (
            row.question.text,
            row.value,
        )


def test_api_results_name_fields_by_slug(client, demo_round):
    path = f"/api/v1/assessment/rounds/{demo_round.pk}/results/"
    try:
        found = resolve(path).route != "api/v1/"  # not the API's catch-all "not found"
    except Resolver404:
        found = False
    if not found:
        pytest.skip("the round results API is not there yet")
    response = client.get(path, HTTP_HOST="localhost")
    assert response.status_code == 200
    body = response.json()
    rows = body["results"] if isinstance(body, dict) else body
    groups = {}
    for row in rows:
        field = row["field"]
        slug = field["slug"] if isinstance(field, dict) else field
        groups[slug] = row.get("final_group", row.get("priority_group"))
    assert groups == SEED_GROUPS


def test_workshops_with_the_seed_facts(region):
    workshops = {w.field.slug: w for w in Workshop.objects.filter(region=region)}
    assert set(workshops) == {"mobilitaet", "wirtschaft", "innenstadt-dorfmitte"}
    mobility = workshops["mobilitaet"]
    assert mobility.title == "Themenfeld-Workshop Mobilität"
    assert (mobility.date, mobility.format, mobility.participants) == (
        datetime.date(2020, 2, 19),
        "in_person",
        30,
    )
    assert "Ganztagesworkshop" in mobility.description
    for slug, participants in (("wirtschaft", 23), ("innenstadt-dorfmitte", 34)):
        workshop = workshops[slug]
        assert workshop.title.startswith("Digitaler Themenfeld-Workshop ")
        assert (workshop.format, workshop.participants) == ("digital", participants)
        assert (workshop.date.year, workshop.date.month) == (2020, 6)
        assert (workshop.end_date.year, workshop.end_date.month) == (2020, 6)
        assert "drei Videomeetings" in workshop.description
        assert "zwei Phasen dezentralen Arbeitens" in workshop.description
    for workshop in workshops.values():
        assert workshop.published and workshop.goals_discussed
        ideas = list(workshop.ideas.select_related("project__field"))
        assert ideas
        for idea in ideas:
            # Every idea became a strategy project of the workshop's field.
            assert idea.project.is_strategy_project
            assert idea.project.field_id == workshop.field_id
            assert idea.title == idea.project.title
    codes = {i.project.code for i in workshops["mobilitaet"].ideas.select_related("project")}
    assert codes == {"P19", "P20", "P21", "P22"}


def test_citizen_survey_is_marked_demo_and_has_answers(region):
    survey = Survey.objects.get(region=region, slug="mobiles-arbeiten-coworking")
    assert survey.title == "Mobiles Arbeiten und Coworking im Kreis Coesfeld"
    assert survey.is_demo and survey.published and survey.results_public
    assert survey.identification == "anonymous"
    assert survey.introduction.startswith("Demo-Umfrage")
    assert survey.questionnaire.kind == "survey"
    assert survey.opens_at <= timezone.now() < survey.closes_at  # open: the form can be tried
    kinds = set(survey.questionnaire.questions.values_list("kind", flat=True))
    assert kinds == {"scale", "single", "multiple", "number", "text", "yesno"}
    submissions = Submission.objects.filter(survey=survey)
    assert submissions.count() == 150
    assert not submissions.filter(confirmed_at=None).exists()
    assert len(set(submissions.values_list("person_key", flat=True))) == 150
    answers = SubmissionAnswer.objects.filter(submission__survey=survey).select_related("question")
    by_kind = defaultdict(list)
    for answer in answers:
        by_kind[answer.question.kind].append(answer.value)
        if answer.question.kind in ("single", "multiple"):
            chosen = answer.value if isinstance(answer.value, list) else [answer.value]
            assert set(chosen) <= set(answer.question.options)
    assert set(by_kind["scale"]) <= {1, 2, 3, 4, 5} and len(set(by_kind["scale"])) >= 4
    assert all(isinstance(v, bool) for v in by_kind["yesno"])
    assert all(str(float(v)) and isinstance(v, str) for v in by_kind["number"])
    # Every town of the Kreis appears among the places of residence.
    town = survey.questionnaire.questions.get(text__startswith="In welcher Stadt")
    places = set(SubmissionAnswer.objects.filter(question=town).values_list("value", flat=True))
    assert set(Municipality.objects.filter(region=region).values_list("name", flat=True)) <= places


def test_a_second_run_changes_nothing(region):
    before = model_counts()
    result = load_demo()
    assert result.already_loaded
    assert model_counts() == before


def test_the_steps_themselves_create_nothing_twice(region):
    """Beyond the region check: each step looks its objects up before creating them."""
    from digitalagentur.demo import assessment
    from digitalagentur.demo.loader import REASON, DemoLoader

    before = model_counts()
    loader = DemoLoader()
    assessment.load_assessment(loader, region, REASON)
    assert model_counts() == before
    assert sum(loader.created.values()) == 0


def test_the_public_pages_show_the_demo(client, region, demo_round):
    """The round, the survey and its results, the workshops on their field's page."""
    host = {"HTTP_HOST": "localhost"}
    page = client.get("/bedarfsanalyse/bestandsaufnahme-2019/", **host)
    assert page.status_code == 200
    assert "Bestandsaufnahme 2019" in page.text and "Innenstadt/Dorfmitte" in page.text
    survey = client.get("/umfragen/mobiles-arbeiten-coworking/", **host)
    assert survey.status_code == 200
    assert "Demo-Umfrage" in survey.text and "<form" in survey.text
    results = client.get("/umfragen/mobiles-arbeiten-coworking/ergebnisse/", **host)
    assert results.status_code == 200
    assert "Coworking Space" in results.text
    field = client.get("/handlungsfelder/mobilitaet/", **host)
    assert field.status_code == 200
    assert "Themenfeld-Workshop Mobilität" in field.text
    rounds = client.get("/api/v1/assessment/rounds/", **host)
    assert rounds.status_code == 200
    assert "bestandsaufnahme-2019" in rounds.text


def test_scale_data_has_assessment_rounds_and_surveys(region):
    """generate_scale_data's assessment step: a round with every town's response, a survey
    with submissions, results the domain computes; delete_scale_data removes them all."""
    from digitalagentur.assessment.results import api_results
    from digitalagentur.demo.scale import STEPS, Plan, delete_scale_data, run

    run(Plan(scale=0.002), STEPS)
    scale_round = Round.objects.get(region__slug="skala-001")
    towns = scale_round.municipalities.count()
    assert towns >= 27
    assert Response.objects.filter(round=scale_round).count() == towns
    rows = api_results(scale_round)
    assert {row["field"] for row in rows} == set(scale_round.fields.values_list("slug", flat=True))
    assert {row["priority_group"] for row in rows} <= {1, 2, 3}
    assert Submission.objects.filter(survey__region__slug="skala-001").count() == 40
    assert Workshop.objects.filter(region__slug="skala-001").count() == 1
    delete_scale_data()
    assert not Round.objects.filter(region__slug__startswith="skala-").exists()
    assert not Questionnaire.objects.filter(region__slug__startswith="skala-").exists()
    assert not Answer.objects.filter(response__region__slug__startswith="skala-").exists()
    # The demo stays.
    assert Round.objects.filter(region=region).count() == 1


def test_the_staff_pages_show_the_demo(client, region, demo_round):
    """The coordination's pages on the demo's round, questionnaire, workshops and survey."""
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="koordination"))
    survey = Survey.objects.get(region=region, slug="mobiles-arbeiten-coworking")
    workshop = Workshop.objects.get(region=region, field__slug="mobilitaet")
    pages = {
        reverse("staff:round_detail", kwargs={"slug": demo_round.slug}): "Senden",
        reverse("staff:round_results", kwargs={"slug": demo_round.slug}): "Verwaltung",
        reverse("staff:questionnaire_detail", kwargs={"pk": demo_round.questionnaire_id}): (
            "Wachstumspotenzial"
        ),
        reverse("staff:workshop_detail", kwargs={"pk": workshop.pk}): "Smarter unterwegs",
        reverse("staff:survey_results", kwargs={"pk": survey.pk}): "Coworking Space",
    }
    for path, text in pages.items():
        response = client.get(path, HTTP_HOST="localhost")
        assert response.status_code == 200, path
        assert text in response.text, path
