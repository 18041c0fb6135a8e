"""Taking part on the public idea pages (issue 12, sections 1 and 4): submitting an idea (login,
honeypot, timestamp, German messages, duplicates, similar ideas, rate limits), supporting
and withdrawing, comments and answers one level deep, reports; CSRF on every form."""

from __future__ import annotations

import io
import time

import pytest
from django.test import Client
from django.urls import reverse
from PIL import Image

from digitalagentur.core import testing as t
from digitalagentur.legal import spam
from digitalagentur.participation import services
from digitalagentur.participation.choices import IdeaStatus
from digitalagentur.participation.models import Comment, CommentReport, Idea, Support
from digitalagentur.testing.participation import make_idea, make_participant


def token(age: int = 30) -> str:
    return spam.issue_token(now=time.time() - age)


def idea_data(**values) -> dict:
    data = {
        "title": "Bücherbus mit WLAN",
        "text": "Ein Bücherbus, der auch Internet in die Dörfer bringt.",
        "field": "",
        "municipality": "",
        "image_alt": "",
        "homepage": "",
        "timestamp": token(),
        "similar_seen": "",
    }
    data.update(values)
    return data


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


@pytest.fixture
def citizen(db):
    return make_participant("buergerin", first_name="Bürgerin B.")


@pytest.fixture
def logged_in(client, citizen):
    client.force_login(citizen)
    return client


@pytest.fixture
def idea(region):
    return make_idea(region, title="Radweg nach Lette", text="Sicher zur Schule.")


