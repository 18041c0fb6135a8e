"""Matching projects and funding programmes in the staff area (funding/matching.py): the
section "Passende Förderprogramme" of a project's page and "Projekte, die passen könnten" of
a programme's page. The staff area is internal: unpublished programmes and projects count.

Each tag reads what it needs with a constant number of queries (at most 5), whatever the
number of programmes and projects.
"""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from digitalagentur.funding import matching

register = template.Library()

PROJECT_PAGE_LIMIT = 5


def points_text(points: int) -> str:
    """+40, −10 (with a real minus sign)."""
    return f"+{points}" if points >= 0 else f"−{abs(points)}"


def score_help() -> str:
    return _(
        "Die Punkte: Handlungsfeld %(field)s; je Schlagwort des Programms %(keyword)s, je "
        "Wort aus seiner Beschreibung %(word)s (ohne Schlagwort erst ab zwei Wörtern), "
        "zusammen höchstens %(keywords_max)s; Antragsberechtigung %(applicant)s; "
        "Fördergebiet im eigenen Land %(home)s, bundesweit %(nationwide)s; offener Aufruf "
        "%(open)s, angekündigter %(forthcoming)s, nur abgelaufene Aufrufe %(closed)s. Ohne "
        "gemeinsames Handlungsfeld oder Schlagwort gibt es keinen Treffer; wer nicht "
        "antragsberechtigt ist oder außerhalb des Fördergebiets liegt, wird nicht vorgeschlagen."
    ) % {
        "field": points_text(matching.FIELD_POINTS),
        "keyword": points_text(matching.KEYWORD_POINTS),
        "word": points_text(matching.TEXT_WORD_POINTS),
        "keywords_max": points_text(matching.KEYWORDS_MAX),
        "applicant": points_text(matching.APPLICANT_POINTS),
        "home": points_text(matching.HOME_LAND_POINTS),
        "nationwide": points_text(matching.NATIONWIDE_POINTS),
        "open": points_text(matching.OPEN_CALL_POINTS),
        "forthcoming": points_text(matching.FORTHCOMING_CALL_POINTS),
        "closed": points_text(matching.CLOSED_CALLS_POINTS),
    }


def row(match: matching.Match, *, name: str, url: str, published: bool) -> dict:
    return {
        "name": name,
        "url": url,
        "published": published,
        "score": match.score,
        "reasons": [(r.text, points_text(r.points)) for r in match.reasons],
        "exclusion": match.exclusion,
    }


def programme_row(match: matching.Match) -> dict:
    programme = match.programme
    url = reverse("staff:programme_detail", args=[programme.pk])
    return row(match, name=programme.name, url=url, published=programme.published)


def project_row(match: matching.Match) -> dict:
    project = match.project
    url = reverse("staff:project_detail", args=[project.pk])
    return row(match, name=project.label, url=url, published=project.published)


@register.simple_tag(takes_context=True)
def programme_matches(context, project, limit: int = PROJECT_PAGE_LIMIT) -> dict:
    """The best programmes for a project of the page (its participations and field as
    loaded by the page; the region's programmes in 3 queries)."""
    region = context["request"].region
    facts = matching.project_facts(
        project,
        town_count=len(project.participations.all()),
        region_name=region.name,
        field_of_action=project.field,
    )
    programmes = matching.load_programmes(region, public=False)
    ranking = matching.programmes_for_project(
        facts, programmes, now=timezone.now(), land=matching.region_land(region)
    )
    return {
        "rows": [programme_row(m) for m in ranking.matches[:limit]],
        "more": max(len(ranking.matches) - limit, 0),
        "excluded": [programme_row(m) for m in ranking.excluded],
        "help": score_help(),
    }


@register.simple_tag(takes_context=True)
def project_matches(context, programme) -> dict:
    """Every project a programme of the page fits, best first (5 queries)."""
    region = context["request"].region
    ranking = matching.matches_for_programme(region, programme.pk, public=False)
    if ranking is None:
        ranking = matching.Ranking([], [])
    return {
        "rows": [project_row(m) for m in ranking.matches],
        "excluded": [project_row(m) for m in ranking.excluded],
        "help": score_help(),
    }
