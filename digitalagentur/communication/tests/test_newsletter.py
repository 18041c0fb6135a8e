"""The newsletter's list (issue 13, sections 1 and 4): double opt-in with a complete consent
record, expiry of unconfirmed requests, unsubscription that keeps the proof, retention,
segments, and one row per address under concurrent requests."""

import datetime
import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from digitalagentur.communication import newsletter as svc
from digitalagentur.communication.choices import ConsentForm, SegmentKind, SubscriptionStatus
from digitalagentur.communication.models import ConsentRecord, Segment, Subscription
from digitalagentur.core import testing as t

PENDING, ACTIVE, UNSUBSCRIBED = (
    SubscriptionStatus.PENDING,
    SubscriptionStatus.ACTIVE,
    SubscriptionStatus.UNSUBSCRIBED,
)


def token_from_mail(message) -> str:
    match = re.search(r"/newsletter/bestaetigen/([^/\s]+)/", message.body)
    assert match, message.body
    return match.group(1)


def subscribe(region, email="ada@example.org", **kwargs):
    return svc.subscribe(region, email, ip="192.0.2.10", **kwargs)


@pytest.fixture
def segments(region):
    town = t.make_municipality(region, "Billerbeck")
    field = t.make_field(t.make_strategy(region), name="Bildung")
    svc.ensure_segments(region)
    return {
        "town": Segment.objects.get(region=region, municipality=town),
        "field": Segment.objects.get(region=region, field=field),
        "audience": Segment.objects.get(region=region, audience="businesses"),
    }


@pytest.mark.django_db
def test_a_request_stores_the_complete_consent_and_mails_the_link(
    region, segments, django_capture_on_commit_callbacks
):
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert subscribe(region, " Ada@Example.org ", segments=[segments["town"]], now=now)
    subscription = Subscription.objects.get()
    assert (subscription.email, subscription.status) == ("ada@example.org", PENDING)
    assert list(subscription.segments.all()) == [segments["town"]]
    record = ConsentRecord.objects.get()
    assert record.subscription == subscription
    assert record.email == "ada@example.org"
    assert record.form == ConsentForm.WEBSITE
    assert record.consent_text == svc.consent_text(region)
    assert region.name in record.consent_text
    assert record.consent_version == svc.CONSENT_VERSION
    assert record.requested == now
    assert record.request_ip == "192.0.2.10"
    assert record.segments == "Billerbeck"
    assert (record.confirmed, record.confirm_ip, record.withdrawn) == (None, None, None)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ada@example.org"]
    token = token_from_mail(mail.outbox[0])
    assert subscription.token_hash == svc.token_hash(token)
    assert token not in str(Subscription.objects.values_list()[0])  # only the hash is kept


