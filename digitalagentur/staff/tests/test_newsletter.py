"""The newsletter's list in the staff area (issue 13, section 1): only the coordination sees
the subscribers, the segments and the consent records (login for anonymous visitors, 403 for
other roles, 404 for other regions' segments); the list counts, searches, filters and sorts;
staff segments are created (a duplicate name is refused in German, nothing saved), edited and
deleted (standard segments are not deletable); the consent records of an address are shown
and downloaded as CSV and JSON, never cached."""

from __future__ import annotations

import csv
import datetime
import io
import json
import secrets

import pytest
from django.urls import reverse
from django.utils import timezone

from digitalagentur.communication import newsletter
from digitalagentur.communication.choices import ConsentForm, SegmentKind, SubscriptionStatus
from digitalagentur.communication.models import ConsentRecord, Segment, Subscription
from digitalagentur.core.models import ObjectChange
from digitalagentur.staff.links import object_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

ACTIVE, PENDING = SubscriptionStatus.ACTIVE, SubscriptionStatus.PENDING
UNSUBSCRIBED = SubscriptionStatus.UNSUBSCRIBED


def url(name, *args):
    return reverse(f"staff:{name}", args=args)


def custom(region, name="Presse", **values):
    return Segment.objects.create(region=region, kind=SegmentKind.CUSTOM, name=name, **values)


def subscription(region, email, status=ACTIVE, segments=(), days_ago=1):
    when = timezone.now() - datetime.timedelta(days=days_ago)
    row = Subscription.objects.create(
        region=region,
        email=email,
        status=status,
        requested=when,
        confirmed=when if status in (ACTIVE, UNSUBSCRIBED) else None,
        unsubscribed=timezone.now() if status == UNSUBSCRIBED else None,
        unsubscribe_key=secrets.token_urlsafe(16),
    )
    row.segments.set(segments)
    return row


def consent(region, row, *, confirmed=True, withdrawn=False, ip="198.51.100.7", text=None):
    now = timezone.now()
    return ConsentRecord.objects.create(
        region=region,
        subscription=row,
        email=row.email,
        form=ConsentForm.WEBSITE,
        consent_text=text or newsletter.consent_text(region),
        consent_version=newsletter.CONSENT_VERSION,
        segments="Senden, Unternehmen",
        requested=now - datetime.timedelta(hours=2),
        request_ip=ip,
        confirmed=now - datetime.timedelta(hours=1) if confirmed else None,
        confirm_ip="198.51.100.8" if confirmed else None,
        withdrawn=now if withdrawn else None,
    )


def segment_data(**overrides):
    data = {"name": "Presse", "description": "Für Redaktionen", "selectable": "on"}
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def all_urls(segment):
    return [
        url("newsletter_subscribers"),
        url("newsletter_segments"),
        url("newsletter_segment_create"),
        url("newsletter_segment_edit", segment.pk),
        url("newsletter_segment_delete", segment.pk),
        url("newsletter_consents"),
        url("newsletter_consents") + "?email=a@example.org",
        url("newsletter_consents_csv") + "?email=a@example.org",
        url("newsletter_consents_json") + "?email=a@example.org",
        url("newsletter_bounces"),
    ]


# -- who may --------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login(client, region):
    segment = custom(region)
    for address in all_urls(segment):
        response = client.get(address)
        assert response.status_code == 302, address
        assert "/login" in response["Location"] or "anmelden" in response["Location"], address


@pytest.mark.parametrize("role", ["reader", "officer"])
def test_readers_and_officers_get_403_and_change_nothing(client, login, region, role):
    segment = custom(region)
    login(role)
    for address in all_urls(segment):
        assert client.get(address).status_code == 403, address
    assert client.post(url("newsletter_segment_create"), segment_data(name="X")).status_code == 403
    assert client.post(url("newsletter_segment_delete", segment.pk), {}).status_code == 403
    edit = client.post(url("newsletter_segment_edit", segment.pk), segment_data(name="Umbenannt"))
    assert edit.status_code == 403
    assert list(Segment.objects.values_list("name", flat=True)) == ["Presse"]
    assert url("newsletter_subscribers") not in client.get(url("dashboard")).content.decode()


