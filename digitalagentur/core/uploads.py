"""Checked import files waiting for their confirmation (core.models.PendingUpload), shared by
every import of the staff area: only a random token travels to the browser."""

from __future__ import annotations

import datetime
import secrets

from django.db.models import Q
from django.utils import timezone

from .models import PendingUpload

LIFETIME = datetime.timedelta(days=1)


def remember(kind: str, user, region, name: str, content: bytes) -> str:
    """Keep a checked file under a new random token; the user's earlier one of this kind and
    every one older than LIFETIME are dropped."""
    token = secrets.token_urlsafe(24)
    PendingUpload.objects.filter(
        Q(kind=kind, user=user) | Q(created__lt=timezone.now() - LIFETIME)
    ).delete()
    PendingUpload.objects.create(
        token=token, kind=kind, region=region, user=user, name=name[:200], content=content
    )
    return token


def recall(kind: str, user, region, token: str) -> PendingUpload | None:
    """The user's file of this kind and region with this token, if it is still there."""
    if not token:
        return None
    return PendingUpload.objects.filter(
        token=token,
        kind=kind,
        user=user,
        region=region,
        created__gte=timezone.now() - LIFETIME,
    ).first()


class ForeignUpload(Exception):
    """A token of another user's or another region's file."""


def pending(kind: str, token: str, user, region) -> PendingUpload | None:
    """The user's checked file of this kind and region (for an import's report page); None
    when it is gone (done, or expired and deleted now); ForeignUpload for anyone else's."""
    found = PendingUpload.objects.filter(kind=kind, token=token).first()
    if found is None:
        return None
    if found.region_id != region.pk or found.user_id != user.pk:
        raise ForeignUpload
    if found.created < timezone.now() - LIFETIME:
        found.delete()
        return None
    return found


def forget(kind: str, user) -> None:
    PendingUpload.objects.filter(kind=kind, user=user).delete()
