"""The fast read path of projects (api/projects.py) answers exactly what ProjectSerializer says."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIRequestFactory

from digitalagentur.api.projects import ProjectRepresentation, rows
from digitalagentur.api.serializers import ProjectSerializer
from digitalagentur.core import testing as t
from digitalagentur.core.services import update_object
from digitalagentur.portfolio.filtersets import visible_projects
from digitalagentur.portfolio.models import Participation, Project
from digitalagentur.tenancy.permissions import get_access

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


@pytest.fixture
def varied(projects, region, town, other_town, fields):
    """Dates, a lead town, a draft field and an unpublished strategy field on top."""
    p1 = projects["p1"]
    update_object(
        p1,
        {"start_date": datetime.date(2022, 1, 31), "website": "https://example.org/p1"},
        expected_version=p1.version,
    )
    Participation.objects.filter(project=p1, municipality=other_town).update(role="lead")
    t.make_project(region, "Im Entwurfsfeld", towns=[town], field=fields["entwurf"])
    return projects


def serializer_answer(request, access, queryset):
    request.access = access
    context = {"request": request, "access": access}
    return [ProjectSerializer(p, context=context).data for p in queryset]


@pytest.mark.parametrize("zone", ["Europe/Berlin", "UTC", "America/St_Johns"])
@pytest.mark.parametrize("role", [None, "reader"])
def test_rows_and_serializer_agree(varied, region, users, role, zone):
    request = APIRequestFactory().get("/api/v1/projects/")
    request.region = region
    user = users[role] if role else None
    access = get_access(user, region)
    request.user = user
    request._access = request.access = access
    queryset = visible_projects(request).order_by("pk")
    with timezone.override(zone):  # timestamps are written in the active time zone
        expected = [dict(d) for d in serializer_answer(request, access, queryset)]
        represent = ProjectRepresentation(request, internal=access.can_read_internal)
        answer = represent(rows(queryset))
    if zone == "UTC":
        assert answer[0]["created"].endswith("Z")
    assert answer == expected
    assert len(answer) == (5 if role else 4)
    assert any(d["lead_municipalities"] for d in answer)
    assert any(d["field"] is None and d["title"] == "Im Entwurfsfeld" for d in answer) != bool(role)


def test_list_and_detail_answers_match_the_serializer(api, varied, region):
    listed = api.get(reverse("api-project-list"), {"page_size": 200}).json()["results"]
    by_id = {d["id"]: d for d in listed}
    for project in Project.objects.filter(region=region, published=True):
        detail = api.get(reverse("api-project-detail", args=[project.pk])).json()
        parts = detail.pop("parts")
        assert [p["municipality"] for p in parts] == detail["municipalities"]
        assert detail == by_id[project.pk]
        assert detail["url"].endswith(reverse("api-project-detail", args=[project.pk]))
        assert detail["page_url"].endswith(reverse("public:project_detail", args=[project.slug]))
    assert "internal_notes" not in listed[0]


@pytest.mark.parametrize("internal", [False, True])
def test_precompiled_reads_give_what_the_orm_gives(varied, region, other_region, internal):
    from types import SimpleNamespace

    from digitalagentur.api.projects import first_rows, row_by_id
    from digitalagentur.portfolio.filtersets import order_projects

    foreign = t.make_project(other_region, "Anderswo")
    request = SimpleNamespace(region=region, access=SimpleNamespace(can_read_internal=internal))
    expected = list(rows(order_projects(visible_projects(request, related=False), "code")))
    assert len(expected) == (5 if internal else 4)
    for limit in (1, 3, 50):
        assert first_rows(region, internal=internal, limit=limit) == expected[:limit]
    for row in expected:
        assert row_by_id(region, row["id"], internal=internal) == row
    draft = Project.objects.filter(region=region, published=False).first()
    assert (row_by_id(region, draft.pk, internal=internal) is not None) == internal
    assert row_by_id(region, foreign.pk, internal=internal) is None  # another region's
    assert row_by_id(region, 10**9, internal=internal) is None
    assert [r["title"] for r in first_rows(other_region, internal=True, limit=50)] == ["Anderswo"]
