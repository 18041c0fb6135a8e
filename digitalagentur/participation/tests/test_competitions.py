"""Competitions (issue 12, sections 2 and 5): entries with the call's extra fields, the jury's
conflict rules and scores, the ranking on a hand-computed case and the published result."""

import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from digitalagentur.core import testing as t
from digitalagentur.core.models import ObjectChange
from digitalagentur.participation import competitions as svc
from digitalagentur.participation import limits
from digitalagentur.participation.choices import CompetitionPhase
from digitalagentur.participation.models import Conflict, Prize, Score, Submission
from digitalagentur.testing.participation import (
    make_competition,
    make_juror,
    make_participant,
    make_submission,
    move_to_phase,
)

EXTRA = [
    {"key": "team", "label": "Team", "required": True, "max_length": 20},
    {"key": "website", "label": "Webseite", "required": False},
]


@pytest.fixture
def competition(region):
    return make_competition(region, extra_fields=EXTRA, prizes=("Gold", "Silber", "Bronze"))


def entry(competition, title, user=None, **kw):
    kw.setdefault("extra", {"team": "Die Wandler"})
    return make_submission(competition, user, title=title, **kw)


@pytest.fixture
def jury_case(competition):
    """Three entries, three jurors, criteria "Idee" (weight 2) and "Umsetzbarkeit" (1);
    juror 3 scored Alpha before declaring a conflict for it (see test_ranking.py)."""
    idee, umsetzbarkeit = list(competition.criteria.all())
    alpha, beta, gamma = (entry(competition, title) for title in ("Alpha", "Beta", "Gamma"))
    jurors = [make_juror(competition, first_name=f"J{n}") for n in (1, 2, 3)]
    move_to_phase(competition, CompetitionPhase.JURY)
    plan = {
        (0, alpha): (8, 6),
        (1, alpha): (7, 10),
        (2, alpha): (0, 0),  # withdrawn by the conflict below
        (0, beta): (9, 3),
        (1, beta): (6, 9),
        (2, beta): (8, 8),
        (0, gamma): (10, 2),
        (1, gamma): (5, None),  # juror 2 scored only "Idee"
        (2, gamma): (9, 9),
    }
    for (j, submission), values in plan.items():
        for criterion, value in zip((idee, umsetzbarkeit), values, strict=True):
            if value is not None:
                svc.score(jurors[j], submission, criterion, value, comment="ok")
    svc.declare_conflict(jurors[2], alpha, note="Meine Nichte ist im Team.")
    return {
        "submissions": (alpha, beta, gamma),
        "jurors": jurors,
        "criteria": (idee, umsetzbarkeit),
    }


def test_the_ranking_on_the_hand_computed_case(competition, jury_case, django_assert_num_queries):
    alpha, beta, gamma = jury_case["submissions"]
    j1, j2, j3 = jury_case["jurors"]
    idee, umsetzbarkeit = jury_case["criteria"]
    with django_assert_num_queries(5):
        entries = svc.ranking(competition)
    # Alpha 46/6 = 7.67, Gamma 59/8 = 7.375 → 7.38, Beta 66/9 = 7.33 (see test_ranking.py)
    assert [(e.submission, e.score, e.rank) for e in entries] == [
        (alpha, Decimal("7.67"), 1),
        (gamma, Decimal("7.38"), 2),
        (beta, Decimal("7.33"), 3),
    ]
    first, second, third = entries
    assert first.jurors_scored == 2 and first.conflicts == [j3]
    assert first.per_juror == {j1: Decimal("7.33"), j2: Decimal("8.00")}
    assert second.per_juror == {j1: Decimal("7.33"), j2: Decimal("5.00"), j3: Decimal("9.00")}
    assert second.per_criterion == {idee: Decimal("8.00"), umsetzbarkeit: Decimal("5.50")}
    assert second.values[j2] == {idee: 5}
    assert list(third.per_juror) == [j1, j2, j3]


