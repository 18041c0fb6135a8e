"""Results of an assessment round (issue 9 §3): the submitted answers laid over each other.

Only SUBMITTED responses of the towns that (still) take part in the round count; drafts are
never shown, not even a town's own (`municipality=`). A town's score on a criterion for a
field is the mean of its scale answers to that criterion's questions
(answers.criterion_scores); the criteria (key, dimension, weight) are those of the round's
questionnaire, and scores on criterion keys that questionnaire does not have (older
revisions) are left out. From there on the maths is
assessment.consolidation's (exact Fractions): a town's dimension score is the weighted mean of
its criterion scores, the field's score the mean over the towns, combined, rank and computed
priority group as defined there. Every field of the round appears, also without any answer.

Per field and dimension we add the median, minimum and maximum of the towns' dimension
scores and the population standard deviation (as consolidation.stats).

Consensus indicator: the mean of the two dimensions' population standard deviations (on the
1..5 scale; a dimension without scores is left out): at most 0.5 "hoch", at most 1.0
"mittel", else "gering"; None (no indicator) when fewer than two towns scored the field.
The comparison is exact (square roots compared through squares), only display is rounded.

The final group of a field is the coordination's override (GroupOverride) if there is one,
else the computed group. `result_actions.apply_to_strategy` writes the final groups into the
strategy; the overrides are set there too.

The public (`public=True`) sees only fields that are published in a published strategy: the
others are computed with the round (ranks and groups stay those of the round) but left out of
the rows, the overrides and the API answer.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.translation import gettext as _

from digitalagentur.portfolio.models import Project
from digitalagentur.strategy.models import Field

from . import consolidation as c
from .models import (
    Answer,
    Criterion,
    GroupOverride,
    Question,
    ResponseStatus,
    Round,
)
from .responses import participant_responses
from .rounds import threshold_fractions

DISPLAY_PLACES = 2
HIGH, MEDIUM, LOW = "hoch", "mittel", "gering"
CONSENSUS_LIMITS = ((Fraction(1, 2), HIGH), (Fraction(1), MEDIUM))
# The priority groups' numerals (at most nine groups: rounds.MAX_GROUPS); the one list.
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]


def roman(number: int | None) -> str:
    """The group's numeral ("–" for none; beyond IX the number itself)."""
    if number is None:
        return "–"
    return ROMAN[number - 1] if 1 <= number <= len(ROMAN) else str(number)


class GroupingMismatch(ValidationError):
    """The round's stored grouping rule cannot group its fields (e.g. group sizes that no
    longer add up after fields were added or removed). A ValidationError with a German
    message; the API answers it with 409."""

    def __init__(self):
        super().__init__(
            _(
                "Die Gruppengrößen der Runde passen nicht zur Zahl ihrer Handlungsfelder; "
                "bitte die Runde anpassen."
            ),
            code="grouping_mismatch",
        )


def is_public_field(field: Field) -> bool:
    """Whether the public may see `field` (published, in a published strategy)."""
    return bool(field.published and field.strategy.published)


def rounded(value: Fraction | None, places: int = DISPLAY_PLACES) -> Decimal | None:
    return None if value is None else c.round_half_up(value, places)


def median(values: list[Fraction]) -> Fraction:
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


@dataclass(frozen=True)
class DimensionSummary:
    """The towns' scores on one dimension for one field (exact; `*_display` rounded)."""

    mean: Fraction
    median: Fraction
    variance: Fraction  # population variance; std = sqrt(variance)
    minimum: Fraction
    maximum: Fraction
    n: int

    @classmethod
    def of(cls, values: list[Fraction]) -> DimensionSummary | None:
        found = c.stats(values)
        if found is None:
            return None
        return cls(
            mean=found.mean,
            median=median(values),
            variance=found.variance,
            minimum=min(values),
            maximum=max(values),
            n=found.count,
        )

    @property
    def std(self) -> Decimal:
        return c.std_rounded(self.variance, DISPLAY_PLACES)

    @property
    def mean_display(self) -> Decimal:
        return rounded(self.mean)

    @property
    def median_display(self) -> Decimal:
        return rounded(self.median)

    @property
    def min_display(self) -> Decimal:
        return rounded(self.minimum)

    @property
    def max_display(self) -> Decimal:
        return rounded(self.maximum)


