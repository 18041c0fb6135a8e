"""The login backend: Django's ModelBackend, with what every signed-in request checks."""

from __future__ import annotations

import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.db import connections, router
from django_otp.plugins.otp_totp.models import TOTPDevice

from digitalagentur.core import rawmodels

from .models import AccountSecurity


class AccountBackend(ModelBackend):
    """Loads a session's user together with its session generation and whether it has a
    confirmed second factor (accounts/state.py), in the one query that loads the user.

    The query is written once per database (core/rawmodels.py): every signed-in request
    runs it, and building it with the ORM cost more than running it."""

    def get_user(self, user_id):
        model = get_user_model()
        try:
            pk = model._meta.pk.to_python(user_id)
        except ValidationError:  # a session holding something else than an id: no user
            return None
        alias = router.db_for_read(model)
        with connections[alias].cursor() as cursor:
            cursor.execute(_statement(model, alias), [True, pk])
            row = cursor.fetchone()
        if row is None:
            return None
        user = rawmodels.instance(model, alias, row)
        user.account_session_generation = int(row[-2] or 0)
        user.account_has_two_factor = bool(row[-1])
        return user if self.user_can_authenticate(user) else None


@functools.cache
def _statement(model, alias: str) -> str:
    quote = connections[alias].ops.quote_name
    users = rawmodels.columns(model, alias)
    user_pk = f"{users.table}.{quote(model._meta.pk.column)}"

    def column(other, name):
        return quote(other._meta.get_field(name).column)

    security, devices = AccountSecurity, TOTPDevice
    generation = (
        f"SELECT {column(security, 'session_generation')} FROM {quote(security._meta.db_table)}"  # noqa: S608  # nosec B608
        f" WHERE {column(security, 'user')} = {user_pk}"
    )
    two_factor = (
        f"SELECT 1 FROM {quote(devices._meta.db_table)}"  # noqa: S608  # nosec B608
        f" WHERE {column(devices, 'user')} = {user_pk} AND {column(devices, 'confirmed')} = %s"
    )
    # Names from the models, values as parameters.
    return (
        f"SELECT {users.select}, COALESCE(({generation}), 0), EXISTS ({two_factor})"  # noqa: S608  # nosec B608
        f" FROM {users.table} WHERE {user_pk} = %s"
    )
