"""Rate limits of participation (issue 12, section 4): per account and per client address,
on submissions, comments and supports, counted in a cache shared by every worker.

The counters live in the cache alias "ratelimit": Redis when REDIS_URL is set, else a
database table (settings.base; created by migration participation 0002), so that every
process and machine counts together. A window is fixed (counts start at the first action of
the window and expire with it); the increment is atomic on Redis and in the local-memory
cache of the tests, and on the database cache a lost update can only let an action through,
never refuse one.

Generous for many people behind one address (a school, an office): the per-address limit is
high (DIGITALAGENTUR_PARTICIPATION_LIMITS) and it never applies to a person's first action of
a kind (their first support, their first idea or comment ever), so that at least 100
different accounts can act within a minute from one address and nobody's first support or
submission is refused.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from digitalagentur.core.client_ip import client_network

CACHE_ALIAS = "ratelimit"

# action: (per account, per address, window in seconds)
DEFAULT_LIMITS: dict[str, tuple[int, int, int]] = {
    "idea": (10, 300, 3600),
    "submission": (10, 300, 3600),
    "comment": (30, 600, 3600),
    "support": (120, 1200, 600),
}

MESSAGES = {
    "idea": _(
        "Sie haben in kurzer Zeit sehr viele Ideen eingereicht. Bitte versuchen Sie es "
        "später noch einmal."
    ),
    "submission": _(
        "Sie haben in kurzer Zeit sehr viele Beiträge eingereicht. Bitte versuchen Sie es "
        "später noch einmal."
    ),
    "comment": _(
        "Sie haben in kurzer Zeit sehr viele Kommentare geschrieben. Bitte versuchen Sie es "
        "später noch einmal."
    ),
    "support": _(
        "Sie haben in kurzer Zeit sehr oft unterstützt. Bitte versuchen Sie es später noch einmal."
    ),
}


class RateLimited(ValidationError):
    """Refused by a rate limit; `retry_after` in seconds (for HTTP 429 Retry-After)."""

    def __init__(self, message: str, retry_after: int):
        super().__init__(message, code="rate_limited")
        self.retry_after = retry_after


def limits(action: str) -> tuple[int, int, int]:
    configured = getattr(settings, "DIGITALAGENTUR_PARTICIPATION_LIMITS", {}) or {}
    return tuple(configured.get(action, DEFAULT_LIMITS[action]))  # type: ignore[return-value]


def _key(kind: str, action: str, value: str) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{value}".encode()).hexdigest()[:32]
    return f"participation:{action}:{kind}:{digest}"


def _count(key: str, window: int) -> int:
    """Increment the counter of `key` (created with the window as its lifetime)."""
    cache = caches[CACHE_ALIAS]
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return 1


def check(action: str, user, client_ip: str = "", *, first_time: bool = False) -> None:
    """Count one `action` of `user` from `client_ip`; raise RateLimited when over a limit.

    `first_time`: the person never did this kind of action before; the address limit then
    does not apply (their own limit cannot be reached by a first action anyway)."""
    per_account, per_address, window = limits(action)
    message = str(MESSAGES[action])
    if user is not None and getattr(user, "pk", None):
        if _count(_key("user", action, str(user.pk)), window) > per_account:
            raise RateLimited(message, window)
    if client_ip and not first_time:
        if _count(_key("ip", action, client_network(client_ip)), window) > per_address:
            raise RateLimited(message, window)
