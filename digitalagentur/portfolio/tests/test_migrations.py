"""The migrations that add the towns' parts (0005) and the last activity (0006) keep what an
existing database says: each part starts where its project stood, with the project's times,
and a project's last activity is its latest own or child change, not the day of the update."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("portfolio", "0004_list_indexes")]
AFTER = [("portfolio", "0006_project_last_activity")]
LONG_AGO = datetime.datetime(2022, 3, 1, 10, 0, tzinfo=datetime.UTC)
LATER = datetime.datetime(2023, 6, 1, 10, 0, tzinfo=datetime.UTC)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def back_to_latest(transactional_db):
    """Whatever happens in the test, the database ends at the latest migrations."""
    yield
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_existing_projects_keep_their_figures_and_times(back_to_latest):
    from digitalagentur.tenancy.models import Municipality, Region  # not migrated back

    old = migrate(BEFORE)
    Project = old.get_model("portfolio", "Project")
    Participation = old.get_model("portfolio", "Participation")
    Milestone = old.get_model("portfolio", "Milestone")
    region = Region.objects.create(slug="alt", name="Alt")
    towns = [
        Municipality.objects.create(region=region, slug=f"ort-{n}", name=f"Ort {n}")
        for n in range(2)
    ]
    running = Project.objects.create(
        region_id=region.pk, slug="laeuft", title="Läuft", status="in_progress", progress=40
    )
    stopped = Project.objects.create(
        region_id=region.pk, slug="aus", title="Aus", status="discontinued", progress=70
    )
    for project in (running, stopped):
        for town in towns:
            Participation.objects.create(project=project, municipality_id=town.pk)
    Milestone.objects.create(region_id=region.pk, project=stopped, title="M")
    Project.objects.filter(pk=running.pk).update(updated=LONG_AGO)
    Project.objects.filter(pk=stopped.pk).update(updated=LONG_AGO)
    old.get_model("portfolio", "Milestone").objects.update(updated=LATER)

    new = migrate(AFTER)
    Project = new.get_model("portfolio", "Project")
    Participation = new.get_model("portfolio", "Participation")
    parts = Participation.objects.filter(project_id=running.pk)
    assert {(p.status, p.progress) for p in parts} == {("in_progress", 40)}
    assert {p.updated for p in parts} == {LONG_AGO}
    assert Project.objects.get(pk=running.pk).progress == 40
    assert Project.objects.get(pk=running.pk).last_activity == LONG_AGO
    # discontinued: progress 0 by the rule; the milestone's change is its last activity
    stopped = Project.objects.get(pk=stopped.pk)
    assert (stopped.progress, stopped.last_activity) == (0, LATER)
