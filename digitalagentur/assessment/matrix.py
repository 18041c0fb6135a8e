"""The portfolio matrix of an assessment round (issue 9 §4), pure layout: no database, no
template.

Every field of action is a bubble at (relevance, potential): relevance on the x axis,
potential on the y axis, both on the scale 1 to 5. The bubble's area grows with the number
of the field's projects (radius = MIN_RADIUS + k·sqrt(count), the largest count drawing
MAX_RADIUS; a field without projects still shows as a small dot), its colour names its
(final) priority group. Colour is never the only carrier: every label ends with the
group's Roman numeral ("Verwaltung (I)"), the legend says it in text, and the table
alternative (includes/matrix.html) lists every figure.

The quadrant lines sit at the middle of the scale (3), not at the means of the round: the
quadrants then mean the same in every round and in the comparison of a town with the
district ("above 3: more relevant than not"), and they do not move when a town is added.

With a town (`town_results`), its own scores are drawn as hollow rings in the group's colour,
joined to the district's bubble by a thin dashed line, so a town is compared with the
district at a glance.

Fields without a relevance or potential score (nobody answered that dimension) cannot be
placed: they are left out of the drawing but kept in the table (`items`, plotted=False).

`build_matrix(results, municipality=None, town_results=None)` reads any results object:
an iterable of items, or an object with `fields` / `rows` / `results`; per item the
attributes (or keys) name, slug (or field.name / field.slug), relevance, potential
(numbers, or objects with `.mean`), project_count, and the group (final_group,
priority_group or group).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from .results import roman

SCALE_MIN, SCALE_MAX = 1, 5
MIDPOINT = 3

# The drawing (user units of the viewBox; the SVG scales to the width of the page).
WIDTH = 440
LEFT, RIGHT = 58, 424  # the plot's x range (1 .. 5)
TOP, BOTTOM = 16, 376  # the plot's y range (5 .. 1)
HEIGHT = 430  # below the plot: tick labels and the axis label "Relevanz"
PLOT_WIDTH = RIGHT - LEFT
PLOT_HEIGHT = BOTTOM - TOP
MIN_RADIUS = 5.0
MAX_RADIUS = 26.0
TOWN_RADIUS = 7.0
LABEL_FONT = 14  # px, the fields' labels
CHAR_WIDTH = 7.8  # rough width of a character of the labels
LABEL_HEIGHT = 16
MAX_LABEL = 30  # characters of a label drawn in the chart (the table has the full name)
# Height of the legend drawn into the standalone SVG file (export) below the chart.
LEGEND_LINE = 22

# Group colours, each at least 4.5:1 on white (WCAG 1.4.3 for the white numerals inside
# the bubbles and 1.4.11 for the shapes); the numeral in each label carries the group too.
GROUP_COLOURS = {
    1: "#a32020",  # dark red, 7.3:1
    2: "#8a4b00",  # dark amber, 6.6:1
    3: "#1f5f8b",  # dark blue, 6.7:1
}
OTHER_COLOUR = "#4b5563"  # any other group (overrides allow up to 9) and none: 7.6:1
TEXT_COLOUR = "#1f2328"
MUTED_COLOUR = "#4b5563"
GRID_COLOUR = "#d0d7de"


# --- reading any results --------------------------------------------------------------------


def _get(item, *names, default=None):
    for name in names:
        if isinstance(item, dict):
            if name in item:
                return item[name]
        elif hasattr(item, name):
            return getattr(item, name)
    return default


def _number(value) -> Fraction | None:
    """A score as an exact Fraction (None stays None); stats objects give their mean."""
    if value is None:
        return None
    if hasattr(value, "mean") and not isinstance(value, (int, float, Decimal, Fraction)):
        value = value.mean
        if value is None:
            return None
    if isinstance(value, float):
        return Fraction(Decimal(repr(value)))
    if isinstance(value, str):
        return Fraction(Decimal(value))
    return Fraction(value)


def _items_of(results) -> list:
    if results is None:
        return []
    for name in ("fields", "rows", "results", "items"):
        inner = _get(results, name)
        if inner is not None and not callable(inner) and not isinstance(inner, (str, bytes)):
            return list(inner)
    return list(results)


def _name_slug(item) -> tuple[str, str]:
    the_field = _get(item, "field")
    name = _get(item, "name", "field_name")
    slug = _get(item, "slug", "field_slug")
    if the_field is not None and not isinstance(the_field, str):
        name = name or getattr(the_field, "name", None)
        slug = slug or getattr(the_field, "slug", None)
    elif isinstance(the_field, str):
        slug = slug or the_field
    return str(name or slug or ""), str(slug or name or "")


def _group(item) -> int | None:
    value = _get(item, "final_group", "group", "priority_group")
    if value is None or isinstance(value, int):
        return value
    number = getattr(value, "number", None)  # a PriorityGroup
    return int(number if number is not None else value)


# --- texts ----------------------------------------------------------------------------------


def score_text(value: Fraction | None, places: int = 2) -> str:
    """A score in German notation with two decimals ("3,40"); "–" for None."""
    if value is None:
        return "–"
    decimal = Decimal(value.numerator) / Decimal(value.denominator)
    return str(decimal.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)).replace(".", ",")


def group_text(group: int | None) -> str:
    """The group's numeral (results.roman: the one list of numerals)."""
    return roman(group)