def test_withdrawn_and_unscored_entries(competition, jury_case):
    move_to_phase(competition, CompetitionPhase.SUBMISSION)
    late = entry(competition, "Delta")
    alpha = jury_case["submissions"][0]
    svc.withdraw_entry(alpha, user=None, reason="zurückgezogen")
    entries = svc.ranking(competition)
    assert [e.submission.title for e in entries] == ["Gamma", "Beta", "Delta"]
    assert entries[-1].submission == late and entries[-1].rank is None
    assert entries[-1].score is None
    j1 = jury_case["jurors"][0]
    with pytest.raises(ValidationError, match="zurückgezogen"):
        svc.score(j1, alpha, jury_case["criteria"][0], 5)


# Conflicts of interest ----------------------------------------------------------------------


def test_declaring_a_conflict_removes_the_scores_and_blocks_scoring(competition, jury_case):
    alpha = jury_case["submissions"][0]
    j3 = jury_case["jurors"][2]
    idee = jury_case["criteria"][0]
    assert not Score.objects.filter(juror=j3, submission=alpha).exists()
    assert Score.objects.filter(juror=j3).count() == 4  # Beta and Gamma stay
    with pytest.raises(ValidationError) as error:
        svc.score(j3, alpha, idee, 7)
    assert "Befangenheit" in error.value.messages[0]
    assert not Score.objects.filter(juror=j3, submission=alpha).exists()
    again = svc.declare_conflict(j3, alpha)  # idempotent
    assert Conflict.objects.filter(juror=j3, submission=alpha).count() == 1
    assert again.note == "Meine Nichte ist im Team."


def test_a_juror_of_another_competition_cannot_score_or_declare(region, competition):
    submission = entry(competition, "Alpha")
    criterion = competition.criteria.first()
    other = make_competition(region)
    outsider = make_juror(other)
    with pytest.raises(ValidationError, match="nicht zu Ihrem Wettbewerb"):
        svc.score(outsider, submission, criterion, 5)
    with pytest.raises(ValidationError, match="nicht zu Ihrem Wettbewerb"):
        svc.declare_conflict(outsider, submission)
    insider = make_juror(competition)
    foreign_criterion = other.criteria.first()
    with pytest.raises(ValidationError, match="nicht zu Ihrem Wettbewerb"):
        svc.score(insider, submission, foreign_criterion, 5)
    assert not Score.objects.exists() and not Conflict.objects.exists()


# Scores -------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [-1, 11, 3.5, "x", "", None, True])
def test_scores_outside_0_to_10_are_refused_in_german(competition, value):
    submission = entry(competition, "Alpha")
    juror = make_juror(competition)
    with pytest.raises(ValidationError) as error:
        svc.score(juror, submission, competition.criteria.first(), value)
    assert error.value.message_dict["value"] == ["Bitte vergeben Sie ganze Punkte von 0 bis 10."]
    assert not Score.objects.exists()


def test_the_database_refuses_a_score_above_10(competition):
    submission = entry(competition, "Alpha")
    juror = make_juror(competition)
    criterion = competition.criteria.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.create(juror=juror, submission=submission, criterion=criterion, value=11)
    svc.score(juror, submission, criterion, 10)
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.create(juror=juror, submission=submission, criterion=criterion, value=3)


def test_scoring_again_updates_the_one_score_and_logs_it(competition):
    submission = entry(competition, "Alpha")
    juror = make_juror(competition)
    criterion = competition.criteria.first()
    svc.score(juror, submission, criterion, "4", comment="knapp")
    score = svc.score(juror, submission, criterion, 9, comment="  doch gut ")
    assert Score.objects.filter(juror=juror).count() == 1
    assert (score.value, score.comment) == (9, "doch gut")
    logged = ObjectChange.objects.filter(object_id=score.pk, content_type__model="score")
    assert [c.changes["value"] for c in logged.order_by("pk")] == [
        {"before": None, "after": 4},
        {"before": 4, "after": 9},
    ]
    assert logged.first().region_id == competition.region_id


def test_no_scores_after_the_result_is_published(competition, jury_case):
    svc.publish_result(competition, user=None)
    alpha, beta, _gamma = jury_case["submissions"]
    j1, _j2, j3 = jury_case["jurors"]
    with pytest.raises(ValidationError, match="Ergebnis ist veröffentlicht"):
        svc.score(j1, beta, jury_case["criteria"][0], 1)
    with pytest.raises(ValidationError, match="Ergebnis ist veröffentlicht"):
        svc.declare_conflict(j1, beta)
    assert (
        Score.objects.get(juror=j1, submission=beta, criterion=jury_case["criteria"][0]).value == 9
    )


