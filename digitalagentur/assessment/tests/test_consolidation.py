"""The pure consolidation of issue 9 §3: small cases computed by hand, and properties."""

import random
from decimal import Decimal
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digitalagentur.assessment.consolidation import (
    Answer,
    Criterion,
    Grouping,
    consolidate,
    round_half_up,
    std_rounded,
    town_dimension_score,
)

CRITERIA = [
    Criterion("w", "relevance", F(2)),
    Criterion("a", "relevance", F(1)),
    Criterion("n", "potential", F(1)),
    Criterion("p", "potential", F(3)),
]
ANSWERS = [
    # X: A relevance (2·5 + 1·2) / 3 = 4, potential 4 (only n); B relevance 3 (only w),
    #    potential 2 (only p). Relevance 3.5 (std 0.5), potential 3 (std 1), product 10.5.
    Answer("A", "X", {"w": 5, "a": 2, "n": 4}),
    Answer("B", "X", {"w": 3, "p": 2}),
    # Y: A relevance 1, potential (5 + 3·5) / 4 = 5; B relevance 2, no potential (left out).
    #    Relevance 1.5 (std 0.5), potential 5 (std 0), product 7.5.
    Answer("A", "Y", {"a": 1, "n": 5, "p": 5}),
    Answer("B", "Y", {"w": 2, "a": 2}),
    # Z: C relevance (2·4 + 2) / 3 = 10/3, potential (3 + 3·1) / 4 = 1.5, product 5;
    #    A answered nothing (n stays 1).
    Answer("C", "Z", {"w": 4, "a": 2, "n": 3, "p": 1}),
    Answer("A", "Z", {}),
    # W: only potential, so no relevance and no combined value: ranked last.
    Answer("C", "W", {"n": 5}),
]


def as_rows(results):
    return [r.as_json() for r in results]


def test_hand_computed_product_with_sizes():
    results = consolidate(CRITERIA, ANSWERS, Grouping(sizes=(1, 2, 1)), "product")
    assert as_rows(results) == [
        {
            "field": "X",
            "relevance": 3.5,
            "potential": 3.0,
            "combined": 10.5,
            "n": 2,
            "std_relevance": 0.5,
            "std_potential": 1.0,
            "rank": 1,
            "priority_group": 1,
        },
        {
            "field": "Y",
            "relevance": 1.5,
            "potential": 5.0,
            "combined": 7.5,
            "n": 2,
            "std_relevance": 0.5,
            "std_potential": 0.0,
            "rank": 2,
            "priority_group": 2,
        },
        {
            "field": "Z",
            "relevance": 3.3333,
            "potential": 1.5,
            "combined": 5.0,
            "n": 1,
            "std_relevance": 0.0,
            "std_potential": 0.0,
            "rank": 3,
            "priority_group": 2,
        },
        {
            "field": "W",
            "relevance": None,
            "potential": 5.0,
            "combined": None,
            "n": 1,
            "std_relevance": None,
            "std_potential": 0.0,
            "rank": 4,
            "priority_group": 3,
        },
    ]
    assert results[2].relevance.mean == F(10, 3)  # exact inside, rounded only in the answer


def test_thresholds_are_inclusive_and_no_combined_is_group_3():
    results = consolidate(CRITERIA, ANSWERS, Grouping(thresholds=(F(10), F(5))), "product")
    assert [(r.field, r.priority_group) for r in results] == [
        ("X", 1),  # 10.5 >= 10
        ("Y", 2),
        ("Z", 2),  # exactly 5 >= 5
        ("W", 3),  # no combined value
    ]