class TestSubmit:
    url = "/ideen/neu/"  # public:idea_new (asserted below)

    def test_anonymous_is_sent_to_the_login_and_back(self, client, region):
        assert reverse("public:idea_new") == self.url
        response = client.get(self.url + "?field=mobilitaet")
        assert response.status_code == 302
        assert response["Location"] == (
            reverse("login") + "?next=" + "/ideen/neu/%3Ffield%3Dmobilitaet"
        )
        response = client.post(self.url, idea_data())
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
        assert not Idea.objects.exists()

    def test_submitted_idea_waits_for_moderation(self, logged_in, region, town, citizen, strategy):
        field = t.make_field(strategy, "Bildung", slug="bildung")
        form = logged_in.get(self.url + "?field=bildung&municipality=senden")
        body = form.content.decode()
        assert form.status_code == 200
        assert f'<option value="{field.pk}" selected>' in body
        assert f'<option value="{town.pk}" selected>' in body
        assert 'name="homepage"' in body and 'name="timestamp"' in body
        response = logged_in.post(
            self.url, idea_data(field=str(field.pk), municipality=str(town.pk)), follow=True
        )
        idea = Idea.objects.get()
        assert idea.status == IdeaStatus.RECEIVED
        assert (idea.author, idea.field, idea.municipality) == (citizen, field, town)
        assert response.redirect_chain == [(reverse("public:idea", args=[idea.pk]), 303)]
        body = response.content.decode()
        assert "Ihre Idee wartet auf Moderation." in body
        assert any("sobald die Moderation sie geprüft hat" in m for m in messages_of(response))
        # Not public until moderated.
        assert Client().get(reverse("public:idea", args=[idea.pk])).status_code == 404

    def test_with_image_and_its_description(self, logged_in, region):
        buffer = io.BytesIO()
        Image.new("RGB", (30, 20), (200, 30, 30)).save(buffer, "PNG")
        buffer.seek(0)
        buffer.name = "bild.png"
        response = logged_in.post(self.url, idea_data(image=buffer))
        assert response.status_code == 400
        assert "Bitte beschreiben Sie das Bild" in response.content.decode()
        buffer.seek(0)
        response = logged_in.post(self.url, idea_data(image=buffer, image_alt="Ein roter Bus"))
        assert response.status_code == 303
        idea = Idea.objects.get()
        assert idea.image_type == "image/jpeg" and idea.image_alt == "Ein roter Bus"

    def test_a_file_that_is_no_image_is_refused(self, logged_in, region):
        fake = io.BytesIO(b"<html><script>alert(1)</script></html>")
        fake.name = "bild.png"
        response = logged_in.post(self.url, idea_data(image=fake, image_alt="x"))
        assert response.status_code == 400
        assert "kein lesbares Foto" in response.content.decode()
        assert not Idea.objects.exists()

    @pytest.mark.parametrize(
        "values, message",
        [
            ({"title": ""}, "Bitte geben Sie einen Titel ein."),
            ({"title": "x" * 151}, "Der Titel ist zu lang"),
            ({"text": ""}, "Bitte beschreiben Sie Ihre Idee."),
            ({"text": "x" * 5001}, "Die Beschreibung ist zu lang"),
            ({"title": "   "}, "Bitte geben Sie einen Titel ein."),
        ],
    )
    def test_empty_or_too_long_in_german(self, logged_in, region, values, message):
        response = logged_in.post(self.url, idea_data(**values))
        assert response.status_code == 400
        body = response.content.decode()
        assert message in body
        assert "Ihre Idee wurde noch nicht eingereicht." in body
        assert not Idea.objects.exists()

    def test_duplicate_title_is_refused(self, logged_in, region, idea):
        response = logged_in.post(
            self.url, idea_data(title="  radweg   NACH lette ", similar_seen="1")
        )
        assert response.status_code == 400
        assert "Eine Idee mit diesem Titel gibt es schon" in response.content.decode()
        assert Idea.objects.count() == 1

    def test_honeypot_refuses_and_stores_nothing(self, logged_in, region):
        response = logged_in.post(self.url, idea_data(homepage="http://spam.example"))
        assert response.status_code == 400
        assert "konnte nicht gesendet werden" in response.content.decode()
        assert not Idea.objects.exists()

    @pytest.mark.parametrize(
        "stamp, message",
        [("", "ungültig"), ("kaputt", "ungültig"), ("fresh", "zu schnell abgeschickt")],
    )
    def test_timestamp_too_fast_or_forged_is_refused(self, logged_in, region, stamp, message):
        stamp = token(age=-60) if stamp == "fresh" else stamp  # "sent" before issued
        response = logged_in.post(self.url, idea_data(timestamp=stamp))
        assert response.status_code == 400
        assert message in response.content.decode()
        assert not Idea.objects.exists()

    def test_similar_ideas_are_shown_first_without_javascript(self, logged_in, region, idea):
        response = logged_in.post(self.url, idea_data(title="Radweg zum Bahnhof"))
        assert response.status_code == 200
        body = response.content.decode()
        assert "Es gibt schon ähnliche Ideen" in body
        assert reverse("public:idea", args=[idea.pk]) in body
        assert 'name="similar_seen" value="1"' in body
        assert "Idee trotzdem einreichen" in body
        assert Idea.objects.count() == 1
        response = logged_in.post(self.url, idea_data(title="Radweg zum Bahnhof", similar_seen="1"))
        assert response.status_code == 303
        assert Idea.objects.filter(title="Radweg zum Bahnhof").exists()

    def test_rate_limit_answers_429_with_a_german_message(self, logged_in, region, settings):
        settings.DIGITALAGENTUR_PARTICIPATION_LIMITS = {"idea": (1, 300, 3600)}
        first = logged_in.post(self.url, idea_data(title="Erste Idee"))
        assert first.status_code == 303
        second = logged_in.post(self.url, idea_data(title="Zweite Idee"))
        assert second.status_code == 429
        assert "sehr viele Ideen eingereicht" in second.content.decode()
        assert second["Retry-After"]
        assert Idea.objects.count() == 1

    def test_csrf_is_required(self, region, citizen):
        client = Client(enforce_csrf_checks=True)
        client.force_login(citizen)
        assert client.post(self.url, idea_data()).status_code == 403
        assert not Idea.objects.exists()


