"""Test data of the meetings of the bodies (issue 14, section 3): bodies, meetings and tasks
made through reports.services (logged, validated like the staff area's writes)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from digitalagentur.directory.choices import BodyKind
from digitalagentur.directory.models import Body
from digitalagentur.reports import services
from digitalagentur.reports.models import Meeting, MeetingTask


def make_body(region, name: str = "Koordinierungskreis", **values) -> Body:
    values.setdefault("slug", f"gremium-{Body.objects.count() + 1}")
    values.setdefault("kind", BodyKind.COORDINATION)
    return Body.objects.create(region=region, name=name, **values)


def in_days(days: int, hour: int = 17) -> datetime.datetime:
    """A moment `days` from today at `hour` o'clock, Berlin time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def make_meeting(region, body: Body | None = None, *, days: int = 7, **values) -> Meeting:
    """A meeting of `body` (a new coordination circle if not given) `days` from today."""
    body = body or make_body(region)
    values.setdefault("start", in_days(days))
    return services.create_meeting(region, {"body": body, **values})


def make_task(meeting: Meeting, title: str = "Protokoll verschicken", **values) -> MeetingTask:
    return services.create_task(meeting, {"title": title, **values})
