"""Which region a request belongs to: by host name, else the configured default region."""

import functools

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, InterfaceError, connections

from digitalagentur.core import rawmodels

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
def _statement(alias: str) -> str:
    """The lookup's SQL, built once per database (not per request)."""
    quote = connections[alias].ops.quote_name
    meta = Region._meta
    hostname, slug = (quote(meta.get_field(name).column) for name in ("hostname", "slug"))
    region = rawmodels.columns(Region, alias)
    # Names from the model, values as parameters.
    return f"SELECT {region.select} FROM {region.table} WHERE {hostname} = %s OR {slug} = %s"  # noqa: S608  # nosec B608


def _regions_named(hostname: str, slug: str) -> list[Region]:
    """The lookup, which also serves as the request's connection health check.

    With CONN_HEALTH_CHECKS Django would send `SELECT 1` before the first query of every
    request on a reused connection: a second round trip for a cached page that needs only
    this one. Instead this query is the check: should it fail on a reused connection that
    is then found unusable (database restarted, connection dropped), the connection is
    closed and the query run once more on a new one, as Django's check would have done
    before it; any other error is raised as it is.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    unchecked = (
        connection.connection is not None
        and connection.health_check_enabled
        and not connection.health_check_done
        and not connection.in_atomic_block
    )
    if unchecked:
        connection.health_check_done = True
        try:
            rows = _read(connection, hostname, slug)
        except (DatabaseError, InterfaceError):
            if connection.is_usable():
                raise  # the connection is fine: a real error, not a stale connection
            connection.close()
            rows = _read(connection, hostname, slug)
    else:
        rows = _read(connection, hostname, slug)
    return [rawmodels.instance(Region, DEFAULT_DB_ALIAS, row) for row in rows]


def _read(connection, hostname: str, slug: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(_statement(DEFAULT_DB_ALIAS), [hostname or None, slug])
        return cursor.fetchall()[:2]


def command_region(slug: str | None) -> Region:
    """The region a management command works on: the one named by --region, else the only
    region, else the configured default region; a German CommandError otherwise."""
    from django.core.management import CommandError

    if slug:
        found = Region.objects.filter(slug=slug).first()
        if found is None:
            raise CommandError(f"Die Region „{slug}“ gibt es nicht.")
        return found
    regions = list(Region.objects.order_by("slug")[:2])
    if len(regions) == 1:
        return regions[0]
    default = Region.objects.filter(slug=settings.DEFAULT_REGION_SLUG).first()
    if default is None:
        raise CommandError(
            "Es gibt keine Region." if not regions else "Bitte die Region mit --region angeben."
        )
    return default
