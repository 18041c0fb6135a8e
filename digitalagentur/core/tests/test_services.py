"""The write path: versions, conflicts and the change log."""

import threading

import pytest
from django.db import connection

from digitalagentur.core import testing as t
from digitalagentur.core.models import ObjectChange
from digitalagentur.core.services import EditConflict, changes_for, delete_object, update_object
from digitalagentur.portfolio.models import Project
from digitalagentur.portfolio.services import update_project


@pytest.fixture
def project(region, town):
    return t.make_project(region, "Online ins Rathaus", towns=[town], code="P1")


def test_create_is_logged_with_after_values(project):
    entry = changes_for(project).get()
    assert entry.action == ObjectChange.Action.CREATE
    assert entry.changes["title"] == {"before": None, "after": "Online ins Rathaus"}
    assert entry.region_id == project.region_id


def test_update_increments_version_and_logs_before_after_and_reason(project, users):
    updated = update_project(
        project,
        {"title": "Online ins Rathaus 2.0"},
        expected_version=1,
        user=users["coordinator"],
        reason="Titel geschärft",
    )
    assert updated.version == 2
    assert Project.objects.get(pk=project.pk).title == "Online ins Rathaus 2.0"
    entry = changes_for(project).filter(action=ObjectChange.Action.UPDATE).get()
    assert entry.changes == {
        "title": {"before": "Online ins Rathaus", "after": "Online ins Rathaus 2.0"}
    }
    assert entry.user == users["coordinator"]
    assert entry.reason == "Titel geschärft"
    assert entry.version == 2


def test_stale_version_is_refused_and_nothing_is_overwritten(project):
    update_project(project, {"title": "Erste Änderung"}, expected_version=1)
    with pytest.raises(EditConflict) as info:
        update_project(project, {"title": "Zweite Änderung"}, expected_version=1)
    assert info.value.current_version == 2
    assert info.value.last_change().changes["title"]["after"] == "Erste Änderung"
    assert Project.objects.get(pk=project.pk).title == "Erste Änderung"


def test_missing_version_is_a_conflict(project):
    with pytest.raises(EditConflict):
        update_object(project, {"title": "x"}, expected_version=None)


def test_no_change_writes_nothing(project):
    before = ObjectChange.objects.count()
    same = update_project(project, {"title": project.title}, expected_version=1)
    assert same.version == 1
    assert ObjectChange.objects.count() == before


def test_many_to_many_changes_are_logged(project, town, other_town):
    update_project(project, {}, expected_version=1, town_ids=[town.pk, other_town.pk])
    assert Project.objects.get(pk=project.pk).participating_town_ids() == {town.pk, other_town.pk}
    entry = changes_for(project).filter(action=ObjectChange.Action.UPDATE).get()
    assert entry.changes["municipalities"] == {
        "before": [town.pk],
        "after": sorted([town.pk, other_town.pk]),
    }


def test_invalid_values_roll_back_everything(project):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        update_project(project, {"progress": 150}, expected_version=1)
    fresh = Project.objects.get(pk=project.pk)
    assert fresh.version == 1 and fresh.progress == 0
    assert not changes_for(project).filter(action=ObjectChange.Action.UPDATE).exists()


def test_delete_logs_before_values(project):
    pk = project.pk
    delete_object(project, expected_version=1)
    assert not Project.objects.filter(pk=pk).exists()
    entry = ObjectChange.objects.get(object_id=pk, action=ObjectChange.Action.DELETE)
    assert entry.changes["title"]["before"] == "Online ins Rathaus"


@pytest.mark.django_db(transaction=True)
def test_concurrent_saves_of_the_same_version_never_both_win(region, town):
    project = t.make_project(region, "Gleichzeitig", towns=[town])
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def save(title):
        try:
            barrier.wait(timeout=5)
            update_project(Project.objects.get(pk=project.pk), {"title": title}, expected_version=1)
            outcomes.append("saved")
        except EditConflict:
            outcomes.append("conflict")
        finally:
            connection.close()  # this thread's own connection (else it outlives the test)

    threads = [threading.Thread(target=save, args=(f"Titel {i}",)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict", "saved"]
    fresh = Project.objects.get(pk=project.pk)
    assert fresh.version == 2
    assert changes_for(fresh).filter(action=ObjectChange.Action.UPDATE).count() == 1


def test_delete_of_a_stale_version_is_refused(project):
    update_project(project, {"title": "Zwischendurch geändert"}, expected_version=1)
    with pytest.raises(EditConflict):
        delete_object(project, expected_version=1)
    assert Project.objects.filter(pk=project.pk).exists()


def test_update_of_a_deleted_object_is_a_conflict_not_a_crash(project):
    stale = Project.objects.get(pk=project.pk)
    delete_object(project, expected_version=1)
    with pytest.raises(EditConflict):
        update_project(stale, {"title": "zu spät"}, expected_version=1)


def test_line_endings_and_trailing_blanks_are_no_change(region, town, users):
    """A form sends the description back with "\r\n" line endings: only the percentage
    actually changed, so only the percentage is saved and logged."""
    project = t.make_project(region, "Dorf-App", towns=[town], description="Erste\nZweite")
    updated = update_project(
        project,
        {"description": "Erste\r\nZweite \r\n", "progress": 40},
        expected_version=project.version,
        user=users["coordinator"],
    )
    assert Project.objects.get(pk=project.pk).description == "Erste\nZweite"
    entry = changes_for(updated).filter(action=ObjectChange.Action.UPDATE).get()
    assert set(entry.changes) == {"progress"}
    unchanged = update_project(
        updated, {"description": "Erste\r\nZweite"}, expected_version=updated.version
    )
    assert unchanged.version == updated.version  # nothing written, nothing logged
    assert changes_for(updated).filter(action=ObjectChange.Action.UPDATE).count() == 1


def test_text_is_stored_with_newlines_only(region, town):
    project = t.make_project(region, "Dorf-App", towns=[town], description="Eins\r\nZwei")
    assert Project.objects.get(pk=project.pk).description == "Eins\nZwei"
    changed = update_project(
        project, {"description": "Eins\r\nDrei"}, expected_version=project.version
    )
    assert Project.objects.get(pk=changed.pk).description == "Eins\nDrei"
    entry = changes_for(changed).filter(action=ObjectChange.Action.UPDATE).get()
    assert entry.changes["description"] == {"before": "Eins\nZwei", "after": "Eins\nDrei"}
