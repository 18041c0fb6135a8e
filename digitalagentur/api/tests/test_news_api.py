"""News posts through the API (issue 13, section 3): the list of published posts (newest
first, paginated, with the contract fields), one post, scheduled posts appearing at their
time, drafts and other regions' posts never shown, a constant number of queries, and the
schema naming the fields."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from digitalagentur.core import testing as t
from digitalagentur.testing.communication import make_news_post, png

from .conftest import OTHER_HOST

pytestmark = pytest.mark.django_db

NEWS = reverse("api-news-list")
CONTRACT = {
    "id",
    "slug",
    "title",
    "teaser",
    "body_html",
    "published",
    "fields",
    "municipalities",
    "url",
    "image_url",
}


def ago(hours: float) -> datetime.datetime:
    return timezone.now().replace(microsecond=0) - datetime.timedelta(hours=hours)


def detail(post) -> str:
    return reverse("api-news-detail", args=[post.pk])


@pytest.fixture
def posts(region, other_region, town, fields):
    return {
        "old": make_news_post(region, "Alte Meldung", publish_at=ago(30)),
        "new": make_news_post(
            region,
            "Neue Radwege",
            publish_at=ago(1),
            teaser="Der Kreis baut Radwege.",
            body="**Fett** <script>alert(1)</script> [Mehr](javascript:alert(1))",
            fields=[fields["mobilitaet"], fields["entwurf"]],
            towns=[town],
            image=png(),
        ),
        "draft": make_news_post(region, "Entwurf", publish_at=None),
        "scheduled": make_news_post(region, "Geplant", publish_at=ago(-2)),
        "foreign": make_news_post(other_region, "Meldung aus Kreis B"),
    }


def test_the_list_shows_published_posts_newest_first_with_the_contract(api, posts, town):
    response = api.get(NEWS)
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2
    rows = data["results"]
    assert [r["title"] for r in rows] == ["Neue Radwege", "Alte Meldung"]
    new = rows[0]
    assert set(new) == CONTRACT
    post = posts["new"]
    assert new["id"] == post.pk and new["slug"] == "neue-radwege"
    assert new["teaser"] == "Der Kreis baut Radwege."
    assert new["body_html"].startswith("<p><strong>Fett</strong> &lt;script&gt;")
    assert "<script" not in new["body_html"] and "javascript:" not in new["body_html"].replace(
        "[Mehr](javascript:alert(1))", ""
    )
    assert datetime.datetime.fromisoformat(new["published"]) == post.publish_at
    assert new["published"].endswith(("+01:00", "+02:00"))
    assert new["fields"] == ["mobilitaet"]  # the draft field is not named
    assert new["municipalities"] == [town.slug]
    assert new["url"] == "http://testserver" + reverse("public:news_detail", args=[post.slug])
    assert new["image_url"].startswith(
        "http://testserver" + reverse("public:news_image", args=[post.slug])
    )
    assert rows[1]["image_url"] is None and rows[1]["fields"] == []


def test_one_post_and_what_is_not_found(api, client_for, posts):
    response = api.get(detail(posts["new"]))
    assert response.status_code == 200 and response.json()["title"] == "Neue Radwege"
    for name in ("draft", "scheduled", "foreign"):
        assert api.get(detail(posts[name])).status_code == 404, name
        # staff see no more than the public here
        assert client_for("coordinator").get(detail(posts[name])).status_code == 404, name
    assert api.get(reverse("api-news-detail", args=["abc"])).status_code == 404
    other = api.get(NEWS, HTTP_HOST=OTHER_HOST).json()["results"]
    assert [r["title"] for r in other] == ["Meldung aus Kreis B"]


def test_a_scheduled_post_appears_at_its_time(api, posts, monkeypatch):
    assert "Geplant" not in [r["title"] for r in api.get(NEWS).json()["results"]]
    real_now = timezone.now
    monkeypatch.setattr(
        "django.utils.timezone.now", lambda: real_now() + datetime.timedelta(hours=3)
    )
    titles = [r["title"] for r in api.get(NEWS).json()["results"]]
    assert titles == ["Geplant", "Neue Radwege", "Alte Meldung"]
    assert api.get(detail(posts["scheduled"])).status_code == 200


def test_pages_and_writes(api, client_for, region):
    for n in range(5):
        make_news_post(region, f"Meldung {n}", publish_at=ago(n + 1))
    page = api.get(NEWS, {"page_size": 2, "page": 2}).json()
    assert page["count"] == 5 and [r["title"] for r in page["results"]] == [
        "Meldung 2",
        "Meldung 3",
    ]
    assert api.get(NEWS, {"page": 9}).status_code in (400, 404)
    coordinator = client_for("coordinator")
    assert coordinator.post(NEWS, {"title": "Neu"}, format="json").status_code == 405


@pytest.mark.usefixtures("no_page_cache")
def test_a_constant_number_of_queries(api, region, fields, town):
    def count() -> int:
        api.get(NEWS)
        with CaptureQueriesContext(connection) as captured:
            assert api.get(NEWS, {"page_size": 200}).status_code == 200
        return len(captured)

    make_news_post(region, "Erste", fields=[fields["mobilitaet"]], towns=[town], image=png())
    small = count()
    towns = [t.make_municipality(region, f"Ort {n}") for n in range(4)]
    for n in range(20):
        make_news_post(
            region,
            f"Meldung {n}",
            publish_at=ago(n + 2),
            fields=[fields["mobilitaet"], fields["verwaltung"]],
            towns=[town, *towns],
        )
    assert count() == small


def test_the_schema_names_the_news_fields(api):
    schema = api.get("/api/schema/", {"format": "json"}).json()
    assert "/api/v1/news/" in schema["paths"] and "/api/v1/news/{id}/" in schema["paths"]
    shape = schema["components"]["schemas"]["NewsPost"]
    assert CONTRACT <= set(shape["properties"])
    assert shape["properties"]["published"]["format"] == "date-time"
    assert shape["properties"]["image_url"].get("nullable") is True
    assert set(schema["paths"]["/api/v1/news/"]) == {"get"}
