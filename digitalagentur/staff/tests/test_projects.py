"""Projects in the staff area: create, edit, publish, delete, milestones, updates, list."""

from __future__ import annotations

import pytest
from django.urls import reverse

from digitalagentur.core import testing as t
from digitalagentur.core.models import ObjectChange
from digitalagentur.core.services import changes_for
from digitalagentur.portfolio.models import Milestone, Participation, Project, ProjectUpdate

from .helpers import confirm_data, project_data


def url(name, *args):
    return reverse(f"staff:{name}", args=args)


def test_officer_creates_a_local_project_of_their_town_as_draft(client, world, login):
    login("officer")
    response = client.post(
        url("project_create"),
        {
            "title": "Crossiety",
            "status": "in_progress",
            "progress": 10,
            "towns": [world.town.pk],
            "lead_town": world.town.pk,
            # Officers cannot make strategy projects or set codes, whatever they send.
            "is_strategy_project": "on",
            "code": "P99",
            "reason": "Neues lokales Projekt",
        },
    )
    project = Project.objects.get(title="Crossiety")
    assert response.status_code == 302
    assert response.url == url("project_detail", project.pk)
    assert project.region == world.region
    assert project.is_strategy_project is False
    assert project.code == ""
    assert project.published is False
    assert list(project.participations.values_list("municipality_id", "role")) == [
        (world.town.pk, "lead")
    ]
    change = changes_for(project).get()
    assert change.action == "create"
    assert change.reason == "Neues lokales Projekt"


def test_officer_cannot_create_a_project_for_another_town(client, world, login):
    login("officer")
    response = client.get(url("project_create"))
    content = response.content.decode()
    # The form offers only the officer's own town.
    assert f'value="{world.town.pk}"' in content
    assert world.other_town.name not in content
    response = client.post(
        url("project_create"),
        {"title": "Fremd", "status": "planned", "progress": 0, "towns": [world.other_town.pk]},
    )
    assert response.status_code == 200
    assert not Project.objects.filter(title="Fremd").exists()
    assert "Auswahl" in response.content.decode() or "gültige" in response.content.decode()


def test_officer_must_choose_a_town(client, world, login):
    login("officer")
    response = client.post(url("project_create"), {"title": "X", "status": "planned"})
    assert response.status_code == 200
    assert not Project.objects.filter(title="X").exists()


def test_coordinator_creates_a_strategy_project_with_code(client, world, login):
    login("coordinator")
    response = client.post(
        url("project_create"),
        {
            "title": "Digitale Schule",
            "code": "P9",
            "is_strategy_project": "on",
            "field": world.field.pk,
            "status": "planned",
            "progress": 0,
            "towns": [world.town.pk, world.other_town.pk],
        },
    )
    assert response.status_code == 302
    project = Project.objects.get(code="P9")
    assert project.is_strategy_project
    assert project.participating_town_ids() == {world.town.pk, world.other_town.pk}


