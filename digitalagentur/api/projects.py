"""Projects as the API shows them, read from plain rows.

ProjectSerializer describes the shape (and the OpenAPI schema) and validates writes; reading
builds the same dictionaries from only the columns the answer needs: no model instances, no
field-by-field serializer machinery, status labels translated and addresses reversed once
per request instead of once per project. api/tests/test_project_rows.py asserts that both
give identical answers.
"""

from __future__ import annotations

from types import SimpleNamespace

from django.db import DEFAULT_DB_ALIAS
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from digitalagentur.core import rawmodels
from digitalagentur.portfolio.choices import ParticipationRole, ProjectStatus
from digitalagentur.portfolio.filtersets import order_projects, visible_projects
from digitalagentur.portfolio.models import Participation, leads_first
from digitalagentur.portfolio.town_roles import parse, region_towns, with_town_roles
from digitalagentur.tenancy.models import Region

COLUMNS = (
    "id",
    "code",
    "slug",
    "title",
    "field__slug",
    "field__published",
    "field__strategy__published",
    "status",
    "progress",
    "progress_is_override",
    "is_lighthouse",
    "is_strategy_project",
    "published",
    "version",
    "summary",
    "description",
    "central_benefit",
    "challenges",
    "lead",
    "start_date",
    "end_date",
    "website",
    "internal_notes",
    "created",
    "updated",
    "last_activity",
)


def rows(queryset: QuerySet) -> QuerySet:
    """The projects of `queryset` (filtered, ordered) as dictionaries of COLUMNS, each with
    its towns' roles (portfolio/town_roles.py): one query for any number of projects."""
    plain = queryset.select_related(None).prefetch_related(None)
    return with_town_roles(plain).values(*COLUMNS, "town_roles")


# The two reads every API client makes most (the unfiltered list's first page and one
# project) are compiled once per connection and run with the region and id filled in: the
# ORM took longer to build and compile them than the database takes to answer.
REGION, PROJECT = rawmodels.PLACEHOLDERS[0], rawmodels.PLACEHOLDERS[1]


def _visible(internal: bool) -> QuerySet:
    """visible_projects() of a request in the placeholder region, with or without access
    to unpublished projects."""
    access = SimpleNamespace(can_read_internal=internal)
    request = SimpleNamespace(region=Region(pk=REGION), access=access)
    return visible_projects(request, related=False)


def first_rows(region, *, internal: bool, limit: int) -> list[dict]:
    """rows() of the region's visible projects in the default order, the first `limit`."""

    def build():
        return rows(order_projects(_visible(internal), "code"))[:limit]

    statement = rawmodels.compiled(DEFAULT_DB_ALIAS, ("projects", internal, limit), build)
    return statement.run({REGION: region.pk})


def row_by_id(region, project_id: int, *, internal: bool) -> dict | None:
    """rows() of one visible project of the region, or None."""

    def build():
        return rows(_visible(internal).filter(pk=PROJECT))

    statement = rawmodels.compiled(DEFAULT_DB_ALIAS, ("project", internal), build)
    found = statement.run({REGION: region.pk, PROJECT: project_id})
    return found[0] if found else None


PART_COLUMNS = (
    "municipality__slug",
    "municipality__name",
    "role",
    "status",
    "progress",
    "note",
    "updated",
    "version",
)


def part_rows(project_id: int) -> QuerySet:
    """The towns' parts of a project as dictionaries, leading towns first, then by name."""
    return leads_first(Participation.objects.filter(project_id=project_id)).values(*PART_COLUMNS)


class ProjectRepresentation:
    """Turns rows into API dictionaries for one request."""

    def __init__(self, request, *, internal: bool):
        self.internal = internal
        self.towns = region_towns(request.region)
        self.labels = {value: str(label) for value, label in ProjectStatus.choices}
        self.timezone = timezone.get_current_timezone()
        # The detail address is the list address plus the id (DefaultRouter), the public page's
        # the page prefix plus the slug; each reversed once.
        self.api_prefix = request.build_absolute_uri(reverse("api-project-list"))
        page = request.build_absolute_uri(reverse("public:project_detail", args=["0"]))
        self.page_prefix = page[: -len("0/")]

    def __call__(self, project_rows) -> list[dict]:
        return [self.one(row) for row in project_rows]

    def datetime(self, value) -> str | None:
        """As DRF's DateTimeField writes it (ISO 8601 in the current time zone, "Z" for
        UTC), without looking the time zone and format up again for every value."""
        if not value:
            return None
        text = value.astimezone(self.timezone).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    def one(self, row: dict) -> dict:
        towns = [(r.municipality.slug, r.role) for r in parse(row["town_roles"], self.towns)]
        field = row["field__slug"]
        if field is not None and not self.internal:
            if not (row["field__published"] and row["field__strategy__published"]):
                field = None
        start, end = row["start_date"], row["end_date"]
        data = {
            "id": row["id"],
            "code": row["code"],
            "slug": row["slug"],
            "title": row["title"],
            "field": field,
            "status": row["status"],
            "status_display": self.labels.get(row["status"], row["status"]),
            "progress": row["progress"],
            "progress_is_override": row["progress_is_override"],
            "municipalities": [slug for slug, _role in towns],
            "lead_municipalities": [slug for slug, role in towns if role == ParticipationRole.LEAD],
            "is_lighthouse": row["is_lighthouse"],
            "is_strategy_project": row["is_strategy_project"],
            "published": row["published"],
            "version": row["version"],
            "summary": row["summary"],
            "description": row["description"],
            "central_benefit": row["central_benefit"],
            "challenges": row["challenges"],
            "lead": row["lead"],
            "start_date": start.isoformat() if start is not None else None,
            "end_date": end.isoformat() if end is not None else None,
            "website": row["website"],
            "internal_notes": row["internal_notes"],
            "created": self.datetime(row["created"]),
            "updated": self.datetime(row["updated"]),
            "last_activity": self.datetime(row["last_activity"]),
            "url": f"{self.api_prefix}{row['id']}/",
            "page_url": f"{self.page_prefix}{row['slug']}/",
        }
        if not self.internal:
            del data["internal_notes"]
        return data

    def part(self, row: dict) -> dict:
        """A town's part (part_rows) as ProjectPartSerializer writes it."""
        return {
            "municipality": row["municipality__slug"],
            "municipality_name": row["municipality__name"],
            "role": row["role"],
            "status": row["status"],
            "status_display": self.labels.get(row["status"], row["status"]),
            "progress": row["progress"],
            "note": row["note"],
            "updated": self.datetime(row["updated"]),
            "version": row["version"],
        }