@pytest.mark.django_db
def test_confirming_activates_and_completes_the_record(region, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(region)
    token = token_from_mail(mail.outbox[0])
    outcome = svc.confirm(token, ip="198.51.100.7")
    assert not outcome.already
    subscription = Subscription.objects.get()
    assert subscription.status == ACTIVE and subscription.confirmed is not None
    record = ConsentRecord.objects.get()
    assert record.confirmed == subscription.confirmed
    assert record.confirm_ip == "198.51.100.7"
    # The button pressed twice: nothing changes.
    again = svc.confirm(token, ip="203.0.113.1")
    assert again.already
    record.refresh_from_db()
    assert record.confirm_ip == "198.51.100.7"


@pytest.mark.django_db
def test_the_answer_is_the_same_but_no_second_mail_for_a_known_address(
    region, django_capture_on_commit_callbacks
):
    start = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert subscribe(region, now=start)
        # Asked again at once: no second mail (no flooding an inbox through the form).
        assert not subscribe(region, now=start + datetime.timedelta(minutes=1))
    assert len(mail.outbox) == 1
    # After the pause a new link replaces the old one; one unconfirmed record stays.
    later = start + svc.RESEND_PAUSE + datetime.timedelta(seconds=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert subscribe(region, now=later)
    assert len(mail.outbox) == 2
    old, new = token_from_mail(mail.outbox[0]), token_from_mail(mail.outbox[1])
    assert ConsentRecord.objects.count() == 1
    with pytest.raises(svc.LinkProblem):
        svc.confirm(old)
    svc.confirm(new)
    # Subscribed: a further request changes nothing and mails nobody.
    with django_capture_on_commit_callbacks(execute=True):
        assert not subscribe(region, now=later + datetime.timedelta(days=1))
    assert len(mail.outbox) == 2
    assert Subscription.objects.get().status == ACTIVE


@pytest.mark.django_db
def test_an_expired_link_confirms_nothing_and_the_request_is_purged(
    region, django_capture_on_commit_callbacks
):
    asked = timezone.now() - datetime.timedelta(days=8)
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(region, now=asked)
    token = token_from_mail(mail.outbox[0])
    with pytest.raises(svc.LinkProblem, match="abgelaufen"):
        svc.confirm(token)
    assert Subscription.objects.get().status == PENDING
    assert svc.purge_expired() == 1
    assert not Subscription.objects.exists()
    assert not ConsentRecord.objects.exists()


@pytest.mark.django_db
def test_a_link_within_seven_days_still_works(region, django_capture_on_commit_callbacks):
    asked = timezone.now() - datetime.timedelta(days=6, hours=23)
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(region, now=asked)
    assert svc.purge_expired() == 0
    svc.confirm(token_from_mail(mail.outbox[0]))
    assert Subscription.objects.get().status == ACTIVE


@pytest.mark.django_db
def test_unknown_links_and_keys(region):
    with pytest.raises(svc.LinkProblem):
        svc.pending_for("kaputt")
    with pytest.raises(svc.LinkProblem):
        svc.pending_for("")
    assert svc.unsubscribe("kaputt") is None
    assert svc.unsubscribe("") is None
    assert svc.by_unsubscribe_key("x" * 500) is None


@pytest.mark.django_db
def test_unsubscribing_keeps_the_proof_and_a_new_request_needs_a_new_consent(
    region, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(region)
    svc.confirm(token_from_mail(mail.outbox[0]), ip="198.51.100.7")
    subscription = Subscription.objects.get()
    assert svc.unsubscribe(subscription.unsubscribe_key).status == UNSUBSCRIBED
    first = ConsentRecord.objects.get()
    assert first.withdrawn is not None and first.confirmed is not None
    assert svc.unsubscribe(subscription.unsubscribe_key).status == UNSUBSCRIBED  # idempotent
    # Subscribing again: a new double opt-in with its own record; the old one stays.
    with django_capture_on_commit_callbacks(execute=True):
        assert subscribe(region, form=ConsentForm.API)
    assert Subscription.objects.get().status == PENDING
    records = list(ConsentRecord.objects.order_by("pk"))
    assert [r.pk for r in records][0] == first.pk and len(records) == 2
    assert records[1].form == ConsentForm.API and records[1].confirmed is None
    # Not confirmed within seven days: back to unsubscribed, the first proof kept.
    assert svc.purge_expired(timezone.now() + svc.EXPIRY + datetime.timedelta(minutes=1)) == 1
    assert Subscription.objects.get().status == UNSUBSCRIBED
    assert list(ConsentRecord.objects.values_list("pk", flat=True)) == [first.pk]


@pytest.mark.django_db
@override_settings(DIGITALAGENTUR_NEWSLETTER_RETENTION_DAYS=30)
def test_retention_deletes_the_address_but_not_the_consent_records(
    region, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(region, "alt@example.org")
        subscribe(region, "neu@example.org")
    for message in mail.outbox:
        svc.confirm(token_from_mail(message))
    old = Subscription.objects.get(email="alt@example.org")
    long_ago = timezone.now() - datetime.timedelta(days=31)
    svc.unsubscribe(old.unsubscribe_key, now=long_ago)
    svc.unsubscribe(Subscription.objects.get(email="neu@example.org").unsubscribe_key)
    assert svc.purge_unsubscribed() >= 1
    assert list(Subscription.objects.values_list("email", flat=True)) == ["neu@example.org"]
    kept = ConsentRecord.objects.get(email="alt@example.org")
    assert kept.subscription is None and kept.withdrawn is not None
    exported = svc.consent_export(region, "ALT@example.org ")
    assert len(exported) == 1
    assert exported[0]["consent_text"] == svc.consent_text(region)
    assert exported[0]["withdrawn"] is not None


@pytest.mark.django_db
def test_bad_addresses_are_refused_and_nothing_is_saved(region):
    for value, code in [
        ("", "required"),
        ("   ", "required"),
        ("keine-adresse", "invalid"),
        ("a@" + "b" * 260 + ".de", "max_length"),
    ]:
        with pytest.raises(ValidationError) as refusal:
            subscribe(region, value)
        assert refusal.value.code == code
    assert not Subscription.objects.exists() and not ConsentRecord.objects.exists()


@pytest.mark.django_db
def test_segments_standard_ones_once_and_unknown_ids_refused(region, other_region, segments):
    count = Segment.objects.filter(region=region).count()
    svc.ensure_segments(region)
    assert Segment.objects.filter(region=region).count() == count == 1 + 1 + 3
    kinds = set(Segment.objects.values_list("kind", flat=True))
    assert kinds == {SegmentKind.MUNICIPALITY, SegmentKind.FIELD, SegmentKind.AUDIENCE}
    chosen = svc.segments_for(region, [segments["field"].pk, str(segments["town"].pk)])
    assert chosen == [segments["field"], segments["town"]]
    svc.ensure_segments(other_region)
    foreign = Segment.objects.filter(region=other_region).first()
    for bad in ([foreign.pk], ["abc"], [999999]):
        with pytest.raises(ValidationError):
            svc.segments_for(region, bad)
    hidden = segments["audience"]
    hidden.selectable = False
    hidden.save()
    with pytest.raises(ValidationError):
        svc.segments_for(region, [hidden.pk])
    with pytest.raises(ValidationError):
        subscribe(region, segments=[foreign])
    assert not Subscription.objects.exists()


@pytest.mark.django_db
def test_a_field_named_like_an_audience_leaves_both_segments_distinct(region):
    field = t.make_field(t.make_strategy(region), name="Verwaltung")
    svc.ensure_segments(region)
    svc.ensure_segments(region)
    assert Segment.objects.get(region=region, field=field).name == "Verwaltung"
    audience = Segment.objects.get(region=region, audience="administration")
    assert audience.name == "Verwaltung (Zielgruppe)"
    assert Segment.objects.filter(region=region, kind=SegmentKind.AUDIENCE).count() == 3


@pytest.mark.django_db(transaction=True)
def test_twenty_requests_for_one_address_at_once_make_one_row_and_one_mail(region):
    barrier = threading.Barrier(20)

    def request(_index):
        barrier.wait()
        try:
            return svc.subscribe(region, "gleichzeitig@example.org", ip="192.0.2.1")
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=20) as pool:
        sent = list(pool.map(request, range(20)))
    assert sent.count(True) == 1
    assert Subscription.objects.count() == 1
    assert ConsentRecord.objects.count() == 1
    assert len(mail.outbox) == 1
