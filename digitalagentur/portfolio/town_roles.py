"""A project's participating towns, read with the project's own row.

Lists show every project's towns. Instead of a second query for the participations, each
project row carries them as text ("lead:12,partner:7", aggregated by the database), and the
towns themselves come from the region's list of towns, which the caller caches (it changes
with the region's content version only).
"""

from __future__ import annotations

import datetime
import json
from operator import itemgetter
from typing import NamedTuple

from django.db.models import (
    Aggregate,
    CharField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Concat, JSONObject

from digitalagentur.tenancy.models import Municipality
from digitalagentur.tenancy.pagecache import region_memo

from .choices import ParticipationRole, ProjectStatus
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


class JSONGroupArray(Aggregate):
    """Values gathered into the text of one JSON array: json_group_array on SQLite, json_agg
    on PostgreSQL (the order of the elements is not defined)."""

    function = "JSON_GROUP_ARRAY"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            function="JSON_AGG",
            template="%(function)s(%(expressions)s)::text",
            **extra_context,
        )


PART_FIELDS = ("municipality_id", "role", "status", "progress", "note", "updated")


def with_parts(queryset: QuerySet) -> QuerySet:
    """Annotate each project with `parts_json`: its towns' parts as a JSON array of objects
    with PART_FIELDS, read with the project's own row (parts() turns them into objects)."""
    entries = (
        Participation.objects.filter(project=OuterRef("pk"))
        .order_by()
        .values("project")
        .annotate(parts=JSONGroupArray(JSONObject(**{name: name for name in PART_FIELDS})))
        .values("parts")
    )
    return queryset.annotate(parts_json=Subquery(entries[:1], output_field=CharField()))


class Part(NamedTuple):
    """A town's part of a project, as the public project page shows it."""

    municipality: object
    role: str
    status: str
    progress: int
    note: str
    updated: datetime.datetime

    def get_status_display(self) -> str:
        return str(ProjectStatus(self.status).label)


def parts(text: str | None, towns: Towns) -> list[Part]:
    """The parts of `text` (from with_parts), leading towns first, then in the order of
    `towns`; towns missing from `towns` are left out (as in parse())."""
    found = []
    for entry in json.loads(text) if text else ():
        rank = towns.ranked.get(str(entry["municipality_id"]))
        if rank is None:
            continue
        updated = entry["updated"]
        if isinstance(updated, str):  # SQLite writes the stored text, naive UTC
            updated = datetime.datetime.fromisoformat(updated)
            if updated.tzinfo is None:
                updated = updated.replace(tzinfo=datetime.UTC)
        part = Part(
            rank[1], entry["role"], entry["status"], entry["progress"], entry["note"], updated
        )
        found.append((entry["role"] != LEAD, rank[0], part))
    found.sort(key=itemgetter(0, 1))
    return [part for _not_lead, _rank, part in found]
