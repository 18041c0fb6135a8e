"""What a new newsletter issue is prefilled from (issue 13, section 1 "Composing"): the
region's public activity since a date, newest first: project updates, ideas taken into the
strategy, events (new or coming), funding won. The editor picks and edits; nothing here is
sent as it is. Only what the public website shows is offered, each with its public link.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from digitalagentur.core.mail import base_url

TEXT_WORDS = 60
PER_KIND = 10


@dataclass(frozen=True)
class Candidate:
    key: str  # "update-7": unique among the candidates, for the editor's picks
    kind: str  # German label of the kind
    title: str
    text: str
    url: str
    date: datetime.date

    def as_item(self) -> dict:
        item = asdict(self)
        return {"title": item["title"], "text": item["text"], "url": item["url"]}


def _short(text: str) -> str:
    return Truncator(" ".join((text or "").split())).words(TEXT_WORDS, truncate=" …")


def recent_activity(region, since: datetime.date, now: datetime.datetime | None = None):
    """Candidates for an issue: public activity of the region since `since` (and events
    coming within 90 days), newest first, at most PER_KIND of each kind."""
    from digitalagentur.funding.models import Application, ApplicationStatus
    from digitalagentur.participation.choices import IdeaStatus
    from digitalagentur.participation.models import IdeaStatusChange
    from digitalagentur.portfolio.models import ProjectUpdate

    from . import news
    from .models import Event

    now = now or timezone.now()
    base = base_url(region)
    found: list[Candidate] = []
    updates = (
        ProjectUpdate.objects.filter(
            region=region, published=True, project__published=True, date__gte=since
        )
        .select_related("project")
        .order_by("-date", "-pk")[:PER_KIND]
    )
    for update in updates:
        found.append(
            Candidate(
                key=f"update-{update.pk}",
                kind=_("Projekt-Update"),
                title=f"{update.project.title}: {update.title}",
                text=_short(update.text),
                url=base + reverse("public:project_detail", args=[update.project.slug]),
                date=update.date,
            )
        )
    adopted = (
        IdeaStatusChange.objects.filter(
            idea__region=region,
            status=IdeaStatus.ADOPTED,
            idea__status=IdeaStatus.ADOPTED,
            time__date__gte=since,
        )
        .select_related("idea")
        .order_by("-time", "-pk")[:PER_KIND]
    )
    for change in adopted:
        found.append(
            Candidate(
                key=f"idea-{change.idea_id}",
                kind=_("Idee übernommen"),
                title=change.idea.title,
                text=_short(change.reason or change.idea.text),
                url=base + reverse("public:idea", args=[change.idea_id]),
                date=timezone.localtime(change.time).date(),
            )
        )
    events = (
        Event.objects.public()
        .filter(region=region, end__gt=now, start__lte=now + datetime.timedelta(days=90))
        .order_by("start", "pk")[:PER_KIND]
    )
    for event in events:
        found.append(
            Candidate(
                key=f"event-{event.pk}",
                kind=_("Veranstaltung"),
                title=f"{timezone.localtime(event.start):%d.%m.%Y}: {event.title}",
                text=_short(event.summary or event.description),
                url=base + reverse("public:event_detail", args=[event.slug]),
                date=timezone.localtime(event.start).date(),
            )
        )
    won = Application.objects.filter(
        region=region,
        published=True,
        status=ApplicationStatus.APPROVED,
        decided_on__gte=since,
    ).order_by("-decided_on", "-pk")[:PER_KIND]
    for application in won:
        found.append(
            Candidate(
                key=f"funding-{application.pk}",
                kind=_("Förderung bewilligt"),
                title=application.title,
                text=_short(application.summary),
                url=base + reverse("public:funding_application", args=[application.slug]),
                date=application.decided_on,
            )
        )
    posts = (
        news.public_posts(region, now)
        .filter(publish_at__date__gte=since)
        .only("pk", "slug", "title", "teaser", "publish_at")[:PER_KIND]
    )
    for post in posts:
        found.append(
            Candidate(
                key=f"news-{post.pk}",
                kind=_("Neuigkeit"),
                title=post.title,
                text=_short(post.teaser),
                url=base + news.post_path(post),
                date=timezone.localtime(post.publish_at).date(),
            )
        )
    return sorted(found, key=lambda candidate: candidate.date, reverse=True)
