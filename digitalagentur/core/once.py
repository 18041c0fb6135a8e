"""One-time form tokens: a double click or two simultaneous submits of a confirming step (a
booking's "Verbindlich buchen") act once. The session says which token was issued; the
database (core.models.UsedFormToken, a unique digest) says whether it was already used, which
a session cannot: two requests that arrive together both read the session before either
writes it back."""

from __future__ import annotations

import datetime
import hashlib

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import UsedFormToken

# Tokens live in a session only while a form waits for its confirmation; a used one is kept
# this long, far longer than any double click takes.
KEEP = datetime.timedelta(days=2)


def first_use(token: str) -> bool:
    """True exactly once per token, also under concurrency; False for an empty token."""
    if not token:
        return False
    digest = hashlib.sha256(token.encode("utf-8", "surrogateescape")).hexdigest()
    UsedFormToken.objects.filter(used__lt=timezone.now() - KEEP).delete()
    try:
        with transaction.atomic():
            UsedFormToken.objects.create(digest=digest)
    except IntegrityError:
        return False
    return True
