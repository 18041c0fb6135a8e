"""The status rule on hand-computed cases, exactly on its boundaries."""

import datetime
from decimal import Decimal
from fractions import Fraction

import pytest

from digitalagentur.indicators.choices import IndicatorStatus as S
from digitalagentur.indicators.status import (
    assess,
    expected_on,
    is_current,
    months_before,
    target_path,
)

D = datetime.date
START, END = D(2020, 1, 1), D(2020, 1, 11)  # ten days apart
MIDDLE = D(2020, 1, 6)


def status(baseline, latest, target, *, higher=True, latest_date=MIDDLE):
    values = [(START, Decimal(baseline)), (latest_date, Decimal(latest))]
    return assess(values, [(END, Decimal(target))], higher_is_better=higher)


@pytest.mark.parametrize(
    ("latest", "expected"),
    [
        ("60", S.ON_TRACK),  # ahead of the path
        ("50", S.ON_TRACK),  # exactly on the path (expected 50)
        ("49.9999", S.AT_RISK),
        ("40", S.AT_RISK),  # shortfall 10 = 10 % of the planned change 100
        ("39.9999", S.OFF_TRACK),
        ("0", S.OFF_TRACK),
    ],
)
def test_higher_is_better_boundaries(latest, expected):
    result = status("0", latest, "100")
    assert result.expected == 50
    assert result.tolerance == 10
    assert result.status == expected


@pytest.mark.parametrize(
    ("latest", "expected"),
    [
        ("40", S.ON_TRACK),
        ("50", S.ON_TRACK),
        ("50.0001", S.AT_RISK),
        ("60", S.AT_RISK),
        ("60.0001", S.OFF_TRACK),
    ],
)
def test_lower_is_better_boundaries(latest, expected):
    assert status("100", latest, "0", higher=False).status == expected


def test_the_path_is_straight_between_targets_and_flat_after_the_last():
    path = target_path([(START, Decimal(0))], [(END, Decimal(100)), (D(2020, 1, 21), Decimal(300))])
    assert expected_on(path, D(2020, 1, 16)) == 200  # half-way from 100 to 300
    assert expected_on(path, D(2020, 1, 12)) == 120
    assert expected_on(path, D(2021, 1, 1)) == 300
    assert expected_on(path, D(2019, 1, 1)) == 0
    assert expected_on(path, D(2020, 1, 4)) == Fraction(30)


def test_after_the_last_target_the_target_itself_is_expected():
    late = D(2020, 3, 1)
    assert status("0", "100", "100", latest_date=late).status == S.ON_TRACK
    assert status("0", "90", "100", latest_date=late).status == S.AT_RISK
    assert status("0", "89", "100", latest_date=late).status == S.OFF_TRACK


def test_a_target_on_the_baseline_date_replaces_the_baseline():
    path = target_path([(START, Decimal(5))], [(START, Decimal(7)), (END, Decimal(9))])
    assert path == [(START, Decimal(7)), (END, Decimal(9))]


def test_holding_a_level_tolerates_a_tenth_of_the_level():
    # Baseline and target are both 10: the planned change is 0, the tolerance 10 % of 10.
    assert status("10", "10", "10").status == S.ON_TRACK
    assert status("10", "9", "10").status == S.AT_RISK
    assert status("10", "8.9999", "10").status == S.OFF_TRACK


def test_the_only_value_is_the_baseline_and_so_on_the_path():
    result = assess([(START, Decimal(3))], [(END, Decimal(10))], higher_is_better=True)
    assert result.status == S.ON_TRACK
    assert result.latest == (START, Decimal(3))


def test_without_targets_or_values_there_is_no_status():
    assert assess([], [(END, Decimal(1))], higher_is_better=True).status == S.UNKNOWN
    only_values = assess([(START, Decimal(1))], [], higher_is_better=True)
    assert only_values.status == S.UNKNOWN
    assert only_values.latest == (START, Decimal(1))


def test_the_latest_value_counts_whatever_the_order_given():
    values = [(MIDDLE, Decimal(50)), (START, Decimal(0)), (D(2020, 1, 3), Decimal(90))]
    result = assess(values, [(END, Decimal(100))], higher_is_better=True)
    assert result.latest == (MIDDLE, Decimal(50))
    assert result.status == S.ON_TRACK


def test_months_before_keeps_the_day_or_takes_the_months_last():
    assert months_before(D(2026, 12, 3), 12) == D(2025, 12, 3)
    assert months_before(D(2025, 3, 31), 1) == D(2025, 2, 28)
    assert months_before(D(2024, 3, 31), 1) == D(2024, 2, 29)
    assert months_before(D(2026, 1, 15), 13) == D(2024, 12, 15)


def test_a_value_is_current_for_exactly_its_interval():
    today = D(2026, 12, 3)
    assert is_current(D(2025, 12, 3), 12, today)
    assert not is_current(D(2025, 12, 2), 12, today)
    assert not is_current(None, 12, today)