def test_duplicate_code_and_bad_dates_are_form_errors(client, world, login):
    login("coordinator")
    t.make_project(world.region, "Vorhanden", code="P1")
    response = client.post(
        url("project_create"),
        {
            "title": "Doppelt",
            "code": "p1",
            "status": "planned",
            "progress": 101,
            "start_date": "2024-05-01",
            "end_date": "2024-01-01",
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Diese Kennung ist in der Region schon vergeben." in content
    assert "Das Ende liegt vor dem Beginn." in content
    assert 'aria-invalid="true"' in content
    assert not Project.objects.filter(title="Doppelt").exists()


def test_edit_form_is_what_the_browser_test_uses(client, world, login):
    login("coordinator")
    content = client.get(url("project_edit", world.own_project.pk)).content.decode()
    assert 'name="title"' in content
    assert 'name="version" value="1"' in content
    assert ">Speichern</button>" in content
    assert 'name="reason"' in content


def test_officer_edits_own_project_but_not_its_code_or_towns(client, world, login):
    project = world.own_project
    login("officer")
    form = client.get(url("project_edit", project.pk)).content.decode()
    assert 'name="code"' not in form
    assert 'name="towns"' not in form
    data = project_data(project, title="Online ins Rathaus (neu)", code="P77", towns=[])
    data["is_strategy_project"] = "on"
    response = client.post(url("project_edit", project.pk), data)
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "Online ins Rathaus (neu)"
    assert project.code == ""
    assert project.is_strategy_project is False
    assert project.participating_town_ids() == {world.town.pk}
    assert project.version == 2


def test_coordinator_changes_towns_and_the_change_is_logged(client, world, login):
    project = world.own_project
    login("coordinator")
    data = project_data(project, towns=[world.town.pk, world.other_town.pk], reason="Erweitert")
    assert client.post(url("project_edit", project.pk), data).status_code == 302
    assert project.participating_town_ids() == {world.town.pk, world.other_town.pk}
    change = changes_for(project).first()
    assert change.reason == "Erweitert"
    assert change.changes["municipalities"]["after"] == sorted([world.town.pk, world.other_town.pk])
    # The change log shows town names, not ids.
    content = client.get(url("change_list")).content.decode()
    assert "Havixbeck, Senden" in content or "Senden, Havixbeck" in content


def test_saving_without_changes_writes_nothing(client, world, login):
    login("coordinator")
    before = ObjectChange.objects.count()
    response = client.post(
        url("project_edit", world.own_project.pk), project_data(world.own_project)
    )
    assert response.status_code == 302
    assert ObjectChange.objects.count() == before


def test_invalid_edit_rerenders_with_errors(client, world, login):
    login("coordinator")
    data = project_data(world.own_project, title="", progress="viel", status="unbekannt")
    response = client.post(url("project_edit", world.own_project.pk), data)
    assert response.status_code == 200
    assert "Bitte prüfen Sie Ihre Eingaben." in response.content.decode()
    world.own_project.refresh_from_db()
    assert world.own_project.title == "Online ins Rathaus A"


def test_missing_version_is_an_error_not_a_silent_overwrite(client, world, login):
    login("coordinator")
    data = project_data(world.own_project, title="Ohne Version")
    del data["version"]
    response = client.post(url("project_edit", world.own_project.pk), data)
    assert response.status_code == 200
    assert "Bitte laden Sie die Seite neu." in response.content.decode()
    world.own_project.refresh_from_db()
    assert world.own_project.title != "Ohne Version"


def test_publish_and_unpublish_need_confirmation(client, world, login):
    project = world.draft_project
    login("coordinator")
    page = client.get(url("project_publish", project.pk)).content.decode()
    assert "veröffentlichen?" in page
    assert ">Veröffentlichen</button>" in page
    project.refresh_from_db()
    assert project.published is False  # GET changes nothing
    response = client.post(url("project_publish", project.pk), confirm_data(project))
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.published is True
    response = client.post(
        url("project_unpublish", project.pk), confirm_data(project, reason="Noch nicht fertig")
    )
    project.refresh_from_db()
    assert project.published is False
    assert changes_for(project).first().reason == "Noch nicht fertig"


def test_delete_needs_confirmation(client, world, login):
    project = world.own_project
    login("coordinator")
    page = client.get(url("project_delete", project.pk)).content.decode()
    assert "wirklich löschen" in page
    assert Project.objects.filter(pk=project.pk).exists()
    response = client.post(url("project_delete", project.pk), confirm_data(project))
    assert response.status_code == 302
    assert response.url == url("project_list")
    assert not Project.objects.filter(pk=project.pk).exists()
    assert ObjectChange.objects.filter(object_id=project.pk, action="delete").exists()


def test_milestones_and_progress_from_milestones(client, world, login):
    project = world.own_project
    login("officer")
    for title, completed in [("Konzept", "2024-01-10"), ("Pilot", ""), ("Rollout", "")]:
        response = client.post(
            url("milestone_create", project.pk),
            {"title": title, "position": 1, "completed_on": completed, "published": "on"},
        )
        assert response.status_code == 302
    # 1 of 4 milestones completed -> 25 %.
    page = client.get(url("project_detail", project.pk)).content.decode()
    assert "Fortschritt aus Meilensteinen übernehmen" in page
    assert "25 %" in page
    project.refresh_from_db()
    response = client.post(url("project_progress", project.pk), confirm_data(project))
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.progress == 25
    assert changes_for(project).first().reason == "Fortschritt aus Meilensteinen übernommen"


def test_milestone_edit_delete_and_publish(client, world, login):
    project, milestone = world.own_project, world.milestone
    login("coordinator")
    response = client.post(
        url("milestone_edit", project.pk, milestone.pk),
        {"title": "Start erreicht", "completed_on": "2024-03-01", "position": 0, "version": 1},
    )
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.title == "Start erreicht"
    assert milestone.published is False  # the checkbox was not sent
    client.post(url("milestone_publish", project.pk, milestone.pk), confirm_data(milestone))
    milestone.refresh_from_db()
    assert milestone.published is True
    client.post(url("milestone_delete", project.pk, milestone.pk), confirm_data(milestone))
    assert not Milestone.objects.filter(pk=milestone.pk).exists()


def test_updates_cannot_be_dated_in_the_future(client, world, login):
    login("officer")
    response = client.post(
        url("update_create", world.own_project.pk),
        {"date": "2999-01-01", "title": "Zukunft", "text": "…"},
    )
    assert response.status_code == 200
    assert "Das Datum darf nicht in der Zukunft liegen." in response.content.decode()
    assert not ProjectUpdate.objects.filter(title="Zukunft").exists()


def test_project_list_shows_drafts_and_filters(client, world, login):
    login("reader")
    content = client.get(url("project_list")).content.decode()
    assert world.draft_project.title in content
    assert "Entwurf" in content
    content = client.get(url("project_list"), {"published": "false"}).content.decode()
    assert world.draft_project.title in content
    assert world.other_project.title not in content
    content = client.get(url("project_list"), {"municipality": "havixbeck"}).content.decode()
    assert world.other_project.title in content
    assert world.own_project.title not in content
    content = client.get(url("project_list"), {"q": "Rathaus"}).content.decode()
    assert world.own_project.title in content
    assert world.other_project.title not in content


def test_project_list_bad_parameters_are_reported_not_500(client, world, login):
    login("coordinator")
    response = client.get(
        url("project_list"),
        {"field": "gibt-es-nicht", "status": "x", "published": "vielleicht", "page": "abc"},
    )
    assert response.status_code == 200
    assert "Einige Filter sind ungültig" in response.content.decode()
    response = client.get(url("project_list"), {"page": "999"})
    assert response.status_code == 200


def test_project_list_is_paginated_and_sorted(client, world, login):
    for n in range(30):
        t.make_project(world.region, f"Zusatz {n:02d}", towns=[world.town])
    login("coordinator")
    first = client.get(url("project_list"), {"ordering": "title"})
    assert first.context["page"].paginator.num_pages == 2
    titles = [row[0].title for row in first.context["rows"]]
    assert titles == sorted(titles)
    second = client.get(url("project_list"), {"ordering": "title", "page": 2})
    assert len(second.context["rows"]) == 33 - 25
    assert 'rel="prev"' in second.content.decode()


def test_empty_project_list_has_an_empty_state(client, region, users, login):
    login("coordinator")
    assert "Noch keine Projekte angelegt." in client.get(url("project_list")).content.decode()
    content = client.get(url("project_list"), {"q": "nichts"}).content.decode()
    assert "Keine Projekte passen zu diesen Filtern." in content


@pytest.mark.parametrize("role", ["officer", "coordinator"])
def test_dashboard_shows_roles_and_what_one_may_edit(client, world, login, role):
    login(role)
    content = client.get(url("dashboard")).content.decode()
    if role == "officer":
        assert "Digitalisierungsbeauftragte/r – Stadt Senden" in content
        assert url("municipality_edit", world.town.pk) in content
        assert url("project_edit", world.own_project.pk) in content
        assert url("project_edit", world.other_project.pk) not in content
    else:
        assert "Koordination" in content
        assert url("version_freeze") in content
        assert "hält den jetzigen Stand der Strategie unveränderlich fest" in content
    assert "Letzte Änderungen" in content
    assert world.version.name in content


def test_participation_rows_survive_an_officer_edit(client, world, login):
    Participation.objects.filter(project=world.own_project).update(role="lead")
    login("officer")
    client.post(
        url("project_edit", world.own_project.pk), project_data(world.own_project, lead="Herr X")
    )
    assert Participation.objects.get(project=world.own_project).role == "lead"


@pytest.mark.parametrize("bad", ["99999999999999999999999", "²", "abc", "-1"])
def test_impossible_town_ids_are_form_errors_not_500(client, world, login, bad):
    login("coordinator")
    response = client.post(
        reverse("staff:project_create"),
        {"title": "Neu", "status": "planned", "progress": 0, "towns": [bad]},
    )
    assert response.status_code == 200
    assert "ist kein gültiger Wert" in response.content.decode()
    assert not Project.objects.filter(title="Neu").exists()


def test_form_sent_back_with_crlf_line_endings_logs_only_the_percentage(client, world, login):
    """Browsers send a textarea's lines with "\r\n"; the description was stored with "\n"."""
    project = world.own_project
    Project.objects.filter(pk=project.pk).update(description="Erste Zeile\nZweite Zeile")
    project.refresh_from_db()
    login("coordinator")
    data = project_data(project, progress=35)
    data["description"] = "Erste Zeile\r\nZweite Zeile\r\n"
    assert client.post(url("project_edit", project.pk), data).status_code == 302
    project.refresh_from_db()
    assert (project.progress, project.description) == (35, "Erste Zeile\nZweite Zeile")
    assert set(changes_for(project).first().changes) == {"progress"}


def test_unpublish_is_explained_where_it_appears(client, world, login):
    login("coordinator")
    for page in (url("project_detail", world.own_project.pk), url("strategy")):
        content = client.get(page).content.decode()
        assert "Zurückziehen" in content
        assert "nimmt einen veröffentlichten Eintrag von der öffentlichen Website" in content


def test_dashboard_opens_with_what_needs_attention(client, world, login):
    Project.objects.filter(pk=world.own_project.pk).update(status="in_progress", progress=0)
    Project.objects.filter(pk=world.other_project.pk).update(status="completed", progress=50)
    login("coordinator")
    content = client.get(url("dashboard")).content.decode()
    assert content.index("Handlungsbedarf") < content.index("Ihre Rollen")
    section = content[content.index("Handlungsbedarf") : content.index("Ihre Rollen")]
    assert "Status und Fortschritt passen nicht zusammen" in section
    assert str(world.own_project) in section and str(world.other_project) in section
    assert str(world.draft_project) in section  # waiting to be published
    # An officer sees only the town's own projects there.
    login("officer")
    content = client.get(url("dashboard")).content.decode()
    section = content[content.index("Handlungsbedarf") : content.index("Ihre Rollen")]
    assert str(world.own_project) in section
    assert str(world.other_project) not in section


def test_saving_a_contradicting_status_warns_but_saves(client, world, login):
    project = world.own_project
    login("coordinator")
    data = project_data(project, status="in_progress", progress=0)
    response = client.post(url("project_edit", project.pk), data, follow=True)
    project.refresh_from_db()
    assert (project.status, project.progress) == ("in_progress", 0)
    content = response.content.decode()
    assert "Das Projekt wurde gespeichert." in content
    assert "steht aber bei 0 %. Stimmt der Fortschritt?" in content
    data = project_data(project, status="in_progress", progress=20)
    content = client.post(url("project_edit", project.pk), data, follow=True).content.decode()
    assert "Stimmt der Fortschritt?" not in content
