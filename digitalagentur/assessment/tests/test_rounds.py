"""Rounds and the towns' responses (issue 9 §2): validation, deadline, locks and history."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from digitalagentur.assessment import responses, rounds
from digitalagentur.assessment.models import (
    Answer,
    Response,
    ResponseRevision,
    ResponseStatus,
    Round,
)
from digitalagentur.core import testing as t
from digitalagentur.core.models import ObjectChange
from digitalagentur.core.services import EditConflict
from digitalagentur.testing.assessment import (
    make_questionnaire,
    make_response,
    make_round,
    make_survey_questionnaire,
)
from digitalagentur.testing.assessment_rounds import all_scores, question_for, scores


@pytest.fixture
def fields(strategy):
    return [
        t.make_field(strategy, "Verwaltung", slug="verwaltung", priority=1),
        t.make_field(strategy, "Mobilität", slug="mobilitaet", priority=2),
    ]


@pytest.fixture
def questionnaire(region):
    return make_questionnaire(region, "Bedarfsanalyse 2026")


@pytest.fixture
def round(region, town, other_town, fields, questionnaire):
    return make_round(
        region,
        questionnaire=questionnaire,
        towns=[town, other_town],
        fields=fields,
        group_sizes=[1, 1],
        title="Runde 2026",
        slug="runde-2026",
    )


def message(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- rounds ------------------------------------------------------------------------------------


def round_values(questionnaire, **extra):
    values = {
        "slug": "neue-runde",
        "title": "Neue Runde",
        "questionnaire": questionnaire,
        "deadline": timezone.now() + datetime.timedelta(days=10),
        "group_sizes": [1, 1],
    }
    values.update(extra)
    return values


def test_create_round_logs_the_change_with_towns_and_fields(
    region, town, other_town, fields, questionnaire, users
):
    created = rounds.create_round(
        region,
        round_values(questionnaire),
        municipalities=[town, other_town],
        fields=fields,
        user=users["coordinator"],
    )
    assert set(created.municipalities.all()) == {town, other_town}
    assert set(created.fields.all()) == set(fields)
    change = ObjectChange.objects.get(object_id=created.pk, action="create")
    assert change.changes["title"]["after"] == "Neue Runde"
    assert sorted(change.changes["municipalities"]["after"]) == sorted([town.pk, other_town.pk])


@pytest.mark.parametrize(
    ("extra", "key", "text"),
    [
        ({"thresholds": [12, 6]}, "__all__", "genau eines"),
        ({"group_sizes": None}, "__all__", "genau eines"),
        ({"group_sizes": [1, -1, 2]}, "group_sizes", "ab 0"),
        ({"group_sizes": [1, True]}, "group_sizes", "ab 0"),
        ({"group_sizes": [2, 1]}, "group_sizes", "ergeben zusammen 3"),
        ({"group_sizes": None, "thresholds": [6, 12]}, "thresholds", "nicht kleiner"),
        ({"group_sizes": None, "thresholds": ["x", 1]}, "thresholds", "Zahlen"),
        ({"deadline": None}, "deadline", "Frist"),
    ],
)
def test_create_round_refuses_bad_values(
    region, town, fields, questionnaire, users, extra, key, text
):
    with pytest.raises(ValidationError) as caught:
        rounds.create_round(
            region,
            round_values(questionnaire, **extra),
            municipalities=[town],
            fields=fields,
            user=users["coordinator"],
        )
    assert text in " ".join(caught.value.message_dict[key])
    assert not Round.objects.exists()


def test_create_round_needs_an_assessment_questionnaire_of_the_region(
    region, other_region, town, fields, users
):
    for questionnaire in (make_survey_questionnaire(region), make_questionnaire(other_region)):
        with pytest.raises(ValidationError) as caught:
            rounds.create_round(
                region,
                round_values(questionnaire),
                municipalities=[town],
                fields=fields,
                user=users["coordinator"],
            )
        assert "Bedarfsanalyse dieser Region" in caught.value.message_dict["questionnaire"][0]


def test_thresholds_are_stored_as_numbers(region, town, fields, questionnaire, users):
    created = rounds.create_round(
        region,
        round_values(questionnaire, group_sizes=None, thresholds=["12,5", 6]),
        municipalities=[town],
        fields=fields,
        user=users["coordinator"],
    )
    assert created.thresholds == [12.5, 6]


def test_update_round_checks_the_version_and_the_grouping(round, fields, users, strategy):
    third = t.make_field(strategy, "Bildung", slug="bildung")
    with pytest.raises(ValidationError) as caught:
        rounds.update_round(
            round, {}, fields=[*fields, third], expected_version=round.version, user=None
        )
    assert "ergeben zusammen 2" in caught.value.message_dict["group_sizes"][0]
    updated = rounds.update_round(
        round,
        {"group_sizes": [1, 2]},
        fields=[*fields, third],
        expected_version=round.version,
        user=users["coordinator"],
    )
    assert updated.version == 2 and updated.fields.count() == 3
    with pytest.raises(EditConflict):
        rounds.update_round(round, {"title": "Alt"}, expected_version=1, user=None)


def test_is_open_until_the_deadline(round):
    assert responses.is_open(round, round.deadline - datetime.timedelta(seconds=1))
    assert not responses.is_open(round, round.deadline)


# --- responses ---------------------------------------------------------------------------------


def test_save_response_draft_then_submit(round, town, fields, questionnaire, users):
    user = users["officer"]
    values = scores(questionnaire, fields[0], wachstum="4", personal=2)
    response = responses.save_response(
        round, town, values, user=user, submit=False, expected_version=1
    )
    assert response.status == ResponseStatus.DRAFT
    assert response.version == 2
    assert response.questionnaire == questionnaire
    assert responses.answer_values(response) == {
        (question_for(questionnaire, "wachstum").pk, fields[0].pk): 4,
        (question_for(questionnaire, "personal").pk, fields[0].pk): 2,
    }
    assert not ResponseRevision.objects.exists()  # drafts before submission keep no history

    # Clearing one answer, adding another, then submitting.
    more = scores(questionnaire, fields[1], image=5)
    more[(question_for(questionnaire, "personal").pk, fields[0].pk)] = ""
    response = responses.save_response(
        round, town, more, user=user, submit=True, expected_version=2
    )
    assert response.status == ResponseStatus.SUBMITTED
    assert response.submitted_by == user and response.submitted_at is not None
    assert Answer.objects.filter(response=response).count() == 2
    revision = ResponseRevision.objects.get(response=response)
    assert revision.number == 1 and revision.status == ResponseStatus.SUBMITTED
    assert {(a["question"], a["field"], a["value"]) for a in revision.answers} == {
        (question_for(questionnaire, "wachstum").pk, fields[0].pk, 4),
        (question_for(questionnaire, "image").pk, fields[1].pk, 5),
    }


def test_a_town_not_in_the_round_is_refused(round, region, questionnaire, fields, users):
    stranger = t.make_municipality(region, "Nottuln", slug="nottuln")
    with pytest.raises(ValidationError) as caught:
        responses.save_response(
            round,
            stranger,
            scores(questionnaire, fields[0], wachstum=3),
            user=users["coordinator"],
            submit=False,
            expected_version=None,
        )
    assert "nimmt an der Bewertungsrunde nicht teil" in message(caught.value)
    assert not Response.objects.exists()


def test_after_the_deadline_nothing_is_saved(round, town, questionnaire, fields, users):
    Round.objects.filter(pk=round.pk).update(deadline=timezone.now() - datetime.timedelta(1))
    round.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        responses.save_response(
            round,
            town,
            scores(questionnaire, fields[0], wachstum=3),
            user=users["officer"],
            submit=True,
            expected_version=None,
        )
    assert message(caught.value) == (
        "Die Frist dieser Runde ist abgelaufen; Antworten sind nicht mehr möglich."
    )
    assert not Response.objects.exists()


def test_a_bad_value_saves_nothing(round, town, questionnaire, fields, users):
    values = scores(questionnaire, fields[0], wachstum=3, personal=7)
    with pytest.raises(ValidationError) as caught:
        responses.save_response(
            round, town, values, user=users["officer"], submit=False, expected_version=None
        )
    key = f"q{question_for(questionnaire, 'personal').pk}_f{fields[0].pk}"
    assert caught.value.message_dict == {key: ["Bitte einen Wert von 1 bis 5 wählen."]}
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_questions_of_another_questionnaire_or_field_are_refused(
    round, town, questionnaire, fields, users, strategy, region
):
    outside = t.make_field(strategy, "Bildung", slug="bildung")
    foreign = make_questionnaire(region)
    values = {
        (question_for(questionnaire, "wachstum").pk, outside.pk): 3,
        (question_for(foreign, "wachstum").pk, fields[0].pk): 3,
        (question_for(questionnaire, "image").pk, None): 3,
    }
    with pytest.raises(ValidationError) as caught:
        responses.save_response(
            round, town, values, user=users["officer"], submit=False, expected_version=None
        )
    assert len(caught.value.message_dict) == 3
    assert not Answer.objects.exists()


def test_submitting_needs_the_required_questions(region, town, fields, users):
    questionnaire = make_questionnaire(region, required=True)
    round = make_round(region, questionnaire=questionnaire, towns=[town], fields=fields)
    values = all_scores(questionnaire, fields, wachstum=3, image=3, personal=3)
    with pytest.raises(ValidationError) as caught:
        responses.save_response(
            round, town, values, user=users["officer"], submit=True, expected_version=None
        )
    missing = {f"q{question_for(questionnaire, 'infrastruktur').pk}_f{f.pk}" for f in fields}
    assert set(caught.value.message_dict) == missing
    assert not Response.objects.exists()
    # As a draft the same answers are fine.
    response = responses.save_response(
        round, town, values, user=users["officer"], submit=False, expected_version=None
    )
    assert response.status == ResponseStatus.DRAFT


def test_a_stale_version_is_refused_and_nothing_is_lost(round, town, questionnaire, fields, users):
    first = responses.save_response(
        round,
        town,
        scores(questionnaire, fields[0], wachstum=2),
        user=users["officer"],
        submit=False,
        expected_version=1,
    )
    # Somebody else, who also saw no response, saves over it: refused.
    with pytest.raises(ValidationError) as caught:
        responses.save_response(
            round,
            town,
            scores(questionnaire, fields[0], wachstum=5),
            user=users["coordinator"],
            submit=False,
            expected_version=1,
        )
    assert "inzwischen von jemand anderem gespeichert" in message(caught.value)
    assert responses.answer_values(first) == {
        (question_for(questionnaire, "wachstum").pk, fields[0].pk): 2
    }
    assert Response.objects.get().version == 2


def test_changes_after_submission_keep_a_complete_history(
    round, town, questionnaire, fields, users
):
    user = users["officer"]
    key = (question_for(questionnaire, "wachstum").pk, fields[0].pk)
    responses.save_response(round, town, {key: 2}, user=user, submit=True, expected_version=None)
    # A draft save of a submitted response: stays submitted, history grows.
    response = responses.save_response(
        round, town, {key: 3}, user=user, submit=False, expected_version=2
    )
    assert response.status == ResponseStatus.SUBMITTED
    response = responses.save_response(
        round, town, {key: 4}, user=users["coordinator"], submit=True, expected_version=3
    )
    history = list(ResponseRevision.objects.filter(response=response).order_by("number"))
    assert [r.number for r in history] == [1, 2, 3]
    assert [r.answers[0]["value"] for r in history] == [2, 3, 4]
    assert [r.user for r in history] == [user, user, users["coordinator"]]
    assert response.submitted_by == users["coordinator"]
    # A submitted response keeps its required answers: clearing one is refused.
    strict = make_questionnaire(round.region, required=True)
    strict_round = make_round(round.region, questionnaire=strict, towns=[town], fields=fields)
    full = all_scores(strict, fields, wachstum=3, image=3, personal=3, infrastruktur=3)
    responses.save_response(strict_round, town, full, user=user, submit=True, expected_version=None)
    with pytest.raises(ValidationError):
        responses.save_response(
            strict_round,
            town,
            {(question_for(strict, "image").pk, fields[0].pk): None},
            user=user,
            submit=False,
            expected_version=None,
        )


def test_the_response_keeps_its_questionnaire_revision(
    round, town, other_town, questionnaire, fields, users, region
):
    response = make_response(round, town)
    newer = make_questionnaire(region)
    Round.objects.filter(pk=round.pk).update(questionnaire=newer)
    round.refresh_from_db()
    # The existing row is used (get_or_create), answers refer to the old revision.
    saved = responses.save_response(
        round,
        town,
        scores(questionnaire, fields[0], wachstum=4),
        user=users["officer"],
        submit=False,
        expected_version=None,
    )
    assert saved.pk == response.pk and saved.questionnaire == questionnaire
    with pytest.raises(ValidationError):
        responses.save_response(
            round,
            town,
            scores(newer, fields[0], wachstum=4),
            user=users["officer"],
            submit=False,
            expected_version=None,
        )
    assert Response.objects.count() == 1
    # A town answering first now gets the new revision.
    fresh = responses.save_response(
        round,
        other_town,
        scores(newer, fields[0], wachstum=4),
        user=users["coordinator"],
        submit=False,
        expected_version=1,
    )
    assert fresh.questionnaire == newer


def test_a_first_answer_starts_on_the_revision_the_town_saw(
    round, town, other_town, questionnaire, fields, users, region
):
    from digitalagentur.assessment import questionnaires

    make_response(round, other_town)
    newer = questionnaires.writable(questionnaire)
    round.refresh_from_db()
    assert round.questionnaire == newer != questionnaire
    saved = responses.save_response(
        round,
        town,
        scores(questionnaire, fields[0], wachstum=4),
        user=users["officer"],
        submit=False,
        expected_version=1,
        questionnaire=questionnaire,
    )
    assert saved.questionnaire == questionnaire
    assert saved.answers.get().question.questionnaire == questionnaire
    # Once the answer is tied to a revision, a page of another revision is refused.
    with pytest.raises(ValidationError) as info:
        responses.save_response(
            round,
            town,
            scores(newer, fields[0], wachstum=5),
            user=users["officer"],
            submit=False,
            expected_version=saved.version,
            questionnaire=newer,
        )
    assert info.value.code == "questionnaire"
    assert saved.answers.get().value == 4


def test_a_questionnaire_of_another_lineage_starts_no_answer(
    round, town, questionnaire, fields, users, region
):
    other = make_questionnaire(region, "Etwas anderes")
    with pytest.raises(ValidationError) as info:
        responses.save_response(
            round,
            town,
            scores(other, fields[0], wachstum=4),
            user=users["officer"],
            submit=False,
            expected_version=1,
            questionnaire=other,
        )
    assert info.value.code == "questionnaire"
    assert not Response.objects.filter(round=round, municipality=town).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_first_saves_at_once_make_one_response(region, town, strategy):
    field = t.make_field(strategy, "Verwaltung", slug="verwaltung")
    questionnaire = make_questionnaire(region)
    round = make_round(region, questionnaire=questionnaire, towns=[town], fields=[field])
    barrier = threading.Barrier(2)
    errors = []

    def run(key, value):
        try:
            barrier.wait(timeout=5)
            responses.save_response(
                round,
                town,
                scores(questionnaire, field, **{key: value}),
                user=None,
                submit=False,
                expected_version=None,
            )
        except Exception as error:  # noqa: BLE001 - collected for the assertion
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=("wachstum", 2)),
        threading.Thread(target=run, args=("personal", 4)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    response = Response.objects.get()
    assert response.version == 3
    assert Answer.objects.filter(response=response).count() == 2


# --- overview ----------------------------------------------------------------------------------


def test_town_statuses_and_missing_towns(
    round, region, town, other_town, questionnaire, fields, django_assert_num_queries
):
    make_response(round, town, status="submitted")
    with django_assert_num_queries(2):
        rows = responses.town_statuses(round)
    assert [(m, label) for m, _r, label in rows] == [
        (other_town, "noch keine Antwort"),
        (town, "eingereicht"),
    ]
    assert list(responses.missing_municipalities(round)) == [other_town]
    for number in range(5):
        extra = t.make_municipality(region, f"Ort {number}", slug=f"ort-{number}")
        round.municipalities.add(extra)
        make_response(round, extra)
    with django_assert_num_queries(2):
        rows = responses.town_statuses(round)
    assert len(rows) == 7 and sum(label == "Entwurf" for *_x, label in rows) == 5


def test_counts_leave_out_towns_no_longer_in_the_round(
    round, region, town, other_town, django_assert_num_queries
):
    """with_counts: towns and submitted responses of the towns still taking part."""
    make_response(round, town, status="submitted")
    make_response(round, other_town, status="submitted")
    empty = make_round(region, towns=[town], slug="leer")
    with django_assert_num_queries(1):
        counted = {
            r.pk: (r.town_count, r.submitted_count)
            for r in responses.with_counts(Round.objects.all())
        }
    assert counted == {round.pk: (2, 2), empty.pk: (1, 0)}
    # Havixbeck leaves the round (as an old round could have it): its answer no longer counts.
    round.municipalities.remove(other_town)
    counted = responses.with_counts(Round.objects.filter(pk=round.pk)).get()
    assert (counted.town_count, counted.submitted_count) == (1, 1)
    assert list(responses.participant_responses(round).values_list("municipality", flat=True)) == [
        town.pk
    ]


def test_update_round_keeps_towns_and_fields_with_answers(
    round, region, town, other_town, fields, questionnaire, users
):
    make_response(round, town, scores(questionnaire, fields[0], wachstum=4))
    with pytest.raises(ValidationError) as caught:
        rounds.update_round(
            round, {}, municipalities=[other_town], expected_version=round.version, user=None
        )
    assert caught.value.message_dict["municipalities"] == [
        "Diese Kommunen haben schon geantwortet und bleiben deshalb in der Runde: Senden."
    ]
    with pytest.raises(ValidationError) as caught:
        rounds.update_round(
            round,
            {"group_sizes": [1]},
            fields=[fields[1]],
            expected_version=round.version,
            user=None,
        )
    assert "bleiben deshalb in der Runde: Verwaltung" in caught.value.message_dict["fields"][0]
    newer = make_questionnaire(region, "Bedarfsanalyse 2027")
    with pytest.raises(ValidationError) as caught:
        rounds.update_round(
            round, {"questionnaire": newer}, expected_version=round.version, user=None
        )
    assert "Fragebogen kann nicht mehr gewechselt" in caught.value.message_dict["questionnaire"][0]
    round.refresh_from_db()
    assert round.version == 1 and round.questionnaire == questionnaire
    assert round.municipalities.count() == 2 and round.fields.count() == 2
    # A town without a response and a field without answers may go.
    updated = rounds.update_round(
        round,
        {"group_sizes": [1]},
        municipalities=[town],
        fields=[fields[0]],
        expected_version=round.version,
        user=None,
    )
    assert list(updated.municipalities.all()) == [town]
    assert list(updated.fields.all()) == [fields[0]]


def test_the_questionnaire_may_change_while_nobody_answered(round, region):
    newer = make_questionnaire(region, "Bedarfsanalyse 2027")
    updated = rounds.update_round(
        round, {"questionnaire": newer}, expected_version=round.version, user=None
    )
    assert updated.questionnaire == newer


def test_delete_round_logs_and_keeps_applied_rounds(round, town, users, strategy):
    make_response(round, town)  # a draft does not keep the round
    Round.objects.filter(pk=round.pk).update(applied_version=_freeze(strategy))
    round.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        rounds.delete_round(round, expected_version=round.version, user=users["coordinator"])
    assert "in die Strategie übernommen" in message(caught.value)
    Round.objects.filter(pk=round.pk).update(applied_version=None)
    round.refresh_from_db()
    with pytest.raises(EditConflict):
        rounds.delete_round(round, expected_version=round.version - 1, user=users["coordinator"])
    rounds.delete_round(
        round, expected_version=round.version, user=users["coordinator"], reason="Doppelt angelegt"
    )
    assert not Round.objects.exists() and not Response.objects.exists()
    change = ObjectChange.objects.get(object_id=round.pk, action="delete")
    assert change.reason == "Doppelt angelegt" and change.user == users["coordinator"]


def test_a_round_with_submitted_answers_is_not_deleted(round, town, users):
    make_response(round, town, status="submitted")
    with pytest.raises(ValidationError) as caught:
        rounds.delete_round(round, expected_version=round.version, user=users["coordinator"])
    assert message(caught.value) == (
        "Die Runde hat eingereichte Antworten; sie bleiben erhalten, die Runde kann daher "
        "nicht gelöscht werden."
    )
    assert Round.objects.filter(pk=round.pk).exists() and Response.objects.exists()


def _freeze(strategy):
    from digitalagentur.strategy.versions import freeze_version

    return freeze_version(strategy, "Fassung 1")
