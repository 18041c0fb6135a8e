"""Writes of the legal pages and messages: in a transaction, logged, mail sent after commit."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from digitalagentur.core.models import ObjectChange
from digitalagentur.core.services import EditConflict, create_object, log_change, update_object
from digitalagentur.tenancy.choices import Role

from .models import ContactDetails, LegalText, Message, MessageStatus, Reply

logger = logging.getLogger(__name__)


def find_page(model, region, kind: str | None = None):
    """The region's page of this model (and kind), or None while it has not been written."""
    lookup = {"region": region}
    if model is LegalText:
        lookup["kind"] = kind
    return model.objects.filter(**lookup).first()


@transaction.atomic
def save_page(
    model,
    region,
    values: Mapping[str, Any],
    *,
    kind: str | None = None,
    expected_version: int | None,
    user=None,
    reason: str = "",
):
    """Create the region's page on its first save, else update it (EditConflict when stale)."""
    instance = find_page(model, region, kind)
    if instance is None:
        extra = {"kind": kind} if model is LegalText else {}
        return create_object(model(region=region, **extra, **values), user=user, reason=reason)
    return update_object(
        instance, values, expected_version=expected_version, user=user, reason=reason
    )


def contact_details(region) -> ContactDetails | None:
    return ContactDetails.objects.filter(region=region).first()


def recipients(region) -> list[str]:
    """Where the region's messages go: its contact address, else its coordination's addresses."""
    contact = contact_details(region)
    if contact is not None and contact.email:
        return [contact.email]
    users = (
        get_user_model()
        .objects.filter(
            role_assignments__region=region,
            role_assignments__role__in=[Role.COORDINATOR, Role.ADMIN],
            is_active=True,
        )
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    return sorted(users)


def _send(subject: str, template: str, context: dict, to: list[str], reply_to=None) -> None:
    """Send one mail; a failing mail server is logged, never turned into an error page (the
    message is stored and visible in the staff area either way)."""
    if not to:
        return
    body = render_to_string(template, context)
    try:
        EmailMessage(
            subject=" ".join(subject.split())[:200],
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=to,
            reply_to=reply_to,
        ).send()
    except (OSError, smtplib.SMTPException):
        logger.exception("Mail %s to %s could not be sent", template, to)


@transaction.atomic
def submit_message(region, kind: str, values: Mapping[str, Any], *, sender_key: str) -> Message:
    """Store a message from the public forms; after commit mail the region and the sender.

    Not written to the change log: messages hold personal data that only the coordination may
    read, and the change log is open to every staff member.
    """
    message = Message(region=region, kind=kind, sender_key=sender_key, **values)
    message.full_clean()
    message.save()
    to_region = recipients(region)
    context = {"message": message, "region": region}
    transaction.on_commit(
        lambda: _send(
            _("[%(region)s] %(kind)s: %(subject)s")
            % {
                "region": region.name,
                "kind": message.get_kind_display(),
                "subject": message.subject,
            },
            "legal/mail/new_message.txt",
            context,
            to_region,
            reply_to=[message.email],
        )
    )
    transaction.on_commit(
        lambda: _send(
            _("Ihre Nachricht an %(region)s ist eingegangen") % {"region": region.name},
            "legal/mail/confirmation.txt",
            context,
            [message.email],
            reply_to=to_region[:1] or None,
        )
    )
    return message


@transaction.atomic
def answer_message(message: Message, text: str, *, expected_version: int | None, user) -> Reply:
    """Store the answer with who and when, mark the message answered and mail the answer to
    the sender after commit. A stale version (someone answered meanwhile) raises EditConflict."""
    before_status = message.status
    message = _update_unlogged(message, {"status": MessageStatus.ANSWERED}, expected_version)
    reply = Reply(
        message=message,
        text=text,
        sent_by=user,
        sent_by_name=(user.get_full_name() or user.get_username()) if user else "",
    )
    reply.full_clean()
    reply.save()
    _log_status(message, before_status, user, _("Antwort per E-Mail gesendet"))
    region = message.region
    reply_to = recipients(region)[:1] or None
    context = {"message": message, "region": region, "answer": text}
    transaction.on_commit(
        lambda: _send(
            _("Antwort: %(subject)s") % {"subject": message.subject},
            "legal/mail/answer.txt",
            context,
            [message.email],
            reply_to=reply_to,
        )
    )
    return reply


@transaction.atomic
def set_message_status(message: Message, status: str, *, expected_version: int | None, user):
    before = message.status
    message = _update_unlogged(message, {"status": status}, expected_version)
    if before != status:
        _log_status(message, before, user, "")
    return message


def _update_unlogged(message: Message, values: Mapping[str, Any], expected_version):
    """Claim the version with one conditional UPDATE (like core.services), without logging the
    message's content; the status change is logged separately by _log_status."""
    fresh = Message.objects.select_for_update().filter(pk=message.pk).first()
    if fresh is None:
        raise Message.DoesNotExist
    claimed = Message.objects.filter(pk=message.pk, version=expected_version).update(
        version=F("version") + 1, **values
    )
    if not claimed:
        raise EditConflict(fresh, expected_version)
    fresh.refresh_from_db()
    return fresh


def _log_status(message: Message, before: str, user, reason: str) -> ObjectChange:
    return log_change(
        message,
        ObjectChange.Action.UPDATE,
        user=user,
        changes={"status": {"before": before, "after": message.status}},
        reason=reason,
    )
