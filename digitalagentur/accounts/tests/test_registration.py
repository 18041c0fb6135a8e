"""Self-registration with e-mail confirmation: the flow, unknown vs. known addresses, bad input,
expired and superseded links, the password needed to confirm (and the account takeover it
prevents), spam checks, the retention of unconfirmed accounts, no staff access."""

from __future__ import annotations

import datetime
import re
import time
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from digitalagentur.accounts import registration
from digitalagentur.accounts.models import Registration, RegistrationAttempt
from digitalagentur.core import testing as t
from digitalagentur.legal import spam

User = get_user_model()
PASSWORD = "Landraum-Buchung-2024"  # noqa: S105 (test-only)
ATTACKER_PASSWORD = "Fremdes-Passwort-2024"  # noqa: S105 (test-only)
LINK = re.compile(r"https?://[^/\s]+(/konto/registrieren/bestaetigen/[^/\s]+/)")


def form_data(**overrides):
    data = {
        "name": "Pendlerin Paula",
        "email": "Paula@Example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "privacy": "on",
        "homepage": "",
        "timestamp": spam.issue_token(now=time.time() - 60),
    }
    data.update(overrides)
    return data


def register(client, capture, **overrides):
    with capture(execute=True):
        return client.post(reverse("accounts:register"), form_data(**overrides))


def confirm_path(message) -> str:
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(1)


