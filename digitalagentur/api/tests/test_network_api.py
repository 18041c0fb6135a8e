"""Staff resources through the API (issue 14, section 3): the posts with the contract fields
and the staffing figures, internal only (401 without credentials, 403 without a role in the
region, never another region's posts) and with a constant number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digitalagentur.core import testing as t
from digitalagentur.directory.models import Person
from digitalagentur.testing.network import make_post, make_vacancy

from .conftest import OTHER_HOST

pytestmark = pytest.mark.django_db

POSTS = reverse("api-post-list")
STAFFING = reverse("api-post-staffing")


@pytest.fixture
def posts(region, town, other_town):
    holder = Person.objects.create(region=region, name="Niklas Esser")
    own = make_post(region, town, "CDO Senden", planned="0.5", holder=holder)
    district = make_post(region, None, "Smart Region Koordination", planned="1.0")
    make_vacancy(district, datetime.date(2023, 6, 1))
    return {"own": own, "district": district}


@pytest.mark.parametrize("role", ["coordinator", "officer", "reader"])
def test_staff_read_the_posts(client_for, posts, role):
    response = client_for(role).get(POSTS)
    assert response.status_code == 200
    rows = {row["title"]: row for row in response.json()["results"]}
    assert rows["CDO Senden"] == {
        "id": posts["own"].pk,
        "municipality": "senden",
        "title": "CDO Senden",
        "planned_fte": "0.50",
        "filled_fte": "0.50",
        "vacant": False,
        "holder": "Niklas Esser",
    }
    district = rows["Smart Region Koordination"]
    assert district["municipality"] is None and district["vacant"] is True
    assert district["holder"] is None


def test_the_staffing_figures(client_for, posts, other_town):
    response = client_for("reader").get(STAFFING)
    assert response.status_code == 200
    data = response.json()
    assert data["town_recommendation"] == "0.50" and data["district_recommendation"] == "1.00"
    assert data["lines"] == [
        {
            "municipality": "havixbeck",
            "name": "Havixbeck",
            "posts": 0,
            "vacant_posts": 0,
            "planned_fte": "0.00",
            "filled_fte": "0.00",
            "recommendation": "0.50",
            "gap": "0.50",
            "met": False,
        },
        {
            "municipality": "senden",
            "name": "Senden",
            "posts": 1,
            "vacant_posts": 0,
            "planned_fte": "0.50",
            "filled_fte": "0.50",
            "recommendation": "0.50",
            "gap": "0.00",
            "met": True,
        },
        {
            "municipality": None,
            "name": "Kreisebene",
            "posts": 1,
            "vacant_posts": 1,
            "planned_fte": "1.00",
            "filled_fte": "0.00",
            "recommendation": "1.00",
            "gap": "1.00",
            "met": False,
        },
    ]
    assert data["totals"] == {
        "posts": 2,
        "vacant_posts": 1,
        "planned_fte": "1.50",
        "filled_fte": "0.50",
        "recommendation": "2.00",
        "gap": "1.50",
        "met_count": 1,
    }


def test_the_posts_are_internal(api, client_for, region, posts):
    assert api.get(POSTS).status_code == 401
    assert api.get(STAFFING).status_code == 401
    outsider = t.make_user("outsider")
    assert client_for(outsider).get(POSTS).status_code == 403
    assert client_for(outsider).get(STAFFING).status_code == 403


def test_other_regions_posts_are_never_shown(client_for, other_region, posts):
    foreign_town = t.make_municipality(other_region, "Fremdstadt", slug="fremdstadt")
    make_post(other_region, foreign_town, "Fremde Stelle")
    titles = [row["title"] for row in client_for("coordinator").get(POSTS).json()["results"]]
    assert "Fremde Stelle" not in titles and len(titles) == 2
    # A coordinator of region A has no role in region B.
    assert client_for("coordinator").get(POSTS, HTTP_HOST=OTHER_HOST).status_code == 403
    names = [line["name"] for line in client_for("coordinator").get(STAFFING).json()["lines"]]
    assert "Fremdstadt" not in names


def test_queries_do_not_grow_with_the_posts(client_for, region, town, other_town):
    client = client_for("reader")
    make_post(region, town, "Erste", holder=Person.objects.create(region=region, name="A"))
    client.get(POSTS)
    with CaptureQueriesContext(connection) as few:
        client.get(POSTS)
    for n in range(5):
        post = make_post(
            region,
            other_town,
            f"Stelle {n}",
            holder=Person.objects.create(region=region, name=f"P{n}"),
        )
        make_vacancy(post)
    client.get(POSTS)
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(POSTS).json()["results"]) == 6
    assert len(many) == len(few)
