"""Bounces recorded by an import: hard ones mark the subscription at once, soft ones at the
third; the check saves nothing; a second import of the same file marks nothing twice; lines
without an address are reported by number; other regions' subscriptions stay untouched;
bounced addresses get no further issue."""

from __future__ import annotations

import secrets

import pytest
from django.utils import timezone

from digitalagentur.communication import bounces, sending
from digitalagentur.communication.choices import DeliveryStatus, IssueStatus, SubscriptionStatus
from digitalagentur.communication.models import Delivery, NewsletterIssue, Subscription

pytestmark = pytest.mark.django_db

ACTIVE, BOUNCED = SubscriptionStatus.ACTIVE, SubscriptionStatus.BOUNCED


def subscribed(region, email, status=ACTIVE):
    return Subscription.objects.create(
        region=region,
        email=email,
        status=status,
        requested=timezone.now(),
        confirmed=timezone.now(),
        unsubscribe_key=secrets.token_urlsafe(16),
    )


def status_of(region, email):
    row = Subscription.objects.get(region=region, email=email)
    return row.status, row.bounce_count


def test_a_csv_with_header_marks_hard_bounces_and_counts_soft_ones(region, other_region):
    for email in ("a@example.org", "b@example.org", "c@example.org"):
        subscribed(region, email)
    subscribed(other_region, "a@example.org")
    content = (
        "Empfänger;Typ;Grund\n"
        "A@Example.org;hard;550 5.1.1 user unknown\n"
        "b@example.org;4.2.2;mailbox full\n"
        "keine-adresse;hard;\n"
        "niemand@example.org;hard;\n"
    ).encode()

    report = bounces.check(region, content)
    assert (report.marked, report.counted, report.unknown) == (1, 1, 1)
    assert report.problems == [(4, "Bitte geben Sie eine gültige E-Mail-Adresse an.")]
    assert status_of(region, "a@example.org") == (ACTIVE, 0)  # the check saves nothing

    report = bounces.apply(region, content)
    assert report.applied and report.marked == 1
    row = Subscription.objects.get(region=region, email="a@example.org")
    assert (row.status, row.bounce_count) == (BOUNCED, 1) and row.bounced
    assert status_of(region, "b@example.org") == (ACTIVE, 1)
    assert status_of(region, "c@example.org") == (ACTIVE, 0)
    assert status_of(other_region, "a@example.org") == (ACTIVE, 0)

    again = bounces.apply(region, content)
    assert (again.marked, again.already, again.counted) == (0, 1, 1)
    assert status_of(region, "a@example.org") == (BOUNCED, 1)
    assert status_of(region, "b@example.org") == (ACTIVE, 2)
    bounces.apply(region, content)
    assert status_of(region, "b@example.org") == (BOUNCED, 3)  # the third soft bounce


def test_a_plain_list_is_hard_and_an_address_hard_once_stays_hard(region):
    subscribed(region, "x@example.org")
    subscribed(region, "y@example.org")
    report = bounces.apply(region, b"<x@example.org>\r\ny@example.org,soft\nx@example.org,soft\n")
    assert (report.addresses, report.marked, report.counted) == (2, 1, 1)
    assert status_of(region, "x@example.org") == (BOUNCED, 1)
    assert status_of(region, "y@example.org") == (ACTIVE, 1)


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "Die Datei ist leer."),
        (b"\x00\x01binary", "Das ist keine Textdatei"),
        (b"name;ort\nAnna;Coesfeld\n", "keine gültige E-Mail-Adresse"),
        (b"x" * (bounces.MAX_BYTES + 1), "größer als 5 MB"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_with_a_german_message(region, content, message):
    subscribed(region, "a@example.org")
    with pytest.raises(bounces.BounceFileError) as refusal:
        bounces.apply(region, content)
    assert message in str(refusal.value)
    assert status_of(region, "a@example.org") == (ACTIVE, 0)


def test_a_bounced_address_gets_no_further_issue(region, mailoutbox):
    kept = subscribed(region, "bleibt@example.org")
    gone = subscribed(region, "weg@example.org")
    issue = NewsletterIssue.objects.create(
        region=region, subject="Ausgabe", items=[{"title": "T", "text": "", "url": ""}]
    )
    sending.start_sending(issue)
    bounces.apply(region, b"weg@example.org\n")
    sending.send_pending(issue.pk, rate=0)
    assert [m.to for m in mailoutbox] == [[kept.email]]
    states = dict(Delivery.objects.values_list("email", "status"))
    assert states == {kept.email: DeliveryStatus.SENT, gone.email: DeliveryStatus.SKIPPED}
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT


def test_the_command_checks_unless_told_to_apply(region, tmp_path):
    from io import StringIO

    from django.core.management import CommandError, call_command

    subscribed(region, "weg@example.org")
    path = tmp_path / "bounces.txt"
    path.write_bytes(b"weg@example.org\nkaputt\n")
    out = StringIO()
    call_command("newsletter_bounces", str(path), region=region.slug, stdout=out)
    assert "Probelauf: 1 Adressen: 1 unzustellbar" in out.getvalue()
    assert "Zeile 2: Bitte geben Sie eine gültige E-Mail-Adresse an." in out.getvalue()
    assert status_of(region, "weg@example.org") == (ACTIVE, 0)
    call_command("newsletter_bounces", str(path), region=region.slug, apply=True, stdout=out)
    assert status_of(region, "weg@example.org") == (BOUNCED, 1)
    with pytest.raises(CommandError, match="gibt es nicht"):
        call_command("newsletter_bounces", str(path), region="keine")
    with pytest.raises(CommandError, match="nicht lesbar"):
        call_command("newsletter_bounces", str(tmp_path / "fehlt.csv"), region=region.slug)