def confirm(client, path, password=PASSWORD, **extra):
    return client.post(path, {"password": password}, **extra)


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def test_register_confirm_by_post_only_then_log_in(client, region, capture):
    page = client.get(reverse("accounts:register"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'href="/datenschutz/"' in html and "Konto anlegen" in html

    response = register(client, capture)
    assert response.status_code == 302 and response.url == reverse("accounts:register_sent")
    user = User.objects.get(email__iexact="paula@example.org")
    assert not user.is_active
    assert user.username == "paula@example.org" and user.first_name == "Pendlerin Paula"
    assert user.check_password(PASSWORD)
    assert user.registration.confirmed is None and user.registration.consented is not None
    sent = client.get(response.url)
    assert "Paula@Example.org" in sent.content.decode()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Paula@example.org"]
    assert message.subject == "Bitte bestätigen Sie Ihr Konto bei der Digitalagentur"
    assert "paula@example.org" in message.body  # the username to log in with
    path = confirm_path(message)

    # Not active yet: the login fails.
    refused = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert refused.status_code == 200 and "_auth_user_id" not in client.session

    # A GET (a mail scanner, a preview) asks for the password and changes nothing.
    other_browser = client.__class__()
    for _ in range(2):
        shown = other_browser.get(path)
        html = shown.content.decode()
        assert shown.status_code == 200 and "Konto bestätigen" in html
        assert "das Passwort ein, das Sie bei der Registrierung gewählt haben" in html
        assert 'name="password"' in html
    user.refresh_from_db()
    assert not user.is_active and user.registration.confirmed is None

    # The POST with the password activates in any browser and logs that browser in.
    done = confirm(other_browser, path, follow=True)
    assert done.redirect_chain == [(reverse("public:home"), 302)]
    assert "Ihr Konto ist bestätigt und Sie sind angemeldet" in done.content.decode()
    assert other_browser.session["_auth_user_id"] == str(user.pk)
    assert "_auth_user_id" not in client.session  # the registering browser is not
    user.refresh_from_db()
    assert user.is_active and user.registration.confirmed is not None
    assert user.check_password(PASSWORD)

    # Confirming again is harmless, with any password, and logs nobody in.
    third = client.__class__()
    for password in (PASSWORD, "irgendwas"):
        again = confirm(third, path, password)
        assert again.status_code == 200 and "schon bestätigt" in again.content.decode()
        assert "_auth_user_id" not in third.session
    assert User.objects.filter(email__iexact="paula@example.org").count() == 1

    # Logging in works; without a `next` a member of the public lands on the public site.
    logged_in = third.post(
        reverse("login"), {"username": "paula@example.org", "password": PASSWORD}
    )
    assert logged_in.status_code == 302 and logged_in.url == reverse("public:home")
    assert third.session["_auth_user_id"] == str(user.pk)


def test_confirming_logs_in_and_returns_to_next(client, region, capture):
    form = client.get(reverse("accounts:register") + "?next=/landraeume/")
    assert 'value="/landraeume/"' in form.content.decode()
    register(client, capture, next="/landraeume/")
    path = confirm_path(mail.outbox[0])
    response = confirm(client, path)
    assert response.status_code == 302 and response.url == "/landraeume/"
    user = User.objects.get(username="paula@example.org")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_next_to_another_site_is_dropped(client, region, capture):
    register(client, capture, next="https://evil.example.com/")
    response = confirm(client, confirm_path(mail.outbox[0]))
    assert response.url == reverse("public:home")


def test_wrong_or_missing_password_activates_nothing(client, region, capture):
    register(client, capture)
    path = confirm_path(mail.outbox[0])
    other_browser = client.__class__()

    wrong = confirm(other_browser, path, "Falsches-Passwort-1")
    assert wrong.status_code == 400
    html = wrong.content.decode()
    assert "Das Passwort ist nicht richtig" in html
    assert "Falsches-Passwort-1" not in html  # never sent back
    missing = confirm(other_browser, path, "")
    assert missing.status_code == 400
    assert "Bitte geben Sie Ihr Passwort ein." in missing.content.decode()
    no_field = other_browser.post(path)
    assert no_field.status_code == 400

    user = User.objects.get(username="paula@example.org")
    assert not user.is_active and user.registration.confirmed is None
    assert user.check_password(PASSWORD) and user.first_name == "Pendlerin Paula"
    assert "_auth_user_id" not in other_browser.session
    # Only the wrong password was counted (an empty form is no guess).
    assert RegistrationAttempt.objects.filter(email_key__startswith="confirm:").count() == 1

    # The right password still works afterwards.
    assert confirm(other_browser, path).status_code == 302
    user.refresh_from_db()
    assert user.is_active


def test_wrong_passwords_are_limited_per_link(client, region, capture, monkeypatch):
    monkeypatch.setattr(registration, "CONFIRM_FAILURES_PER_LINK", 3)
    register(client, capture)
    path = confirm_path(mail.outbox[0])
    for number in range(3):
        # Each guess from another client network.
        guess = confirm(client, path, f"Rate-{number}-xyz", REMOTE_ADDR=f"198.51.100.{number}")
        assert guess.status_code == 400
    blocked = confirm(client, path, REMOTE_ADDR="198.51.100.99")  # even the right one
    assert blocked.status_code == 429
    assert "zu oft ein falsches Passwort" in blocked.content.decode()
    user = User.objects.get(username="paula@example.org")
    assert not user.is_active and "_auth_user_id" not in client.session

    # Registering again mails a new link, which has its own count.
    register(client, capture)
    assert confirm(client, confirm_path(mail.outbox[1])).status_code == 302
    user.refresh_from_db()
    assert user.is_active


def test_wrong_passwords_are_limited_per_client_network(client, region, capture, monkeypatch):
    monkeypatch.setattr(registration, "CONFIRM_FAILURES_PER_ADDRESS", 2)
    for name in ("a", "b", "c"):
        register(client, capture, email=f"{name}@example.org")
    paths = [confirm_path(message) for message in mail.outbox]
    for path in paths[:2]:
        assert confirm(client, path, "Falsch-geraten-1").status_code == 400
    blocked = confirm(client, paths[2])
    assert blocked.status_code == 429
    assert "Von Ihrem Anschluss" in blocked.content.decode()
    assert not User.objects.filter(is_active=True, email__endswith="@example.org").exists()
    # Another network is not affected; the registration form's own limit neither.
    assert confirm(client, paths[2], REMOTE_ADDR="203.0.113.7").status_code == 302
    assert not registration.rate_limited(spam.sender_key("127.0.0.1"), "neu@example.org")


def test_known_address_answers_the_same_and_creates_nothing(client, region, capture):
    existing = t.make_user("paula", email="paula@example.org", first_name="Paula")
    count = User.objects.count()

    known = register(client, capture, email="PAULA@example.org")
    unknown = register(client.__class__(), capture, email="neu@example.org")
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url == reverse("accounts:register_sent")

    assert User.objects.count() == count + 1  # only the unknown address
    existing.refresh_from_db()
    assert existing.check_password(t.TEST_PASSWORD)  # unchanged
    assert existing.first_name == "Paula" and existing.is_active

    notice, link_mail = mail.outbox
    assert notice.to == ["paula@example.org"]
    assert notice.subject == "Sie haben bereits ein Konto bei der Digitalagentur"
    assert "es wurde kein zweites angelegt" in notice.body
    assert "Ihr Benutzername: paula" in notice.body
    reset = re.search(r"http://testserver(/passwort-neu/[^\s]+/)", notice.body)
    assert reset, notice.body
    # The reset link is a real one: Django accepts its token (redirect to the form).
    assert client.get(reset.group(1)).status_code == 302
    assert link_mail.to == ["neu@example.org"]
    assert not LINK.search(notice.body)


def register_as_attacker(capture):
    attacker = Client()
    register(
        attacker,
        capture,
        name="Eindringling",
        password1=ATTACKER_PASSWORD,
        password2=ATTACKER_PASSWORD,
    )
    return attacker


def test_attacker_registering_first_cannot_take_over_the_account(client, region, capture):
    attacker = register_as_attacker(capture)
    attacker_link = confirm_path(mail.outbox[0])

    # The owner registers afterwards: the latest registration wins.
    register(client, capture)
    assert len(mail.outbox) == 2 and mail.outbox[1].to == ["Paula@example.org"]
    user = User.objects.get(email__iexact="paula@example.org")
    assert user.first_name == "Pendlerin Paula" and user.check_password(PASSWORD)
    assert not user.check_password(ATTACKER_PASSWORD)

    # The attacker's older link is dead, whatever password comes with it.
    for password in (ATTACKER_PASSWORD, PASSWORD):
        stale = confirm(attacker, attacker_link, password)
        assert stale.status_code == 400 and "Link ungültig" in stale.content.decode()
    # The owner's link needs the owner's password; the attacker's does not fit it.
    owner_link = confirm_path(mail.outbox[1])
    assert confirm(client, owner_link, ATTACKER_PASSWORD).status_code == 400
    user.refresh_from_db()
    assert not user.is_active

    assert confirm(client, owner_link).status_code == 302
    user.refresh_from_db()
    assert user.is_active and user.check_password(PASSWORD)
    assert not user.check_password(ATTACKER_PASSWORD)
    assert client.session["_auth_user_id"] == str(user.pk)
    # The attacker has nothing: no session, no login with their password.
    assert "_auth_user_id" not in attacker.session
    refused = attacker.post(
        reverse("login"), {"username": "paula@example.org", "password": ATTACKER_PASSWORD}
    )
    assert refused.status_code == 200 and "_auth_user_id" not in attacker.session


def test_attacker_registering_after_the_owner_kills_the_older_link(client, region, capture):
    register(client, capture)
    owner_link = confirm_path(mail.outbox[0])
    attacker = register_as_attacker(capture)
    newest_link = confirm_path(mail.outbox[1])
    assert mail.outbox[1].to == ["Paula@example.org"]  # the link goes to the owner's mailbox

    stale = confirm(client, owner_link)
    assert stale.status_code == 400 and "Link ungültig" in stale.content.decode()
    # The owner clicks the newest (unexpected) link: without the attacker's password nothing
    # happens, so no account whose password the attacker knows is ever activated.
    assert confirm(client, newest_link).status_code == 400
    user = User.objects.get(email__iexact="paula@example.org")
    assert not user.is_active and user.registration.confirmed is None
    assert "_auth_user_id" not in client.session and "_auth_user_id" not in attacker.session

    # The owner simply registers again and confirms the newest link with their password.
    register(client, capture)
    assert confirm(client, newest_link, ATTACKER_PASSWORD).status_code == 400  # superseded
    assert confirm(client, confirm_path(mail.outbox[2])).status_code == 302
    user.refresh_from_db()
    assert user.is_active and user.check_password(PASSWORD)
    assert user.first_name == "Pendlerin Paula"


def test_registering_again_after_the_link_expired_replaces_the_pending_one(client, region, capture):
    register(client, capture)
    first = confirm_path(mail.outbox[0])
    Registration.objects.update(requested=F("requested") - registration.lifetime() * 2)
    register(
        client,
        capture,
        name="Paula P.",
        password1="Anderes-Pass-2024",
        password2="Anderes-Pass-2024",
    )
    second = confirm_path(mail.outbox[1])
    assert User.objects.filter(email__iexact="paula@example.org").count() == 1

    stale = confirm(client, first, "Anderes-Pass-2024")
    assert stale.status_code == 400 and "Link ungültig" in stale.content.decode()
    user = User.objects.get(username="paula@example.org")
    assert not user.is_active

    assert confirm(client, second, PASSWORD).status_code == 400  # the older password
    assert confirm(client, second, "Anderes-Pass-2024").status_code == 302
    user.refresh_from_db()
    assert user.is_active and user.first_name == "Paula P."
    assert user.check_password("Anderes-Pass-2024")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"password2": "Anders-1234567"}, "password2", "Die beiden Passwörter stimmen nicht"),
        ({"password1": "12345678", "password2": "12345678"}, "password1", "zu üblich"),
        ({"password1": "kurz1", "password2": "kurz1"}, "password1", "zu kurz"),
        ({"email": "kein-at-zeichen"}, "email", "gültige E-Mail-Adresse"),
        ({"privacy": ""}, "privacy", "stimmen Sie der Datenschutzerklärung zu"),
        ({"name": "   "}, "name", "Bitte geben Sie einen Namen an"),
    ],
)
def test_bad_input_german_errors_and_nothing_saved(
    client, region, capture, overrides, field, message
):
    response = register(client, capture, **overrides)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.context["form"].errors[field]
    assert PASSWORD not in response.content.decode()  # passwords are never sent back
    assert not User.objects.exists() and not RegistrationAttempt.objects.exists()
    assert mail.outbox == []


