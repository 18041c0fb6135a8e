"""The newsletter's public pages (issue 13, section 1): the form answers the same for every
address (new, waiting, subscribed, unsubscribed), bad input is refused (400, nothing saved),
the confirmation link confirms only on POST and completes the consent record, expired and
unknown links are refused, and the unsubscribe link works as an RFC 8058 one-click request
without CSRF token."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from digitalagentur.communication import newsletter as svc
from digitalagentur.communication.choices import ConsentForm, SegmentKind, SubscriptionStatus
from digitalagentur.communication.models import ConsentRecord, Segment, Subscription
from digitalagentur.core import testing as t

pytestmark = pytest.mark.django_db

FORM = "/newsletter/"
THANKS = "/newsletter/danke/"
NO_GROUP = "ist keine Gruppe des Newsletters"
SAME_ANSWER = "Wenn die Adresse noch nicht angemeldet ist, bekommen Sie eine E-Mail"


def token_from_mail(message) -> str:
    match = re.search(r"/newsletter/bestaetigen/([^/\s]+)/", message.body)
    assert match, message.body
    return match.group(1)


def confirm_url(token: str) -> str:
    return reverse("public:newsletter_confirm", args=[token])


def unsubscribe_url(key: str) -> str:
    return reverse("public:newsletter_unsubscribe", args=[key])


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def segments(region, town, strategy):
    field = t.make_field(strategy, "Bildung", slug="bildung")
    svc.ensure_segments(region)
    return {
        "town": Segment.objects.get(region=region, municipality=town),
        "field": Segment.objects.get(region=region, field=field),
        "audience": Segment.objects.get(region=region, audience="businesses"),
    }


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    """POST the form (the confirmation mail is sent as after a commit)."""

    def post(data, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(FORM, data, REMOTE_ADDR="192.0.2.10", **extra)

    return post


def subscribed(send, email="ada@example.org", **data) -> str:
    """Subscribe through the form; the token of the mail sent."""
    before = len(mail.outbox)
    response = send({"email": email, **data})
    assert response.status_code == 303
    assert len(mail.outbox) == before + 1
    return token_from_mail(mail.outbox[-1])


class TestForm:
    def test_form_with_grouped_segments_and_the_exact_consent(self, client, region, segments):
        custom = Segment.objects.create(
            region=region, kind=SegmentKind.CUSTOM, name="Ehrenamt", position=0
        )
        Segment.objects.create(
            region=region, kind=SegmentKind.CUSTOM, name="VERSTECKT", selectable=False
        )
        response = client.get(FORM)
        assert response.status_code == 200
        body = text_of(response)
        for heading in ("Kommunen", "Handlungsfelder", "Zielgruppen", "eigene Gruppen"):
            assert f"<legend>{heading}</legend>" in body
        for segment in (*segments.values(), custom):
            assert f'value="{segment.pk}"' in body
        assert "VERSTECKT" not in body
        assert svc.consent_text(region) in body
        assert svc.CONSENT_VERSION in body
        assert "nur für den Newsletter" in body
        assert "Newsletter bestellen</button>" in body
        assert 'name="csrfmiddlewaretoken"' in body
        # Never from the page cache (it carries the visitor's CSRF token).
        assert "no-store" in response["Cache-Control"]
        assert body.index(svc.consent_text(region)) < body.index("Newsletter bestellen</button>")

    def test_segments_are_made_when_the_form_is_opened(self, client, region, town):
        assert not Segment.objects.filter(region=region).exists()
        client.get(FORM)
        assert Segment.objects.filter(region=region, municipality=town).exists()
        client.get(FORM)  # idempotent
        assert Segment.objects.filter(region=region, municipality=town).count() == 1

    def test_footer_links_to_the_form(self, client, region):
        assert f'href="{FORM}"' in client.get(reverse("public:home")).content.decode()

    def test_a_new_address_gets_the_confirmation_mail(self, send, region, segments):
        response = send(
            {"email": " Ada@Example.org ", "segments": [segments["town"].pk, segments["field"].pk]}
        )
        assert response.status_code == 303
        assert response["Location"] == THANKS
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == ["ada@example.org"]
        token = token_from_mail(message)
        assert confirm_url(token) in message.body
        subscription = Subscription.objects.get()
        assert subscription.status == SubscriptionStatus.PENDING
        assert set(subscription.segments.all()) == {segments["town"], segments["field"]}
        record = ConsentRecord.objects.get()
        assert record.request_ip == "192.0.2.10"
        assert record.form == ConsentForm.WEBSITE
        assert record.consent_text == svc.consent_text(region)

    def test_the_answer_is_the_same_for_every_address(self, client, send, region):
        subscribed(send, "aktiv@example.org")
        svc.confirm(token_from_mail(mail.outbox[-1]))
        subscribed(send, "wartend@example.org")
        subscribed(send, "weg@example.org")
        svc.unsubscribe(Subscription.objects.get(email="weg@example.org").unsubscribe_key)
        answers = []
        addresses = (
            "neu@example.org",
            "wartend@example.org",
            "aktiv@example.org",
            "weg@example.org",
        )
        for email in addresses:
            response = send({"email": email})
            answers.append((response.status_code, response["Location"]))
        assert set(answers) == {(303, THANKS)}
        thanks = client.get(THANKS)
        assert thanks.status_code == 200
        assert SAME_ANSWER in text_of(thanks)
        # Mails: the new one, the unsubscribed one (a new opt-in); not the waiting one
        # (asked a moment ago) nor the subscribed one.
        assert [m.to[0] for m in mail.outbox[3:]] == ["neu@example.org", "weg@example.org"]

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"email": ""}, "Bitte geben Sie Ihre E-Mail-Adresse an."),
            ({"email": "keine-adresse"}, "Bitte geben Sie eine gültige E-Mail-Adresse an."),
            ({"email": "a@example.org", "segments": ["999999"]}, NO_GROUP),
            ({"email": "a@example.org", "segments": ["abc"]}, NO_GROUP),
        ],
    )
    def test_bad_input_is_400_and_saves_nothing(self, send, segments, data, message):
        response = send(data)
        assert response.status_code == 400
        body = text_of(response)
        assert 'class="form-error-summary" role="alert"' in body
        assert message in body
        assert "<title>Fehler:" in body
        assert not Subscription.objects.exists()
        assert not ConsentRecord.objects.exists()
        assert mail.outbox == []

    def test_a_segment_of_another_region_is_refused(self, send, region, other_region):
        foreign = Segment.objects.create(region=other_region, kind=SegmentKind.CUSTOM, name="X")
        response = send({"email": "a@example.org", "segments": [foreign.pk]})
        assert response.status_code == 400
        assert not Subscription.objects.exists()

    def test_bad_input_keeps_the_choice(self, send, segments):
        response = send({"email": "kaputt", "segments": [segments["field"].pk]})
        body = response.content.decode()
        assert re.search(rf'value="{segments["field"].pk}" id="id_segments_\d+" checked', body)
        assert 'value="kaputt"' in body

    def test_csrf_is_required(self, region):
        client = Client(enforce_csrf_checks=True)
        assert client.post(FORM, {"email": "a@example.org"}).status_code == 403
        assert not Subscription.objects.exists()


class TestConfirmation:
    def test_get_confirms_nothing(self, client, send, segments):
        token = subscribed(send, segments=[segments["audience"].pk])
        response = client.get(confirm_url(token))
        assert response.status_code == 200
        body = text_of(response)
        assert "Anmeldung bestätigen</button>" in body
        assert segments["audience"].name in body
        assert "a…@example.org" in body
        assert '<meta name="robots" content="noindex, nofollow">' in body
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert "no-store" in response["Cache-Control"]
        subscription = Subscription.objects.get()
        assert subscription.status == SubscriptionStatus.PENDING
        assert ConsentRecord.objects.get().confirmed is None

    def test_post_confirms_and_completes_the_consent_record(self, client, send, region):
        token = subscribed(send)
        response = client.post(confirm_url(token), REMOTE_ADDR="198.51.100.7")
        assert response.status_code == 200
        assert "Sie sind angemeldet" in text_of(response)
        subscription = Subscription.objects.get()
        assert subscription.status == SubscriptionStatus.ACTIVE
        record = ConsentRecord.objects.get()
        assert record.email == "ada@example.org"
        assert record.consent_text == svc.consent_text(region)
        assert record.consent_version == svc.CONSENT_VERSION
        assert record.requested is not None
        assert record.request_ip == "192.0.2.10"
        assert record.confirmed == subscription.confirmed
        assert record.confirm_ip == "198.51.100.7"
        assert record.form == ConsentForm.WEBSITE
        assert record.withdrawn is None
        # Pressed twice: "already", nothing changes.
        again = client.post(confirm_url(token), REMOTE_ADDR="203.0.113.1")
        assert again.status_code == 200
        assert "schon bestätigt" in text_of(again)
        record.refresh_from_db()
        assert record.confirm_ip == "198.51.100.7"

    def test_expired_link_is_refused(self, client, region, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            svc.subscribe(
                region, "ada@example.org", now=timezone.now() - datetime.timedelta(days=8)
            )
        token = token_from_mail(mail.outbox[0])
        for response in (client.get(confirm_url(token)), client.post(confirm_url(token))):
            assert response.status_code == 410
            body = text_of(response)
            assert "abgelaufen" in body
            assert f'href="{FORM}"' in body
        assert Subscription.objects.get().status == SubscriptionStatus.PENDING
        assert ConsentRecord.objects.get().confirmed is None

    def test_unknown_token_is_404(self, client, region):
        for response in (client.get(confirm_url("kaputt")), client.post(confirm_url("kaputt"))):
            assert response.status_code == 404
            assert "Diesen Bestätigungslink kennen wir nicht" in text_of(response)
        assert client.get(confirm_url("x" * 500)).status_code == 404


class TestUnsubscribe:
    @pytest.fixture
    def active(self, client, send, region):
        token = subscribed(send)
        client.post(confirm_url(token))
        return Subscription.objects.get()

    def test_get_shows_the_button_and_unsubscribes_nothing(self, client, active):
        response = client.get(unsubscribe_url(active.unsubscribe_key))
        assert response.status_code == 200
        body = text_of(response)
        assert "Vom Newsletter abmelden</button>" in body
        assert "a…@example.org" in body
        assert "ada@example.org" not in body
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert "no-store" in response["Cache-Control"]
        active.refresh_from_db()
        assert active.status == SubscriptionStatus.ACTIVE

    def test_one_click_post_without_csrf(self, active):
        client = Client(enforce_csrf_checks=True)
        response = client.post(
            unsubscribe_url(active.unsubscribe_key),
            "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 200
        assert "Sie sind abgemeldet" in text_of(response)
        active.refresh_from_db()
        assert active.status == SubscriptionStatus.UNSUBSCRIBED
        assert active.unsubscribed is not None
        record = ConsentRecord.objects.get()
        assert record.withdrawn == active.unsubscribed
        # Sent again (a mail program retrying): the same answer.
        again = client.post(
            unsubscribe_url(active.unsubscribe_key),
            "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        )
        assert again.status_code == 200
        assert "Sie sind abgemeldet" in text_of(again)
        assert "Bereits abgemeldet" in text_of(client.get(unsubscribe_url(active.unsubscribe_key)))

    def test_unknown_key_is_404(self, client, region):
        client = Client(enforce_csrf_checks=True)
        for response in (
            client.get(unsubscribe_url("kaputt")),
            client.post(unsubscribe_url("kaputt"), {"List-Unsubscribe": "One-Click"}),
        ):
            assert response.status_code == 404
            assert "Diesen Abmeldelink kennen wir nicht" in text_of(response)
        assert not Subscription.objects.exists()
