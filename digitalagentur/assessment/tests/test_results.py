"""Results of a round (issue 9 §3), computed by hand on a small case; overrides; applying."""

import datetime
import threading
from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from digitalagentur.assessment import result_actions as ra
from digitalagentur.assessment import results as r
from digitalagentur.assessment.models import GroupOverride, Response, Round
from digitalagentur.core import testing as t
from digitalagentur.core.models import ObjectChange
from digitalagentur.core.services import EditConflict
from digitalagentur.strategy.models import Field, PriorityGroup, StrategyVersion
from digitalagentur.testing.assessment import make_questionnaire, make_response, make_round
from digitalagentur.testing.assessment_rounds import scores


@pytest.fixture
def case(region, strategy, town, other_town):
    """Three fields, three towns; the third town has only a draft (which must not count).

    verwaltung: T1 relevance (4+2)/2 = 3, potential 5; T2 relevance 5, potential 3
      -> relevance mean 4, std 1; potential mean 4, std 1; consensus (1+1)/2 = 1 "mittel";
         product 16
    mobilitaet: T1 relevance 2 (image unanswered), potential (2+3)/2 = 2.5; T2 2 and 2
      -> relevance 2, std 0; potential 2.25, std 0.25; consensus 0.125 "hoch"; product 4.5
    bildung: T1 relevance 3, potential 1; T2 relevance 5, potential 1
      -> relevance 4 (std 1), potential 1 (std 0); consensus exactly 0.5 "hoch"; product 4
    Ranks 1, 2, 3; group sizes [1, 1, 1] give groups 1, 2, 3.
    """
    fields = {
        "verwaltung": t.make_field(strategy, "Verwaltung", slug="verwaltung", priority=2),
        "mobilitaet": t.make_field(strategy, "Mobilität", slug="mobilitaet", priority=1),
        "bildung": t.make_field(strategy, "Bildung", slug="bildung", priority=3),
    }
    third = t.make_municipality(region, "Nottuln", slug="nottuln")
    questionnaire = make_questionnaire(region)
    round = make_round(
        region,
        questionnaire=questionnaire,
        towns=[town, other_town, third],
        fields=list(fields.values()),
        group_sizes=[1, 1, 1],
        title="Runde 2026",
    )
    q, f = questionnaire, fields
    make_response(
        round,
        town,
        {
            **scores(q, f["verwaltung"], wachstum=4, image=2, personal=5, infrastruktur=5),
            **scores(q, f["mobilitaet"], wachstum=2, personal=2, infrastruktur=3),
            **scores(q, f["bildung"], wachstum=3, personal=1),
        },
        status="submitted",
    )
    make_response(
        round,
        other_town,
        {
            **scores(q, f["verwaltung"], wachstum=5, image=5, personal=3, infrastruktur=3),
            **scores(q, f["mobilitaet"], wachstum=2, image=2, personal=2, infrastruktur=2),
            **scores(q, f["bildung"], wachstum=5, image=5, personal=1, infrastruktur=1),
        },
        status="submitted",
    )
    make_response(
        round,
        third,
        scores(q, f["verwaltung"], wachstum=1, image=1, personal=1, infrastruktur=1),
    )
    t.make_project(region, "Online-Rathaus", field=f["verwaltung"], towns=[town])
    t.make_project(region, "Entwurf", field=f["verwaltung"], towns=[town], published=False)
    return {"round": round, "fields": fields, "third": third, "questionnaire": q}


CONSOLIDATE_KEYS = {
    "field",
    "relevance",
    "potential",
    "combined",
    "n",
    "std_relevance",
    "std_potential",
    "rank",
    "priority_group",
}


def rows_by_slug(result):
    return {row.field.slug: row for row in result.rows}