def test_password_like_the_address_is_refused(client, region, capture):
    response = register(
        client, capture, email="landraum@example.org", password1="landraum", password2="landraum"
    )
    assert response.status_code == 400
    assert "ähnlich" in response.content.decode()
    assert not User.objects.exists()


def test_expired_and_forged_links_show_a_german_page(client, region, capture):
    register(client, capture)
    path = confirm_path(mail.outbox[0])
    later = time.time() + (registration.lifetime().total_seconds() + 60)
    with mock.patch("django.core.signing.time.time", return_value=later):
        for response in (client.get(path), confirm(client, path)):
            assert response.status_code == 400
            html = response.content.decode()
            assert "Link ungültig" in html and "Er ist abgelaufen" in html
    assert not User.objects.get(username="paula@example.org").is_active

    forged = confirm(client, path[:-6] + "xxxxx/")
    assert forged.status_code == 400 and "Link ungültig" in forged.content.decode()


def test_spam_checks(client, region, capture, settings):
    honeypot = register(client, capture, homepage="http://spam.example")
    assert honeypot.status_code == 400 and not User.objects.exists()

    too_fast = register(client, capture, timestamp=spam.issue_token())
    assert too_fast.status_code == 400
    assert "zu schnell abgeschickt" in too_fast.content.decode()
    assert not User.objects.exists()

    settings.DIGITALAGENTUR_FORM_LIMIT_PER_ADDRESS = 2
    for number in range(2):
        assert register(client, capture, email=f"p{number}@example.org").status_code == 302
    limited = register(client, capture, email="p9@example.org")
    assert limited.status_code == 400
    assert "in der letzten Stunde" in limited.content.decode()
    assert not User.objects.filter(email="p9@example.org").exists()
    assert len(mail.outbox) == 2


