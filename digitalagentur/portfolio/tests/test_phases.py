"""A project's phase from its checklist (portfolio/phases.py): pure, no database."""

from types import SimpleNamespace

from digitalagentur.portfolio.choices import ProjectPhase
from digitalagentur.portfolio.phases import checklist


def item(pk, phase):
    return SimpleNamespace(pk=pk, phase=phase)


ITEMS = [
    item(1, ProjectPhase.IDEA),
    item(2, ProjectPhase.TENDER),
    item(3, ProjectPhase.IDEA),
    item(4, ProjectPhase.EVALUATION),
]


def test_the_phase_is_the_first_with_an_open_point_in_the_phases_order():
    result = checklist(ITEMS, done_item_ids=[1])
    assert result.current == ProjectPhase.IDEA  # point 3 is still open
    result = checklist(ITEMS, done_item_ids=[1, 3])
    assert result.current == ProjectPhase.TENDER  # funding has no points: skipped
    assert [p.phase for p in result.phases] == [
        ProjectPhase.IDEA,
        ProjectPhase.TENDER,
        ProjectPhase.EVALUATION,
    ]
    assert (result.done, result.total) == (2, 4)
    assert [p.current for p in result.phases] == [False, True, False]


def test_a_later_point_done_early_does_not_skip_an_open_earlier_phase():
    result = checklist(ITEMS, done_item_ids=[4, 2])
    assert result.current == ProjectPhase.IDEA
    assert not result.all_done


def test_all_done_and_no_points():
    assert checklist(ITEMS, done_item_ids=[1, 2, 3, 4]).all_done
    assert checklist(ITEMS, done_item_ids=[1, 2, 3, 4]).current is None
    empty = checklist([], done_item_ids=[])
    assert (empty.current, empty.all_done, empty.phases) == (None, False, [])


def test_points_keep_their_order_within_a_phase_and_ticks_of_unknown_points_are_ignored():
    result = checklist(ITEMS, done_item_ids=[3, 99])
    idea = result.phases[0]
    assert [(i.pk, done) for i, done in idea.items] == [(1, False), (3, True)]
    assert result.done == 1
