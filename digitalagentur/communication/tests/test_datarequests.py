"""Data export and deletion per e-mail address (issue 13, section 4; communication/
datarequests.py): the link goes out only for an address with data, at most once per 10
minutes; the export holds everything of that address in that region and nothing else; the
deletion removes the subscription and the deliveries, anonymises the registrations (cancelling
those for coming events) and keeps the consent records as proof, idempotently; the signed link
expires, and one tampered with or of another region is refused."""

from __future__ import annotations

import datetime
import json
import logging
import re
import time
from unittest import mock

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.urls import resolve
from django.utils import timezone

from digitalagentur.communication import datarequests as svc
from digitalagentur.communication import newsletter
from digitalagentur.communication import registrations as reg
from digitalagentur.communication.choices import (
    DeliveryStatus,
    IssueStatus,
    RegistrationStatus,
    SubscriptionStatus,
)
from digitalagentur.communication.models import (
    ConsentRecord,
    Delivery,
    NewsletterIssue,
    Registration,
    Segment,
    Subscription,
)
from digitalagentur.core import testing as t
from digitalagentur.testing.communication import make_event

pytestmark = pytest.mark.django_db

ADA = "ada@example.org"


def subscribed(region, email=ADA, segments=()) -> Subscription:
    """An active subscription (confirmed consent record) of `email`."""
    newsletter.subscribe(region, email, segments=segments, ip="192.0.2.1")
    subscription = Subscription.objects.get(region=region, email=email)
    token = "t-" + email
    Subscription.objects.filter(pk=subscription.pk).update(token_hash=newsletter.token_hash(token))
    newsletter.confirm(token, ip="192.0.2.2")
    subscription.refresh_from_db()
    return subscription


def sent_issue(region, subject, *emails) -> NewsletterIssue:
    issue = NewsletterIssue.objects.create(region=region, subject=subject, status=IssueStatus.SENT)
    for email in emails:
        Delivery.objects.create(
            issue=issue, email=email, status=DeliveryStatus.SENT, sent=timezone.now()
        )
    return issue


def person(username, email):
    return t.make_user(username, email=email, first_name=username.title())


