"""The status bar on the start, strategy, field and town pages: drawn on the server as SVG,
with the same figures in text, and a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digitalagentur.core import testing as t
from digitalagentur.portfolio.models import Participation
from digitalagentur.portfolio.services import update_part

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


@pytest.fixture
def site(region, strategy, town, other_town):
    field = t.make_field(strategy, "Verwaltung", slug="verwaltung")
    t.make_project(region, "A", towns=[town], field=field, is_strategy_project=True)
    t.make_project(
        region,
        "B",
        towns=[town],
        field=field,
        status="completed",
        progress=100,
        is_strategy_project=True,
    )
    t.make_project(
        region, "Entwurf", towns=[town], status="completed", progress=100, published=False
    )
    shared = t.make_project(
        region, "C", towns=[town, other_town], status="in_progress", progress=30
    )
    return {"field": field, "shared": shared}


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_start_page_counts_published_projects(client, site):
    html = html_of(client, reverse("public:home"))
    assert '<svg class="status-bar"' in html and 'role="img"' in html
    # planned 0, completed 100, in progress 30: (0 + 100 + 30) / 3 = 43.3 → 43
    assert "Alle Projekte: 3 Projekte" in html
    assert "Fortschritt insgesamt 43 %" in html
    assert "geplant: 1 (33 %)" in html and "abgeschlossen: 1 (33 %)" in html


def test_strategy_page_counts_strategy_projects(client, site):
    html = html_of(client, reverse("public:strategy"))
    assert "Projekte der Strategie: 2 Projekte" in html
    assert "Fortschritt insgesamt 50 %" in html


def test_field_page(client, site):
    html = html_of(client, reverse("public:field_detail", args=["verwaltung"]))
    assert "Projekte im Handlungsfeld: 2 Projekte" in html
    assert 'class="bar-completed" x="50.000" y="0" width="50.000"' in html


def test_town_page_counts_the_towns_parts(client, site, other_town):
    part = Participation.objects.get(project=site["shared"], municipality=other_town)
    update_part(part, {"status": "completed", "progress": 100}, expected_version=1)
    html = html_of(client, reverse("public:municipality_detail", args=[other_town.slug]))
    assert "Projekte mit Havixbeck: 1 Projekt" in html
    assert "Fortschritt insgesamt 100 %" in html  # Havixbeck's part, not the project's 65 %


def test_no_projects_no_chart(client, region, strategy):
    assert "status-bar" not in html_of(client, reverse("public:home"))


def test_start_page_queries_do_not_grow(client, site, region, town):
    url = reverse("public:home")
    html_of(client, url)
    with CaptureQueriesContext(connection) as small:
        html_of(client, url)
    for n in range(20):
        t.make_project(region, f"Mehr {n}", towns=[town], status="paused")
    html_of(client, url)
    with CaptureQueriesContext(connection) as large:
        html = html_of(client, url)
    assert len(large) == len(small)
    assert "pausiert: 20" in html