def test_mean_ties_broken_by_relevance_then_name():
    # mean: X (3.5 + 3) / 2 = 3.25 and Y (1.5 + 5) / 2 = 3.25 tie; X has higher relevance.
    # Z (10/3 + 3/2) / 2 = 29/12 = 2.41666... -> 2.4167 (half up).
    results = consolidate(CRITERIA, ANSWERS, Grouping(sizes=(2, 2)), "mean")
    assert [(r.field, r.as_json()["combined"]) for r in results] == [
        ("X", 3.25),
        ("Y", 3.25),
        ("Z", 2.4167),
        ("W", None),
    ]
    # Equal in everything: by field name.
    same = [Answer("A", name, {"w": 3, "n": 3}) for name in ("b", "c", "a")]
    results = consolidate(CRITERIA, same, Grouping(sizes=(1, 1, 1)), "mean")
    assert [(r.field, r.rank, r.priority_group) for r in results] == [
        ("a", 1, 1),
        ("b", 2, 2),
        ("c", 3, 3),
    ]


def test_population_std_and_exact_rounding():
    # Relevance 1, 2, 2: mean 5/3, variance ((2/3)² + 2·(1/3)²) / 3 = 2/9, std 0.47140...
    answers = [Answer(t, "F", {"w": s, "n": 1}) for t, s in (("A", 1), ("B", 2), ("C", 2))]
    (result,) = consolidate(CRITERIA, answers, Grouping(sizes=(1,)), "product")
    assert result.relevance.variance == F(2, 9)
    assert result.as_json()["std_relevance"] == 0.4714
    assert result.as_json()["relevance"] == 1.6667
    assert std_rounded(F(1, 4)) == Decimal("0.5000")
    # sqrt(2.5e-9) = 0.00005 exactly: half up; a hair below rounds down.
    assert std_rounded(F(25, 10**10)) == Decimal("0.0001")
    assert std_rounded(F(25, 10**10) - F(1, 10**30)) == Decimal("0.0000")
    assert round_half_up(F(5, 10**5)) == Decimal("0.0001")
    assert round_half_up(F(49999, 10**9)) == Decimal("0.0000")
    assert round_half_up(F(-5, 10**5)) == Decimal("-0.0001")


def test_renormalised_weights():
    relevance = [c for c in CRITERIA if c.dimension == "relevance"]
    assert town_dimension_score({"a": 4}, relevance) == 4  # w unanswered: a's weight is all
    assert town_dimension_score({"w": 1, "a": 4}, relevance) == 2  # (2 + 4) / 3
    assert town_dimension_score({"n": 4}, relevance) is None
    # Scaling all weights by the same factor changes nothing.
    scaled = [Criterion(c.key, c.dimension, c.weight * F(7, 3)) for c in CRITERIA]
    grouping = Grouping(sizes=(4,))
    assert as_rows(consolidate(scaled, ANSWERS, grouping)) == as_rows(
        consolidate(CRITERIA, ANSWERS, grouping)
    )


@pytest.mark.parametrize(
    ("criteria", "answers", "grouping", "combine"),
    [
        (CRITERIA + CRITERIA[:1], ANSWERS, Grouping(sizes=(4,)), "product"),
        ([Criterion("x", "relevance", F(0))], [], Grouping(sizes=(0,)), "product"),
        ([Criterion("x", "impact", F(1))], [], Grouping(sizes=(0,)), "product"),
        (CRITERIA, ANSWERS, Grouping(sizes=(4,)), "max"),
        (CRITERIA, ANSWERS, Grouping(sizes=(3,)), "product"),
        (CRITERIA, ANSWERS, Grouping(), "product"),
        (CRITERIA, ANSWERS, Grouping(sizes=(4,), thresholds=(F(1), F(0))), "product"),
        (CRITERIA, ANSWERS, Grouping(thresholds=(F(1), F(2))), "product"),
        (CRITERIA, [*ANSWERS, Answer("A", "X", {})], Grouping(sizes=(4,)), "product"),
        (CRITERIA, [Answer("A", "X", {"q": 1})], Grouping(sizes=(1,)), "product"),
        (CRITERIA, [Answer("A", "X", {"w": 6})], Grouping(sizes=(1,)), "product"),
    ],
)
def test_bad_input_is_refused(criteria, answers, grouping, combine):
    with pytest.raises(ValueError):
        consolidate(criteria, answers, grouping, combine)


# --- properties -------------------------------------------------------------------------------

KEYS = ["k1", "k2", "k3", "k4", "k5"]
TOWNS = ["Ascheberg", "Billerbeck", "Coesfeld", "Dülmen"]
FIELDS = ["Bildung", "Kultur", "Mobilität", "Verwaltung", "Wirtschaft"]