def group_colour(group: int | None) -> str:
    return GROUP_COLOURS.get(group, OTHER_COLOUR)


def short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"


# --- geometry -------------------------------------------------------------------------------


def x_of(value: Fraction) -> float:
    return round(LEFT + float((value - SCALE_MIN) / (SCALE_MAX - SCALE_MIN)) * PLOT_WIDTH, 2)


def y_of(value: Fraction) -> float:
    return round(BOTTOM - float((value - SCALE_MIN) / (SCALE_MAX - SCALE_MIN)) * PLOT_HEIGHT, 2)


def radius(count: int, largest: int) -> float:
    """MIN_RADIUS for no projects; the area grows with the count (sqrt), MAX_RADIUS for the
    largest count of the matrix. Strictly increasing in `count`."""
    if count <= 0 or largest <= 0:
        return MIN_RADIUS
    return round(MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * math.sqrt(count / largest), 2)


@dataclass
class Label:
    text: str
    x: float
    y: float
    anchor: str  # start | end | middle

    def box(self) -> tuple[float, float, float, float]:
        width = len(self.text) * CHAR_WIDTH
        if self.anchor == "start":
            left = self.x
        elif self.anchor == "end":
            left = self.x - width
        else:
            left = self.x - width / 2
        return (left, self.y - LABEL_HEIGHT + 3, left + width, self.y + 3)


@dataclass
class TownMarker:
    relevance: Fraction
    potential: Fraction
    cx: float
    cy: float
    r: float = TOWN_RADIUS


@dataclass
class MatrixItem:
    name: str
    slug: str
    relevance: Fraction | None
    potential: Fraction | None
    project_count: int
    group: int | None
    combined: Fraction | None = None
    rank: int | None = None
    cx: float = 0.0
    cy: float = 0.0
    r: float = MIN_RADIUS
    label: Label | None = None
    town: TownMarker | None = None
    town_relevance: Fraction | None = None
    town_potential: Fraction | None = None

    @property
    def plotted(self) -> bool:
        return self.relevance is not None and self.potential is not None

    @property
    def colour(self) -> str:
        return group_colour(self.group)

    @property
    def group_label(self) -> str:
        return group_text(self.group)

    @property
    def relevance_text(self) -> str:
        return score_text(self.relevance)

    @property
    def potential_text(self) -> str:
        return score_text(self.potential)

    @property
    def town_relevance_text(self) -> str:
        return score_text(self.town_relevance)

    @property
    def town_potential_text(self) -> str:
        return score_text(self.town_potential)

    @property
    def show_numeral(self) -> bool:
        """The numeral fits inside the bubble."""
        return self.r >= 11

    @property
    def numeral_size(self) -> int:
        return 12 if self.r < 16 else 14

    @property
    def tooltip(self) -> str:
        return _(
            "%(name)s: Relevanz %(relevance)s, Potenzial %(potential)s, "
            "%(projects)s Projekte, Prioritätengruppe %(group)s"
        ) % {
            "name": self.name,
            "relevance": self.relevance_text,
            "potential": self.potential_text,
            "projects": self.project_count,
            "group": self.group_label,
        }


@dataclass(frozen=True)
class Tick:
    value: int
    x: float
    y: float


@dataclass(frozen=True)
class LegendEntry:
    group: int | None
    colour: str
    text: str


