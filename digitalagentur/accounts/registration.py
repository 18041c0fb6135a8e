"""Self-registration with e-mail confirmation (double opt-in).

Anyone may register with a name to show (a pseudonym is fine), an e-mail address and a
password. The account is created inactive and a signed, expiring link is mailed; opening it
shows a form whose POST activates the account (a GET never does, so mail scanners that open
links cannot confirm anything). That POST needs the password chosen at registration: only who
holds both the mailbox and the password activates the account, so a stranger who registered
someone else's address cannot have that person activate an account whose password the
stranger knows. Wrong passwords are counted per link and per client network (`confirm`).

The answer is the same whether or not the address is known, so that the form does not reveal
who has an account: for a known address the mail says so and offers a password-reset link, and
nothing is created. The password is hashed in every case, so that both paths take as long.

Accounts made here have no role: they are members of the public who may book, not staff.
Unconfirmed registrations are deleted once their link expired (`delete_expired`).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import get_random_string, salted_hmac
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from digitalagentur.legal import spam

from .models import Registration, RegistrationAttempt
from .services import InvalidLink, send_templated_mail

TOKEN_SALT = "digitalagentur.accounts.registration"  # noqa: S105 (a salt, not a secret)
RATE_WINDOW = spam.RATE_WINDOW
# Wrong passwords on the confirmation page: at most this many per link (over its lifetime;
# registering again mails a new link) and per client network within RATE_WINDOW.
CONFIRM_FAILURES_PER_LINK = 10
CONFIRM_FAILURES_PER_ADDRESS = 20
# RegistrationAttempt rows of wrong confirmation passwords carry this prefix in `email_key`.
CONFIRM_PREFIX = "confirm:"
# What Django's username validator accepts: an address made only of these becomes the username.
USERNAME_CHARS = re.compile(r"^[\w.@+-]+\Z")


def lifetime() -> datetime.timedelta:
    return datetime.timedelta(hours=settings.DIGITALAGENTUR_REGISTRATION_HOURS)


def email_key(email: str) -> str:
    """A keyed hash of the address as the rate limit counts it (case-blind)."""
    return salted_hmac(
        "digitalagentur.accounts.registration.email", email.strip().lower()
    ).hexdigest()


# Rate limit ---------------------------------------------------------------------------------


def rate_limited(sender_key: str, email: str) -> bool:
    """True when this client network or this address sent the form too often in the last hour
    (the limits of the public forms: DIGITALAGENTUR_FORM_LIMIT_PER_ADDRESS / _PER_EMAIL)."""
    since = timezone.now() - RATE_WINDOW
    per_address, per_email = spam.rate_limits()
    recent = RegistrationAttempt.objects.filter(created__gte=since)
    if recent.filter(sender_key=sender_key).count() >= per_address:
        return True
    return bool(email) and recent.filter(email_key=email_key(email)).count() >= per_email


# Registering -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Links:
    """Builds the absolute links the mails carry (the views know the request's host)."""

    confirm: object  # token -> URL
    reset: object  # (uidb64, token) -> URL
    login: str


def _username_for(email: str) -> str:
    """The address itself (lower case) if it is a free, valid username; else a generated one."""
    user_model = get_user_model()
    candidate = email.lower()
    max_length = user_model._meta.get_field(user_model.USERNAME_FIELD).max_length
    if (
        len(candidate) <= max_length
        and USERNAME_CHARS.match(candidate)
        and not user_model.objects.filter(
            **{f"{user_model.USERNAME_FIELD}__iexact": candidate}
        ).exists()
    ):
        return candidate
    while True:
        candidate = "konto-" + get_random_string(10, "abcdefghijkmnpqrstuvwxyz23456789")
        if not user_model.objects.filter(**{user_model.USERNAME_FIELD: candidate}).exists():
            return candidate


def make_token(registration: Registration, next_url: str = "") -> str:
    payload = {"u": registration.user_id, "r": registration.requested.isoformat()}
    if next_url:
        payload["n"] = next_url
    return signing.dumps(payload, salt=TOKEN_SALT, compress=True)


def register(
    *, name: str, email: str, password: str, sender_key: str, links: Links, next_url: str = ""
) -> int | None:
    """Handle one sent registration form; returns the id of the (pending) account the
    confirmation link is for, or None when the address belonged to an existing account.

    - new address: an inactive account and a confirmation mail;
    - address of a registration still waiting for confirmation: the latest registration wins.
      Its name and password replace the pending ones and a new link is mailed; the older links
      stop working. Nobody gains anything by registering another person's address: the link
      goes to that person's mailbox, and confirming it needs the password of the latest
      registration (`confirm`), so the owner simply registers again and confirms with the
      password they chose;
    - address of any other account: a mail saying that the account exists, with a
      password-reset link (or, for a deactivated account, whom to ask). Nothing changes.
    """
    user_model = get_user_model()
    email = user_model.objects.normalize_email(email.strip())
    password_hash = make_password(password)  # on every path: the answer takes as long
    now = timezone.now()
    RegistrationAttempt.objects.create(
        created=now, sender_key=sender_key, email_key=email_key(email)
    )
    with transaction.atomic():
        existing = (
            user_model.objects.select_for_update()
            .filter(email__iexact=email)
            .order_by("pk")
            .first()
        )
        if existing is None:
            try:
                with transaction.atomic():
                    user = user_model.objects.create(
                        username=_username_for(email),
                        email=email,
                        first_name=name.strip(),
                        password=password_hash,
                        is_active=False,
                    )
                    registration = Registration.objects.create(
                        user=user, requested=now, consented=now
                    )
            except IntegrityError:
                # The same address registered at the same moment in another request: that one
                # sends the link. Answer as for a known address, and send nothing twice.
                return None
            _send_link(registration, next_url, links)
            return user.pk
        registration = Registration.objects.filter(user=existing).first()
        if not existing.is_active and registration is not None and registration.confirmed is None:
            existing.first_name = name.strip()
            existing.password = password_hash
            existing.save(update_fields=["first_name", "password"])
            # A new `requested`: the older links stop working, the lifetime starts again.
            registration.requested = registration.consented = now
            registration.save(update_fields=["requested", "consented"])
            _send_link(registration, next_url, links)
            return existing.pk
        _send_known(existing, links)
        return None


def _send_link(registration: Registration, next_url: str, links: Links) -> None:
    user = registration.user
    context = {
        "user": user,
        "name": user.first_name,
        "username": user.get_username(),
        "confirm_url": links.confirm(make_token(registration, next_url)),
        "hours": settings.DIGITALAGENTUR_REGISTRATION_HOURS,
    }
    send_templated_mail("accounts/mail/registration_confirm", context, user.email)


def _send_known(user, links: Links) -> None:
    context = {
        "user": user,
        "name": user.get_full_name() or user.get_username(),
        "username": user.get_username(),
        "active": user.is_active,
        "login_url": links.login,
        "reset_hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
        "reset_url": links.reset(
            urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)
        )
        if user.is_active
        else "",
    }
    send_templated_mail("accounts/mail/registration_known", context, user.email)


