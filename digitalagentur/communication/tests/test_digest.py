"""The suggestions of a new newsletter issue include the news posts published since the
chosen day: not drafts, not scheduled ones, not older ones, not other regions'."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from digitalagentur.communication.digest import recent_activity
from digitalagentur.testing.communication import make_news_post

pytestmark = pytest.mark.django_db


def test_published_news_posts_since_the_day_are_suggested(region, other_region):
    now = timezone.now()
    fresh = make_news_post(region, "Frisch veröffentlicht", teaser="Kurz gesagt: neu.")
    make_news_post(region, "Noch ein Entwurf", publish_at=None)
    make_news_post(region, "Kommt erst noch", publish_at=now + datetime.timedelta(days=2))
    make_news_post(region, "Schon alt", publish_at=now - datetime.timedelta(days=60))
    make_news_post(other_region, "Aus der Nachbarschaft")
    since = timezone.localdate() - datetime.timedelta(days=30)

    news = [c for c in recent_activity(region, since, now=now) if c.key.startswith("news-")]

    assert [(c.key, c.title, c.text) for c in news] == [
        (f"news-{fresh.pk}", "Frisch veröffentlicht", "Kurz gesagt: neu.")
    ]
    assert news[0].url.endswith(f"/neuigkeiten/{fresh.slug}/")
    assert news[0].as_item()["url"] == news[0].url
