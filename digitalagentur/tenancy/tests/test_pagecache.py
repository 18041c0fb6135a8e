"""Cached public pages: per region, language and content version; conditional requests."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.authtoken.models import Token

from digitalagentur.core import testing as t
from digitalagentur.core.services import update_object
from digitalagentur.portfolio.services import update_project
from digitalagentur.tenancy.models import Region

pytestmark = pytest.mark.django_db

OTHER_HOST = "kreis-b.example.org"


@pytest.fixture(autouse=True)
def default_region(settings, region):
    """The test host names no region: the fixture region is the default (found in one query)."""
    settings.DEFAULT_REGION_SLUG = region.slug


@pytest.fixture
def project(region, town, strategy):
    field = t.make_field(strategy, "Verwaltung", slug="verwaltung")
    return t.make_project(region, "Online ins Rathaus", code="P1", towns=[town], field=field)


def get(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    response.queries = len(queries)
    return response


PAGES = [
    ("public:home", ()),
    ("public:project_list", ()),
    ("api-project-list", ()),
]


@pytest.mark.parametrize("name,args", PAGES)
def test_second_anonymous_request_is_answered_from_the_cache(client, project, name, args):
    url = reverse(name, args=args)
    first = get(client, url)
    second = get(client, url)
    assert first.status_code == second.status_code == 200
    assert first["X-Cache"] == "miss" and second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second.queries == 1  # the region (with its content version), nothing else
    assert first.queries > 1


def test_project_page_and_api_detail_are_cached(client, project):
    for url in (
        reverse("public:project_detail", args=[project.slug]),
        reverse("api-project-detail", args=[project.pk]),
    ):
        assert get(client, url)["X-Cache"] == "miss"
        assert get(client, url).queries == 1


def test_an_edit_is_seen_at_once(client, project):
    url = reverse("public:project_list")
    assert "Online ins Rathaus" in get(client, url).content.decode()
    update_project(project, {"title": "Rathaus digital"}, expected_version=project.version)
    response = get(client, url)
    assert response["X-Cache"] == "miss"
    assert "Rathaus digital" in response.content.decode()
    api = get(client, reverse("api-project-detail", args=[project.pk])).json()
    assert api["title"] == "Rathaus digital"


def test_unpublishing_removes_the_project_from_cached_pages(client, project):
    list_url = reverse("api-project-list")
    assert get(client, list_url).json()["count"] == 1
    update_project(project, {"published": False}, expected_version=project.version)
    assert get(client, list_url).json()["count"] == 0
    assert get(client, reverse("public:project_detail", args=[project.slug])).status_code == 404


def test_an_edit_of_a_town_or_field_raises_the_region_version(region, town, strategy):
    before = Region.objects.get(pk=region.pk).content_version
    update_object(town, {"description": "Neu"}, expected_version=town.version)
    middle = Region.objects.get(pk=region.pk).content_version
    t.make_field(strategy, "Bildung", slug="bildung")
    after = Region.objects.get(pk=region.pk).content_version
    assert before < middle < after


def test_an_edit_in_one_region_keeps_the_other_regions_pages(client, project, other_region):
    t.make_project(other_region, "Projekt B")
    url = reverse("public:project_list")
    get(client, url, HTTP_HOST=OTHER_HOST)
    update_project(project, {"title": "Neu A"}, expected_version=project.version)
    response = get(client, url, HTTP_HOST=OTHER_HOST)
    assert response["X-Cache"] == "hit"
    assert "Projekt B" in response.content.decode()
    assert "Neu A" not in response.content.decode()


def test_regions_and_languages_have_their_own_entries(client, project, other_region):
    t.make_project(other_region, "Projekt B")
    url = reverse("public:project_list")
    a = get(client, url).content.decode()
    b = get(client, url, HTTP_HOST=OTHER_HOST).content.decode()
    assert "Online ins Rathaus" in a and "Projekt B" not in a
    assert "Projekt B" in b and "Online ins Rathaus" not in b
    german = get(client, url)
    client.cookies["django_language"] = "en"
    english = get(client, url)
    assert english["X-Cache"] == "miss"
    assert english["Content-Language"] == "en" and german["Content-Language"] == "de"
    assert 'lang="en"' in english.content.decode()


def test_signed_in_and_token_requests_are_never_answered_from_the_cache(client, project, users):
    url = reverse("public:project_list")
    get(client, url)
    client.force_login(users["reader"])
    response = get(client, url)
    assert "X-Cache" not in response
    assert "Abmelden" in response.content.decode()
    token = Token.objects.create(user=users["reader"])
    api_url = reverse("api-project-list")
    get(Client(), api_url)
    with_token = get(Client(), api_url, HTTP_AUTHORIZATION=f"Token {token.key}")
    assert "X-Cache" not in with_token


def test_shared_page_fills_in_each_visitors_menu(client, project, users):
    url = reverse("public:project_detail", args=[project.slug])
    anonymous = get(client, url).content.decode()
    assert "Anmelden" in anonymous and "Abmelden" not in anonymous
    client.force_login(users["reader"])
    reader = get(client, url)
    html = reader.content.decode()
    assert "Abmelden" in html and 'name="csrfmiddlewaretoken"' in html
    assert "Online ins Rathaus" in html and "digitalagentur:nav" not in html
    # session, user and region: the page body came from the cache
    assert get(client, url).queries <= 3


def test_conditional_requests_are_answered_304_until_the_content_changes(client, project):
    url = reverse("public:project_list")
    first = client.get(url)
    etag = first["ETag"]
    assert "Last-Modified" not in first  # whole seconds could hide a second change
    assert "no-cache" in first["Cache-Control"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    head = client.head(url, HTTP_IF_NONE_MATCH=etag)
    assert head.status_code == 304
    update_project(project, {"title": "Rathaus digital"}, expected_version=project.version)
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_answers_that_are_not_cached(client, project):
    # a form with a CSRF token, an unknown page, and a write
    contact = reverse("public:contact")
    client.get(contact)
    assert "X-Cache" not in client.get(contact)
    assert "X-Cache" not in client.get("/projekte/gibt-es-nicht/")
    assert client.get("/projekte/gibt-es-nicht/").status_code == 404
    assert "X-Cache" not in client.get(reverse("staff:dashboard"))
    # a visitor with a flash message waiting (messages cookie) gets a rendered page
    client.cookies["messages"] = "x"
    assert "X-Cache" not in client.get(reverse("public:project_list"))


def test_cache_can_be_turned_off(client, project, settings):
    settings.DIGITALAGENTUR_PAGE_CACHE_SECONDS = 0
    url = reverse("public:project_list")
    client.get(url)
    assert "X-Cache" not in client.get(url)


def test_language_switch_needs_no_csrf_token(project):
    client = Client(enforce_csrf_checks=True)
    html = client.get(reverse("public:project_list")).content.decode()
    assert "csrfmiddlewaretoken" not in html
    response = client.post(reverse("set_language"), {"language": "en", "next": "/projekte/"})
    assert response.status_code == 302 and response.cookies["django_language"].value == "en"


def test_a_visitor_comparing_versions_keeps_the_cache(client, project, region):
    """Storing a comparison of versions (VersionDiff) on an anonymous GET changes no page."""
    from digitalagentur.strategy.versions import freeze_version

    strategy = project.field.strategy
    first = freeze_version(strategy, "Fassung 1")
    update_project(project, {"title": "Neu"}, expected_version=project.version)
    second = freeze_version(strategy, "Fassung 2")
    url = reverse("public:project_list")
    get(client, url)
    before = Region.objects.get(pk=region.pk).content_version
    diff = get(client, reverse("api-strategy-version-diff", args=[first.pk, second.pk]))
    assert diff.status_code == 200
    assert Region.objects.get(pk=region.pk).content_version == before
    assert get(client, url)["X-Cache"] == "hit"


def test_an_unreachable_cache_renders_pages_instead_of_failing(client, project, monkeypatch):
    from django.core.cache import cache

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get", broken)
    monkeypatch.setattr(cache, "set", broken)
    response = get(client, reverse("public:project_list"))
    assert response.status_code == 200 and "Online ins Rathaus" in response.content.decode()


def test_an_older_region_object_never_writes_its_version_back(region, project):
    stale = Region.objects.get(pk=region.pk)
    update_project(project, {"title": "Neu"}, expected_version=project.version)
    current = Region.objects.get(pk=region.pk).content_version
    stale.name = "Kreis A neu"
    stale.save()
    assert Region.objects.get(pk=region.pk).content_version > current


def test_a_shared_cache_gets_a_memory_front_that_follows_the_content(client, project, settings):
    """With Redis (here: a cache that forgets everything) pages come from this process's
    memory front, keyed like the shared cache by the content version."""
    from digitalagentur.tenancy import pagecache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    pagecache._front.entries.clear()
    url = reverse("public:project_list")
    assert get(client, url)["X-Cache"] == "miss"
    second = get(client, url)
    assert second["X-Cache"] == "hit" and second.queries == 1
    update_project(project, {"title": "Rathaus digital"}, expected_version=project.version)
    changed = get(client, url)
    assert changed["X-Cache"] == "miss" and "Rathaus digital" in changed.content.decode()
    pagecache._front.entries.clear()


def test_memory_front_forgets_after_its_timeout_and_beyond_its_size():
    from digitalagentur.tenancy.pagecache import LocalFront

    front = LocalFront(size=2)
    front.set("a", "A", timeout=-1)
    assert front.get("a") is None  # already expired
    front.set("b", "B", 60)
    front.set("c", "C", 60)
    front.get("b")  # b used last: c goes first
    front.set("d", "D", 60)
    assert (front.get("b"), front.get("c"), front.get("d")) == ("B", None, "D")
    front.set("big", "x" * (200 * 1024), 60)
    assert front.get("big") is None


def test_towns_kept_in_process_memory_follow_an_edit_at_once(project, town, users):
    """The region's towns are kept in this process (not re-read per request); a renamed
    town still shows in the next uncached answer, as the memo's key is the content state."""
    token = Token.objects.create(user=users["reader"])
    reader = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    url = reverse("api-project-list")
    assert reader.get(url).json()["results"][0]["municipalities"] == [town.slug]
    update_object(town, {"slug": "neuer-name"}, expected_version=town.version)
    assert reader.get(url).json()["results"][0]["municipalities"] == ["neuer-name"]


def test_a_new_day_gets_new_entries(client, project, monkeypatch):
    """Pages show what the date makes of the data (overdue milestones), so the day is part
    of every page's key: yesterday's entry is never served today."""
    import datetime

    from django.utils import timezone

    from digitalagentur.tenancy import pagecache

    url = reverse("public:project_list")
    assert get(client, url)["X-Cache"] == "miss"
    assert get(client, url)["X-Cache"] == "hit"
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(pagecache.timezone, "localdate", lambda *args, **kwargs: tomorrow)
    assert get(client, url)["X-Cache"] == "miss"
