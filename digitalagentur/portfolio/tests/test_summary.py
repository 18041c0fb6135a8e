"""The status bar's figures: distribution and overall progress (parts → project → field →
strategy by one rule), computed by hand for small cases."""

import pytest

from digitalagentur.core import testing as t
from digitalagentur.portfolio.models import Participation, Project
from digitalagentur.portfolio.services import update_part
from digitalagentur.portfolio.summary import status_summary, summarize


def test_distribution_and_progress_by_hand():
    summary = summarize(
        [("planned", 2, 0), ("in_progress", 1, 50), ("completed", 1, 100), ("discontinued", 1, 30)]
    )
    assert summary.total == 5
    # (0 + 0 + 50 + 100) / 4 = 37.5 → 38; the discontinued project counts for nothing
    assert summary.progress == 38
    assert [(s.status, s.count, s.percent) for s in summary.segments] == [
        ("planned", 2, 40),
        ("in_progress", 1, 20),
        ("completed", 1, 20),
        ("discontinued", 1, 20),
    ]
    assert [s.x for s in summary.segments] == [0, 40, 60, 80]
    assert sum(s.width for s in summary.segments) == pytest.approx(100)


def test_empty_and_all_discontinued():
    assert summarize([]).total == 0 and summarize([]).segments == []
    assert summarize([("discontinued", 3, 90)]).progress == 0


def test_bar_order_is_fixed_whatever_the_row_order():
    rows = [("paused", 1, 10), ("idea", 1, 0), ("completed", 1, 100)]
    assert [s.status for s in summarize(rows).segments] == ["idea", "completed", "paused"]
    assert [s.status for s in summarize(reversed(rows)).segments] == [
        "idea",
        "completed",
        "paused",
    ]


@pytest.mark.django_db
def test_parts_to_project_to_field_to_strategy(region, strategy, town, other_town):
    """Hand-computed: a shared project at (100 + 0) / 2 = 50 %, a local one at 20 %, a
    discontinued one left out: the field and the strategy stand at (50 + 20) / 2 = 35 %."""
    field = t.make_field(strategy, "Verwaltung")
    shared = t.make_project(region, "Gemeinsam", towns=[town, other_town], field=field)
    update_part(
        Participation.objects.get(project=shared, municipality=town),
        {"status": "completed", "progress": 100},
        expected_version=1,
    )
    t.make_project(region, "Lokal", towns=[town], field=field, status="in_progress", progress=20)
    t.make_project(region, "Aus", towns=[town], field=field, status="discontinued", progress=70)
    shared.refresh_from_db()
    assert (shared.status, shared.progress) == ("in_progress", 50)
    in_field = status_summary(Project.objects.filter(field=field))
    assert (in_field.total, in_field.progress) == (3, 35)
    assert [(s.status, s.count) for s in in_field.segments] == [
        ("in_progress", 2),
        ("discontinued", 1),
    ]
