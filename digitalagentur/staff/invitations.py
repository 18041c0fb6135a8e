"""Invitations: the only way an account without a role in a region gets one there.

A region admin invites a user name. If no account is (or looks like) that name, one is created
without a usable password; an existing account from outside the region is used as it is and
never shown to the admin. The link goes by e-mail to the account's address, and only when the
address the admin typed is that address: otherwise an admin who invites a name taken elsewhere
would send a role to whoever owns that account (or, for an account still waiting for its
password, to whoever another region's admin named). The admin sees the same result either way.
Only a hash of the token is stored, and the link works once, until it expires, for that account
only. Every write runs in a transaction and is logged; mail leaves after the commit.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.core.models import ObjectChange
from digitalagentur.core.services import diff_snapshots, log_change, snapshot
from digitalagentur.tenancy.invitations import new_expiry, new_token, usable_invitation
from digitalagentur.tenancy.models import Invitation
from digitalagentur.tenancy.usernames import find_similar_account, validate_username_characters

from .services import create_assignment, holds_role_in, role_exists

logger = logging.getLogger(__name__)

LinkBuilder = Callable[[str], str]

EMAIL_NEEDED_MESSAGE = gettext_lazy(
    "Bitte geben Sie eine E-Mail-Adresse an: Die Einladung wird per E-Mail verschickt."
)
DUPLICATE_INVITATION_MESSAGE = gettext_lazy(
    "Für „%(name)s“ gibt es bereits eine offene Einladung mit dieser Rolle. Sie können sie in "
    "der Liste der offenen Einladungen erneut senden."
)
NOT_OPEN_MESSAGE = gettext_lazy(
    "Diese Einladung ist nicht mehr offen: Sie wurde inzwischen angenommen oder zurückgezogen."
)


class InvitationInvalid(Exception):
    """The link is unknown, expired, used or withdrawn (deliberately without saying which)."""


def invitation_snapshot(invitation: Invitation) -> dict:
    """Logged values: never the token's hash, and the user name as the admin typed it."""
    data = snapshot(invitation)
    data.pop("token_hash", None)
    data.pop("user", None)
    return data


def _log(invitation, action, before: dict, *, user=None, reason: str = "") -> None:
    after = invitation_snapshot(invitation) if action != ObjectChange.Action.DELETE else {}
    log_change(invitation, action, user=user, changes=diff_snapshots(before, after), reason=reason)


def reaches_account(invitation: Invitation) -> bool:
    """True if the invited address is the account's own (so its owner gets the link)."""
    account_email = invitation.user.email
    return bool(account_email) and account_email.casefold() == invitation.email.casefold()


def _queue_mail(invitation: Invitation, token: str, link_for: LinkBuilder) -> None:
    """Render the mail now (current language) and send it after the commit."""
    account = invitation.user
    if not reaches_account(invitation):
        return  # see the module's docstring: nobody but the account's owner gets a link
    context = {
        "invitation": invitation,
        "region": invitation.region,
        "role": role_text(invitation),
        "account_name": account.get_full_name() or account.get_username(),
        "username": account.get_username(),
        "needs_password": not account.has_usable_password(),
        "inviter": (invitation.invited_by.get_full_name() or invitation.invited_by.get_username())
        if invitation.invited_by
        else "",
        "link": link_for(token),
        "expires_at": invitation.expires_at,
    }
    subject = render_to_string("staff/roles/invitation_mail_subject.txt", context)
    body = render_to_string("staff/roles/invitation_mail.txt", context)
    recipient = account.email
    subject = " ".join(subject.split())

    def send():
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])

    # robust: a mail server that is down must not turn the committed invitation into an error
    # page; the admin sees the invitation as open and can send it again.
    transaction.on_commit(send, robust=True)


def role_text(invitation) -> str:
    label = invitation.get_role_display()
    if invitation.municipality_id:
        return f"{label} – {invitation.municipality.display_name}"
    return str(label)