@dataclass
class Matrix:
    items: list[MatrixItem]  # every field, in the order of the results (the table)
    town_name: str = ""
    has_town: bool = False
    largest_count: int = 0
    legend: list[LegendEntry] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = RIGHT
    top: int = TOP
    bottom: int = BOTTOM
    mid_x: float = 0.0
    mid_y: float = 0.0
    ticks: list[Tick] = field(default_factory=list)
    title: str = ""
    description: str = ""

    @property
    def plotted(self) -> list[MatrixItem]:
        """The placed bubbles, the largest first, so that smaller ones lie on top."""
        return sorted((i for i in self.items if i.plotted), key=lambda i: (-i.r, i.name, i.slug))

    @property
    def unplotted(self) -> list[MatrixItem]:
        return [i for i in self.items if not i.plotted]

    @property
    def town_markers(self) -> list[MatrixItem]:
        return [i for i in self.items if i.plotted and i.town is not None]

    @property
    def is_empty(self) -> bool:
        return not self.items

    @property
    def x_label_x(self) -> float:
        return round((LEFT + RIGHT) / 2, 2)

    @property
    def x_label_y(self) -> int:
        return BOTTOM + 46

    @property
    def y_label_x(self) -> int:
        return 16

    @property
    def y_label_y(self) -> float:
        return round((TOP + BOTTOM) / 2, 2)

    @property
    def tick_x_label_y(self) -> int:
        return BOTTOM + 22

    @property
    def tick_y_label_x(self) -> int:
        return LEFT - 10

    # The legend of the standalone SVG file (export), below the chart.
    @property
    def legend_rows(self) -> list[dict]:
        rows = []
        y = HEIGHT + 10
        for entry in self.legend:
            rows.append({"entry": entry, "y": y, "cy": y - 5})
            y += LEGEND_LINE
        return rows

    @property
    def legend_notes_y(self) -> int:
        return HEIGHT + 10 + LEGEND_LINE * len(self.legend)

    @property
    def standalone_height(self) -> int:
        extra = 2 + (1 if self.has_town else 0)
        return self.legend_notes_y + LEGEND_LINE * extra


def place_labels(items: list[MatrixItem]) -> None:
    """Greedy label placement: right of the bubble, else left, above, below; the first
    position inside the drawing that overlaps neither a label placed before nor another
    bubble or town ring wins; else the first that overlaps no label; else the first that
    stays inside the drawing."""
    placed: list[tuple[float, float, float, float]] = []
    bubbles = [(i.cx, i.cy, i.r) for i in items]
    # The town's hollow rings are obstacles too (with their stroke).
    bubbles += [(i.town.cx, i.town.cy, i.town.r + 2) for i in items if i.town is not None]

    def inside(box) -> bool:
        return box[0] >= 2 and box[2] <= WIDTH - 2 and box[1] >= 0 and box[3] <= BOTTOM + 4

    def overlaps(box, other) -> bool:
        return not (
            box[2] <= other[0] or other[2] <= box[0] or box[3] <= other[1] or other[3] <= box[1]
        )

    def hits_bubble(box, own) -> bool:
        for cx, cy, r in bubbles:
            if (cx, cy, r) == own:
                continue
            nearest_x = min(max(cx, box[0]), box[2])
            nearest_y = min(max(cy, box[1]), box[3])
            if (nearest_x - cx) ** 2 + (nearest_y - cy) ** 2 < r * r:
                return True
        return False

    # Larger bubbles first: their labels need the room most.
    for item in sorted(items, key=lambda i: (-i.r, i.name, i.slug)):
        text = short(f"{item.name} ({item.group_label})")
        gap = item.r + 4
        candidates = [
            Label(text, round(item.cx + gap, 2), round(item.cy + 5, 2), "start"),
            Label(text, round(item.cx - gap, 2), round(item.cy + 5, 2), "end"),
            Label(text, item.cx, round(item.cy - gap - 2, 2), "middle"),
            Label(text, item.cx, round(item.cy + gap + LABEL_HEIGHT - 2, 2), "middle"),
        ]
        own = (item.cx, item.cy, item.r)
        fitting = [c for c in candidates if inside(c.box())]
        choice = next(
            (
                c
                for c in fitting
                if not any(overlaps(c.box(), o) for o in placed) and not hits_bubble(c.box(), own)
            ),
            None,
        )
        if choice is None:
            choice = next(
                (c for c in fitting if not any(overlaps(c.box(), o) for o in placed)),
                fitting[0] if fitting else candidates[0],
            )
        item.label = choice
        placed.append(choice.box())


