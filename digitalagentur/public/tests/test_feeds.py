"""Atom feeds of a project, a field and a town: published updates and status changes only."""

import datetime
import xml.etree.ElementTree as ET  # noqa: S405 - parses our own answer in a test

import pytest
from django.urls import reverse

from digitalagentur.core import testing as t
from digitalagentur.core.services import create_object
from digitalagentur.portfolio.models import Participation, ProjectUpdate
from digitalagentur.portfolio.services import update_part, update_project

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def add_update(project, title, published=True, day=datetime.date(2024, 5, 2)):
    return create_object(
        ProjectUpdate(
            region=project.region,
            project=project,
            date=day,
            title=title,
            text="Text",
            published=published,
        )
    )


@pytest.fixture
def site(region, strategy, town, other_town):
    field = t.make_field(strategy, "Verwaltung", slug="verwaltung")
    shared = t.make_project(
        region, "Online ins Rathaus", code="P1", towns=[town, other_town], field=field
    )
    draft = t.make_project(region, "Geheim", towns=[town], field=field, published=False)
    add_update(shared, "Portal geht live")
    add_update(shared, "ENTWURFS-UPDATE", published=False)
    add_update(draft, "GEHEIMES-UPDATE")
    part = Participation.objects.get(project=shared, municipality=town)
    update_part(part, {"status": "in_progress", "progress": 50}, expected_version=1)
    return {"field": field, "shared": shared, "draft": draft}


def feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own answer
    return [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")]


def test_project_feed_has_updates_and_status_changes(client, site):
    titles = feed(client, reverse("public:project_feed", args=[site["shared"].slug]))
    assert "P1: Online ins Rathaus: Portal geht live" in titles
    assert "P1: Online ins Rathaus: jetzt „in Umsetzung“" in titles
    assert not any("ENTWURFS" in title for title in titles)
    assert titles[0].endswith("jetzt „in Umsetzung“")  # newest first


def test_field_and_town_feeds_leave_drafts_out(client, site, town):
    for url in (
        reverse("public:field_feed", args=["verwaltung"]),
        reverse("public:municipality_feed", args=[town.slug]),
    ):
        titles = feed(client, url)
        assert "P1: Online ins Rathaus: Portal geht live" in titles
        assert not any("GEHEIM" in title for title in titles)


def test_draft_project_and_unknown_town_have_no_feed(client, site):
    assert client.get(reverse("public:project_feed", args=[site["draft"].slug])).status_code == 404
    assert client.get(reverse("public:municipality_feed", args=["nirgendwo"])).status_code == 404


def test_other_region_sees_nothing(client, site, other_region):
    url = reverse("public:project_feed", args=[site["shared"].slug])
    assert client.get(url, headers={"host": "kreis-b.example.org"}).status_code == 404


def test_pages_link_their_feeds(client, site, town):
    for page, url in (
        (
            reverse("public:project_detail", args=[site["shared"].slug]),
            reverse("public:project_feed", args=[site["shared"].slug]),
        ),
        (
            reverse("public:field_detail", args=["verwaltung"]),
            reverse("public:field_feed", args=["verwaltung"]),
        ),
        (
            reverse("public:municipality_detail", args=[town.slug]),
            reverse("public:municipality_feed", args=[town.slug]),
        ),
    ):
        html = client.get(page).content.decode()
        assert 'type="application/atom+xml"' in html and f'href="{url}"' in html


def test_coordinators_status_override_is_in_the_feed(client, site):
    shared = site["shared"]
    shared.refresh_from_db()
    update_project(shared, {"status": "paused"}, expected_version=shared.version)
    titles = feed(client, reverse("public:project_feed", args=[shared.slug]))
    assert titles[0] == "P1: Online ins Rathaus: jetzt „pausiert“"


def test_feeds_are_valid_atom_with_the_same_ids(client, site, region):
    """RFC 4287: the region is the author; entry ids are tag URIs, the same in every feed."""
    ids = {}
    for url in (
        reverse("public:project_feed", args=[site["shared"].slug]),
        reverse("public:field_feed", args=["verwaltung"]),
        reverse("public:region_feed"),
    ):
        root = ET.fromstring(client.get(url).content)  # noqa: S314 - our own answer
        assert root.find(f"{ATOM}author/{ATOM}name").text == region.name
        ids[url] = {
            e.find(f"{ATOM}title").text: e.find(f"{ATOM}id").text
            for e in root.findall(f"{ATOM}entry")
        }
    host = region.hostname or "testserver"
    entry = "P1: Online ins Rathaus: Portal geht live"
    found = {feed[entry] for feed in ids.values()}
    assert len(found) == 1
    assert found.pop().startswith(f"tag:{host},2020:{region.slug}/update-")
