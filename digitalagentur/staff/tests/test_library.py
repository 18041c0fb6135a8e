"""The document library in the staff area (issue 14, section 2): every role of the region reads
every document (internal ones too) and downloads every version; the coordination uploads and
edits all, an officer only their own town's (403 otherwise); other regions' documents are 404
and anonymous users go to the login page; a refused file (type, size, name tricks, virus
scanner) saves nothing and says why in German; a new upload is the next version; downloads
are attachments with nosniff and a sandbox; the list's queries do not grow with it."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.shortcuts import resolve_url
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digitalagentur.core import testing as t
from digitalagentur.core.services import changes_for
from digitalagentur.library.choices import DocumentKind, Visibility
from digitalagentur.library.models import Document, DocumentVersion
from digitalagentur.testing.library import add_version, make_document, minimal_pdf, png_bytes

from .helpers import confirm_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def url(name, *args):
    return reverse(f"staff:{name}", args=args)


def upload(name: str, content: bytes, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def own(region, town):
    return make_document(region, "Vorlage Senden", towns=[town], visibility=Visibility.INTERNAL)


@pytest.fixture
def others(region, other_town):
    return make_document(region, "Vorlage Havixbeck", towns=[other_town])


def edit_pages(document):
    return [
        url("library_edit", document.pk),
        url("library_delete", document.pk),
        url("library_version_create", document.pk),
    ]


def document_data(document, **overrides) -> dict:
    document.refresh_from_db()
    data = {
        "title": document.title,
        "description": document.description,
        "kind": document.kind,
        "visibility": document.visibility,
        "project": document.project_id or "",
        "tags": ", ".join(document.tags.values_list("name", flat=True)),
        "fields": list(document.fields.values_list("pk", flat=True)),
        "towns": list(document.municipalities.values_list("pk", flat=True)),
        "version": document.version,
        "reason": "",
    }
    data.update(overrides)
    return data


def new_data(town, **overrides) -> dict:
    data = {
        "title": "Muster-Ausschreibung Glasfaser",
        "description": "Für die Kommunen",
        "kind": DocumentKind.TENDER,
        "visibility": Visibility.PUBLIC,
        "project": "",
        "tags": "Vergabe, Glasfaser",
        "towns": [town.pk],
        "reason": "erste Fassung",
        "file": upload("ausschreibung.pdf", minimal_pdf("Ausschreibung")),
    }
    data.update(overrides)
    return data


# ---- permissions --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["coordinator", "admin", "officer", "reader"])
def test_every_role_reads_internal_documents_and_old_versions(client, login, own, role):
    old = own.current_version
    add_version(own)
    login(role)
    for address in [url("library_list"), url("library_detail", own.pk)]:
        response = client.get(address)
        assert response.status_code == 200, address
        assert "Vorlage Senden" in response.content.decode()
    assert client.get(url("library_download", own.pk, old.pk)).status_code == 200
    page = client.get(url("library_list")).content.decode()
    assert f'href="{url("library_list")}" aria-current="page"' in page


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_the_coordination_edits_every_document(client, login, own, others, role):
    login(role)
    for document in (own, others):
        for address in edit_pages(document):
            assert client.get(address).status_code == 200, address
    assert client.get(url("library_create")).status_code == 200


def test_an_officer_edits_their_towns_documents_only(client, login, own, others):
    login("officer")
    for address in edit_pages(own):
        assert client.get(address).status_code == 200, address
    for address in edit_pages(others):
        assert client.get(address).status_code == 403, address
        assert client.post(address, {}).status_code == 403, address
    detail = client.get(url("library_detail", others.pk)).content.decode()
    assert url("library_edit", others.pk) not in detail
    assert client.get(url("library_create")).status_code == 200


def test_an_officer_must_keep_an_own_town(client, login, own, other_town):
    login("officer")
    response = client.post(url("library_edit", own.pk), document_data(own, towns=[other_town.pk]))
    assert response.status_code == 400
    assert "eigenen Kommunen" in response.content.decode()
    assert list(own.municipalities.all()) != [other_town]
    response = client.post(url("library_create"), new_data(other_town))
    assert response.status_code == 400 and Document.objects.count() == 1


def test_a_reader_uploads_and_edits_nothing(client, login, own, town):
    login("reader")
    for address in [url("library_create"), *edit_pages(own)]:
        assert client.get(address).status_code == 403, address
    assert client.post(url("library_create"), new_data(town)).status_code == 403
    assert Document.objects.count() == 1


def test_anonymous_users_go_to_the_login_page(client, own, settings):
    addresses = [
        url("library_list"),
        url("library_detail", own.pk),
        url("library_create"),
        url("library_download", own.pk, own.current_version_id),
        *edit_pages(own),
    ]
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 302, address
        assert response["Location"].startswith(resolve_url(settings.LOGIN_URL)), address


def test_other_regions_documents_are_not_found(client, login, other_region, own):
    foreign = make_document(other_region, "Fremdes Dokument")
    version = foreign.current_version
    login("coordinator")
    for address in [
        url("library_detail", foreign.pk),
        url("library_download", foreign.pk, version.pk),
        url("library_version", version.pk),
        *edit_pages(foreign),
    ]:
        assert client.get(address).status_code == 404, address
    # A version of another document (or region) under this region's document: not found.
    assert client.get(url("library_download", own.pk, version.pk)).status_code == 404
    assert "Fremdes Dokument" not in client.get(url("library_list")).content.decode()
    assert client.post(url("library_delete", foreign.pk), {"version": 1}).status_code == 404
    assert Document.objects.filter(pk=foreign.pk).exists()


def test_a_coordinator_of_another_region_is_refused(client, login, own, other_region):
    login("foreign_coordinator")
    assert client.get(url("library_list")).status_code == 403
    assert client.get(url("library_download", own.pk, own.current_version_id)).status_code == 403


# ---- upload, versions, edit, delete -------------------------------------------------------------


def test_uploading_a_document(client, login, users, town):
    login("officer")
    response = client.post(url("library_create"), new_data(town))
    document = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("library_detail", document.pk)
    version = document.current_version
    assert version.filename == "ausschreibung.pdf" and version.content_type == "application/pdf"
    assert version.uploaded_by == users["officer"] and version.note == "erste Fassung"
    assert document.created_by == users["officer"]
    assert sorted(document.tags.values_list("name", flat=True)) == ["Glasfaser", "Vergabe"]
    assert changes_for(document).exists()
    detail = client.get(url("library_detail", document.pk)).content.decode()
    assert "ausschreibung.pdf" in detail and "nicht geprüft" in detail


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("rechnung.pdf.exe", minimal_pdf(), "doppelte Endung"),
        ("rechnung.pdf", png_bytes(), "passt nicht zum Inhalt"),
        (".htaccess.txt", b"text", "Punkt beginnen"),
        ("programm.exe", b"MZ\x90\x00\x03\x00\x00\x00", "Dateityp ist nicht erlaubt"),
        ("leer.txt", b"", "leer"),
    ],
)
def test_a_refused_file_saves_nothing(client, login, town, name, content, message):
    login("coordinator")
    response = client.post(url("library_create"), new_data(town, file=upload(name, content)))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Document.objects.exists() and not DocumentVersion.objects.exists()


@pytest.mark.parametrize(
    ("name", "stored"),
    [("../../etc/passwd.pdf", "passwd.pdf"), ("rechnung\u202etxt.pdf", "rechnungtxt.pdf")],
)
def test_paths_and_direction_marks_are_dropped(client, login, town, name, stored):
    """Django's upload parser keeps only the last part of a name and drops unprintable
    characters; the library's own check (library/uploads.py) refuses them from any other
    caller."""
    login("coordinator")
    data = new_data(town, file=upload(name, minimal_pdf()))
    assert client.post(url("library_create"), data).status_code == 302
    assert Document.objects.get().current_version.filename == stored


def test_a_too_large_file_is_refused(client, login, town, settings):
    settings.DIGITALAGENTUR_LIBRARY_MAX_BYTES = 100
    login("coordinator")
    data = new_data(town, file=upload("gross.txt", b"x" * 101))
    response = client.post(url("library_create"), data)
    assert response.status_code == 400 and "zu groß" in response.content.decode()
    assert not Document.objects.exists()


def test_the_virus_scanner_refuses_a_new_version(client, login, own, settings):
    settings.DIGITALAGENTUR_LIBRARY_VIRUS_SCANNER = (
        "digitalagentur.library.tests.test_services.refuse_everything"
    )
    login("coordinator")
    response = client.post(
        url("library_version_create", own.pk), {"file": upload("neu.txt", b"neu"), "note": ""}
    )
    assert response.status_code == 400
    assert "Virenprüfung hat die Datei abgelehnt" in response.content.decode()
    assert own.versions.count() == 1


def test_a_new_version_becomes_the_current_one(client, login, own):
    first = own.current_version
    login("officer")
    response = client.post(
        url("library_version_create", own.pk),
        {"file": upload("vorlage.txt", b"Fassung zwei\n"), "note": "Tippfehler"},
    )
    own.refresh_from_db()
    second = own.current_version
    assert response.status_code == 302
    assert response["Location"] == url("library_detail", own.pk) + f"#fassung-{second.pk}"
    assert second.number == 2 and second.note == "Tippfehler"
    page = client.get(url("library_detail", own.pk)).content.decode()
    assert url("library_download", own.pk, first.pk) in page
    assert url("library_download", own.pk, second.pk) in page


def test_editing_the_description(client, login, own, other_town):
    login("coordinator")
    response = client.post(
        url("library_edit", own.pk),
        document_data(own, title="Neue Vorlage", tags="KI", towns=[other_town.pk]),
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.title == "Neue Vorlage" and own.version == 2
    assert list(own.tags.values_list("name", flat=True)) == ["KI"]
    assert list(own.municipalities.all()) == [other_town]


def test_a_stale_edit_shows_the_conflict(client, login, own):
    login("coordinator")
    stale = document_data(own, title="Meine Fassung")
    client.post(url("library_edit", own.pk), document_data(own, title="Andere Fassung"))
    response = client.post(url("library_edit", own.pk), stale)
    assert response.status_code == 409
    own.refresh_from_db()
    assert own.title == "Andere Fassung"


def test_deleting_asks_first(client, login, own):
    login("coordinator")
    assert "wirklich löschen" in client.get(url("library_delete", own.pk)).content.decode()
    response = client.post(url("library_delete", own.pk), confirm_data(own))
    assert response.status_code == 302 and response["Location"] == url("library_list")
    assert not Document.objects.exists() and not DocumentVersion.objects.exists()


def test_foreign_towns_fields_and_projects_are_refused(client, login, town, other_region):
    foreign_town = t.make_municipality(other_region, "Fremdstadt")
    foreign_project = t.make_project(other_region, "Fremdes Projekt")
    login("coordinator")
    data = new_data(town, towns=[foreign_town.pk], project=foreign_project.pk)
    response = client.post(url("library_create"), data)
    assert response.status_code == 400
    assert not Document.objects.exists()


# ---- download -----------------------------------------------------------------------------------


def test_downloads_are_sandboxed_attachments(client, login, region):
    document = make_document(
        region, "Bericht", filename="Bericht Öffentlich.txt", content=b"<html>hallo</html>"
    )
    login("reader")
    response = client.get(url("library_download", document.pk, document.current_version_id))
    assert response.status_code == 200
    assert response.content == b"<html>hallo</html>"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''Bericht%20%C3%96ffentlich.txt" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]


# ---- list ---------------------------------------------------------------------------------------


def test_the_list_searches_and_filters(client, login, region, town, other_town):
    make_document(region, "Datenschutz-Folgenabschätzung Portal", tags=["Datenschutz"])
    make_document(
        region,
        "Rahmenvertrag Glasfaser",
        kind=DocumentKind.CONTRACT,
        towns=[town],
        visibility=Visibility.INTERNAL,
    )
    make_document(region, "Konzept Smart City", kind=DocumentKind.CONCEPT, towns=[other_town])
    login("reader")

    def titles(**params) -> set[str]:
        response = client.get(url("library_list"), params)
        assert response.status_code == 200
        return {d.title for d in response.context["documents"]}

    assert titles(q="folgenabschätzung") == {"Datenschutz-Folgenabschätzung Portal"}
    assert titles(kind=DocumentKind.CONTRACT) == {"Rahmenvertrag Glasfaser"}
    assert titles(town=other_town.pk) == {"Konzept Smart City"}
    assert titles(visibility=Visibility.INTERNAL) == {"Rahmenvertrag Glasfaser"}
    tag = region.pk and Document.objects.get(title__startswith="Datenschutz").tags.get()
    assert titles(tag=tag.pk) == {"Datenschutz-Folgenabschätzung Portal"}
    assert len(titles(kind="unbekannt", town="abc")) == 3  # bad filters are dropped
    assert "Kein Dokument passt" in client.get(url("library_list"), {"q": "zzz"}).content.decode()


def test_the_list_pages(client, login, region):
    for n in range(27):
        make_document(region, f"Dokument {n:02d}")
    login("reader")
    first = client.get(url("library_list")).context["documents"]
    second = client.get(url("library_list"), {"page": 2}).context["documents"]
    assert len(first) == 25 and len(second) == 2


def test_the_list_costs_the_same_number_of_queries_however_long(client, login, region, town):
    login("reader")
    make_document(region, "Eins", tags=["A"], towns=[town])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("library_list")).status_code == 200
        return len(queries)

    few = count()
    for n in range(6):
        document = make_document(region, f"Mehr {n}", tags=[f"T{n}", "A"], towns=[town])
        add_version(document)
    assert count() == few