def test_results_computed_by_hand(case):
    result = r.round_results(case["round"])
    assert [row.field.slug for row in result.rows] == ["verwaltung", "mobilitaet", "bildung"]
    assert result.submitted == 2
    rows = rows_by_slug(result)

    verwaltung = rows["verwaltung"]
    assert verwaltung.relevance.mean == 4 and verwaltung.relevance.median == 4
    assert verwaltung.relevance.variance == 1 and verwaltung.relevance.std == Decimal("1.00")
    assert (verwaltung.relevance.minimum, verwaltung.relevance.maximum) == (3, 5)
    assert verwaltung.potential.mean == 4 and verwaltung.potential.n == 2
    assert verwaltung.consensus == "mittel" and verwaltung.consensus_label == "mittel"
    assert verwaltung.combined == 16 and verwaltung.n == 2
    assert (verwaltung.rank, verwaltung.computed_group, verwaltung.group) == (1, 1, 1)
    assert verwaltung.project_count == 2

    mobilitaet = rows["mobilitaet"]
    assert mobilitaet.relevance.mean == 2 and mobilitaet.relevance.variance == 0
    assert mobilitaet.potential.mean == Fraction(9, 4)
    assert mobilitaet.potential.median == Fraction(9, 4)
    assert mobilitaet.potential.std == Decimal("0.25")
    assert mobilitaet.potential.mean_display == Decimal("2.25")
    assert mobilitaet.consensus == "hoch"
    assert mobilitaet.combined == Fraction(9, 2)
    assert (mobilitaet.rank, mobilitaet.group) == (2, 2)

    bildung = rows["bildung"]
    assert (bildung.relevance.mean, bildung.potential.mean) == (4, 1)
    assert bildung.consensus == "hoch"  # (1 + 0) / 2 = 0.5 is still "hoch"
    assert bildung.combined == 4 and (bildung.rank, bildung.group) == (3, 3)
    assert bildung.project_count == 0 and bildung.override is None


def test_the_public_counts_only_published_projects(case):
    rows = rows_by_slug(r.round_results(case["round"], public=True))
    assert rows["verwaltung"].project_count == 1


def test_only_submitted_responses_count_and_a_town_sees_only_its_submitted_answers(case, town):
    rows = rows_by_slug(r.round_results(case["round"], municipality=case["third"]))
    assert rows["verwaltung"].relevance.n == 2  # the draft is not counted
    # The third town has a draft only: nothing of it is shown, not even to itself.
    assert rows["verwaltung"].own_relevance is None and rows["verwaltung"].own_potential is None
    rows = rows_by_slug(r.round_results(case["round"], municipality=town))
    assert rows["verwaltung"].own_relevance == 3 and rows["verwaltung"].own_potential == 5
    assert rows["mobilitaet"].own_relevance == 2


def test_towns_no_longer_in_the_round_are_not_counted(case, other_town, town):
    round = case["round"]
    round.municipalities.remove(other_town)
    result = r.round_results(round, municipality=other_town)
    assert result.submitted == 1
    verwaltung = rows_by_slug(result)["verwaltung"]
    assert verwaltung.n == 1 and verwaltung.relevance.mean == 3 and verwaltung.potential.mean == 5
    assert verwaltung.own_relevance is None
    assert [item["n"] for item in r.api_results(round)] == [1, 1, 1]


def test_median_and_consensus_rules():
    summary = r.DimensionSummary.of([Fraction(1), Fraction(3), Fraction(2)])
    assert summary.median == 2 and summary.n == 3
    assert r.DimensionSummary.of([Fraction(v) for v in (1, 2, 3, 4)]).median == Fraction(5, 2)
    assert r.DimensionSummary.of([]) is None

    def dim(variance, n=3):
        return r.DimensionSummary(Fraction(3), Fraction(3), Fraction(variance), 1, 5, n)

    assert r.consensus(dim(4), dim(0)) == "mittel"  # (2 + 0) / 2 = 1.0
    assert r.consensus(dim(4), dim(1)) == "gering"  # (2 + 1) / 2 = 1.5
    assert r.consensus(dim(Fraction(1, 4)), dim(Fraction(1, 4))) == "hoch"  # 0.5
    assert r.consensus(dim(Fraction(1, 2)), dim(Fraction(1, 2))) == "mittel"  # 0.707…
    assert r.consensus(dim(Fraction(9, 4)), None) == "gering"  # 1.5 alone
    assert r.consensus(dim(0, n=1), dim(0, n=1)) is None  # one town: no indicator
    assert r.consensus(None, None) is None


