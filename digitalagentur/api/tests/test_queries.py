"""Lists and details need a constant number of queries, however many rows they show.

Each test measures the queries of a request on a small data set and asserts that the same
request on ten times the data performs exactly as many (and stays small in absolute terms).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digitalagentur.core import testing as t
from digitalagentur.portfolio.models import Participation, Project

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

# The region middleware needs up to three lookups with the fixtures' host names.
REGION_QUERIES = 3


def add_projects(region, fields, towns, start, n):
    for i in range(start, start + n):
        t.make_project(
            region,
            f"Projekt {i}",
            code=f"Q{i}",
            towns=towns,
            field=fields["verwaltung" if i % 2 else "mobilitaet"],
            is_strategy_project=True,
            published=i % 3 != 0,
        )


def queries_of(request):
    with CaptureQueriesContext(connection) as captured:
        response = request()
    assert response.status_code == 200, response.content
    return len(captured)


def assert_constant(request, grow, django_assert_num_queries, budget):
    small = queries_of(request)
    assert small <= REGION_QUERIES + budget
    grow()
    with django_assert_num_queries(small):
        response = request()
    return response


@pytest.fixture
def data(region, fields, town, other_town):
    add_projects(region, fields, [town, other_town], 0, 3)
    return lambda: add_projects(region, fields, [town, other_town], 3, 27)


def test_project_list_anonymous(api, data, django_assert_num_queries):
    # count, projects with field joined, participations with towns
    response = assert_constant(
        lambda: api.get(reverse("api-project-list"), {"page_size": 200}),
        data,
        django_assert_num_queries,
        budget=3,
    )
    assert len(response.json()["results"]) == 20


def test_project_list_with_token(client_for, data, django_assert_num_queries):
    client = client_for("reader")
    # + token with user, + the user's roles in the region
    response = assert_constant(
        lambda: client.get(reverse("api-project-list"), {"page_size": 200}),
        data,
        django_assert_num_queries,
        budget=5,
    )
    assert response.json()["count"] == 30


def test_project_list_filtered(api, data, django_assert_num_queries):
    # + the field and the town looked up by slug for validation
    assert_constant(
        lambda: api.get(
            reverse("api-project-list"), {"field": "verwaltung", "municipality": "senden"}
        ),
        data,
        django_assert_num_queries,
        budget=5,
    )


def test_field_list(api, fields, django_assert_num_queries):
    def grow():
        for i in range(30):
            t.make_goal(fields["verwaltung"], f"Ziel {i}")
            t.make_field(fields["verwaltung"].strategy, f"Feld {i}", slug=f"feld-{i}")

    t.make_goal(fields["verwaltung"], "Erstes Ziel")
    # count, fields with priority group, goals
    assert_constant(
        lambda: api.get(reverse("api-field-list")), grow, django_assert_num_queries, budget=3
    )


def test_project_detail(api, data, region, django_assert_num_queries):
    project = Project.objects.filter(region=region, published=True).first()

    def grow():
        for i in range(10):
            town = t.make_municipality(region, f"Ort {i}", slug=f"ort-{i}")
            Participation.objects.create(project=project, municipality=town)

    # project with field joined, participations with towns
    response = assert_constant(
        lambda: api.get(reverse("api-project-detail", args=[project.pk])),
        grow,
        django_assert_num_queries,
        budget=2,
    )
    assert len(response.json()["municipalities"]) == 12
