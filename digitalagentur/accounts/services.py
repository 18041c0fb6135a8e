"""Writes of the accounts app: each in a transaction; mails are sent after the commit."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from digitalagentur.core.models import ObjectChange
from digitalagentur.core.services import log_change

from .models import AccountSecurity, SecurityPolicy
from .two_factor import RECOVERY_CODE_COUNT, RECOVERY_NAME, TOTP_NAME

EMAIL_CHANGE_SALT = "digitalagentur.accounts.email-change"


class InvalidLink(Exception):
    """A confirmation link that is forged, expired, already used or meant for someone else."""


def send_templated_mail(template: str, context: dict, to: str) -> None:
    """Render `<template>_subject.txt` and `<template>_body.txt` and send after the commit.

    robust: a mail server that is down must not turn the committed change into an error page
    (Django logs the failure)."""
    subject = "".join(render_to_string(f"{template}_subject.txt", context).splitlines()).strip()
    body = render_to_string(f"{template}_body.txt", context)

    def _send():
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])

    transaction.on_commit(_send, robust=True)


# Sessions ---------------------------------------------------------------------------------


def session_generation(user) -> int:
    value = (
        AccountSecurity.objects.filter(user=user)
        .values_list("session_generation", flat=True)
        .first()
    )
    return value or 0


@transaction.atomic
def end_all_sessions(user, *, delete_token: bool = False) -> int:
    """Invalidate every session of `user` (on every device); optionally the API token too."""
    AccountSecurity.objects.get_or_create(user=user)
    AccountSecurity.objects.filter(user=user).update(session_generation=F("session_generation") + 1)
    if delete_token:
        Token.objects.filter(user=user).delete()
    return session_generation(user)


# E-mail change ----------------------------------------------------------------------------


def email_changes(user) -> int:
    value = (
        AccountSecurity.objects.filter(user=user).values_list("email_changes", flat=True).first()
    )
    return value or 0


def email_change_token(user, new_email: str) -> str:
    payload = {"u": user.pk, "new": new_email, "old": user.email, "n": email_changes(user)}
    return signing.dumps(payload, salt=EMAIL_CHANGE_SALT, compress=True)


def read_email_change_token(token: str, user) -> str:
    """The new address of a valid link for `user`; InvalidLink otherwise."""
    max_age = settings.DIGITALAGENTUR_EMAIL_CHANGE_HOURS * 3600
    try:
        payload = signing.loads(token, salt=EMAIL_CHANGE_SALT, max_age=max_age)
    except signing.BadSignature as exc:  # includes SignatureExpired
        raise InvalidLink from exc
    if not isinstance(payload, dict) or payload.get("u") != user.pk:
        raise InvalidLink
    # Single use: once an address change was confirmed (even back to the old address), or the
    # address changed otherwise, the link no longer fits.
    if payload.get("old") != user.email or not payload.get("new"):
        raise InvalidLink
    if payload.get("n") != email_changes(user):
        raise InvalidLink
    return payload["new"]


def request_email_change(user, new_email: str, confirm_url_for) -> None:
    """Mail a signed, expiring confirmation link to the new address; nothing changes yet."""
    token = email_change_token(user, new_email)
    context = {
        "user": user,
        "new_email": new_email,
        "confirm_url": confirm_url_for(token),
        "hours": settings.DIGITALAGENTUR_EMAIL_CHANGE_HOURS,
    }
    with transaction.atomic():
        send_templated_mail("accounts/mail/email_change_confirm", context, new_email)


@transaction.atomic
def confirm_email_change(user, token: str) -> str:
    """Apply the change carried by `token` (for this user only) and notify the old address."""
    user_model = get_user_model()
    locked = user_model.objects.select_for_update().get(pk=user.pk)
    new_email = read_email_change_token(token, locked)
    old_email = locked.email
    locked.email = new_email
    locked.save(update_fields=["email"])
    AccountSecurity.objects.get_or_create(user=locked)
    AccountSecurity.objects.filter(user=locked).update(email_changes=F("email_changes") + 1)
    user.email = new_email
    if old_email:
        context = {"user": locked, "old_email": old_email, "new_email": new_email}
        send_templated_mail("accounts/mail/email_changed_notice", context, old_email)
    return new_email


# Two-factor authentication ----------------------------------------------------------------


@transaction.atomic
def pending_totp_device(user) -> TOTPDevice:
    """The unconfirmed TOTP device being set up (created once, reused until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


@transaction.atomic
def confirm_totp_device(device: TOTPDevice, code: str) -> list[str] | None:
    """Activate `device` if `code` is right; returns the new recovery codes (else None)."""
    code = "".join((code or "").split())
    if not code or not device.verify_token(code):
        return None
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return regenerate_recovery_codes(device.user)


@transaction.atomic
def regenerate_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes by RECOVERY_CODE_COUNT new single-use codes."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": RECOVERY_NAME, "confirmed": True}
    )
    StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


@transaction.atomic
def disable_two_factor(user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


# Region policy ----------------------------------------------------------------------------


@transaction.atomic
def set_two_factor_policy(region, require: bool, *, user) -> SecurityPolicy:
    """Switch the region's 2FA requirement; the change is recorded in the change log."""
    policy, created = SecurityPolicy.objects.select_for_update().get_or_create(region=region)
    before = policy.require_two_factor
    if created or before != require:
        policy.require_two_factor = require
        policy.save(update_fields=["require_two_factor"])
        log_change(
            policy,
            ObjectChange.Action.CREATE if created else ObjectChange.Action.UPDATE,
            user=user,
            changes={
                "require_two_factor": {"before": None if created else before, "after": require}
            },
        )
    return policy
