"""The staffing figures (issue 14, section 3): per town and at the district, planned and filled
full-time equivalents (FTE) against the working group's recommendation of August 2020 (at least
0.5 post per town, 1.0 post at the district; configurable, see `recommendations`).

Plain functions on plain values, no ORM: network/services.py reads the posts and calls
`compute`.

The rules:
- planned FTE of a line: the sum of its posts' planned FTE.
- filled FTE of a line: the sum of its posts' filled FTE, where a post with a vacancy open on
  the day of the figures counts 0 (its holder left; whatever "filled" still says).
- gap: how much filled FTE is missing to the recommendation, never below 0 (a surplus in one
  town fills no other town's gap); met: filled >= recommendation.
- totals: the sums of planned, filled, recommendation and gap over all towns and the district.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings

ZERO = Decimal("0")
DEFAULT_TOWN = Decimal("0.5")
DEFAULT_DISTRICT = Decimal("1.0")


@dataclass(frozen=True)
class PostFigures:
    """What the figures need of one post: its town (None: district), FTE and vacancy today."""

    municipality_id: int | None
    planned: Decimal
    filled: Decimal
    vacant: bool = False

    @property
    def counted_filled(self) -> Decimal:
        return ZERO if self.vacant else self.filled


@dataclass
class Line:
    """One row of the table: a town, the district level or the totals."""

    key: int | None
    name: str
    recommendation: Decimal
    planned: Decimal = ZERO
    filled: Decimal = ZERO
    posts: int = 0
    vacant_posts: int = 0
    is_district: bool = False

    @property
    def gap(self) -> Decimal:
        return max(self.recommendation - self.filled, ZERO)

    @property
    def met(self) -> bool:
        return self.filled >= self.recommendation

    @property
    def planned_met(self) -> bool:
        return self.planned >= self.recommendation

    def add(self, post: PostFigures) -> None:
        self.planned += post.planned
        self.filled += post.counted_filled
        self.posts += 1
        self.vacant_posts += int(post.vacant)


@dataclass
class Staffing:
    towns: list[Line]
    district: Line
    town_recommendation: Decimal
    district_recommendation: Decimal
    lines: list[Line] = field(init=False)

    def __post_init__(self) -> None:
        self.lines = [*self.towns, self.district]

    @property
    def planned(self) -> Decimal:
        return sum((line.planned for line in self.lines), ZERO)

    @property
    def filled(self) -> Decimal:
        return sum((line.filled for line in self.lines), ZERO)

    @property
    def recommendation(self) -> Decimal:
        return sum((line.recommendation for line in self.lines), ZERO)

    @property
    def gap(self) -> Decimal:
        return sum((line.gap for line in self.lines), ZERO)

    @property
    def met_count(self) -> int:
        return sum(1 for line in self.lines if line.met)

    @property
    def posts(self) -> int:
        return sum(line.posts for line in self.lines)

    @property
    def vacant_posts(self) -> int:
        return sum(line.vacant_posts for line in self.lines)


def recommendations() -> tuple[Decimal, Decimal]:
    """(per town, at the district) from the settings DIGITALAGENTUR_FTE_RECOMMENDATION_TOWN and
    DIGITALAGENTUR_FTE_RECOMMENDATION_DISTRICT (defaults 0.5 and 1.0)."""
    town = getattr(settings, "DIGITALAGENTUR_FTE_RECOMMENDATION_TOWN", DEFAULT_TOWN)
    district = getattr(settings, "DIGITALAGENTUR_FTE_RECOMMENDATION_DISTRICT", DEFAULT_DISTRICT)
    return Decimal(str(town)), Decimal(str(district))


def compute(
    towns: Sequence[tuple[int, str]],
    posts: Iterable[PostFigures],
    *,
    district_name: str,
    town_recommendation: Decimal,
    district_recommendation: Decimal,
) -> Staffing:
    """The figures of every town in `towns` ((id, name), in the order given; towns without
    posts too) and of the district level. A post of a town not in `towns` is a ValueError."""
    lines = {pk: Line(key=pk, name=name, recommendation=town_recommendation) for pk, name in towns}
    district = Line(
        key=None, name=district_name, recommendation=district_recommendation, is_district=True
    )
    for post in posts:
        if post.municipality_id is None:
            district.add(post)
        elif post.municipality_id in lines:
            lines[post.municipality_id].add(post)
        else:
            raise ValueError(f"post of unknown town {post.municipality_id}")
    return Staffing(
        towns=list(lines.values()),
        district=district,
        town_recommendation=town_recommendation,
        district_recommendation=district_recommendation,
    )
