"""Two-factor authentication: setup, login with TOTP or recovery code, lock-out, region policy."""

from __future__ import annotations

import re

from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from digitalagentur.accounts.models import SecurityPolicy
from digitalagentur.accounts.services import set_two_factor_policy
from digitalagentur.core import testing as t
from digitalagentur.core.models import ObjectChange
from digitalagentur.core.testing import TEST_PASSWORD

from .conftest import password_login, totp_code


def test_setup_shows_qr_and_key_and_needs_a_correct_code(client, users, no_throttle):
    user = users["officer"]
    client.force_login(user)
    page = client.get(reverse("accounts:two_factor_setup"))
    content = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in content and 'class="totp-qr"' in content
    assert "<script" not in content.split("<main", 1)[1] and 'style="' not in content
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    key = re.search(r'<code class="totp-secret">([A-Z2-7 ]+)</code>', content).group(1)
    assert len(key.replace(" ", "")) == 32
    assert "otpauth://" in device.config_url and "Digitalagentur" in device.config_url

    wrong = client.post(reverse("accounts:two_factor_setup"), {"code": "000000"})
    assert wrong.status_code == 400
    assert "Der Code stimmt nicht" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()

    done = client.post(reverse("accounts:two_factor_setup"), {"code": totp_code(device)})
    content = done.content.decode()
    assert done.status_code == 200
    assert "no-store" in done["Cache-Control"]
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", content)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert StaticToken.objects.filter(device__user=user).count() == 10
    # This session is verified at once: the staff area stays open.
    assert client.get(reverse("staff:dashboard")).status_code == 200
    # Shown once: the setup page now refers to the profile, which shows no codes.
    assert client.get(reverse("accounts:two_factor_setup")).url == reverse("accounts:profile")
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert "Status: eingeschaltet." in profile and codes[0] not in profile


def test_login_with_totp_after_the_password(client, otp_user, no_throttle):
    target = reverse("staff:project_list")
    response = password_login(client, otp_user, next=target)
    assert response.status_code == 302 and response.url == reverse("login_code")
    assert "_auth_user_id" not in client.session  # not logged in after the password alone
    assert client.get(reverse("staff:dashboard")).status_code == 302

    page = client.get(reverse("login_code")).content.decode()
    assert 'autocomplete="one-time-code"' in page and "zweiter Schritt" in page
    wrong = client.post(reverse("login_code"), {"code": "123456"})
    assert wrong.status_code == 200
    assert "Der Code ist falsch oder abgelaufen" in wrong.content.decode()
    assert "_auth_user_id" not in client.session

    response = client.post(reverse("login_code"), {"code": totp_code(otp_user.device)})
    assert response.status_code == 302 and response.url == target
    assert client.session["_auth_user_id"] == str(otp_user.pk)
    assert client.get(reverse("staff:dashboard")).status_code == 200


