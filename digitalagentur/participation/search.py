"""Finding ideas: the search of the lists (every word must match) and the similar ideas
suggested while someone types a title (any word may match, best matches first).

PostgreSQL: German full-text search ('german' configuration: stemming and umlaut folding,
"Dörfer" finds "Dorf"), each word a prefix term, title weighted above text, ranked by
ts_rank. SQLite has no German stemmer: each word matches as a case-blind substring of title
or text (its first letters, so that "Radwege" also finds "Radweg"), and the similar ideas are
ranked by how many words match, title first. The user's text never reaches the database as
query syntax: only runs of letters and digits are kept.
"""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import Q, QuerySet

TERM_RE = re.compile(r"[^\W_]+")
MAX_TERMS = 10
# Words too common to tell ideas apart (for the suggestions only).
STOP_WORDS = frozenset(
    "der die das den dem des ein eine einen einem einer eines und oder aber für mit ohne "
    "von vom zu zum zur im in am an auf aus bei nach über unter vor wie was wer wir ihr "
    "sie es ist sind sein mehr mal auch noch nur nicht kein keine alle man sich so".split()
)
# A word longer than this matches on SQLite by its first STEM_LENGTH letters.
STEM_LENGTH = 6


def terms_of(text: str, *, drop_stop_words: bool = False) -> list[str]:
    terms: dict[str, None] = {}
    for term in TERM_RE.findall(text or ""):
        term = term.lower()
        if drop_stop_words and (term in STOP_WORDS or len(term) < 3):
            continue
        terms.setdefault(term, None)
        if len(terms) == MAX_TERMS:
            break
    return list(terms)


def _vector():
    return SearchVector("title", weight="A", config="german") + SearchVector(
        "text", weight="B", config="german"
    )


def _pg_query(terms: list[str], operator: str) -> SearchQuery:
    # Only letters and digits reach here (TERM_RE), so the raw syntax is ours alone.
    raw = f" {operator} ".join(f"{term}:*" for term in terms)
    return SearchQuery(raw, search_type="raw", config="german")


def _substring(term: str) -> str:
    return term[:STEM_LENGTH] if len(term) > STEM_LENGTH else term


def search(queryset: QuerySet, text: str) -> QuerySet:
    """Ideas of `queryset` in which every word of `text` matches; no words: nothing."""
    terms = terms_of(text)
    if not terms:
        return queryset.none()
    if connections[queryset.db].vendor == "postgresql":
        return queryset.annotate(search_document=_vector()).filter(
            search_document=_pg_query(terms, "&")
        )
    condition = Q()
    for term in terms:
        part = _substring(term)
        condition &= Q(title__icontains=part) | Q(text__icontains=part)
    return queryset.filter(condition)


def similar(queryset: QuerySet, title: str, *, limit: int = 5) -> list:
    """The ideas of `queryset` most like `title` (any meaningful word matches)."""
    terms = terms_of(title, drop_stop_words=True)
    if not terms:
        return []
    if connections[queryset.db].vendor == "postgresql":
        query = _pg_query(terms, "|")
        return list(
            queryset.annotate(search_document=_vector())
            .filter(search_document=query)
            .annotate(rank=SearchRank(_vector(), query))
            .order_by("-rank", "-created")[:limit]
        )
    condition = Q()
    for term in terms:
        part = _substring(term)
        condition |= Q(title__icontains=part) | Q(text__icontains=part)
    candidates = list(queryset.filter(condition).order_by("-created")[:100])

    def score(idea) -> tuple[int, int]:
        title_text, body = idea.title.lower(), idea.text.lower()
        parts = [_substring(term) for term in terms]
        return (
            sum(part in title_text for part in parts),
            sum(part in body for part in parts),
        )

    candidates.sort(key=score, reverse=True)
    return candidates[:limit]