# Entries ------------------------------------------------------------------------------------


def test_an_entry_keeps_its_extra_fields_and_the_chosen_name(competition):
    person = make_participant(first_name="Zukunftsfan")
    submission = entry(
        competition,
        "  Dorf  digital ",
        person,
        text=" Ein Treffpunkt. ",
        extra={"team": " Wandler ", "website": ""},
    )
    assert submission.title == "Dorf digital" and submission.text == "Ein Treffpunkt."
    assert submission.extra == {"team": "Wandler"}
    assert submission.submitter_name == "Zukunftsfan"
    assert entry(competition, "Zweiter").submitter_name == "Anonym"
    assert ObjectChange.objects.filter(
        content_type__model="submission", object_id=submission.pk, action="create"
    ).exists()


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({}, "team", "Bitte füllen Sie „Team“ aus."),
        ({"team": "   "}, "team", "Bitte füllen Sie „Team“ aus."),
        ({"team": "x" * 21}, "team", "„Team“ ist zu lang (höchstens 20 Zeichen)."),
        ({"team": "A", "preisgeld": "1"}, "preisgeld", "Dieses Feld gibt es"),
        ({"team": "A", "website": "w" * 2001}, "website", "höchstens 2000 Zeichen"),
    ],
)
def test_extra_fields_are_checked(competition, extra, field, message):
    with pytest.raises(ValidationError) as error:
        make_submission(competition, title="Alpha", extra=extra)
    assert message in error.value.message_dict[field][0]
    assert not Submission.objects.exists()


@pytest.mark.parametrize(
    ("title", "text", "field"),
    [
        ("", "Text", "title"),
        ("x" * 151, "Text", "title"),
        ("T", " ", "text"),
        ("T", "y" * 5001, "text"),
    ],
)
def test_empty_or_too_long_entries_are_refused(competition, title, text, field):
    with pytest.raises(ValidationError) as error:
        entry(competition, title, text=text)
    assert field in error.value.message_dict


def test_the_same_person_cannot_hand_in_a_title_twice(competition):
    person = make_participant()
    entry(competition, "Dorf digital", person)
    with pytest.raises(ValidationError) as error:
        entry(competition, "dorf   DIGITAL", person)
    assert "schon eingereicht" in error.value.message_dict["title"][0]
    entry(competition, "Dorf digital")  # someone else may
    assert Submission.objects.count() == 2


@pytest.mark.parametrize(
    "phase", [CompetitionPhase.UPCOMING, CompetitionPhase.JURY, CompetitionPhase.AWAITING]
)
def test_entries_only_during_the_submission_phase(competition, phase):
    move_to_phase(competition, phase)
    with pytest.raises(ValidationError, match="kann gerade nichts eingereicht werden"):
        entry(competition, "Zu spät oder zu früh")


def test_no_entries_to_an_unpublished_call_or_from_strangers(region):
    hidden = make_competition(region, published=False)
    with pytest.raises(ValidationError, match="nichts eingereicht"):
        make_submission(hidden, title="Alpha")
    open_call = make_competition(region)
    inactive = make_participant(is_active=False)
    with pytest.raises(ValidationError, match="melden Sie sich an"):
        make_submission(open_call, inactive, title="Alpha")
    with pytest.raises(ValidationError, match="Kommune"):
        make_submission(open_call, title="Beta", municipality=t.make_municipality(t.make_region()))
    assert not Submission.objects.exists()


def test_entries_are_rate_limited_per_account(competition, settings):
    settings.DIGITALAGENTUR_PARTICIPATION_LIMITS = {"submission": (2, 1000, 3600)}
    person = make_participant()
    entry(competition, "Eins", person)
    entry(competition, "Zwei", person)
    with pytest.raises(limits.RateLimited, match="später"):
        entry(competition, "Drei", person)


