"""Each town's part of a shared project on the public site: the project page's table and the
town page, which shows where that town stands."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digitalagentur.core import testing as t
from digitalagentur.portfolio.models import Participation
from digitalagentur.portfolio.services import update_part, update_project

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


@pytest.fixture
def shared(region, strategy, town, other_town):
    project = t.make_project(region, "Online ins Rathaus", towns=[town, other_town])
    part = Participation.objects.get(project=project, municipality=town)
    update_part(
        part,
        {"status": "completed", "progress": 100, "note": "Portal <b>läuft</b>"},
        expected_version=1,
    )
    project.refresh_from_db()
    return project


def page(client, project):
    response = client.get(reverse("public:project_detail", args=[project.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_project_page_shows_each_towns_part(client, shared):
    html = page(client, shared)
    assert "Stand in den Kommunen" in html
    table = html[html.index("Stand in den Kommunen") :]
    assert table.index("Havixbeck") < table.index("Senden")  # by name
    assert "Portal &lt;b&gt;läuft&lt;/b&gt;" in table  # the note, escaped
    assert "abgeschlossen" in table and "geplant" in table
    assert "ergeben sich aus dem Stand der Kommunen" in html
    # 100 and 0: the project stands at 50 % and is under way
    assert (shared.status, shared.progress) == ("in_progress", 50)


def test_override_is_said_on_the_page(client, shared):
    update_project(shared, {"progress": 80}, expected_version=shared.version)
    html = page(client, shared)
    assert "von der Koordination festgelegt" in html


def test_one_towns_project_has_no_parts_table(client, region, town, strategy):
    project = t.make_project(region, "Dorf-App", towns=[town])
    assert "Stand in den Kommunen" not in page(client, project)


def test_project_page_queries_do_not_grow_with_towns(client, region, strategy, town, other_town):
    small = t.make_project(region, "Klein", towns=[town, other_town])
    towns = [town, other_town] + [t.make_municipality(region, f"Ort {n}") for n in range(8)]
    large = t.make_project(region, "Groß", towns=towns)
    page(client, small)  # the region's towns are kept per content version
    counts = []
    for project in (small, large):
        with CaptureQueriesContext(connection) as captured:
            html = page(client, project)
        counts.append(len(captured))
    assert counts[0] == counts[1]
    assert html.count('<th scope="row"><a href="/kommunen/') >= 10


def test_town_page_shows_the_towns_own_part_and_local_projects_first(
    client, region, strategy, town, shared
):
    t.make_project(region, "Senden-App", towns=[town])
    html = client.get(reverse("public:municipality_detail", args=[town.slug])).content.decode()
    assert "Status in Senden" in html and "Fortschritt in Senden" in html
    row = html[html.index("Online ins Rathaus") :]
    row = row[: row.index("</tr>")]
    assert "abgeschlossen" in row and "100 %" in row  # Senden's part, not the project's 50 %
    assert html.index("Lokale Projekte") < html.index("Beteiligung an Projekten der Strategie")