def test_a_coordinator_of_another_region_gets_403(client, login, region, other_region):
    login("foreign_coordinator")
    assert client.get(url("newsletter_subscribers")).status_code == 403


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_the_coordination_sees_every_page_uncached(client, login, region, role):
    segment = custom(region)
    login(role)
    assert url("newsletter_subscribers") in client.get(url("dashboard")).content.decode()
    for address in all_urls(segment):
        response = client.get(address)
        assert response.status_code == 200, address
        cache = response["Cache-Control"]
        assert "no-store" in cache and "private" in cache, address


def test_other_regions_segments_and_addresses_stay_hidden(client, login, region, other_region):
    foreign = custom(other_region, "Fremde Gruppe")
    row = subscription(other_region, "fremd@example.org", segments=[foreign])
    consent(other_region, row)
    login("coordinator")
    for name in ["newsletter_segment_edit", "newsletter_segment_delete"]:
        assert client.get(url(name, foreign.pk)).status_code == 404
        assert client.post(url(name, foreign.pk), segment_data(name="X")).status_code == 404
    assert Segment.objects.get(pk=foreign.pk).name == "Fremde Gruppe"
    assert "Fremde Gruppe" not in client.get(url("newsletter_segments")).content.decode()
    listing = client.get(url("newsletter_subscribers")).content.decode()
    assert "fremd@example.org" not in listing
    # a segment id of another region is no filter here
    response = client.get(url("newsletter_subscribers"), {"gruppe": foreign.pk})
    assert response.status_code == 400
    assert "keine Gruppe dieser Region" in response.content.decode()
    page = client.get(url("newsletter_consents"), {"email": "fremd@example.org"}).content.decode()
    assert "keine Einwilligung" in page and "198.51.100.7" not in page
    exported = client.get(url("newsletter_consents_json"), {"email": "fremd@example.org"})
    assert json.loads(exported.content)["records"] == []


# -- the subscribers --------------------------------------------------------------------------


def test_the_list_counts_searches_filters_and_sorts(client, login, region, town):
    press = custom(region)
    subscription(region, "anna@example.org", segments=[press], days_ago=3)
    subscription(region, "bert@beispiel.de", days_ago=2)
    subscription(region, "carla@example.org", status=PENDING, segments=[press], days_ago=1)
    subscription(region, "dora@example.org", status=UNSUBSCRIBED)
    login("coordinator")
    response = client.get(url("newsletter_subscribers"))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="anzahl-active">2<' in page
    assert 'id="anzahl-pending">1<' in page
    assert 'id="anzahl-unsubscribed">1<' in page
    assert 'id="anzahl-bounced">0<' in page
    assert 'id="anzahl-gesamt">4<' in page

    def shown(**params):
        body = client.get(url("newsletter_subscribers"), params).content.decode()
        found = [e for e in ["anna@", "bert@", "carla@", "dora@"] if e in body]
        return sorted(found, key=body.index)

    assert shown() == ["anna@", "bert@", "carla@", "dora@"]
    assert shown(q="EXAMPLE.org") == ["anna@", "carla@", "dora@"]
    assert shown(status="active") == ["anna@", "bert@"]
    assert shown(gruppe=press.pk) == ["anna@", "carla@"]
    assert shown(gruppe=press.pk, status="pending") == ["carla@"]
    assert shown(sortierung="-adresse") == ["dora@", "carla@", "bert@", "anna@"]
    assert shown(sortierung="angefragt")[0] == "anna@"
    assert shown(sortierung="-angefragt")[-1] == "anna@"
    assert shown(sortierung="quatsch") == ["anna@", "bert@", "carla@", "dora@"]
    assert (
        "Keine Adresse passt"
        in client.get(url("newsletter_subscribers"), {"q": "zzz"}).content.decode()
    )


