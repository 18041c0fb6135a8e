"""The staff dashboard for monitoring: the status bar of the region's whole portfolio (drafts
included) and, for an officer, "Meine Projekte" with a quick update of each town's part."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digitalagentur.core import testing as t
from digitalagentur.portfolio.models import Participation

pytestmark = pytest.mark.django_db


def test_dashboard_shows_the_portfolio_status(client, login, region, town, other_region):
    t.make_project(region, "Läuft", towns=[town], status="in_progress", progress=40)
    t.make_project(region, "Entwurf", towns=[town], published=False)
    t.make_project(other_region, "Fremd", status="completed", progress=100)
    login("reader")
    html = client.get(reverse("staff:dashboard")).content.decode()
    assert "Stand des Portfolios" in html
    assert "(mit Entwürfen): 2 Projekte" in html
    assert "Fortschritt insgesamt 20 %" in html
    assert "abgeschlossen" not in html[html.index("Stand des Portfolios") :].split("</section>")[0]


@pytest.fixture
def senden_projects(region, town, other_town):
    shared = t.make_project(region, "Gemeinsam", towns=[town, other_town], progress=40)
    local = t.make_project(region, "Nur Senden", towns=[town])
    foreign = t.make_project(region, "Nur Havixbeck", towns=[other_town])
    return shared, local, foreign


def test_officer_sees_my_projects_first_local_before_shared(client, login, senden_projects):
    shared, local, foreign = senden_projects
    login("officer")
    html = client.get(reverse("staff:dashboard")).content.decode()
    assert html.index("Meine Projekte") < html.index("Handlungsbedarf")
    mine = html[html.index("Meine Projekte") : html.index("Handlungsbedarf")]
    assert mine.index("Nur Senden") < mine.index("Gemeinsam")
    assert "Nur Havixbeck" not in mine
    part = Participation.objects.get(project=shared, municipality__slug="senden")
    assert f'action="{reverse("staff:part_edit", args=[part.pk])}"' in mine
    assert "(von 2 Kommunen)" in mine


def test_quick_update_without_script_returns_to_the_dashboard(client, login, senden_projects):
    shared = senden_projects[0]
    login("officer")
    part = Participation.objects.get(project=shared, municipality__slug="senden")
    back = reverse("staff:dashboard") + f"#teil-{part.pk}"
    response = client.post(
        reverse("staff:part_edit", args=[part.pk]),
        {"status": "in_progress", "progress": 60, "note": "", "version": 1, "next": back},
    )
    assert response.status_code == 302 and response["Location"] == back
    shared.refresh_from_db()
    assert (shared.status, shared.progress) == ("in_progress", 50)
    page = client.get(reverse("staff:dashboard")).content.decode()
    assert "Der Stand der Kommune wurde gespeichert." in page


def test_coordinator_has_no_my_projects(client, login, senden_projects):
    login("coordinator")
    assert "Meine Projekte" not in client.get(reverse("staff:dashboard")).content.decode()


def test_officer_dashboard_queries_do_not_grow(client, login, region, town, other_town):
    login("officer")
    t.make_project(region, "Eins", towns=[town, other_town])
    url = reverse("staff:dashboard")
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for n in range(12):
        t.make_project(region, f"Mehr {n}", towns=[town] if n % 2 else [town, other_town])
    client.get(url)
    with CaptureQueriesContext(connection) as large:
        html = client.get(url).content.decode()
    assert len(large) == len(small)
    assert html.count("data-quick-update") == 13


def test_recent_changes_are_by_people_unless_asked(client, login, region, town, users):
    from digitalagentur.portfolio.services import update_project
    from digitalagentur.staff.services import create_assignment
    from digitalagentur.tenancy.choices import Role

    project = t.make_project(region, "Vom System angelegt", towns=[town])  # no user
    update_project(
        project, {"title": "Von Hand umbenannt"}, expected_version=1, user=users["coordinator"]
    )
    newcomer = t.make_user("neu")
    create_assignment(newcomer, region, Role.READER, None, user=users["admin"])
    login("reader")
    html = client.get(reverse("staff:dashboard")).content.decode()
    recent = html[html.index('<ul class="recent-changes">') :].split("</ul>")[0]
    assert "Von Hand umbenannt" in recent
    assert recent.count("<li>") == 1  # not the creation by the system, not the role
    everything = client.get(reverse("staff:dashboard"), {"automatisch": "1"}).content.decode()
    recent = everything[everything.index('<ul class="recent-changes">') :].split("</ul>")[0]
    assert recent.count("<li>") == 3
