"""The demo's technology radar (issue 14, section 1): at least a dozen demo entries of the
Digitalagentur's radar, LoRaWAN used by the lighthouse project, entries linked to the seeds'
projects, one published edition and, after it, entries that moved in, moved out or are new;
the draft "Chancen-Radar" (P12) hidden from the public.

Expectations are written from the issue and the seeds, independently of demo/data/radar.py.
"""

import pytest
from django.urls import reverse

from digitalagentur.radar import services
from digitalagentur.radar.models import Edition, Entry, Radar
from digitalagentur.tenancy.models import Region


@pytest.fixture
def region(demo_db, db):
    return Region.objects.get(slug="kreis-coesfeld")


@pytest.fixture
def host(region):
    return {"HTTP_HOST": region.hostname} if region.hostname else {}


@pytest.fixture
def radar(region):
    return Radar.objects.get(region=region, published=True)


def test_the_district_radar_has_a_dozen_demo_entries(radar):
    entries = Entry.objects.filter(radar=radar)
    assert entries.count() >= 12 and all(e.is_demo for e in entries) and radar.is_demo
    assert [q.name for q in radar.quadrants.all()] == [
        "Verwaltung",
        "Infrastruktur",
        "Bürgerdienste",
        "Daten & KI",
    ]
    names = " ".join(entries.values_list("name", flat=True)).lower()
    for word in ("lorawan", "e-akte", "ozg", "coworking", "mobility as a service", "ki", "5g"):
        assert word in names, word


def test_entries_are_linked_to_the_seeds_projects(radar):
    lora = Entry.objects.get(radar=radar, name__icontains="lorawan")
    assert any(p.is_lighthouse for p in lora.projects.all())
    ozg = Entry.objects.get(radar=radar, name__icontains="OZG")
    assert "P1" in {p.code for p in ozg.projects.all()}
    linked = Entry.objects.filter(radar=radar, projects__isnull=False).distinct().count()
    assert linked >= 8


def test_one_edition_and_what_moved_since(radar):
    assert Edition.objects.filter(radar=radar).count() == 1
    context = services.movement_context(radar)
    moved = [context.of(e) for e in Entry.objects.filter(radar=radar)]
    assert any(m.moved == 1 for m in moved) and any(m.moved == -1 for m in moved)
    assert any(m.is_new for m in moved)
    assert sum(m.is_new for m in moved) < len(moved)
    lora = Entry.objects.get(radar=radar, name__icontains="lorawan")
    assert lora.ring_changes.count() == 2 and all(c.reason for c in lora.ring_changes.all())


def test_the_api_shows_the_published_radar_only(client, region, radar, host):
    data = client.get(reverse("api-radar-list"), **host).json()
    assert [r["slug"] for r in data["results"]] == [radar.slug]
    assert Radar.objects.filter(region=region, name="Chancen-Radar", published=False).exists()
    rows = client.get(reverse("api-radar-entry-list", args=[radar.pk]), **host).json()
    assert rows["count"] == Entry.objects.filter(radar=radar).count()
    exported = client.get(
        reverse("api-radar-export", args=[radar.pk]) + "?format=zalando", **host
    ).json()
    assert {e["moved"] for e in exported["entries"]} == {-1, 0, 1}
