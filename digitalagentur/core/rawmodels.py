"""Model instances from SQL written once, for the lookups every request makes.

Building a query with the ORM costs several times what a short indexed query costs in the
database (docs/performance.md). The few lookups that every request or every signed-in
request makes (its region, its session, its user) are therefore written once per database
as SQL with parameters, and their rows turned into model instances with the same
converters the ORM would apply.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.db import connections


@dataclass(frozen=True)
class Columns:
    """A model's concrete columns in one database: for the SELECT list and for reading."""

    table: str  # quoted
    select: str  # "table"."column", ... in field order
    names: tuple[str, ...]  # attribute names, in the same order
    converters: tuple  # (field, [converter, ...]) per column


@functools.cache
def columns(model, alias: str) -> Columns:
    connection = connections[alias]
    quote_name = connection.ops.quote_name
    table = quote_name(model._meta.db_table)
    fields = model._meta.concrete_fields
    select = ", ".join(f"{table}.{quote_name(f.column)}" for f in fields)
    converters = tuple(
        (f, [*connection.ops.get_db_converters(f.cached_col), *f.get_db_converters(connection)])
        for f in fields
    )
    return Columns(table, select, tuple(f.attname for f in fields), converters)


def instance(model, alias: str, row) -> object:
    """A model instance from a row whose first values are `columns(model, alias)`; values
    after those are ignored (the caller reads them)."""
    cols = columns(model, alias)
    connection = connections[alias]
    values = []
    for value, (field, field_converters) in zip(row, cols.converters, strict=False):
        for convert in field_converters:
            value = convert(value, field.cached_col, connection)
        values.append(value)
    return model.from_db(alias, cols.names, values)


class CompiledValues:
    """A `values()` query compiled once, run again with other values for its placeholders.

    Build the queryset with placeholder values (see PLACEHOLDERS) where the real ones go;
    `run({placeholder: value, ...})` executes the same SQL with the real values and gives the
    rows as `values()` would (dictionaries, with the ORM's converters). The SQL being the
    same text, PostgreSQL also keeps its plan (settings: prepared statements). The instance
    belongs to one database connection (see `compiled`).
    """

    def __init__(self, queryset, alias: str):
        query = queryset.query
        compiler = query.get_compiler(using=alias)
        self.sql, params = compiler.as_sql()
        self.params = tuple(params)
        # As Django's ValuesIterable names the columns (5.2: in the order of `selected`).
        selected = getattr(query, "selected", None)
        self.names = (
            tuple(selected)
            if selected
            else (*query.extra_select, *query.values_select, *query.annotation_select)
        )
        self.converters = compiler.get_converters(
            [s[0] for s in compiler.select[: compiler.col_count]]
        )
        self.connection = connections[alias]

    def run(self, values: dict) -> list[dict]:
        params = [values.get(p, p) if _is_placeholder(p) else p for p in self.params]
        with self.connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        names, converters, connection = self.names, self.converters, self.connection
        result = []
        for row in rows:
            row = list(row)
            for position, (functions, expression) in converters.items():
                value = row[position]
                for convert in functions:
                    value = convert(value, expression, connection)
                row[position] = value
            result.append(dict(zip(names, row, strict=True)))
        return result


# Placeholder values for CompiledValues: ids that no row has (ids are positive).
PLACEHOLDERS = range(-2_000_000_099, -2_000_000_000)


def _is_placeholder(value) -> bool:
    return type(value) is int and value in PLACEHOLDERS


def compiled(alias: str, key, build) -> CompiledValues:
    """The CompiledValues of `build()` for `key`, made once per database connection (its
    converters and statement belong to that connection's thread)."""
    connection = connections[alias]
    statements = connection.__dict__.setdefault("digitalagentur_compiled", {})
    found = statements.get(key)
    if found is None:
        found = statements[key] = CompiledValues(build(), alias)
    return found
