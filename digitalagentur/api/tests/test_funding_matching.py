"""Matching in the API (api/funding_matching.py): the shapes of both lists, what the public
and the region's staff see, 404 for what is not the reader's, constant queries, and the
schema's word (schemathesis, on these two operations)."""

from __future__ import annotations

import datetime

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from digitalagentur.core import testing as t
from digitalagentur.funding import services
from digitalagentur.funding.models import Call, Funder, Programme, end_of_day

from .conftest import OTHER_HOST

pytestmark = pytest.mark.django_db


def programme_url(slug):
    return reverse("api-funding-programme-matches", args=[slug])


def project_url(pk):
    return reverse("api-project-funding-matches", args=[pk])


def make_programme(region, name, *, fields=(), published=True, **values) -> Programme:
    funder = Funder.objects.filter(region=region).first() or services.create(
        Funder(region=region, name="Bundesministerium", short_name="BM")
    )
    return services.create(
        Programme(region=region, funder=funder, name=name, published=published, **values),
        m2m={"fields": [f.pk for f in fields]},
    )


@pytest.fixture
def data(region, fields, projects):
    region.land = "Nordrhein-Westfalen"  # programmes limited to another Land do not fit
    region.save(update_fields=["land"])
    future = end_of_day(timezone.localdate() + datetime.timedelta(days=30))
    rathaus = make_programme(
        region,
        "Digitales Rathaus",
        fields=[fields["verwaltung"]],
        keywords="Rathaus, Verwaltungsleistungen",
        applicant_types=["cooperation", "town"],
        funding_region="Nordrhein-Westfalen",
    )
    services.create(
        Call(region=region, programme=rathaus, title="Aufruf", deadline=future, published=True)
    )
    draft = make_programme(
        region, "Interner Entwurf", fields=[fields["verwaltung"]], published=False
    )
    bavarian = make_programme(
        region, "Nur Bayern", fields=[fields["verwaltung"]], funding_region="Bayern"
    )
    return {"rathaus": rathaus, "draft": draft, "bavarian": bavarian, "future": future}


def results(response) -> list:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_projects_for_a_programme(api, data, projects):
    body = api.get(programme_url(data["rathaus"].slug)).json()
    assert body["count"] == 1 and body["next"] is None
    deadline = timezone.localdate(data["future"]) - datetime.timedelta(days=1)
    assert body["results"] == [
        {
            "id": projects["p1"].pk,
            "title": "Online ins Rathaus",
            "label": "P1: Online ins Rathaus",
            "published": True,
            "score": 40 + 20 + 10 + 10 + 20,
            "reasons": [
                {"signal": "field", "text": "Handlungsfeld „Verwaltung“ passt", "points": 40},
                {
                    "signal": "keywords",
                    "text": "Schlagwörter: Rathaus, Verwaltungsleistungen",
                    "points": 20,
                },
                {
                    "signal": "applicant",
                    "text": "Interkommunale Kooperationen sind antragsberechtigt",
                    "points": 10,
                },
                {"signal": "region", "text": "Fördergebiet: Nordrhein-Westfalen", "points": 10},
                {
                    "signal": "call",
                    "text": f"Aufruf offen bis {deadline:%d.%m.%Y}, 24:00 Uhr",
                    "points": 20,
                },
            ],
        }
    ]


def test_programmes_for_a_project(api, data, projects):
    rows = results(api.get(project_url(projects["p1"].pk)))
    # Not the unpublished programme, not the one for Bayern only.
    assert [(r["slug"], r["name"], r["published"], r["score"]) for r in rows] == [
        (data["rathaus"].slug, "Digitales Rathaus", True, 100)
    ]
    assert [r["signal"] for r in rows[0]["reasons"]] == [
        "field",
        "keywords",
        "applicant",
        "region",
        "call",
    ]
    assert results(api.get(project_url(projects["p2"].pk))) == []  # another field


def test_staff_see_drafts_the_public_does_not(api, client_for, data, projects):
    for role in ("coordinator", "officer", "reader"):
        staff = client_for(role)
        rows = results(staff.get(project_url(projects["draft"].pk)))
        assert [r["name"] for r in rows] == ["Digitales Rathaus", "Interner Entwurf"]
        rows = results(staff.get(programme_url(data["rathaus"].slug)))
        assert [r["title"] for r in rows] == ["Online ins Rathaus", "Geheimer Entwurf"]
        assert rows[1]["published"] is False
        assert staff.get(programme_url(data["draft"].slug)).status_code == 200
    assert api.get(project_url(projects["draft"].pk)).status_code == 404
    assert api.get(programme_url(data["draft"].slug)).status_code == 404
    rows = results(api.get(programme_url(data["rathaus"].slug)))
    assert "Geheimer Entwurf" not in {r["title"] for r in rows}


