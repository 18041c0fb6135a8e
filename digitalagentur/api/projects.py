"""Projects as the API shows them, read from plain rows.

ProjectSerializer describes the shape (and the OpenAPI schema) and validates writes; reading
builds the same dictionaries from only the columns the answer needs: no model instances, no
field-by-field serializer machinery, status labels translated and addresses reversed once
per request instead of once per project. api/tests/test_project_rows.py asserts that both
give identical answers.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.urls import reverse
from rest_framework import serializers

from digitalagentur.portfolio.choices import ParticipationRole, ProjectStatus
from digitalagentur.portfolio.models import Participation

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
)

_datetime = serializers.DateTimeField()


def rows(queryset: QuerySet) -> QuerySet:
    """The projects of `queryset` (filtered, ordered) as dictionaries of COLUMNS."""
    return queryset.select_related(None).prefetch_related(None).values(*COLUMNS)


def town_slugs(project_ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    """(town slug, role) per project, leading towns first, then by town name: one query."""
    lead_first = Case(
        When(role=ParticipationRole.LEAD, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    result: dict[int, list[tuple[str, str]]] = defaultdict(list)
    participations = (
        Participation.objects.filter(project_id__in=project_ids)
        .order_by(lead_first, "municipality__name", "municipality_id")
        .values_list("project_id", "municipality__slug", "role")
    )
    for project_id, slug, role in participations:
        result[project_id].append((slug, role))
    return result


class ProjectRepresentation:
    """Turns rows into API dictionaries for one request."""

    def __init__(self, request, *, internal: bool):
        self.internal = internal
        self.labels = {value: str(label) for value, label in ProjectStatus.choices}
        # The detail address is the list address plus the id (DefaultRouter), the public page's
        # the page prefix plus the slug; each reversed once.
        self.api_prefix = request.build_absolute_uri(reverse("api-project-list"))
        page = request.build_absolute_uri(reverse("public:project_detail", args=["0"]))
        self.page_prefix = page[: -len("0/")]

    def __call__(self, project_rows) -> list[dict]:
        project_rows = list(project_rows)
        towns = town_slugs([row["id"] for row in project_rows])
        return [self.one(row, towns.get(row["id"], [])) for row in project_rows]

    def one(self, row: dict, towns: list[tuple[str, str]]) -> dict:
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
            "created": _datetime.to_representation(row["created"]),
            "updated": _datetime.to_representation(row["updated"]),
            "url": f"{self.api_prefix}{row['id']}/",
            "page_url": f"{self.page_prefix}{row['slug']}/",
        }
        if not self.internal:
            del data["internal_notes"]
        return data
