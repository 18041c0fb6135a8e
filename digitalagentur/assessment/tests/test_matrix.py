"""The portfolio matrix's geometry (assessment/matrix.py) on plain data."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from django.template.loader import render_to_string

from digitalagentur.assessment import matrix as m


def item(name, relevance, potential, projects=0, group=1, slug=None):
    return {
        "name": name,
        "slug": slug or name.lower(),
        "relevance": relevance,
        "potential": potential,
        "project_count": projects,
        "final_group": group,
    }


def contrast_on_white(colour: str) -> float:
    def channel(c):
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 1.05 / (luminance + 0.05)


def test_coordinates_match_the_scores():
    matrix = m.build_matrix(
        [
            item("Eins", Fraction(1), Fraction(1)),
            item("Fünf", Decimal(5), Decimal(5)),
            item("Mitte", Fraction(3), Fraction(3)),
            item("Schief", Fraction(2), Decimal("4.5")),
        ]
    )
    by_name = {i.name: i for i in matrix.items}
    assert (by_name["Eins"].cx, by_name["Eins"].cy) == (m.LEFT, m.BOTTOM)
    assert (by_name["Fünf"].cx, by_name["Fünf"].cy) == (m.RIGHT, m.TOP)
    assert (by_name["Mitte"].cx, by_name["Mitte"].cy) == (matrix.mid_x, matrix.mid_y)
    assert matrix.mid_x == (m.LEFT + m.RIGHT) / 2 and matrix.mid_y == (m.TOP + m.BOTTOM) / 2
    schief = by_name["Schief"]
    assert schief.cx == pytest.approx(m.LEFT + m.PLOT_WIDTH / 4, abs=0.01)
    assert schief.cy == pytest.approx(m.BOTTOM - m.PLOT_HEIGHT * 3.5 / 4, abs=0.01)
    # higher relevance is further right, higher potential further up
    assert by_name["Fünf"].cx > schief.cx > by_name["Eins"].cx
    assert schief.cy < by_name["Mitte"].cy
    assert [t.value for t in matrix.ticks] == [1, 2, 3, 4, 5]


def test_bubble_sizes_grow_with_the_project_count():
    counts = [0, 1, 2, 3, 5, 8, 13]
    matrix = m.build_matrix([item(f"F{c}", 3, 3, projects=c) for c in counts])
    radii = [i.r for i in matrix.items]
    assert radii == sorted(radii) and len(set(radii)) == len(radii)
    assert radii[0] == m.MIN_RADIUS and radii[-1] == m.MAX_RADIUS
    # the area (not the radius) grows with the count: r - min ~ sqrt(count)
    assert (radii[4] - m.MIN_RADIUS) / (radii[1] - m.MIN_RADIUS) == pytest.approx(5**0.5, 0.01)
    # without any project every bubble is the small dot
    assert {i.r for i in m.build_matrix([item("A", 2, 2), item("B", 4, 4)]).items} == {m.MIN_RADIUS}


def test_colours_per_group_are_distinct_and_readable():
    matrix = m.build_matrix(
        [item("A", 4, 4, group=1), item("B", 3, 3, group=2), item("C", 2, 2, group=3)]
    )
    colours = [i.colour for i in matrix.items]
    assert colours == [m.GROUP_COLOURS[1], m.GROUP_COLOURS[2], m.GROUP_COLOURS[3]]
    assert len(set(colours)) == 3
    for colour in [*colours, m.OTHER_COLOUR]:
        assert contrast_on_white(colour) >= 4.5, colour
    # colour is not the only carrier: the label names the group
    assert [i.label.text for i in matrix.items] == ["A (I)", "B (II)", "C (III)"]
    assert [e.text for e in matrix.legend] == [
        "Prioritätengruppe I",
        "Prioritätengruppe II",
        "Prioritätengruppe III",
    ]


def test_fields_without_scores_are_left_out_of_the_plot_but_kept_in_the_table():
    matrix = m.build_matrix(
        [item("Drin", 3, 4, projects=2), item("Ohne", None, 4), item("Leer", None, None)]
    )
    assert [i.name for i in matrix.items] == ["Drin", "Ohne", "Leer"]
    assert [i.name for i in matrix.plotted] == ["Drin"]
    assert [i.name for i in matrix.unplotted] == ["Ohne", "Leer"]
    html = render_to_string("assessment/includes/matrix.html", {"matrix": matrix})
    assert html.count('class="matrix-bubble group-') == 1
    assert 'data-field="ohne"' in html and 'data-field="leer"' in html  # table rows
    assert "Ohne Werte, daher nicht eingezeichnet: Ohne, Leer" in html
    assert "nicht eingezeichnet" in matrix.description


def test_labels_do_not_overlap_where_there_is_room():
    matrix = m.build_matrix(
        [
            item("Verwaltung", Fraction(42, 10), Fraction(40, 10), projects=6),
            item("Bildung", Fraction(41, 10), Fraction(40, 10), projects=4),
            item("Mobilität", Fraction(40, 10), Fraction(39, 10), projects=3),
            item("Tourismus", Fraction(2), Fraction(2), projects=1),
        ]
    )
    boxes = [i.label.box() for i in matrix.items]
    for n, a in enumerate(boxes):
        assert a[0] >= 0 and a[2] <= m.WIDTH
        for b in boxes[n + 1 :]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
    # a label at the right edge goes to the left of its bubble
    right = m.build_matrix([item("Ganz rechts außen", 5, 3)]).items[0]
    assert right.label.anchor in ("end", "middle")


def test_town_markers_compare_the_town_with_the_district():
    district = [item("A", Fraction(4), Fraction(3), projects=2), item("B", 2, 2, group=3)]
    town = [item("A", Fraction(5), Fraction(2)), item("B", None, 3, group=3)]
    matrix = m.build_matrix(district, municipality="Nottuln", town_results=town)
    a, b = matrix.items
    assert a.town is not None and (a.town.cx, a.town.cy) == (m.x_of(5), m.y_of(2))
    assert b.town is None and b.town_potential == 3  # no relevance: not drawn, but in the table
    assert [i.name for i in matrix.town_markers] == ["A"]
    assert "Nottuln" in matrix.title
    html = render_to_string("assessment/includes/matrix.html", {"matrix": matrix})
    assert html.count('class="matrix-town-marker"') == 1
    assert "Relevanz (Nottuln)" in html and "5,00" in html


def test_rendered_svg_is_accessible():
    matrix = m.build_matrix([item("Bildung", Fraction(37, 10), Fraction(33, 10), projects=3)])
    html = render_to_string(
        "assessment/includes/matrix.html", {"matrix": matrix, "matrix_id": "mx"}
    )
    assert 'role="img"' in html and 'aria-labelledby="mx-title mx-desc"' in html
    assert '<title id="mx-title">' in html and '<desc id="mx-desc">' in html
    assert ">Relevanz</text>" in html and ">Potenzial</text>" in html
    assert 'class="table-cards matrix-table"' in html
    assert 'data-label="Relevanz">3,70</td>' in html
    assert 'data-label="Potenzial">3,30</td>' in html
    assert "Bildung: Relevanz 3,70, Potenzial 3,30, 3 Projekte, Prioritätengruppe I" in html
    svg = render_to_string("assessment/matrix.svg", {"matrix": matrix})
    assert svg.startswith("<?xml") and 'xmlns="http://www.w3.org/2000/svg"' in svg
    assert "Prioritätengruppe I" in svg


def test_empty_results():
    matrix = m.build_matrix([])
    assert matrix.is_empty
    html = render_to_string("assessment/includes/matrix.html", {"matrix": matrix})
    assert "Noch keine Ergebnisse" in html and "<svg" not in html