criteria_lists = st.lists(
    st.builds(
        Criterion,
        key=st.sampled_from(KEYS),
        dimension=st.sampled_from(["relevance", "potential"]),
        weight=st.fractions(min_value=F(1, 10), max_value=5, max_denominator=10),
    ),
    min_size=1,
    max_size=5,
    unique_by=lambda c: c.key,
)


@st.composite
def cases(draw):
    criteria = draw(criteria_lists)
    keys = [c.key for c in criteria]
    pairs = draw(st.lists(st.tuples(st.sampled_from(TOWNS), st.sampled_from(FIELDS)), unique=True))
    answers = [
        Answer(town, name, draw(st.dictionaries(st.sampled_from(keys), st.integers(1, 5))))
        for town, name in pairs
    ]
    combine = draw(st.sampled_from(["product", "mean"]))
    count = len({a.field for a in answers})
    cuts = sorted(draw(st.lists(st.integers(0, count), min_size=2, max_size=2)))
    sizes = (cuts[0], cuts[1] - cuts[0], count - cuts[1])
    return criteria, answers, combine, sizes, draw(st.randoms())


@settings(max_examples=150, deadline=None, derandomize=True)
@given(cases())
def test_the_order_of_responses_and_criteria_never_changes_the_result(case):
    criteria, answers, combine, sizes, rnd = case
    expected = consolidate(criteria, answers, Grouping(sizes=sizes), combine)
    shuffled, shuffled_criteria = list(answers), list(criteria)
    rnd.shuffle(shuffled)
    rnd.shuffle(shuffled_criteria)
    again = consolidate(shuffled_criteria, shuffled, Grouping(sizes=sizes), combine)
    assert again == expected  # exact values, ranks and groups


@settings(max_examples=150, deadline=None, derandomize=True)
@given(cases())
def test_groups_partition_the_fields_in_rank_order(case):
    criteria, answers, combine, sizes, _ = case
    results = consolidate(criteria, answers, Grouping(sizes=sizes), combine)
    assert sorted(r.field for r in results) == sorted({a.field for a in answers})
    assert [r.rank for r in results] == list(range(1, len(results) + 1))
    groups = [r.priority_group for r in results]
    assert groups == sorted(groups)
    assert [groups.count(g) for g in (1, 2, 3)] == list(sizes)
    # With thresholds too: every field in exactly one of 1..3, never better after worse.
    by_threshold = consolidate(criteria, answers, Grouping(thresholds=(F(9), F(4))), combine)
    groups = [r.priority_group for r in by_threshold]
    assert set(groups) <= {1, 2, 3} and groups == sorted(groups)
    for result in by_threshold:
        combined = result.combined
        expected = 3 if combined is None else 1 if combined >= 9 else 2 if combined >= 4 else 3
        assert result.priority_group == expected


@settings(max_examples=100, deadline=None, derandomize=True)
@given(cases())
def test_ranking_is_a_strict_deterministic_order(case):
    criteria, answers, combine, sizes, _ = case
    results = consolidate(criteria, answers, Grouping(sizes=sizes), combine)
    for better, worse in zip(results, results[1:], strict=False):
        if better.combined is not None and worse.combined is not None:
            assert better.combined >= worse.combined
            if better.combined == worse.combined:
                b, w = better.relevance.mean, worse.relevance.mean
                assert b > w or (b == w and better.field < worse.field)
        else:
            assert worse.combined is None


def test_ties_do_not_depend_on_input_order():
    answers = [Answer("A", name, {"w": 2, "n": 2}) for name in FIELDS]
    orders = set()
    for seed in range(5):
        shuffled = list(answers)
        random.Random(seed).shuffle(shuffled)
        results = consolidate(CRITERIA, shuffled, Grouping(sizes=(2, 3)))
        orders.add(tuple((r.field, r.priority_group) for r in results))
    assert orders == {tuple(zip(sorted(FIELDS), (1, 1, 2, 2, 2), strict=True))}