# Confirming --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pending:
    user: object
    next_url: str
    confirmed: bool  # already confirmed earlier: confirming again changes nothing


class WrongPassword(Exception):
    """The password given on the confirmation page is not the one chosen at registration."""


class TooManyAttempts(Exception):
    """Too many wrong passwords for this link (`per_link`) or from this client network."""

    def __init__(self, per_link: bool):
        super().__init__()
        self.per_link = per_link


def _load(token: str) -> dict:
    try:
        payload = signing.loads(token, salt=TOKEN_SALT, max_age=lifetime().total_seconds())
    except signing.BadSignature as exc:  # includes SignatureExpired
        raise InvalidLink from exc
    if not isinstance(payload, dict) or not isinstance(payload.get("u"), int):
        raise InvalidLink
    return payload


def _pending(payload: dict, registration: Registration | None) -> Pending:
    if registration is None:  # deleted (expired) or never existed
        raise InvalidLink
    next_url = payload.get("n") if isinstance(payload.get("n"), str) else ""
    if registration.confirmed is not None:
        return Pending(registration.user, next_url, confirmed=True)
    if payload.get("r") != registration.requested.isoformat():
        raise InvalidLink  # a newer registration for this address sent a newer link
    return Pending(registration.user, next_url, confirmed=False)


