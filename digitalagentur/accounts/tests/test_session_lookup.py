"""The session and its user are read with statements written once (session_store.py,
backends.py): they must give exactly what Django's own lookups give."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from digitalagentur.accounts.backends import AccountBackend
from digitalagentur.accounts.models import AccountSecurity

pytestmark = pytest.mark.django_db


def test_a_signed_in_request_reads_its_session_and_user_once_each(client, users):
    client.force_login(users["reader"])
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("staff:dashboard"))
    assert response.status_code == 200
    assert response.wsgi_request.user == users["reader"]
    sql = [q["sql"] for q in captured]
    assert sum(Session._meta.db_table in q and q.lstrip().startswith("SELECT") for q in sql) == 1
    user_table = get_user_model()._meta.db_table
    assert (
        sum(
            q.lstrip().startswith("SELECT") and f"FROM {connection.ops.quote_name(user_table)}" in q
            for q in sql
        )
        >= 1
    )


def test_an_expired_or_deleted_session_is_signed_out(client, users):
    client.force_login(users["reader"])
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get(reverse("staff:dashboard"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))

    client.force_login(users["reader"])
    Session.objects.filter(session_key=client.session.session_key).delete()
    response = client.get(reverse("staff:dashboard"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_session_of_a_deactivated_user_is_signed_out(client, users):
    user = users["reader"]
    client.force_login(user)
    assert client.get(reverse("staff:dashboard")).status_code == 200
    get_user_model().objects.filter(pk=user.pk).update(is_active=False)
    assert client.get(reverse("staff:dashboard")).status_code == 302


def test_the_user_is_loaded_as_the_orm_loads_it_with_its_security_state(users):
    user = users["coordinator"]
    user.last_login = timezone.now()
    user.save()
    backend = AccountBackend()

    loaded = backend.get_user(user.pk)
    stored = get_user_model().objects.get(pk=user.pk)
    for field in get_user_model()._meta.concrete_fields:
        assert getattr(loaded, field.attname) == getattr(stored, field.attname), field.name
    assert loaded._state.adding is False and loaded._state.db == "default"
    assert (loaded.account_session_generation, loaded.account_has_two_factor) == (0, False)

    AccountSecurity.objects.update_or_create(user=user, defaults={"session_generation": 7})
    TOTPDevice.objects.create(user=user, name="Telefon", confirmed=False)
    loaded = backend.get_user(user.pk)
    assert (loaded.account_session_generation, loaded.account_has_two_factor) == (7, False)

    TOTPDevice.objects.create(user=user, name="Telefon 2", confirmed=True)
    assert backend.get_user(user.pk).account_has_two_factor is True
    # Somebody else's device or generation never counts.
    other = users["reader"]
    assert backend.get_user(other.pk).account_has_two_factor is False
    assert backend.get_user(other.pk).account_session_generation == 0
    assert backend.get_user(10**9) is None