def _read(results) -> list[MatrixItem]:
    items = []
    for raw in _items_of(results):
        name, slug = _name_slug(raw)
        count = _get(raw, "project_count", "projects", default=0) or 0
        if not isinstance(count, int):
            count = len(count) if hasattr(count, "__len__") else int(count)
        rank = _get(raw, "rank")
        items.append(
            MatrixItem(
                name=name,
                slug=slug,
                relevance=_number(_get(raw, "relevance")),
                potential=_number(_get(raw, "potential")),
                project_count=count,
                group=_group(raw),
                combined=_number(_get(raw, "combined")),
                rank=rank,
            )
        )
    return items


def describe(matrix: Matrix) -> str:
    """The text alternative of the drawing (the SVG's <desc>)."""
    parts = [
        _(
            "Portfoliomatrix: Relevanz waagerecht, Potenzial senkrecht, jeweils von 1 bis 5; "
            "Trennlinien bei 3. Die Kreisgröße zeigt die Zahl der Projekte, die Farbe und die "
            "römische Ziffer die Prioritätengruppe."
        )
    ]
    if matrix.has_town:
        parts.append(
            _("Hohle Ringe: die Werte von %(town)s, verbunden mit dem Wert des Kreises.")
            % {"town": matrix.town_name}
        )
    for item in matrix.items:
        if not item.plotted:
            parts.append(_("%(name)s: nicht eingezeichnet, keine Werte.") % {"name": item.name})
            continue
        text = item.tooltip + "."
        if item.town is not None:
            text += " " + _("%(town)s: Relevanz %(relevance)s, Potenzial %(potential)s.") % {
                "town": matrix.town_name,
                "relevance": item.town_relevance_text,
                "potential": item.town_potential_text,
            }
        parts.append(text)
    return " ".join(parts)


def build_matrix(results, municipality=None, town_results=None) -> Matrix:
    """The matrix of a round's results (round_results(round) or any items, see the module's
    docstring). With a town (`municipality`, or the results' own `municipality`, as
    round_results(round, municipality=town) gives them) its own scores (the rows'
    own_relevance / own_potential, or the items of `town_results`) are added as hollow
    markers; `municipality` (a town or its name) names them."""
    items = _read(results)
    largest = max((i.project_count for i in items), default=0)
    for item in items:
        item.r = radius(item.project_count, largest)
        if item.plotted:
            item.cx = x_of(item.relevance)
            item.cy = y_of(item.potential)
    if municipality is None and town_results is None:
        municipality = _get(results, "municipality")
    town_name = ""
    if municipality is not None:
        town_name = str(getattr(municipality, "name", municipality))
    has_town = town_results is not None or municipality is not None
    if has_town:
        if town_results is not None:
            own = {i.slug: i for i in _read(town_results)}
        else:  # round_results(round, municipality=town): the town's scores on every row
            own = {
                slug: MatrixItem(
                    name=name,
                    slug=slug,
                    relevance=_number(_get(raw, "own_relevance")),
                    potential=_number(_get(raw, "own_potential")),
                    project_count=0,
                    group=None,
                )
                for raw in _items_of(results)
                for name, slug in [_name_slug(raw)]
            }
        for item in items:
            mine = own.get(item.slug)
            if mine is None:
                continue
            item.town_relevance = mine.relevance
            item.town_potential = mine.potential
            if item.plotted and mine.plotted:
                item.town = TownMarker(
                    mine.relevance, mine.potential, x_of(mine.relevance), y_of(mine.potential)
                )
    plotted = [i for i in items if i.plotted]
    place_labels(plotted)
    groups = sorted({i.group for i in items if i.group is not None})
    legend = [
        LegendEntry(g, group_colour(g), _("Prioritätengruppe %(group)s") % {"group": group_text(g)})
        for g in groups
    ]
    ticks = [Tick(v, x_of(Fraction(v)), y_of(Fraction(v))) for v in range(SCALE_MIN, SCALE_MAX + 1)]
    matrix = Matrix(
        items=items,
        town_name=town_name,
        has_town=has_town,
        largest_count=largest,
        legend=legend,
        mid_x=x_of(Fraction(MIDPOINT)),
        mid_y=y_of(Fraction(MIDPOINT)),
        ticks=ticks,
        title=(
            _("Portfoliomatrix: %(town)s im Vergleich zum Kreis") % {"town": town_name}
            if has_town
            else _("Portfoliomatrix: Relevanz und Potenzial der Handlungsfelder")
        ),
    )
    matrix.description = describe(matrix)
    return matrix
