from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from digitalagentur.assessment import questionnaire_parts as parts
from digitalagentur.assessment import questionnaires as qs
from digitalagentur.assessment.models import (
    Answer,
    Criterion,
    Question,
    QuestionKind,
    Questionnaire,
    Submission,
    SubmissionAnswer,
)
from digitalagentur.core.models import ObjectChange
from digitalagentur.core.services import EditConflict
from digitalagentur.testing.assessment import (
    make_questionnaire,
    make_response,
    make_round,
    make_survey,
    make_survey_questionnaire,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(users):
    return users["coordinator"]


def first_question(q):
    return q.questions.order_by("section__position", "position", "pk").first()


def changes(obj):
    return ObjectChange.objects.filter(object_id=obj.pk, object_repr=str(obj))


def test_create_questionnaire_section_criterion_question(region, coordinator):
    q = qs.create_questionnaire(
        region, {"title": "Bedarfsanalyse Fortschreibung", "kind": "assessment"}, user=coordinator
    )
    assert (q.slug, q.revision) == ("bedarfsanalyse-fortschreibung", 1)
    again = qs.create_questionnaire(region, {"title": "Bedarfsanalyse Fortschreibung"})
    assert again.slug == "bedarfsanalyse-fortschreibung-2"
    section = parts.create_section(q, {"title": "Relevanz"}, user=coordinator)
    second = parts.create_section(q, {"title": "Potenzial"}, user=coordinator)
    assert (section.position, second.position) == (0, 1)
    crit = parts.create_criterion(
        q, {"key": "wachstum", "name": "Wachstum", "dimension": "relevance", "weight": "1,5"}
    )
    assert crit.weight == Decimal("1.5")
    question = parts.create_question(
        section,
        {"text": "Wie wichtig?", "kind": "scale", "criterion": crit, "scale_labels": "a\nb"},
        user=coordinator,
    )
    assert question.questionnaire == q and question.criterion == crit
    assert question.scale_labels == ["a", "b", "", "", ""]
    assert ObjectChange.objects.filter(action="create", object_id=question.pk).exists()


def test_question_validation(region):
    q = make_questionnaire(region)
    other = make_questionnaire(region)
    section = q.sections.first()
    foreign = other.criteria.first()

    def errors(values):
        with pytest.raises(ValidationError) as error:
            parts.create_question(section, {"text": "Frage", **values})
        return error.value.message_dict

    assert errors({"kind": "scale", "criterion": foreign}) == {
        "criterion": ["Das Kriterium gehört nicht zu diesem Fragebogen."]
    }
    assert errors({"kind": "single", "options": ["a", " ", ""]}) == {
        "options": ["Bitte mindestens zwei verschiedene Antwortmöglichkeiten angeben."]
    }
    assert errors({"kind": "multiple", "options": ["a", "a"]}) == {
        "options": ["Jede Antwortmöglichkeit darf nur einmal vorkommen."]
    }
    assert errors({"kind": "number", "min_value": "10", "max_value": "2"}) == {
        "max_value": ["Der größte Wert darf nicht kleiner sein als der kleinste Wert."]
    }
    assert "text" in errors({"kind": "text", "text": " "})
    ok = parts.create_question(section, {"text": "Wie?", "kind": "single", "options": "a\n b \n"})
    assert ok.options == ["a", "b"]
    number = parts.create_question(
        section, {"text": "Wie viel?", "kind": "number", "min_value": "0", "max_value": "1,5"}
    )
    assert (number.min_value, number.max_value) == (Decimal("0"), Decimal("1.5"))


def test_criterion_validation(region):
    q = make_questionnaire(region)
    with pytest.raises(ValidationError) as error:
        parts.create_criterion(
            q, {"key": "wachstum", "name": "Doppelt", "dimension": "relevance", "weight": 1}
        )
    assert error.value.message_dict == {"key": ["Diesen Schlüssel hat schon ein Kriterium."]}
    for weight in (0, "-1", "x"):
        with pytest.raises(ValidationError) as error:
            parts.create_criterion(
                q, {"key": f"neu{weight}", "name": "N", "dimension": "potential", "weight": weight}
            )
        assert error.value.message_dict == {"weight": ["Das Gewicht muss größer als 0 sein."]}


def test_edit_without_answers_changes_in_place(region, town, coordinator):
    q = make_questionnaire(region)
    round_ = make_round(region, questionnaire=q, towns=[town])
    question = first_question(q)
    updated = parts.update_question(
        question, {"text": "Neuer Text"}, expected_version=question.version, user=coordinator
    )
    assert updated.pk == question.pk and updated.version == question.version + 1
    assert Questionnaire.objects.filter(slug=q.slug).count() == 1
    change = ObjectChange.objects.get(object_id=question.pk, action="update")
    assert change.changes["text"]["after"] == "Neuer Text"
    assert change.user == coordinator
    round_.refresh_from_db()
    assert round_.questionnaire_id == q.pk


def test_edit_with_answers_makes_new_revision(region, town, strategy, coordinator):
    from digitalagentur.core.testing import make_field

    field = make_field(strategy, "Bildung")
    q = make_questionnaire(region)
    round_ = make_round(region, questionnaire=q, towns=[town], fields=[field])
    survey = make_survey(region, questionnaire=q)
    question = first_question(q)
    response = make_response(round_, town, {(question.pk, field.pk): 4}, status="submitted")

    updated = parts.update_question(
        question, {"text": "Neuer Text"}, expected_version=question.version, user=coordinator
    )

    new_q = updated.questionnaire
    assert (new_q.slug, new_q.revision, new_q.predecessor) == (q.slug, 2, q)
    assert updated.pk != question.pk and updated.text == "Neuer Text"
    # the old revision and its answers are intact
    question.refresh_from_db()
    assert question.text != "Neuer Text" and question.questionnaire_id == q.pk
    response.refresh_from_db()
    assert response.questionnaire_id == q.pk
    assert list(Answer.objects.filter(response=response).values_list("question_id", "value")) == [
        (question.pk, 4)
    ]
    # the copy has the same structure, its questions linked to its own criteria
    assert new_q.sections.count() == q.sections.count()
    assert sorted(new_q.criteria.values_list("key", flat=True)) == sorted(
        q.criteria.values_list("key", flat=True)
    )
    for copy in new_q.questions.select_related("criterion", "section"):
        assert copy.criterion.questionnaire_id == new_q.pk
        assert copy.section.questionnaire_id == new_q.pk
    # rounds and surveys moved on, with a change log entry
    round_.refresh_from_db()
    survey.refresh_from_db()
    assert round_.questionnaire_id == new_q.pk
    assert survey.questionnaire_id == new_q.pk
    assert ObjectChange.objects.filter(object_id=round_.pk, action="update").exists()
    assert list(qs.latest_revisions(region)) == [new_q]
    assert qs.has_answers(q) and not qs.has_answers(new_q)


def test_writable_twice_makes_one_revision(region, town):
    q = make_questionnaire(region)
    round_ = make_round(region, questionnaire=q, towns=[town])
    make_response(round_, town)
    first = qs.writable(q)
    second = qs.writable(q)
    assert first.pk == second.pk != q.pk
    section = q.sections.order_by("position").last()
    assert qs.writable(section).questionnaire_id == first.pk
    assert qs.writable(section).title == section.title
    crit = q.criteria.get(key="personal")
    assert qs.writable(crit) == first.criteria.get(key="personal")
    assert Questionnaire.objects.filter(slug=q.slug).count() == 2


def test_survey_submission_counts_as_answer(region):
    q = make_survey_questionnaire(region)
    survey = make_survey(region, questionnaire=q)
    assert not qs.has_answers(q)
    submission = Submission.objects.create(survey=survey, questionnaire=q, person_key="k")
    question = q.questions.get(kind=QuestionKind.TEXT)
    SubmissionAnswer.objects.create(submission=submission, question=question, value="Hallo")
    assert qs.has_answers(q)
    revision = parts.delete_question(question, expected_version=question.version)
    assert revision.revision == 2
    assert not revision.questions.filter(kind=QuestionKind.TEXT).exists()
    assert Question.objects.filter(pk=question.pk).exists()  # answered: kept in revision 1
    survey.refresh_from_db()
    assert survey.questionnaire == revision


def test_delete_answered_criterion_in_new_revision(region, town):
    q = make_questionnaire(region)
    round_ = make_round(region, questionnaire=q, towns=[town])
    make_response(round_, town, {(first_question(q).pk, None): 3})
    crit = q.criteria.get(key="wachstum")
    revision = parts.delete_criterion(crit, expected_version=crit.version)
    assert revision.revision == 2
    assert Criterion.objects.filter(pk=crit.pk).exists()
    assert not revision.criteria.filter(key="wachstum").exists()
    assert revision.questions.count() == q.questions.count()


def test_version_conflict(region, coordinator):
    q = make_questionnaire(region)
    question = first_question(q)
    parts.update_question(question, {"text": "Eins"}, expected_version=question.version)
    with pytest.raises(EditConflict):
        parts.update_question(question, {"text": "Zwei"}, expected_version=question.version)
    question.refresh_from_db()
    assert question.text == "Eins"
    with pytest.raises(EditConflict):
        qs.update_questionnaire(q, {"title": "X"}, expected_version=q.version + 5)
    with pytest.raises(EditConflict):
        parts.delete_section(q.sections.first(), expected_version=99)


def test_version_conflict_checked_before_copying(region, town):
    q = make_questionnaire(region)
    make_response(make_round(region, questionnaire=q, towns=[town]), town)
    with pytest.raises(EditConflict):
        qs.update_questionnaire(q, {"title": "Neu"}, expected_version=q.version + 1)
    assert Questionnaire.objects.filter(slug=q.slug).count() == 1


def test_noop_edit_makes_no_revision(region, town):
    q = make_questionnaire(region)
    make_response(make_round(region, questionnaire=q, towns=[town]), town)
    same = qs.update_questionnaire(q, {"title": q.title}, expected_version=q.version)
    assert same.pk == q.pk
    assert Questionnaire.objects.filter(slug=q.slug).count() == 1


def test_move_up_and_down(region, coordinator):
    q = make_questionnaire(region)
    first, second = q.sections.order_by("position")
    moved = parts.move(second, qs.UP, user=coordinator)
    assert moved.pk == second.pk
    assert list(q.sections.order_by("position").values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
    ]
    assert parts.move(moved, qs.UP).pk == second.pk  # already first: unchanged
    parts.move(first, qs.UP)
    assert list(q.sections.order_by("position", "pk").values_list("pk", flat=True)) == [
        first.pk,
        second.pk,
    ]
    crits = list(q.criteria.filter(dimension="relevance").order_by("position"))
    parts.move(crits[0], qs.DOWN)
    assert list(
        q.criteria.filter(dimension="relevance").order_by("position").values_list("key", flat=True)
    ) == [crits[1].key, crits[0].key]


def test_move_answered_moves_in_new_revision(region, town):
    q = make_questionnaire(region)
    make_response(make_round(region, questionnaire=q, towns=[town]), town)
    second = q.sections.order_by("position").last()
    moved = parts.move(second, qs.UP)
    assert moved.questionnaire.revision == 2
    assert list(
        moved.questionnaire.sections.order_by("position").values_list("title", flat=True)
    ) == [
        second.title,
        q.sections.order_by("position").first().title,
    ]
    assert list(q.sections.order_by("position").values_list("pk", flat=True))[-1] == second.pk


def test_copy_as_template(region, coordinator):
    q = make_survey_questionnaire(region)
    copy = qs.copy_questionnaire(q, title="Umfrage 2027", user=coordinator)
    assert (copy.slug, copy.revision, copy.predecessor) == ("umfrage-2027", 1, None)
    assert list(copy.questions.values_list("text", "kind", "options")) == list(
        q.questions.values_list("text", "kind", "options")
    )
    assert set(qs.latest_revisions(region)) == {q, copy}


def test_delete_questionnaire(region, town):
    unused = make_questionnaire(region)
    qs.delete_questionnaire(unused, expected_version=unused.version)
    assert not Questionnaire.objects.filter(pk=unused.pk).exists()
    used = make_questionnaire(region)
    make_round(region, questionnaire=used, towns=[town])
    with pytest.raises(ValidationError) as error:
        qs.delete_questionnaire(used, expected_version=used.version)
    assert error.value.messages == [
        "Dieser Fragebogen wird in einer Bewertungsrunde oder Umfrage verwendet."
    ]


def test_question_moves_to_other_section_of_new_revision(region, town):
    q = make_questionnaire(region)
    make_response(make_round(region, questionnaire=q, towns=[town]), town)
    question = first_question(q)
    target_section = q.sections.order_by("position").last()
    updated = parts.update_question(
        question, {"section": target_section}, expected_version=question.version
    )
    assert updated.questionnaire.revision == 2
    assert updated.section.questionnaire_id == updated.questionnaire_id
    assert updated.section.title == target_section.title
    assert updated.criterion.questionnaire_id == updated.questionnaire_id
    assert list(updated.section.questions.order_by("position", "pk"))[-1] == updated


def test_kind_change_drops_criterion(region):
    q = make_questionnaire(region)
    question = first_question(q)
    updated = parts.update_question(question, {"kind": "yesno"}, expected_version=question.version)
    assert updated.kind == "yesno" and updated.criterion is None
    with pytest.raises(ValidationError) as error:
        parts.update_question(
            updated,
            {"kind": "text", "criterion": q.criteria.first()},
            expected_version=updated.version,
        )
    assert error.value.message_dict == {
        "criterion": ["Nur Skalenfragen können zu einem Kriterium zählen."]
    }


def test_refused_edit_of_answered_questionnaire_leaves_no_revision(region, town):
    q = make_questionnaire(region)
    make_response(make_round(region, questionnaire=q, towns=[town]), town)
    question = first_question(q)
    with pytest.raises(ValidationError):  # found by validate_question, before any copy
        parts.update_question(
            question, {"kind": "single", "options": ["nur eine"]}, expected_version=1
        )
    with pytest.raises(ValidationError) as error:  # found by full_clean, after the copy
        parts.update_question(
            question, {"kind": "number", "min_value": "0,001"}, expected_version=1
        )
    assert "min_value" in error.value.message_dict
    assert Questionnaire.objects.filter(slug=q.slug).count() == 1


def test_stale_objects_of_old_revision(region, town):
    q = make_questionnaire(region)
    make_response(make_round(region, questionnaire=q, towns=[town]), town)
    first, second = q.questions.order_by("section__position", "position", "pk")[:2]
    revision = parts.delete_question(first, expected_version=first.version)
    # an edit posted from the old page still finds its question (by text) in revision 2
    updated = parts.update_question(second, {"help_text": "Hinweis"}, expected_version=1)
    assert updated.questionnaire_id == revision.pk and updated.text == second.text
    # the deleted one is gone: a clear message instead of editing something else
    with pytest.raises(ValidationError) as error:
        parts.update_question(first, {"help_text": "Hinweis"}, expected_version=1)
    assert (
        "gibt es in der neuesten Fassung des Fragebogens so nicht mehr" in error.value.messages[0]
    )


def test_new_revision_moves_only_rounds_and_surveys_that_still_take_answers(region, town, strategy):
    import datetime

    from django.utils import timezone

    from digitalagentur.strategy.models import StrategyVersion

    q = make_questionnaire(region)
    now = timezone.now()
    open_round = make_round(region, questionnaire=q, towns=[town])
    past_round = make_round(
        region, questionnaire=q, towns=[town], deadline=now - datetime.timedelta(days=1)
    )
    version = StrategyVersion.objects.create(
        region=region, strategy=strategy, name="Fassung 2", snapshot={}
    )
    applied_round = make_round(
        region, questionnaire=q, towns=[town], applied_version=version, applied_at=now
    )
    open_survey = make_survey(region, questionnaire=q)
    upcoming_survey = make_survey(
        region,
        questionnaire=q,
        opens_at=now + datetime.timedelta(days=2),
        closes_at=now + datetime.timedelta(days=9),
    )
    closed_survey = make_survey(
        region,
        questionnaire=q,
        opens_at=now - datetime.timedelta(days=9),
        closes_at=now - datetime.timedelta(days=2),
    )
    make_response(past_round, town, {(first_question(q).pk, None): 4}, status="submitted")

    new_q = qs.update_questionnaire(q, {"title": "Neu"}, expected_version=q.version)

    assert new_q.revision == 2
    for obj, revision in [
        (open_round, new_q),
        (upcoming_survey, new_q),
        (open_survey, new_q),
        (past_round, q),  # its results rest on revision 1
        (applied_round, q),  # its groups are in the strategy
        (closed_survey, q),
    ]:
        obj.refresh_from_db()
        assert obj.questionnaire_id == revision.pk, obj
    moved = ObjectChange.objects.filter(content_type__model="round", action="update")
    assert sorted(moved.values_list("object_id", flat=True)) == [open_round.pk]


def test_stale_edit_of_old_revision_never_overwrites_a_change_in_the_new_one(region, town):
    q = make_questionnaire(region)
    make_response(make_round(region, questionnaire=q, towns=[town]), town)
    question = first_question(q)
    crit = q.criteria.get(key="wachstum")
    section = q.sections.order_by("position").first()
    # A changes the question, which makes revision 2; B's forms were loaded before, from 1
    a = parts.update_question(question, {"help_text": "Von A"}, expected_version=question.version)
    with pytest.raises(EditConflict) as conflict:
        parts.update_question(question, {"help_text": "Von B"}, expected_version=question.version)
    assert conflict.value.instance.pk == a.pk  # the conflict shows A's version
    a.refresh_from_db()
    assert a.help_text == "Von A"
    with pytest.raises(EditConflict):
        parts.delete_question(question, expected_version=question.version)
    assert Question.objects.filter(pk=a.pk).exists()
    # the same for the questionnaire, a criterion and a section changed in revision 2
    new_q = qs.update_questionnaire(q, {"title": "Titel A"}, expected_version=q.version)
    with pytest.raises(EditConflict):
        qs.update_questionnaire(q, {"title": "Titel B"}, expected_version=q.version)
    new_crit = parts.update_criterion(crit, {"weight": "2"}, expected_version=crit.version)
    with pytest.raises(EditConflict):
        parts.update_criterion(crit, {"name": "B"}, expected_version=crit.version)
    new_section = parts.update_section(section, {"description": "A"}, expected_version=1)
    with pytest.raises(EditConflict):
        parts.update_section(section, {"description": "B"}, expected_version=section.version)
    new_q.refresh_from_db()
    new_crit.refresh_from_db()
    new_section.refresh_from_db()
    assert (new_q.title, new_crit.weight, new_crit.name) == ("Titel A", 2, crit.name)
    assert new_section.description == "A"
    assert Questionnaire.objects.filter(slug=q.slug).count() == 2


def test_stale_edit_of_old_revision_goes_to_an_unchanged_copy(region, town):
    q = make_questionnaire(region)
    make_response(make_round(region, questionnaire=q, towns=[town]), town)
    first, second = q.questions.order_by("section__position", "position", "pk")[:2]
    parts.update_question(first, {"text": "Von A"}, expected_version=first.version)
    # B edits another question from the old page: its copy in revision 2 is unchanged
    updated = parts.update_question(second, {"help_text": "Von B"}, expected_version=1)
    assert updated.questionnaire.revision == 2 and updated.help_text == "Von B"
    assert updated.text == second.text
