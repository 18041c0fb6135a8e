"""Test data of the communication module (issue 13): events ready for registration."""

from __future__ import annotations

import datetime

from django.utils import timezone

from digitalagentur.communication import events
from digitalagentur.communication.models import Event


def make_event(region, title: str = "Digitalisierungskonferenz", **values) -> Event:
    """A published event in a week, open for registration (override anything)."""
    start = values.pop("start", None) or (timezone.now() + datetime.timedelta(days=7)).replace(
        second=0, microsecond=0
    )
    values.setdefault("end", start + datetime.timedelta(hours=6))
    values.setdefault("published", True)
    values.setdefault("registration_open", True)
    values.setdefault("capacity", 10)
    values.setdefault("place", "Kreishaus Coesfeld")
    municipalities = values.pop("municipalities", ())
    return events.create_event(
        region=region,
        user=None,
        values={"title": title, "start": start, **values},
        municipalities=municipalities,
    )


def png(color=(0, 90, 135), size=(40, 30)) -> bytes:
    """A small PNG picture (for image uploads)."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


def make_news_post(
    region,
    title: str = "Neuigkeit aus dem Kreis",
    *,
    publish_at=...,
    fields=(),
    towns=(),
    image: bytes | None = None,
    user=None,
    **values,
):
    """A news post published an hour ago (publish_at=None: a draft; a future time: scheduled),
    through communication.news (override anything)."""
    from digitalagentur.communication import news

    if publish_at is ...:
        publish_at = timezone.now().replace(microsecond=0) - datetime.timedelta(hours=1)
    if image is not None:
        values.setdefault("image_alt", "Ein blaues Rechteck")
    return news.create_post(
        region=region,
        user=user,
        values={"title": title, "publish_at": publish_at, **values},
        fields=fields,
        municipalities=towns,
        image=image,
    )
