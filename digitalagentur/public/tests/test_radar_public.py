"""The technology radar on the public website (issue 14, section 1): published radars only,
the picture and the table holding the same entries, "new" and "moved" against the last
edition, editions frozen as published, and a constant number of queries."""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET  # noqa: S405 - parses our own drawing in a test

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digitalagentur.core import testing as t
from digitalagentur.radar import services
from digitalagentur.testing.radar import make_entry, make_radar, ring

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

OTHER_HOST = "kreis-b.example.org"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def default_region(settings, region):
    settings.DEFAULT_REGION_SLUG = region.slug


@pytest.fixture
def radar(region):
    radar = make_radar(region, "Radar der Verwaltung", slug="verwaltung")
    make_entry(radar, "LoRaWAN", ring_name="Erproben", quadrant_name="Infrastruktur")
    make_entry(radar, "E-Akte", ring_name="Einsetzen", quadrant_name="Verwaltung")
    make_entry(radar, "Fax", ring_name="Beobachten", quadrant_name="Verwaltung")
    return radar


def blips(body: str) -> list[tuple[str, str]]:
    """(href, accessible name) of every blip of the page's radar picture."""
    drawing = re.search(r"<svg[^>]*class=\"radar-svg\".*?</svg>", body, re.S)[0]
    root = ET.fromstring(drawing)  # noqa: S314 - our own answer
    return [(a.get("href"), a.get("aria-label")) for a in root.findall(f"{SVG}a")]


def table_rows(body: str) -> list[tuple[str, str, str, str, str]]:
    """(row id, name, quadrant, ring, change) of the entries table."""
    rows = re.findall(
        r'<tr id="(eintrag-\d+)"[^>]*>\s*<td[^>]*>\d+</td>\s*<th scope="row">([^<]+)</th>\s*'
        r"<td[^>]*>([^<]+)</td>\s*<td[^>]*>([^<]+)</td>\s*<td[^>]*>([^<]+)</td>",
        body,
    )
    return [tuple(part.strip() for part in row) for row in rows]


def test_list_shows_the_published_radars_of_the_region(client, radar, region, other_region):
    make_radar(region, "ENTWURFS-RADAR", published=False)
    make_radar(other_region, "RADAR-AUS-KREIS-B")
    body = client.get(reverse("public:radar_list")).content.decode()
    assert "Radar der Verwaltung" in body
    assert reverse("public:radar_detail", args=["verwaltung"]) in body
    assert "ENTWURFS-RADAR" not in body and "RADAR-AUS-KREIS-B" not in body


def test_list_without_radars_says_so(client, region):
    body = client.get(reverse("public:radar_list")).content.decode()
    assert "Es ist noch kein Technologie-Radar veröffentlicht." in body


def test_picture_and_table_hold_the_same_entries(client, radar):
    body = client.get(reverse("public:radar_detail", args=["verwaltung"])).content.decode()
    rows = table_rows(body)
    # In the order of the table: quadrant, then ring, then name.
    assert [(name, quadrant, ring_name) for _id, name, quadrant, ring_name, _c in rows] == [
        ("E-Akte", "Verwaltung", "Einsetzen"),
        ("Fax", "Verwaltung", "Beobachten"),
        ("LoRaWAN", "Infrastruktur", "Erproben"),
    ]
    drawn = blips(body)
    assert [href for href, _label in drawn] == [f"#{row[0]}" for row in rows]
    for (_href, label), (_id, name, quadrant, ring_name, _c) in zip(drawn, rows, strict=True):
        assert label.startswith(f"{_href[len('#eintrag-') :]}. {name}: {ring_name}, {quadrant}")
    # No edition yet: everything is new.
    assert {row[4] for row in rows} == {"neu"}
    assert "Es gibt noch keine Ausgabe" in body


