"""Legal pages and messages in the staff area: coordination only, logged, per region."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from digitalagentur.core.models import ObjectChange
from digitalagentur.core.services import changes_for
from digitalagentur.legal.models import (
    AccessibilityStatement,
    ContactDetails,
    LegalText,
    Message,
    MessageStatus,
    Reply,
    TextKind,
)

pytestmark = pytest.mark.django_db

DENIED = ["officer", "reader"]


def make_message(region, n=1, **values) -> Message:
    values = {
        "kind": "contact",
        "name": f"Person {n}",
        "email": f"person{n}@example.org",
        "subject": f"Betreff {n}",
        "text": "Eine Frage.",
        **values,
    }
    return Message.objects.create(region=region, **values)


class TestEditPages:
    def test_coordinator_creates_a_page_and_it_is_logged(self, client, login, region):
        user = login("coordinator")
        url = reverse("staff:legal_edit", args=["impressum"])
        page = client.get(url)
        assert page.status_code == 200
        assert 'name="csrfmiddlewaretoken"' in page.content.decode()
        response = client.post(url, {"body": "## Anbieter\nKreis A", "reason": "Erstfassung"})
        assert response.status_code == 302
        text = LegalText.objects.get(region=region, kind=TextKind.IMPRINT)
        assert text.body == "## Anbieter\nKreis A"
        change = changes_for(text).get()
        assert change.action == ObjectChange.Action.CREATE and change.user == user
        assert change.reason == "Erstfassung"
        assert "Kreis A" in client.get(reverse("public:imprint")).content.decode()

    def test_admin_updates_with_version_and_stale_version_conflicts(self, client, login, region):
        text = LegalText.objects.create(region=region, kind=TextKind.PRIVACY, body="alt")
        login("admin")
        url = reverse("staff:legal_edit", args=["datenschutz"])
        response = client.post(url, {"body": "neu", "version": text.version})
        assert response.status_code == 302
        text.refresh_from_db()
        assert (text.body, text.version) == ("neu", 2)
        assert changes_for(text).get().changes["body"] == {"before": "alt", "after": "neu"}
        stale = client.post(url, {"body": "überschrieben?", "version": 1})
        assert stale.status_code == 409
        text.refresh_from_db()
        assert text.body == "neu"

    def test_accessibility_statement_and_contact_forms(self, client, login, region):
        login("coordinator")
        response = client.post(
            reverse("staff:legal_edit", args=["barrierefreiheit"]),
            {
                "compliance": "partial",
                "known_barriers": "- PDF",
                "prepared_on": "2025-01-15",
                "reviewed_on": "2024-01-01",
                "arbitration_url": "https://www.schlichtungsstelle-bgg.de",
            },
        )
        assert response.status_code == 200
        assert "nicht vor der Erstellung" in response.content.decode()
        assert not AccessibilityStatement.objects.exists()
        response = client.post(
            reverse("staff:legal_edit", args=["kontakt"]),
            {"organisation": "Kreis A", "email": "kontakt@example.org", "phone": "0123"},
        )
        assert response.status_code == 302
        assert ContactDetails.objects.get(region=region).email == "kontakt@example.org"

    def test_sign_language_video_accepts_local_paths_and_https_only(self, client, login, region):
        login("coordinator")
        url = reverse("staff:legal_edit", args=["gebaerdensprache"])
        for bad in ["javascript:alert(1)", "http://video.example.org/x.mp4", "//evil.example"]:
            response = client.post(url, {"body": "", "video_url": bad})
            assert response.status_code == 200, bad
            assert "https-Adresse" in response.content.decode()
        assert not LegalText.objects.exists()
        assert client.post(url, {"video_url": "/media/dgs.mp4"}).status_code == 302

    @pytest.mark.parametrize("role", DENIED)
    def test_officer_and_reader_are_denied(self, client, login, region, role):
        text = LegalText.objects.create(region=region, kind=TextKind.IMPRINT, body="alt")
        login(role)
        for url in [
            reverse("staff:legal_overview"),
            reverse("staff:legal_edit", args=["impressum"]),
        ]:
            assert client.get(url).status_code == 403
        response = client.post(
            reverse("staff:legal_edit", args=["impressum"]), {"body": "neu", "version": 1}
        )
        assert response.status_code == 403
        text.refresh_from_db()
        assert text.body == "alt" and text.version == 1

    def test_anonymous_is_sent_to_login(self, client, region):
        response = client.post(reverse("staff:legal_edit", args=["impressum"]), {"body": "x"})
        assert response.status_code == 302 and "/anmelden/" in response.url
        assert not LegalText.objects.exists()

    def test_other_regions_coordinator_is_denied_and_pages_stay_per_region(
        self, client, login, region, other_region
    ):
        foreign = LegalText.objects.create(region=other_region, kind=TextKind.IMPRINT, body="B")
        login("foreign_coordinator")
        response = client.post(reverse("staff:legal_edit", args=["impressum"]), {"body": "x"})
        assert response.status_code == 403
        # Region A's coordinator edits region A's page; region B's stays as it was.
        login("coordinator")
        client.post(reverse("staff:legal_edit", args=["impressum"]), {"body": "A"})
        foreign.refresh_from_db()
        assert foreign.body == "B"
        assert LegalText.objects.get(region=region).body == "A"

    def test_unknown_page_is_404(self, client, login, region):
        login("coordinator")
        assert client.get(reverse("staff:legal_edit", args=["gibt-es-nicht"])).status_code == 404

    def test_overview_lists_pages_and_nav_links_only_for_coordination(self, client, login):
        login("coordinator")
        html = client.get(reverse("staff:dashboard")).content.decode()
        assert f'href="{reverse("staff:legal_overview")}"' in html
        html = client.get(reverse("staff:legal_overview")).content.decode()
        assert "noch nicht ausgefüllt" in html
        assert reverse("staff:legal_edit", args=["leichte-sprache"]) in html
        login("reader")
        html = client.get(reverse("staff:dashboard")).content.decode()
        assert f'href="{reverse("staff:legal_overview")}"' not in html


class TestMessages:
    def test_list_newest_first_filtered_and_paginated(
        self, client, login, region, other_region, django_assert_max_num_queries
    ):
        for n in range(30):
            make_message(region, n, kind="barrier" if n % 2 else "contact")
        make_message(other_region, 99, subject="Fremde Nachricht")
        login("coordinator")
        url = reverse("staff:message_list")
        with django_assert_max_num_queries(12):
            html = client.get(url).content.decode()
        assert "30 Nachrichten" in html
        assert "Betreff 29" in html and "Betreff 4<" not in html  # page 1 holds the newest 25
        assert html.index("Betreff 29") < html.index("Betreff 28")
        assert "Fremde Nachricht" not in html
        html = client.get(url + "?page=2").content.decode()
        assert "Betreff 0<" in html
        html = client.get(url + "?art=barrier").content.decode()
        assert "15 Nachrichten" in html and "Betreff 2<" not in html
        Message.objects.filter(subject="Betreff 3").update(status=MessageStatus.CLOSED)
        html = client.get(url + "?status=closed").content.decode()
        assert "1 Nachricht" in html and "Betreff 3<" in html
        html = client.get(url + "?status=kaputt&art=x&page=abc").content.decode()
        assert "Ungültiger Filter" in html and "30 Nachrichten" in html

    @pytest.mark.parametrize("role", DENIED)
    def test_officer_and_reader_never_see_messages(self, client, login, region, role):
        message = make_message(region)
        login(role)
        assert client.get(reverse("staff:message_list")).status_code == 403
        assert client.get(reverse("staff:message_detail", args=[message.pk])).status_code == 403
        response = client.post(
            reverse("staff:message_answer", args=[message.pk]), {"text": "x", "version": 1}
        )
        assert response.status_code == 403
        response = client.post(
            reverse("staff:message_status", args=[message.pk]),
            {"status": "closed", "version": 1},
        )
        assert response.status_code == 403
        message.refresh_from_db()
        assert message.status == MessageStatus.NEW and not Reply.objects.exists()
        assert mail.outbox == []

    def test_messages_of_other_regions_are_not_found(self, client, login, other_region):
        foreign = make_message(other_region)
        login("coordinator")
        assert client.get(reverse("staff:message_detail", args=[foreign.pk])).status_code == 404
        response = client.post(
            reverse("staff:message_answer", args=[foreign.pk]), {"text": "x", "version": 1}
        )
        assert response.status_code == 404
        assert not Reply.objects.exists()

    def test_answer_is_mailed_stored_and_logged(
        self, client, login, region, django_capture_on_commit_callbacks
    ):
        message = make_message(region)
        user = login("coordinator")
        detail = client.get(reverse("staff:message_detail", args=[message.pk]))
        assert "Eine Frage." in detail.content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("staff:message_answer", args=[message.pk]),
                {"text": "Die Fassung erscheint im Mai.", "version": message.version},
            )
        assert response.status_code == 302
        message.refresh_from_db()
        assert message.status == MessageStatus.ANSWERED
        reply = Reply.objects.get()
        assert (reply.message, reply.sent_by, reply.text) == (
            message,
            user,
            "Die Fassung erscheint im Mai.",
        )
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == ["person1@example.org"]
        assert "Die Fassung erscheint im Mai." in mail.outbox[0].body
        change = changes_for(message).get()
        assert change.changes == {"status": {"before": "new", "after": "answered"}}
        assert change.user == user
        # The change log holds no personal data of the sender.
        assert "person1" not in str(change.changes) + change.object_repr
        html = client.get(reverse("staff:message_detail", args=[message.pk])).content.decode()
        assert "Die Fassung erscheint im Mai." in html

    def test_answer_through_the_real_smtp_server(
        self, client, login, region, smtp_server, django_capture_on_commit_callbacks
    ):
        message = make_message(region)
        login("admin")
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("staff:message_answer", args=[message.pk]),
                {"text": "Antworttext", "version": message.version},
            )
        assert [m["X-Envelope-To"] for m in smtp_server] == ["person1@example.org"]
        assert "Antworttext" in smtp_server[0].get_content()

    def test_bad_or_stale_answer_sends_nothing(
        self, client, login, region, django_capture_on_commit_callbacks
    ):
        message = make_message(region)
        login("coordinator")
        url = reverse("staff:message_answer", args=[message.pk])
        with django_capture_on_commit_callbacks(execute=True):
            empty = client.post(url, {"text": "", "version": message.version})
            too_long = client.post(url, {"text": "x" * 5001, "version": message.version})
            stale = client.post(url, {"text": "Antwort", "version": message.version + 5})
        assert empty.status_code == 400
        assert "Bitte schreiben Sie eine Antwort." in empty.content.decode()
        assert too_long.status_code == 400
        assert stale.status_code == 409
        assert "inzwischen bearbeitet" in stale.content.decode()
        assert not Reply.objects.exists() and mail.outbox == []
        message.refresh_from_db()
        assert message.status == MessageStatus.NEW

    def test_status_change_is_logged(self, client, login, region):
        message = make_message(region)
        login("coordinator")
        url = reverse("staff:message_status", args=[message.pk])
        assert client.post(url, {"status": "closed", "version": 1}).status_code == 302
        message.refresh_from_db()
        assert message.status == MessageStatus.CLOSED
        assert changes_for(message).get().changes["status"] == {
            "before": "new",
            "after": "closed",
        }
        assert client.post(url, {"status": "weg", "version": 2}).status_code == 400
        message.refresh_from_db()
        assert message.status == MessageStatus.CLOSED
