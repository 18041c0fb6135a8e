"""The public pages of the data export and deletion request (issue 13, section 4): the form
answers the same for a known and an unknown address and mails only the known one, bad input
is refused (400, German, nothing sent); the link's page shows the masked address and changes
nothing; the download is a JSON file that is never cached and not named after the address;
the deletion needs the box ticked; expired (410), tampered (404) and foreign (404) links are
refused with a way to ask for a new one; every POST needs the CSRF token."""

from __future__ import annotations

import json
import re
import time
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from digitalagentur.communication import datarequests as svc
from digitalagentur.communication import newsletter
from digitalagentur.communication import registrations as reg
from digitalagentur.communication.models import ConsentRecord, Registration, Subscription
from digitalagentur.core import testing as t
from digitalagentur.testing.communication import make_event

pytestmark = pytest.mark.django_db

FORM = "/datenauskunft/"
THANKS = "/datenauskunft/danke/"
ADA = "ada@example.org"
OTHER_HOST = "kreis-b.example.org"


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def link_url(token: str) -> str:
    return reverse("public:data_request_link", args=[token])


def download_url(token: str) -> str:
    return reverse("public:data_request_download", args=[token])


def erase_url(token: str) -> str:
    return reverse("public:data_request_erase", args=[token])


@pytest.fixture
def ada(region):
    """Ada with an active subscription and a registration for a coming event."""
    newsletter.subscribe(region, ADA, ip="192.0.2.1")
    Subscription.objects.filter(email=ADA).update(token_hash=newsletter.token_hash("t"))
    newsletter.confirm("t")
    user = t.make_user("ada", email=ADA, first_name="Ada")
    reg.register(make_event(region, "Digitaltag"), user, note="Rollstuhl")
    mail.outbox.clear()
    return user


@pytest.fixture
def token(region, ada):
    return svc.make_token(region, ADA)


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    """POST the form (the mail is sent as after a commit)."""

    def post(data, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(FORM, data, REMOTE_ADDR="192.0.2.10", **extra)

    return post


class TestForm:
    def test_the_form(self, client, region):
        response = client.get(FORM)
        assert response.status_code == 200
        body = text_of(response)
        assert "<h1>Ihre Daten: Auskunft und Löschung</h1>" in body
        assert 'for="id_email">Ihre E-Mail-Adresse' in body
        assert "24 Stunden" in body
        assert 'name="csrfmiddlewaretoken"' in body
        assert "no-store" in response["Cache-Control"]

    def test_the_same_answer_for_a_known_and_an_unknown_address(self, send, ada):
        known = send({"email": " Ada@Example.org "})
        unknown = send({"email": "niemand@example.org"})
        assert (known.status_code, known["Location"]) == (303, THANKS)
        assert (unknown.status_code, unknown["Location"]) == (303, THANKS)
        assert [message.to for message in mail.outbox] == [[ADA]]
        path = re.search(r"https?://\S+(/datenauskunft/[^/\s]+/)", mail.outbox[0].body).group(1)
        assert path.startswith("/datenauskunft/")

    def test_a_second_request_within_ten_minutes_sends_nothing(self, send, ada):
        assert send({"email": ADA}).status_code == 303
        assert send({"email": ADA}).status_code == 303
        assert len(mail.outbox) == 1

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("", "Bitte geben Sie Ihre E-Mail-Adresse an."),
            ("keine-adresse", "Bitte geben Sie eine gültige E-Mail-Adresse an."),
            ("a@" + "b" * 260 + ".de", "Die E-Mail-Adresse ist zu lang."),
        ],
    )
    def test_bad_input_is_refused(self, send, ada, value, message):
        response = send({"email": value})
        assert response.status_code == 400
        body = text_of(response)
        assert "Ihre Anfrage wurde nicht abgeschickt." in body
        assert f'<a href="#id_email">Ihre E-Mail-Adresse: {message}</a>' in body
        assert "<title>Fehler: " in body
        assert mail.outbox == []

    def test_the_thanks_page(self, client, region):
        response = client.get(THANKS)
        assert response.status_code == 200
        assert "Wenn wir Daten zu dieser Adresse speichern" in text_of(response)

    def test_linked_from_footer_newsletter_and_privacy_page(self, client, region):
        for name in ("public:home", "public:newsletter", "public:privacy"):
            assert f'href="{FORM}"' in client.get(reverse(name)).content.decode(), name


