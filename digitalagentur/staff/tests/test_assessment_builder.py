"""The questionnaire builder of the staff area (issue 9 §1): building a questionnaire end to
end through the pages, permissions per role, revisions when a questionnaire has answers, bad
input with German messages, deletes with confirmation, stale versions, and the list's query
count."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from digitalagentur.assessment.models import (
    Criterion,
    Dimension,
    Question,
    QuestionKind,
    Questionnaire,
    QuestionnaireKind,
    Section,
)
from digitalagentur.core import testing as t
from digitalagentur.testing.assessment import (
    make_questionnaire,
    make_response,
    make_round,
    make_survey_questionnaire,
)

pytestmark = pytest.mark.django_db

ANSWERS_NOTICE = (
    "Dieser Fragebogen hat bereits Antworten. Änderungen legen eine neue Fassung an; "
    "bestehende Antworten bleiben bei der Fassung, die beantwortet wurde."
)
NUMBER_MESSAGE = (
    "Bitte eine Zahl mit höchstens 4 Nachkommastellen und höchstens 11 Stellen davor "
    "angeben (z. B. 12,5 oder 1650; ohne Tausenderpunkte)."
)


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


@pytest.fixture
def login(client, users):
    def _login(role):
        client.force_login(users[role])
        return users[role]

    return _login


def url(name, *args):
    return reverse(f"staff:{name}", args=args)


def page(response) -> str:
    return response.content.decode()


def question_data(section, **overrides):
    data = {
        "section": section.pk,
        "text": "Wie hoch ist die Relevanz?",
        "help_text": "",
        "kind": QuestionKind.SCALE,
        "options_text": "",
        "criterion": "",
        "min_value": "",
        "max_value": "",
        "reason": "",
    }
    for i in range(1, 6):
        data[f"scale_label_{i}"] = ""
    data.update(overrides)
    return data


# -- end to end ------------------------------------------------------------------------------------


def test_coordination_builds_a_questionnaire_through_the_pages(client, login, region):
    login("coordinator")
    empty = page(client.get(url("questionnaire_list")))
    assert "Noch keine Fragebögen" in empty
    assert url("questionnaire_create") in empty

    response = client.post(
        url("questionnaire_create"),
        {
            "title": "Bedarfsanalyse 2019",
            "kind": QuestionnaireKind.ASSESSMENT,
            "per_field": "on",
            "description": "Relevanz und Potenzial je Handlungsfeld",
            "reason": "",
        },
    )
    questionnaire = Questionnaire.objects.get(region=region, title="Bedarfsanalyse 2019")
    assert response.status_code == 302
    assert response["Location"] == url("questionnaire_detail", questionnaire.pk)
    assert questionnaire.per_field and questionnaire.kind == QuestionnaireKind.ASSESSMENT
    assert questionnaire.revision == 1

    response = client.post(
        url("questionnaire_section_create", questionnaire.pk),
        {"title": "Relevanz", "description": "", "reason": ""},
    )
    assert response.status_code == 302
    section = Section.objects.get(questionnaire=questionnaire)
    assert section.title == "Relevanz"

    response = client.post(
        url("questionnaire_criterion_create", questionnaire.pk),
        {
            "name": "Arbeitsplätze",
            "key": "arbeitsplaetze",
            "dimension": Dimension.RELEVANCE,
            "weight": "1,5",
            "reason": "",
        },
    )
    assert response.status_code == 302
    criterion = Criterion.objects.get(questionnaire=questionnaire)
    assert criterion.weight == Decimal("1.5")
    assert criterion.dimension == Dimension.RELEVANCE

    labels = ["sehr gering", "gering", "mittel", "hoch", "sehr hoch"]
    data = question_data(
        section,
        text="Wie wichtig ist das Feld für Arbeitsplätze?",
        criterion=criterion.pk,
        required="on",
        **{f"scale_label_{i + 1}": label for i, label in enumerate(labels)},
    )
    response = client.post(url("questionnaire_question_create", questionnaire.pk), data)
    assert response.status_code == 302, page(response)
    scale = Question.objects.get(questionnaire=questionnaire, kind=QuestionKind.SCALE)
    assert scale.criterion == criterion
    assert scale.scale_labels == labels
    assert scale.required

    data = question_data(
        section,
        text="Wer ist zuständig?",
        kind=QuestionKind.SINGLE,
        options_text="Bürgermeister\n\nHauptamt\n  IT-Stelle  \n",
    )
    response = client.post(url("questionnaire_question_create", questionnaire.pk), data)
    assert response.status_code == 302, page(response)
    single = Question.objects.get(questionnaire=questionnaire, kind=QuestionKind.SINGLE)
    assert single.options == ["Bürgermeister", "Hauptamt", "IT-Stelle"]
    assert single.criterion is None and single.scale_labels == []
    assert list(section.questions.order_by("position").values_list("pk", flat=True)) == [
        scale.pk,
        single.pk,
    ]

    detail = page(client.get(url("questionnaire_detail", questionnaire.pk)))
    assert "Arbeitsplätze" in detail and "1,5" in detail
    assert "Wer ist zuständig?" in detail and "IT-Stelle" in detail
    assert ANSWERS_NOTICE not in detail

    # move the choice question up: the order changes
    response = client.post(url("questionnaire_question_move", single.pk), {"direction": "up"})
    assert response.status_code == 302
    assert list(section.questions.order_by("position").values_list("pk", flat=True)) == [
        single.pk,
        scale.pk,
    ]

    listing = page(client.get(url("questionnaire_list")))
    assert "Bedarfsanalyse 2019" in listing and 'data-label="Fragen">2' in listing

    preview = client.get(url("questionnaire_preview", questionnaire.pk))
    assert preview.status_code == 200
    assert "Wer ist zuständig?" in page(preview) and "disabled" in page(preview)


def test_preview_of_a_per_field_questionnaire_shows_one_example_field(
    client, login, region, strategy
):
    field = t.make_field(strategy, "Mobilität")
    other = t.make_field(strategy, "Bildung")
    questionnaire = make_questionnaire(region)
    login("reader")
    html = page(client.get(url("questionnaire_preview", questionnaire.pk)))
    assert "Mobilität" in html
    first = questionnaire.questions.order_by("position").first()
    assert f'name="q{first.pk}_f{field.pk}"' in html
    assert f'_f{other.pk}"' not in html and "Bildung" not in html


def test_the_question_kinds_fields_are_kept_apart(client, login, region):
    questionnaire = make_survey_questionnaire(region)
    section = questionnaire.sections.get()
    login("coordinator")
    data = question_data(
        section,
        text="Wie viele Beschäftigte?",
        kind=QuestionKind.NUMBER,
        min_value="0",
        max_value="1000,5",
        options_text="a\nb",
        scale_label_1="wenig",
    )
    response = client.post(url("questionnaire_question_create", questionnaire.pk), data)
    assert response.status_code == 302, page(response)
    number = Question.objects.get(questionnaire=questionnaire, text="Wie viele Beschäftigte?")
    assert (number.min_value, number.max_value) == (Decimal(0), Decimal("1000.5"))
    assert number.options == [] and number.scale_labels == []


# -- permissions -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["officer", "reader"])
def test_officers_and_readers_read_but_never_write(client, login, region, role):
    questionnaire = make_questionnaire(region)
    section = questionnaire.sections.first()
    criterion = questionnaire.criteria.first()
    question = questionnaire.questions.first()
    login(role)
    for name, args in [
        ("questionnaire_list", ()),
        ("questionnaire_detail", (questionnaire.pk,)),
        ("questionnaire_preview", (questionnaire.pk,)),
    ]:
        assert client.get(url(name, *args)).status_code == 200
    detail = page(client.get(url("questionnaire_detail", questionnaire.pk)))
    assert url("questionnaire_edit", questionnaire.pk) not in detail
    assert url("questionnaire_create") not in page(client.get(url("questionnaire_list")))

    writes = [
        ("questionnaire_create", (), {"title": "X", "kind": "survey"}),
        ("questionnaire_edit", (questionnaire.pk,), {"title": "X", "version": 1}),
        ("questionnaire_delete", (questionnaire.pk,), {"version": 1}),
        ("questionnaire_section_create", (questionnaire.pk,), {"title": "X"}),
        ("questionnaire_section_edit", (section.pk,), {"title": "X", "version": 1}),
        ("questionnaire_section_delete", (section.pk,), {"version": 1}),
        ("questionnaire_section_move", (section.pk,), {"direction": "down"}),
        ("questionnaire_criterion_create", (questionnaire.pk,), {"name": "X"}),
        ("questionnaire_criterion_edit", (criterion.pk,), {"name": "X", "version": 1}),
        ("questionnaire_criterion_delete", (criterion.pk,), {"version": 1}),
        ("questionnaire_criterion_move", (criterion.pk,), {"direction": "down"}),
        ("questionnaire_question_create", (questionnaire.pk,), question_data(section)),
        ("questionnaire_question_edit", (question.pk,), question_data(section, version=1)),
        ("questionnaire_question_delete", (question.pk,), {"version": 1}),
        ("questionnaire_question_move", (question.pk,), {"direction": "down"}),
    ]
    for name, args, data in writes:
        if not name.endswith("_move"):
            assert client.get(url(name, *args)).status_code == 403, name
        assert client.post(url(name, *args), data).status_code == 403, name
    assert Questionnaire.objects.filter(region=region).count() == 1
    assert questionnaire.sections.count() == 2
    assert questionnaire.criteria.count() == 4
    section.refresh_from_db()
    assert section.title == "Relevanz" and section.version == 1


def test_anonymous_users_are_sent_to_the_login(client, region):
    response = client.get(url("questionnaire_list"))
    assert response.status_code == 302 and "/anmelden/" in response["Location"]


def test_objects_of_another_region_are_not_found(client, login, region, other_region):
    foreign = make_questionnaire(other_region)
    login("coordinator")
    assert client.get(url("questionnaire_detail", foreign.pk)).status_code == 404
    assert client.get(url("questionnaire_edit", foreign.pk)).status_code == 404
    question = foreign.questions.first()
    assert client.get(url("questionnaire_question_edit", question.pk)).status_code == 404


# -- revisions -------------------------------------------------------------------------------------


def test_editing_a_questionnaire_with_answers_makes_revision_2(client, login, region, town):
    questionnaire = make_questionnaire(region, per_field=False)
    question = questionnaire.questions.order_by("position").first()
    round_ = make_round(region, questionnaire=questionnaire, towns=[town])
    make_response(round_, town, {(question.pk, None): 4})
    login("coordinator")

    detail = page(client.get(url("questionnaire_detail", questionnaire.pk)))
    assert ANSWERS_NOTICE in detail
    form = page(client.get(url("questionnaire_question_edit", question.pk)))
    assert ANSWERS_NOTICE in form

    data = question_data(
        question.section,
        text="Wie bewerten Sie das Wachstumspotenzial heute?",
        criterion=question.criterion_id,
        version=question.version,
    )
    response = client.post(url("questionnaire_question_edit", question.pk), data)
    revision2 = Questionnaire.objects.get(region=region, slug=questionnaire.slug, revision=2)
    assert response.status_code == 302
    assert response["Location"].startswith(url("questionnaire_detail", revision2.pk))
    assert revision2.predecessor_id == questionnaire.pk

    followed = page(client.get(response["Location"]))
    assert "neuen Fassung 2" in followed
    changed = revision2.questions.get(text="Wie bewerten Sie das Wachstumspotenzial heute?")
    assert changed.criterion.questionnaire_id == revision2.pk
    assert changed.section.questionnaire_id == revision2.pk
    assert "Wie bewerten Sie das Wachstumspotenzial heute?" in followed
    question.refresh_from_db()
    assert question.text != "Wie bewerten Sie das Wachstumspotenzial heute?"  # answered: kept
    round_.refresh_from_db()
    assert round_.questionnaire_id == revision2.pk

    old = page(client.get(url("questionnaire_detail", questionnaire.pk)))
    assert "kann nicht mehr geändert werden" in old
    assert url("questionnaire_question_edit", question.pk) not in old
    # writing on the old revision is refused and leads to the newest one
    response = client.post(url("questionnaire_question_edit", question.pk), data)
    assert response.status_code == 302
    assert response["Location"] == url("questionnaire_detail", revision2.pk)
    assert Questionnaire.objects.filter(region=region, slug=questionnaire.slug).count() == 2

    listing = page(client.get(url("questionnaire_list")))
    assert listing.count(questionnaire.title) == 1
    assert 'data-label="Fassung">2' in listing


def test_editing_title_or_adding_a_section_to_an_answered_questionnaire(
    client, login, region, town
):
    questionnaire = make_questionnaire(region, per_field=False, title="Analyse")
    question = questionnaire.questions.order_by("position").first()
    round_ = make_round(region, questionnaire=questionnaire, towns=[town])
    make_response(round_, town, {(question.pk, None): 2})
    login("coordinator")
    response = client.post(
        url("questionnaire_edit", questionnaire.pk),
        {"title": "Analyse 2025", "description": "", "version": 1, "reason": ""},
    )
    revision2 = Questionnaire.objects.get(region=region, slug=questionnaire.slug, revision=2)
    assert response.status_code == 302
    assert response["Location"] == url("questionnaire_detail", revision2.pk)
    assert revision2.title == "Analyse 2025"
    questionnaire.refresh_from_db()
    assert questionnaire.title == "Analyse"
    # revision 2 has no answers yet: a new section stays in it
    response = client.post(
        url("questionnaire_section_create", revision2.pk), {"title": "Schluss", "reason": ""}
    )
    assert response["Location"].startswith(url("questionnaire_detail", revision2.pk))
    assert revision2.sections.filter(title="Schluss").exists()
    assert not questionnaire.sections.filter(title="Schluss").exists()
    assert Questionnaire.objects.filter(region=region, slug=questionnaire.slug).count() == 2


def test_the_builder_groups_criteria_by_dimension(client, login, region):
    questionnaire = make_questionnaire(region)
    login("coordinator")
    html = page(client.get(url("questionnaire_detail", questionnaire.pk)))
    relevance, potential = (
        html.index('id="dimension-relevance"'),
        html.index('id="dimension-potential"'),
    )
    assert relevance < html.index("Wachstumspotenzial") < potential
    assert potential < html.index("Infrastruktur", potential)
    assert url("questionnaire_criterion_create", questionnaire.pk) + "?dimension=potential" in html
    form = page(
        client.get(url("questionnaire_criterion_create", questionnaire.pk) + "?dimension=potential")
    )
    assert '<option value="potential" selected>' in form


# -- bad input -------------------------------------------------------------------------------------


def test_bad_input_shows_german_messages_and_saves_nothing(client, login, region):
    questionnaire = make_survey_questionnaire(region)
    section = questionnaire.sections.get()
    count = questionnaire.questions.count()
    login("coordinator")

    data = question_data(section, text="Wohin?", kind=QuestionKind.SINGLE, options_text="Nur eine")
    response = client.post(url("questionnaire_question_create", questionnaire.pk), data)
    assert response.status_code == 200
    assert "Eine Auswahlfrage braucht mindestens zwei Antwortmöglichkeiten." in page(response)
    assert questionnaire.questions.count() == count

    response = client.post(
        url("questionnaire_criterion_create", questionnaire.pk),
        {"name": "Personal", "key": "personal", "dimension": "potential", "weight": "0"},
    )
    assert response.status_code == 200
    assert "Das Gewicht muss größer als 0 sein." in page(response)
    response = client.post(
        url("questionnaire_criterion_create", questionnaire.pk),
        {"name": "Personal", "key": "personal", "dimension": "potential", "weight": "viel"},
    )
    assert NUMBER_MESSAGE in page(response)
    assert not questionnaire.criteria.exists()
    # a thousands dot could be misread ("1.500": 1,5 or 1500?): refused, never guessed
    response = client.post(
        url("questionnaire_criterion_create", questionnaire.pk),
        {"name": "Personal", "key": "personal", "dimension": "potential", "weight": "1.500"},
    )
    assert response.status_code == 200 and NUMBER_MESSAGE in page(response)
    assert not questionnaire.criteria.exists()
    data = question_data(
        section, text="Wie weit?", kind=QuestionKind.NUMBER, min_value="0", max_value="12.000"
    )
    response = client.post(url("questionnaire_question_create", questionnaire.pk), data)
    assert response.status_code == 200 and NUMBER_MESSAGE in page(response)
    assert questionnaire.questions.count() == count

    data = question_data(
        section, text="Wie viele?", kind=QuestionKind.NUMBER, min_value="10", max_value="5"
    )
    response = client.post(url("questionnaire_question_create", questionnaire.pk), data)
    assert "Der größte Wert darf nicht kleiner als der kleinste sein." in page(response)

    response = client.post(
        url("questionnaire_create"), {"title": "  ", "kind": "survey", "description": ""}
    )
    assert response.status_code == 200
    assert Questionnaire.objects.filter(region=region).count() == 1

    response = client.post(
        url("questionnaire_question_move", questionnaire.questions.first().pk),
        {"direction": "sideways"},
    )
    assert response.status_code == 302


def test_a_criterion_only_goes_with_scale_questions(client, login, region):
    questionnaire = make_questionnaire(region)
    section = questionnaire.sections.first()
    criterion = questionnaire.criteria.first()
    login("coordinator")
    data = question_data(section, text="Ja?", kind=QuestionKind.YESNO, criterion=criterion.pk)
    response = client.post(url("questionnaire_question_create", questionnaire.pk), data)
    assert response.status_code == 200
    assert "Ein Kriterium kann nur mit einer Skalenfrage verbunden werden." in page(response)


def test_a_stale_version_shows_the_conflict(client, login, region):
    questionnaire = make_survey_questionnaire(region)
    login("coordinator")
    response = client.post(
        url("questionnaire_edit", questionnaire.pk),
        {"title": "Neu", "description": "", "version": questionnaire.version, "reason": ""},
    )
    assert response.status_code == 302
    response = client.post(
        url("questionnaire_edit", questionnaire.pk),
        {"title": "Älter", "description": "", "version": questionnaire.version, "reason": ""},
    )
    assert response.status_code == 409
    questionnaire.refresh_from_db()
    assert questionnaire.title == "Neu"


# -- deletes ---------------------------------------------------------------------------------------


def test_delete_with_confirmation(client, login, region):
    questionnaire = make_survey_questionnaire(region, title="Mobiles Arbeiten")
    question = questionnaire.questions.order_by("position").first()
    login("coordinator")
    confirm = page(client.get(url("questionnaire_question_delete", question.pk)))
    assert "wirklich löschen" in confirm or "löschen?" in confirm
    assert Question.objects.filter(pk=question.pk).exists()
    response = client.post(
        url("questionnaire_question_delete", question.pk), {"version": question.version}
    )
    assert response.status_code == 302
    assert not Question.objects.filter(pk=question.pk).exists()

    confirm = page(client.get(url("questionnaire_delete", questionnaire.pk)))
    assert "Mobiles Arbeiten" in confirm
    response = client.post(url("questionnaire_delete", questionnaire.pk), {"version": 1})
    assert response.status_code == 302 and response["Location"] == url("questionnaire_list")
    assert not Questionnaire.objects.filter(pk=questionnaire.pk).exists()


def test_a_questionnaire_in_use_is_not_deleted(client, login, region):
    questionnaire = make_questionnaire(region)
    make_round(region, questionnaire=questionnaire)
    login("coordinator")
    confirm = client.get(url("questionnaire_delete", questionnaire.pk))
    assert 'role="alert"' in page(confirm)
    assert "Endgültig löschen" not in page(confirm)
    response = client.post(url("questionnaire_delete", questionnaire.pk), {"version": 1})
    assert response.status_code == 302
    assert Questionnaire.objects.filter(pk=questionnaire.pk).exists()
    followed = page(client.get(response["Location"]))
    assert "wird in einer Bewertungsrunde oder Umfrage verwendet" in followed
    assert "Runde" in followed


# -- queries ---------------------------------------------------------------------------------------


def test_the_list_needs_the_same_number_of_queries_for_more_questionnaires(
    client, login, region, town, django_assert_max_num_queries
):
    login("coordinator")

    def fill(n):
        for _ in range(n):
            questionnaire = make_questionnaire(region)
            make_round(region, questionnaire=questionnaire, towns=[town])

    fill(1)
    client.get(url("questionnaire_list"))  # warm caches (session, region)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(url("questionnaire_list")).status_code == 200
    fill(5)
    client.get(url("questionnaire_list"))  # warm the role cache again (new rows reset it)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url("questionnaire_list"))
    assert len(many.captured_queries) <= len(few.captured_queries), "\n".join(
        q["sql"][:200] for q in few.captured_queries + [{"sql": "-----"}] + many.captured_queries
    )
    assert page(response).count("Runde") >= 6


def test_the_builder_page_needs_the_same_number_of_queries_for_more_questions(
    client, login, region
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    small = make_questionnaire(region, questions_per_criterion=1)
    large = make_questionnaire(region, questions_per_criterion=6)
    login("coordinator")
    client.get(url("questionnaire_detail", small.pk))
    with CaptureQueriesContext(connection) as few:
        client.get(url("questionnaire_detail", small.pk))
    with CaptureQueriesContext(connection) as many:
        response = client.get(url("questionnaire_detail", large.pk))
    assert response.status_code == 200
    assert len(many.captured_queries) <= len(few.captured_queries)


# -- copies and conflicts --------------------------------------------------------------------------


def test_a_questionnaire_is_copied_as_a_template(client, login, region):
    original = make_questionnaire(region, title="Analyse 2019")
    login("coordinator")
    form = page(client.get(url("questionnaire_copy", original.pk)))
    assert "Kopie von Analyse 2019" in form
    response = client.post(url("questionnaire_copy", original.pk), {"title": "Analyse 2025"})
    copy = Questionnaire.objects.get(region=region, title="Analyse 2025")
    assert response["Location"] == url("questionnaire_detail", copy.pk)
    assert copy.slug != original.slug and copy.revision == 1
    assert copy.questions.count() == original.questions.count() == 4
    assert set(copy.criteria.values_list("key", flat=True)) == set(
        original.criteria.values_list("key", flat=True)
    )
    response = client.post(url("questionnaire_copy", original.pk), {"title": " "})
    assert "Bitte einen Titel angeben." in page(response)
    login("reader")
    assert client.post(url("questionnaire_copy", original.pk), {"title": "X"}).status_code == 403


def test_a_stale_criterion_edit_shows_the_conflict_and_keeps_the_newer_value(client, login, region):
    questionnaire = make_questionnaire(region)
    criterion = questionnaire.criteria.get(key="personal")
    login("coordinator")
    data = {"name": "Personal", "key": "personal", "dimension": "potential", "reason": ""}
    first = client.post(
        url("questionnaire_criterion_edit", criterion.pk),
        {**data, "weight": "2", "version": criterion.version},
    )
    assert first.status_code == 302
    stale = client.post(
        url("questionnaire_criterion_edit", criterion.pk),
        {**data, "weight": "3", "version": criterion.version},
    )
    assert stale.status_code == 409
    criterion.refresh_from_db()
    assert criterion.weight == Decimal(2)
