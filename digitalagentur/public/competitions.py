"""Competitions on the public website (issue 12, section 2): the list of calls, a call's page
and, once the result is published, the winners page. Handing in an entry is in
competitions_submit.py, the jury's pages in competitions_jury.py.

Only published competitions of the request's region exist here; anything else is 404. Before
the result is published the public sees how many entries there are, never their titles or
who handed them in; afterwards the titles with the names shown (Submission.submitter_name,
the name the person chose, never an e-mail address). The list and the call page show the
phase of the moment and the count, and the call page links jurors to their pages, so they
are never cached; the winners page changes only with the competition itself.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from digitalagentur.participation import competitions as competition_services
from digitalagentur.participation.choices import CompetitionPhase
from digitalagentur.participation.models import Competition, Criterion, Submission
from digitalagentur.participation.rules import juror_of
from digitalagentur.tenancy.pagecache import cache_public


def crumbs(*items):
    return [
        (_("Start"), reverse("public:home")),
        (_("Wettbewerbe"), reverse("public:competitions")),
        *items,
    ]


def competition_crumbs(competition, *items):
    """Breadcrumbs below a competition's page (its title linked)."""
    return crumbs(
        (competition.title, reverse("public:competition", args=[competition.slug])), *items
    )


def region_competition(request, slug: str) -> Competition:
    """A competition of the request's region (published or not), or 404."""
    region = getattr(request, "region", None)
    if region is None:
        raise Http404
    return get_object_or_404(Competition, region=region, slug=slug)


def public_competition(request, slug: str) -> Competition:
    """A published competition of the request's region, or 404."""
    competition = region_competition(request, slug)
    if not competition.published:
        raise Http404
    return competition


def phase_of(competition, now=None) -> tuple[str, str]:
    """(phase, its German label) of the competition now."""
    phase = CompetitionPhase(competition.phase(now))
    return phase.value, str(phase.label)


def entries(competition):
    """The competition's entries that take part (withdrawn ones left out)."""
    return Submission.objects.filter(competition=competition, withdrawn=False)


def weighted_criteria(competition) -> list[tuple[Criterion, Decimal]]:
    """(criterion, its share of all weights in percent, rounded to whole percent)."""
    criteria = list(Criterion.objects.filter(competition=competition))
    total = sum((c.weight for c in criteria), Decimal(0))
    return [
        (c, (c.weight * 100 / total).quantize(Decimal(1)) if total else Decimal(0))
        for c in criteria
    ]


@never_cache
def competition_list(request):
    region = getattr(request, "region", None)
    competitions = (
        Competition.objects.filter(region=region, published=True)
        .annotate(entry_count=Count("submissions", filter=Q(submissions__withdrawn=False)))
        .order_by("-submission_start", "pk")
        if region is not None
        else Competition.objects.none()
    )
    now = timezone.now()
    rows = [(c, *phase_of(c, now)) for c in competitions]
    context = {
        "rows": rows,
        "title": _("Wettbewerbe"),
        "breadcrumbs": [(_("Start"), reverse("public:home")), (_("Wettbewerbe"), None)],
    }
    return render(request, "public/competitions/list.html", context)


@never_cache
def competition_detail(request, slug):
    competition = public_competition(request, slug)
    phase, phase_label = phase_of(competition)
    result = competition.result_published
    context = {
        "competition": competition,
        "phase": phase,
        "phase_label": phase_label,
        "submission_open": phase == CompetitionPhase.SUBMISSION,
        "criteria": weighted_criteria(competition),
        "prizes": list(competition.prizes.order_by("position", "pk")),
        "entry_count": entries(competition).count(),
        # Titles and names only once the result is public.
        "entries": list(entries(competition).order_by("title", "pk")) if result else [],
        "juror": juror_of(request.user, competition),
        "title": competition.title,
        "breadcrumbs": crumbs((competition.title, None)),
    }
    return render(request, "public/competitions/detail.html", context)


@cache_public
def competition_winners(request, slug):
    """The winners once the result is published; before, a page saying it follows."""
    competition = public_competition(request, slug)
    phase, phase_label = phase_of(competition)
    published = competition.result_published
    prizes = competition_services.winners(competition) if published else []
    context = {
        "competition": competition,
        "phase": phase,
        "phase_label": phase_label,
        "published": published,
        "prizes": prizes,
        "title": _("Gewinner: %(title)s") % {"title": competition.title},
        "breadcrumbs": competition_crumbs(competition, (_("Gewinner"), None)),
    }
    return render(request, "public/competitions/winners.html", context)
