import pytest

from digitalagentur.portfolio.progress import progress_from_milestones


@pytest.mark.parametrize(
    ("total", "completed", "expected"),
    [(0, 0, 0), (4, 0, 0), (4, 1, 25), (3, 1, 33), (3, 2, 66), (3, 3, 100), (2, 5, 100)],
)
def test_progress_is_the_rounded_down_share_of_completed_milestones(total, completed, expected):
    assert progress_from_milestones(total, completed) == expected