def _sqrt_sum_at_most(v1: Fraction, v2: Fraction, limit: Fraction) -> bool:
    """sqrt(v1) + sqrt(v2) <= limit, exactly (v1, v2 >= 0, limit >= 0)."""
    if v1 > limit * limit:
        return False
    # sqrt(v2) <= limit - sqrt(v1)  <=>  v2 <= limit² - 2·limit·sqrt(v1) + v1
    #                               <=>  2·limit·sqrt(v1) <= limit² + v1 - v2
    rest = limit * limit + v1 - v2
    if rest < 0:
        return False
    return 4 * limit * limit * v1 <= rest * rest


def consensus(relevance: DimensionSummary | None, potential: DimensionSummary | None):
    """ "hoch", "mittel", "gering" or None (see the module's docstring)."""
    present = [d for d in (relevance, potential) if d is not None]
    if not present or max(d.n for d in present) < 2:
        return None
    for limit, label in CONSENSUS_LIMITS:
        if len(present) == 1:
            fits = present[0].variance <= limit * limit
        else:  # (s1 + s2) / 2 <= limit
            fits = _sqrt_sum_at_most(present[0].variance, present[1].variance, 2 * limit)
        if fits:
            return label
    return LOW


def consensus_label(code: str | None) -> str:
    return {HIGH: _("hoch"), MEDIUM: _("mittel"), LOW: _("gering")}.get(code, "–")


@dataclass
class FieldRow:
    field: Field
    relevance: DimensionSummary | None
    potential: DimensionSummary | None
    consensus: str | None
    combined: Fraction | None
    n: int
    rank: int
    computed_group: int
    override: GroupOverride | None
    group: int
    project_count: int
    own_relevance: Fraction | None = None
    own_potential: Fraction | None = None
    result: c.FieldResult | None = None

    @property
    def consensus_label(self) -> str:
        return consensus_label(self.consensus)

    @property
    def combined_display(self) -> Decimal | None:
        return rounded(self.combined)

    @property
    def own_relevance_display(self) -> Decimal | None:
        return rounded(self.own_relevance)

    @property
    def own_potential_display(self) -> Decimal | None:
        return rounded(self.own_potential)


@dataclass
class RoundResults:
    round: Round
    rows: list[FieldRow]
    submitted: int  # number of submitted responses counted
    municipality: object = None
    group_count: int = 3
    criteria: list = dataclass_field(default_factory=list)


def group_count(round: Round) -> int:
    """How many priority groups the round's rule gives (sizes: their number; else 3)."""
    return len(round.group_sizes) if round.group_sizes else 3


def _grouping(round: Round) -> c.Grouping:
    if round.group_sizes:
        return c.Grouping(sizes=tuple(round.group_sizes))
    return c.Grouping(thresholds=threshold_fractions(round))


def _load(round: Round):
    """Round fields, criteria and the scores of the submitted responses of the towns taking
    part: {town_id: {field_pk: {key: Fraction}}}."""
    from .answers import criterion_scores

    fields = list(round.fields.select_related("priority_group", "strategy"))
    criteria = list(Criterion.objects.filter(questionnaire_id=round.questionnaire_id))
    counted = participant_responses(round).filter(status=ResponseStatus.SUBMITTED)
    rows = list(
        Answer.objects.filter(response__in=counted.values("pk")).values(
            "response__municipality_id", "question_id", "field_id", "value"
        )
    )
    questions = {
        q.pk: q
        for q in Question.objects.filter(pk__in={r["question_id"] for r in rows}).select_related(
            "criterion"
        )
    }
    keys = {cr.key for cr in criteria}
    per_town: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        per_town[row["response__municipality_id"]].append(
            {"question": row["question_id"], "field": row["field_id"], "value": row["value"]}
        )
    scores: dict[int, dict[int, dict[str, Fraction]]] = {}
    for town_id, answers in per_town.items():
        by_field = criterion_scores(questions, answers)
        scores[town_id] = {
            field_pk: {k: v for k, v in values.items() if k in keys}
            for field_pk, values in by_field.items()
            if field_pk is not None
        }
    return fields, criteria, scores, set(per_town)


def _check_grouping(round: Round, field_count: int) -> None:
    """GroupingMismatch when the stored rule cannot group `field_count` fields (the only
    error of the consolidation a stored round can run into)."""
    if round.group_sizes:
        sizes = round.group_sizes
        if any(isinstance(s, bool) or not isinstance(s, int) or s < 0 for s in sizes) or (
            sum(sizes) != field_count
        ):
            raise GroupingMismatch()
        return
    try:
        thresholds = threshold_fractions(round)
    except (TypeError, ValueError):
        raise GroupingMismatch() from None
    if thresholds is None or thresholds[0] < thresholds[1]:
        raise GroupingMismatch()


