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
