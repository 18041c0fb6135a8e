"""German full-text search over projects, kept current by the database itself.

PostgreSQL: a generated (STORED) tsvector column `search_document` with a GIN index, added by
migration 0003 and not declared on the model (SQLite has no such column); PostgreSQL computes
it on every insert and update, bulk ones included. The 'german' configuration stems and folds
umlauts ("dörfer" finds "Dorf", "Dorf" finds "Dörfer"); a second, 'simple' copy of the text
(only lower-cased) still finds German stop words ("über", "für") and prefixes that stem
differently from the whole word. Note: a later migration that changes the type of a column
the document uses must call remove_search_index before and install_search_index after it
(PostgreSQL refuses to alter a column that a generated column depends on).

SQLite: an FTS5 table `portfolio_project_fts` with external content (no copy of the text),
tokenizer unicode61 with diacritics removed, kept current by triggers on portfolio_project.
It finds "Dörfer" for "Dorf" (prefix, "ö" folded to "o"), but not "Dorf" for "Dörfer": FTS5
does not stem. Django drops the triggers when it rebuilds the table in a later migration;
ensure_search_index (meant for post_migrate) puts them back.

On both, each word of the input is a prefix term ("mobil" finds "Mobilität") and all words
must match. A word matches a project code only exactly, whatever its case: "P7" finds P7 and
not P70. The user's text never reaches the database as query syntax: only runs of letters and
digits are kept, each quoted, so &, |, !, :*, NEAR(, quotes or * are plain separators.
"""

from __future__ import annotations

import re

from django.db import connections
from django.db.models import Q, QuerySet
from django.db.models.expressions import Expression, RawSQL

TEXT_FIELDS = ("title", "summary", "description", "central_benefit")
MAX_TERMS = 10

SEARCH_MIGRATION = "0003_project_search"
PG_INDEX = "portfolio_project_search"
FTS_TABLE = "portfolio_project_fts"
FTS_TRIGGERS = (
    "portfolio_project_fts_insert",
    "portfolio_project_fts_delete",
    "portfolio_project_fts_update",
)

# Letters and digits of any script; everything else (punctuation, operators, "_") separates.
TERM_RE = re.compile(r"[^\W_]+")


def search_terms(text: str) -> list[str]:
    """The distinct words of `text` (letters and digits only), at most MAX_TERMS."""
    terms: dict[str, str] = {}
    for term in TERM_RE.findall(text):
        terms.setdefault(term.lower(), term)
        if len(terms) == MAX_TERMS:
            break
    return list(terms.values())


def search_projects(queryset: QuerySet, text: str) -> QuerySet:
    """Projects of `queryset` in which every word of `text` matches (prefix, or exact code).

    Text without any letter or digit matches nothing.
    """
    terms = search_terms(text)
    if not terms:
        return queryset.none()
    vendor = connections[queryset.db].vendor
    if vendor == "postgresql":
        return queryset.alias(search_document=StoredDocument()).filter(postgres_match(terms))
    if vendor == "sqlite":
        return queryset.filter(sqlite_match(terms))
    return queryset.filter(fallback_match(terms))  # pragma: no cover


# --- PostgreSQL ---------------------------------------------------------------------------

PG_COLUMN = "search_document"
# Weight A holds the code alone, so a query can match it exactly ('p7':A) while words of the
# text match as prefixes in B, C and D only: "P7" then never finds P70 through its code.
# Title B, summary C, description and benefit D; the 'simple' part (D) keeps stop words.
PG_DOCUMENT = (
    "setweight(to_tsvector('simple', code), 'A')"
    " || setweight(to_tsvector('german', title), 'B')"
    " || setweight(to_tsvector('german', summary), 'C')"
    " || setweight(to_tsvector('german', description || ' ' || central_benefit), 'D')"
    " || setweight(to_tsvector('simple', title || ' ' || summary || ' ' || description"
    " || ' ' || central_benefit), 'D')"
)
PG_INSTALL = (
    "ALTER TABLE portfolio_project ADD COLUMN search_document tsvector"
    f" GENERATED ALWAYS AS ({PG_DOCUMENT}) STORED",
    "CREATE INDEX portfolio_project_search ON portfolio_project USING gin (search_document)",
)
PG_REMOVE = "ALTER TABLE portfolio_project DROP COLUMN IF EXISTS search_document"


class StoredDocument(Expression):
    """The generated column portfolio_project.search_document (PostgreSQL only).

    Not a model field, since the column does not exist on SQLite; this refers to it under
    the alias the query gives the project table (also when the query becomes a subquery).
    """

    def __init__(self, alias: str | None = None):
        from django.contrib.postgres.search import SearchVectorField

        super().__init__(output_field=SearchVectorField())
        self.alias = alias

    def resolve_expression(self, query=None, *args, **kwargs):
        clone = self.copy()
        clone.alias = query.get_initial_alias()
        return clone

    def relabeled_clone(self, change_map):
        clone = self.copy()
        clone.alias = change_map.get(self.alias, self.alias)
        return clone

    def as_sql(self, compiler, connection):
        alias = compiler.quote_name_unless_alias(self.alias)
        return f"{alias}.{connection.ops.quote_name(PG_COLUMN)}", []

    def get_group_by_cols(self):
        return [self]