def test_moved_and_new_against_the_last_edition(client, radar, users):
    services.publish_edition(radar, user=None, date=datetime.date(2026, 6, 1))
    lorawan = radar.entries.get(name="LoRaWAN")
    services.change_ring(lorawan, ring(radar, "Einsetzen"), user=None, reason="Pilot erfolgreich")
    fax = radar.entries.get(name="Fax")
    services.change_ring(fax, ring(radar, "Zurückstellen"), user=None, reason="abgelöst")
    make_entry(radar, "KI-Assistenz", ring_name="Beobachten", quadrant_name="Daten & KI")
    body = client.get(reverse("public:radar_detail", args=["verwaltung"])).content.decode()
    changes = {row[1]: row[4] for row in table_rows(body)}
    assert changes == {
        "E-Akte": "–",
        "Fax": "nach außen gerückt",
        "LoRaWAN": "nach innen gerückt",
        "KI-Assistenz": "neu",
    }
    labels = [label for _href, label in blips(body)]
    assert any(
        label.endswith("LoRaWAN: Einsetzen, Infrastruktur (nach innen gerückt)") for label in labels
    )
    assert "Ausgabe vom 01.06.2026" in body


def test_an_edition_shows_the_radar_as_it_was_published(client, radar):
    first = services.publish_edition(radar, user=None, date=datetime.date(2026, 1, 1))
    lorawan = radar.entries.get(name="LoRaWAN")
    services.change_ring(lorawan, ring(radar, "Einsetzen"), user=None, reason="bewährt")
    second = services.publish_edition(radar, user=None, date=datetime.date(2026, 7, 1))
    services.change_ring(
        radar.entries.get(name="E-Akte"), ring(radar, "Zurückstellen"), user=None, reason="x"
    )
    url = reverse("public:radar_edition", args=["verwaltung", second.pk])
    body = client.get(url).content.decode()
    rows = {row[1]: (row[3], row[4]) for row in table_rows(body)}
    # As frozen on 1 July (E-Akte's later move is not in it), moved against 1 January.
    assert rows == {
        "E-Akte": ("Einsetzen", "–"),
        "Fax": ("Beobachten", "–"),
        "LoRaWAN": ("Einsetzen", "nach innen gerückt"),
    }
    assert "im Vergleich zur Ausgabe vom 01.01.2026" in body
    first_body = client.get(
        reverse("public:radar_edition", args=["verwaltung", first.pk])
    ).content.decode()
    assert {row[4] for row in table_rows(first_body)} == {"neu"}
    assert "zum ersten Mal veröffentlicht" in first_body


def test_drafts_unknown_editions_and_other_regions_are_not_found(
    client, radar, region, other_region
):
    draft = make_radar(region, "Entwurf", slug="entwurf", published=False)
    edition = services.publish_edition(draft, user=None)
    assert client.get(reverse("public:radar_detail", args=["entwurf"])).status_code == 404
    url = reverse("public:radar_edition", args=["entwurf", edition.pk])
    assert client.get(url).status_code == 404
    # An edition of another radar is not found under this one.
    url = reverse("public:radar_edition", args=["verwaltung", edition.pk])
    assert client.get(url).status_code == 404
    url = reverse("public:radar_detail", args=["verwaltung"])
    assert client.get(url, HTTP_HOST=OTHER_HOST).status_code == 404


def test_only_published_projects_are_linked_and_names_are_escaped(client, radar, region):
    shown = t.make_project(region, "Sensornetz", slug="sensornetz")
    hidden = t.make_project(region, "GEHEIMES-PROJEKT", slug="geheim", published=False)
    make_entry(radar, "<script>alert(1)</script>", projects=[shown, hidden])
    body = client.get(reverse("public:radar_detail", args=["verwaltung"])).content.decode()
    assert reverse("public:project_detail", args=["sensornetz"]) in body
    assert "GEHEIMES-PROJEKT" not in body
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_queries_do_not_grow_with_entries_and_editions(client, radar, region):
    url = reverse("public:radar_detail", args=["verwaltung"])

    def queries() -> int:
        client.get(url)  # fills the region's caches of this content state
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    services.publish_edition(radar, user=None, date=datetime.date(2026, 1, 1))
    before = queries()
    project = t.make_project(region, "Projekt")
    for n in range(12):
        make_entry(radar, f"Technik {n}", ring_name="Beobachten", projects=[project])
    services.publish_edition(radar, user=None, date=datetime.date(2026, 2, 1))
    assert queries() == before
