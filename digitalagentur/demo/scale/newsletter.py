"""The scale data of the newsletter: per region the segments of its towns and audiences,
SUBSCRIPTIONS_PER_REGION addresses (most confirmed, some waiting or unsubscribed), each
with its consent record, and a year of monthly issues sent (the public archive and its
feed). No deliveries: the benchmark reads the archive, not the sending."""

from __future__ import annotations

import datetime

from digitalagentur.communication.choices import (
    Audience,
    ConsentForm,
    IssueStatus,
    SegmentKind,
    SubscriptionStatus,
)
from digitalagentur.communication.models import (
    ConsentRecord,
    NewsletterIssue,
    Segment,
    Subscription,
)

from .base import BASE_TIME, Context, Progress
from .steps import DAY

SUBSCRIPTIONS_PER_REGION = 150
ISSUES_PER_REGION = 12
ITEMS_PER_ISSUE = 5
CONSENT_TEXT = "Ich möchte den Newsletter der Digitalagentur erhalten (generierte Skalendaten)."
STATUSES = [SubscriptionStatus.ACTIVE] * 8 + [
    SubscriptionStatus.PENDING,
    SubscriptionStatus.UNSUBSCRIBED,
]


def build_newsletter(ctx: Context, progress: Progress) -> None:
    for chunk in ctx.chunks():
        segments, subscriptions, issues = [], [], []
        for state in chunk:
            rng = ctx.rng("newsletter", state.index)
            for position, town in enumerate(state.towns):
                segments.append(
                    Segment(
                        region=state.region,
                        kind=SegmentKind.MUNICIPALITY,
                        name=town.name,
                        municipality=town,
                        position=position,
                        created=BASE_TIME,
                        updated=BASE_TIME,
                    )
                )
            for position, (value, label) in enumerate(Audience.choices):
                segments.append(
                    Segment(
                        region=state.region,
                        kind=SegmentKind.AUDIENCE,
                        name=str(label),
                        audience=value,
                        position=position,
                        created=BASE_TIME,
                        updated=BASE_TIME,
                    )
                )
            for n in range(SUBSCRIPTIONS_PER_REGION):
                status = rng.choice(STATUSES)
                asked = BASE_TIME - rng.randint(1, 700) * DAY
                subscriptions.append(
                    Subscription(
                        region=state.region,
                        email=f"leser-{n + 1}@skala-{state.index + 1:03d}.example.org",
                        status=status,
                        requested=asked,
                        confirmed=None if status == SubscriptionStatus.PENDING else asked,
                        unsubscribed=(
                            asked + 30 * DAY if status == SubscriptionStatus.UNSUBSCRIBED else None
                        ),
                        unsubscribe_key=f"{rng.getrandbits(192):048x}",
                        created=asked,
                        updated=asked,
                    )
                )
            for n in range(ISSUES_PER_REGION):
                sent = BASE_TIME - (ISSUES_PER_REGION - n) * 30 * DAY
                items = [
                    {
                        "title": f"Meldung {i + 1} der Ausgabe {n + 1}",
                        "text": "Generierter Beitrag für Lasttests.",
                        "url": f"https://{state.region.hostname}/projekte/",
                    }
                    for i in range(ITEMS_PER_ISSUE)
                ]
                issues.append(
                    NewsletterIssue(
                        region=state.region,
                        subject=f"Newsletter {n + 1} ({state.region.name})",
                        intro="Das Neueste aus der Digitalisierung der Region.",
                        items=items,
                        status=IssueStatus.SENT,
                        send_started=sent,
                        send_finished=sent + datetime.timedelta(minutes=20),
                        recipients=SUBSCRIPTIONS_PER_REGION,
                        created=sent - 2 * DAY,
                        updated=sent,
                    )
                )
        ctx.insert(segments, Segment)
        ctx.insert(subscriptions, Subscription)
        ctx.insert(
            [
                ConsentRecord(
                    region_id=subscription.region_id,
                    subscription=subscription,
                    email=subscription.email,
                    form=ConsentForm.WEBSITE,
                    consent_text=CONSENT_TEXT,
                    consent_version="1",
                    requested=subscription.requested,
                    request_ip="192.0.2.1",
                    confirmed=subscription.confirmed,
                    confirm_ip="192.0.2.1" if subscription.confirmed else None,
                    withdrawn=subscription.unsubscribed,
                )
                for subscription in subscriptions
            ],
            ConsentRecord,
        )
        ctx.insert(issues, NewsletterIssue)
        progress.advance(len(chunk))