def test_a_user_without_a_role_in_the_region_is_the_public(client_for, data, projects):
    outsider = client_for(t.make_user("outsider"))
    assert outsider.get(project_url(projects["draft"].pk)).status_code == 404
    rows = results(outsider.get(project_url(projects["p1"].pk)))
    assert [r["name"] for r in rows] == ["Digitales Rathaus"]


def test_another_regions_objects_are_404(api, client_for, data, region_b):
    other = make_programme(region_b["region"], "Programm B", fields=[region_b["field"]])
    coordinator = client_for("coordinator")
    for client in (api, coordinator):
        assert client.get(programme_url(other.slug)).status_code == 404
        assert client.get(project_url(region_b["published"].pk)).status_code == 404
    # On its own host both are found, without region A's programmes.
    rows = results(api.get(project_url(region_b["published"].pk), HTTP_HOST=OTHER_HOST))
    assert [r["name"] for r in rows] == ["Programm B"]
    rows = results(api.get(programme_url(other.slug), HTTP_HOST=OTHER_HOST))
    assert [r["title"] for r in rows] == ["Projekt B"]


@pytest.mark.parametrize("key", ["0", "-1", "abc", "1.5", "99999999999999999999", "%20"])
def test_odd_project_ids_are_404(api, data, key):
    response = api.get(f"/api/v1/projects/{key}/funding-matches/")
    assert response.status_code == 404
    assert "detail" in response.json()


def test_unknown_programme_and_bad_pages(api, data, projects):
    assert api.get(programme_url("gibt-es-nicht")).status_code == 404
    assert api.get(project_url(projects["p1"].pk), {"page": "x"}).status_code == 400
    assert api.get(project_url(projects["p1"].pk), {"page": 9}).status_code == 400
    response = api.get(programme_url(data["rathaus"].slug), {"page_size": 1})
    assert response.status_code == 200 and len(response.json()["results"]) == 1


def test_only_reads(client_for, data, projects):
    coordinator = client_for("coordinator")
    for url in (programme_url(data["rathaus"].slug), project_url(projects["p1"].pk)):
        assert coordinator.post(url, {}, format="json").status_code == 405


def test_queries_do_not_grow_with_the_data(
    client_for, region, fields, data, projects, town, django_assert_max_num_queries
):
    coordinator = client_for("coordinator")

    def count(url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert coordinator.get(url).status_code == 200
        return len(captured)

    urls = [project_url(projects["p1"].pk), programme_url(data["rathaus"].slug)]
    before = [count(u) for u in urls]
    for n in range(10):
        programme = make_programme(region, f"Programm {n}", fields=[fields["verwaltung"]])
        services.create(
            Call(region=region, programme=programme, title=f"A{n}", deadline=data["future"])
        )
        t.make_project(region, f"Projekt {n}", towns=[town], field=fields["verwaltung"])
    assert [count(u) for u in urls] == before
    with django_assert_max_num_queries(before[0]):
        rows = results(coordinator.get(urls[0]))
    assert len(rows) == 12


# -- the schema -------------------------------------------------------------------------------


@pytest.fixture
def wsgi_app():
    """Django's WSGI handler keeping the test's database connection between requests."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    response_schema_conformance,
    negative_data_rejection,
]
HYPOTHESIS = settings(
    max_examples=10,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


def exercise(operation, mode, headers, ids) -> None:
    strategy = operation.as_strategy(generation_mode=mode)
    if mode == GenerationMode.POSITIVE:  # half of the cases address what exists

        def fill(case):
            case.path_parameters = {**(case.path_parameters or {}), **ids}
            return case

        strategy = st.one_of(strategy, strategy.map(fill))

    @HYPOTHESIS
    @given(case=strategy)
    def run(case):
        case.call_and_validate(checks=CHECKS, headers=headers)

    run()


def test_the_schema_says_what_the_operations_do(settings_, data, projects, users, wsgi_app):
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_app)
    schema = schema.include(path_regex="matches/$")
    token, _ = Token.objects.get_or_create(user=users["coordinator"])
    known = {
        "/api/v1/funding/programmes/{slug}/matches/": {"slug": data["rathaus"].slug},
        "/api/v1/projects/{id}/funding-matches/": {"id": projects["p1"].pk},
    }
    operations = [result.ok() for result in schema.get_all_operations()]
    assert sorted(o.path for o in operations) == sorted(known)
    for operation in operations:
        for headers in (None, {"Authorization": f"Token {token.key}"}):
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                exercise(operation, mode, headers, known[operation.path])


@pytest.fixture
def settings_(settings, region):
    """The test region is the default region (served without a host name)."""
    settings.DEFAULT_REGION_SLUG = region.slug
    return settings
