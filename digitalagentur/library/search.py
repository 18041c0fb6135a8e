"""German search over the library's documents (title, description, tags).

PostgreSQL: full-text search with the 'german' configuration (stemming, umlauts folded:
"Verträge" finds "Vertrag"), each word of the input a prefix term ("daten" finds
"Datenschutz"), over a vector computed in the query (the library is small; a stored,
indexed column as in portfolio/search.py can follow when it grows). Other databases (SQLite):
a case-insensitive "contains" per word. On both, every word must match, in the title, the
description or a tag. Only runs of letters and digits of the input are used (portfolio.search
.search_terms), so nothing the user types reaches the database as query syntax.
"""

from __future__ import annotations

from django.db import connections
from django.db.models import Exists, OuterRef, Q, QuerySet

from digitalagentur.portfolio.search import search_terms

from .models import Document


def search_documents(queryset: QuerySet, text: str) -> QuerySet:
    """Documents of `queryset` in which every word of `text` matches; text without letters
    or digits matches nothing."""
    terms = search_terms(text)
    if not terms:
        return queryset.none()
    if connections[queryset.db].vendor == "postgresql":
        return _postgres(queryset, terms)
    return _contains(queryset, terms)


def _tag_match(condition: Q) -> Exists:
    through = Document.tags.through
    return Exists(through.objects.filter(condition, document_id=OuterRef("pk")))


def _contains(queryset: QuerySet, terms: list[str]) -> QuerySet:
    for term in terms:
        queryset = queryset.filter(
            Q(title__icontains=term)
            | Q(description__icontains=term)
            | _tag_match(Q(tag__name__icontains=term))
        )
    return queryset


def _postgres(queryset: QuerySet, terms: list[str]) -> QuerySet:  # pragma: no cover - PG only
    from django.contrib.postgres.search import SearchQuery, SearchVector

    from .models import Tag

    vector = SearchVector("title", weight="A", config="german") + SearchVector(
        "description", weight="B", config="german"
    )
    queryset = queryset.alias(search_vector=vector)
    for term in terms:
        # A quoted lexeme with prefix matching; `term` holds letters and digits only.
        query = SearchQuery(f"'{term}':*", search_type="raw", config="german")
        tags = Tag.objects.alias(vector=SearchVector("name", config="german")).filter(
            vector=query, documents=OuterRef("pk")
        )
        queryset = queryset.filter(Q(search_vector=query) | Exists(tags))
    return queryset