class TestSupport:
    def url(self, idea):
        return reverse("public:idea_support", args=[idea.pk])

    def test_anonymous_is_sent_to_the_login(self, client, idea):
        response = client.post(self.url(idea))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login") + "?next=")
        assert not Support.objects.exists()
        assert client.get(self.url(idea)).status_code == 405

    def test_support_toggles_and_is_counted_once(self, logged_in, citizen, idea):
        page = reverse("public:idea", args=[idea.pk])
        response = logged_in.post(self.url(idea), {"aktion": "unterstuetzen"}, follow=True)
        assert response.redirect_chain == [(page + "#unterstuetzen", 303)]
        body = response.content.decode()
        assert "1 Person unterstützt diese Idee." in body
        assert "Unterstützung zurückziehen" in body
        assert any("Sie unterstützen jetzt" in m for m in messages_of(response))
        # A double click (the same intent again) counts once.
        again = logged_in.post(self.url(idea), {"aktion": "unterstuetzen"}, follow=True)
        assert any("bereits" in m for m in messages_of(again))
        assert Support.objects.filter(idea=idea).count() == 1
        # Without an intent the button toggles: withdrawn.
        response = logged_in.post(self.url(idea), follow=True)
        assert not Support.objects.filter(idea=idea).exists()
        assert "0 Personen unterstützen diese Idee." in response.content.decode()
        logged_in.post(self.url(idea))
        assert Support.objects.filter(idea=idea, user=citizen).count() == 1

    def test_decided_or_hidden_ideas_cannot_be_supported(self, logged_in, region):
        declined = make_idea(region, status=IdeaStatus.DECLINED, reason="Nein.")
        response = logged_in.post(self.url(declined), follow=True)
        assert any("entschieden" in m for m in messages_of(response))
        for status in (IdeaStatus.RECEIVED, IdeaStatus.REJECTED):
            hidden = make_idea(region, status=status)
            assert logged_in.post(self.url(hidden)).status_code == 404
        assert not Support.objects.exists()

    def test_rate_limit_is_a_message(self, logged_in, region, settings):
        settings.DIGITALAGENTUR_PARTICIPATION_LIMITS = {"support": (1, 1200, 600)}
        first, second = make_idea(region), make_idea(region)
        logged_in.post(self.url(first))
        response = logged_in.post(self.url(second), follow=True)
        assert any("sehr oft unterstützt" in m for m in messages_of(response))
        assert Support.objects.count() == 1


