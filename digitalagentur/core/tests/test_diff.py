"""The word diff: correct segments, near-linear work, bounded fallback, stored with the change."""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from digitalagentur.core import testing as t
from digitalagentur.core.diff import MAX_DIFF_WORK, diff_words, tokenize
from digitalagentur.core.models import ObjectChange
from digitalagentur.core.services import changes_for, create_object, update_object
from digitalagentur.strategy.models import Strategy

WORDS = ["die", "der", "und", "Rathaus", "digital", "Kreis", "Projekt", "neu", "alt", "\n"]


def rebuilt(segments, side: str) -> str:
    skip = "insert" if side == "before" else "delete"
    return "".join(s["text"] for s in segments if s["op"] != skip)


def long_text(seed: int, words: int) -> str:
    rng = random.Random(seed)
    return " ".join(f"{rng.choice(WORDS)}{rng.randint(0, 999)}" for _ in range(words))


def test_an_inserted_word_is_marked_and_the_rest_kept():
    segments = diff_words("Online ins Rathaus", "Online ins neue Rathaus").segments
    assert segments == [
        {"op": "equal", "text": "Online ins "},
        {"op": "insert", "text": "neue "},
        {"op": "equal", "text": "Rathaus"},
    ]


def test_a_replaced_word_is_deleted_then_inserted():
    segments = diff_words("Wir bauen ein Rathaus.", "Wir bauen ein Bürgerbüro.").segments
    assert segments == [
        {"op": "equal", "text": "Wir bauen ein "},
        {"op": "delete", "text": "Rathaus."},
        {"op": "insert", "text": "Bürgerbüro."},
    ]


def test_a_space_between_two_changes_is_part_of_the_replacement():
    segments = diff_words("alte Worte bleiben", "neue Sätze bleiben").segments
    assert segments[0] == {"op": "delete", "text": "alte Worte"}
    assert segments[1] == {"op": "insert", "text": "neue Sätze"}


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    st.lists(st.sampled_from(WORDS), max_size=40),
    st.lists(st.sampled_from(WORDS), max_size=40),
)
def test_segments_rebuild_both_texts(old_words, new_words):
    before, after = " ".join(old_words), " ".join(new_words)
    result = diff_words(before, after)
    assert rebuilt(result.segments, "before") == before
    assert rebuilt(result.segments, "after") == after
    ops = [s["op"] for s in result.segments]
    assert all(a != b for a, b in zip(ops, ops[1:], strict=False))  # runs are merged


def test_a_100_kb_edit_is_diffed_word_by_word_with_linear_work():
    before = long_text(1, 14_000)
    assert len(before) > 100_000
    words = before.split(" ")
    for index in range(0, len(words), 700):  # 20 edits spread over the whole text
        words[index] = "GEÄNDERT"
    after = " ".join(words)
    result = diff_words(before, after)
    assert not result.replaced
    assert len(tokenize(before)) < 30_000
    assert result.work < 2 * len(tokenize(before))  # linear: about one step per token
    assert sum(1 for s in result.segments if s["op"] == "insert") == 20
    assert rebuilt(result.segments, "after") == after


def test_a_small_edit_in_a_long_text_costs_almost_nothing():
    before = long_text(2, 14_000)
    after = before[:50_000] + " eingefügt" + before[50_000:]
    result = diff_words(before, after)
    assert result.work < 100
    assert {"op": "insert", "text": " eingefügt"} in result.segments or any(
        s["op"] == "insert" and "eingefügt" in s["text"] for s in result.segments
    )


def test_completely_different_long_texts_fall_back_to_text_replaced_with_bounded_work():
    before, after = long_text(3, 14_000), long_text(4, 14_000)
    result = diff_words(before, after)
    assert result.replaced
    assert result.work <= MAX_DIFF_WORK
    assert rebuilt(result.segments, "before") == before
    assert rebuilt(result.segments, "after") == after


def test_the_quadratic_case_of_the_old_diff_stays_bounded():
    # 2 KB texts that share only whitespace made the old diff run for half a minute.
    result = diff_words("x " * 1000, "y " * 1000)
    assert result.work <= MAX_DIFF_WORK
    assert rebuilt(result.segments, "after") == "y " * 1000


def test_an_update_stores_the_word_diff_of_its_text_fields(region):
    strategy = t.make_strategy(region, vision="Gemeinsam digital.")
    update_object(
        strategy,
        {"vision": "Gemeinsam und mutig digital.", "title": "Neu", "published": False},
        expected_version=strategy.version,
    )
    change = changes_for(strategy).filter(action=ObjectChange.Action.UPDATE).get()
    assert change.text_diffs["vision"]["replaced"] is False
    assert {"op": "insert", "text": "und mutig "} in change.text_diffs["vision"]["segments"]
    assert "title" in change.text_diffs  # a short text is a text too
    assert "published" not in change.text_diffs  # not a text field


def test_a_creation_stores_no_diffs(region):
    strategy = create_object(Strategy(region=region, title="Strategie", vision="Digital."))
    change = changes_for(strategy).get()
    assert change.text_diffs == {}
