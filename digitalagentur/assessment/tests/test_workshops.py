"""Workshops, their ideas, and ideas becoming project drafts exactly once (issue 9, §5)."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection

from digitalagentur.assessment import workshops as services
from digitalagentur.assessment.models import Workshop, WorkshopFormat, WorkshopIdea
from digitalagentur.core import testing as t
from digitalagentur.core.models import ObjectChange
from digitalagentur.core.services import EditConflict
from digitalagentur.portfolio.choices import ProjectStatus
from digitalagentur.portfolio.models import Project
from digitalagentur.testing.assessment_workshops import make_idea, make_workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def field(strategy):
    return t.make_field(strategy, "Mobilität", slug="mobilitaet")


def changes_of(obj):
    return ObjectChange.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
    ).order_by("pk")


def test_create_workshop_logs_and_makes_a_slug(field, users):
    workshop = services.create_workshop(
        field.region,
        {
            "title": "Workshop Mobilität",
            "field": field,
            "date": datetime.date(2020, 2, 19),
            "format": WorkshopFormat.IN_PERSON,
            "participants": 30,
        },
        user=users["coordinator"],
        reason="Seed",
    )
    assert workshop.slug == "workshop-mobilitaet"
    entry = changes_of(workshop).get()
    assert entry.action == ObjectChange.Action.CREATE
    assert entry.user == users["coordinator"] and entry.reason == "Seed"
    assert entry.changes["participants"] == {"before": None, "after": 30}
    second = make_workshop(field, "Workshop Mobilität")
    assert second.slug == "workshop-mobilitaet-2"


def test_update_checks_the_version_and_logs(field, users):
    workshop = make_workshop(field, "Alt")
    updated = services.update_workshop(
        workshop, {"title": "Neu"}, expected_version=1, user=users["coordinator"]
    )
    assert updated.version == 2
    assert changes_of(workshop).last().changes["title"] == {"before": "Alt", "after": "Neu"}
    with pytest.raises(EditConflict):
        services.update_workshop(workshop, {"title": "Veraltet"}, expected_version=1)
    workshop.refresh_from_db()
    assert workshop.title == "Neu"


def test_end_date_before_date_is_refused_in_german(field):
    with pytest.raises(ValidationError) as exc:
        make_workshop(field, date=datetime.date(2020, 6, 10), end_date=datetime.date(2020, 6, 9))
    assert exc.value.message_dict["end_date"] == [
        "Das Enddatum darf nicht vor dem Datum des Workshops liegen."
    ]
    assert not Workshop.objects.exists()
    workshop = make_workshop(field, date=datetime.date(2020, 6, 10))
    with pytest.raises(ValidationError):
        services.update_workshop(
            workshop, {"end_date": datetime.date(2020, 6, 1)}, expected_version=1
        )
    same_day = services.update_workshop(
        workshop, {"end_date": datetime.date(2020, 6, 10)}, expected_version=1
    )
    assert same_day.end_date == datetime.date(2020, 6, 10)


def test_a_field_of_another_region_is_refused(field, other_region):
    foreign = t.make_field(t.make_strategy(other_region), "Fremd", slug="fremd")
    with pytest.raises(ValidationError) as exc:
        services.create_workshop(
            field.region,
            {
                "title": "X",
                "field": foreign,
                "date": datetime.date(2020, 1, 1),
                "format": "digital",
            },
        )
    assert "field" in exc.value.message_dict


def test_ideas_are_placed_last_and_logged(field):
    workshop = make_workshop(field)
    first = make_idea(workshop, "Carsharing")
    second = make_idea(workshop, "Mitfahrbank")
    assert (first.position, second.position) == (1, 2)
    services.update_idea(first, {"title": "Carsharing-App"}, expected_version=1)
    with pytest.raises(EditConflict):
        services.update_idea(first, {"title": "Veraltet"}, expected_version=1)
    services.delete_idea(second, expected_version=1)
    assert list(workshop.ideas.values_list("title", flat=True)) == ["Carsharing-App"]
    assert [c.action for c in changes_of(second)] == ["create", "delete"]


def test_delete_workshop_logs_its_ideas_and_keeps_projects(field):
    workshop = make_workshop(field)
    idea = make_idea(workshop)
    project = services.make_project_draft(idea)
    with pytest.raises(EditConflict):
        services.delete_workshop(workshop, expected_version=99)
    services.delete_workshop(workshop, expected_version=1)
    assert not Workshop.objects.exists() and not WorkshopIdea.objects.exists()
    assert Project.objects.filter(pk=project.pk).exists()
    assert changes_of(idea).last().action == ObjectChange.Action.DELETE


def test_make_project_draft(field, users):
    workshop = make_workshop(field, "Workshop Mobilität")
    idea = make_idea(workshop, "Mobilitätsplattform", description="Alle Angebote in einer App")
    project = services.make_project_draft(idea, user=users["coordinator"])
    assert project.title == "Mobilitätsplattform"
    assert project.description == "Alle Angebote in einer App"
    assert project.field == field
    assert project.status == ProjectStatus.IDEA
    assert project.published is False
    assert project.region == field.region
    assert "Workshop Mobilität" in project.internal_notes
    idea.refresh_from_db()
    assert idea.project == project and idea.version == 2
    entry = changes_of(idea).last()
    assert entry.changes["project"]["after"] == "Mobilitätsplattform"
    assert entry.user == users["coordinator"]
    assert changes_of(project).get().action == ObjectChange.Action.CREATE


def test_make_project_draft_twice_makes_one_project(field):
    idea = make_idea(make_workshop(field))
    first = services.make_project_draft(idea)
    stale = WorkshopIdea.objects.get(pk=idea.pk)
    stale.project = None  # a copy loaded before the first call
    with pytest.raises(ValidationError) as exc:
        services.make_project_draft(stale)
    assert exc.value.messages == ["Aus dieser Idee wurde bereits ein Projekt angelegt."]
    assert exc.value.project == first
    assert Project.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_calls_make_one_project(region, strategy):
    """Two threads, each with its own connection and transaction: one project only."""
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(
        "file:memorydb"
    ):
        pytest.skip("needs a database shared between connections")
    field = t.make_field(strategy, "Mobilität", slug="mobilitaet")
    idea = make_idea(make_workshop(field))
    barrier = threading.Barrier(2)
    outcomes = []

    def run():
        from django.db import connections

        try:
            barrier.wait()
            outcomes.append(services.make_project_draft(WorkshopIdea.objects.get(pk=idea.pk)))
        except ValidationError as exc:
            outcomes.append(exc)
        except Exception as exc:  # e.g. "database is locked" on SQLite: still no second project
            outcomes.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Project.objects.count() == 1
    assert sum(isinstance(o, Project) for o in outcomes) == 1
    idea.refresh_from_db()
    assert idea.project_id == Project.objects.get().pk


def test_public_workshops_only_published_with_ideas(field, django_assert_num_queries):
    make_workshop(field, "Entwurf", published=False)
    shown = make_workshop(field, "Öffentlich", date=datetime.date(2020, 6, 1))
    early = make_workshop(field, "Früher", date=datetime.date(2020, 2, 19))
    make_idea(shown, "Idee A")
    with django_assert_num_queries(2):
        workshops = services.public_workshops(field)
        ideas = [[i.title for i in w.ideas.all()] for w in workshops]
    assert [w.title for w in workshops] == ["Früher", "Öffentlich"]
    assert ideas == [[], ["Idee A"]]
    assert early.pk == workshops[0].pk
