"""Projects as the API shows them, read from plain rows.

ProjectSerializer describes the shape (and the OpenAPI schema) and validates writes; reading
builds the same dictionaries from only the columns the answer needs: no model instances, no
field-by-field serializer machinery, status labels translated and addresses reversed once
per request instead of once per project. api/tests/test_project_rows.py asserts that both
give identical answers.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from digitalagentur.portfolio.choices import ParticipationRole, ProjectStatus
from digitalagentur.portfolio.town_roles import parse, region_towns, with_town_roles

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


def rows(queryset: QuerySet) -> QuerySet:
    """The projects of `queryset` (filtered, ordered) as dictionaries of COLUMNS, each with
    its towns' roles (portfolio/town_roles.py): one query for any number of projects."""
    plain = queryset.select_related(None).prefetch_related(None)
    return with_town_roles(plain).values(*COLUMNS, "town_roles")


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
            "url": f"{self.api_prefix}{row['id']}/",
            "page_url": f"{self.page_prefix}{row['slug']}/",
        }
        if not self.internal:
            del data["internal_notes"]
        return data
