"""Query counts of the busiest staff pages do not grow with the data (no N+1)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digitalagentur.core import testing as t
from digitalagentur.core.services import update_object
from digitalagentur.portfolio.models import Project

PAGES = {
    "project_list": lambda w: reverse("staff:project_list"),
    "project_list_filtered": lambda w: (
        reverse("staff:project_list")
        + f"?municipality=senden&ordering=-progress&field={w.field.slug}&q=i"
    ),
    "dashboard": lambda w: reverse("staff:dashboard"),
    "change_list": lambda w: reverse("staff:change_list"),
    "strategy": lambda w: reverse("staff:strategy"),
    "municipality_list": lambda w: reverse("staff:municipality_list"),
    "indicator_list": lambda w: reverse("staff:indicator_list"),
    "funding_overview": lambda w: reverse("staff:funding_overview"),
    "indicator_list_filtered": lambda w: (
        reverse("staff:indicator_list") + f"?aktuell=0&field={w.field.pk}&q=i"
    ),
}


def add_projects(world, count):
    for n in range(count):
        project = t.make_project(
            world.region,
            f"Projekt {n}",
            towns=[world.town, world.other_town],
            field=world.field,
            published=n % 2 == 0,
        )
        update_object(project, {"summary": f"Kurz {n}"}, expected_version=1)


def count_queries(client, target) -> int:
    client.get(target)  # warm caches (content types, session)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(target).status_code == 200
    return len(captured)


@pytest.mark.parametrize("role", ["coordinator", "officer"])
@pytest.mark.parametrize("page", sorted(PAGES))
def test_query_count_is_constant_for_3_and_30_projects(
    client, world, login, django_assert_num_queries, page, role
):
    login(role)
    target = PAGES[page](world)
    assert Project.objects.filter(region=world.region).count() == 3
    small = count_queries(client, target)
    add_projects(world, 27)
    client.get(target)
    with django_assert_num_queries(small):
        client.get(target)


def test_project_list_needs_few_queries(client, world, login):
    login("coordinator")
    # Session, user, account state (sessions and 2FA, one query), region, roles, count, page,
    # participations, filter choices … but bounded.
    assert count_queries(client, reverse("staff:project_list")) <= 13