def read_token(token: str) -> Pending:
    """What a confirmation link is for; InvalidLink when forged, expired or superseded."""
    payload = _load(token)
    registration = Registration.objects.select_related("user").filter(user_id=payload["u"]).first()
    return _pending(payload, registration)


def _link_key(registration: Registration) -> str:
    """Counts the wrong passwords of one link (a new registration makes a new link)."""
    link = f"{registration.user_id}:{registration.requested.isoformat()}"
    return CONFIRM_PREFIX + salted_hmac(f"{TOKEN_SALT}.link", link).hexdigest()


def _confirm_sender_key(sender_key: str) -> str:
    """The client network's key, kept apart from the registration form's rate limit."""
    return salted_hmac(f"{TOKEN_SALT}.confirm-sender", sender_key).hexdigest()


def confirm(token: str, password: str, *, sender_key: str) -> Pending:
    """Activate the account of a valid link if `password` is the one chosen at registration
    (once; a second time changes nothing and checks nothing).

    Raises InvalidLink, WrongPassword (the failure is counted, nothing else changes) or
    TooManyAttempts (checked before the password, so a blocked link cannot be guessed at)."""
    payload = _load(token)
    user_model = get_user_model()
    now = timezone.now()
    with transaction.atomic():
        # Locked in the order register() uses: the account, then its registration.
        user = user_model.objects.select_for_update().filter(pk=payload["u"]).first()
        registration = (
            Registration.objects.select_for_update().filter(user=user).first() if user else None
        )
        pending = _pending(payload, registration)
        if pending.confirmed:
            return pending
        link_key = _link_key(registration)
        client_key = _confirm_sender_key(sender_key)
        failures = RegistrationAttempt.objects.filter(email_key__startswith=CONFIRM_PREFIX)
        if failures.filter(email_key=link_key).count() >= CONFIRM_FAILURES_PER_LINK:
            raise TooManyAttempts(per_link=True)
        recent = failures.filter(sender_key=client_key, created__gte=now - RATE_WINDOW)
        if recent.count() >= CONFIRM_FAILURES_PER_ADDRESS:
            raise TooManyAttempts(per_link=False)
        if user.check_password(password):
            registration.confirmed = now
            registration.save(update_fields=["confirmed"])
            user.is_active = True
            user.save(update_fields=["is_active"])
            return Pending(user, pending.next_url, confirmed=False)
        RegistrationAttempt.objects.create(created=now, sender_key=client_key, email_key=link_key)
    raise WrongPassword  # after the transaction: the counted failure stays


# Retention ---------------------------------------------------------------------------------


@transaction.atomic
def delete_expired(now: datetime.datetime | None = None) -> int:
    """Delete the accounts of registrations never confirmed within the link's lifetime, the
    rate limit's records older than its window and the counted wrong confirmation passwords
    older than a link lives. Returns how many accounts were deleted.

    Only self-registered, unconfirmed, inactive accounts qualify: accounts made by staff, and
    confirmed ones that were deactivated later, are never touched."""
    now = now or timezone.now()
    user_model = get_user_model()
    expired = user_model.objects.filter(
        is_active=False,
        last_login__isnull=True,
        registration__confirmed__isnull=True,
        registration__requested__lt=now - lifetime(),
    )
    ids = list(expired.values_list("pk", flat=True))
    if ids:
        user_model.objects.filter(pk__in=ids).delete()
    attempts = RegistrationAttempt.objects.all()
    attempts.filter(created__lt=now - RATE_WINDOW).exclude(
        email_key__startswith=CONFIRM_PREFIX
    ).delete()
    attempts.filter(created__lt=now - lifetime(), email_key__startswith=CONFIRM_PREFIX).delete()
    return len(ids)
