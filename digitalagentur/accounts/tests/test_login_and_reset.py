"""The login page's German messages and Django's password reset flow (German pages, mails)."""

from __future__ import annotations

import re

from django.core import mail
from django.urls import reverse

from digitalagentur.core import testing as t
from digitalagentur.core.testing import TEST_PASSWORD

WRONG = "Benutzername oder Passwort ist falsch. Bitte prüfen Sie Ihre Eingabe"


def reset_link(body: str) -> str:
    match = re.search(r"https?://[^/\s]+(/passwort-neu/[^\s]+/)", body)
    assert match, body
    return match.group(1)


def test_wrong_password_gives_the_german_message(client, users):
    response = client.post(reverse("login"), {"username": "koord-a", "password": "falsch"})
    content = response.content.decode()
    assert response.status_code == 200
    assert WRONG in content
    assert "nach fünf Fehlversuchen wird die Anmeldung für 15 Minuten gesperrt" in content
    assert "Please enter a correct" not in content


def test_login_page_links_to_password_reset(client, region):
    content = client.get(reverse("login")).content.decode()
    assert f'href="{reverse("password_reset")}"' in content
    assert "Passwort vergessen?" in content
    assert reverse("password_reset") == "/passwort-vergessen/"


def test_reset_mail_goes_through_smtp_and_the_link_works_once(
    client, users, smtp_server, django_capture_on_commit_callbacks
):
    user = users["reader"]
    user.email = "leser@example.org"
    user.save()
    with django_capture_on_commit_callbacks(execute=True):  # the mail leaves after the commit
        response = client.post(reverse("password_reset"), {"email": "leser@example.org"})
    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert "Wenn zu dieser Adresse ein Konto gehört" in client.get(response.url).content.decode()

    assert len(smtp_server) == 1
    message = smtp_server[0]
    assert message["X-Envelope-To"] == "leser@example.org"
    # (Python folds the long encoded header; the folding white space is not part of it)
    assert message["Subject"].strip().startswith("Neues Passwort für die Digitalagentur")
    body = message.get_content()
    assert "Guten Tag reader-a" in body and "gilt 24 Stunden und nur einmal" in body

    link = reset_link(body)
    page = client.get(link, follow=True)
    assert "Neues Passwort festlegen" in page.content.decode()
    form_url = page.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "Neu-und-lang-2026!", "new_password2": "Neu-und-lang-2026!"}
    )
    assert response.status_code == 302
    assert response.url == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password("Neu-und-lang-2026!")

    # The same link a second time: German "invalid" page, the password stays.
    again = client.get(link, follow=True).content.decode()
    assert "Link ungültig" in again and "bereits benutzt, ist abgelaufen" in again


def test_unknown_address_gets_the_same_answer_and_no_mail(
    client, users, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "niemand@example.org"})
    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert mail.outbox == []


def test_bad_address_is_a_german_form_error(client, region):
    response = client.post(reverse("password_reset"), {"email": "kein-at-zeichen"})
    assert response.status_code == 200
    assert "Bitte geben Sie eine gültige E-Mail-Adresse ein." in response.content.decode()


def test_expired_or_forged_token_shows_the_german_page(
    client, users, settings, django_capture_on_commit_callbacks
):
    user = users["reader"]
    user.email = "leser@example.org"
    user.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": "leser@example.org"})
    link = reset_link(mail.outbox[0].body)
    settings.PASSWORD_RESET_TIMEOUT = -1  # every token is now expired
    content = client.get(link, follow=True).content.decode()
    assert "Link ungültig" in content
    forged = link.rsplit("/", 2)[0] + "/abc-123/"
    assert "Link ungültig" in client.get(forged, follow=True).content.decode()


def test_reset_form_gives_no_hint_for_inactive_accounts(
    client, region, django_capture_on_commit_callbacks
):
    t.make_user("weg", email="weg@example.org", is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "weg@example.org"})
    assert response.url == reverse("password_reset_done")
    assert mail.outbox == []


def test_correct_password_without_2fa_logs_in_at_once(client, users):
    response = client.post(reverse("login"), {"username": "koord-a", "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("staff:dashboard")
    assert client.get(reverse("staff:dashboard")).status_code == 200


def test_a_password_reset_lifts_the_lock_out(client, users, django_capture_on_commit_callbacks):
    user = users["reader"]
    user.email = "leser@example.org"
    user.save()
    for _attempt in range(5):
        client.post(reverse("login"), {"username": "reader-a", "password": "falsch"})
    locked = client.post(reverse("login"), {"username": "reader-a", "password": TEST_PASSWORD})
    assert locked.status_code == 429

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": "leser@example.org"})
    form_url = client.get(reset_link(mail.outbox[0].body), follow=True).redirect_chain[-1][0]
    new = "Neu-und-lang-2026!"
    client.post(form_url, {"new_password1": new, "new_password2": new})

    response = client.post(reverse("login"), {"username": "reader-a", "password": new})
    assert response.status_code == 302
