"""The document library on the public website (issue 14, section 2): only public documents
appear, in the list and in the search; the file address answers 404 for internal documents,
for older versions, for other regions and for staff alike; downloads are sandboxed
attachments; a draft project is not named; the list's queries do not grow with it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digitalagentur.core import testing as t
from digitalagentur.library import services
from digitalagentur.library.choices import DocumentKind, Visibility
from digitalagentur.testing.library import add_version, make_document, minimal_pdf

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

LIST = reverse("public:library_list")


@pytest.fixture(autouse=True)
def default_region(settings, region):
    settings.DEFAULT_REGION_SLUG = region.slug


def download(document, version=None) -> str:
    version = version or document.current_version
    return reverse("public:library_download", args=[document.pk, version.pk])


@pytest.fixture
def public(region):
    return make_document(
        region,
        "Muster-Datenschutzerklärung",
        description="Vorlage für Webseiten der Kommunen",
        kind=DocumentKind.TEMPLATE,
        tags=["Datenschutz"],
        filename="muster.pdf",
        content=minimal_pdf("Muster"),
    )


@pytest.fixture
def internal(region):
    return make_document(
        region,
        "Geheimer Datenschutz-Vertrag",
        description="Vorlage mit Preisen",
        visibility=Visibility.INTERNAL,
        tags=["Datenschutz"],
    )


def test_the_list_shows_public_documents_only(client, public, internal):
    page = client.get(LIST).content.decode()
    assert "Muster-Datenschutzerklärung" in page and download(public) in page
    assert "Geheimer" not in page and download(internal) not in page


@pytest.mark.parametrize("text", ["datenschutz", "Vorlage", "geheimer", "Preisen", "Vertrag"])
def test_the_search_never_finds_internal_documents(client, public, internal, text):
    response = client.get(LIST, {"q": text})
    assert response.status_code == 200
    assert internal not in response.context["documents"]
    assert "Geheimer" not in response.content.decode()


def test_the_search_finds_public_documents_in_german(client, public):
    response = client.get(LIST, {"q": "datenschutzerklärung kommunen"})
    assert list(response.context["documents"]) == [public]
    response = client.get(LIST, {"kind": DocumentKind.CONTRACT})
    assert list(response.context["documents"]) == []
    assert "Kein Dokument passt" in response.content.decode()


def test_staff_see_only_public_documents_here_too(client, public, internal, users):
    client.force_login(users["coordinator"])
    assert "Geheimer" not in client.get(LIST).content.decode()
    assert client.get(download(internal)).status_code == 404


def test_the_current_file_of_a_public_document_downloads(client, public):
    response = client.get(download(public))
    assert response.status_code == 200
    assert response.content == services.version_content(public.current_version)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="muster.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_internal_files_and_old_versions_are_not_found(client, public, internal):
    old = public.current_version
    add_version(public, minimal_pdf("Neu"), filename="muster.pdf")
    public.refresh_from_db()
    assert client.get(download(public)).status_code == 200
    assert client.get(download(public, old)).status_code == 404
    assert client.get(download(internal)).status_code == 404
    # An internal version under a public document's address: not found either.
    wrong = reverse("public:library_download", args=[public.pk, internal.current_version_id])
    assert client.get(wrong).status_code == 404


def test_a_document_made_internal_disappears_with_its_file(client, public):
    address = download(public)
    services.update_document(
        public, {"visibility": Visibility.INTERNAL}, expected_version=public.version, user=None
    )
    assert client.get(address).status_code == 404
    assert "Muster-Datenschutzerklärung" not in client.get(LIST).content.decode()


def test_other_regions_documents_are_not_found(client, other_region):
    foreign = make_document(other_region, "Fremde Vorlage")
    assert client.get(download(foreign)).status_code == 404
    assert "Fremde Vorlage" not in client.get(LIST).content.decode()


def test_a_draft_project_is_not_named(client, region):
    draft = t.make_project(region, "Geheimes Projekt", published=False)
    shown = t.make_project(region, "Offenes Projekt", published=True)
    make_document(region, "Mit Entwurf", project=draft)
    make_document(region, "Mit Projekt", project=shown)
    page = client.get(LIST).content.decode()
    assert "Geheimes Projekt" not in page and "Offenes Projekt" in page


def test_the_empty_list_says_so(client, region):
    assert "noch keine Dokumente veröffentlicht" in client.get(LIST).content.decode()


def test_the_list_costs_the_same_number_of_queries_however_long(client, region, town):
    make_document(region, "Eins", tags=["A"], towns=[town])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        return len(queries)

    few = count()
    for n in range(5):
        add_version(make_document(region, f"Mehr {n}", tags=[f"T{n}"], towns=[town]))
    assert count() == few