def test_delete_expired_removes_only_unconfirmed_registrations(client, region, capture):
    now = timezone.now()
    old = now - registration.lifetime() - datetime.timedelta(minutes=1)

    def pending(name, requested, confirmed=None, active=False):
        user = t.make_user(name, email=f"{name}@example.org", is_active=active)
        Registration.objects.create(
            user=user, requested=requested, consented=requested, confirmed=confirmed
        )
        return user

    expired = pending("abgelaufen", old)
    fresh = pending("frisch", now - datetime.timedelta(hours=1))
    confirmed = pending("bestaetigt", old, confirmed=old, active=True)
    deactivated = pending("gesperrt", old, confirmed=old, active=False)
    staff_made = t.make_user("eingeladen", email="e@example.org", is_active=False)
    User.objects.filter(pk=staff_made.pk).update(date_joined=old)
    RegistrationAttempt.objects.create(created=old, sender_key="a", email_key="b")
    RegistrationAttempt.objects.create(created=now, sender_key="a", email_key="c")
    # Counted wrong confirmation passwords are kept as long as a link lives.
    two_hours_ago = now - datetime.timedelta(hours=2)
    RegistrationAttempt.objects.create(created=two_hours_ago, sender_key="a", email_key="confirm:d")
    RegistrationAttempt.objects.create(created=old, sender_key="a", email_key="confirm:e")

    assert registration.delete_expired(now=now) == 1
    assert not User.objects.filter(pk=expired.pk).exists()
    remaining = set(User.objects.values_list("pk", flat=True))
    assert {fresh.pk, confirmed.pk, deactivated.pk, staff_made.pk} <= remaining
    kept = set(RegistrationAttempt.objects.values_list("email_key", flat=True))
    assert kept == {"c", "confirm:d"}
    assert registration.delete_expired(now=now) == 0


