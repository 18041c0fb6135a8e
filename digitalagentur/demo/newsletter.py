"""The demo's newsletter list: the standard segments (towns, fields of action, audiences)
and a few confirmed demo subscriptions at example.org, each with its consent record, so that
the staff pages show a list. Like the rest of the demo this runs only in the run that creates
the region. One issue was sent two weeks ago (it fills the public archive), a second waits as
a draft; both are composed from the region's recent public activity, as staff would."""

from __future__ import annotations

import datetime
import secrets

from django.utils import timezone

from digitalagentur.communication import newsletter
from digitalagentur.communication.choices import (
    ConsentForm,
    DeliveryStatus,
    IssueStatus,
    SubscriptionStatus,
)
from digitalagentur.communication.digest import recent_activity
from digitalagentur.communication.models import (
    ConsentRecord,
    Delivery,
    NewsletterIssue,
    Segment,
    Subscription,
)

SEGMENTS_LABEL = "Newsletter-Gruppen"
SUBSCRIPTIONS_LABEL = "Newsletter-Abonnements"
ISSUES_LABEL = "Newsletter-Ausgaben"
ITEMS_PER_ISSUE = 4
SENT_INTRO = (
    "Liebe Leserinnen und Leser, hier ist das Neueste aus der Digitalisierung im Kreis: "
    "Berichte aus den Projekten, Ideen aus der Beteiligung und die nächsten Termine."
)
DRAFT_INTRO = "Entwurf: Einleitung und Beiträge vor dem Versand noch prüfen."

# (local part, the segments picked: towns by name, audiences by their value)
SUBSCRIBERS = [
    ("buergerin.billerbeck", ["Billerbeck", "citizens"]),
    ("gewerbe.duelmen", ["Dülmen", "businesses"]),
    ("rathaus.senden", ["Senden", "administration"]),
    ("schule.coesfeld", ["Coesfeld", "citizens"]),
    ("verein.havixbeck", ["Havixbeck"]),
    ("wirtschaftsfoerderung", ["businesses", "administration"]),
]


def load_newsletter(loader, region) -> None:
    before = Segment.objects.filter(region=region).count()
    newsletter.ensure_segments(region)
    loader.created[SEGMENTS_LABEL] += Segment.objects.filter(region=region).count() - before
    segments = {}
    for segment in Segment.objects.filter(region=region).order_by("kind"):
        segments[segment.audience or segment.name] = segment  # towns win over a field's name
    now = timezone.now()
    for index, (local, names) in enumerate(SUBSCRIBERS):
        email = f"{local}@example.org"
        if Subscription.objects.filter(region=region, email=email).exists():
            continue
        asked = now - datetime.timedelta(days=30 + 7 * index)
        confirmed = asked + datetime.timedelta(hours=2)
        picked = [segments[name] for name in names if name in segments]
        subscription = Subscription.objects.create(
            region=region,
            email=email,
            status=SubscriptionStatus.ACTIVE,
            requested=asked,
            confirmed=confirmed,
            unsubscribe_key=secrets.token_urlsafe(32),
            is_demo=True,
        )
        subscription.segments.set(picked)
        ConsentRecord.objects.create(
            region=region,
            subscription=subscription,
            email=email,
            form=ConsentForm.WEBSITE,
            consent_text=newsletter.consent_text(region),
            consent_version=newsletter.CONSENT_VERSION,
            segments=", ".join(segment.name for segment in picked),
            requested=asked,
            request_ip="192.0.2.1",
            confirmed=confirmed,
            confirm_ip="192.0.2.1",
        )
        loader.created[SUBSCRIPTIONS_LABEL] += 1

    load_issues(loader, region, now)


def load_issues(loader, region, now) -> None:
    """A sent issue (with a delivery per demo subscription) and a draft, from the public
    activity of the last year; none when the region has no such activity."""
    if NewsletterIssue.objects.filter(region=region).exists():
        return
    candidates = recent_activity(region, since=(now - datetime.timedelta(days=365)).date(), now=now)
    if not candidates:
        return
    sent_at = now - datetime.timedelta(days=14)
    sent = NewsletterIssue.objects.create(
        region=region,
        subject=f"Digitalagentur {region.name}: Neues aus der Digitalisierung",
        intro=SENT_INTRO,
        items=[candidate.as_item() for candidate in candidates[:ITEMS_PER_ISSUE]],
        status=IssueStatus.SENT,
        send_started=sent_at,
        send_finished=sent_at + datetime.timedelta(minutes=1),
        is_demo=True,
    )
    active = Subscription.objects.filter(region=region, status=SubscriptionStatus.ACTIVE)
    Delivery.objects.bulk_create(
        Delivery(
            issue=sent,
            subscription=subscription,
            email=subscription.email,
            status=DeliveryStatus.SENT,
            attempts=1,
            sent=sent_at,
        )
        for subscription in active.order_by("pk")
    )
    sent.recipients = sent.deliveries.count()
    sent.save(update_fields=["recipients"])
    NewsletterIssue.objects.create(
        region=region,
        subject=f"Digitalagentur {region.name}: die nächste Ausgabe",
        intro=DRAFT_INTRO,
        items=[candidate.as_item() for candidate in candidates[ITEMS_PER_ISSUE:][:ITEMS_PER_ISSUE]],
        is_demo=True,
    )
    loader.created[ISSUES_LABEL] += 2
