"""Fixtures of the accounts tests: TOTP codes computed like an authenticator app."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from digitalagentur.accounts import services
from digitalagentur.core.testing import TEST_PASSWORD


def totp_code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows now (or `steps_ahead` periods later)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def password_login(client, user, **extra):
    return client.post(
        reverse("login"), {"username": user.get_username(), "password": TEST_PASSWORD, **extra}
    )


@pytest.fixture
def no_throttle(settings):
    """django-otp slows down repeated failures per device; off where a test retries at once."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


@pytest.fixture
def otp_user(users):
    """The coordinator with an active TOTP device and recovery codes (`.codes`)."""
    user = users["coordinator"]
    device = services.pending_totp_device(user)
    device.confirmed = True
    device.save()
    user.codes = services.regenerate_recovery_codes(user)
    user.device = device
    return user