def link_of(message) -> str:
    match = re.search(r"https?://\S+(/datenauskunft/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """request_link with its mail sent as after a commit."""

    def run(region, email, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return svc.request_link(region, email, **kwargs)

    return run


@pytest.fixture
def ada_data(region, other_region):
    """Ada's data in region A: a subscription to one group, a delivery, three registrations
    (a past one, attended; one for a coming event; one through her account made under her
    old address); and data of other people and of region B that must never show up."""
    segment = Segment.objects.create(region=region, kind="custom", name="Ehrenamt")
    subscription = subscribed(region, ADA, [segment])
    sent_issue(region, "Ausgabe März", ADA, "bob@example.org")
    ada = person("ada", ADA)
    past = make_event(region, "Vergangener Workshop")
    reg.register(past, ada, organisation="Gemeinde Senden", note="vegetarisch")
    reg.record_attendance(
        past, Registration.objects.filter(event=past).values_list("pk", flat=True)
    )
    past.start = timezone.now() - datetime.timedelta(days=3)
    past.end = past.start + datetime.timedelta(hours=3)
    past.save()
    coming = make_event(region, "Digitaltag", capacity=1)
    mine = reg.register(coming, ada, name="Ada Lovelace").registration
    waiting = reg.register(coming, person("carl", "carl@example.org")).registration
    renamed = person("ada-alt", "ada.alt@example.org")
    old = reg.register(make_event(region, "Schulung"), renamed).registration
    renamed.email = "Ada@Example.org"  # she changed her account's address since
    renamed.save()
    # Others: Bob in A, Ada in B.
    subscribed(region, "bob@example.org")
    reg.register(coming, person("bob", "bob@example.org"))
    subscribed(other_region, ADA)
    sent_issue(other_region, "Ausgabe Kreis B", ADA)
    reg.register(make_event(other_region, "Fremde Veranstaltung"), person("ada-b", ADA))
    return {
        "subscription": subscription,
        "past": past,
        "coming": coming,
        "mine": mine,
        "waiting": waiting,
        "old": old,
    }


class TestLink:
    def test_only_an_address_with_data_gets_a_mail(self, send, region):
        subscribed(region)
        mail.outbox.clear()
        assert send(region, "unbekannt@example.org") is False
        assert mail.outbox == []
        assert send(region, " ADA@example.org ", ip="192.0.2.9") is True
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == [ADA]
        assert "24 Stunden" in message.body
        path = link_of(message)
        assert resolve(path).url_name == "data_request_link"
        token = resolve(path).kwargs["token"]
        assert svc.email_for(region, token) == ADA

    @pytest.mark.parametrize("kind", ["consent", "registration", "account", "delivery"])
    def test_every_kind_of_data_counts(self, send, region, kind):
        if kind == "consent":  # the subscription deleted by the retention job, the proof kept
            subscribed(region)
            Subscription.objects.all().delete()
            assert ConsentRecord.objects.exists()
        elif kind == "registration":
            reg.register(make_event(region), person("ada", ADA))
        elif kind == "account":
            user = person("ada", "frueher@example.org")
            reg.register(make_event(region), user)
            user.email = "Ada@example.org"
            user.save()
        else:
            sent_issue(region, "Ausgabe", ADA)
        mail.outbox.clear()
        assert send(region, ADA) is True
        assert len(mail.outbox) == 1

    def test_data_of_another_region_does_not_count(self, send, region, other_region):
        subscribed(other_region)
        mail.outbox.clear()
        assert send(region, ADA) is False
        assert mail.outbox == []

    @pytest.mark.parametrize("value", ["", "   ", "keine-adresse", "a@" + "b" * 260 + ".de"])
    def test_bad_input_is_refused_in_german(self, send, region, value):
        with pytest.raises(ValidationError) as error:
            send(region, value)
        assert "E-Mail-Adresse" in " ".join(error.value.messages)
        assert mail.outbox == []

    def test_one_mail_per_address_per_ten_minutes(self, send, region, other_region):
        subscribed(region)
        subscribed(region, "bob@example.org")
        subscribed(other_region)
        mail.outbox.clear()
        assert send(region, ADA) is True
        assert send(region, ADA) is False
        assert send(region, "Ada@Example.org") is False
        assert send(region, "bob@example.org") is True  # another address
        assert send(other_region, ADA) is True  # another region
        assert len(mail.outbox) == 3
        key = svc._cache_key("pause", f"{region.pk}:{ADA}")
        assert ADA not in key  # the cache key holds a keyed hash, never the address
        from django.core.cache import caches

        caches[svc.CACHE_ALIAS].delete(key)  # ten minutes later
        assert send(region, ADA) is True
        assert len(mail.outbox) == 4

    def test_a_network_gets_a_limited_number_of_links(self, send, region, monkeypatch):
        monkeypatch.setattr(svc, "LINKS_PER_NETWORK", 2)
        for name in ("a", "b", "c"):
            subscribed(region, f"{name}@example.org")
        mail.outbox.clear()
        assert send(region, "a@example.org", ip="198.51.100.7") is True
        assert send(region, "b@example.org", ip="198.51.100.7") is True
        assert send(region, "c@example.org", ip="198.51.100.7") is False
        assert send(region, "c@example.org", ip="203.0.113.5") is False  # pause taken above
        assert len(mail.outbox) == 2

    def test_the_mail_goes_out_only_after_the_commit(
        self, region, django_capture_on_commit_callbacks
    ):
        subscribed(region)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks() as callbacks:
            assert svc.request_link(region, ADA) is True
            assert mail.outbox == []
        assert len(callbacks) == 1

    def test_a_failing_mail_server_is_no_error(self, region, caplog):
        with mock.patch(
            "django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("down")
        ):
            assert svc.send_link(region.pk, ADA, "https://example.org/x/") is False
        assert ADA not in caplog.text


class TestToken:
    def test_round_trip(self, region):
        assert svc.email_for(region, svc.make_token(region, " Ada@Example.org")) == ADA

    def test_another_region_is_unknown(self, region, other_region):
        with pytest.raises(svc.LinkProblem) as problem:
            svc.email_for(other_region, svc.make_token(region, ADA))
        assert problem.value.status == 404

    @pytest.mark.parametrize(
        "token",
        [
            "",
            "kaputt",
            "x" * 600,
            "eyJyIjoxfQ:1abc:def",
        ],
    )
    def test_garbage_is_unknown(self, region, token):
        with pytest.raises(svc.LinkProblem) as problem:
            svc.email_for(region, token)
        assert problem.value.status == 404
        assert "Diesen Link kennen wir nicht" in str(problem.value)

    def test_tampered_is_unknown(self, region):
        token = svc.make_token(region, ADA)
        value, timestamp, signature = token.rsplit(":", 2)
        changed = signature[:-1] + ("A" if signature[-1] != "A" else "B")
        for forged in (f"{value}:{timestamp}:{changed}", f"{value}x:{timestamp}:{signature}"):
            with pytest.raises(svc.LinkProblem) as problem:
                svc.email_for(region, forged)
            assert problem.value.status == 404

    def test_other_salt_or_purpose_is_unknown(self, region):
        value = {"r": region.pk, "e": ADA, "p": svc.PURPOSE}
        other_salt = signing.TimestampSigner(salt="anderes").sign_object(value)
        other_purpose = signing.TimestampSigner(salt=svc.SALT).sign_object({**value, "p": "x"})
        not_an_address = signing.TimestampSigner(salt=svc.SALT).sign_object({**value, "e": "x"})
        for token in (other_salt, other_purpose, not_an_address):
            with pytest.raises(svc.LinkProblem) as problem:
                svc.email_for(region, token)
            assert problem.value.status == 404

    def test_expired_after_the_configured_hours(self, region, settings):
        made = time.time() - 25 * 3600
        with mock.patch("django.core.signing.time.time", return_value=made):
            old = svc.make_token(region, ADA)
        with pytest.raises(svc.LinkProblem) as problem:
            svc.email_for(region, old)
        assert problem.value.status == 410
        assert "abgelaufen" in str(problem.value) and "24 Stunden" in str(problem.value)
        settings.DIGITALAGENTUR_DATA_REQUEST_HOURS = 48
        assert svc.email_for(region, old) == ADA


class TestExport:
    def test_everything_of_the_address_in_the_region_and_nothing_else(self, region, ada_data):
        data = svc.export(region, "Ada@Example.org")
        json.dumps(data)  # serialisable as it is
        assert data["email"] == ADA and data["region"] == "Kreis A"
        subscription = data["newsletter_subscription"]
        assert subscription["status"] == "angemeldet"
        assert subscription["groups"] == ["Ehrenamt"]
        assert subscription["confirmed"] and subscription["requested"]
        assert [d["issue"] for d in data["newsletter_deliveries"]] == ["Ausgabe März"]
        records = data["consent_records"]
        assert [r["email"] for r in records] == [ADA]
        assert records[0]["request_ip"] == "192.0.2.1" and records[0]["confirm_ip"] == "192.0.2.2"
        assert records[0]["consent_text"] == newsletter.consent_text(region)
        events = {r["event"]: r for r in data["event_registrations"]}
        assert set(events) == {"Vergangener Workshop", "Digitaltag", "Schulung"}
        assert events["Vergangener Workshop"]["organisation"] == "Gemeinde Senden"
        assert events["Vergangener Workshop"]["note"] == "vegetarisch"
        assert events["Vergangener Workshop"]["attended"] is True
        assert events["Digitaltag"]["name"] == "Ada Lovelace"
        assert events["Digitaltag"]["status"] == "angemeldet"
        assert events["Schulung"]["email"] == "ada.alt@example.org"  # her account's
        text = json.dumps(data, ensure_ascii=False)
        for foreign in ("bob", "carl", "Kreis B", "Fremde Veranstaltung"):
            assert foreign not in text

    def test_an_unknown_address_exports_empty_lists(self, region):
        data = svc.export(region, "niemand@example.org")
        assert data["newsletter_subscription"] is None
        assert data["consent_records"] == data["event_registrations"] == []
        assert data["newsletter_deliveries"] == []


class TestErase:
    def test_erase_and_again(
        self, region, other_region, ada_data, caplog, django_capture_on_commit_callbacks
    ):
        mail.outbox.clear()
        now = timezone.now()
        caplog.set_level(logging.INFO, logger="digitalagentur.communication.datarequests")
        with django_capture_on_commit_callbacks(execute=True):
            result = svc.erase(region, ADA, now)
        assert result == svc.Erased(
            subscriptions=1,
            deliveries=1,
            registrations=3,
            cancelled=2,  # the Digitaltag and the Schulung are still to come
            requests=0,
            consents_withdrawn=1,
            consents_kept=1,
        )
        assert not Subscription.objects.filter(region=region, email=ADA).exists()
        record = ConsentRecord.objects.get(region=region, email=ADA)
        assert record.withdrawn == now and record.confirmed is not None
        assert not Delivery.objects.filter(issue__region=region, email=ADA).exists()
        assert Delivery.objects.filter(email="bob@example.org").count() == 1
        for key in ("mine", "old"):
            ada_data[key].refresh_from_db()
        mine, old = ada_data["mine"], ada_data["old"]
        assert (mine.name, mine.email, mine.user_id, mine.note) == ("", "", None, "")
        assert mine.anonymised == now and mine.status == RegistrationStatus.CANCELLED
        assert old.email == "" and old.anonymised == now
        assert old.status == RegistrationStatus.CANCELLED
        past = Registration.objects.get(event=ada_data["past"])
        assert past.name == "" and past.attended is True  # kept for the reports
        assert past.status == RegistrationStatus.REGISTERED
        # Her seat went to Carl, who got the mail; Ada got none (no address left).
        ada_data["waiting"].refresh_from_db()
        assert ada_data["waiting"].status == RegistrationStatus.REGISTERED
        assert [m.to for m in mail.outbox] == [["carl@example.org"]]
        # Nobody else, no other region touched.
        assert Subscription.objects.filter(email="bob@example.org").exists()
        assert Registration.objects.filter(email="bob@example.org").exists()
        assert Subscription.objects.filter(region=other_region, email=ADA).exists()
        assert Delivery.objects.filter(issue__region=other_region, email=ADA).exists()
        assert Registration.objects.filter(event__region=other_region, email=ADA).exists()
        assert ADA not in caplog.text and "kreis-a" in caplog.text
        # The address is no recipient any more; the export shows only the kept proof.
        data = svc.export(region, ADA)
        assert data["newsletter_subscription"] is None
        assert data["event_registrations"] == [] and data["newsletter_deliveries"] == []
        assert len(data["consent_records"]) == 1
        # Again: nothing changes, no error.
        caplog.clear()
        again = svc.erase(region, ADA)
        assert again == svc.Erased(consents_kept=1)
        assert not again.changed
        record.refresh_from_db()
        assert record.withdrawn == now
        assert caplog.text == ""

    def test_a_waiting_request_is_no_consent_and_goes(self, region):
        newsletter.subscribe(region, ADA)
        result = svc.erase(region, ADA)
        assert (result.subscriptions, result.requests, result.consents_kept) == (1, 1, 0)
        assert not ConsentRecord.objects.exists() and not Subscription.objects.exists()

    def test_an_unsubscribed_address_keeps_its_withdrawal_time(self, region):
        subscription = subscribed(region)
        newsletter.unsubscribe(subscription.unsubscribe_key)
        withdrawn = ConsentRecord.objects.get().withdrawn
        result = svc.erase(region, ADA)
        assert (result.subscriptions, result.consents_withdrawn) == (1, 0)
        assert ConsentRecord.objects.get().withdrawn == withdrawn

    def test_a_new_subscription_needs_a_new_double_opt_in(self, region):
        subscribed(region)
        svc.erase(region, ADA)
        assert newsletter.subscribe(region, ADA) is True
        assert Subscription.objects.get().status == SubscriptionStatus.PENDING
        assert ConsentRecord.objects.count() == 2

    def test_bad_address_is_refused(self, region):
        with pytest.raises(ValidationError):
            svc.erase(region, "keine-adresse")
