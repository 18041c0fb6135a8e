"""Consolidation of the towns' answers ("übereinandergelegt", issue 9 §3), pure and exact.

Every town rates each field of action on criteria (scores 1 to 5); each criterion belongs to
the dimension "relevance" or "potential" and has a weight > 0. Definitions:

- A town's dimension score for a field is the weighted mean of its scores on that dimension's
  criteria; unanswered criteria are left out and the remaining weights renormalised. A town
  without any score on a dimension is left out of that dimension.
- The field's dimension score is the mean over the towns counted in that dimension; its
  standard deviation is the population one (divided by their number).
- combined = relevance × potential ("product") or (relevance + potential) / 2 ("mean").
- n counts the towns that answered anything (at least one score) for the field.
- Rank: combined, highest first; ties by higher relevance, then by field name (ascending, by
  Unicode code points). Ranks are 1, 2, 3, ... without gaps or shared places.
- Priority groups: fixed sizes fill groups 1, 2, 3, ... in rank order and must add up to the
  number of fields; thresholds [t1, t2] put combined >= t1 in group 1, >= t2 in group 2, the
  rest in group 3 (t1 >= t2).

A field without any relevance score (or without any potential score) has relevance (or
potential) and its standard deviation None, and combined None. Such fields rank after all
fields with a combined score (among themselves: a field with a relevance score before one
without, higher relevance first, then by name) and, with thresholds, fall into group 3. A
field appears in the results as soon as one response names it, even with no scores (n = 0).

All arithmetic is on Fractions, so results are exact and independent of the order of the
responses; ranking uses the exact values. Only the output is rounded, half up to 4 decimals
(the standard deviation exactly as well, through an integer square root).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from math import floor, isqrt

RELEVANCE = "relevance"
POTENTIAL = "potential"
DIMENSIONS = (RELEVANCE, POTENTIAL)
PRODUCT = "product"
MEAN = "mean"
COMBINES = (PRODUCT, MEAN)
SCORE_MIN, SCORE_MAX = 1, 5
PLACES = 4


@dataclass(frozen=True)
class Criterion:
    key: str
    dimension: str
    weight: Fraction


@dataclass(frozen=True)
class Answer:
    """One town's scores for one field: {criterion key: 1..5}."""

    municipality: str
    field: str
    scores: Mapping[str, int]


@dataclass(frozen=True)
class Grouping:
    """Either fixed group sizes or two thresholds [t1, t2] (exactly one of them)."""

    sizes: tuple[int, ...] | None = None
    thresholds: tuple[Fraction, Fraction] | None = None


@dataclass(frozen=True)
class DimensionStats:
    mean: Fraction
    variance: Fraction  # population variance; std = sqrt(variance)
    count: int


@dataclass
class FieldResult:
    field: str
    relevance: DimensionStats | None
    potential: DimensionStats | None
    combined: Fraction | None
    n: int
    rank: int = 0
    priority_group: int = 0

    def as_json(self) -> dict:
        """The answer of the API: numbers rounded half up to 4 decimals (as floats)."""
        return {
            "field": self.field,
            "relevance": as_number(self.relevance and self.relevance.mean),
            "potential": as_number(self.potential and self.potential.mean),
            "combined": as_number(self.combined),
            "n": self.n,
            "std_relevance": as_number(self.relevance and std_rounded(self.relevance.variance)),
            "std_potential": as_number(self.potential and std_rounded(self.potential.variance)),
            "rank": self.rank,
            "priority_group": self.priority_group,
        }


# --- rounding ---------------------------------------------------------------------------------


def round_half_up(value: Fraction, places: int = PLACES) -> Decimal:
    """`value` rounded half up (away from zero at the half) to `places` decimals."""
    scale = 10**places
    magnitude = floor(abs(value) * scale + Fraction(1, 2))
    return Decimal(-magnitude if value < 0 else magnitude).scaleb(-places)