@transaction.atomic
def invite(
    region,
    *,
    username: str,
    role: str,
    municipality=None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    user=None,
    reason: str = "",
    link_for: LinkBuilder,
) -> Invitation:
    """Invite `username` to a role in `region`; see the module's docstring.

    Whether an account of that name exists outside the region changes nothing the caller can
    see: the same checks, the same result, one mail. Raises ValidationError for bad input.
    """
    if municipality is not None and municipality.region_id != region.pk:
        raise ValidationError(_("Diese Kommune gehört nicht zur Region."))
    validate_username_characters(username)
    if not email:
        raise ValidationError(EMAIL_NEEDED_MESSAGE)
    users = get_user_model()
    account = find_similar_account(username)
    if account is not None and holds_role_in(account, region):
        # Accounts of the region get further roles directly (staff.services.assign_role).
        raise ValidationError(_("Dieses Konto hat bereits eine Rolle in der Region."))
    if account is None:
        account = users(
            username=username,
            first_name=first_name,
            last_name=last_name,
            email=users.objects.normalize_email(email),
        )
        account.set_unusable_password()
        account.full_clean(validate_unique=False)
        try:
            with transaction.atomic():
                account.save()
        except IntegrityError:  # created by a concurrent request in the meantime
            raise ValidationError(
                _("Das hat nicht geklappt, bitte versuchen Sie es noch einmal.")
            ) from None
    pending = Invitation.objects.open().filter(
        region=region, user=account, role=role, municipality=municipality
    )
    if pending.exists():
        raise ValidationError(DUPLICATE_INVITATION_MESSAGE % {"name": username})
    token, token_hash = new_token()
    now = timezone.now()
    invitation = Invitation(
        region=region,
        user=account,
        role=role,
        municipality=municipality,
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=users.objects.normalize_email(email),
        token_hash=token_hash,
        invited_by=user if user is not None and user.is_authenticated else None,
        sent_at=now,
        expires_at=new_expiry(now),
    )
    invitation.full_clean()
    invitation.save()
    _log(invitation, ObjectChange.Action.CREATE, {}, user=user, reason=reason)
    _queue_mail(invitation, token, link_for)
    return invitation


def _lock_open(invitation: Invitation) -> Invitation:
    current = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("region", "municipality", "user", "invited_by")
        .filter(pk=invitation.pk)
        .first()
    )
    if current is None or not current.is_open:
        raise ValidationError(NOT_OPEN_MESSAGE)
    return current


@transaction.atomic
def resend_invitation(
    invitation: Invitation, *, user=None, reason: str = "", link_for: LinkBuilder
) -> Invitation:
    """A new link with a new expiry; the old link stops working at once."""
    current = _lock_open(invitation)
    before = invitation_snapshot(current)
    token, current.token_hash = new_token()
    current.sent_at = timezone.now()
    current.expires_at = new_expiry(current.sent_at)
    if user is not None and user.is_authenticated:
        current.invited_by = user
    current.save()
    _log(current, ObjectChange.Action.UPDATE, before, user=user, reason=reason)
    _queue_mail(current, token, link_for)
    return current


@transaction.atomic
def withdraw_invitation(invitation: Invitation, *, user=None, reason: str = "") -> Invitation:
    current = _lock_open(invitation)
    before = invitation_snapshot(current)
    current.withdrawn_at = timezone.now()
    current.save(update_fields=["withdrawn_at"])
    _log(current, ObjectChange.Action.UPDATE, before, user=user, reason=reason)
    return current


@transaction.atomic
def accept_invitation(token: str, *, user=None, password: str | None = None) -> Invitation:
    """Spend the link: set the new account's password (or check who is logged in), give the role.

    `password` only for accounts that have none yet; an account with a password accepts while
    logged in as itself (`user`). Raises InvitationInvalid or PermissionDenied (nothing changed).
    """
    invitation = usable_invitation(token, for_update=True)
    if invitation is None:
        raise InvitationInvalid
    account = invitation.user
    if password is not None:
        if account.has_usable_password() or not reaches_account(invitation):
            raise PermissionDenied
        account.set_password(password)
        account.save(update_fields=["password"])
    elif user is None or user.pk != account.pk:
        raise PermissionDenied
    before = invitation_snapshot(invitation)
    reason = _("Einladung angenommen")
    region, role, town = invitation.region, invitation.role, invitation.municipality
    if not role_exists(account, region, role, town):
        create_assignment(account, region, role, town, user=account, reason=reason)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    _log(invitation, ObjectChange.Action.UPDATE, before, user=account, reason=reason)
    return invitation