def test_bad_filters_are_named_in_german(client, login, region):
    login("coordinator")
    response = client.get(url("newsletter_subscribers"), {"status": "weg", "gruppe": "x"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "„weg“ ist kein Status der Liste." in page
    assert "„x“ ist keine Gruppe dieser Region." in page


def test_the_list_is_paginated(client, login, region):
    for n in range(55):
        subscription(region, f"person{n:02d}@example.org")
    login("coordinator")
    first = client.get(url("newsletter_subscribers")).content.decode()
    assert "person00@" in first and "person50@" not in first
    second = client.get(url("newsletter_subscribers"), {"page": 2}).content.decode()
    assert "person50@" in second and "person00@" not in second


# -- segments -----------------------------------------------------------------------------------


def test_the_segments_page_creates_the_standard_ones_and_counts_active_subscribers(
    client, login, region, town, other_town
):
    press = custom(region)
    subscription(region, "a@example.org", segments=[press])
    subscription(region, "b@example.org", segments=[press])
    subscription(region, "c@example.org", status=PENDING, segments=[press])
    login("coordinator")
    page = client.get(url("newsletter_segments")).content.decode()
    assert "Senden" in page and "Havixbeck" in page and "Unternehmen" in page
    standard = Segment.objects.get(region=region, municipality=town)
    assert url("newsletter_segment_edit", standard.pk) in page
    assert url("newsletter_segment_delete", standard.pk) not in page
    assert url("newsletter_segment_delete", press.pk) in page
    row = page[page.index(f'id="gruppe-{press.pk}"') :]
    assert 'status=active">2</a>' in row[: row.index("</tr>")]


def test_creating_a_segment(client, login, region):
    user = login("coordinator")
    response = client.post(url("newsletter_segment_create"), segment_data(name="  Presse  "))
    assert response.status_code == 302
    assert response["Location"] == url("newsletter_segments")
    segment = Segment.objects.get(region=region, name="Presse")
    assert segment.kind == SegmentKind.CUSTOM
    assert segment.description == "Für Redaktionen" and segment.selectable
    change = ObjectChange.objects.get(object_id=segment.pk, action=ObjectChange.Action.CREATE)
    assert change.user == user
    assert object_url(change) == url("newsletter_segment_edit", segment.pk)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (segment_data(name="presse"), "Eine Gruppe mit diesem Namen gibt es schon."),
        (segment_data(name=""), "Bitte geben Sie einen Namen an."),
        (segment_data(name="   "), "Bitte geben Sie einen Namen an."),
        (segment_data(name="x" * 121), "höchstens 120 Zeichen"),
        (segment_data(description="x" * 301), "höchstens 300 Zeichen"),
    ],
)
def test_bad_segments_are_refused_in_german_and_save_nothing(client, login, region, data, message):
    custom(region)
    login("coordinator")
    response = client.post(url("newsletter_segment_create"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Segment.objects.count() == 1
    assert not ObjectChange.objects.filter(action=ObjectChange.Action.CREATE).exists()


def test_the_same_name_in_another_region_is_fine(client, login, region, other_region):
    custom(other_region, "Presse")
    login("coordinator")
    assert client.post(url("newsletter_segment_create"), segment_data()).status_code == 302
    assert Segment.objects.filter(name="Presse").count() == 2


def test_editing_a_segment(client, login, region, town):
    newsletter.ensure_segments(region)
    standard = Segment.objects.get(region=region, municipality=town)
    custom(region, "Presse")
    login("coordinator")
    form = client.get(url("newsletter_segment_edit", standard.pk)).content.decode()
    assert "Standardgruppe" in form and 'value="Senden"' in form
    duplicate = client.post(url("newsletter_segment_edit", standard.pk), segment_data())
    assert duplicate.status_code == 400
    assert "Eine Gruppe mit diesem Namen gibt es schon." in duplicate.content.decode()
    standard.refresh_from_db()
    assert standard.name == "Senden"
    response = client.post(
        url("newsletter_segment_edit", standard.pk),
        {"name": "Gemeinde Senden", "description": "Alles aus Senden"},  # not selectable
    )
    assert response.status_code == 302
    standard.refresh_from_db()
    assert standard.name == "Gemeinde Senden" and not standard.selectable
    assert standard.kind == SegmentKind.MUNICIPALITY and standard.municipality == town
    change = ObjectChange.objects.get(object_id=standard.pk, action=ObjectChange.Action.UPDATE)
    assert change.changes["name"] == {"before": "Senden", "after": "Gemeinde Senden"}
    # the renamed town segment is not created a second time
    newsletter.ensure_segments(region)
    assert Segment.objects.filter(region=region, municipality=town).count() == 1
    # its own name again is no duplicate
    same = client.post(
        url("newsletter_segment_edit", standard.pk), segment_data(name="Gemeinde Senden")
    )
    assert same.status_code == 302


def test_only_custom_segments_are_deleted(client, login, region, town):
    newsletter.ensure_segments(region)
    standard = Segment.objects.get(region=region, municipality=town)
    press = custom(region)
    row = subscription(region, "a@example.org", segments=[press, standard])
    login("coordinator")
    assert client.get(url("newsletter_segment_delete", standard.pk)).status_code == 403
    assert client.post(url("newsletter_segment_delete", standard.pk), {}).status_code == 403
    assert Segment.objects.filter(pk=standard.pk).exists()
    confirm = client.get(url("newsletter_segment_delete", press.pk))
    assert confirm.status_code == 200 and "Presse" in confirm.content.decode()
    response = client.post(url("newsletter_segment_delete", press.pk), {"reason": "doppelt"})
    assert response.status_code == 302 and response["Location"] == url("newsletter_segments")
    assert not Segment.objects.filter(pk=press.pk).exists()
    assert Subscription.objects.filter(pk=row.pk).exists()
    assert list(row.segments.all()) == [standard]
    change = ObjectChange.objects.get(object_id=press.pk, action=ObjectChange.Action.DELETE)
    assert change.reason == "doppelt"


# -- proof of consent ---------------------------------------------------------------------------


@pytest.fixture
def proof(region):
    row = subscription(region, "erika@example.org", status=UNSUBSCRIBED)
    first = consent(region, row, withdrawn=True, text='=HYPERLINK("x") Ich möchte …')
    second = consent(region, row, confirmed=False, ip="2001:db8::1")
    return row, first, second


def test_the_consent_page_shows_every_record(client, login, region, proof):
    row, first, second = proof
    login("coordinator")
    form = client.get(url("newsletter_consents"))
    assert form.status_code == 200 and 'name="email"' in form.content.decode()
    response = client.get(url("newsletter_consents"), {"email": " Erika@Example.org "})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Einwilligungen von erika@example.org" in page
    assert f'id="einwilligung-{first.pk}"' in page and f'id="einwilligung-{second.pk}"' in page
    for text in [
        "198.51.100.7",
        "198.51.100.8",
        "2001:db8::1",
        newsletter.CONSENT_VERSION,
        "Formular auf der Website",
        "Senden, Unternehmen",
        "nicht bestätigt",
        "abgemeldet",
        "=HYPERLINK(&quot;x&quot;)",
    ]:
        assert text in page, text
    assert url("newsletter_consents_csv") + "?email=erika%40example.org" in page
    assert url("newsletter_consents_json") + "?email=erika%40example.org" in page


def test_a_bad_address_is_refused_in_german(client, login, region, proof):
    login("coordinator")
    for name in ["newsletter_consents", "newsletter_consents_csv", "newsletter_consents_json"]:
        response = client.get(url(name), {"email": "keine-adresse"})
        assert response.status_code == 400, name
        assert "Bitte geben Sie eine gültige E-Mail-Adresse an." in response.content.decode()
        empty = client.get(url(name), {"email": ""})
        assert empty.status_code == 400
        assert "Bitte geben Sie eine E-Mail-Adresse an." in empty.content.decode()


def test_the_csv_export(client, login, region, proof):
    row, first, second = proof
    login("coordinator")
    response = client.get(url("newsletter_consents_csv"), {"email": "erika@example.org"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="einwilligungen-')
    assert "erika" not in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:4] == ["E-Mail-Adresse", "Formular", "angefragt am", "IP-Adresse der Anfrage"]
    assert len(rows) == 3
    assert rows[1][0] == "erika@example.org"
    assert rows[1][3] == "198.51.100.7" and rows[1][8] == "198.51.100.8"
    assert rows[1][5].startswith("'=HYPERLINK")  # never evaluated as a formula
    assert rows[1][9]  # withdrawn
    assert rows[2][3] == "2001:db8::1" and rows[2][7] == "" and rows[2][9] == ""


def test_the_json_export(client, login, region, proof):
    row, first, second = proof
    login("coordinator")
    response = client.get(url("newsletter_consents_json"), {"email": "ERIKA@example.org"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "no-store" in response["Cache-Control"]
    document = json.loads(response.content)
    assert document["email"] == "erika@example.org"
    assert document["region"] == region.name
    assert document["records"] == newsletter.consent_export(region, "erika@example.org")
    assert [r["request_ip"] for r in document["records"]] == ["198.51.100.7", "2001:db8::1"]
    assert document["records"][0]["consent_text"].startswith('=HYPERLINK("x")')
    assert document["records"][0]["withdrawn"] is not None
    assert document["records"][1]["confirmed"] is None


# -- bounces --------------------------------------------------------------------------------


def upload(content: bytes, name="rueckläufer.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {"file": SimpleUploadedFile(name, content, content_type="text/csv")}


def test_bounces_are_checked_first_then_recorded_on_confirmation(client, login, region):
    subscription(region, "weg@example.org")
    subscription(region, "voll@example.org")
    login("coordinator")
    page = client.get(url("newsletter_bounces")).content.decode()
    assert 'enctype="multipart/form-data"' in page
    content = b"email;typ\nweg@example.org;hard\nvoll@example.org;soft\nkaputt;hard\n"
    response = client.post(url("newsletter_bounces"), upload(content))
    assert response.status_code == 302
    report_url = response["Location"]
    report = client.get(report_url).content.decode()
    assert '<dd id="markiert">1</dd>' in report and '<dd id="gezaehlt">1</dd>' in report
    assert "Zeile 4: Bitte geben Sie eine gültige E-Mail-Adresse an." in report
    assert Subscription.objects.get(email="weg@example.org").status == ACTIVE

    # confirmed once; the token is gone afterwards
    response = client.post(report_url)
    assert response.status_code == 302
    assert Subscription.objects.get(email="weg@example.org").status == "bounced"
    assert Subscription.objects.get(email="voll@example.org").bounce_count == 1
    again = client.post(report_url, follow=True)
    assert "nicht mehr vorhanden" in again.content.decode()
    assert Subscription.objects.get(email="voll@example.org").bounce_count == 1


def test_a_bad_bounce_file_is_refused_in_german_and_changes_nothing(client, login, region):
    subscription(region, "weg@example.org")
    login("coordinator")
    for content, message in [
        (b"", "Die übermittelte Datei ist leer."),
        (b"name;ort\nAnna;Coesfeld\n", "keine gültige E-Mail-Adresse"),
        (b"\x00\x01", "Das ist keine Textdatei"),
    ]:
        response = client.post(url("newsletter_bounces"), upload(content))
        assert response.status_code == 400, content
        assert message in response.content.decode(), content
    assert client.post(url("newsletter_bounces"), {}).status_code == 400
    assert Subscription.objects.get(email="weg@example.org").status == ACTIVE


def test_another_users_bounce_report_is_404(client, login, region, django_user_model):
    from digitalagentur.core import uploads

    other = django_user_model.objects.create_user("andere", "andere@example.org", "x")
    token = uploads.remember("newsletter-bounces", other, region, "a.csv", b"weg@example.org\n")
    login("coordinator")
    assert client.get(url("newsletter_bounces_report", token)).status_code == 404
    assert client.post(url("newsletter_bounces_report", token)).status_code == 404
