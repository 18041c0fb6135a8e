"""Sending a newsletter issue (issue 13, sections 1 and 5): the per-recipient state, the
RFC 8058 headers, and a send of 10,000 subscribers through a real SMTP server on loopback,
interrupted halfway and resumed: every address exactly once."""

import secrets
from collections import Counter

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.utils import timezone

from digitalagentur.communication import newsletter, sending
from digitalagentur.communication.choices import DeliveryStatus, IssueStatus, SubscriptionStatus
from digitalagentur.communication.models import Delivery, NewsletterIssue, Segment, Subscription
from digitalagentur.testing.smtp import running_smtp_server


def subscribers(region, count: int, *, segment=None, prefix="leserin") -> list[Subscription]:
    now = timezone.now()
    rows = Subscription.objects.bulk_create(
        [
            Subscription(
                region=region,
                email=f"{prefix}-{index:05d}@example.org",
                status=SubscriptionStatus.ACTIVE,
                requested=now,
                confirmed=now,
                unsubscribe_key=secrets.token_urlsafe(16),
            )
            for index in range(count)
        ],
        batch_size=2000,
    )
    rows = list(Subscription.objects.filter(email__startswith=f"{prefix}-").order_by("pk"))
    if segment is not None:
        Subscription.segments.through.objects.bulk_create(
            [
                Subscription.segments.through(subscription_id=row.pk, segment_id=segment.pk)
                for row in rows
            ]
        )
    return rows


def make_issue(region, **values) -> NewsletterIssue:
    values.setdefault("subject", "Neues aus der Digitalagentur")
    values.setdefault("intro", "Liebe Leserinnen und Leser,\n\nhier das Neueste.")
    values.setdefault(
        "items",
        [{"title": "Coworking in Billerbeck", "text": "ExtraGleis", "url": "https://x.example"}],
    )
    return NewsletterIssue.objects.create(region=region, **values)


def smtp_settings(settings, server) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = server.hostname, server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""


@pytest.mark.django_db
def test_each_message_has_the_one_click_unsubscribe_headers(region, smtp_server):
    rows = subscribers(region, 3)
    issue = make_issue(region)
    assert sending.start_sending(issue) == 3
    result = sending.send_pending(issue.pk, rate=0)
    assert (result.sent, result.finished) == (3, True)
    assert {m["To"] for m in smtp_server} == {row.email for row in rows}
    keys = {row.email: row.unsubscribe_key for row in rows}
    for message in smtp_server:
        link = message["List-Unsubscribe"].strip()
        assert link == f"<http://127.0.0.1:8000/newsletter/abmelden/{keys[message['To']]}/>"
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message["Message-ID"].startswith(f"<newsletter-{issue.pk}-")
        text = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        assert link.strip("<>") in text and link.strip("<>") in html
        assert "Coworking in Billerbeck" in text and "https://x.example" in html
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT and issue.send_finished is not None
    assert sending.progress(issue)["percent"] == 100


@pytest.mark.django_db
def test_only_the_chosen_segments_and_never_a_second_start(region):
    newsletter.ensure_segments(region)
    businesses = Segment.objects.get(region=region, audience="businesses")
    subscribers(region, 4, segment=businesses, prefix="firma")
    subscribers(region, 2, prefix="andere")
    issue = make_issue(region)
    issue.segments.set([businesses])
    assert sending.start_sending(issue) == 4
    with pytest.raises(ValidationError):
        sending.start_sending(issue)
    assert Delivery.objects.filter(issue=issue).count() == 4
    empty = make_issue(region, subject="Leer")
    empty.segments.set([Segment.objects.get(region=region, audience="citizens")])
    with pytest.raises(ValidationError, match="keine Empfänger"):
        sending.start_sending(empty)
    assert NewsletterIssue.objects.get(pk=empty.pk).status == IssueStatus.DRAFT


@pytest.mark.django_db
def test_unsubscribed_meanwhile_is_skipped_and_a_refused_address_recorded(
    region, smtp_server, monkeypatch
):
    first, second, third = subscribers(region, 3)
    issue = make_issue(region)
    sending.start_sending(issue)
    newsletter.unsubscribe(second.unsubscribe_key)
    result = sending.send_pending(issue.pk, rate=0)
    assert (result.sent, result.skipped) == (2, 1)
    statuses = dict(Delivery.objects.values_list("email", "status"))
    assert statuses[second.email] == DeliveryStatus.SKIPPED
    assert {m["To"] for m in smtp_server} == {first.email, third.email}


@pytest.mark.django_db
def test_a_worker_killed_mid_message_leaves_the_row_pending(region, smtp_server):
    subscribers(region, 5)
    issue = make_issue(region)
    sending.start_sending(issue)
    connection = get_connection()
    calls = {"n": 0}
    real_send = connection.send_messages

    def dying_send(messages):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt  # the process is stopped while handing over message 3
        return real_send(messages)

    connection.send_messages = dying_send
    with pytest.raises(KeyboardInterrupt):
        sending.send_pending(issue.pk, rate=0, connection=connection)
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == 2
    assert Delivery.objects.filter(status=DeliveryStatus.PENDING).count() == 3
    sending.send_pending(issue.pk, rate=0)
    assert sorted(Counter(m["To"] for m in smtp_server).values()) == [1] * 5


@pytest.mark.django_db
def test_ten_thousand_subscribers_interrupted_halfway_and_resumed(region, settings):
    rows = subscribers(region, 10_000)
    issue = make_issue(region)
    assert sending.start_sending(issue) == 10_000
    with running_smtp_server(fail_at=5_000) as server:
        smtp_settings(settings, server)
        first = sending.send_pending(issue.pk, rate=0)
        assert first.interrupted and not first.finished
        assert first.sent == 4_999 == len(server.messages)
        assert NewsletterIssue.objects.get(pk=issue.pk).status == IssueStatus.SENDING
        progress = sending.progress(issue)
        assert (progress["sent"], progress["pending"]) == (4_999, 5_001)
        second = sending.send_pending(issue.pk, rate=0)
        assert second.finished and second.sent == 5_001
        received = Counter(message["To"] for message in server.messages)
    assert set(received) == {row.email for row in rows}
    assert set(received.values()) == {1}
    assert Delivery.objects.filter(issue=issue, status=DeliveryStatus.SENT).count() == 10_000
    assert NewsletterIssue.objects.get(pk=issue.pk).status == IssueStatus.SENT
    assert not mail.outbox
