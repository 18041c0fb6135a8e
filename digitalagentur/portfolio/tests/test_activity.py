"""A project's last activity follows every change of it and its parts, milestones and
updates; the list pages put the most recent activity first."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from digitalagentur.core import testing as t
from digitalagentur.core.services import create_object, delete_object, update_object
from digitalagentur.portfolio.models import Milestone, Participation, Project, ProjectUpdate
from digitalagentur.portfolio.services import update_part

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

LONG_AGO = timezone.now() - datetime.timedelta(days=400)


@pytest.fixture
def three(region, strategy, town, other_town):
    projects = [
        t.make_project(region, title, code=code, towns=[town, other_town])
        for code, title in (("P1", "Eins"), ("P2", "Zwei"), ("P3", "Drei"))
    ]
    Project.objects.update(last_activity=LONG_AGO)
    return projects


def activity(project):
    return Project.objects.get(pk=project.pk).last_activity


@pytest.mark.parametrize("how", ["project", "part", "milestone", "update", "deleted update"])
def test_every_kind_of_change_is_activity(three, town, how):
    project = three[1]
    fresh = Project.objects.get(pk=project.pk)
    if how == "project":
        update_object(fresh, {"summary": "Neu"}, expected_version=fresh.version)
    elif how == "part":
        part = Participation.objects.get(project=project, municipality=town)
        update_part(part, {"progress": 10}, expected_version=part.version)
    elif how == "milestone":
        create_object(Milestone(region=project.region, project=project, title="Start"))
    else:
        update = create_object(
            ProjectUpdate(
                region=project.region,
                project=project,
                date=datetime.date(2023, 1, 2),
                title="Stand",
                text="Text",
            )
        )
        if how == "deleted update":
            Project.objects.update(last_activity=LONG_AGO)
            delete_object(update, expected_version=update.version)
    assert activity(project) > LONG_AGO
    assert activity(three[0]) == activity(three[2]) == LONG_AGO


def test_lists_put_recent_activity_first(client, users, three, town):
    part = Participation.objects.get(project=three[2], municipality=town)
    update_part(part, {"progress": 30}, expected_version=part.version)
    html = client.get(reverse("public:project_list")).content.decode()
    assert html.index("Drei") < html.index("Eins") < html.index("Zwei")  # then by code
    assert "zuletzt aktualisiert" in html
    client.force_login(users["reader"])
    staff = client.get(reverse("staff:project_list")).content.decode()
    assert staff.index("P3: Drei") < staff.index("P1: Eins")
    by_code = client.get(reverse("staff:project_list"), {"ordering": "code"}).content.decode()
    assert by_code.index("P1: Eins") < by_code.index("P3: Drei")


def test_api_keeps_its_code_order_and_sorts_by_activity_on_request(api_client, three, town):
    part = Participation.objects.get(project=three[2], municipality=town)
    update_part(part, {"progress": 30}, expected_version=part.version)
    codes = [p["code"] for p in api_client.get("/api/v1/projects/").json()["results"]]
    assert codes == ["P1", "P2", "P3"]
    answer = api_client.get("/api/v1/projects/", {"ordering": "-activity"}).json()["results"]
    assert [p["code"] for p in answer] == ["P3", "P1", "P2"]
    assert answer[0]["last_activity"] > answer[1]["last_activity"]


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()
