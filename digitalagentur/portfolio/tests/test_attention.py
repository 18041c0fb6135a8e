"""What needs attention: the rules on their boundaries, the lists, constant queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from digitalagentur.core import testing as t
from digitalagentur.portfolio.attention import needs_attention, progress_warning
from digitalagentur.portfolio.models import Milestone, Project, ProjectUpdate

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 15)


@pytest.mark.parametrize(
    ("status", "progress", "warns"),
    [
        ("in_progress", 0, True),
        ("in_progress", 1, False),
        ("completed", 99, True),
        ("completed", 100, False),
        ("planned", 0, False),
        ("idea", 50, False),
    ],
)
def test_progress_warning_on_the_boundaries(status, progress, warns):
    assert (progress_warning(status, progress) is not None) is warns


def test_completed_warning_names_the_percentage():
    assert "bei 80 %" in progress_warning("completed", 80)


def complete(region, title, **values):
    """A project with nothing to complain about (lead, description, published)."""
    values = {"lead": "Kreis", "description": "Text", "status": "planned", **values}
    return t.make_project(region, title, **values)


def set_updated(project, days_ago):
    when = timezone.make_aware(datetime.datetime.combine(TODAY, datetime.time(12)))
    Project.objects.filter(pk=project.pk).update(updated=when - datetime.timedelta(days=days_ago))


def titles(attention_list):
    return [str(p) for p in attention_list.items]


def test_each_list_holds_what_its_rule_says(region, settings):
    settings.DIGITALAGENTUR_STALE_AFTER_DAYS = 90
    fine = complete(region, "Alles gut")
    old = complete(region, "Lange still")
    set_updated(old, 91)
    boundary = complete(region, "Genau 90 Tage")
    set_updated(boundary, 90)
    with_update = complete(region, "Altes Projekt, neues Update")
    set_updated(with_update, 200)
    ProjectUpdate.objects.create(
        region=region, project=with_update, title="Sachstand", date=TODAY, published=True
    )
    finished = complete(region, "Fertig und still", status="completed", progress=100)
    set_updated(finished, 400)
    Milestone.objects.create(
        region=region, project=fine, title="Gestern fällig", due_date=TODAY - datetime.timedelta(1)
    )
    Milestone.objects.create(region=region, project=fine, title="Heute fällig", due_date=TODAY)
    Milestone.objects.create(  # a finished project's open milestones no longer matter
        region=region, project=finished, title="Nie erreicht", due_date=TODAY.replace(year=2020)
    )
    busy = complete(region, "Alt, aber Meilenstein gerade bearbeitet")
    set_updated(busy, 300)
    Milestone.objects.create(region=region, project=busy, title="Neu geplant")
    no_lead = complete(region, "Ohne Kümmerer", lead="")
    draft = complete(region, "Entwurf", published=False)
    running = complete(region, "Läuft bei null", status="in_progress", progress=0)
    for p in (fine, no_lead, draft, running):
        set_updated(p, 1)

    attention = needs_attention(Project.objects.filter(region=region), today=TODAY)

    assert titles(attention.stale) == ["Lange still"]
    assert [m.title for m in attention.overdue_milestones.items] == ["Gestern fällig"]
    assert titles(attention.missing_basics) == ["Ohne Kümmerer"]
    assert titles(attention.drafts) == ["Entwurf"]
    assert titles(attention.contradicting) == ["Läuft bei null"]
    assert not attention.is_empty


def test_nothing_to_do_is_empty(region):
    complete(region, "Alles gut")
    assert needs_attention(Project.objects.filter(region=region)).is_empty


def test_lists_are_cut_and_say_so_with_constant_queries(region):
    def count(n):
        for i in range(n):
            complete(region, f"Entwurf {i}", published=False)
        with CaptureQueriesContext(connection) as queries:
            attention = needs_attention(Project.objects.filter(region=region), limit=10)
        return attention, len(queries)

    small, few = count(2)
    assert len(small.drafts.items) == 2 and not small.drafts.more
    large, many = count(20)
    assert len(large.drafts.items) == 10 and large.drafts.more
    assert few == many == 5