def test_registered_accounts_cannot_enter_the_staff_area(client, region, capture):
    register(client, capture)
    confirm(client, confirm_path(mail.outbox[0]))  # logged in
    assert "_auth_user_id" in client.session
    for name in ("staff:dashboard", "staff:project_list", "staff:change_list"):
        response = client.get(reverse(name))
        assert response.status_code == 403
        assert "Keine Berechtigung" in response.content.decode()


def test_login_page_links_to_registration_and_logged_in_users_skip_it(client, users):
    html = client.get(reverse("login") + "?next=/landraeume/").content.decode()
    assert "Noch kein Konto? Registrieren" in html
    assert reverse("accounts:register") + "?next=/landraeume/" in html
    client.force_login(users["reader"])
    response = client.get(reverse("accounts:register"))
    assert response.status_code == 302 and response.url == reverse("public:home")


def test_staff_still_land_in_the_staff_area_after_login(client, users):
    response = client.post(reverse("login"), {"username": "reader-a", "password": t.TEST_PASSWORD})
    assert response.url == reverse("staff:dashboard")


@pytest.mark.browser
def test_registration_pages_are_accessible_and_fit_a_phone(
    browser, live_server, transactional_db, settings
):
    from .test_browser import check

    settings.DIGITALAGENTUR_FORM_MIN_SECONDS = 0
    t.make_region("kreis-konto", name="Kreis Konto")
    context = browser.new_context(locale="de-DE", viewport={"width": 390, "height": 800})
    page = context.new_page()
    url = live_server.url
    problems = []

    page.goto(url + reverse("login"))
    page.get_by_role("link", name="Noch kein Konto? Registrieren").click()
    page.wait_for_url(url + reverse("accounts:register"))
    problems += check(page, "register")
    page.fill("#id_name", "Pendlerin Paula")
    page.fill("#id_email", "paula@example.org")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", "etwas-anderes-123")
    page.get_by_role("button", name="Konto anlegen").click()
    assert "Die beiden Passwörter stimmen nicht überein." in page.content()
    problems += check(page, "register with errors")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.get_by_label("Ich habe die Datenschutzerklärung gelesen").check()
    page.get_by_role("button", name="Konto anlegen").click()
    page.wait_for_url(url + reverse("accounts:register_sent"))
    problems += check(page, "register sent")

    path = confirm_path(mail.outbox[0])
    page.goto(url + path)
    problems += check(page, "register confirm")
    page.fill("#id_password", "falsch-geraten-1")
    page.get_by_role("button", name="Konto bestätigen").click()
    assert "Das Passwort ist nicht richtig" in page.content()
    problems += check(page, "register confirm with errors")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Konto bestätigen").click()
    page.wait_for_url(url + reverse("public:home"))
    assert "Ihr Konto ist bestätigt und Sie sind angemeldet" in page.content()
    page.goto(url + path)
    problems += check(page, "register already confirmed")
    page.goto(url + reverse("accounts:register_confirm", args=["kaputt"]))
    problems += check(page, "register link invalid")
    context.close()
    assert not problems, "\n".join(problems)


def test_a_region_requiring_2fa_asks_it_of_staff_not_of_the_public(client, region, users, capture):
    from digitalagentur.accounts import services

    services.set_two_factor_policy(region, True, user=users["admin"])
    register(client, capture)
    confirm(client, confirm_path(mail.outbox[0]))  # logged in
    # Not sent to the 2FA setup: the form is processed (and refuses the wrong password).
    change = {"email": "neu@example.org", "password": "falsch"}
    response = client.post(reverse("accounts:email_change"), change)
    assert response.status_code == 400 and "Das Passwort ist nicht richtig" in str(
        response.content, "utf-8"
    )

    staff = client.__class__()
    staff.force_login(users["reader"])
    for response in (
        staff.get(reverse("staff:dashboard")),
        staff.post(reverse("accounts:email_change"), change),
    ):
        assert response.status_code == 302 and response.url == reverse("accounts:two_factor_setup")
