"""The document library through the API (issue 14, section 2): public documents for
everybody, internal ones only for the region's staff (with the staff area's file address),
never for other regions; the search and the kind filter; a constant number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digitalagentur.library.choices import DocumentKind, Visibility
from digitalagentur.testing.library import add_version, make_document

from .conftest import OTHER_HOST

pytestmark = pytest.mark.django_db

DOCUMENTS = reverse("api-document-list")


def detail(document) -> str:
    return reverse("api-document-detail", args=[document.pk])


@pytest.fixture
def public(region, town, projects):
    return make_document(
        region,
        "Muster-Ausschreibung",
        kind=DocumentKind.TENDER,
        tags=["Vergabe"],
        towns=[town],
        project=projects["draft"],
    )


@pytest.fixture
def internal(region):
    return make_document(
        region, "Interne Vergabe-Kalkulation", visibility=Visibility.INTERNAL, tags=["Vergabe"]
    )


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [d["title"] for d in response.json()["results"]]


def test_the_public_gets_public_documents_only(api, public, internal):
    response = api.get(DOCUMENTS)
    assert titles(response) == ["Muster-Ausschreibung"]
    item = response.json()["results"][0]
    assert item["tags"] == ["Vergabe"] and item["kind"] == "ausschreibung"
    assert item["project"] is None  # a draft project is not named to the public
    version = item["current_version"]
    assert version["number"] == 1 and version["filename"] == "notiz.txt"
    assert version["download_url"].endswith(
        reverse("public:library_download", args=[public.pk, public.current_version_id])
    )
    assert api.get(detail(internal)).status_code == 404


@pytest.mark.parametrize("text", ["vergabe", "kalkulation", "interne"])
def test_the_search_never_returns_internal_documents_to_the_public(api, public, internal, text):
    assert "Interne Vergabe-Kalkulation" not in titles(api.get(DOCUMENTS, {"q": text}))


@pytest.mark.parametrize("role", ["coordinator", "officer", "reader"])
def test_the_regions_staff_get_internal_documents_too(client_for, public, internal, role):
    response = client_for(role).get(DOCUMENTS)
    assert titles(response) == ["Interne Vergabe-Kalkulation", "Muster-Ausschreibung"]
    item = response.json()["results"][0]
    assert item["visibility"] == "intern"
    assert item["current_version"]["download_url"].endswith(
        reverse("staff:library_download", args=[internal.pk, internal.current_version_id])
    )
    assert response.json()["results"][1]["project"] == public.project_id


def test_other_regions_see_nothing_of_this_one(api, other_region, public, internal):
    response = api.get(DOCUMENTS, HTTP_HOST=OTHER_HOST)
    assert titles(response) == []
    assert api.get(detail(public), HTTP_HOST=OTHER_HOST).status_code == 404


def test_search_and_kind_filter(client_for, public, internal):
    client = client_for("reader")
    assert titles(client.get(DOCUMENTS, {"q": "kalkulation"})) == ["Interne Vergabe-Kalkulation"]
    assert titles(client.get(DOCUMENTS, {"kind": "ausschreibung"})) == ["Muster-Ausschreibung"]
    response = client.get(DOCUMENTS, {"kind": "quatsch"})
    assert response.status_code == 400 and "kind" in response.json()


def test_documents_are_read_only(client_for, public):
    response = client_for("coordinator").post(DOCUMENTS, {"title": "Neu"}, format="json")
    assert response.status_code == 405


def test_the_list_costs_the_same_number_of_queries_however_long(api, region, town):
    make_document(region, "Eins", tags=["A"], towns=[town])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert api.get(DOCUMENTS).status_code == 200
        return len(queries)

    few = count()
    for n in range(5):
        add_version(make_document(region, f"Mehr {n}", tags=[f"T{n}"], towns=[town]))
    assert count() == few
