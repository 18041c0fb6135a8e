"""Spam protection of the public forms without any third-party service.

Three independent checks: a honeypot field people never see, a signed timestamp (a form sent
faster than a person can type, or older than its lifetime, or tampered with, is refused) and a
rate limit per client address and per e-mail address, counted in the database so that it holds
across processes and machines. The client address is stored only as a keyed hash.
"""

from __future__ import annotations

import datetime
import time

from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from digitalagentur.core.client_ip import client_network

TOKEN_SALT = "digitalagentur.legal.form-timestamp"  # noqa: S105 (a salt, not a secret)


def min_seconds() -> int:
    return int(getattr(settings, "DIGITALAGENTUR_FORM_MIN_SECONDS", 3))


def max_age_seconds() -> int:
    return int(getattr(settings, "DIGITALAGENTUR_FORM_MAX_AGE", 2 * 60 * 60))


def rate_limits() -> tuple[int, int]:
    """(messages per client address, messages per e-mail address) within one hour."""
    return (
        int(getattr(settings, "DIGITALAGENTUR_FORM_LIMIT_PER_ADDRESS", 5)),
        int(getattr(settings, "DIGITALAGENTUR_FORM_LIMIT_PER_EMAIL", 3)),
    )


RATE_WINDOW = datetime.timedelta(hours=1)


def issue_token(now: float | None = None) -> str:
    return signing.dumps(int(now if now is not None else time.time()), salt=TOKEN_SALT)


def token_problem(token: str, now: float | None = None) -> str | None:
    """Why the form's timestamp is not acceptable (German), or None."""
    now = now if now is not None else time.time()
    try:
        issued = signing.loads(token or "", salt=TOKEN_SALT)
    except signing.BadSignature:
        return _("Das Formular ist ungültig. Bitte laden Sie die Seite neu und senden Sie erneut.")
    if not isinstance(issued, int):
        return _("Das Formular ist ungültig. Bitte laden Sie die Seite neu und senden Sie erneut.")
    age = now - issued
    if age > max_age_seconds():
        return _(
            "Das Formular ist abgelaufen. Ihre Eingaben sind noch da: bitte senden Sie erneut."
        )
    if age < min_seconds():
        return _(
            "Das Formular wurde zu schnell abgeschickt. Bitte warten Sie einen Moment und "
            "senden Sie erneut."
        )
    return None


def sender_key(ip_address: str) -> str:
    """A keyed hash of the client's network (an IPv4 address, the /64 of an IPv6 one:
    core.client_ip.client_network): enough to count, useless to identify anyone."""
    return salted_hmac("digitalagentur.legal.sender", client_network(ip_address)).hexdigest()


def rate_limited(key: str, email: str) -> bool:
    from .models import Message

    since = timezone.now() - RATE_WINDOW
    per_address, per_email = rate_limits()
    recent = Message.objects.filter(created__gte=since)
    if recent.filter(sender_key=key).count() >= per_address:
        return True
    return bool(email) and recent.filter(email__iexact=email).count() >= per_email