def round_results(round: Round, municipality=None, *, public: bool = False) -> RoundResults:
    """One row per field of the round, in rank order (see the module's docstring); with
    `municipality`, that town's own dimension scores per field for comparison (from its
    SUBMITTED response only; None without one). `public`: only the fields the public may see
    (is_public_field), project counts of published projects only. Raises GroupingMismatch
    when the round's rule no longer fits its fields. A constant number of queries whatever
    the number of towns and fields."""
    fields, criteria, scores, submitted_towns = _load(round)
    _check_grouping(round, len(fields))
    by_slug = {f.slug: f for f in fields}
    field_pks = {f.pk for f in fields}
    exact = [
        c.Criterion(key=cr.key, dimension=cr.dimension, weight=Fraction(cr.weight))
        for cr in criteria
    ]
    by_dimension = {d: [cr for cr in exact if cr.dimension == d] for d in c.DIMENSIONS}
    slug_of = {f.pk: f.slug for f in fields}

    # Every field of the round appears: an empty answer (no scores, so not counted in n).
    answers = [c.Answer(municipality="", field=f.slug, scores={}) for f in fields]
    values: dict[str, dict[str, list[Fraction]]] = {
        f.slug: {d: [] for d in c.DIMENSIONS} for f in fields
    }
    for town_id in sorted(submitted_towns):
        for field_pk, town_scores in scores.get(town_id, {}).items():
            if field_pk not in field_pks:
                continue
            slug = slug_of[field_pk]
            answers.append(c.Answer(municipality=str(town_id), field=slug, scores=town_scores))
            for dimension in c.DIMENSIONS:
                score = c.town_dimension_score(town_scores, by_dimension[dimension])
                if score is not None:
                    values[slug][dimension].append(score)
    computed = c.consolidate(exact, answers, _grouping(round), round.combine)

    overrides = {
        o.field_id: o for o in GroupOverride.objects.filter(round=round).select_related("user")
    }
    projects = Project.objects.filter(region_id=round.region_id, field_id__in=field_pks)
    if public:
        projects = projects.filter(published=True)
    counts = dict(projects.values_list("field_id").annotate(count=Count("pk")))
    own = scores.get(municipality.pk, {}) if municipality is not None else {}

    rows = []
    for result in computed:
        field = by_slug[result.field]
        if public and not is_public_field(field):
            continue
        relevance = DimensionSummary.of(values[field.slug][c.RELEVANCE])
        potential = DimensionSummary.of(values[field.slug][c.POTENTIAL])
        override = overrides.get(field.pk)
        own_scores = own.get(field.pk, {})
        rows.append(
            FieldRow(
                field=field,
                relevance=relevance,
                potential=potential,
                consensus=consensus(relevance, potential),
                combined=result.combined,
                n=result.n,
                rank=result.rank,
                computed_group=result.priority_group,
                override=override,
                group=override.priority_group if override else result.priority_group,
                project_count=counts.get(field.pk, 0),
                own_relevance=c.town_dimension_score(own_scores, by_dimension[c.RELEVANCE])
                if municipality is not None
                else None,
                own_potential=c.town_dimension_score(own_scores, by_dimension[c.POTENTIAL])
                if municipality is not None
                else None,
                result=result,
            )
        )
    return RoundResults(
        round=round,
        rows=rows,
        submitted=len(submitted_towns),
        municipality=municipality,
        group_count=group_count(round),
        criteria=criteria,
    )


def api_payload(round: Round, *, public: bool = False) -> dict:
    """The round's results for GET /api/v1/assessment/rounds/<id>/results/:
    {"results": [...], "overrides": [...]}. Each item of "results" has exactly the keys of
    POST /api/v1/assessment/consolidate/ ("field" being the field's slug, numbers rounded
    half up to 4 decimals, "priority_group" the computed group); "overrides" lists the
    coordination's groups: [{"field", "priority_group", "reason"}] in rank order. `public`:
    the fields the public may see only (round_results). Raises GroupingMismatch."""
    results = round_results(round, public=public)
    return {
        "results": [row.result.as_json() for row in results.rows],
        "overrides": [
            {
                "field": row.field.slug,
                "priority_group": row.override.priority_group,
                "reason": row.override.reason,
            }
            for row in results.rows
            if row.override is not None
        ],
    }


def api_results(round: Round, *, public: bool = False) -> list[dict]:
    """The "results" of api_payload: the consolidate endpoint's items for the round."""
    return api_payload(round, public=public)["results"]
