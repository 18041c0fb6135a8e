"""Sending a newsletter issue (issue 13, section 1): one Delivery row per recipient, worked
through by a background job at a configurable rate, resumable after a crash or restart.

Exactly once per address:
* `start_sending` writes the deliveries (unique per issue and address) and marks the issue as
  sending in one transaction; a second call finds it no longer a draft.
* `send_pending` takes one pending delivery at a time under a row lock (SKIP LOCKED where the
  database has it, so two workers running the job at once never take the same row), sends it
  over the open SMTP connection and records it as sent in the same transaction. A run that
  dies mid-message (killed, mail server gone) rolls that transaction back: the row is pending
  again and the next run sends it. The one case no sender can decide is a mail server that
  accepted the message in the moment the worker died before it could record the answer; that
  message is sent again with the same Message-ID, which mail systems use to drop duplicates.
* Each message carries `List-Unsubscribe` (the one-click link) and `List-Unsubscribe-Post:
  List-Unsubscribe=One-Click` (RFC 8058); addresses unsubscribed meanwhile are skipped.
"""

from __future__ import annotations

import logging
import smtplib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from digitalagentur.core.mail import base_url as region_base_url

from .choices import DeliveryStatus, IssueStatus, SubscriptionStatus
from .models import Delivery, NewsletterIssue, Subscription

logger = logging.getLogger(__name__)

BATCH = 1000
UNSUBSCRIBE_PLACEHOLDER = "__ABMELDELINK__"


@dataclass
class RunResult:
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    finished: bool = False
    interrupted: str = ""  # why the run stopped early (the next run resumes)


def recipients(issue: NewsletterIssue):
    """The active subscriptions the issue goes to: of its segments, or all when none."""
    queryset = Subscription.objects.filter(region=issue.region, status=SubscriptionStatus.ACTIVE)
    segment_ids = list(issue.segments.values_list("pk", flat=True))
    if segment_ids:
        queryset = queryset.filter(segments__in=segment_ids).distinct()
    return queryset


def start_sending(issue: NewsletterIssue, *, now=None) -> int:
    """Write one pending delivery per recipient and mark the issue as sending; the number of
    recipients. ValidationError (German) when the issue is no draft or goes to nobody."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = NewsletterIssue.objects.select_for_update().get(pk=issue.pk)
        if locked.status != IssueStatus.DRAFT:
            raise ValidationError(_("Diese Ausgabe wird schon versandt oder ist versandt."))
        if not locked.subject.strip():
            raise ValidationError(_("Die Ausgabe braucht einen Betreff."))
        targets = list(recipients(locked).values_list("pk", "email").order_by("pk"))
        if not targets:
            raise ValidationError(
                _("Niemand hat diese Gruppen abonniert: die Ausgabe hätte keine Empfänger.")
            )
        for start in range(0, len(targets), BATCH):
            Delivery.objects.bulk_create(
                [
                    Delivery(issue=locked, subscription_id=pk, email=email)
                    for pk, email in targets[start : start + BATCH]
                ],
                ignore_conflicts=True,
            )
        locked.status = IssueStatus.SENDING
        locked.send_started = now
        locked.recipients = Delivery.objects.filter(issue=locked).count()
        locked.version += 1
        locked.save(update_fields=["status", "send_started", "recipients", "version", "updated"])
        transaction.on_commit(lambda: _enqueue(locked.pk), robust=True)
    issue.refresh_from_db()
    return issue.recipients


def _enqueue(issue_id: int) -> None:
    from . import tasks

    tasks.enqueue_sending(issue_id)


def progress(issue: NewsletterIssue) -> dict:
    """Deliveries per status, for the staff area's progress bar."""
    counts = dict.fromkeys(DeliveryStatus.values, 0)
    for row in Delivery.objects.filter(issue=issue).values("status").order_by():
        counts[row["status"]] = counts.get(row["status"], 0) + 1
    total = sum(counts.values())
    done = total - counts[DeliveryStatus.PENDING]
    return {
        **counts,
        "total": total,
        "done": done,
        "percent": round(100 * done / total) if total else 0,
    }


# The message ------------------------------------------------------------------------------


def _domain(issue: NewsletterIssue) -> str:
    url = region_base_url(issue.region)
    return url.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"


def shown_items(issue: NewsletterIssue) -> list[dict]:
    """The issue's items as shown (mail and archive): title, text, and the link only when
    it is a web address (http or https), never a script."""
    shown = []
    for item in issue.items if isinstance(issue.items, list) else []:
        if not isinstance(item, dict) or not str(item.get("title", "")).strip():
            continue
        url = str(item.get("url", "")).strip()
        shown.append(
            {
                "title": str(item["title"]),
                "text": str(item.get("text", "")),
                "url": url if url.lower().startswith(("https://", "http://")) else "",
            }
        )
    return shown


def render_bodies(issue: NewsletterIssue) -> tuple[str, str]:
    """Plain text and HTML of the issue, with a placeholder where each recipient's own
    unsubscribe link goes (rendered once per run, not once per address)."""
    base = region_base_url(issue.region)
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "issue": issue,
            "items": shown_items(issue),
            "region": issue.region,
            "archive_url": base + reverse("public:newsletter_archive"),
            "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
        }
        text = render_to_string("communication/mail/newsletter.txt", context)
        html = render_to_string("communication/mail/newsletter.html", context)
    return text, html


