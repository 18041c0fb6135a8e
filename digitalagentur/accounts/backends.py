"""The login backend: Django's ModelBackend, with what every signed-in request checks."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import AccountSecurity


class AccountBackend(ModelBackend):
    """Loads a session's user together with its session generation and whether it has a
    confirmed second factor (accounts/state.py), in the one query that loads the user."""

    def get_user(self, user_id):
        generation = AccountSecurity.objects.filter(user=OuterRef("pk")).values(
            "session_generation"
        )
        users = get_user_model()._default_manager.annotate(
            account_session_generation=Coalesce(Subquery(generation[:1]), 0),
            account_has_two_factor=Exists(
                TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
            ),
        )
        user = users.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
