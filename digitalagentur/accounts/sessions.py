"""Session rules: idle expiry and "log out everywhere" (a per-user session generation)."""

from __future__ import annotations

import time

from django.conf import settings

from .services import session_generation
from .state import account_state

GENERATION_KEY = "accounts_generation"
LAST_SEEN_KEY = "accounts_last_seen"
# The last-seen time is written at most this often (seconds), not on every request.
TOUCH_INTERVAL = 60


def idle_seconds() -> int:
    return int(settings.DIGITALAGENTUR_SESSION_IDLE_MINUTES) * 60


def start(request, user) -> None:
    """Called at login: bind the session to the user's current generation."""
    request.session[GENERATION_KEY] = session_generation(user)
    request.session[LAST_SEEN_KEY] = int(time.time())


def is_ended(request) -> bool:
    """True when the session was idle too long or ended by "log out everywhere"."""
    session = request.session
    now = int(time.time())
    last_seen = session.get(LAST_SEEN_KEY)
    if last_seen is not None and now - int(last_seen) > idle_seconds():
        return True
    if session.get(GENERATION_KEY, 0) != account_state(request).session_generation:
        return True
    if last_seen is None or now - int(last_seen) >= TOUCH_INTERVAL:
        session[LAST_SEEN_KEY] = now
    return False
