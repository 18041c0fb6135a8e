"""The ranking formula (issue 12, sections 2 and 5) on hand-computed cases: pure functions,
no database."""

from decimal import Decimal
from fractions import Fraction

import pytest

from digitalagentur.participation import ranking

# Criteria: A weighs 2, B weighs 1. Jurors 1, 2, 3. Submissions 10 "Alpha", 20 "Beta",
# 30 "Gamma". Juror 3 declared a conflict for Alpha (their score of it must not count).
WEIGHTS = {1: Decimal("2"), 2: Decimal("1")}
A, B = 1, 2
TITLES = {10: "Alpha", 20: "Beta", 30: "Gamma"}
SCORES = [
    # Alpha: juror 1 (2·8 + 1·6)/3 = 22/3; juror 2 (2·7 + 1·10)/3 = 24/3 = 8
    #        all: (22 + 24) / (3 + 3) = 46/6 = 7.6667 → 7.67
    (1, 10, A, 8),
    (1, 10, B, 6),
    (2, 10, A, 7),
    (2, 10, B, 10),
    (3, 10, A, 0),  # conflict: ignored (it would pull Alpha down to 46/9 = 5.11)
    (3, 10, B, 0),
    # Beta: juror 1 (18 + 3)/3 = 7; juror 2 (12 + 9)/3 = 7; juror 3 (16 + 8)/3 = 8
    #       all: (21 + 21 + 24) / 9 = 66/9 = 7.3333 → 7.33
    (1, 20, A, 9),
    (1, 20, B, 3),
    (2, 20, A, 6),
    (2, 20, B, 9),
    (3, 20, A, 8),
    (3, 20, B, 8),
    # Gamma: juror 1 (20 + 2)/3 = 7.33; juror 2 scored only A: 10/2 = 5; juror 3 27/3 = 9
    #        all: (22 + 10 + 27) / (3 + 2 + 3) = 59/8 = 7.375 → 7.38 (half up)
    #        (the mean of the jurors' means would be 7.11, below Beta; the plain mean of
    #        the values 7.0: the weights and the partial scoring matter)
    (1, 30, A, 10),
    (1, 30, B, 2),
    (2, 30, A, 5),
    (3, 30, A, 9),
    (3, 30, B, 9),
]
CONFLICTS = {(3, 10)}


def by_id(entries):
    return {e.submission_id: e for e in entries}


def test_the_hand_computed_case():
    entries = ranking.rank(WEIGHTS, SCORES, TITLES, CONFLICTS)
    assert [e.title for e in entries] == ["Alpha", "Gamma", "Beta"]
    assert [e.rank for e in entries] == [1, 2, 3]
    assert [e.exact for e in entries] == [Fraction(46, 6), Fraction(59, 8), Fraction(66, 9)]
    assert [e.score for e in entries] == [Decimal("7.67"), Decimal("7.38"), Decimal("7.33")]
    alpha, beta, gamma = (by_id(entries)[k] for k in (10, 20, 30))
    assert alpha.jurors_scored == 2 and beta.jurors_scored == 3 and gamma.jurors_scored == 3
    assert alpha.per_juror == {1: Decimal("7.33"), 2: Decimal("8.00")}
    assert gamma.per_juror == {1: Decimal("7.33"), 2: Decimal("5.00"), 3: Decimal("9.00")}
    # Per criterion: the plain mean over the jurors who scored it.
    assert gamma.per_criterion == {A: Decimal("8.00"), B: Decimal("5.50")}  # 24/3, 11/2
    assert alpha.per_criterion == {A: Decimal("7.50"), B: Decimal("8.00")}
    assert gamma.values[2] == {A: 5}
    assert 3 not in alpha.values


def test_without_the_conflict_the_conflicting_scores_would_count():
    entries = by_id(ranking.rank(WEIGHTS, SCORES, TITLES))
    assert entries[10].exact == Fraction(46, 9)
    assert entries[10].rank == 3


def test_ties_share_a_rank_and_the_next_rank_skips():
    titles = {1: "Delta", 2: "beta", 3: "Alpha", 4: "Ohne Bewertung", 5: "Caesar", 6: "Alpha"}
    scores = [
        (1, 1, A, 9),  # Delta 9
        (1, 2, A, 7),  # beta 7
        (1, 3, A, 7),  # Alpha 7
        (1, 6, A, 7),  # Alpha (second, higher id) 7
        (1, 5, A, 2),  # Caesar 2
    ]
    entries = ranking.rank(WEIGHTS, scores, titles)
    assert [(e.submission_id, e.rank) for e in entries] == [
        (1, 1),
        (3, 2),  # ties by title (case-insensitive), then id
        (6, 2),
        (2, 2),
        (5, 5),
        (4, None),
    ]
    assert entries[-1].score is None and entries[-1].jurors_scored == 0
    assert entries[-1].per_juror == {}


def test_order_uses_the_exact_score_not_the_rounded_one():
    # Both show 6.67: "Aaa" is 20/3 = 6.6667, "Zzz" is (1·7 + 0.49·6)/1.49 = 994/149 = 6.6711.
    weights = {1: Decimal("1"), 2: Decimal("0.49")}
    scores = [(1, 1, 1, 7), (2, 1, 1, 7), (3, 1, 1, 6), (1, 2, 1, 7), (1, 2, 2, 6)]
    entries = ranking.rank(weights, scores, {1: "Aaa", 2: "Zzz"})
    assert [e.score for e in entries] == [Decimal("6.67"), Decimal("6.67")]
    assert [(e.title, e.rank) for e in entries] == [("Zzz", 1), ("Aaa", 2)]


def test_unknown_submissions_and_criteria_are_ignored():
    scores = [(1, 10, A, 5), (1, 99, A, 10), (1, 10, 77, 10)]
    entries = by_id(ranking.rank(WEIGHTS, scores, {10: "Alpha"}))
    assert list(entries) == [10]
    assert entries[10].exact == 5


@pytest.mark.parametrize("value", [-1, 11, True])
def test_a_value_outside_0_to_10_is_an_error(value):
    with pytest.raises(ValueError, match="out of range"):
        ranking.rank(WEIGHTS, [(1, 10, A, value)], TITLES)


def test_weights_must_be_positive():
    with pytest.raises(ValueError, match="positive"):
        ranking.rank({1: Decimal("0")}, [], TITLES)


def test_no_submissions_no_entries():
    assert ranking.rank(WEIGHTS, [], {}) == []
    assert ranking.rounded(None) is None
    assert ranking.rounded(Fraction(1, 200)) == Decimal("0.01")  # half up
