"""Profile page: own password and e-mail (confirmed); idle expiry and logging out everywhere."""

from __future__ import annotations

import re
import time

from django.core import mail
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from digitalagentur.accounts import sessions
from digitalagentur.accounts.services import email_change_token
from digitalagentur.core.testing import TEST_PASSWORD

NEW_PASSWORD = "Ganz-neues-Passwort-77"


def test_profile_page_is_german_and_linked_in_the_staff_navigation(client, users):
    client.force_login(users["reader"])
    content = client.get(reverse("staff:dashboard")).content.decode()
    assert f'href="{reverse("accounts:profile")}"' in content and "Mein Konto" in content
    page = client.get(reverse("accounts:profile"))
    content = page.content.decode()
    assert page.status_code == 200
    assert "<h1>Mein Konto</h1>" in content
    assert "Status: ausgeschaltet." in content and "Überall abmelden" in content
    assert "Nach 60 Minuten ohne Aktivität" in content
    assert "csrfmiddlewaretoken" in content


def test_profile_needs_login(client, region):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_password_change_keeps_this_session_and_ends_others(client, users):
    user = users["reader"]
    other = Client()
    other.force_login(user)
    client.force_login(user)
    bad = client.post(
        reverse("accounts:password_change"),
        {"old_password": "falsch", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert bad.status_code == 200
    assert "Das alte Passwort war falsch." in bad.content.decode()
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": TEST_PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response.url == reverse("accounts:profile")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client.get(reverse("staff:dashboard")).status_code == 200
    assert other.get(reverse("staff:dashboard")).status_code == 302


def _request_change(client, django_capture_on_commit_callbacks, email="neu@example.org"):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(
            reverse("accounts:email_change"), {"email": email, "password": TEST_PASSWORD}
        )


def _link(message) -> str:
    return re.search(r"https?://[^/\s]+(/konto/e-mail/bestaetigen/\S+/)", message.body).group(1)


def test_email_changes_only_after_the_link_and_notifies_the_old_address(
    client, users, django_capture_on_commit_callbacks
):
    user = users["reader"]
    user.email = "alt@example.org"
    user.save()
    client.force_login(user)
    wrong = client.post(
        reverse("accounts:email_change"), {"email": "neu@example.org", "password": "falsch"}
    )
    assert wrong.status_code == 400 and "Das Passwort ist nicht richtig." in wrong.content.decode()
    assert mail.outbox == []

    response = _request_change(client, django_capture_on_commit_callbacks)
    assert response.url == reverse("accounts:profile")
    user.refresh_from_db()
    assert user.email == "alt@example.org"  # not yet
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["neu@example.org"]
    assert message.subject == "Bitte bestätigen Sie Ihre neue E-Mail-Adresse"
    link = _link(message)

    page = client.get(link)
    assert page.status_code == 200 and "neu@example.org" in page.content.decode()
    user.refresh_from_db()
    assert user.email == "alt@example.org"  # a GET changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(link)
    assert done.url == reverse("accounts:profile")
    user.refresh_from_db()
    assert user.email == "neu@example.org"
    notice = mail.outbox[1]
    assert notice.to == ["alt@example.org"]
    assert notice.subject == "Ihre E-Mail-Adresse wurde geändert"
    assert "neu@example.org" in notice.body

    # Single use: the link does not work a second time.
    again = client.post(link)
    assert again.status_code == 400 and "Link ungültig" in again.content.decode()


def test_an_email_link_works_once_even_after_changing_back(
    client, users, django_capture_on_commit_callbacks
):
    """A → B, then B → A: the first link (A → B) must not work again."""
    user = users["reader"]
    user.email = "alt@example.org"
    user.save()
    client.force_login(user)
    _request_change(client, django_capture_on_commit_callbacks, "neu@example.org")
    first = _link(mail.outbox[-1])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(first)
    _request_change(client, django_capture_on_commit_callbacks, "alt@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_link(mail.outbox[-1]))
    user.refresh_from_db()
    assert user.email == "alt@example.org"

    again = client.post(first)
    assert again.status_code == 400 and "Link ungültig" in again.content.decode()
    user.refresh_from_db()
    assert user.email == "alt@example.org"


def test_email_link_of_another_user_or_expired_is_refused(
    client, users, settings, django_capture_on_commit_callbacks
):
    owner, intruder = users["reader"], users["officer"]
    owner.email = "alt@example.org"
    owner.save()
    client.force_login(owner)
    _request_change(client, django_capture_on_commit_callbacks)
    link = _link(mail.outbox[0])

    client.force_login(intruder)
    response = client.post(link)
    assert response.status_code == 400
    intruder.refresh_from_db()
    owner.refresh_from_db()
    assert intruder.email == "" and owner.email == "alt@example.org"

    client.logout()
    assert client.get(link).url.startswith(reverse("login"))  # anonymous: log in first

    client.force_login(owner)
    settings.DIGITALAGENTUR_EMAIL_CHANGE_HOURS = 0
    time.sleep(1.1)
    expired = client.post(link)
    assert expired.status_code == 400 and "abgelaufen" in expired.content.decode()
    owner.refresh_from_db()
    assert owner.email == "alt@example.org"
    forged = email_change_token(owner, "x@example.org")[:-3] + "abc"
    assert client.get(reverse("accounts:email_confirm", args=[forged])).status_code == 400


def test_sessions_expire_after_the_idle_time(client, users, settings):
    settings.DIGITALAGENTUR_SESSION_IDLE_MINUTES = 30
    client.force_login(users["reader"])
    assert client.get(reverse("staff:dashboard")).status_code == 200
    session = client.session
    session[sessions.LAST_SEEN_KEY] = int(time.time()) - 29 * 60
    session.save()
    assert client.get(reverse("staff:dashboard")).status_code == 200  # still active, renewed
    assert client.session[sessions.LAST_SEEN_KEY] > time.time() - 60
    session = client.session
    session[sessions.LAST_SEEN_KEY] = int(time.time()) - 31 * 60
    session.save()
    response = client.get(reverse("staff:dashboard"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert "_auth_user_id" not in client.session


def test_logout_everywhere_ends_sessions_on_other_devices(client, users):
    user = users["coordinator"]
    laptop, phone = Client(), Client()
    laptop.force_login(user)
    phone.force_login(user)
    token = Token.objects.create(user=user)
    assert phone.get(reverse("staff:dashboard")).status_code == 200
    response = laptop.post(reverse("accounts:logout_everywhere"))
    assert response.url == reverse("login")
    assert phone.get(reverse("staff:dashboard")).status_code == 302
    assert laptop.get(reverse("staff:dashboard")).status_code == 302
    assert Token.objects.filter(pk=token.pk).exists()  # the API token stays unless asked
    # A new login works normally.
    client.force_login(user)
    assert client.get(reverse("staff:dashboard")).status_code == 200
    client.post(reverse("accounts:logout_everywhere"), {"delete_token": "on"})
    assert not Token.objects.filter(user=user).exists()


def test_logout_everywhere_also_ends_api_session_access(client, users, region, town):
    from digitalagentur.core import testing as t

    project = t.make_project(region, "Projekt", towns=[town])
    url = f"/api/v1/projects/{project.pk}/"
    api = Client()
    api.force_login(users["coordinator"])
    assert api.patch(url, {"progress": 5, "version": 1}, "application/json").status_code == 200
    client.force_login(users["coordinator"])
    client.post(reverse("accounts:logout_everywhere"))
    denied = api.patch(url, {"progress": 6, "version": 2}, "application/json")
    assert denied.status_code in (401, 403)
