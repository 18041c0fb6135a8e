"""The rule by which a project's status and progress follow from its towns' parts."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from digitalagentur.portfolio.choices import ProjectStatus
from digitalagentur.portfolio.rollup import mean_half_up, rolled_up

IDEA, PLANNED, RUNNING, DONE, PAUSED, STOPPED = (
    "idea",
    "planned",
    "in_progress",
    "completed",
    "paused",
    "discontinued",
)


@pytest.mark.parametrize(
    "parts, expected",
    [
        ([(PLANNED, 0)], (PLANNED, 0)),
        ([(RUNNING, 40), (PLANNED, 0)], (RUNNING, 20)),
        # 25 / 2 = 12.5 rounds half up to 13; 1/3 = 0.33 rounds down
        ([(RUNNING, 25), (PLANNED, 0)], (RUNNING, 13)),
        ([(RUNNING, 1), (PLANNED, 0), (PLANNED, 0)], (RUNNING, 0)),
        ([(RUNNING, 2), (PLANNED, 0), (PLANNED, 0)], (RUNNING, 1)),  # 0.67 → 1
        # discontinued parts are left out of both figures
        ([(DONE, 100), (STOPPED, 0)], (DONE, 100)),
        ([(DONE, 100), (STOPPED, 80), (RUNNING, 50)], (RUNNING, 75)),
        ([(STOPPED, 60), (STOPPED, 10)], (STOPPED, 0)),
        # a completed part next to planned ones: the project is under way
        ([(DONE, 100), (PLANNED, 0), (IDEA, 0)], (RUNNING, 33)),
        ([(PAUSED, 30), (PAUSED, 10)], (PAUSED, 20)),
        ([(PAUSED, 30), (PLANNED, 0)], (PLANNED, 15)),
        ([(PAUSED, 30), (IDEA, 0)], (IDEA, 15)),
        ([(IDEA, 0), (IDEA, 0), (STOPPED, 5)], (IDEA, 0)),
    ],
)
def test_hand_computed_cases(parts, expected):
    assert rolled_up(parts) == expected


def test_no_parts_no_rollup():
    assert rolled_up([]) is None


@pytest.mark.parametrize(
    "values, expected",
    [([], 0), ([0], 0), ([1, 2], 2), ([1, 1, 2], 1), ([99, 100], 100), ([33, 33, 34], 33)],
)
def test_mean_rounds_half_up(values, expected):
    assert mean_half_up(values) == expected


statuses = st.sampled_from([s.value for s in ProjectStatus])
parts_lists = st.lists(st.tuples(statuses, st.integers(0, 100)), min_size=1, max_size=12)


@given(parts_lists)
def test_the_rule_for_any_parts(parts):
    status, progress = rolled_up(parts)
    active = [(s, p) for s, p in parts if s != STOPPED]
    if not active:
        assert (status, progress) == (STOPPED, 0)
        return
    mean = sum(p for _s, p in active) / len(active)
    assert progress - 0.5 <= mean < progress + 0.5  # rounded half up
    assert min(p for _s, p in active) <= progress <= max(p for _s, p in active)
    kinds = {s for s, _p in active}
    assert (status == DONE) == (kinds == {DONE})
    if status == RUNNING:
        assert kinds & {RUNNING, DONE}
    # the order of the parts never matters
    assert rolled_up(list(reversed(parts))) == (status, progress)
