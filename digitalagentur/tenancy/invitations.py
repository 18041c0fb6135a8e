"""Invitation links: random tokens of which only a hash is stored, and their lookup."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.conf import settings
from django.utils import timezone

from .models import Invitation

TOKEN_BYTES = 32
MAX_TOKEN_LENGTH = 100


def new_token() -> tuple[str, str]:
    """A fresh token for the link and the hash to store."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, hash_token(token)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def validity() -> datetime.timedelta:
    return datetime.timedelta(days=settings.DIGITALAGENTUR_INVITATION_DAYS)


def new_expiry(now: datetime.datetime | None = None) -> datetime.datetime:
    return (now or timezone.now()) + validity()


def usable_invitation(token: str, *, for_update: bool = False) -> Invitation | None:
    """The open, unexpired invitation of `token`; None for anything else (no reason given)."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    queryset = Invitation.objects.open().filter(
        token_hash=hash_token(token), expires_at__gt=timezone.now()
    )
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    return queryset.select_related("region", "municipality", "user").first()