def std_rounded(variance: Fraction, places: int = PLACES) -> Decimal:
    """sqrt(variance) rounded half up to `places` decimals, exactly.

    The result m / 10^places is the largest m with m - 1/2 <= sqrt(variance) * 10^places,
    i.e. (2m - 1)^2 <= 4 * variance * 10^(2 places), so m = (isqrt(floor(that)) + 1) // 2.
    """
    if variance < 0:
        raise ValueError("negative variance")
    bound = floor(4 * variance * 10 ** (2 * places))
    return Decimal((isqrt(bound) + 1) // 2).scaleb(-places)


def as_number(value) -> float | None:
    """A JSON number for the answer; float(Decimal) prints as the rounded decimal."""
    if value is None:
        return None
    if isinstance(value, Fraction):
        value = round_half_up(value)
    return float(value)


# --- the calculation --------------------------------------------------------------------------


def town_dimension_score(
    scores: Mapping[str, int], criteria: Iterable[Criterion]
) -> Fraction | None:
    """Weighted mean of the scores on `criteria` (one dimension's); unanswered criteria are
    left out and the weights renormalised. None when none of them is answered."""
    total = weights = Fraction(0)
    for criterion in criteria:
        score = scores.get(criterion.key)
        if score is None:
            continue
        total += criterion.weight * score
        weights += criterion.weight
    return total / weights if weights else None


def stats(values: Sequence[Fraction]) -> DimensionStats | None:
    """Mean and population variance (divided by n); None for no values."""
    if not values:
        return None
    count = len(values)
    mean = sum(values, Fraction(0)) / count
    variance = sum(((v - mean) ** 2 for v in values), Fraction(0)) / count
    return DimensionStats(mean=mean, variance=variance, count=count)


def combine_scores(relevance: Fraction | None, potential: Fraction | None, how: str):
    if relevance is None or potential is None:
        return None
    if how == PRODUCT:
        return relevance * potential
    if how == MEAN:
        return (relevance + potential) / 2
    raise ValueError(f"unknown combine {how!r}")


def rank_key(result: FieldResult):
    """Combined highest first, then higher relevance, then field name; missing values last."""
    relevance = result.relevance.mean if result.relevance else None
    return (
        result.combined is None,
        -(result.combined or 0),
        relevance is None,
        -(relevance or 0),
        result.field,
    )


def assign_groups(results: Sequence[FieldResult], grouping: Grouping) -> None:
    """Priority groups for `results`, which are in rank order."""
    if (grouping.sizes is None) == (grouping.thresholds is None):
        raise ValueError("give either sizes or thresholds")
    if grouping.sizes is not None:
        if any(size < 0 for size in grouping.sizes) or sum(grouping.sizes) != len(results):
            raise ValueError("the group sizes must add up to the number of fields")
        groups = [g for g, size in enumerate(grouping.sizes, start=1) for _ in range(size)]
        for result, group in zip(results, groups, strict=True):
            result.priority_group = group
        return
    first, second = grouping.thresholds
    if first < second:
        raise ValueError("t1 must not be below t2")
    for result in results:
        combined = result.combined
        if combined is not None and combined >= first:
            result.priority_group = 1
        elif combined is not None and combined >= second:
            result.priority_group = 2
        else:
            result.priority_group = 3


def consolidate(
    criteria: Sequence[Criterion],
    answers: Iterable[Answer],
    grouping: Grouping,
    combine: str = PRODUCT,
) -> list[FieldResult]:
    """The results per field, in rank order (see the module's docstring)."""
    keys = {c.key for c in criteria}
    if len(keys) != len(criteria):
        raise ValueError("duplicate criterion keys")
    if any(c.weight <= 0 for c in criteria):
        raise ValueError("weights must be > 0")
    if any(c.dimension not in DIMENSIONS for c in criteria):
        raise ValueError("unknown dimension")
    if combine not in COMBINES:
        raise ValueError(f"unknown combine {combine!r}")
    by_dimension = {d: [c for c in criteria if c.dimension == d] for d in DIMENSIONS}

    # field -> dimension -> the towns' scores; field -> towns that answered anything
    scores: dict[str, dict[str, list[Fraction]]] = {}
    answered: dict[str, set[str]] = {}
    seen: set[tuple[str, str]] = set()
    for answer in answers:
        if (answer.municipality, answer.field) in seen:
            raise ValueError("a town answered a field twice")
        seen.add((answer.municipality, answer.field))
        unknown = set(answer.scores) - keys
        if unknown:
            raise ValueError(f"unknown criteria {sorted(unknown)}")
        if any(not SCORE_MIN <= s <= SCORE_MAX for s in answer.scores.values()):
            raise ValueError("scores must be 1..5")
        per_field = scores.setdefault(answer.field, {d: [] for d in DIMENSIONS})
        towns = answered.setdefault(answer.field, set())
        if answer.scores:
            towns.add(answer.municipality)
        for dimension in DIMENSIONS:
            score = town_dimension_score(answer.scores, by_dimension[dimension])
            if score is not None:
                per_field[dimension].append(score)

    results = []
    for name, per_field in scores.items():
        relevance, potential = stats(per_field[RELEVANCE]), stats(per_field[POTENTIAL])
        combined = combine_scores(
            relevance and relevance.mean, potential and potential.mean, combine
        )
        results.append(
            FieldResult(
                field=name,
                relevance=relevance,
                potential=potential,
                combined=combined,
                n=len(answered[name]),
            )
        )
    results.sort(key=rank_key)
    for rank, result in enumerate(results, start=1):
        result.rank = rank
    assign_groups(results, grouping)
    return results
