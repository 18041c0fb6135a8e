"""Public news (issue 13, section 3): the list (published only, newest first, filters, pages),
a post's page with its image and cleaned text, the Atom feed, the posts on the start page
and on the field and town pages (with a constant number of queries), and scheduled posts that
appear at their time, also on cached pages."""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET  # noqa: S405 - parses our own answer in a test

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from digitalagentur.core import testing as t
from digitalagentur.testing.communication import make_news_post, png

pytestmark = pytest.mark.django_db

OTHER_HOST = "kreis-b.example.org"
ATOM = "{http://www.w3.org/2005/Atom}"
HOUR = datetime.timedelta(hours=1)


@pytest.fixture(autouse=True)
def default_region(settings, region):
    settings.DEFAULT_REGION_SLUG = region.slug


def titles(response) -> list[str]:
    body = response.content.decode()
    return re.findall(r'<h3 class="news-card-title"><a href="[^"]*">([^<]+)</a>', body)


def ago(hours: float) -> datetime.datetime:
    return timezone.now().replace(microsecond=0) - datetime.timedelta(hours=hours)


@pytest.fixture
def fields(strategy):
    return {
        "mobil": t.make_field(strategy, "Mobilität", slug="mobilitaet"),
        "geheim": t.make_field(strategy, "ENTWURFSFELD-GEHEIM", slug="entwurf", published=False),
    }


@pytest.fixture
def posts(region, other_region, town, other_town, fields):
    return {
        "old": make_news_post(region, "Alte Meldung", publish_at=ago(48), towns=[other_town]),
        "new": make_news_post(
            region,
            "Neue Radwege",
            publish_at=ago(1),
            teaser="Der Kreis baut Radwege.",
            body="## Die Strecken\n\n- Senden\n- Havixbeck\n\n<script>alert(1)</script>",
            fields=[fields["mobil"], fields["geheim"]],
            towns=[town],
            image=png(),
            image_alt="Ein Radweg am Kanal",
        ),
        "draft": make_news_post(region, "GEHEIMER-ENTWURF", publish_at=None, towns=[town]),
        "scheduled": make_news_post(
            region, "GEPLANTE-MELDUNG", publish_at=ago(-2), fields=[fields["mobil"]], towns=[town]
        ),
        "foreign": make_news_post(other_region, "Meldung aus Kreis B"),
    }


HIDDEN = ("GEHEIMER-ENTWURF", "GEPLANTE-MELDUNG", "Meldung aus Kreis B", "ENTWURFSFELD-GEHEIM")


def assert_hidden(body: str) -> None:
    for secret in HIDDEN:
        assert secret not in body, secret


# ---- list and page ----------------------------------------------------------------------------


def test_the_list_shows_published_posts_newest_first(client, posts):
    response = client.get(reverse("public:news_list"))
    assert response.status_code == 200
    assert titles(response) == ["Neue Radwege", "Alte Meldung"]
    body = response.content.decode()
    assert "2 Beiträge gefunden" in body and "Der Kreis baut Radwege." in body
    assert reverse("public:news_feed") in body
    assert_hidden(body)
    # the navigation leads here
    home = client.get(reverse("public:home")).content.decode()
    assert f'href="{reverse("public:news_list")}"' in home


def test_filters_by_field_and_town_and_reports_unknown_values(client, posts, town, other_town):
    url = reverse("public:news_list")
    assert titles(client.get(url, {"field": "mobilitaet"})) == ["Neue Radwege"]
    assert titles(client.get(url, {"municipality": other_town.slug})) == ["Alte Meldung"]
    assert titles(client.get(url, {"municipality": town.slug})) == ["Neue Radwege"]
    response = client.get(url, {"field": "entwurf", "municipality": other_town.slug})
    assert response.status_code == 200
    assert titles(response) == ["Alte Meldung"]
    assert "„entwurf“ gibt es nicht zur Auswahl" in response.content.decode()
    empty = client.get(url, {"field": "mobilitaet", "municipality": other_town.slug})
    assert "Kein Beitrag passt zu diesen Filtern." in empty.content.decode()


def test_pages_of_the_list(client, region):
    for n in range(14):
        make_news_post(region, f"Meldung Nummer {n:02d}", publish_at=ago(n + 1))
    first = client.get(reverse("public:news_list"))
    assert len(titles(first)) == 12 and titles(first)[0] == "Meldung Nummer 00"
    second = client.get(reverse("public:news_list"), {"page": "2"})
    assert titles(second) == ["Meldung Nummer 12", "Meldung Nummer 13"]
    bad = client.get(reverse("public:news_list"), {"page": "x"})
    assert "Seitenzahl „x“ ist ungültig" in bad.content.decode()


def test_empty_list(client, region):
    body = client.get(reverse("public:news_list")).content.decode()
    assert "Es sind noch keine Neuigkeiten veröffentlicht." in body