def build_message(issue, delivery: Delivery, bodies, unsubscribe_url: str, connection=None):
    text, html = bodies
    message = EmailMultiAlternatives(
        subject=issue.subject,
        body=text.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe_url),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[delivery.email],
        connection=connection,
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            # The same for a message sent again after a crash, so duplicates can be dropped.
            "Message-ID": f"<newsletter-{issue.pk}-{delivery.pk}@{_domain(issue)}>",
        },
    )
    message.attach_alternative(html.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe_url), "text/html")
    return message


def send_test(issue: NewsletterIssue, email: str) -> None:
    """The issue to one address (the editor's own), marked as a test; no delivery row."""
    bodies = render_bodies(issue)
    unsubscribe_url = region_base_url(issue.region) + reverse("public:newsletter")
    message = build_message(issue, Delivery(pk=0, email=email), bodies, unsubscribe_url)
    message.subject = _("[Test] %(subject)s") % {"subject": issue.subject}
    message.send()


# The job ----------------------------------------------------------------------------------


def _next_pending(issue_id: int):
    """The first pending delivery not locked by another worker, locked (only its own row:
    the subscription comes by an outer join, which PostgreSQL cannot lock)."""
    queryset = Delivery.objects.filter(issue_id=issue_id, status=DeliveryStatus.PENDING)
    features = db_connection.features
    lock = {"of": ("self",)} if features.has_select_for_update_of else {}
    if features.has_select_for_update_skip_locked:
        lock["skip_locked"] = True
    queryset = queryset.select_for_update(**lock)
    return queryset.select_related("subscription").order_by("pk").first()


def send_pending(
    issue_id: int, *, limit: int | None = None, rate: float | None = None, connection=None
) -> RunResult:
    """Send the issue's pending deliveries (at most `limit` in this run), at most `rate`
    messages per second (DIGITALAGENTUR_NEWSLETTER_RATE; 0 = as fast as the server takes
    them). Stops at a connection problem, which the next run resumes."""
    result = RunResult()
    issue = NewsletterIssue.objects.select_related("region").filter(pk=issue_id).first()
    if issue is None or issue.status != IssueStatus.SENDING:
        result.finished = issue is not None and issue.status == IssueStatus.SENT
        return result
    rate = settings.DIGITALAGENTUR_NEWSLETTER_RATE if rate is None else rate
    pause = 1.0 / rate if rate and rate > 0 else 0.0
    bodies = render_bodies(issue)
    base = region_base_url(issue.region)
    connection = connection or get_connection(fail_silently=False)
    try:
        connection.open()
        while limit is None or result.sent + result.failed + result.skipped < limit:
            started = time.monotonic()
            with transaction.atomic():
                delivery = _next_pending(issue_id)
                if delivery is None:
                    break
                outcome = _deliver(issue, delivery, bodies, base, connection)
            setattr(result, outcome, getattr(result, outcome) + 1)
            if pause and outcome == "sent":
                time.sleep(max(0.0, pause - (time.monotonic() - started)))
    except (smtplib.SMTPException, OSError) as problem:
        # Not smtplib.SMTPRecipientsRefused (handled per address in _deliver): the server
        # is gone or refuses for now; the row was rolled back, the next run resumes.
        result.interrupted = f"{type(problem).__name__}: {problem}"[:300]
        logger.warning("Newsletter issue %s: sending interrupted (%s)", issue_id, problem)
    finally:
        try:
            connection.close()
        except Exception:  # noqa: BLE001 (closing a broken connection)
            logger.debug("Closing the SMTP connection failed", exc_info=True)
    if not result.interrupted:
        result.finished = finish_if_done(issue_id)
    return result


def _deliver(issue, delivery: Delivery, bodies, base: str, connection) -> str:
    """Send one delivery inside its transaction; the outcome's name ("sent", "failed",
    "skipped"). A connection problem propagates and rolls the row back."""
    now = timezone.now()
    subscription = delivery.subscription
    if subscription is None or subscription.status != SubscriptionStatus.ACTIVE:
        delivery.status = DeliveryStatus.SKIPPED
        delivery.save(update_fields=["status"])
        return "skipped"
    unsubscribe_url = base + reverse(
        "public:newsletter_unsubscribe", args=[subscription.unsubscribe_key]
    )
    message = build_message(issue, delivery, bodies, unsubscribe_url, connection)
    delivery.attempts += 1
    try:
        message.send()
    except smtplib.SMTPRecipientsRefused as refusal:
        delivery.status = DeliveryStatus.FAILED
        delivery.error = str(refusal.recipients)[:300]
        delivery.save(update_fields=["status", "error", "attempts"])
        return "failed"
    delivery.status = DeliveryStatus.SENT
    delivery.sent = now
    delivery.save(update_fields=["status", "sent", "attempts"])
    return "sent"


def finish_if_done(issue_id: int) -> bool:
    with transaction.atomic():
        issue = NewsletterIssue.objects.select_for_update().filter(pk=issue_id).first()
        if issue is None:
            return False
        if issue.status == IssueStatus.SENT:
            return True
        waiting = Delivery.objects.filter(issue_id=issue_id, status=DeliveryStatus.PENDING).exists()
        if waiting or issue.status != IssueStatus.SENDING:
            return False
        issue.status = IssueStatus.SENT
        issue.send_finished = timezone.now()
        issue.version += 1
        issue.save(update_fields=["status", "send_finished", "version", "updated"])
    return True
