"""Workshops in the staff area (issue 9, §5): list, detail, forms, rights, idea -> project."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from digitalagentur.assessment import workshops as services
from digitalagentur.assessment.models import Workshop, WorkshopIdea
from digitalagentur.core import testing as t
from digitalagentur.portfolio.choices import ProjectStatus
from digitalagentur.portfolio.models import Project
from digitalagentur.testing.assessment_workshops import make_idea, make_workshop, workshop_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


def url(name, *args):
    return reverse(f"staff:{name}", args=args)


def page(response) -> str:
    return response.content.decode()


@pytest.fixture
def field(strategy):
    return t.make_field(strategy, "Mobilität", slug="mobilitaet")


@pytest.fixture
def workshop(field):
    return make_workshop(field, "Workshop Mobilität", participants=30)


def test_list_empty_state_and_reading_roles(client, login, field):
    for role in ("reader", "officer", "coordinator"):
        login(role)
        response = client.get(url("workshop_list"))
        assert response.status_code == 200
        assert "Noch keine Workshops." in page(response)
        assert (url("workshop_create") in page(response)) == (role == "coordinator")


def test_list_sorts_by_date_and_filters_by_field(client, login, strategy, field):
    other = t.make_field(strategy, "Wirtschaft", slug="wirtschaft")
    make_workshop(field, "Früh-Workshop", date=datetime.date(2020, 2, 19))
    make_workshop(other, "Spät-Workshop", date=datetime.date(2020, 6, 10), published=False)
    login("reader")
    html = page(client.get(url("workshop_list")))
    assert html.index("Spät-Workshop") < html.index("Früh-Workshop")  # newest first
    assert 'data-label="Datum"' in html and "table-cards" in html
    html = page(client.get(url("workshop_list"), {"sort": "date"}))
    assert html.index("Früh-Workshop") < html.index("Spät-Workshop")
    html = page(client.get(url("workshop_list"), {"field": other.pk}))
    assert "Spät-Workshop" in html and "Früh-Workshop" not in html
    html = page(client.get(url("workshop_list"), {"field": "999999999999999999999"}))
    assert "Einige Filter sind ungültig" in html and "Früh-Workshop" in html


def test_list_queries_do_not_grow(client, login, field, django_assert_max_num_queries):
    login("reader")
    make_workshop(field)
    client.get(url("workshop_list"))  # warm: values cached per content version
    with CaptureQueriesContext(connection) as small:
        client.get(url("workshop_list"))
    budget = len(small)  # read now: every request clears the connection's query log
    for _ in range(10):
        make_workshop(field)
    client.get(url("workshop_list"))
    with django_assert_max_num_queries(budget):
        assert page(client.get(url("workshop_list"))).count("badge-published") == 11


def test_officer_and_reader_cannot_write(client, login, workshop, field):
    idea = make_idea(workshop)
    for role in ("officer", "reader"):
        login(role)
        assert client.get(url("workshop_detail", workshop.pk)).status_code == 200
        for name, args in [
            ("workshop_create", []),
            ("workshop_edit", [workshop.pk]),
            ("workshop_delete", [workshop.pk]),
            ("idea_create", [workshop.pk]),
            ("idea_edit", [workshop.pk, idea.pk]),
            ("idea_delete", [workshop.pk, idea.pk]),
            ("idea_to_project", [workshop.pk, idea.pk]),
        ]:
            assert client.get(url(name, *args)).status_code == 403, name
            assert client.post(url(name, *args), {}).status_code == 403, name
        assert client.post(url("workshop_create"), workshop_data(field)).status_code == 403
    assert Workshop.objects.count() == 1 and not Project.objects.exists()


def test_anonymous_is_sent_to_login_and_other_region_gets_404(client, login, other_region):
    foreign_field = t.make_field(t.make_strategy(other_region), "Fremd", slug="fremd")
    foreign = make_workshop(foreign_field)
    response = client.get(url("workshop_list"))
    assert response.status_code == 302 and response["Location"].startswith("/anmelden/")
    login("coordinator")
    assert client.get(url("workshop_detail", foreign.pk)).status_code == 404
    assert client.get(url("workshop_edit", foreign.pk)).status_code == 404


def test_coordinator_creates_a_workshop(client, login, field):
    login("coordinator")
    assert client.get(url("workshop_create")).status_code == 200
    response = client.post(
        url("workshop_create"),
        workshop_data(field, end_date="2020-02-19", published="on", reason="Seed"),
    )
    workshop = Workshop.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("workshop_detail", workshop.pk)
    assert workshop.participants == 30 and workshop.published
    assert workshop.region == field.region and workshop.slug == "workshop-mobilitaet"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"end_date": "2020-02-18"}, "Das Enddatum darf nicht vor dem Datum des Workshops liegen."),
        ({"participants": "-1"}, "Dieser Wert muss größer oder gleich 0 sein."),
        ({"participants": "2,5"}, "Bitte eine ganze Zahl eingeben."),
        ({"format": "zoom"}, "Bitte eine gültige Auswahl treffen."),
        ({"title": ""}, "Dieses Feld ist zwingend erforderlich."),
        ({"field": "abc"}, "Bitte eine gültige Auswahl treffen."),
    ],
)
def test_bad_workshop_input_is_refused_in_german(client, login, field, overrides, message):
    login("coordinator")
    response = client.post(url("workshop_create"), workshop_data(field, **overrides))
    assert response.status_code == 200
    assert message in page(response)
    assert not Workshop.objects.exists()


def test_edit_with_a_stale_version_shows_the_conflict(client, login, workshop, field):
    login("coordinator")
    data = workshop_data(field, title="Meine Fassung", version=1)
    services.update_workshop(workshop, {"title": "Fremde Fassung"}, expected_version=1)
    response = client.post(url("workshop_edit", workshop.pk), data)
    assert response.status_code == 409
    workshop.refresh_from_db()
    assert workshop.title == "Fremde Fassung"
    data["version"] = 2
    response = client.post(url("workshop_edit", workshop.pk), data)
    assert response.status_code == 302
    workshop.refresh_from_db()
    assert workshop.title == "Meine Fassung" and workshop.version == 3


def test_delete_workshop(client, login, workshop):
    login("coordinator")
    assert client.get(url("workshop_delete", workshop.pk)).status_code == 200
    response = client.post(url("workshop_delete", workshop.pk), {"version": 1, "reason": ""})
    assert response.status_code == 302 and response["Location"] == url("workshop_list")
    assert not Workshop.objects.exists()


def test_ideas_create_edit_delete(client, login, workshop):
    login("coordinator")
    response = client.post(
        url("idea_create", workshop.pk),
        {"title": "Mitfahrbank", "description": "<b>fett</b>", "position": "", "reason": ""},
    )
    assert response.status_code == 302
    idea = WorkshopIdea.objects.get()
    assert idea.workshop == workshop and idea.position == 1
    html = page(client.get(url("workshop_detail", workshop.pk)))
    assert "Mitfahrbank" in html and "&lt;b&gt;fett&lt;/b&gt;" in html
    assert "Als Projektentwurf anlegen" in html
    response = client.post(
        url("idea_edit", workshop.pk, idea.pk),
        {"title": "Mitfahrbänke", "description": "", "position": "", "version": 1, "reason": ""},
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.title == "Mitfahrbänke" and idea.position == 1
    response = client.post(url("idea_delete", workshop.pk, idea.pk), {"version": 2, "reason": ""})
    assert response.status_code == 302
    assert not WorkshopIdea.objects.exists()


def test_an_idea_of_another_workshop_is_not_found(client, login, workshop, field):
    idea = make_idea(make_workshop(field, "Anderer"))
    login("coordinator")
    assert client.get(url("idea_edit", workshop.pk, idea.pk)).status_code == 404


def test_idea_becomes_a_project_draft_via_the_page(client, login, workshop, field, users):
    idea = make_idea(workshop, "Mobilitätsplattform", description="Eine App")
    login("coordinator")
    confirm = client.get(url("idea_to_project", workshop.pk, idea.pk))
    assert confirm.status_code == 200
    assert "Als Projektentwurf anlegen" in page(confirm) and 'method="post"' in page(confirm)
    response = client.post(url("idea_to_project", workshop.pk, idea.pk), {"version": 1})
    project = Project.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("project_detail", project.pk)
    assert project.title == "Mobilitätsplattform" and project.field == field
    assert project.status == ProjectStatus.IDEA and not project.published
    html = page(client.get(url("workshop_detail", workshop.pk)))
    assert url("project_detail", project.pk) in html
    assert url("idea_to_project", workshop.pk, idea.pk) not in html  # the button is gone
    # A second submit (a double click, a stale tab) makes no second project.
    again = client.post(url("idea_to_project", workshop.pk, idea.pk), {"version": 1}, follow=True)
    assert again.status_code == 200
    assert "Aus dieser Idee wurde bereits ein Projekt angelegt." in page(again)
    assert Project.objects.count() == 1


def test_idea_redirect_for_change_log_links(client, login, workshop):
    idea = make_idea(workshop)
    login("reader")
    response = client.get(url("workshop_idea", idea.pk))
    assert response["Location"] == url("workshop_detail", workshop.pk) + f"#idee-{idea.pk}"


def test_detail_queries_do_not_grow_with_ideas(
    client, login, workshop, django_assert_max_num_queries
):
    make_idea(workshop)
    login("reader")
    detail = url("workshop_detail", workshop.pk)
    client.get(detail)  # warm
    with CaptureQueriesContext(connection) as small:
        client.get(detail)
    budget = len(small)
    for _ in range(8):
        services.make_project_draft(make_idea(workshop))
    client.get(detail)
    with django_assert_max_num_queries(budget):
        html = page(client.get(detail))
    assert html.count('class="idea"') == 9
