"""The technology radar in the staff area (issue 14, sections 1 and 4): every role of the
region reads the radars (drafts too), the coordination creates and edits them and their
entries, imports and publishes editions (403 for officers and readers), other regions' radars
are 404 and anonymous users go to the login page; a ring change needs a reason and lands in
the ring history; publishing and deleting ask first; the import checks first (nothing saved,
rejected rows named) and then applies all rows or none; a stale edit shows the conflict."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.shortcuts import resolve_url
from django.urls import reverse

from digitalagentur.core import testing as t
from digitalagentur.core.models import PendingUpload
from digitalagentur.core.services import changes_for
from digitalagentur.radar import services
from digitalagentur.radar.models import Edition, Entry, Radar, RingChange
from digitalagentur.staff.links import object_url
from digitalagentur.testing.radar import make_entry, make_radar, quadrant, ring

from .helpers import confirm_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

CSV_HEADER = "name,ring,quadrant,isNew,description\n"


def url(name, *args):
    return reverse(f"staff:{name}", args=args)


@pytest.fixture
def radar(region):
    return make_radar(region, "Radar der Verwaltung")


@pytest.fixture
def entry(radar):
    return make_entry(
        radar, "LoRaWAN", ring_name="Erproben", quadrant_name="Infrastruktur", description="Funk"
    )


def entry_data(entry, **overrides) -> dict:
    entry.refresh_from_db()
    data = {
        "name": entry.name,
        "quadrant": entry.quadrant_id,
        "ring": entry.ring_id,
        "description": entry.description,
        "links": "\n".join(entry.links),
        "contact": entry.contact,
        "fields": list(entry.fields.values_list("pk", flat=True)),
        "projects": list(entry.projects.values_list("pk", flat=True)),
        "towns": list(entry.municipalities.values_list("pk", flat=True)),
        "version": entry.version,
        "reason": "",
    }
    data.update(overrides)
    return data


def read_pages(radar):
    return [url("radar_list"), url("radar_detail", radar.pk)]


def edit_pages(radar, entry):
    return [
        url("radar_create"),
        url("radar_edit", radar.pk),
        url("radar_publish", radar.pk),
        url("radar_import", radar.pk),
        url("radar_entry_create", radar.pk),
        url("radar_entry_edit", entry.pk),
        url("radar_entry_delete", entry.pk),
    ]


def upload(name: str, content: str | bytes, content_type="text/csv"):
    data = content.encode() if isinstance(content, str) else content
    return SimpleUploadedFile(name, data, content_type=content_type)


# ---- permissions --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_the_coordination_reaches_every_page(client, login, radar, entry, role):
    login(role)
    for address in [*read_pages(radar), *edit_pages(radar, entry)]:
        assert client.get(address).status_code == 200, address
    page = client.get(url("radar_list")).content.decode()
    assert url("radar_create") in page
    assert f'href="{url("radar_list")}" aria-current="page"' in page


@pytest.mark.parametrize("role", ["officer", "reader"])
def test_other_staff_read_but_do_not_edit(client, login, region, radar, entry, role):
    draft = make_radar(region, "Entwurf", published=False)
    login(role)
    for address in [*read_pages(radar), url("radar_detail", draft.pk)]:
        assert client.get(address).status_code == 200, address
    for address in edit_pages(radar, entry):
        assert client.get(address).status_code == 403, address
        assert client.post(address, {}).status_code == 403, address
    detail = client.get(url("radar_detail", radar.pk)).content.decode()
    assert "LoRaWAN" in detail and url("radar_entry_edit", entry.pk) not in detail
    assert url("radar_publish", radar.pk) not in detail
    assert "Entwurf" in client.get(url("radar_list")).content.decode()


def test_anonymous_users_go_to_the_login_page(client, radar, entry, settings):
    for address in [*read_pages(radar), *edit_pages(radar, entry)]:
        response = client.get(address)
        assert response.status_code == 302, address
        assert response["Location"].startswith(resolve_url(settings.LOGIN_URL)), address


def test_other_regions_radars_are_not_found(client, login, other_region):
    foreign = make_radar(other_region, "Fremdes Radar")
    foreign_entry = make_entry(foreign, "Fremder Eintrag")
    edition = services.publish_edition(foreign, user=None)
    login("coordinator")
    for address in [
        url("radar_detail", foreign.pk),
        url("radar_edit", foreign.pk),
        url("radar_publish", foreign.pk),
        url("radar_import", foreign.pk),
        url("radar_entry_create", foreign.pk),
        url("radar_entry", foreign_entry.pk),
        url("radar_entry_edit", foreign_entry.pk),
        url("radar_entry_delete", foreign_entry.pk),
        url("radar_edition", edition.pk),
    ]:
        assert client.get(address).status_code == 404, address
    assert "Fremdes Radar" not in client.get(url("radar_list")).content.decode()


def test_the_empty_list_says_what_to_do(client, login, region):
    login("coordinator")
    page = client.get(url("radar_list")).content.decode()
    assert "Noch kein Radar" in page and "Neues Radar" in page


# ---- radars -----------------------------------------------------------------------------------


def test_creating_a_radar_with_the_thoughtworks_preset(client, login, region):
    login("coordinator")
    response = client.post(
        url("radar_create"),
        {"name": "Chancen-Radar", "description": "Für Unternehmen", "preset": "thoughtworks"},
    )
    radar = Radar.objects.get()
    assert response.status_code == 302 and response["Location"] == url("radar_detail", radar.pk)
    assert radar.region == region and not radar.published and radar.slug == "chancen-radar"
    assert [r.name for r in radar.rings.all()] == ["Adopt", "Trial", "Assess", "Hold"]
    assert [q.name for q in radar.quadrants.all()][0] == "Techniques"
    detail = client.get(url("radar_detail", radar.pk)).content.decode()
    assert "Noch keine Einträge" in detail and "Entwurf" in detail


def test_the_district_preset_is_the_default_and_bad_input_is_refused(client, login, region):
    login("coordinator")
    page = client.get(url("radar_create")).content.decode()
    assert "Verwaltung, Infrastruktur, Bürgerdienste, Daten &amp; KI" in page
    response = client.post(url("radar_create"), {"name": "  ", "preset": "unbekannt"})
    assert response.status_code == 400 and not Radar.objects.exists()
    text = response.content.decode()
    assert "Bitte geben Sie einen Namen an." in text
    assert "Bitte wählen Sie eine der Vorlagen." in text
    client.post(url("radar_create"), {"name": "Radar", "preset": "kreis", "published": "on"})
    radar = Radar.objects.get()
    assert radar.published and radar.rings.first().name == "Einsetzen"


def test_editing_a_radar_and_a_stale_version_conflicts(client, login, radar):
    login("coordinator")
    stale = radar.version
    services.update_radar(radar, {"description": "Neu"}, expected_version=stale, user=None)
    data = {"name": "Umbenannt", "description": "Meins", "version": stale, "reason": ""}
    response = client.post(url("radar_edit", radar.pk), data)
    assert response.status_code == 409
    radar.refresh_from_db()
    assert radar.name == "Radar der Verwaltung" and radar.description == "Neu"
    data["version"] = radar.version
    response = client.post(url("radar_edit", radar.pk), data)
    assert response.status_code == 302
    radar.refresh_from_db()
    assert radar.name == "Umbenannt" and not radar.published


# ---- entries ----------------------------------------------------------------------------------


def test_adding_an_entry_with_links_projects_and_towns(client, login, region, radar, town):
    project = t.make_project(region, "Smarte Laternen", towns=[town])
    login("coordinator")
    response = client.post(
        url("radar_entry_create", radar.pk),
        {
            "name": "  Open   Data ",
            "quadrant": quadrant(radar, "Daten & KI").pk,
            "ring": ring(radar, "Beobachten").pk,
            "description": "Portal",
            "links": "https://example.org/a\n\n https://example.org/b ",
            "contact": "Frau Muster",
            "projects": [project.pk],
            "towns": [town.pk],
            "reason": "",
        },
    )
    entry = Entry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("radar_detail", radar.pk) + f"#eintrag-{entry.pk}"
    assert entry.name == "Open Data" and entry.links == [
        "https://example.org/a",
        "https://example.org/b",
    ]
    assert list(entry.projects.all()) == [project] and list(entry.municipalities.all()) == [town]
    assert entry.ring_changes.get().old_ring is None
    detail = client.get(url("radar_detail", radar.pk)).content.decode()
    assert "<svg" in detail and f'href="#eintrag-{entry.pk}"' in detail
    assert f'id="eintrag-{entry.pk}"' in detail and "Smarte Laternen" in detail


@pytest.mark.parametrize(
    "overrides,message",
    [
        ({"name": ""}, "Bitte geben Sie einen Namen an."),
        ({"name": "lorawan"}, "Einen Eintrag mit diesem Namen gibt es schon."),
        ({"ring": "999999"}, "Bitte wählen Sie einen Ring der Liste."),
        ({"links": "javascript:alert(1)"}, "keine gültige Web-Adresse"),
        ({"towns": ["abc"]}, "Bitte wählen Sie Kommunen der Liste."),
    ],
)
def test_bad_entries_answer_400_in_german(client, login, radar, entry, overrides, message):
    login("coordinator")
    data = {**entry_data(entry), "name": "Neu", **overrides}
    del data["version"]
    response = client.post(url("radar_entry_create", radar.pk), data)
    assert response.status_code == 400 and message in response.content.decode()
    assert Entry.objects.count() == 1


def test_a_ring_of_another_radar_is_refused(client, login, region, radar, entry):
    other = make_radar(region, "Anderes Radar")
    login("coordinator")
    response = client.post(
        url("radar_entry_edit", entry.pk),
        entry_data(entry, ring=other.rings.first().pk, reason="x"),
    )
    assert response.status_code == 400
    entry.refresh_from_db()
    assert entry.ring.radar == radar


def test_a_ring_change_needs_a_reason_and_writes_the_history(client, login, radar, entry):
    user = login("coordinator")
    adopt = ring(radar, "Einsetzen")
    response = client.post(url("radar_entry_edit", entry.pk), entry_data(entry, ring=adopt.pk))
    assert response.status_code == 400
    assert "Bitte begründen Sie" in response.content.decode()
    entry.refresh_from_db()
    assert entry.ring.name == "Erproben" and entry.ring_changes.count() == 1
    response = client.post(
        url("radar_entry_edit", entry.pk),
        entry_data(entry, ring=adopt.pk, reason="Pilot in Senden erfolgreich"),
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.ring == adopt
    change = entry.ring_changes.order_by("-pk").first()
    assert (change.old_ring.name, change.new_ring.name) == ("Erproben", "Einsetzen")
    assert change.reason == "Pilot in Senden erfolgreich" and change.user == user
    detail = client.get(url("radar_detail", radar.pk)).content.decode()
    assert "Pilot in Senden erfolgreich" in detail
    # Without a ring change no reason is needed, and no history is written.
    response = client.post(url("radar_entry_edit", entry.pk), entry_data(entry, contact="Herr X"))
    assert response.status_code == 302 and RingChange.objects.count() == 2


def test_a_stale_entry_edit_shows_the_conflict(client, login, radar, entry):
    login("coordinator")
    data = entry_data(entry, description="Meine Fassung")
    services.update_entry(
        entry, {"description": "Andere Fassung"}, expected_version=entry.version, user=None
    )
    response = client.post(url("radar_entry_edit", entry.pk), data)
    assert response.status_code == 409
    text = response.content.decode()
    assert "inzwischen" in text and "Meine Fassung" in text
    entry.refresh_from_db()
    assert entry.description == "Andere Fassung"


def test_deleting_an_entry_asks_first(client, login, radar, entry):
    login("coordinator")
    page = client.get(url("radar_entry_delete", entry.pk))
    assert page.status_code == 200 and "wirklich löschen" in page.content.decode()
    assert Entry.objects.filter(pk=entry.pk).exists()
    stale = client.post(url("radar_entry_delete", entry.pk), confirm_data(entry, version=99))
    assert stale.status_code == 409 and Entry.objects.filter(pk=entry.pk).exists()
    response = client.post(url("radar_entry_delete", entry.pk), confirm_data(entry))
    assert response.status_code == 302 and response["Location"] == url("radar_detail", radar.pk)
    assert not Entry.objects.exists()


# ---- editions ---------------------------------------------------------------------------------


def test_publishing_an_edition_after_confirmation(client, login, radar, entry):
    user = login("coordinator")
    page = client.get(url("radar_publish", radar.pk))
    assert page.status_code == 200 and not Edition.objects.exists()
    assert "1 Einträge" in page.content.decode() or "(1 Einträge)" in page.content.decode()
    response = client.post(
        url("radar_publish", radar.pk), {"version": radar.version, "note": "Erste Ausgabe"}
    )
    assert response.status_code == 302 and response["Location"] == url("radar_detail", radar.pk)
    edition = Edition.objects.get()
    assert edition.note == "Erste Ausgabe" and edition.created_by == user
    assert [e["name"] for e in edition.snapshot["entries"]] == ["LoRaWAN"]
    detail = client.get(url("radar_detail", radar.pk)).content.decode()
    assert f'id="ausgabe-{edition.pk}"' in detail and "Erste Ausgabe" in detail
    # A second edition on the same day is refused in German; nothing else happens.
    assert (
        "Heute gibt es schon eine Ausgabe"
        in client.get(url("radar_publish", radar.pk)).content.decode()
    )
    again = client.post(url("radar_publish", radar.pk), {"version": radar.version}, follow=True)
    assert "An diesem Tag gibt es schon eine Ausgabe." in again.content.decode()
    assert Edition.objects.count() == 1


def test_publishing_on_a_stale_radar_shows_the_conflict(client, login, radar):
    login("coordinator")
    stale = radar.version
    services.update_radar(radar, {"name": "Neu"}, expected_version=stale, user=None)
    response = client.post(url("radar_publish", radar.pk), {"version": stale})
    assert response.status_code == 409 and not Edition.objects.exists()
    response = client.post(url("radar_publish", radar.pk), {})
    assert response.status_code == 400 and not Edition.objects.exists()


def test_moved_entries_show_against_the_last_edition(client, login, radar, entry):
    services.publish_edition(radar, user=None, date=datetime.date(2020, 1, 15))
    services.change_ring(entry, ring(radar, "Einsetzen"), user=None, reason="bewährt")
    make_entry(radar, "5G")
    login("reader")
    detail = client.get(url("radar_detail", radar.pk)).content.decode()
    assert "nach innen gerückt" in detail and "neu" in detail


# ---- import -----------------------------------------------------------------------------------


def check_file(client, radar, name, content, **data):
    response = client.post(url("radar_import", radar.pk), {"file": upload(name, content), **data})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


def test_the_dry_run_saves_nothing_and_apply_saves_all(client, login, radar, entry):
    login("coordinator")
    content = (
        CSV_HEADER
        + "lorawan,Einsetzen,Infrastruktur,false,Funk\n"
        + "E-Akte,Einsetzen,Verwaltung,true,Dokumente\n"
        + "KI-Assistenz,Beobachten,Daten & KI,true,\n"
    )
    report_url = check_file(client, radar, "radar.csv", content)
    assert report_url.startswith(url("radar_import", radar.pk) + "byor-csv/")
    report = client.get(report_url)
    text = report.content.decode()
    assert report.status_code == 200
    assert "2 neu, 1 geändert, 0 unverändert, 0 abgelehnt." in text and "Übernehmen" in text
    assert Entry.objects.count() == 1 and RingChange.objects.count() == 1
    response = client.post(report_url)
    assert response.status_code == 302 and response["Location"] == url("radar_detail", radar.pk)
    assert sorted(Entry.objects.values_list("name", flat=True)) == [
        "E-Akte",
        "KI-Assistenz",
        "LoRaWAN",
    ]
    entry.refresh_from_db()
    assert entry.ring.name == "Einsetzen"
    assert entry.ring_changes.order_by("-pk").first().reason.startswith("Import")
    # The checked file is gone: a second submit applies nothing.
    again = client.post(report_url, follow=True)
    assert "nicht mehr vorhanden" in again.content.decode()
    assert not PendingUpload.objects.exists()


def test_a_file_with_a_bad_row_names_it_and_applies_nothing(client, login, radar, entry):
    login("coordinator")
    rows = [
        {"name": "E-Akte", "ring": "Einsetzen", "quadrant": "Verwaltung"},
        {"name": "Blockchain", "ring": "Hype", "quadrant": "Verwaltung"},
        {"name": "e-akte", "ring": "Erproben", "quadrant": "Verwaltung"},
    ]
    report_url = check_file(client, radar, "radar.json", json.dumps(rows))
    text = client.get(report_url).content.decode()
    assert "Zeile 2" in text and "Unbekannter Ring „Hype“" in text
    assert "Zeile 3" in text and "steht schon in Zeile 1" in text
    assert "Übernehmen" not in text
    response = client.post(report_url)
    assert response.status_code == 400 and "Es wurde nichts übernommen" in response.content.decode()
    assert list(Entry.objects.values_list("name", flat=True)) == ["LoRaWAN"]


def test_wrong_columns_are_reported_for_the_file(client, login, radar):
    login("coordinator")
    report_url = check_file(client, radar, "radar.csv", "titel,kreis\nA,B\n")
    text = client.get(report_url).content.decode()
    assert "Datei" in text and "Übernehmen" not in text and "1 abgelehnt" in text


def test_huge_files_and_unknown_formats_are_refused(client, login, radar, settings):
    settings.DIGITALAGENTUR_RADAR_IMPORT_MAX_BYTES = 100
    login("coordinator")
    big = CSV_HEADER + "x,Einsetzen,Verwaltung,true,\n" * 10
    response = client.post(url("radar_import", radar.pk), {"file": upload("radar.csv", big)})
    assert response.status_code == 400 and "Die Datei ist zu groß" in response.content.decode()
    response = client.post(url("radar_import", radar.pk), {"file": upload("radar.txt", "x")})
    assert response.status_code == 400 and "verrät das Format nicht" in response.content.decode()
    assert not PendingUpload.objects.exists()
    # The format chosen by hand wins over the file's name.
    location = check_file(client, radar, "radar.txt", CSV_HEADER, format="byor-csv")
    assert "/byor-csv/" in location


def test_a_report_of_another_user_or_radar_is_not_theirs(client, login, region, radar, users):
    login("coordinator")
    report_url = check_file(client, radar, "radar.csv", CSV_HEADER)
    other = make_radar(region, "Anderes")
    token = report_url.rstrip("/").rsplit("/", 1)[1]
    wrong_radar = url("radar_import_report", other.pk, "byor-csv", token)
    assert "nicht mehr vorhanden" in client.get(wrong_radar, follow=True).content.decode()
    assert client.get(url("radar_import_report", radar.pk, "zalando", token)).status_code == 404
    login("admin")
    assert client.get(report_url).status_code == 404


def test_importing_the_own_export_changes_nothing(client, login, radar, entry):
    make_entry(radar, "E-Akte", ring_name="Einsetzen", quadrant_name="Verwaltung")
    login("coordinator")
    export = services.export(radar, "byor-csv")
    report_url = check_file(client, radar, "export.csv", export)
    text = client.get(report_url).content.decode()
    assert "0 neu, 0 geändert, 2 unverändert, 0 abgelehnt." in text


# ---- change log -------------------------------------------------------------------------------


def test_change_log_links_lead_to_the_radar_page(client, login, radar, entry):
    edition = services.publish_edition(radar, user=None)
    login("reader")
    for obj, anchor in [(radar, ""), (entry, f"#eintrag-{entry.pk}"), (edition, "")]:
        change = changes_for(obj).first()
        address = object_url(change)
        response = client.get(address)
        if address == url("radar_detail", radar.pk):
            assert response.status_code == 200
        else:
            assert response.status_code == 302
            assert response["Location"].startswith(url("radar_detail", radar.pk))
            if anchor:
                assert response["Location"].endswith(anchor)


# ---- configurable quadrants and rings --------------------------------------------------------


def test_a_radar_with_names_of_its_own(client, login, region):
    login("coordinator")
    data = {
        "name": "Chancen-Radar",
        "preset": "kreis",
        "quadrant_names": "Handel\nHandwerk\n\nLandwirtschaft",
        "ring_names": "Nutzen\nTesten\nBeobachten",
    }
    assert client.post(url("radar_create"), data).status_code == 302
    radar = Radar.objects.get()
    assert [q.name for q in radar.quadrants.all()] == ["Handel", "Handwerk", "Landwirtschaft"]
    assert [r.name for r in radar.rings.all()] == ["Nutzen", "Testen", "Beobachten"]
    bad = client.post(url("radar_create"), {**data, "ring_names": "A\nB\nC\nD\nE"})
    assert bad.status_code == 400 and Radar.objects.count() == 1
    assert "Bitte 1 bis 4 Ringe angeben." in bad.content.decode()


def test_renaming_and_adding_quadrants_and_rings_keeps_entries_and_editions(
    client, login, radar, entry
):
    login("coordinator")
    services.publish_edition(radar, user=None)
    radar.refresh_from_db()
    old_ring = entry.ring.name
    rings = [r.name for r in radar.rings.all()]
    rings[0], rings[1] = rings[1], rings[0]  # two names swap places
    data = {
        "name": radar.name,
        "description": radar.description,
        "version": radar.version,
        "reason": "Begriffe geschärft",
        "quadrant_names": "\n".join(q.name for q in radar.quadrants.all()),
        "ring_names": "\n".join(rings),
    }
    assert client.post(url("radar_edit", radar.pk), data).status_code == 302
    assert [r.name for r in radar.rings.all()] == rings
    entry.refresh_from_db()
    # The entry stays in its ring (the second), which now bears the first one's old name.
    assert entry.ring.position == 1 and entry.ring.name == rings[1] == "Einsetzen" != old_ring
    edition = radar.editions.get()
    assert old_ring in str(edition.snapshot)  # the published edition keeps its names
    radar.refresh_from_db()
    fewer = {**data, "version": radar.version, "ring_names": "Eins\nZwei"}
    response = client.post(url("radar_edit", radar.pk), fewer)
    assert response.status_code == 400
    assert "lassen sich nicht entfernen" in response.content.decode()
    assert radar.rings.count() == 4
