"""Which region a request belongs to: by host name, else the configured default region."""

import functools

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

from .hostnames import normalise_hostname
from .models import Region

__all__ = ["normalise_hostname", "resolve_region"]


def resolve_region(host: str) -> Region | None:
    """One indexed query in the normal case: the host's region or the default region.

    Region.save() stores host names normalised, so an exact comparison finds them. Every
    request runs this (a cached page too), so the query is written once, not built by the
    ORM each time (about a tenth of the cost: docs/performance.md).
    """
    hostname = normalise_hostname(host)
    candidates = _regions_named(hostname, settings.DEFAULT_REGION_SLUG)
    for region in candidates:
        if hostname and region.hostname == hostname:
            return region
    if candidates:
        return candidates[0]
    return Region.objects.order_by("pk").first()


@functools.cache
def _statement(alias: str) -> tuple[str, list]:
    """The lookup's SQL and each column's converters, built once per database (not per
    request)."""
    connection = connections[alias]
    fields = Region._meta.concrete_fields
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    table, hostname_column, slug_column = (
        quote(Region._meta.db_table),
        quote(Region._meta.get_field("hostname").column),
        quote(Region._meta.get_field("slug").column),
    )
    # Names from the model, values as parameters.
    sql = f"SELECT {columns} FROM {table} WHERE {hostname_column} = %s OR {slug_column} = %s"  # noqa: S608  # nosec B608
    converters = [
        (f, [*connection.ops.get_db_converters(f.cached_col), *f.get_db_converters(connection)])
        for f in fields
    ]
    return sql, converters


def _regions_named(hostname: str, slug: str) -> list[Region]:
    connection = connections[DEFAULT_DB_ALIAS]
    sql, converters = _statement(DEFAULT_DB_ALIAS)
    with connection.cursor() as cursor:
        cursor.execute(sql, [hostname or None, slug])
        rows = cursor.fetchall()[:2]
    names = [field.attname for field, _converters in converters]
    regions = []
    for row in rows:
        values = []
        for value, (field, field_converters) in zip(row, converters, strict=True):
            for convert in field_converters:
                value = convert(value, field.cached_col, connection)
            values.append(value)
        regions.append(Region.from_db(DEFAULT_DB_ALIAS, names, values))
    return regions
