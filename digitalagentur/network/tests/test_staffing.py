"""The staffing figures (issue 14, section 3) on a hand-computed case: planned and filled FTE
per town and at the district against the recommendation (0.5 per town, 1.0 at the district),
a vacant post counting 0 filled, gaps never below 0, and the totals."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from digitalagentur.network.staffing import PostFigures, compute, recommendations

TOWNS = [(1, "Ascheberg"), (2, "Billerbeck"), (3, "Coesfeld"), (4, "Dülmen")]


def figures():
    """By hand:
    Ascheberg: 0.50 planned, 0.25 filled                    -> gap 0.25, not met
    Billerbeck: 0.50 + 0.30 planned, 0.50 + 0.30 filled     -> 0.80 filled, gap 0, met
    Coesfeld: 1.00 planned, 1.00 "filled" but vacant today  -> 0 filled, gap 0.50, not met
    Dülmen: no post                                         -> 0 / 0, gap 0.50, not met
    district: 1.00 vacant + 0.50 filled (of 0.50)           -> 1.50 planned, 0.50 filled, gap 0.50
    totals: planned 0.50 + 0.80 + 1.00 + 0 + 1.50 = 3.80; filled 0.25 + 0.80 + 0 + 0 + 0.50
    = 1.55; recommendation 4 x 0.5 + 1.0 = 3.0; gap 0.25 + 0 + 0.50 + 0.50 + 0.50 = 1.75
    (Billerbeck's surplus of 0.30 fills no other gap); met 1 of 5.
    """
    return [
        PostFigures(1, D("0.50"), D("0.25")),
        PostFigures(2, D("0.50"), D("0.50")),
        PostFigures(2, D("0.30"), D("0.30")),
        PostFigures(3, D("1.00"), D("1.00"), vacant=True),
        PostFigures(None, D("1.00"), D("1.00"), vacant=True),
        PostFigures(None, D("0.50"), D("0.50")),
    ]


def test_the_hand_computed_case():
    result = compute(
        TOWNS,
        figures(),
        district_name="Kreisebene",
        town_recommendation=D("0.5"),
        district_recommendation=D("1.0"),
    )
    table = [
        (line.name, line.planned, line.filled, line.recommendation, line.gap, line.met)
        for line in result.lines
    ]
    assert table == [
        ("Ascheberg", D("0.50"), D("0.25"), D("0.5"), D("0.25"), False),
        ("Billerbeck", D("0.80"), D("0.80"), D("0.5"), D("0"), True),
        ("Coesfeld", D("1.00"), D("0"), D("0.5"), D("0.5"), False),
        ("Dülmen", D("0"), D("0"), D("0.5"), D("0.5"), False),
        ("Kreisebene", D("1.50"), D("0.50"), D("1.0"), D("0.50"), False),
    ]
    assert result.district.is_district and result.district.key is None
    assert [line.vacant_posts for line in result.lines] == [0, 0, 1, 0, 1]
    assert [line.posts for line in result.lines] == [1, 2, 1, 0, 2]
    assert result.planned == D("3.80")
    assert result.filled == D("1.55")
    assert result.recommendation == D("3.0")
    assert result.gap == D("1.75")
    assert result.met_count == 1
    assert (result.posts, result.vacant_posts) == (6, 2)
    # Coesfeld's planned 1.00 meets the recommendation although nobody fills it today.
    assert result.towns[2].planned_met and not result.towns[2].met


def test_other_recommendations_change_gaps_and_met():
    result = compute(
        TOWNS,
        figures(),
        district_name="Kreisebene",
        town_recommendation=D("0.25"),
        district_recommendation=D("2"),
    )
    assert [line.gap for line in result.lines] == [D("0"), D("0"), D("0.25"), D("0.25"), D("1.50")]
    assert [line.met for line in result.lines] == [True, True, False, False, False]
    assert result.recommendation == D("3.00")


def test_a_post_of_an_unknown_town_is_refused():
    with pytest.raises(ValueError):
        compute(
            TOWNS,
            [PostFigures(99, D("1"), D("1"))],
            district_name="Kreisebene",
            town_recommendation=D("0.5"),
            district_recommendation=D("1.0"),
        )


def test_the_recommendations_come_from_the_settings(settings):
    del settings.DIGITALAGENTUR_FTE_RECOMMENDATION_TOWN
    del settings.DIGITALAGENTUR_FTE_RECOMMENDATION_DISTRICT
    assert recommendations() == (D("0.5"), D("1.0"))
    settings.DIGITALAGENTUR_FTE_RECOMMENDATION_TOWN = "0.75"
    settings.DIGITALAGENTUR_FTE_RECOMMENDATION_DISTRICT = D("2")
    assert recommendations() == (D("0.75"), D("2"))
