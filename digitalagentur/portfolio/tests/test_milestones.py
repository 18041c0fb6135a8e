"""Milestones past their date and not reached are overdue (Europe/Berlin's today)."""

import datetime

import pytest
from django.utils import timezone

from digitalagentur.portfolio.models import Milestone

TODAY = timezone.localdate


@pytest.mark.parametrize(
    ("due", "completed", "overdue"),
    [
        (-1, None, True),  # yesterday, open
        (0, None, False),  # today is still in time
        (1, None, False),
        (-400, -500, False),  # reached, even if late
        (None, None, False),  # no date, nothing to miss
    ],
)
def test_overdue_on_the_boundaries(due, completed, overdue):
    def day(offset):
        return None if offset is None else TODAY() + datetime.timedelta(days=offset)

    milestone = Milestone(title="M", due_date=day(due), completed_on=day(completed))
    assert milestone.is_overdue is overdue
