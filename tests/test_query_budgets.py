"""Issue 6's query budget: the API project list and detail, the public project list and a
project's page each need at most 6 SQL queries, the same for ten times the data, for an
anonymous visitor and for a signed-in reader, with the page cache off (everything rendered)
and on (a reader's answers are never cached whole; the page body is, per content version).
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digitalagentur.core import testing as t
from digitalagentur.tenancy.choices import Role

BUDGET = 6

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(settings, region, town, other_town, strategy):
    settings.DEFAULT_REGION_SLUG = region.slug  # the test host names no region
    fields = [t.make_field(strategy, f"Feld {n}", slug=f"feld-{n}") for n in range(3)]

    def add(start, n):
        for i in range(start, start + n):
            t.make_project(
                region,
                f"Projekt {i}",
                code=f"P{i}",
                towns=[town, other_town][: 1 + i % 2],
                field=fields[i % 3],
                is_strategy_project=True,
                published=i % 4 != 0,
            )

    add(1, 3)
    first = t.make_project(region, "Das Projekt", towns=[town], field=fields[0])
    return {"grow": lambda: add(4, 30), "project": first}


def urls(project):
    return [
        reverse("api-project-list"),
        reverse("api-project-detail", args=[project.pk]),
        reverse("public:project_list"),
        reverse("public:project_detail", args=[project.slug]),
    ]


def queries(client, url) -> int:
    client.get(url)  # warm: values cached per content version are computed once
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    assert "X-Cache" not in response or response["X-Cache"] == "miss" or client.anonymous
    return len(captured)


@pytest.mark.parametrize("page_cache", [False, True], ids=["rendered", "page-cache"])
@pytest.mark.parametrize("who", ["anonymous", "reader"])
def test_budget_holds_and_does_not_grow(client, settings, data, region, who, page_cache):
    if not page_cache:
        settings.DIGITALAGENTUR_PAGE_CACHE_SECONDS = 0
    client.anonymous = who == "anonymous"
    if who == "reader":
        client.force_login(t.make_user_with_role(region, Role.READER, username="leser"))
    small = {url: queries(client, url) for url in urls(data["project"])}
    data["grow"]()
    large = {url: queries(client, url) for url in urls(data["project"])}
    assert large == small
    assert max(small.values()) <= BUDGET, small
    if page_cache and who == "anonymous":
        assert set(small.values()) == {1}  # the region; the answer came from the cache
