"""CSV export of the public project list."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digitalagentur.core import testing as t

from .conftest import SECRETS

pytestmark = pytest.mark.django_db


def body(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


def rows(response) -> list[list[str]]:
    text = body(response)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_export_has_the_published_projects_and_no_drafts(client, site):
    response = client.get(reverse("public:project_export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = body(response)
    table = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert table[0][:3] == ["Kennung", "Titel", "Handlungsfeld"]
    titles = [row[1] for row in table[1:]]
    assert "Online ins Rathaus" in titles and "Crossiety-Dorfplattform" in titles
    for secret in SECRETS:
        assert secret not in text
    p1 = next(row for row in table if row[0] == "P1")
    assert p1[2] == "Verwaltung" and p1[4] == "40"
    assert p1[9].endswith(reverse("public:project_detail", args=[site.p1.slug]))
    in_draft_field = next(row for row in table if row[1] == "Projekt im Entwurfsfeld")
    assert in_draft_field[2] == ""  # a draft field's name is not exported


def test_export_applies_the_filters(client, site):
    table = rows(client.get(reverse("public:project_export"), {"field": "mobilitaet"}))
    assert [row[1] for row in table[1:]] == ["Mobilitätsstationen"]


def test_export_with_bad_filters_is_400(client, site):
    response = client.get(reverse("public:project_export"), {"status": "bogus"})
    assert response.status_code == 400
    assert "Status" in response.content.decode()


def test_formulas_are_neutralised(client, region, strategy):
    t.make_project(region, '=HYPERLINK("http://evil")')
    table = rows(client.get(reverse("public:project_export")))
    assert table[1][1].startswith("'=")


def test_the_list_links_to_the_export_with_its_filters(client, site):
    body = client.get(reverse("public:project_list"), {"field": "verwaltung"}).content.decode()
    assert reverse("public:project_export") + "?field=verwaltung" in body


def test_export_query_count_does_not_grow(client, region, strategy, django_assert_num_queries):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert len(rows(client.get(reverse("public:project_export")))) > 3
        return len(ctx.captured_queries)

    town = t.make_municipality(region, "Senden", slug="senden")
    for i in range(3):
        t.make_project(region, f"A{i}", towns=[town])
    few = count()
    for i in range(27):
        t.make_project(region, f"B{i}", towns=[town])
    with django_assert_num_queries(few):
        assert len(rows(client.get(reverse("public:project_export")))) == 31
