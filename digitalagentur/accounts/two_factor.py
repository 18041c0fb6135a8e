"""Two-factor authentication: which devices a user has, whether a session must be verified.

A user "has 2FA" when a confirmed TOTP device exists; recovery codes (a StaticDevice) are
created with it and removed with it. A session must be verified (django-otp's
`request.user.is_verified()`) when the user has 2FA, or when the request's region requires
2FA of its staff and the user has a role there (then a user without a device has to set one
up first).
"""

from __future__ import annotations

import base64
import enum

import segno
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from digitalagentur.tenancy.permissions import request_access

from .models import SecurityPolicy
from .state import account_state

RECOVERY_CODE_COUNT = 10
TOTP_NAME = "Authenticator-App"
RECOVERY_NAME = "Wiederherstellungscodes"


class Gate(enum.Enum):
    OK = "ok"
    VERIFY = "verify"  # the user has 2FA, the session is not verified yet
    SETUP = "setup"  # the region requires 2FA, the user has no device yet


def has_two_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def region_requires_two_factor(region) -> bool:
    if region is None:
        return False
    return SecurityPolicy.objects.filter(region=region, require_two_factor=True).exists()


def gate(request) -> Gate:
    """What the (session) user of this request still has to do; cached on the request."""
    cached = getattr(request, "_two_factor_gate", None)
    if cached is not None:
        return cached
    user = request.user
    result = Gate.OK
    if user.is_authenticated and not (hasattr(user, "is_verified") and user.is_verified()):
        state = account_state(request)
        if state.has_two_factor:
            result = Gate.VERIFY
        elif state.region_requires_two_factor and _is_staff_member(request):
            # The region's policy is for its staff; members of the public with an account
            # (self-registered, no role here) are not asked to set up 2FA.
            result = Gate.SETUP
    request._two_factor_gate = result
    return result


def _is_staff_member(request) -> bool:
    return request_access(request).is_staff_member


def verify_code(user, code: str):
    """The confirmed device of `user` that accepts `code` (TOTP or a recovery code), or None.

    Every device throttles its own failures (django-otp); a recovery code is deleted when used.
    The devices are locked while checking, so that two requests at the same moment cannot both
    spend one TOTP code or recovery code (django-otp reads, then writes).
    """
    code = "".join((code or "").split()).lower()
    if not code or len(code) > 16:
        return None
    with transaction.atomic():
        for model in (TOTPDevice, StaticDevice):
            devices = model.objects.select_for_update().filter(user=user, confirmed=True)
            for device in devices.order_by("pk"):
                if device.verify_token(code):
                    return device
    return None


def remaining_recovery_codes(user) -> int:
    device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    return device.token_set.count() if device else 0


def secret_text(device: TOTPDevice) -> str:
    """The key as base32 text in groups of four, for typing into an app by hand."""
    key = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// URL as an inline SVG QR code (made locally, no external service)."""
    # No fixed size, only a viewBox: the stylesheet scales it to fit narrow screens.
    return segno.make(device.config_url, error="m").svg_inline(
        scale=4, light="#fff", svgclass="totp-qr", lineclass=None, omitsize=True
    )