def test_scores_on_criteria_the_round_does_not_have_are_left_out(case, region, town):
    older = make_questionnaire(
        region, criteria=[("anderes", "Anderes", "relevance"), ("personal", "P", "potential")]
    )
    round = case["round"]
    field = case["fields"]["bildung"]
    newcomer = t.make_municipality(region, "Ascheberg", slug="ascheberg")
    round.municipalities.add(newcomer)
    response = make_response(
        round, newcomer, scores(older, field, anderes=5, personal=5), status="submitted"
    )
    response.questionnaire = older
    response.save()
    bildung = rows_by_slug(r.round_results(round))["bildung"]
    assert bildung.relevance.n == 2  # "anderes" is not a criterion of the round
    assert bildung.potential.n == 3 and bildung.potential.mean == Fraction(7, 3)


def test_overrides_change_the_final_group_only(case, users):
    round, bildung = case["round"], case["fields"]["bildung"]
    with pytest.raises(ValidationError) as caught:
        ra.set_override(round, bildung, 1, "  ", user=users["coordinator"])
    assert caught.value.message_dict["reason"] == [
        "Bitte begründen Sie die abweichende Einstufung."
    ]
    with pytest.raises(ValidationError) as caught:
        ra.set_override(round, bildung, 4, "Beschluss", user=users["coordinator"])
    assert "von 1 bis 3" in caught.value.message_dict["priority_group"][0]
    override = ra.set_override(
        round, bildung, 1, "Beschluss des Kreistags", user=users["coordinator"]
    )
    assert override.user == users["coordinator"]
    row = rows_by_slug(r.round_results(round))["bildung"]
    assert (row.computed_group, row.group, row.override) == (3, 1, override)
    payload = r.api_payload(round)
    api = {item["field"]: item for item in payload["results"]}
    assert api["bildung"]["priority_group"] == 3
    assert payload["overrides"] == [
        {"field": "bildung", "priority_group": 1, "reason": "Beschluss des Kreistags"}
    ]
    # Changing it replaces it; clearing it brings back the computed group.
    ra.set_override(round, bildung, 2, "Neuer Beschluss", user=users["coordinator"])
    assert GroupOverride.objects.get().priority_group == 2
    assert ra.clear_override(round, bildung, user=users["coordinator"]) is True
    assert ra.clear_override(round, bildung, user=users["coordinator"]) is False
    assert rows_by_slug(r.round_results(round))["bildung"].group == 3
    assert r.api_payload(round)["overrides"] == []