class TestLinkPage:
    def test_shows_the_masked_address_and_changes_nothing(self, client, token):
        response = client.get(link_url(token))
        assert response.status_code == 200
        body = text_of(response)
        assert "a…@example.org" in body and ADA not in body
        assert "Newsletter: angemeldet" in body
        assert "1 Anmeldung zu Veranstaltungen" in body
        assert "Daten herunterladen</button>" in body and "Daten löschen</button>" in body
        assert "Ich möchte meine Daten löschen</label>" in body
        assert '<meta name="robots" content="noindex, nofollow">' in body
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert "no-store" in response["Cache-Control"]
        assert client.head(link_url(token)).status_code == 200
        assert Subscription.objects.filter(email=ADA).exists()
        assert Registration.objects.filter(email=ADA).exists()

    def test_the_buttons_only_answer_a_post(self, client, token):
        assert client.get(download_url(token)).status_code == 405
        assert client.get(erase_url(token), {"confirm": "on"}).status_code == 405
        assert Subscription.objects.filter(email=ADA).exists()

    def test_download(self, client, token):
        response = client.post(download_url(token))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json; charset=utf-8"
        disposition = response["Content-Disposition"]
        assert disposition.startswith('attachment; filename="datenauskunft-')
        assert "ada" not in disposition.lower()
        assert "no-store" in response["Cache-Control"]
        data = json.loads(response.content)
        assert data["email"] == ADA
        assert data["newsletter_subscription"]["status"] == "angemeldet"
        assert data["event_registrations"][0]["note"] == "Rollstuhl"
        assert Subscription.objects.filter(email=ADA).exists()

    def test_erase_needs_the_box(self, client, token):
        response = client.post(erase_url(token))
        assert response.status_code == 400
        body = text_of(response)
        assert "Ihre Daten wurden nicht gelöscht." in body
        assert 'href="#id_confirm"' in body
        assert "Bitte bestätigen Sie mit dem Häkchen" in body
        assert Subscription.objects.filter(email=ADA).exists()

    def test_erase(self, client, token):
        response = client.post(erase_url(token), {"confirm": "on"})
        assert response.status_code == 200
        body = text_of(response)
        assert "<h1>Ihre Daten sind gelöscht</h1>" in body
        assert "Newsletter-Abonnement: gelöscht" in body
        assert "1 Anmeldung zu Veranstaltungen anonymisiert" in body
        assert "davon 1 für eine kommende Veranstaltung abgesagt" in body
        assert "1 Einwilligung als Nachweis aufbewahrt" in body
        assert not Subscription.objects.filter(email=ADA).exists()
        assert not Registration.objects.filter(email=ADA).exists()
        assert ConsentRecord.objects.get(email=ADA).withdrawn is not None
        again = client.post(erase_url(token), {"confirm": "on"})
        assert again.status_code == 200
        assert "gab es nichts (mehr) zu löschen" in text_of(again)

    def test_csrf_is_needed(self, token):
        strict = Client(enforce_csrf_checks=True)
        assert strict.post(download_url(token)).status_code == 403
        assert strict.post(erase_url(token), {"confirm": "on"}).status_code == 403
        assert Subscription.objects.filter(email=ADA).exists()


class TestBadLinks:
    def test_expired(self, client, region, ada):
        with mock.patch("django.core.signing.time.time", return_value=time.time() - 25 * 3600):
            old = svc.make_token(region, ADA)
        for response in (
            client.get(link_url(old)),
            client.post(download_url(old)),
            client.post(erase_url(old), {"confirm": "on"}),
        ):
            assert response.status_code == 410
            body = text_of(response)
            assert "Dieser Link ist abgelaufen" in body
            assert f'href="{FORM}">Neuen Link anfordern' in body
        assert Subscription.objects.filter(email=ADA).exists()

    def test_tampered(self, client, token):
        value, stamp, signature = token.rsplit(":", 2)
        forged = f"{value}:{stamp}:{signature[::-1]}"
        for response in (
            client.get(link_url(forged)),
            client.get(link_url("kaputt")),
            client.get(link_url("x" * 2000)),
            client.post(erase_url(forged), {"confirm": "on"}),
        ):
            assert response.status_code == 404
            assert "Diesen Link kennen wir nicht" in text_of(response)
        assert Subscription.objects.filter(email=ADA).exists()

    def test_another_region(self, client, token, other_region):
        host = {"HTTP_HOST": OTHER_HOST}
        assert client.get(link_url(token), **host).status_code == 404
        assert client.post(download_url(token), **host).status_code == 404
        assert client.post(erase_url(token), {"confirm": "on"}, **host).status_code == 404
        assert Subscription.objects.filter(email=ADA).exists()