def test_logging_in_as_another_user_checks_that_users_code(client, users, otp_user, no_throttle):
    client.force_login(users["reader"])
    response = password_login(client, otp_user)
    assert response.url == reverse("login_code")
    assert "_auth_user_id" not in client.session  # the reader is logged out

    response = client.post(reverse("login_code"), {"code": totp_code(otp_user.device)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(otp_user.pk)


def test_the_admin_login_goes_through_the_two_step_login(client, otp_user, no_throttle):
    """The admin site's own login would log in without the code and reset the lock-out."""
    otp_user.is_staff = True
    otp_user.save()
    page = client.get(reverse("admin:login") + "?next=/admin/")
    assert page.status_code == 302 and page.url == reverse("login") + "?next=/admin/"
    posted = client.post(
        reverse("admin:login"), {"username": otp_user.get_username(), "password": TEST_PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert posted.status_code == 302 and posted.url.startswith(reverse("login"))


def test_code_step_without_password_step_goes_back_to_login(client, otp_user):
    response = client.post(reverse("login_code"), {"code": totp_code(otp_user.device)})
    assert response.status_code == 302 and response.url == reverse("login")
    assert "_auth_user_id" not in client.session


def test_a_used_totp_code_is_not_accepted_again(client, otp_user, no_throttle):
    code = totp_code(otp_user.device)
    password_login(client, otp_user)
    assert client.post(reverse("login_code"), {"code": code}).status_code == 302
    client.logout()
    password_login(client, otp_user)
    assert client.post(reverse("login_code"), {"code": code}).status_code == 200
    assert "_auth_user_id" not in client.session


def test_recovery_code_works_once(client, otp_user, no_throttle):
    code = otp_user.codes[0]
    password_login(client, otp_user)
    response = client.post(reverse("login_code"), {"code": code.upper()}, follow=True)
    assert response.status_code == 200
    assert "noch übrig" in response.content.decode() and "9 Codes" in response.content.decode()
    assert client.session["_auth_user_id"] == str(otp_user.pk)
    client.logout()
    password_login(client, otp_user)
    again = client.post(reverse("login_code"), {"code": code})
    assert again.status_code == 200 and "_auth_user_id" not in client.session


def test_wrong_codes_lock_the_login_like_wrong_passwords(client, otp_user, no_throttle):
    password_login(client, otp_user)
    for _ in range(4):
        assert client.post(reverse("login_code"), {"code": "000000"}).status_code == 200
    assert client.post(reverse("login_code"), {"code": "000000"}).status_code == 429
    # Even the right password and code are refused now (django-axes, 15 minutes).
    locked = password_login(client, otp_user)
    assert locked.status_code == 429
    assert "vorübergehend gesperrt" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_totp_device_throttles_fast_guessing(client, otp_user):
    password_login(client, otp_user)
    client.post(reverse("login_code"), {"code": "000000"})
    # Right after a failure even the right code waits (django-otp's per-device throttle).
    client.post(reverse("login_code"), {"code": totp_code(otp_user.device)})
    assert "_auth_user_id" not in client.session


def test_regenerate_and_disable_need_the_password(client, otp_user, no_throttle):
    password_login(client, otp_user)
    client.post(reverse("login_code"), {"code": totp_code(otp_user.device)})
    bad = client.post(reverse("accounts:recovery_codes"), {"password": "falsch"})
    assert bad.status_code == 400 and "Das Passwort ist nicht richtig." in bad.content.decode()
    new = client.post(reverse("accounts:recovery_codes"), {"password": TEST_PASSWORD})
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", new.content.decode())
    assert len(codes) == 10
    tokens = set(StaticToken.objects.filter(device__user=otp_user).values_list("token", flat=True))
    assert tokens == set(codes) and not tokens & set(otp_user.codes)

    assert client.post(reverse("accounts:two_factor_disable"), {"password": "x"}).status_code == 400
    assert TOTPDevice.objects.filter(user=otp_user).exists()
    response = client.post(reverse("accounts:two_factor_disable"), {"password": TEST_PASSWORD})
    assert response.url == reverse("accounts:profile")
    assert not TOTPDevice.objects.filter(user=otp_user).exists()
    assert not StaticToken.objects.filter(device__user=otp_user).exists()


def test_a_session_from_before_the_setup_must_verify(client, otp_user, no_throttle):
    # Logged in with the password only (e.g. before 2FA was set up on another device).
    client.force_login(otp_user)
    response = client.get(reverse("staff:project_list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login_code"))
    assert client.get(reverse("accounts:profile")).status_code == 302
    follow = client.post(
        reverse("login_code"),
        {"code": totp_code(otp_user.device), "next": reverse("staff:project_list")},
    )
    assert follow.url == reverse("staff:project_list")
    assert client.get(reverse("staff:project_list")).status_code == 200


def test_region_policy_sends_users_without_device_to_setup(client, users, region):
    set_two_factor_policy(region, True, user=users["admin"])
    response = password_login(client, users["reader"])
    assert response.status_code == 302  # the password still logs in ...
    page = client.get(reverse("staff:dashboard"))
    assert page.status_code == 302  # ... but the staff area asks for the setup first
    assert page.url == reverse("accounts:two_factor_setup")
    assert client.get(reverse("staff:project_list")).url == reverse("accounts:two_factor_setup")
    assert client.get(reverse("accounts:two_factor_setup")).status_code == 200


def test_region_policy_applies_to_api_session_access(client, users, region, town, no_throttle):
    project = t.make_project(region, "Projekt", towns=[town])
    url = f"/api/v1/projects/{project.pk}/"
    client.force_login(users["coordinator"])
    first = client.patch(url, {"progress": 10, "version": 1}, content_type="application/json")
    assert first.status_code == 200
    set_two_factor_policy(region, True, user=users["admin"])
    denied = client.patch(url, {"progress": 20, "version": 2}, content_type="application/json")
    assert denied.status_code in (401, 403)
    project.refresh_from_db()
    assert project.progress == 10
    # After setting up 2FA in this session, the API accepts the session again.
    device = TOTPDevice.objects.get(pk=_setup(client, users["coordinator"]))
    assert device.confirmed
    ok = client.patch(url, {"progress": 30, "version": 2}, content_type="application/json")
    assert ok.status_code == 200


def _setup(client, user) -> int:
    client.get(reverse("accounts:two_factor_setup"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    client.post(reverse("accounts:two_factor_setup"), {"code": totp_code(device)})
    return device.pk


def test_region_without_policy_logs_in_with_password_only(client, users, region):
    assert not SecurityPolicy.objects.filter(region=region, require_two_factor=True).exists()
    password_login(client, users["coordinator"])
    assert client.get(reverse("staff:dashboard")).status_code == 200


def test_only_region_admins_switch_the_policy_and_it_is_logged(client, users, region):
    client.force_login(users["coordinator"])
    assert "region-sicherheit" not in client.get(reverse("accounts:profile")).content.decode()
    forbidden = client.post(reverse("accounts:policy"), {"require_two_factor": "on"})
    assert forbidden.status_code == 403
    assert not SecurityPolicy.objects.filter(region=region, require_two_factor=True).exists()

    client.force_login(users["admin"])
    assert 'id="region-sicherheit"' in client.get(reverse("accounts:profile")).content.decode()
    response = client.post(reverse("accounts:policy"), {"require_two_factor": "on"})
    assert response.url == reverse("accounts:profile")
    assert SecurityPolicy.objects.get(region=region).require_two_factor
    change = ObjectChange.objects.filter(region=region, object_repr__contains="Sicherheit").get()
    assert change.changes["require_two_factor"]["after"] is True
    assert change.user == users["admin"]
    # The admin now has to set up 2FA too before using the staff area.
    assert client.get(reverse("staff:dashboard")).url == reverse("accounts:two_factor_setup")


def test_the_admin_site_also_needs_the_second_factor(client, otp_user):
    otp_user.is_staff = otp_user.is_superuser = True
    otp_user.save()
    client.force_login(otp_user)  # password only: not verified
    response = client.get("/admin/")
    assert response.status_code == 302 and response.url.startswith(reverse("login_code"))
