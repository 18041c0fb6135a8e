"""The radar's SVG (radar/svg.py): every blip in its sector and ring, none on top of another,
each a focusable link with its whole meaning as its name, the state told by shape."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET  # noqa: S405 - parses our own drawing in a test

from digitalagentur.radar import svg

SVG = "{http://www.w3.org/2000/svg}"
QUADRANTS = ["Verwaltung", "Infrastruktur", "Bürgerdienste", "Daten & KI"]
RINGS = ["Einsetzen", "Erproben", "Beobachten", "Zurückstellen"]


def crowded() -> list[svg.Blip]:
    blips = []
    number = 1
    for quadrant in range(4):
        for ring in range(4):
            for k in range(1 + (quadrant * 4 + ring) % 7):
                blips.append(svg.Blip(number, f"Eintrag {quadrant}-{ring}-{k}", quadrant, ring))
                number += 1
    # One sector far fuller than the rest.
    for k in range(25):
        blips.append(svg.Blip(number, f"Viel {k:02d}", 0, 0))
        number += 1
    return blips


def parse(drawing: str) -> ET.Element:
    return ET.fromstring(drawing)  # noqa: S314 - our own drawing


def test_every_blip_lies_in_its_sector_and_ring_and_none_overlap():
    blips = crowded()
    centre = 400
    outer = svg.layout(blips, len(QUADRANTS), len(RINGS), 300)
    placed = svg.positions(blips, len(QUADRANTS), outer, centre)
    assert set(placed) == {b.number for b in blips}
    for blip in blips:
        x, y = placed[blip.number]
        distance = math.hypot(x - centre, y - centre)
        inner = outer[blip.ring - 1] if blip.ring else 0.0
        assert inner < distance < outer[blip.ring], blip
        start, end = svg._sector_angles(blip.quadrant, len(QUADRANTS))
        angle = math.atan2(y - centre, x - centre)
        if angle < start:
            angle += 2 * math.pi
        assert start < angle < end, blip
    points = list(placed.values())
    closest = min(math.dist(a, b) for i, a in enumerate(points) for b in points[i + 1 :])
    assert closest >= 2 * svg.BLIP_RADIUS


def test_blips_are_links_named_with_their_meaning_and_the_drawing_is_stable():
    blips = [
        svg.Blip(1, "LoRaWAN", 1, 0, href="#eintrag-lorawan"),
        svg.Blip(2, "KI-Assistenz", 3, 1, is_new=True),
        svg.Blip(3, "5G", 1, 2, moved=1),
        svg.Blip(4, "Fax", 0, 3, moved=-1),
    ]
    drawing = svg.draw(QUADRANTS, RINGS, blips, title="Radar der Verwaltung")
    assert drawing == svg.draw(QUADRANTS, RINGS, blips, title="Radar der Verwaltung")
    root = parse(drawing)
    assert root.findtext(f"{SVG}title") == "Radar der Verwaltung"
    assert "4 Einträgen" in root.findtext(f"{SVG}desc")
    links = root.findall(f"{SVG}a")
    labels = [a.get("aria-label") for a in links]
    assert labels == [
        "1. LoRaWAN: Einsetzen, Infrastruktur",
        "2. KI-Assistenz: Erproben, Daten & KI (neu)",
        "3. 5G: Beobachten, Infrastruktur (nach innen gerückt)",
        "4. Fax: Zurückstellen, Verwaltung (nach außen gerückt)",
    ]
    assert links[0].get("href") == "#eintrag-lorawan"
    assert links[1].get("href") == "#radar-eintrag-2"
    # The state is a shape: a ring around the new one, triangles for the moved ones.
    assert len(links[0].findall(f"{SVG}circle")) == 1
    assert len(links[1].findall(f"{SVG}circle")) == 2
    up, down = (a.find(f"{SVG}polygon") for a in links[2:])
    tip_up = min(float(p.split(",")[1]) for p in up.get("points").split())
    base_up = max(float(p.split(",")[1]) for p in up.get("points").split())
    assert up.get("points").split()[0].endswith(f"{tip_up:.1f}") and tip_up < base_up
    tip_down = max(float(p.split(",")[1]) for p in down.get("points").split())
    assert down.get("points").split()[0].endswith(f"{tip_down:.1f}")


def test_names_are_escaped():
    drawing = svg.draw(
        ["<b>Q</b>", "Q2"], ["R1"], [svg.Blip(1, '<script>alert("x")</script>', 0, 0)], title="<t>"
    )
    assert "<script>" not in drawing and "<b>" not in drawing
    root = parse(drawing)
    assert root.find(f"{SVG}a").get("aria-label").startswith('1. <script>alert("x")</script>')


def test_no_quadrants_or_rings_draw_nothing():
    assert svg.draw([], RINGS, [], title="leer") == ""
    assert svg.draw(QUADRANTS, [], [], title="leer") == ""


def test_a_full_radar_grows_instead_of_piling_up():
    few = svg.draw(QUADRANTS, RINGS, [svg.Blip(1, "A", 0, 0)], title="t")
    full = svg.draw(QUADRANTS, RINGS, crowded(), title="t")

    def side(drawing):
        return float(parse(drawing).get("viewBox").split()[2])

    assert side(few) == 720
    assert side(full) > 720
