"""A project's participating towns, read with the project's own row.

Lists show every project's towns. Instead of a second query for the participations, each
project row carries them as text ("lead:12,partner:7", aggregated by the database), and the
towns themselves come from the region's list of towns, which the caller caches (it changes
with the region's content version only).
"""

from __future__ import annotations

from operator import itemgetter
from typing import NamedTuple

from django.db.models import Aggregate, CharField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Cast, Concat

from digitalagentur.tenancy.models import Municipality
from digitalagentur.tenancy.pagecache import region_memo

from .choices import ParticipationRole
from .models import Participation


class GroupConcat(Aggregate):
    """Texts joined by commas: GROUP_CONCAT on SQLite, STRING_AGG on PostgreSQL."""

    function = "GROUP_CONCAT"
    template = "%(function)s(%(expressions)s)"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s(%(expressions)s, ',')",
            **extra_context,
        )


def with_town_roles(queryset: QuerySet) -> QuerySet:
    """Annotate each project with `town_roles`: its participations as "role:town id" text."""
    entries = (
        Participation.objects.filter(project=OuterRef("pk"))
        .order_by()
        .values("project")
        .annotate(
            text=GroupConcat(Concat("role", Value(":"), Cast("municipality_id", CharField())))
        )
        .values("text")
    )
    return queryset.annotate(town_roles=Subquery(entries[:1], output_field=CharField()))


class Towns(dict):
    """Towns by id in the database's order of names; `ranked` gives each town by its id as
    text (as with_town_roles writes it) with its rank in that order."""

    def __init__(self, towns):
        super().__init__((m.pk, m) for m in towns)
        self.ranked = {str(pk): (n, town) for n, (pk, town) in enumerate(self.items())}


def region_towns(region) -> Towns:
    """The region's towns by id, in the database's order of names (its collation), kept in
    this process until the region's content changes (read for every list; never modified)."""

    def load() -> Towns:  # building the queryset costs more than the memo lookup
        return Towns(Municipality.objects.filter(region=region).order_by("name", "pk"))

    return region_memo(region, "towns", load)


class TownRole(NamedTuple):
    """A town taking part in a project (what templates need of a Participation)."""

    municipality: object
    role: str

    def get_role_display(self) -> str:
        return str(ParticipationRole(self.role).label)


LEAD = ParticipationRole.LEAD.value


def parse(text: str | None, towns: Towns) -> list[TownRole]:
    """The town roles of `text` (from with_town_roles), leading towns first, then in the
    order of `towns` (region_towns: by name, as the database sorts).

    Towns missing from `towns` (another region's, which cannot happen through the services)
    are left out.
    """
    if not text:
        return []
    ranked = towns.ranked
    found = []
    for entry in text.split(","):
        role, _sep, town_id = entry.partition(":")
        rank = ranked.get(town_id)
        if rank is not None:
            found.append((role != LEAD, rank[0], rank[1], role))
    found.sort(key=_LEADS_FIRST_THEN_RANK)
    return [TownRole(town, role) for _not_lead, _rank, town, role in found]


_LEADS_FIRST_THEN_RANK = itemgetter(0, 1)
