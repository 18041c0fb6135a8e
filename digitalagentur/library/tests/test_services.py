"""Writes, rules and search of the document library: versions, the virus-scan hook (a refused
file is never stored), tags per region, the change log, who may edit what, and the German
search."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from digitalagentur.core import testing as t
from digitalagentur.core.models import ObjectChange
from digitalagentur.core.services import changes_for
from digitalagentur.library import rules, services
from digitalagentur.library.choices import DocumentKind, ScanStatus, Visibility
from digitalagentur.library.models import Document, DocumentVersion, Tag, VersionContent
from digitalagentur.library.search import search_documents
from digitalagentur.tenancy.permissions import get_access
from digitalagentur.testing.library import add_version, make_document, minimal_pdf

pytestmark = pytest.mark.django_db


def refuse_everything(content: bytes, name: str):
    return "Testvirus gefunden"


def accept_everything(content: bytes, name: str):
    assert isinstance(content, bytes) and name
    return None


def broken_scanner(content: bytes, name: str):
    raise ConnectionError("scanner down")


def test_a_document_starts_with_version_one_and_logs_both(region):
    document = make_document(region, "Vergabevorlage", tags=["Vergabe", " vergabe ", "KI"])
    version = document.current_version
    assert version.number == 1 and version.filename == "notiz.txt"
    assert version.scan_status == ScanStatus.NOT_SCANNED
    assert services.version_content(version) == b"Inhalt des Dokuments\n"
    assert sorted(document.tags.values_list("name", flat=True)) == ["KI", "Vergabe"]
    assert changes_for(document).get().action == ObjectChange.Action.CREATE
    logged = changes_for(version).get()
    assert logged.changes["sha256"]["after"] == version.sha256


def test_a_new_upload_is_the_next_and_current_version_older_ones_stay(region):
    document = make_document(region)
    second = add_version(document, b"Zweite Fassung\n")
    third = add_version(document, minimal_pdf(), filename="fassung.pdf")
    document.refresh_from_db()
    assert [v.number for v in document.versions.all()] == [3, 2, 1]
    assert document.current_version == third and second.number == 2
    assert third.content_type == "application/pdf"
    assert services.version_content(second) == b"Zweite Fassung\n"


def test_a_refused_file_leaves_nothing_behind(region):
    with pytest.raises(ValidationError) as info:
        make_document(region, "Trick", filename="rechnung.pdf.exe", content=b"MZ")
    assert "file" in info.value.message_dict
    assert not Document.objects.exists() and not VersionContent.objects.exists()
    assert not Tag.objects.exists()


def test_the_scanner_refuses_and_nothing_is_stored(region, settings):
    document = make_document(region)
    settings.DIGITALAGENTUR_LIBRARY_VIRUS_SCANNER = (
        "digitalagentur.library.tests.test_services.refuse_everything"
    )
    with pytest.raises(ValidationError) as info:
        add_version(document, b"verseucht\n")
    assert info.value.message_dict["file"] == [
        "Die Virenprüfung hat die Datei abgelehnt: Testvirus gefunden"
    ]
    with pytest.raises(ValidationError):
        make_document(region, "Zweites")
    assert DocumentVersion.objects.count() == VersionContent.objects.count() == 1
    assert Document.objects.count() == 1


def test_a_failing_scanner_refuses_too(region, settings):
    settings.DIGITALAGENTUR_LIBRARY_VIRUS_SCANNER = (
        "digitalagentur.library.tests.test_services.broken_scanner"
    )
    with pytest.raises(ValidationError) as info:
        make_document(region)
    assert "Virenprüfung ist fehlgeschlagen" in info.value.message_dict["file"][0]
    assert not DocumentVersion.objects.exists()


def test_a_clean_scan_is_recorded(region, settings):
    settings.DIGITALAGENTUR_LIBRARY_VIRUS_SCANNER = (
        "digitalagentur.library.tests.test_services.accept_everything"
    )
    assert make_document(region).current_version.scan_status == ScanStatus.CLEAN


def test_the_size_limit_comes_from_the_settings(region, settings):
    settings.DIGITALAGENTUR_LIBRARY_MAX_BYTES = 10
    with pytest.raises(ValidationError) as info:
        make_document(region, content=b"elf Zeichen")
    assert "zu groß" in info.value.message_dict["file"][0]


def test_objects_of_other_regions_are_refused(region, other_region):
    foreign_town = t.make_municipality(other_region, "Fremdstadt")
    foreign_project = t.make_project(other_region, "Fremdes Projekt")
    with pytest.raises(ValidationError) as info:
        make_document(region, towns=[foreign_town], project=foreign_project)
    assert set(info.value.message_dict) == {"municipalities", "project"}
    assert not Document.objects.exists()


def test_updates_are_logged_and_tags_replaced(region):
    document = make_document(region, tags=["Alt"])
    saved = services.update_document(
        document,
        {"title": "  Neuer   Titel ", "kind": DocumentKind.CONTRACT},
        expected_version=document.version,
        user=None,
        tags="Neu, KI",
    )
    assert saved.title == "Neuer Titel" and saved.version == 2
    assert sorted(saved.tags.values_list("name", flat=True)) == ["KI", "Neu"]
    change = changes_for(saved).filter(action=ObjectChange.Action.UPDATE).get()
    assert change.changes["title"] == {"before": "Musterdokument", "after": "Neuer Titel"}


def test_deleting_removes_versions_and_files(region):
    document = make_document(region)
    add_version(document)
    services.delete_document(document, user=None, expected_version=document.version)
    assert not DocumentVersion.objects.exists() and not VersionContent.objects.exists()


def test_too_many_or_too_long_tags_are_refused(region):
    with pytest.raises(ValidationError) as info:
        make_document(region, tags=[f"t{n}" for n in range(services.MAX_TAGS + 1)])
    assert "Schlagwörter" in info.value.message_dict["tags"][0]
    with pytest.raises(ValidationError):
        make_document(region, tags=["x" * 41])


# ---- rules -------------------------------------------------------------------------------------


def test_who_may_edit_which_document(region, users, town, other_town, other_region):
    officer = users["officer"]
    own = make_document(region, "Eigene", towns=[town])
    shared_by_officer = make_document(region, "Geteilt", towns=[town, other_town], user=officer)
    shared_by_other = make_document(region, "Fremd geteilt", towns=[town, other_town])
    other = make_document(region, "Andere", towns=[other_town])
    no_town = make_document(region, "Ohne Kommune")
    foreign = make_document(other_region, "Fremde Region")
    officer_access = get_access(officer, region)
    coordinator_access = get_access(users["coordinator"], region)
    reader_access = get_access(users["reader"], region)

    def may(access, document, user):
        return rules.can_edit_document(access, document, user=user)

    assert may(officer_access, own, officer)
    assert may(officer_access, shared_by_officer, officer)
    assert not may(officer_access, shared_by_other, officer)
    assert not may(officer_access, other, officer)
    assert not may(officer_access, no_town, officer)
    for document in (own, shared_by_other, other, no_town):
        assert may(coordinator_access, document, users["coordinator"])
        assert not may(reader_access, document, users["reader"])
    assert not may(coordinator_access, foreign, users["coordinator"])
    assert rules.can_assign_towns(officer_access, [town.pk, other_town.pk])
    assert not rules.can_assign_towns(officer_access, [other_town.pk])


def test_the_public_sees_public_documents_and_their_current_file_only(region, users):
    public = make_document(region, "Öffentlich")
    old = public.current_version
    current = add_version(public)
    internal = make_document(region, "Intern", visibility=Visibility.INTERNAL)
    anonymous = get_access(None, region)
    staff = get_access(users["reader"], region)
    assert list(rules.visible_documents(anonymous, Document.objects.all())) == [public]
    assert set(rules.visible_documents(staff, Document.objects.all())) == {public, internal}
    public.refresh_from_db()
    assert rules.can_download(anonymous, public, current)
    assert not rules.can_download(anonymous, public, old)
    assert rules.can_download(staff, public, old)
    assert not rules.can_download(anonymous, internal, internal.current_version)
    assert not rules.can_download(staff, public, internal.current_version)  # wrong document


# ---- search ------------------------------------------------------------------------------------


def test_search_matches_every_word_in_title_description_or_tags(region):
    dsfa = make_document(
        region,
        "Datenschutz-Folgenabschätzung Bürgerportal",
        description="Muster für die Kommunen",
        tags=["Datenschutz"],
    )
    contract = make_document(region, "Rahmenvertrag Glasfaser", tags=["Vergabe"])
    everything = Document.objects.all()
    assert list(search_documents(everything, "folgenabschätzung")) == [dsfa]
    assert list(search_documents(everything, "daten muster")) == [dsfa]
    assert list(search_documents(everything, "vergabe")) == [contract]
    assert list(search_documents(everything, "Glasfaser Datenschutz")) == []
    assert list(search_documents(everything, "' OR 1=1 --")) == []  # "OR", "1": no match
    assert list(search_documents(everything, "%%%")) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming needs PostgreSQL")
def test_search_stems_german_words_on_postgresql(region):
    contract = make_document(region, "Rahmenverträge der Kommunen", tags=["Ausschreibungen"])
    everything = Document.objects.all()
    assert list(search_documents(everything, "Kommune")) == [contract]
    assert list(search_documents(everything, "ausschreibung")) == [contract]
