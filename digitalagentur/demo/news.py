"""The demo's news posts (demo/data/news.py), loaded by DemoLoader.load: three published posts
(the strategy's adoption in 2021 with a picture, Smarte.Land.Regionen, the conference of
15.11.2022) and one scheduled a week ahead, which the public does not see yet. Created through
communication.news (logged, the picture re-encoded), marked ``is_demo``. Like the rest of the
demo this runs only in the run that creates the region; a post whose slug exists is left alone.
"""

from __future__ import annotations

import datetime
import io
import math

from django.utils import timezone

from digitalagentur.communication import news
from digitalagentur.communication.models import NewsPost
from digitalagentur.strategy.models import Field
from digitalagentur.tenancy.models import Municipality

from .data import news as data

LABEL = "Neuigkeiten"
BRAND = (0, 90, 135)  # the site's primary colour (#005a87)


def ring_picture(dots: int = 12, size: int = 640) -> bytes:
    """A PNG of `dots` dots on a ring: the Kreis and its eleven towns (drawn, no photo)."""
    from PIL import Image, ImageDraw

    picture = Image.new("RGB", (size, size // 2), (243, 245, 247))
    draw = ImageDraw.Draw(picture)
    centre_x, centre_y, radius, dot = size / 2, size / 4, size / 6, size / 40
    for n in range(dots):
        angle = 2 * math.pi * n / dots - math.pi / 2
        x, y = centre_x + radius * math.cos(angle), centre_y + radius * math.sin(angle)
        draw.ellipse((x - dot, y - dot, x + dot, y + dot), fill=BRAND)
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


def _create(loader, region, spec: dict, publish_at, image: bytes | None = None) -> None:
    if NewsPost.objects.filter(region=region, slug=spec["slug"]).exists():
        return
    news.create_post(
        region=region,
        user=None,
        values={
            "slug": spec["slug"],
            "title": spec["title"],
            "teaser": spec["teaser"],
            "body": spec["body"],
            "publish_at": publish_at,
            "image_alt": spec.get("image_alt", ""),
        },
        fields=Field.objects.filter(region=region, slug__in=spec["fields"]),
        municipalities=Municipality.objects.filter(region=region, slug__in=spec["towns"]),
        image=image,
        is_demo=True,
    )
    loader.created[LABEL] += 1


def load_news(loader, region) -> None:
    for spec in data.PUBLISHED:
        image = ring_picture() if spec.get("image_alt") else None
        _create(loader, region, spec, spec["published"], image)
    spec = data.INVITATION
    day = timezone.localdate() + datetime.timedelta(days=spec["days_ahead"])
    _create(
        loader, region, spec, timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    )