def postgres_match(terms: list[str]) -> Q:
    from django.contrib.postgres.search import SearchQuery

    query = None
    for term in terms:
        # `term` holds only letters and digits, so quoting it is safe tsquery syntax.
        german = SearchQuery(f"'{term}':*BCD", config="german", search_type="raw")
        plain = SearchQuery(f"'{term}':*BCD", config="simple", search_type="raw")
        code = SearchQuery(f"'{term}':A", config="simple", search_type="raw")
        either = german | plain | code
        query = either if query is None else query & either
    return Q(search_document=query)


# --- SQLite -------------------------------------------------------------------------------


def sqlite_match(terms: list[str]) -> Q:
    # FTS5 strings are double-quoted; `term` holds no quote, so the input cannot add syntax.
    expression = " AND ".join(
        f'(code : "{term}" OR {{title summary description central_benefit}} : "{term}"*)'
        for term in terms
    )
    rows = RawSQL(FTS_ROWIDS, [expression])  # noqa: S611  # nosec B611: constant SQL, text is a parameter
    return Q(pk__in=rows)


FTS_ROWIDS = "SELECT rowid FROM portfolio_project_fts WHERE portfolio_project_fts MATCH %s"
FTS_REBUILD = "INSERT INTO portfolio_project_fts(portfolio_project_fts) VALUES ('rebuild')"
_FTS_ADD = (
    "INSERT INTO portfolio_project_fts"
    "(rowid, code, title, summary, description, central_benefit) "
    "VALUES (new.id, new.code, new.title, new.summary, new.description, new.central_benefit);"
)
_FTS_REMOVE = (
    "INSERT INTO portfolio_project_fts"
    "(portfolio_project_fts, rowid, code, title, summary, description, central_benefit) "
    "VALUES ('delete', old.id, old.code, old.title, old.summary, old.description, "
    "old.central_benefit);"
)


def sqlite_statements() -> list[str]:
    """The FTS5 table and the triggers that keep it current (external content: no copy)."""
    return [
        "CREATE VIRTUAL TABLE IF NOT EXISTS portfolio_project_fts USING fts5("
        "code, title, summary, description, central_benefit, "
        "content='portfolio_project', content_rowid='id', "
        # Prefix indexes for 1 to 3 letters: short prefixes ("d", "di") stay fast.
        "tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')",
        "CREATE TRIGGER IF NOT EXISTS portfolio_project_fts_insert "
        f"AFTER INSERT ON portfolio_project BEGIN {_FTS_ADD} END",
        "CREATE TRIGGER IF NOT EXISTS portfolio_project_fts_delete "
        f"AFTER DELETE ON portfolio_project BEGIN {_FTS_REMOVE} END",
        "CREATE TRIGGER IF NOT EXISTS portfolio_project_fts_update "
        "AFTER UPDATE OF code, title, summary, description, central_benefit "
        "ON portfolio_project "
        f"BEGIN {_FTS_REMOVE} {_FTS_ADD} END",
    ]


def sqlite_triggers_missing(cursor) -> bool:
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    present = {row[0] for row in cursor.fetchall()}
    return not set(FTS_TRIGGERS) <= present


# --- Other databases ----------------------------------------------------------------------


def fallback_match(terms: list[str]) -> Q:  # pragma: no cover
    match = Q()
    for term in terms:
        any_field = Q(code__iexact=term)
        for name in TEXT_FIELDS:
            any_field |= Q(**{f"{name}__icontains": term})
        match &= any_field
    return match


# --- Installing the index (migrations) ----------------------------------------------------


def install_search_index(apps, schema_editor) -> None:
    """Create (or recreate) the index for the database at hand and fill it."""
    vendor = schema_editor.connection.vendor
    remove_search_index(apps, schema_editor)
    if vendor == "postgresql":
        for statement in PG_INSTALL:
            schema_editor.execute(statement)
    elif vendor == "sqlite":
        for statement in sqlite_statements():
            schema_editor.execute(statement)
        schema_editor.execute(FTS_REBUILD)


def remove_search_index(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_REMOVE)  # drops the index with the column
    elif vendor == "sqlite":
        for name in FTS_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
        schema_editor.execute("DROP TABLE IF EXISTS portfolio_project_fts")


def ensure_search_index(using: str = "default", **kwargs) -> bool:
    """Recreate what a later migration dropped; True if something had to be repaired.

    SQLite drops a table's triggers when Django's schema editor rebuilds the table (as it
    does for most column changes), so this can run after every migrate (post_migrate).
    """
    from django.db.migrations.recorder import MigrationRecorder

    connection = connections[using]
    if connection.vendor != "sqlite":
        return False
    applied = MigrationRecorder(connection).applied_migrations()
    if ("portfolio", SEARCH_MIGRATION) not in applied:
        return False  # not migrated yet, or migrated back below the search
    with connection.cursor() as cursor:
        if not sqlite_triggers_missing(cursor):
            return False
        for statement in sqlite_statements():
            cursor.execute(statement)
        cursor.execute(FTS_REBUILD)
    return True
