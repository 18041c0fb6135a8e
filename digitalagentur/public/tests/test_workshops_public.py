"""The workshops section of a field's public page (issue 9, §5): published workshops only,
their ideas linking published projects, text escaped, queries not growing with the data."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from digitalagentur.assessment import workshops as services
from digitalagentur.assessment.models import WorkshopFormat
from digitalagentur.core import testing as t
from digitalagentur.portfolio.services import update_project
from digitalagentur.tenancy.choices import Role
from digitalagentur.testing.assessment_workshops import make_idea, make_workshop

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


@pytest.fixture
def field(strategy):
    return t.make_field(strategy, "Mobilität", slug="mobilitaet")


def field_url():
    return reverse("public:field_detail", args=["mobilitaet"])


def section_of(client) -> str:
    response = client.get(field_url())
    assert response.status_code == 200
    return response.content.decode().split('id="workshops-title"', 1)[1]


def test_empty_section(client, field):
    make_workshop(field, "ENTWURF-WORKSHOP", published=False)
    section = section_of(client)
    assert "Zu diesem Handlungsfeld sind noch keine Workshops veröffentlicht." in section
    assert "ENTWURF-WORKSHOP" not in section


def test_published_workshops_with_details_and_ideas(client, region, field, strategy):
    other = t.make_field(strategy, "Wirtschaft", slug="wirtschaft")
    make_workshop(other, "WORKSHOP-ANDERES-FELD")
    make_workshop(field, "ENTWURF-WORKSHOP", published=False)
    workshop = make_workshop(
        field,
        "Workshop Mobilität",
        date=datetime.date(2020, 2, 19),
        format=WorkshopFormat.IN_PERSON,
        participants=30,
        goals_discussed="Ziel: Mobilität im ländlichen Raum",
    )
    digital = make_workshop(
        field,
        "Workshop Innenstadt",
        date=datetime.date(2020, 6, 3),
        end_date=datetime.date(2020, 6, 24),
        format=WorkshopFormat.DIGITAL,
        participants=34,
    )
    linked = make_idea(workshop, "Mitfahrbank")
    published = services.make_project_draft(linked)
    update_project(published, {"published": True}, expected_version=published.version)
    unpublished = make_idea(workshop, "Carsharing")
    services.make_project_draft(unpublished)
    make_idea(digital, "Leerstandsbörse")
    section = section_of(client)
    assert "Workshop Mobilität" in section and "Workshop Innenstadt" in section
    assert "ENTWURF-WORKSHOP" not in section and "WORKSHOP-ANDERES-FELD" not in section
    assert "19.02.2020" in section and "03.06.2020</time> – " in section and "24.06.2020" in section
    assert "in Präsenz" in section and "digital" in section
    assert "<dd>30</dd>" in section and "<dd>34</dd>" in section
    assert "Ziel: Mobilität im ländlichen Raum" in section
    assert section.index("Workshop Mobilität") < section.index("Workshop Innenstadt")
    project_url = reverse("public:project_detail", args=[published.slug])
    assert f'<a href="{project_url}">Mitfahrbank</a>' in section
    assert "<strong>Carsharing</strong>" in section  # its project is a draft: no link
    assert "Leerstandsbörse" in section


def test_text_is_escaped(client, field):
    workshop = make_workshop(
        field,
        "<script>alert(1)</script>",
        goals_discussed="<img src=x onerror=alert(2)>",
        moderators="<b>M</b>",
    )
    make_idea(workshop, "<i>Idee</i>", description="<a href=evil>x</a>")
    section = section_of(client)
    assert "<script>alert(1)" not in section and "&lt;script&gt;alert(1)&lt;/script&gt;" in section
    assert "<img" not in section and "&lt;img src=x onerror=alert(2)&gt;" in section
    assert "<b>M</b>" not in section and "<i>Idee</i>" not in section
    assert "<a href=evil>" not in section


def test_a_change_shows_at_once_with_the_page_cache(client, field):
    workshop = make_workshop(field, "Erst Entwurf", published=False)
    assert "Erst Entwurf" not in section_of(client)
    services.update_workshop(workshop, {"published": True}, expected_version=1)
    assert "Erst Entwurf" in section_of(client)


def count_queries(client) -> int:
    client.get(field_url())  # warm up
    with CaptureQueriesContext(connection) as queries:
        client.get(field_url())
    return len(queries)


@pytest.mark.usefixtures("no_page_cache")
def test_queries_do_not_grow_with_workshops_and_ideas(client, region, field):
    first = make_workshop(field, "Erster")
    make_idea(first, "Erste Idee")
    small = count_queries(client)
    for n in range(5):
        workshop = make_workshop(field, f"Weiterer {n}")
        for m in range(3):
            idea = make_idea(workshop, f"Idee {n}-{m}")
            project = services.make_project_draft(idea)
            if m == 0:
                update_project(project, {"published": True}, expected_version=project.version)
    assert count_queries(client) == small
    assert section_of(client).count('<article class="workshop"') == 6


def browser_site():
    """A region with a field, a published workshop with ideas (one a published project), and
    a coordinator who can log in."""
    region = t.make_region("kreis-a", name="Kreis A")
    strategy = t.make_strategy(region)
    field = t.make_field(strategy, "Mobilität", slug="mobilitaet")
    workshop = make_workshop(
        field,
        "Workshop Mobilität",
        date=datetime.date(2020, 6, 3),
        end_date=datetime.date(2020, 6, 24),
        format=WorkshopFormat.DIGITAL,
        participants=34,
        moderators="Digitalagentur Kreis A",
        description="Drei Videokonferenzen mit zwei Phasen dezentraler Arbeit dazwischen.",
        goals_discussed="Mobilität im ländlichen Raum verbessern",
    )
    published = services.make_project_draft(make_idea(workshop, "Mitfahrbank", description="x"))
    update_project(published, {"published": True}, expected_version=published.version)
    make_idea(workshop, "Carsharing-Plattform für alle Orte des Kreises", description="y")
    user = t.make_user_with_role(region, Role.COORDINATOR, username="koord")
    return region, field, workshop, user


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_pages_pass_axe_and_fit(page, live_server, transactional_db, width):
    from .test_agency_browser import assert_fits
    from .test_browser import assert_no_axe_violations, assert_stylesheet_applied

    _region, _field, workshop, _user = browser_site()
    idea = workshop.ideas.filter(project__isnull=True).get()
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(live_server.url + field_url())
    assert response.status == 200
    assert page.locator("article.workshop").count() == 1
    assert_stylesheet_applied(page)
    assert_no_axe_violations(page, f"field page at {width} px")
    assert_fits(page, f"field page at {width} px")

    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", "koord")
    page.fill("#id_password", t.TEST_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(live_server.url + reverse("staff:dashboard"))
    staff = {
        "list": reverse("staff:workshop_list"),
        "detail": reverse("staff:workshop_detail", args=[workshop.pk]),
        "create": reverse("staff:workshop_create"),
        "edit": reverse("staff:workshop_edit", args=[workshop.pk]),
        "delete": reverse("staff:workshop_delete", args=[workshop.pk]),
        "idea create": reverse("staff:idea_create", args=[workshop.pk]),
        "idea edit": reverse("staff:idea_edit", args=[workshop.pk, idea.pk]),
        "idea to project": reverse("staff:idea_to_project", args=[workshop.pk, idea.pk]),
    }
    for label, path in staff.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, label
        assert_no_axe_violations(page, f"staff {label} at {width} px")
        assert_fits(page, f"staff {label} at {width} px")
