"""What every signed-in request needs to know about its account, read in one query.

The session generation ("log out everywhere"), whether the user has a confirmed second factor
and whether the request's region requires one. Cached on the request; views that change these
(setting up 2FA, ending sessions) ask services.py / two_factor.py directly instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django_otp.plugins.otp_totp.models import TOTPDevice

from digitalagentur.tenancy.pagecache import region_cached
from digitalagentur.tenancy.permissions import ACCESS_CACHE_SECONDS

from .models import AccountSecurity, SecurityPolicy


@dataclass(frozen=True)
class AccountState:
    session_generation: int
    has_two_factor: bool
    region_requires_two_factor: bool


def account_state(request) -> AccountState:
    cached = getattr(request, "_account_state", None)
    if cached is not None:
        return cached
    user = request.user
    region = getattr(request, "region", None)
    if hasattr(user, "account_session_generation"):  # loaded by accounts.backends
        state = AccountState(
            int(user.account_session_generation),
            bool(user.account_has_two_factor),
            region is not None and region_requires_two_factor(region),
        )
        request._account_state = state
        return state
    generation = AccountSecurity.objects.filter(user=OuterRef("pk")).values("session_generation")
    required = (
        Exists(SecurityPolicy.objects.filter(region=region, require_two_factor=True))
        if region is not None
        else Value(False)
    )
    row = (
        get_user_model()
        .objects.filter(pk=request.user.pk)
        .values_list(
            Coalesce(Subquery(generation[:1]), 0),
            Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
            required,
        )
        .first()
    ) or (0, False, False)
    state = AccountState(int(row[0]), bool(row[1]), bool(row[2]))
    request._account_state = state
    return state


def region_requires_two_factor(region) -> bool:
    """The region's 2FA policy, cached until the region's content changes (a policy has a
    region, so changing it raises the region's content version)."""
    return region_cached(
        region,
        "requires-two-factor",
        lambda: SecurityPolicy.objects.filter(region=region, require_two_factor=True).exists(),
        timeout=ACCESS_CACHE_SECONDS,
    )
