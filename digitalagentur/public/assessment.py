"""Public pages of the needs assessment (issue 9 §3, §4): the published assessment rounds,
a round's results (portfolio matrix, the fields with their scores, rank and priority group,
the coordination's overrides with their reasons, the strategy version the round produced),
a participating town compared with the district, and the exports (the matrix as a
standalone SVG file, the results as CSV).

The public sees published rounds of the request's region only; everything else is 404.
Inside a published round it sees only the fields published in a published strategy (rows,
matrix, overrides, CSV; ranks and groups stay the round's). Counts and results take only the
submitted responses of towns that still take part in the round. Project counts are those of
published projects. Pages and downloads are cached like every public page (cache_public).
Every page is read in a fixed number of queries, whatever the number of towns and fields
(assessment/results.py round_results).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from digitalagentur.assessment import result_table
from digitalagentur.assessment.matrix import build_matrix, group_text, score_text
from digitalagentur.assessment.models import GroupOverride, ResponseStatus, Round
from digitalagentur.assessment.responses import participant_responses, with_counts
from digitalagentur.assessment.results import RoundResults, round_results
from digitalagentur.tenancy.models import Municipality
from digitalagentur.tenancy.pagecache import cache_public

from .shared import render_shared


def _crumbs(*items):
    return [(_("Start"), reverse("public:home")), *items]


def _list_crumb():
    return (_("Bedarfsanalyse"), reverse("public:assessment_list"))


# --- reading ---------------------------------------------------------------------------------


def published_rounds(region) -> QuerySet[Round]:
    if region is None:
        return Round.objects.none()
    rounds = Round.objects.filter(region=region, published=True).select_related("applied_version")
    return (
        with_counts(rounds)
        .annotate(
            field_count=Count(
                "fields",
                filter=Q(fields__published=True, fields__strategy__published=True),
                distinct=True,
            )
        )
        .order_by("-deadline", "pk")
    )


def public_round(region, slug: str) -> Round:
    if region is None:
        raise Http404("Bewertungsrunde nicht gefunden")
    return get_object_or_404(
        Round.objects.filter(region=region, published=True).select_related("applied_version"),
        slug=slug,
    )


def participating_towns(round: Round) -> list[Municipality]:
    """The towns that took part: those of the round with a submitted response."""
    town_ids = (
        participant_responses(round)
        .filter(status=ResponseStatus.SUBMITTED)
        .values("municipality_id")
    )
    return list(round.municipalities.filter(pk__in=town_ids).order_by("name", "pk"))


def public_town(round: Round, town_slug: str) -> Municipality:
    for town in participating_towns(round):
        if town.slug == town_slug:
            return town
    raise Http404("Diese Kommune hat an der Bewertungsrunde nicht teilgenommen")


@dataclass
class ResultRow:
    """A field's results as the public pages and the CSV show them."""

    row: object  # results.FieldRow

    @property
    def field(self):
        return self.row.field

    @property
    def relevance(self) -> str:
        return score_text(self.row.relevance and self.row.relevance.mean)

    @property
    def potential(self) -> str:
        return score_text(self.row.potential and self.row.potential.mean)

    @property
    def std_relevance(self) -> str:
        return _std(self.row.relevance)

    @property
    def std_potential(self) -> str:
        return _std(self.row.potential)

    @property
    def combined(self) -> str:
        return score_text(self.row.combined)

    @property
    def rank(self) -> int:
        return self.row.rank

    @property
    def group(self) -> str:
        return group_text(self.row.group)

    @property
    def computed_group(self) -> str:
        return group_text(self.row.computed_group)

    @property
    def overridden(self) -> bool:
        return self.row.override is not None and self.row.group != self.row.computed_group

    @property
    def n(self) -> int:
        return self.row.n

    @property
    def consensus(self) -> str:
        return self.row.consensus_label

    @property
    def project_count(self) -> int:
        return self.row.project_count


def _std(summary) -> str:
    if summary is None:
        return "–"
    return str(summary.std).replace(".", ",")


