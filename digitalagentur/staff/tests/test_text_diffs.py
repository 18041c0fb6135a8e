"""Word diffs in the staff area: computed once, stored, escaped, never on the dashboard."""

from unittest import mock

import pytest
from django.urls import reverse

from digitalagentur.core import diff as core_diff
from digitalagentur.core.models import ObjectChange
from digitalagentur.core.services import changes_for, update_object
from digitalagentur.strategy import versions as strategy_versions
from digitalagentur.strategy.models import VersionDiff
from digitalagentur.strategy.versions import freeze_version


@pytest.fixture
def counted_diff():
    """Counts the word diffs computed (core.diff.diff_words, wherever it is called from)."""
    with (
        mock.patch(
            "digitalagentur.core.services.diff_words", wraps=core_diff.diff_words
        ) as in_services,
        mock.patch(
            "digitalagentur.strategy.versions.diff_words", wraps=core_diff.diff_words
        ) as in_versions,
    ):
        yield lambda: in_services.call_count + in_versions.call_count


def edit_vision(strategy, text: str):
    strategy.refresh_from_db()
    return update_object(strategy, {"vision": text}, expected_version=strategy.version)


def test_the_change_list_shows_the_stored_diff_escaped(client, login, strategy):
    edit_vision(strategy, "Gemeinsam <b>mutig</b> digital.")
    login("reader")
    html = client.get(reverse("staff:change_list")).content.decode()
    assert "<ins>&lt;b&gt;mutig&lt;/b&gt; </ins>" in html
    assert "<b>mutig</b>" not in html


def test_a_diff_is_computed_once_when_the_change_is_written(client, login, strategy, counted_diff):
    edit_vision(strategy, "Gemeinsam und mutig digital.")
    assert counted_diff() == 1
    login("reader")
    for _ in range(2):
        response = client.get(reverse("staff:change_list"))
        assert "<ins>und mutig </ins>" in response.content.decode()
    assert counted_diff() == 1  # the views only read the stored diff


def test_an_older_change_gets_its_diff_on_first_view_and_keeps_it(
    client, login, strategy, counted_diff
):
    edit_vision(strategy, "Gemeinsam und mutig digital.")
    change = changes_for(strategy).filter(action="update").get()
    ObjectChange.objects.filter(pk=change.pk).update(text_diffs=None)  # logged before diffs
    login("reader")
    calls = counted_diff()
    client.get(reverse("staff:change_list"))
    assert counted_diff() == calls + 1
    change.refresh_from_db()
    assert change.text_diffs["vision"]["segments"]
    client.get(reverse("staff:change_list"))
    assert counted_diff() == calls + 1


def test_the_dashboard_never_computes_a_diff(client, login, strategy, counted_diff):
    edit_vision(strategy, "Gemeinsam und mutig digital.")
    ObjectChange.objects.update(text_diffs=None)
    login("reader")
    calls = counted_diff()
    # the edit has no author (system): shown with the automatic entries
    html = client.get(reverse("staff:dashboard"), {"automatisch": "1"}).content.decode()
    assert counted_diff() == calls
    assert "Vision" in html  # which fields changed, compactly
    assert "<ins>" not in html
    assert not ObjectChange.objects.filter(text_diffs__isnull=False).exists()


def test_a_text_too_different_for_a_word_diff_is_shown_as_replaced(client, login, strategy):
    edit_vision(strategy, "x " * 1000)
    edit_vision(strategy, "y " * 1000)
    login("reader")
    html = client.get(reverse("staff:change_list")).content.decode()
    assert "Text ersetzt" in html
    assert f"<del>{'x ' * 999}x</del>" in html and f"<ins>{'y ' * 999}y</ins>" in html


def test_comparing_two_versions_is_computed_once_and_stored(client, login, strategy):
    old = freeze_version(strategy, "alt")
    edit_vision(strategy, "Gemeinsam und mutig digital.")
    new = freeze_version(strategy, "neu")
    login("reader")
    url = reverse("staff:version_diff") + f"?a={old.pk}&b={new.pk}"
    with mock.patch.object(
        strategy_versions, "diff_snapshots", wraps=strategy_versions.diff_snapshots
    ) as computed:
        first = client.get(url).content.decode()
        second = client.get(url).content.decode()
    assert computed.call_count == 1
    assert "<ins>und mutig </ins>" in first and "<ins>und mutig </ins>" in second
    assert VersionDiff.objects.filter(old=old, new=new, public=False).count() == 1


def test_comparing_with_the_current_state_follows_each_edit(client, login, strategy):
    old = freeze_version(strategy, "alt")
    login("reader")
    url = reverse("staff:version_diff") + f"?a={old.pk}&b=aktuell"
    edit_vision(strategy, "Gemeinsam und mutig digital.")
    with mock.patch.object(
        strategy_versions, "diff_snapshots", wraps=strategy_versions.diff_snapshots
    ) as computed:
        assert "<ins>und mutig </ins>" in client.get(url).content.decode()
        client.get(url)
        assert computed.call_count == 1  # same current state: cached
        edit_vision(strategy, "Gemeinsam und sehr mutig digital.")
        assert "<ins>und sehr mutig </ins>" in client.get(url).content.decode()
        assert computed.call_count == 2  # the state changed: a new comparison
