"""Strategy content in the staff area: strategy texts, fields of action, goals."""

from __future__ import annotations

from django.urls import reverse

from digitalagentur.core.services import changes_for
from digitalagentur.strategy.models import Field, Goal

from .helpers import confirm_data, field_data


def url(name, *args):
    return reverse(f"staff:{name}", args=args)


def test_strategy_overview_shows_drafts_and_internal_notes_to_staff(client, world, login):
    Field.objects.filter(pk=world.field.pk).update(internal_notes="Nur intern", published=False)
    login("reader")
    content = client.get(url("strategy")).content.decode()
    assert world.strategy.title in content
    assert world.field.name in content
    assert "Nur intern" in content
    assert "Entwurf" in content
    assert world.goal.title in content


def test_strategy_page_without_strategy_has_an_empty_state(client, region, users, login):
    login("coordinator")
    content = client.get(url("strategy")).content.decode()
    assert "noch keine Strategie angelegt" in content
    assert client.get(url("strategy_edit")).status_code == 404
    assert client.get(url("field_create")).status_code == 404


def test_coordinator_edits_the_strategy_with_reason(client, world, login):
    login("coordinator")
    response = client.post(
        url("strategy_edit"),
        {
            "title": "Coesfeld 12.0",
            "subtitle": "Im Kreis gemeinsam digital",
            "vision": "Neue Vision",
            "introduction": "",
            "version": 1,
            "reason": "Fortschreibung 2024",
        },
    )
    assert response.status_code == 302
    world.strategy.refresh_from_db()
    assert world.strategy.title == "Coesfeld 12.0"
    change = changes_for(world.strategy).first()
    assert change.reason == "Fortschreibung 2024"
    assert change.changes["title"] == {"before": "Strategie A", "after": "Coesfeld 12.0"}


def test_coordinator_creates_a_field_with_a_unique_slug(client, world, login):
    login("coordinator")
    group = world.strategy.priority_groups.get(number=2)
    response = client.post(
        url("field_create"),
        {
            "name": "Mobilität",
            "priority_group": group.pk,
            "position": 1,
            "guiding_principle": "Mobil im ländlichen Raum",
            "published": "on",
        },
    )
    assert response.status_code == 302
    field = Field.objects.get(name="Mobilität")
    assert field.slug == "mobilitaet"  # German slugs transliterate umlauts (core.text)
    assert field.priority_group == group
    assert changes_for(field).get().action == "create"
    # The same name again is a form error, not a database error.
    response = client.post(
        url("field_create"), {"name": "mobilität", "priority_group": group.pk, "position": 2}
    )
    assert response.status_code == 200
    assert "Ein Handlungsfeld mit diesem Namen gibt es schon." in response.content.decode()


def test_priority_group_of_another_region_is_refused(client, world, login):
    login("coordinator")
    foreign_group = world.foreign_strategy.priority_groups.first()
    response = client.post(
        url("field_edit", world.field.pk),
        field_data(world.field, priority_group=foreign_group.pk),
    )
    assert response.status_code == 200
    world.field.refresh_from_db()
    assert world.field.priority_group.region_id == world.region.pk


def test_field_edit_page_lists_goals_and_history(client, world, login):
    login("coordinator")
    client.post(url("field_edit", world.field.pk), field_data(world.field, description="Neu"))
    content = client.get(url("field_edit", world.field.pk)).content.decode()
    assert world.goal.title in content
    assert url("goal_edit", world.goal.pk) in content
    assert "Verlauf" in content
    assert "Beschreibung" in content


def test_field_with_projects_cannot_be_deleted(client, world, login):
    login("coordinator")
    response = client.post(url("field_delete", world.field.pk), confirm_data(world.field))
    assert response.status_code == 302
    assert Field.objects.filter(pk=world.field.pk).exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("wird noch verwendet" in m for m in messages)


def test_goals_add_edit_publish_delete(client, world, login):
    login("coordinator")
    response = client.post(
        url("goal_create", world.field.pk), {"title": "Alle Leistungen online", "position": 2}
    )
    assert response.status_code == 302
    goal = Goal.objects.get(title="Alle Leistungen online")
    assert goal.field == world.field
    assert goal.published is False
    client.post(url("goal_publish", goal.pk), confirm_data(goal))
    goal.refresh_from_db()
    assert goal.published is True
    response = client.post(
        url("goal_edit", goal.pk),
        {"title": "Alle Leistungen digital", "position": 2, "published": "on", "version": 2},
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.title == "Alle Leistungen digital"
    client.post(url("goal_delete", goal.pk), confirm_data(goal))
    assert not Goal.objects.filter(pk=goal.pk).exists()
    assert [c.action for c in changes_for(goal)] == ["delete", "update", "update", "create"]


def test_officer_edits_own_town_data(client, world, login):
    login("officer")
    response = client.post(
        url("municipality_edit", world.town.pk),
        {"description": "Senden an der Stever", "website": "www.senden.de", "version": 1},
    )
    assert response.status_code == 302
    world.town.refresh_from_db()
    assert world.town.description == "Senden an der Stever"
    assert world.town.website == "https://www.senden.de"
    assert world.town.version == 2