def test_a_posts_page_with_image_cleaned_text_fields_and_towns(client, posts, town):
    post = posts["new"]
    response = client.get(reverse("public:news_detail", args=[post.slug]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "<h1>Neue Radwege</h1>" in body and "<h3>Die Strecken</h3>" in body
    assert "<li>Senden</li>" in body and "<script>alert" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert 'alt="Ein Radweg am Kanal"' in body
    assert f"{reverse('public:news_image', args=[post.slug])}?v={post.image_hash[:16]}" in body
    assert reverse("public:field_detail", args=["mobilitaet"]) in body
    assert reverse("public:municipality_detail", args=[town.slug]) in body
    assert_hidden(body)
    image = client.get(reverse("public:news_image", args=[post.slug]))
    assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"
    assert "sandbox" in image["Content-Security-Policy"]
    assert image["X-Content-Type-Options"] == "nosniff"


def test_html_in_title_and_teaser_is_escaped(client, region):
    post = make_news_post(region, "<b>Fett</b> & mehr", teaser='<img src=x onerror="alert(1)">')
    body = client.get(reverse("public:news_detail", args=[post.slug])).content.decode()
    assert "&lt;b&gt;Fett&lt;/b&gt; &amp; mehr" in body and "<b>Fett" not in body
    assert "<img src=x" not in body


def test_drafts_scheduled_and_foreign_posts_are_not_found(client, posts):
    for post in (posts["draft"], posts["scheduled"], posts["foreign"]):
        assert client.get(reverse("public:news_detail", args=[post.slug])).status_code == 404
        assert client.get(reverse("public:news_image", args=[post.slug])).status_code == 404
    # a post without an image has no image address
    old = posts["old"]
    assert client.get(reverse("public:news_image", args=[old.slug])).status_code == 404
    # region B sees its own post only
    other = client.get(reverse("public:news_list"), HTTP_HOST=OTHER_HOST)
    assert titles(other) == ["Meldung aus Kreis B"]


# ---- feed -------------------------------------------------------------------------------------


def test_the_feed_is_atom_with_the_published_posts(client, posts, region):
    response = client.get(reverse("public:news_feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own answer
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Neue Radwege", "Alte Meldung"]
    first = entries[0]
    assert first.findtext(f"{ATOM}id").startswith("tag:") and "news-" in first.findtext(f"{ATOM}id")
    assert (
        first.find(f"{ATOM}link")
        .get("href")
        .endswith(reverse("public:news_detail", args=[posts["new"].slug]))
    )
    summary = first.findtext(f"{ATOM}summary")
    assert "<p>Der Kreis baut Radwege.</p>" in summary and "<h3>Die Strecken</h3>" in summary
    assert "<script" not in summary
    assert [c.get("term") for c in first.findall(f"{ATOM}category")] == ["Mobilität"]
    assert_hidden(response.content.decode())


# ---- scheduled publishing, also through the page cache ----------------------------------------


def test_a_scheduled_post_appears_at_its_time_on_cached_pages(client, region, town, monkeypatch):
    make_news_post(region, "Schon da", publish_at=ago(3), towns=[town])
    soon = make_news_post(region, "Kommt gleich", publish_at=ago(-1), towns=[town])
    urls = [
        reverse("public:news_list"),
        reverse("public:home"),
        reverse("public:municipality_detail", args=[town.slug]),
        reverse("api-news-list"),
    ]
    for url in urls:
        client.get(url)
        cached = client.get(url)
        assert cached["X-Cache"] == "hit", url
        assert "Kommt gleich" not in cached.content.decode(), url
    urls.append(reverse("public:news_feed"))  # feeds are not cached
    assert "Kommt gleich" not in client.get(urls[-1]).content.decode()
    assert client.get(reverse("public:news_detail", args=[soon.slug])).status_code == 404

    real_now = timezone.now
    monkeypatch.setattr("django.utils.timezone.now", lambda: real_now() + 2 * HOUR)
    for url in urls:
        response = client.get(url)
        assert "Kommt gleich" in response.content.decode(), url
    assert client.get(reverse("public:news_detail", args=[soon.slug])).status_code == 200


# ---- start, field and town pages ----------------------------------------------------------------


def test_start_field_and_town_pages_show_their_posts(client, posts, fields, town, other_town):
    home = client.get(reverse("public:home")).content.decode()
    assert "Neue Radwege" in home and "Alte Meldung" in home
    assert home.index("Neue Radwege") < home.index("Alte Meldung")
    field = client.get(reverse("public:field_detail", args=["mobilitaet"])).content.decode()
    assert "Neue Radwege" in field and "Alte Meldung" not in field
    assert f"{reverse('public:news_list')}?field=mobilitaet" in field
    mine = client.get(reverse("public:municipality_detail", args=[town.slug])).content.decode()
    assert "Neue Radwege" in mine and "Alte Meldung" not in mine
    theirs = client.get(reverse("public:municipality_detail", args=[other_town.slug]))
    assert "Alte Meldung" in theirs.content.decode()
    for body in (home, field, mine):
        assert_hidden(body)


def test_the_start_page_shows_the_three_newest_and_no_section_without_news(client, region):
    assert 'id="news-title"' not in client.get(reverse("public:home")).content.decode()
    for n in range(5):
        make_news_post(region, f"Meldung {n}", publish_at=ago(n + 1))
    body = client.get(reverse("public:home")).content.decode()
    assert titles(client.get(reverse("public:home"))) == ["Meldung 0", "Meldung 1", "Meldung 2"]
    assert 'id="news-title"' in body


@pytest.mark.usefixtures("no_page_cache")
def test_the_pages_keep_their_number_of_queries(client, region, strategy, town, fields):
    def counts() -> dict:
        found = {}
        for url in (
            reverse("public:home"),
            reverse("public:field_detail", args=["mobilitaet"]),
            reverse("public:municipality_detail", args=[town.slug]),
            reverse("public:news_list"),
            reverse("public:news_detail", args=["erste"]),
            reverse("public:news_feed"),
        ):
            client.get(url)  # values cached per content version are computed once
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200, url
            found[url] = len(captured)
        return found

    make_news_post(region, "Erste", fields=[fields["mobil"]], towns=[town], image=png())
    before = counts()
    others = [t.make_municipality(region, f"Ort {n}") for n in range(5)]
    for n in range(30):
        make_news_post(
            region,
            f"Weitere Meldung {n}",
            publish_at=ago(n + 2),
            fields=[fields["mobil"], fields["geheim"]],
            towns=[town, *others],
            image=png() if n % 2 else None,
        )
    assert counts() == before
