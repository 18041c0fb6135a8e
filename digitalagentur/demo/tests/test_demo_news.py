"""The demo's news posts (issue 13, section 3): the strategy's adoption in 2021 (with a
picture and its description), Smarte.Land.Regionen (Senden, seed 000) and the conference of
15.11.2022 published; one post scheduled a week ahead that nobody outside sees yet.

Expectations are written from the issue and the seeds, independently of demo/data/news.py.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from digitalagentur.communication import news
from digitalagentur.communication.models import NewsPost
from digitalagentur.tenancy.models import Region


@pytest.fixture
def region(demo_db, db):
    return Region.objects.get(slug="kreis-coesfeld")


@pytest.fixture
def host(region):
    return {"HTTP_HOST": region.hostname} if region.hostname else {}


def test_three_published_posts_and_one_scheduled(region):
    posts = NewsPost.objects.filter(region=region)
    assert posts.count() == 4 and all(p.is_demo for p in posts)
    public = list(news.public_posts(region))
    assert len(public) == 3
    (scheduled,) = [p for p in posts if news.status_of(p) == "scheduled"]
    assert timezone.now() < scheduled.publish_at < timezone.now() + datetime.timedelta(days=8)


def test_the_posts_tell_facts_of_the_seeds(region):
    text = {p.slug: f"{p.title} {p.teaser} {p.body}" for p in news.public_posts(region)}
    joined = " ".join(text.values())
    assert "Oktober 2021" in joined and "elf Städte und Gemeinden" in joined
    assert "15. November 2022" in joined and "World Café" in joined
    assert "Smarte.Land.Regionen" in joined and "2020" in joined and "Fraunhofer" in joined
    conference = next(p for p in news.public_posts(region) if "15. November 2022" in p.teaser)
    assert timezone.localtime(conference.publish_at).date() >= datetime.date(2022, 11, 15)
    smart = next(p for p in news.public_posts(region) if "Smarte.Land.Regionen" in p.title)
    assert [t.slug for t in smart.municipalities.all()] == ["senden"]
    assert smart.fields.exists()


def test_the_pages_show_them_and_hide_the_scheduled_one(region, client, host):
    scheduled = next(p for p in NewsPost.objects.filter(region=region) if not p.is_public())
    listing = client.get(reverse("public:news_list"), **host)
    assert listing.status_code == 200 and "3 Beiträge gefunden" in listing.content.decode()
    assert scheduled.title not in listing.content.decode()
    assert (
        client.get(reverse("public:news_detail", args=[scheduled.slug]), **host).status_code == 404
    )
    pictured = NewsPost.objects.get(region=region, image_type__gt="")
    assert pictured.image_alt and pictured.is_public()
    page = client.get(reverse("public:news_detail", args=[pictured.slug]), **host)
    assert f'alt="{pictured.image_alt}"' in page.content.decode()
    image = client.get(reverse("public:news_image", args=[pictured.slug]), **host)
    assert image.status_code == 200 and image["Content-Type"] in ("image/png", "image/jpeg")
    api = client.get("/api/v1/news/", **host).json()
    assert api["count"] == 3 and scheduled.pk not in [r["id"] for r in api["results"]]
    senden = client.get(reverse("public:municipality_detail", args=["senden"]), **host)
    assert "Smarte.Land.Regionen" in senden.content.decode()