def results_of(round: Round, municipality=None) -> RoundResults:
    return round_results(round, municipality, public=True)


def results_or_problem(round: Round, municipality=None) -> tuple[RoundResults | None, str]:
    """The results, or (None, the German reason) when the round's rules cannot group its
    fields (e.g. group sizes that no longer add up after a change of the round)."""
    try:
        return results_of(round, municipality), ""
    except ValidationError as error:
        return None, " ".join(error.messages)


def _problem_response(problem: str) -> HttpResponse:
    return HttpResponse(problem, status=409, content_type="text/plain; charset=utf-8")


def overrides_of(round: Round) -> list[GroupOverride]:
    """The overrides of the fields the public may see."""
    return list(
        GroupOverride.objects.filter(
            round=round, field__published=True, field__strategy__published=True
        )
        .select_related("field")
        .order_by("field__position", "field__name", "pk")
    )


# --- views -----------------------------------------------------------------------------------


@cache_public
def assessment_list(request):
    def build():
        return {
            "rounds": list(published_rounds(request.region)),
            "breadcrumbs": _crumbs((_("Bedarfsanalyse"), None)),
        }

    return render_shared(request, "public/assessment/list.html", build)


@cache_public
def assessment_round(request, slug):
    def build():
        round = public_round(request.region, slug)
        results, problem = results_or_problem(round)
        overrides = overrides_of(round)
        rows = results.rows if results is not None else []
        computed = {row.field.pk: row.computed_group for row in rows}
        return {
            "round": round,
            "results": results,
            "problem": problem,
            "rows": [ResultRow(row) for row in rows],
            "matrix": build_matrix(results) if results is not None else None,
            "overrides": [
                {
                    "override": o,
                    "group": group_text(o.priority_group),
                    "computed": group_text(computed.get(o.field_id)),
                }
                for o in overrides
            ],
            "towns": participating_towns(round),
            "breadcrumbs": _crumbs(_list_crumb(), (round.title, None)),
        }

    return render_shared(request, "public/assessment/round.html", build)


@cache_public
def assessment_round_town(request, slug, town_slug):
    def build():
        round = public_round(request.region, slug)
        town = public_town(round, town_slug)
        results, problem = results_or_problem(round, town)
        return {
            "round": round,
            "town": town,
            "results": results,
            "problem": problem,
            "matrix": build_matrix(results, municipality=town) if results is not None else None,
            "breadcrumbs": _crumbs(
                _list_crumb(),
                (round.title, reverse("public:assessment_round", args=[round.slug])),
                (town.name, None),
            ),
        }

    return render_shared(request, "public/assessment/town.html", build)


@cache_public
def assessment_matrix_svg(request, slug, town_slug=None):
    """The portfolio matrix of a published round (or of a town against the district) as a
    standalone SVG file."""
    round = public_round(request.region, slug)
    town = public_town(round, town_slug) if town_slug else None
    results, problem = results_or_problem(round, town)
    if results is None:
        return _problem_response(problem)
    matrix = build_matrix(results, municipality=town)
    heading = f"{round.title}: {matrix.title}"
    content = render_to_string("assessment/matrix.svg", {"matrix": matrix, "heading": heading})
    response = HttpResponse(content, content_type="image/svg+xml; charset=utf-8")
    name = f"portfoliomatrix-{round.slug}" + (f"-{town.slug}" if town else "")
    response["Content-Disposition"] = f'attachment; filename="{name}.svg"'
    return response


@cache_public
def assessment_results_csv(request, slug, town_slug=None):
    """A published round's results table as CSV (UTF-8 with BOM, ";" separated)."""
    round = public_round(request.region, slug)
    town = public_town(round, town_slug) if town_slug else None
    results, problem = results_or_problem(round, town)
    if results is None:
        return _problem_response(problem)
    response = HttpResponse(result_table.as_csv(results), content_type=result_table.CSV)
    name = f"bedarfsanalyse-{round.slug}" + (f"-{town.slug}" if town else "")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