# The result ---------------------------------------------------------------------------------


def test_publishing_gives_the_prizes_in_ranking_order(competition, jury_case):
    alpha, _beta, gamma = jury_case["submissions"]
    coordinator = t.make_user("koordination")
    published = svc.publish_result(competition, user=coordinator, reason="Jury-Sitzung")
    assert published.result_published and published.phase() == CompetitionPhase.RESULT
    prizes = {p.name: p.winner for p in Prize.objects.filter(competition=competition)}
    assert prizes == {"Gold": alpha, "Silber": gamma, "Bronze": jury_case["submissions"][1]}
    assert [p.name for p in svc.winners(competition)] == ["Gold", "Silber", "Bronze"]
    assert ObjectChange.objects.filter(
        content_type__model="prize", changes__winner__after="Alpha"
    ).exists()
    with pytest.raises(ValidationError, match="schon veröffentlicht"):
        svc.publish_result(competition, user=coordinator)


def test_prizes_beyond_the_scored_entries_stay_empty(region):
    call = make_competition(region, prizes=("Gold", "Silber"))
    scored, unscored = entry(call, "Bewertet", extra={}), entry(call, "Offen", extra={})
    juror = make_juror(call)
    move_to_phase(call, CompetitionPhase.AWAITING)
    svc.score(juror, scored, call.criteria.first(), 3)
    svc.publish_result(call, user=None)
    prizes = list(Prize.objects.filter(competition=call).order_by("position"))
    assert [p.winner for p in prizes] == [scored, None]
    assert not unscored.prizes.exists()


def test_publishing_needs_a_score_and_the_end_of_the_submission(region, competition):
    entry(competition, "Alpha")
    with pytest.raises(ValidationError, match="nach dem Ende der Einreichung"):
        svc.publish_result(competition, user=None)
    move_to_phase(competition, CompetitionPhase.JURY)
    with pytest.raises(ValidationError, match="Noch keine Einreichung ist bewertet"):
        svc.publish_result(competition, user=None)
    competition.refresh_from_db()
    assert not competition.result_published
    assert not Prize.objects.filter(winner__isnull=False).exists()


# Setting up a call --------------------------------------------------------------------------


def test_setup_helpers_validate_and_log(region, competition):
    with pytest.raises(ValidationError) as error:
        svc.add_criterion(competition, name="Wirkung", weight="0")
    assert "weight" in error.value.message_dict
    criterion = svc.add_criterion(competition, name="Wirkung", weight="1.5")
    assert criterion.position == 2 and criterion.weight == Decimal("1.5")
    prize = svc.add_prize(competition, name="Publikumspreis")
    assert prize.position == 4
    with pytest.raises(ValidationError):
        svc.add_prize(competition, name="Doppelt", position=1)
    person = make_participant()
    seat = svc.add_juror(competition, person)
    assert svc.add_juror(competition, person) == seat
    with pytest.raises(ValidationError, match="aktive Konten"):
        svc.add_juror(competition, make_participant(is_active=False))
    svc.remove_juror(seat)
    assert not competition.jurors.exists()
    assert ObjectChange.objects.filter(content_type__model="juror", action="delete").exists()
    with pytest.raises(ValidationError):
        svc.create_competition(
            type(competition)(
                region=region,
                slug="kaputt",
                title="Kaputt",
                submission_start=competition.submission_start,
                submission_end=competition.submission_end,
                jury_end=competition.jury_end,
                extra_fields=[{"key": "x"}],
            )
        )


# Concurrency --------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_same_score_saved_at_once_leaves_one_row(region):
    call = make_competition(region)
    submission = entry(call, "Alpha", extra={})
    juror = make_juror(call)
    criterion = call.criteria.first()
    clicks = 20
    barrier = threading.Barrier(clicks)

    def click(value):
        barrier.wait()
        try:
            return svc.score(juror, submission, criterion, value).value
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=clicks) as pool:
        values = list(pool.map(click, [n % 11 for n in range(clicks)]))
    assert len(values) == clicks
    rows = list(Score.objects.filter(juror=juror).values_list("value", flat=True))
    assert len(rows) == 1 and rows[0] in values
