"""Radar writes: presets, the ring history, editions with "new" and "moved", and imports that
apply all or nothing and leave a radar's own export unchanged."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.exceptions import ValidationError

from digitalagentur.core.models import ObjectChange
from digitalagentur.core.services import changes_for
from digitalagentur.radar import formats, services
from digitalagentur.radar.models import Edition, Entry, Radar, RingChange
from digitalagentur.radar.rules import can_manage_radar, visible_radars
from digitalagentur.tenancy.permissions import get_access
from digitalagentur.testing.radar import make_entry, make_radar, ring

pytestmark = pytest.mark.django_db

DAY1 = datetime.date(2025, 3, 1)
DAY2 = datetime.date(2025, 9, 1)


@pytest.fixture
def radar(region):
    return make_radar(region, "Verwaltungsradar")


def state(radar):
    return sorted(
        (e.name, e.quadrant.name, e.ring.name, e.description)
        for e in Entry.objects.filter(radar=radar).select_related("quadrant", "ring")
    )


def test_presets_give_quadrants_and_rings_in_order(region):
    kreis = make_radar(region, "Kreis")
    assert [q.name for q in kreis.quadrants.all()] == [
        "Verwaltung",
        "Infrastruktur",
        "Bürgerdienste",
        "Daten & KI",
    ]
    assert [r.name for r in kreis.rings.all()] == [
        "Einsetzen",
        "Erproben",
        "Beobachten",
        "Zurückstellen",
    ]
    tw = make_radar(region, "Thoughtworks", preset="thoughtworks")
    assert [r.name for r in tw.rings.all()] == ["Adopt", "Trial", "Assess", "Hold"]
    assert tw.slug == "thoughtworks"
    assert changes_for(tw).get().action == ObjectChange.Action.CREATE
    with pytest.raises(ValidationError) as error:
        services.create_radar(
            region=region, user=None, values={"name": "X"}, quadrants=["A", "B", "C", "D", "E"]
        )
    assert "quadrants" in error.value.message_dict


def test_names_are_unique_case_blind_and_links_checked(radar):
    make_entry(radar, "LoRaWAN")
    with pytest.raises(ValidationError):
        make_entry(radar, "lorawan")
    with pytest.raises(ValidationError) as error:
        make_entry(radar, "5G", links=["javascript:alert(1)"])
    assert "links" in error.value.message_dict


def test_ring_history_records_creation_and_each_change_with_reason(radar, users):
    entry = make_entry(radar, "LoRaWAN", ring_name="Beobachten", date=DAY1)
    services.change_ring(
        entry,
        ring(radar, "Erproben"),
        user=users["coordinator"],
        reason="Pilot in Senden",
        date=DAY2,
    )
    history = list(RingChange.objects.filter(entry=entry).select_related("old_ring", "new_ring"))
    assert [
        (h.date, h.old_ring and h.old_ring.name, h.new_ring.name, h.reason) for h in history
    ] == [
        (DAY1, None, "Beobachten", "aufgenommen"),
        (DAY2, "Beobachten", "Erproben", "Pilot in Senden"),
    ]
    change = changes_for(entry).first()
    assert change.changes["ring"] == {"before": "Beobachten", "after": "Erproben"}
    assert change.reason == "Pilot in Senden"


def test_moved_and_new_across_editions(radar, users):
    lora = make_entry(radar, "LoRaWAN", ring_name="Erproben")
    fivegee = make_entry(radar, "5G", ring_name="Beobachten")
    assert [services.movement_context(radar).of(e) for e in (lora, fivegee)] == [
        services.Movement(True, 0)
    ] * 2
    first = services.publish_edition(radar, user=users["coordinator"], date=DAY1)
    assert first.snapshot["rings"][0] == "Einsetzen"
    assert {e["name"]: e["ring"] for e in first.snapshot["entries"]} == {
        "LoRaWAN": "Erproben",
        "5G": "Beobachten",
    }
    services.change_ring(lora, ring(radar, "Einsetzen"), user=None, reason="bewährt")
    fivegee = Entry.objects.get(pk=fivegee.pk)
    services.change_ring(fivegee, ring(radar, "Zurückstellen"), user=None, reason="zu teuer")
    twin = make_entry(radar, "Digitaler Zwilling", ring_name="Beobachten")
    context = services.movement_context(radar)
    moved = {e.name: context.of(e) for e in Entry.objects.filter(radar=radar)}
    assert moved["LoRaWAN"] == services.Movement(False, 1)
    assert moved["5G"] == services.Movement(False, -1)
    assert moved["Digitaler Zwilling"] == services.Movement(True, 0)
    # The edition stays as it was frozen; a later one becomes the reference.
    services.publish_edition(radar, user=None, date=DAY2)
    frozen = Edition.objects.get(pk=first.pk).snapshot["entries"]
    assert {e["name"]: e["ring"] for e in frozen} == {"LoRaWAN": "Erproben", "5G": "Beobachten"}
    context = services.movement_context(radar)
    assert {context.of(e) for e in Entry.objects.filter(radar=radar)} == {
        services.Movement(False, 0)
    }
    assert twin.pk


@pytest.mark.parametrize("fmt", [formats.BYOR_CSV, formats.BYOR_JSON])
def test_importing_the_own_export_changes_nothing(radar, users, fmt):
    make_entry(radar, "LoRaWAN", quadrant_name="Infrastruktur", description="Funk\nnetz")
    make_entry(radar, "=Formel", ring_name="Zurückstellen", description="-1 Risiko")
    make_entry(radar, "Open Data", quadrant_name="Daten & KI", ring_name="Erproben")
    before, changes = state(radar), ObjectChange.objects.count()
    content = services.export(radar, fmt)
    body = content.encode() if isinstance(content, str) else json.dumps(content).encode()
    result = services.import_file(radar, body, fmt, user=users["coordinator"])
    assert result.report() == {"new": 0, "changed": 0, "unchanged": 3, "rejected": []}
    assert state(radar) == before and ObjectChange.objects.count() == changes


@pytest.mark.parametrize("fmt", [formats.BYOR_CSV, formats.BYOR_JSON])
def test_export_import_gives_the_same_radar_elsewhere(region, radar, users, fmt):
    make_entry(radar, "LoRaWAN", quadrant_name="Infrastruktur", description="Funk")
    make_entry(radar, "E-Akte", ring_name="Erproben", description="DMS")
    content = services.export(radar, fmt)
    body = content.encode() if isinstance(content, str) else json.dumps(content).encode()
    copy = make_radar(region, "Kopie")
    result = services.import_file(copy, body, fmt, user=users["coordinator"])
    assert result.applied and result.report()["new"] == 2
    assert state(copy) == state(radar)


def test_import_applies_all_or_nothing_and_logs_ring_changes(radar, users):
    make_entry(radar, "LoRaWAN", ring_name="Erproben", description="alt")
    good = (
        b"name,ring,quadrant,description\n"
        b"lorawan,Einsetzen,Verwaltung,neu\n"
        b"5G,Beobachten,Infrastruktur,\n"
    )
    bad = good + b"Chatbot,Bald,Verwaltung,\n"
    before = state(radar)
    result = services.import_file(radar, bad, formats.BYOR_CSV, user=users["coordinator"])
    assert not result.applied and result.report()["rejected"][0]["row"] == 4
    assert state(radar) == before
    dry = services.import_file(radar, good, formats.BYOR_CSV, user=None, dry_run=True)
    assert dry.report() == {"new": 1, "changed": 1, "unchanged": 0, "rejected": []}
    assert not dry.applied and state(radar) == before
    done = services.import_file(radar, good, formats.BYOR_CSV, user=users["coordinator"])
    assert done.applied
    assert state(radar) == [
        ("5G", "Infrastruktur", "Beobachten", ""),
        ("LoRaWAN", "Verwaltung", "Einsetzen", "neu"),
    ]
    lora = Entry.objects.get(radar=radar, name="LoRaWAN")
    last = lora.ring_changes.select_related("old_ring", "new_ring").last()
    assert (last.old_ring.name, last.new_ring.name, last.reason) == (
        "Erproben",
        "Einsetzen",
        "Import (byor-csv)",
    )


def test_the_limits_are_configurable(radar, settings):
    settings.DIGITALAGENTUR_RADAR_IMPORT_MAX_ROWS = 1
    body = b"name,ring,quadrant\nA,Einsetzen,Verwaltung\nB,Einsetzen,Verwaltung\n"
    report = services.import_file(radar, body, formats.BYOR_CSV, user=None).report()
    assert report["rejected"][0]["reason"] == "Die Datei hat zu viele Einträge: höchstens 1."
    settings.DIGITALAGENTUR_RADAR_IMPORT_MAX_BYTES = 10
    report = services.import_file(radar, body, formats.BYOR_CSV, user=None).report()
    assert report["rejected"][0]["reason"] == "Die Datei ist zu groß: höchstens 10 Bytes."


def test_rules(region, other_region, users, radar):
    draft = make_radar(region, "Entwurf", published=False)
    foreign = make_radar(other_region, "Fremd")
    public = get_access(None, region)
    assert list(visible_radars(public, Radar.objects.all())) == [radar]
    reader = get_access(users["reader"], region)
    assert set(visible_radars(reader, Radar.objects.all())) == {radar, draft}
    assert can_manage_radar(get_access(users["coordinator"], region), radar)
    assert not can_manage_radar(get_access(users["coordinator"], region), foreign)
    assert not can_manage_radar(get_access(users["officer"], region), radar)
