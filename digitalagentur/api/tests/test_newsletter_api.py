"""The newsletter's subscription through the API (issue 13, section 1): the same 202 for a
new, waiting, subscribed and unsubscribed address, the confirmation mail only for a new one,
the consent record with the form "api" and the client's address, the chosen groups, German
messages per field for bad input (nothing saved), the groups of the request's region only,
and the throttle for anonymous callers."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from digitalagentur.api.communication import newsletter as api_newsletter
from digitalagentur.communication import newsletter
from digitalagentur.communication.choices import ConsentForm, SegmentKind, SubscriptionStatus
from digitalagentur.communication.models import ConsentRecord, Segment, Subscription

from .conftest import OTHER_HOST

pytestmark = pytest.mark.django_db

SUBSCRIBE = reverse("api-newsletter-subscribe")
SEGMENTS = reverse("api-newsletter-segments")


def post(api, body, **extra):
    return api.post(SUBSCRIBE, body, format="json", **extra)


def nothing_saved():
    return not Subscription.objects.exists() and not ConsentRecord.objects.exists()


@pytest.fixture
def segments(region, town, other_town):
    newsletter.ensure_segments(region)
    return {segment.name: segment for segment in Segment.objects.filter(region=region)}


def test_the_urls_are_the_documented_ones():
    assert SUBSCRIBE == "/api/v1/newsletter/subscribe/"
    assert SEGMENTS == "/api/v1/newsletter/segments/"


def test_the_segments_of_the_region_for_anybody(api, region, town, other_town, other_region):
    Segment.objects.create(region=region, kind=SegmentKind.CUSTOM, name="Presse", selectable=False)
    Segment.objects.create(region=other_region, kind=SegmentKind.CUSTOM, name="Fremde Gruppe")
    response = api.get(SEGMENTS)
    assert response.status_code == 200
    rows = response.json()
    names = {row["name"] for row in rows}
    assert {"Senden", "Havixbeck", "Unternehmen"} <= names
    assert "Presse" not in names  # not selectable
    assert "Fremde Gruppe" not in names
    assert set(rows[0]) == {"id", "name", "kind", "description"}
    kinds = {row["name"]: row["kind"] for row in rows}
    assert kinds["Senden"] == "municipality"
    assert kinds["Unternehmen"] == "audience"


def test_a_new_address_gets_the_confirmation_mail_and_a_consent_record(
    api, region, segments, django_capture_on_commit_callbacks
):
    chosen = [segments["Senden"].pk, segments["Unternehmen"].pk]
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            api, {"email": " Neu@Example.org ", "segments": chosen}, REMOTE_ADDR="203.0.113.9"
        )
    assert response.status_code == 202
    assert "Bestätigungslink" in response.json()["detail"]
    subscription = Subscription.objects.get(region=region)
    assert subscription.email == "neu@example.org"
    assert subscription.status == SubscriptionStatus.PENDING
    assert set(subscription.segments.values_list("pk", flat=True)) == set(chosen)
    record = ConsentRecord.objects.get()
    assert record.form == ConsentForm.API
    assert record.request_ip == "203.0.113.9"
    assert record.email == "neu@example.org"
    assert record.consent_version == newsletter.CONSENT_VERSION
    assert "Senden" in record.segments and "Unternehmen" in record.segments
    assert record.confirmed is None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["neu@example.org"]
    assert "/newsletter/bestaetigen/" in mail.outbox[0].body


def test_the_same_answer_for_every_address_and_a_mail_only_for_a_new_one(
    api, region, segments, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = post(api, {"email": "wer@example.org"})
    assert len(mail.outbox) == 1
    # Waiting (asked a moment ago): no second mail, the same answer.
    with django_capture_on_commit_callbacks(execute=True):
        waiting = post(api, {"email": "wer@example.org"})
    # Subscribed already: no mail, the same answer.
    Subscription.objects.filter(email="wer@example.org").update(status=SubscriptionStatus.ACTIVE)
    with django_capture_on_commit_callbacks(execute=True):
        subscribed = post(api, {"email": "WER@example.org"})
    assert len(mail.outbox) == 1
    # Unknown address: the same answer again (and a mail to it).
    with django_capture_on_commit_callbacks(execute=True):
        unknown = post(api, {"email": "niemand@example.org"})
    answers = [first, waiting, subscribed, unknown]
    assert {r.status_code for r in answers} == {202}
    assert len({r.content for r in answers}) == 1
    assert len(mail.outbox) == 2
    assert Subscription.objects.filter(region=region).count() == 2


def test_an_unsubscribed_address_may_subscribe_again(
    api, region, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(api, {"email": "zurueck@example.org"})
    subscription = Subscription.objects.get()
    newsletter.unsubscribe(subscription.unsubscribe_key)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = post(api, {"email": "zurueck@example.org"})
    assert response.status_code == 202
    assert len(mail.outbox) == 1
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.PENDING


@pytest.mark.parametrize(
    ("body", "field", "text"),
    [
        ({}, "email", "Bitte geben Sie Ihre E-Mail-Adresse an."),
        ({"email": ""}, "email", "Bitte geben Sie Ihre E-Mail-Adresse an."),
        ({"email": "   "}, "email", "Bitte geben Sie Ihre E-Mail-Adresse an."),
        ({"email": "keine-adresse"}, "email", "gültige E-Mail-Adresse"),
        ({"email": 42}, "email", "als Text"),
        ({"email": "a" * 250 + "@example.org"}, "email", "zu lang"),
        ({"email": "ok@example.org", "segments": "1,2"}, "segments", "Liste"),
        ({"email": "ok@example.org", "segments": {"id": 1}}, "segments", "Liste"),
        ({"email": "ok@example.org", "segments": ["x"]}, "segments", "ganzer Zahlen"),
        ({"email": "ok@example.org", "segments": [999999]}, "segments", "keine Gruppe"),
    ],
)
def test_bad_input_is_refused_in_german_and_saves_nothing(api, region, segments, body, field, text):
    response = post(api, body)
    assert response.status_code == 400
    errors = response.json()
    assert field in errors, errors
    assert text in str(errors[field])
    assert nothing_saved()
    assert mail.outbox == []


def test_a_hidden_segment_cannot_be_chosen(api, region):
    hidden = Segment.objects.create(
        region=region, kind=SegmentKind.CUSTOM, name="Intern", selectable=False
    )
    response = post(api, {"email": "ok@example.org", "segments": [hidden.pk]})
    assert response.status_code == 400
    assert "keine Gruppe" in str(response.json()["segments"])
    assert nothing_saved()


def test_a_segment_of_another_region_is_refused(
    api, region, other_region, segments, django_capture_on_commit_callbacks
):
    foreign = Segment.objects.create(
        region=other_region, kind=SegmentKind.CUSTOM, name="Gruppe in Kreis B"
    )
    response = post(api, {"email": "ok@example.org", "segments": [foreign.pk]})
    assert response.status_code == 400
    assert "keine Gruppe" in str(response.json()["segments"])
    assert nothing_saved()
    # In its own region (by host) the same id is fine, and the row belongs to that region.
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            api, {"email": "ok@example.org", "segments": [foreign.pk]}, HTTP_HOST=OTHER_HOST
        )
    assert response.status_code == 202
    subscription = Subscription.objects.get()
    assert subscription.region == other_region
    assert list(subscription.segments.all()) == [foreign]


def test_a_logged_in_caller_subscribes_too(client_for, region, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("reader").post(SUBSCRIBE, {"email": "leser@example.org"})
    assert response.status_code == 202
    assert ConsentRecord.objects.get().form == ConsentForm.API


def test_no_csrf_token_is_needed_without_a_session(region):
    from rest_framework.test import APIClient

    api = APIClient(enforce_csrf_checks=True)
    response = api.post(SUBSCRIBE, {"email": "ohne-token@example.org"}, format="json")
    assert response.status_code == 202


def test_anonymous_callers_are_throttled(api, region, monkeypatch):
    monkeypatch.setattr(api_newsletter.SubscribeThrottle, "rate", "2/min")
    codes = [post(api, {"email": f"flut{n}@example.org"}).status_code for n in range(3)]
    assert codes == [202, 202, 429]
    assert "detail" in post(api, {"email": "noch@example.org"}).json()
    assert Subscription.objects.count() == 2