class TestComments:
    def url(self, idea):
        return reverse("public:idea_comment", args=[idea.pk])

    def test_anonymous_is_sent_to_the_login(self, client, idea):
        response = client.post(self.url(idea), {"text": "Hallo"})
        assert response.status_code == 302 and "next=" in response["Location"]
        assert not Comment.objects.exists()

    def test_comment_and_answer_one_level_deep(self, logged_in, idea, citizen):
        response = logged_in.post(self.url(idea), {"text": "<b>Gute</b> Idee!"}, follow=True)
        comment = Comment.objects.get()
        page = reverse("public:idea", args=[idea.pk])
        assert response.redirect_chain == [(f"{page}#kommentar-{comment.pk}", 303)]
        body = response.content.decode()
        assert "&lt;b&gt;Gute&lt;/b&gt; Idee!" in body and "<b>Gute</b>" not in body
        assert "Bürgerin B." in body
        # Every visible comment gets an answer form with its own ids.
        assert f'id="id_antwort{comment.pk}_text"' in body
        answer = logged_in.post(self.url(idea), {"text": "Danke!", "parent": comment.pk})
        assert answer.status_code == 303
        reply = Comment.objects.get(parent=comment)
        refused = logged_in.post(self.url(idea), {"text": "Noch tiefer", "parent": reply.pk})
        assert refused.status_code == 400
        assert "Auf eine Antwort kann nicht geantwortet werden" in refused.content.decode()
        assert Comment.objects.count() == 2
        # The text stays, in the form for a new comment (no longer an answer).
        assert "Noch tiefer</textarea>" in refused.content.decode()

    def test_empty_comment_is_shown_again_with_the_error(self, logged_in, idea):
        response = logged_in.post(self.url(idea), {"text": "   "})
        assert response.status_code == 400
        body = response.content.decode()
        assert "Ihr Kommentar wurde nicht veröffentlicht." in body
        assert "Bitte schreiben Sie einen Kommentar." in body
        too_long = logged_in.post(self.url(idea), {"text": "x" * 2001})
        assert too_long.status_code == 400
        assert "Der Kommentar ist zu lang" in too_long.content.decode()
        assert not Comment.objects.exists()

    def test_an_answer_with_an_error_opens_its_form(self, logged_in, idea, citizen):
        comment = services.add_comment(idea, make_participant(), "Erster")
        response = logged_in.post(self.url(idea), {"text": "", "parent": comment.pk})
        assert response.status_code == 400
        body = response.content.decode()
        assert 'class="comment-tool comment-answer" open' in body
        assert "Bitte schreiben Sie einen Kommentar." in body

    def test_honeypot_refuses(self, logged_in, idea):
        response = logged_in.post(self.url(idea), {"text": "Kauf jetzt!", "homepage": "x"})
        assert response.status_code == 400
        assert "konnte nicht gesendet werden" in response.content.decode()
        assert not Comment.objects.exists()

    def test_not_on_hidden_ideas_and_not_to_another_ideas_comment(self, logged_in, region, idea):
        waiting = make_idea(region, status=IdeaStatus.RECEIVED)
        assert logged_in.post(self.url(waiting), {"text": "Hallo"}).status_code == 404
        other = make_idea(region)
        foreign = services.add_comment(other, make_participant(), "Woanders")
        response = logged_in.post(self.url(idea), {"text": "Hallo", "parent": foreign.pk})
        assert response.status_code == 404
        assert Comment.objects.count() == 1

    def test_rate_limit_answers_429(self, logged_in, idea, settings):
        settings.DIGITALAGENTUR_PARTICIPATION_LIMITS = {"comment": (1, 600, 3600)}
        assert logged_in.post(self.url(idea), {"text": "Eins"}).status_code == 303
        response = logged_in.post(self.url(idea), {"text": "Zwei"})
        assert response.status_code == 429
        assert "sehr viele Kommentare" in response.content.decode()


class TestReport:
    def url(self, comment):
        return reverse("public:idea_comment_report", args=[comment.pk])

    def test_report_once_per_person(self, logged_in, idea, citizen):
        comment = services.add_comment(idea, make_participant(), "Unfreundlich")
        page = reverse("public:idea", args=[idea.pk])
        body = logged_in.get(page).content.decode()
        assert f'action="{self.url(comment)}"' in body
        response = logged_in.post(self.url(comment), {"reason": "Beleidigend"}, follow=True)
        assert response.redirect_chain == [(f"{page}#kommentar-{comment.pk}", 303)]
        assert any("Danke für Ihre Meldung" in m for m in messages_of(response))
        assert "Sie haben diesen Kommentar gemeldet." in response.content.decode()
        again = logged_in.post(self.url(comment), {}, follow=True)
        assert any("bereits gemeldet" in m for m in messages_of(again))
        report = CommentReport.objects.get()
        assert (report.user, report.reason) == (citizen, "Beleidigend")

    def test_anonymous_and_hidden(self, client, idea, citizen):
        comment = services.add_comment(idea, make_participant(), "Text")
        response = client.post(self.url(comment))
        assert response.status_code == 302 and "next=" in response["Location"]
        services.hide_comment(comment, user=None, reason="Spam")
        client.force_login(citizen)
        assert client.post(self.url(comment)).status_code == 404
        assert not CommentReport.objects.exists()