def test_stale_overrides_are_conflicts(case, users):
    round, bildung = case["round"], case["fields"]["bildung"]
    coordinator = users["coordinator"]
    first = ra.set_override(round, bildung, 1, "Beschluss", user=coordinator, expected_version=None)
    assert first.version == 1
    # Someone else changed it meanwhile: an edit based on version 1 ... is refused.
    ra.set_override(round, bildung, 2, "Anderer Beschluss", user=coordinator, expected_version=1)
    with pytest.raises(EditConflict):
        ra.set_override(round, bildung, 1, "Mein Beschluss", user=coordinator, expected_version=1)
    with pytest.raises(EditConflict):
        ra.clear_override(round, bildung, user=coordinator, expected_version=1)
    current = GroupOverride.objects.get()
    assert (current.priority_group, current.reason, current.version) == (
        2,
        "Anderer Beschluss",
        2,
    )
    # An override that was removed meanwhile is a conflict for an edit based on it.
    assert ra.clear_override(round, bildung, user=coordinator, expected_version=2) is True
    with pytest.raises(EditConflict):
        ra.set_override(round, bildung, 1, "Beschluss", user=coordinator, expected_version=2)
    assert not GroupOverride.objects.exists()
    assert ra.clear_override(round, bildung, user=coordinator, expected_version=2) is False


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_first_overrides_at_once_make_one(region, strategy, town, users):
    field = t.make_field(strategy, "Verwaltung", slug="verwaltung")
    round = make_round(region, towns=[town], fields=[field], group_sizes=[1, 0, 0])
    barrier = threading.Barrier(2)
    errors = []

    def run(group):
        try:
            barrier.wait(timeout=5)
            ra.set_override(round, field, group, f"Gruppe {group}", user=users["coordinator"])
        except Exception as error:  # noqa: BLE001 - collected for the assertion
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in (2, 3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    override = GroupOverride.objects.get()
    assert override.version == 2 and override.priority_group in (2, 3)


def test_api_results_have_the_shape_of_the_consolidate_endpoint(case):
    from rest_framework.test import APIClient

    round = case["round"]
    computed = r.api_results(round)
    assert [item["field"] for item in computed] == ["verwaltung", "mobilitaet", "bildung"]
    assert computed[1] == {
        "field": "mobilitaet",
        "relevance": 2.0,
        "potential": 2.25,
        "combined": 4.5,
        "n": 2,
        "std_relevance": 0.0,
        "std_potential": 0.25,
        "rank": 2,
        "priority_group": 2,
    }
    assert all(set(item) == CONSOLIDATE_KEYS for item in computed)
    # The stateless endpoint gives the same for the same data.
    payload = {
        "criteria": [
            {"key": k, "dimension": d, "weight": 1}
            for k, d in [
                ("wachstum", "relevance"),
                ("image", "relevance"),
                ("personal", "potential"),
                ("infrastruktur", "potential"),
            ]
        ],
        "responses": [
            {
                "municipality": "T1",
                "field": "verwaltung",
                "scores": {"wachstum": 4, "image": 2, "personal": 5, "infrastruktur": 5},
            },  # noqa: E501
            {
                "municipality": "T1",
                "field": "mobilitaet",
                "scores": {"wachstum": 2, "personal": 2, "infrastruktur": 3},
            },  # noqa: E501
            {"municipality": "T1", "field": "bildung", "scores": {"wachstum": 3, "personal": 1}},
            {
                "municipality": "T2",
                "field": "verwaltung",
                "scores": {"wachstum": 5, "image": 5, "personal": 3, "infrastruktur": 3},
            },  # noqa: E501
            {
                "municipality": "T2",
                "field": "mobilitaet",
                "scores": {"wachstum": 2, "image": 2, "personal": 2, "infrastruktur": 2},
            },  # noqa: E501
            {
                "municipality": "T2",
                "field": "bildung",
                "scores": {"wachstum": 5, "image": 5, "personal": 1, "infrastruktur": 1},
            },  # noqa: E501
        ],
        "grouping": {"sizes": [1, 1, 1]},
        "combine": "product",
    }
    answer = APIClient().post("/api/v1/assessment/consolidate/", payload, format="json")
    assert answer.status_code == 200
    assert computed == answer.json()["results"]


def test_results_with_thresholds_and_without_answers(region, strategy, town):
    field = t.make_field(strategy, "Verwaltung", slug="verwaltung")
    round = make_round(region, towns=[town], fields=[field], thresholds=[12, 6])
    row = r.round_results(round).rows[0]
    assert row.field == field and row.n == 0 and row.relevance is None
    assert row.consensus is None and row.combined is None and row.group == 3
    assert r.api_results(round)[0]["combined"] is None


def test_round_results_queries_do_not_grow_with_towns(case, region):
    round, q, fields = case["round"], case["questionnaire"], case["fields"]

    def count():
        with CaptureQueriesContext(connection) as captured:
            r.round_results(round, municipality=case["third"])
        return len(captured)

    before = count()
    for number in range(6):
        extra = t.make_municipality(region, f"Ort {number}", slug=f"ort-{number}")
        round.municipalities.add(extra)
        values = {}
        for field in fields.values():
            values.update(scores(q, field, wachstum=3, image=4, personal=2, infrastruktur=5))
        make_response(round, extra, values, status="submitted")
    assert count() == before <= 8


def close(round):
    Round.objects.filter(pk=round.pk).update(deadline=timezone.now() - datetime.timedelta(1))
    round.refresh_from_db()


def test_apply_to_strategy(case, users):
    round, fields = case["round"], case["fields"]
    close(round)
    ra.set_override(round, fields["bildung"], 1, "Beschluss des Kreistags", user=users["admin"])
    version = ra.apply_to_strategy(round, user=users["coordinator"], expected_version=round.version)

    groups = {
        f.slug: f.priority_group.number for f in Field.objects.select_related("priority_group")
    }
    assert groups == {"verwaltung": 1, "mobilitaet": 2, "bildung": 1}
    assert version.name == "Nach Bewertungsrunde Runde 2026"
    assert version.snapshot["fields"]["bildung"]["priority_group"] == 1
    assert version.created_by == users["coordinator"]
    round.refresh_from_db()
    assert round.applied_version == version and round.applied_at is not None
    changes = ObjectChange.objects.filter(
        content_type__model="field", object_id=fields["verwaltung"].pk, action="update"
    )
    assert changes.count() == 1
    assert "Runde 2026" in changes.get().reason
    assert changes.get().user == users["coordinator"]
    # Applying again makes another version, with a name of its own.
    again = ra.apply_to_strategy(round, user=users["coordinator"])
    assert again.name == "Nach Bewertungsrunde Runde 2026 (2)"
    assert StrategyVersion.objects.count() == 2


def test_apply_based_on_a_stale_round_is_a_conflict(case, users):
    round = case["round"]
    close(round)
    seen = round.version
    Round.objects.filter(pk=round.pk).update(version=seen + 1)  # someone saved meanwhile
    with pytest.raises(EditConflict):
        ra.apply_to_strategy(round, user=users["coordinator"], expected_version=seen)
    assert not StrategyVersion.objects.exists()
    assert Field.objects.get(slug="bildung").priority_group.number == 3


def test_apply_waits_for_every_town_while_the_round_is_open(case, users):
    round = case["round"]
    with pytest.raises(ValidationError) as caught:
        ra.apply_to_strategy(round, user=users["coordinator"])
    assert caught.value.messages == [
        "Die Runde läuft noch, und nicht alle Kommunen haben eingereicht (es fehlen: "
        "Nottuln). Bitte die Frist abwarten oder die fehlenden Antworten einholen."
    ]
    assert not StrategyVersion.objects.exists()
    # Once Nottuln submitted, the open round may be applied.
    Response.objects.filter(municipality=case["third"]).update(status="submitted")
    assert ra.apply_to_strategy(round, user=users["coordinator"]) is not None


def test_apply_refuses_an_override_beyond_the_groups(case, users):
    round, fields = case["round"], case["fields"]
    close(round)
    Round.objects.filter(pk=round.pk).update(group_sizes=[1, 1, 0, 1])
    round.refresh_from_db()
    ra.set_override(round, fields["bildung"], 4, "Eigene Gruppe", user=users["coordinator"])
    Round.objects.filter(pk=round.pk).update(group_sizes=[1, 1, 1])  # the rule changed
    round.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        ra.apply_to_strategy(round, user=users["coordinator"])
    assert caught.value.messages == [
        "Die abweichende Einstufung von „Bildung“ (IV) nennt eine Gruppe, die es nach der "
        "Regel der Runde (3 Gruppen) nicht mehr gibt; bitte ändern oder aufheben."
    ]
    assert not StrategyVersion.objects.exists()
    assert not PriorityGroup.objects.filter(number=4).exists()


def test_fields_without_a_score_keep_their_group(region, strategy, town, users):
    scored = t.make_field(strategy, "A", slug="a", priority=3)
    unscored = t.make_field(strategy, "B", slug="b", priority=1)
    overridden = t.make_field(strategy, "C", slug="c", priority=1)
    questionnaire = make_questionnaire(region)
    round = make_round(
        region,
        questionnaire=questionnaire,
        towns=[town],
        fields=[scored, unscored, overridden],
        thresholds=[12, 6],
    )
    make_response(
        round,
        town,
        {
            **scores(questionnaire, scored, wachstum=5, personal=5),
            **scores(questionnaire, unscored, wachstum=5),  # no potential: no combined score
        },
        status="submitted",
    )
    ra.set_override(round, overridden, 2, "Beschluss", user=users["coordinator"])
    ra.apply_to_strategy(round, user=users["coordinator"])
    groups = {
        f.slug: f.priority_group.number for f in Field.objects.select_related("priority_group")
    }
    assert groups == {"a": 1, "b": 1, "c": 2}  # b would be III by the rule, but has no score
    assert not ObjectChange.objects.filter(
        content_type__model="field", object_id=unscored.pk, action="update"
    ).exists()


def test_apply_needs_a_submitted_response(region, strategy, town, users):
    field = t.make_field(strategy, "Verwaltung", slug="verwaltung")
    round = make_round(region, towns=[town], fields=[field], group_sizes=[1])
    make_response(round, town)  # a draft
    with pytest.raises(ValidationError) as caught:
        ra.apply_to_strategy(round, user=users["coordinator"])
    assert "Noch keine Kommune hat eingereicht" in caught.value.messages[0]
    assert not StrategyVersion.objects.exists()
    assert Round.objects.get(pk=round.pk).applied_version is None


def test_apply_creates_missing_priority_groups(region, strategy, town, users):
    a = t.make_field(strategy, "A", slug="a")
    b = t.make_field(strategy, "B", slug="b")
    questionnaire = make_questionnaire(region)
    round = make_round(
        region, questionnaire=questionnaire, towns=[town], fields=[a, b], group_sizes=[1, 0, 0, 1]
    )
    make_response(
        round,
        town,
        {
            **scores(questionnaire, a, wachstum=5, personal=5),
            **scores(questionnaire, b, wachstum=1, personal=1),
        },
        status="submitted",
    )
    ra.apply_to_strategy(round, user=users["coordinator"])
    b.refresh_from_db()
    assert b.priority_group.number == 4 and b.priority_group.name == "Priorität IV"
    created = ObjectChange.objects.get(content_type__model="prioritygroup", action="create")
    assert created.user == users["coordinator"]


def test_only_a_grouping_that_no_longer_fits_is_a_message(case):
    round = case["round"]
    Round.objects.filter(pk=round.pk).update(group_sizes=[2, 2])
    round.refresh_from_db()
    with pytest.raises(r.GroupingMismatch) as caught:
        r.round_results(round)
    assert caught.value.messages == [
        "Die Gruppengrößen der Runde passen nicht zur Zahl ihrer Handlungsfelder; "
        "bitte die Runde anpassen."
    ]
    # Any other error of the calculation is a bug, not a message for the coordination.
    Round.objects.filter(pk=round.pk).update(group_sizes=[1, 1, 1], combine="quotient")
    round.refresh_from_db()
    with pytest.raises(ValueError, match="unknown combine"):
        r.round_results(round)


def test_unpublished_fields_are_left_out_for_the_public(case, users):
    round, fields = case["round"], case["fields"]
    Field.objects.filter(pk=fields["mobilitaet"].pk).update(published=False)
    ra.set_override(round, fields["mobilitaet"], 3, "Intern", user=users["coordinator"])
    public = r.round_results(round, public=True)
    assert [row.field.slug for row in public.rows] == ["verwaltung", "bildung"]
    assert [row.rank for row in public.rows] == [1, 3]  # the round's ranks stay
    payload = r.api_payload(round, public=True)
    assert [item["field"] for item in payload["results"]] == ["verwaltung", "bildung"]
    assert payload["overrides"] == []
    assert len(r.api_payload(round)["results"]) == 3  # the region's staff see every field
    fields["verwaltung"].strategy.__class__.objects.update(published=False)
    assert r.round_results(round, public=True).rows == []


def test_roman_numerals_are_one_list():
    from digitalagentur.assessment import matrix

    assert r.roman(1) == matrix.group_text(1) == "I"
    assert r.roman(9) == "IX" and r.roman(10) == "10" and r.roman(None) == "–"
    assert not hasattr(matrix, "ROMAN") or matrix.ROMAN is r.ROMAN


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_rounds_applied_at_once_create_a_missing_group_once(region, strategy, town, users):
    a = t.make_field(strategy, "A", slug="a")
    b = t.make_field(strategy, "B", slug="b")
    questionnaire = make_questionnaire(region)
    rounds = []
    for slug in ("eins", "zwei"):
        round = make_round(
            region,
            questionnaire=questionnaire,
            towns=[town],
            fields=[a, b],
            group_sizes=[1, 0, 0, 1],
            slug=slug,
        )
        make_response(
            round,
            town,
            {
                **scores(questionnaire, a, wachstum=5, personal=5),
                **scores(questionnaire, b, wachstum=1, personal=1),
            },
            status="submitted",
        )
        rounds.append(round)
    barrier = threading.Barrier(2)
    errors = []

    def run(round):
        try:
            barrier.wait(timeout=5)
            ra.apply_to_strategy(round, user=users["coordinator"])
        except Exception as error:  # noqa: BLE001 - collected for the assertion
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(round,)) for round in rounds]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert PriorityGroup.objects.filter(strategy=strategy, number=4).count() == 1
    assert StrategyVersion.objects.count() == 2
