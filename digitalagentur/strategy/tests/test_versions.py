"""Freezing versions of the living strategy and comparing them."""

import pytest
from django.core.exceptions import ValidationError

from digitalagentur.core import testing as t
from digitalagentur.core.diff import diff_words
from digitalagentur.core.services import update_object
from digitalagentur.portfolio.services import update_project
from digitalagentur.strategy.figures import strategy_counts
from digitalagentur.strategy.versions import (
    diff_snapshots,
    freeze_version,
)


def test_mark_text_changes_marks_words():
    segments = diff_words("Online ins Rathaus", "Online ins neue Rathaus").segments
    assert {"op": "insert", "text": "neue "} in segments or {
        "op": "insert",
        "text": "neue",
    } in segments
    rebuilt_after = "".join(s["text"] for s in segments if s["op"] != "delete")
    rebuilt_before = "".join(s["text"] for s in segments if s["op"] != "insert")
    assert rebuilt_after == "Online ins neue Rathaus"
    assert rebuilt_before == "Online ins Rathaus"


@pytest.fixture
def content(region, town, strategy):
    field = t.make_field(strategy, "Verwaltung", slug="verwaltung")
    project = t.make_project(
        region,
        "Online ins Rathaus",
        towns=[town],
        field=field,
        code="P1",
        is_strategy_project=True,
    )
    return field, project


def test_a_version_keeps_its_content_after_live_changes(strategy, content):
    field, project = content
    version = freeze_version(strategy, "Fassung 2021")
    update_project(project, {"title": "Anders"}, expected_version=1)
    version.refresh_from_db()
    assert version.snapshot["projects"]["P1"]["title"] == "Online ins Rathaus"
    assert version.snapshot["fields"]["verwaltung"]["priority_group"] == 1


def test_version_names_are_unique_per_strategy(strategy, content):
    freeze_version(strategy, "Fassung 2021")
    with pytest.raises(ValidationError):
        freeze_version(strategy, "Fassung 2021")


def test_diff_lists_added_removed_and_changed(region, strategy, content):
    field, project = content
    old = freeze_version(strategy, "alt")
    update_project(project, {"title": "Online ins neue Rathaus"}, expected_version=1)
    t.make_project(region, "Crossiety", code="")
    field_b = t.make_field(strategy, "Bildung", slug="bildung")
    update_object(strategy, {"vision": "Neue Vision"}, expected_version=strategy.version)
    new = freeze_version(strategy, "neu")

    diff = diff_snapshots(old.snapshot, new.snapshot)
    assert [a["key"] for a in diff["fields"]["added"]] == [field_b.slug]
    assert [a["key"] for a in diff["projects"]["added"]] == ["crossiety"]
    changed = diff["projects"]["changed"]
    assert changed[0]["key"] == "P1"
    title_change = next(c for c in changed[0]["changes"] if c["attribute"] == "title")
    assert title_change["before"] == "Online ins Rathaus"
    assert any(s["op"] == "insert" and "neue" in s["text"] for s in title_change["segments"])
    assert diff["strategy"][0]["attribute"] == "vision"

    back = diff_snapshots(new.snapshot, old.snapshot)
    assert [r["key"] for r in back["projects"]["removed"]] == ["crossiety"]


def test_counts_follow_the_data_and_hide_drafts(region, town, strategy):
    fields = [t.make_field(strategy, f"F{i}", priority=1 + i % 3) for i in range(3)]
    t.make_field(strategy, "Entwurf", published=False)
    for i in range(4):
        t.make_project(region, f"S{i}", code=f"P{i + 1}", is_strategy_project=True, field=fields[0])
    t.make_project(region, "Entwurf", code="P9", is_strategy_project=True, published=False)
    t.make_project(region, "Lokal", towns=[town])
    counts = strategy_counts(strategy)
    assert counts.as_dict() == {
        "municipalities": 1,
        "visions": 1,
        "fields": 3,
        "guiding_principles": 3,
        "priority_groups": 3,
        "projects": 4,
    }
    assert strategy_counts(strategy, public=False).projects == 5
