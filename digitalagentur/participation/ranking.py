"""The ranking of a competition's submissions (issue 12, section 2): pure computation on plain
values, no database, so that it can be checked by hand.

Input
    weights  {criterion_id: Decimal weight > 0}
    scores   iterable of (juror_id, submission_id, criterion_id, value), value 0–10
    titles   {submission_id: title}: the submissions taking part (withdrawn ones left out)
    conflicts  optional set of (juror_id, submission_id): such scores never count

Formula
    A submission's score is the weighted mean of all its jury scores:

        score(s) = Σ_{j,c} w_c · v_{j,s,c}  /  Σ_{j,c} w_c

    where both sums run over the same scores: every (juror j, criterion c) pair for which a
    juror gave submission s a value. A juror who left a criterion out neither adds points nor
    weight for it; a criterion weighted 2 counts like two criteria weighted 1.

    A juror's mean for a submission (shown to the coordination) is the same formula over that
    juror's scores only; a criterion's mean is the plain mean of its values over the jurors.

Ranking
    Submissions are ordered by their exact score (fractions.Fraction, never rounded), highest
    first; equal scores share a rank and the next rank skips ("competition ranking":
    1, 2, 2, 4). Ties are listed by title (case-insensitive), then id. Submissions without any
    score come last, by title then id, with score None and rank None. Scores shown are Decimals
    rounded half up to two places.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

TWO_PLACES = Decimal("0.01")
MIN_VALUE, MAX_VALUE = 0, 10

ScoreRow = tuple[int, int, int, int]  # juror_id, submission_id, criterion_id, value


@dataclass
class Entry:
    """One submission's place in the ranking (ids only; competitions.ranking adds objects)."""

    submission_id: int
    title: str
    exact: Fraction | None = None  # the weighted mean, exact; None without any score
    rank: int | None = None
    jurors_scored: int = 0
    per_juror: dict[int, Decimal] = field(default_factory=dict)  # juror_id: weighted mean
    per_criterion: dict[int, Decimal] = field(default_factory=dict)  # criterion_id: mean
    values: dict[int, dict[int, int]] = field(default_factory=dict)  # juror: {criterion: value}

    @property
    def score(self) -> Decimal | None:
        return rounded(self.exact)


def rounded(value: Fraction | None) -> Decimal | None:
    """`value` as a Decimal rounded half up to two places (None stays None)."""
    if value is None:
        return None
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        TWO_PLACES, rounding=ROUND_HALF_UP
    )


def weighted_mean(pairs: Iterable[tuple[Fraction, int]]) -> Fraction | None:
    """Σ w·v / Σ w over (weight, value) pairs; None when there are none."""
    total = weight_sum = Fraction(0)
    for weight, value in pairs:
        total += weight * value
        weight_sum += weight
    return total / weight_sum if weight_sum else None


def rank(
    weights: Mapping[int, Decimal],
    scores: Iterable[ScoreRow],
    titles: Mapping[int, str],
    conflicts: Iterable[tuple[int, int]] = (),
) -> list[Entry]:
    """The ranked entries of all submissions in `titles` (see the module docstring).

    Scores of submissions not in `titles`, of criteria not in `weights` and of
    (juror, submission) pairs in `conflicts` are ignored; a value outside 0–10 raises
    ValueError (the database cannot hold one)."""
    exact_weights = {cid: Fraction(w) for cid, w in weights.items()}
    if any(w <= 0 for w in exact_weights.values()):
        raise ValueError("criterion weights must be positive")
    excluded = set(conflicts)
    # submission -> juror -> criterion -> value
    table: dict[int, dict[int, dict[int, int]]] = defaultdict(lambda: defaultdict(dict))
    for juror_id, submission_id, criterion_id, value in scores:
        if submission_id not in titles or criterion_id not in exact_weights:
            continue
        if (juror_id, submission_id) in excluded:
            continue
        if isinstance(value, bool) or not MIN_VALUE <= int(value) <= MAX_VALUE:
            raise ValueError(f"score out of range: {value!r}")
        table[submission_id][juror_id][criterion_id] = int(value)

    entries = [
        _entry(sid, title, table.get(sid, {}), exact_weights) for sid, title in titles.items()
    ]
    scored = sorted(
        (e for e in entries if e.exact is not None),
        key=lambda e: (-e.exact, e.title.casefold(), e.submission_id),
    )
    unscored = sorted(
        (e for e in entries if e.exact is None),
        key=lambda e: (e.title.casefold(), e.submission_id),
    )
    for position, entry in enumerate(scored, start=1):
        previous = scored[position - 2] if position > 1 else None
        if previous is not None and previous.exact == entry.exact:
            entry.rank = previous.rank
        else:
            entry.rank = position
    return scored + unscored


def _entry(
    submission_id: int,
    title: str,
    by_juror: Mapping[int, Mapping[int, int]],
    weights: Mapping[int, Fraction],
) -> Entry:
    entry = Entry(submission_id=submission_id, title=title)
    if not by_juror:
        return entry
    all_pairs = []
    by_criterion: dict[int, list[int]] = defaultdict(list)
    for juror_id in sorted(by_juror):
        values = by_juror[juror_id]
        pairs = [(weights[cid], value) for cid, value in values.items()]
        all_pairs.extend(pairs)
        entry.per_juror[juror_id] = rounded(weighted_mean(pairs))
        entry.values[juror_id] = dict(values)
        for cid, value in values.items():
            by_criterion[cid].append(value)
    entry.exact = weighted_mean(all_pairs)
    entry.jurors_scored = len(by_juror)
    entry.per_criterion = {
        cid: rounded(Fraction(sum(values), len(values)))
        for cid, values in sorted(by_criterion.items())
    }
    return entry
