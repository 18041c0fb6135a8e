"""Public idea pages (issue 12, sections 1 and 4): the list with filters, sorting, search and
pages; an idea's page with its history, answer, project, image and comments; the field and
town pages' ideas; the Atom feeds; and that nothing refused in moderation, merged or hidden
ever appears publicly."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET  # noqa: S405 - parses our own answer in a test

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from digitalagentur.core import testing as t
from digitalagentur.participation import services
from digitalagentur.participation.choices import IdeaStatus
from digitalagentur.participation.models import Comment
from digitalagentur.testing.participation import make_idea, make_participant

ATOM = "{http://www.w3.org/2005/Atom}"
OTHER_HOST = "kreis-b.example.org"


def titles(response) -> list[str]:
    """The ideas of the list, in order."""
    body = response.content.decode()
    return re.findall(r'<h3 class="idea-card-title"><a href="[^"]*">([^<]+)</a>', body)


def png(color=(0, 90, 135)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), color).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def fields(strategy):
    return {
        "mobil": t.make_field(strategy, "Mobilität", slug="mobilitaet"),
        "verwaltung": t.make_field(strategy, "Verwaltung", slug="verwaltung"),
        "entwurf": t.make_field(strategy, "ENTWURFSFELD-GEHEIM", slug="entwurf", published=False),
    }


@pytest.fixture
def ideas(region, town, other_town, fields):
    """Public ideas of every public status and the ones the public must never see."""
    author = make_participant(first_name="Rad-Fan")
    radweg = make_idea(
        region,
        author,
        title="Radweg nach Lette",
        text="Ein sicherer Radweg entlang der Landstraße.",
        field=fields["mobil"],
        municipality=town,
    )
    wlan = make_idea(
        region,
        title="Freies WLAN am Bahnhof",
        text="Offenes Netz für Pendelnde.",
        field=fields["mobil"],
        municipality=other_town,
        status=IdeaStatus.REVIEW,
        reason="Wir prüfen die Kosten.",
    )
    antrag = make_idea(
        region,
        title="Anträge online stellen",
        text="Alle Anträge der Verwaltung digital.",
        field=fields["verwaltung"],
        status=IdeaStatus.DECLINED,
        reason="Schon Teil des Projekts Online ins Rathaus.",
    )
    received = make_idea(region, title="WARTENDE-IDEE", status=IdeaStatus.RECEIVED)
    rejected = make_idea(
        region, title="ABGELEHNTE-IDEE", text="Werbung", status=IdeaStatus.REJECTED
    )
    merged = make_idea(region, title="ZUSAMMENGEFUEHRTE-IDEE", text="Radweg doppelt")
    services.merge_ideas(merged, radweg, user=None)
    merged.refresh_from_db()
    for _n in range(3):
        services.support(radweg, make_participant())
    services.support(wlan, make_participant())
    return {
        "radweg": radweg,
        "wlan": wlan,
        "antrag": antrag,
        "received": received,
        "rejected": rejected,
        "merged": merged,
        "author": author,
    }


SECRET_TITLES = ("WARTENDE-IDEE", "ABGELEHNTE-IDEE", "ZUSAMMENGEFUEHRTE-IDEE")


def assert_no_secrets(body: str):
    for secret in (*SECRET_TITLES, "ENTWURFSFELD-GEHEIM", "VERSTECKTER-KOMMENTAR"):
        assert secret not in body, secret


class TestList:
    def test_lists_public_ideas_only_newest_first(self, client, ideas):
        response = client.get(reverse("public:ideas"))
        assert response.status_code == 200
        assert titles(response) == [
            "Anträge online stellen",
            "Freies WLAN am Bahnhof",
            "Radweg nach Lette",
        ]
        body = response.content.decode()
        assert_no_secrets(body)
        assert "no-cache" in response["Cache-Control"]
        # Supporters per idea (three plus none for the merged one's supporters).
        assert "3 Unterstützungen" in body and "1 Unterstützung " in body

    @pytest.mark.parametrize(
        "params, expected",
        [
            ({"field": "mobilitaet"}, ["Freies WLAN am Bahnhof", "Radweg nach Lette"]),
            ({"field": "verwaltung"}, ["Anträge online stellen"]),
            ({"municipality": "senden"}, ["Radweg nach Lette"]),
            ({"municipality": "havixbeck"}, ["Freies WLAN am Bahnhof"]),
            ({"status": "review"}, ["Freies WLAN am Bahnhof"]),
            ({"status": "declined"}, ["Anträge online stellen"]),
            ({"q": "radweg"}, ["Radweg nach Lette"]),
            ({"q": "Landstraße sicher"}, ["Radweg nach Lette"]),
            ({"q": "Bahnhof", "field": "verwaltung"}, []),
        ],
    )
    def test_filters_and_search(self, client, ideas, params, expected):
        assert titles(client.get(reverse("public:ideas"), params)) == expected

    def test_sorting(self, client, ideas):
        url = reverse("public:ideas")
        supported = titles(client.get(url, {"ordering": "supported"}))
        assert supported[:2] == ["Radweg nach Lette", "Freies WLAN am Bahnhof"]
        answered = titles(client.get(url, {"ordering": "answered"}))
        # Answered ones first, the newest answer first; the unanswered idea last.
        assert answered == ["Anträge online stellen", "Freies WLAN am Bahnhof", "Radweg nach Lette"]
        services.set_status(ideas["wlan"], IdeaStatus.DECLINED, user=None, reason="Zu teuer.")
        answered = titles(client.get(url, {"ordering": "answered"}))
        assert answered[0] == "Freies WLAN am Bahnhof"

    def test_never_shows_what_is_not_public_even_when_asked(self, client, ideas):
        url = reverse("public:ideas")
        for params in (
            {"q": "WARTENDE"},
            {"q": "ABGELEHNTE"},
            {"q": "Werbung"},
            {"q": "ZUSAMMENGEFUEHRTE"},
            {"status": "rejected"},
            {"status": "received"},
            {"status": "merged"},
            {"field": "entwurf"},
        ):
            response = client.get(url, params)
            assert response.status_code == 200
            assert_no_secrets(response.content.decode())
        # An unknown choice is reported and ignored, the rest still applies.
        response = client.get(url, {"status": "rejected", "field": "verwaltung"})
        assert titles(response) == ["Anträge online stellen"]
        assert "gibt es nicht zur Auswahl" in response.content.decode()

    def test_empty_state_explains_how_to_submit(self, client, region):
        body = client.get(reverse("public:ideas")).content.decode()
        assert "Es sind noch keine Ideen veröffentlicht." in body
        assert "So reichen Sie eine Idee ein" in body
        assert reverse("public:idea_new") in body

    def test_pages_and_a_constant_number_of_queries(self, client, region, fields, town):
        url = reverse("public:ideas")
        for n in range(3):
            idea = make_idea(region, title=f"Idee Nummer {n}", field=fields["mobil"])
            Comment.objects.create(idea=idea, text="Gut")
        with CaptureQueriesContext(connection) as few:
            client.get(url)
        for n in range(25):
            idea = make_idea(region, title=f"Weitere Idee {n}", municipality=town)
            services.support(idea, make_participant())
        with CaptureQueriesContext(connection) as many:
            response = client.get(url)
        assert len(many.captured_queries) == len(few.captured_queries)
        assert len(titles(response)) == 20
        assert "28 Ideen gefunden" in response.content.decode()
        second = client.get(url, {"page": "2"})
        assert len(titles(second)) == 8
        bad = client.get(url, {"page": "x"})
        assert "Seitenzahl „x“ ist ungültig" in bad.content.decode()

    def test_other_region_sees_its_own_ideas(self, client, ideas, other_region):
        make_idea(other_region, title="Idee aus Kreis B")
        response = client.get(reverse("public:ideas"), HTTP_HOST=OTHER_HOST)
        assert titles(response) == ["Idee aus Kreis B"]

    def test_html_in_a_title_is_escaped(self, client, region):
        make_idea(region, title="<script>alert(1)</script> Idee", text="<b>fett</b>\nzweite Zeile")
        body = client.get(reverse("public:ideas")).content.decode()
        assert "<script>alert(1)</script>" not in body
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Idee" in body
        assert "<b>fett</b>" not in body


class TestIdeaPage:
    def test_shows_text_status_history_and_supporters(self, client, ideas, fields, town):
        idea = ideas["wlan"]
        response = client.get(reverse("public:idea", args=[idea.pk]))
        assert response.status_code == 200
        body = response.content.decode()
        assert "Freies WLAN am Bahnhof" in body and "Offenes Netz für Pendelnde." in body
        assert "in Prüfung" in body
        assert "Wir prüfen die Kosten." in body  # the public answer
        history = body[body.index('id="verlauf"') : body.index('id="kommentare"')]
        assert ["eingegangen", "veröffentlicht", "in Prüfung"] == re.findall(
            r"</time> ([^<]+)", history
        )
        assert "1 Person unterstützt diese Idee." in body
        assert reverse("public:field_detail", args=["mobilitaet"]) in body
        # Anonymous: log in to support and to comment, brought back to the idea.
        assert f"{reverse('login')}?next=/ideen/{idea.pk}/%23unterstuetzen" in body
        assert f"{reverse('accounts:register')}?next=/ideen/{idea.pk}/" in body
        assert 'action="' + reverse("public:idea_support", args=[idea.pk]) not in body

    def test_text_is_escaped_with_line_breaks(self, client, region):
        idea = make_idea(
            region,
            title='<img src=x onerror="alert(1)">',
            text="<script>alert(2)</script>\nZeile zwei",
        )
        body = client.get(reverse("public:idea", args=[idea.pk])).content.decode()
        assert "<script>alert(2)</script>" not in body
        assert '<img src=x onerror="alert(1)">' not in body
        assert "&lt;script&gt;alert(2)&lt;/script&gt;<br>Zeile zwei" in body
        assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in body

    def test_a_draft_field_is_not_named(self, client, region, fields):
        idea = make_idea(region, title="Idee im Entwurfsfeld", field=fields["entwurf"])
        body = client.get(reverse("public:idea", args=[idea.pk])).content.decode()
        assert "ENTWURFSFELD-GEHEIM" not in body

    def test_ideas_not_public_are_404_and_merged_ones_lead_to_their_target(
        self, client, ideas, other_region
    ):
        for name in ("received", "rejected"):
            url = reverse("public:idea", args=[ideas[name].pk])
            assert client.get(url).status_code == 404, name
            assert (
                client.get(reverse("public:idea_image", args=[ideas[name].pk])).status_code == 404
            )
        response = client.get(reverse("public:idea", args=[ideas["merged"].pk]))
        assert response.status_code == 301
        assert response["Location"] == reverse("public:idea", args=[ideas["radweg"].pk])
        assert client.get(reverse("public:idea", args=[999999])).status_code == 404
        other = client.get(reverse("public:idea", args=[ideas["radweg"].pk]), HTTP_HOST=OTHER_HOST)
        assert other.status_code == 404

    def test_the_author_sees_their_waiting_idea_with_a_notice(self, client, region):
        author = make_participant(first_name="Wartende")
        idea = make_idea(region, author, title="Meine neue Idee", status=IdeaStatus.RECEIVED)
        url = reverse("public:idea", args=[idea.pk])
        client.force_login(make_participant())
        assert client.get(url).status_code == 404
        client.force_login(author)
        body = client.get(url).content.decode()
        assert "Ihre Idee wartet auf Moderation." in body
        assert 'id="unterstuetzen"' not in body and 'id="kommentare"' not in body
        # Once rejected it is gone for its author too.
        services.set_status(idea, IdeaStatus.REJECTED, user=None, reason="Werbung")
        assert client.get(url).status_code == 404

    def test_adopted_idea_links_its_project_once_published(self, client, ideas, users):
        idea = ideas["radweg"]
        project = services.take_into_strategy(idea, user=users["coordinator"])
        url = reverse("public:idea", args=[idea.pk])
        body = client.get(url).content.decode()
        assert "als Projektentwurf übernommen" in body
        assert reverse("public:project_detail", args=[project.slug or project.pk]) not in body
        assert "in die Strategie übernommen" in body
        assert "kann nicht mehr unterstützt werden" in body
        project.published = True
        project.save()
        body = client.get(url).content.decode()
        assert f'href="{reverse("public:project_detail", args=[project.slug])}"' in body
        # And the project's page links back to the idea.
        page = client.get(reverse("public:project_detail", args=[project.slug]))
        assert "Hervorgegangen aus" in page.content.decode()
        assert f'href="{url}"' in page.content.decode()

    def test_comments_with_answers_and_hidden_ones(self, client, ideas):
        idea = ideas["radweg"]
        alice = make_participant(first_name="Alice")
        bob = make_participant(first_name="", email="bob@example.org")
        first = services.add_comment(idea, alice, "Gute Idee!")
        answer = services.add_comment(idea, bob, "Finde ich auch.", parent=first)
        hidden = services.add_comment(idea, bob, "VERSTECKTER-KOMMENTAR")
        services.add_comment(idea, alice, "Antwort unter dem versteckten", parent=hidden)
        services.hide_comment(hidden, user=None, reason="Beleidigung")
        lonely = services.add_comment(idea, bob, "VERSTECKTER-KOMMENTAR zwei")
        services.hide_comment(lonely, user=None, reason="Spam")
        body = client.get(reverse("public:idea", args=[idea.pk])).content.decode()
        assert "Gute Idee!" in body and "Finde ich auch." in body
        assert "Alice" in body and "Anonym" in body and "bob@example.org" not in body
        assert_no_secrets(body)
        assert "Beleidigung" not in body
        assert "Dieser Kommentar wurde von der Moderation ausgeblendet." in body
        assert "Antwort unter dem versteckten" in body
        assert "3 Kommentare" in body
        # The answer sits inside its comment's list item.
        positions = [body.index(f'id="kommentar-{pk}"') for pk in (first.pk, answer.pk, hidden.pk)]
        assert positions == sorted(positions)
        assert 'class="comments comment-answers"' in body[positions[0] : positions[2]]

    def test_image_is_served_sandboxed(self, client, region):
        idea = make_idea(region, title="Mit Bild", image=png(), image_alt="Ein blaues Feld")
        page = client.get(reverse("public:idea", args=[idea.pk])).content.decode()
        assert f'src="{reverse("public:idea_image", args=[idea.pk])}" alt="Ein blaues Feld"' in page
        response = client.get(reverse("public:idea_image", args=[idea.pk]))
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response["Content-Security-Policy"]
        assert response.content[:3] == b"\xff\xd8\xff"
        no_image = make_idea(region, title="Ohne Bild")
        assert client.get(reverse("public:idea_image", args=[no_image.pk])).status_code == 404


class TestSimilar:
    def test_json_and_html_of_public_ideas_only(self, client, ideas):
        url = reverse("public:idea_similar")
        response = client.get(url, {"title": "Radweg zum Bahnhof"}, HTTP_ACCEPT="application/json")
        assert response.status_code == 200
        found = [idea["title"] for idea in response.json()["ideas"]]
        assert set(found) == {"Radweg nach Lette", "Freies WLAN am Bahnhof"}
        assert all(i["url"].startswith("/ideen/") for i in response.json()["ideas"])
        html = client.get(url, {"title": "Radweg"}).content.decode()
        assert "Radweg nach Lette" in html and "<html" not in html
        for secret in ("WARTENDE", "ABGELEHNTE", "ZUSAMMENGEFUEHRTE"):
            response = client.get(url, {"title": secret}, HTTP_ACCEPT="application/json")
            assert response.json() == {"ideas": []}
        assert client.get(url, {"title": "ab"}, HTTP_ACCEPT="application/json").json() == {
            "ideas": []
        }

    def test_html_fragment_escapes(self, client, region):
        make_idea(region, title="<b>Radweg</b> mit Licht")
        html = client.get(reverse("public:idea_similar"), {"title": "Radweg Licht"}).content
        assert b"<b>Radweg</b>" not in html and b"&lt;b&gt;Radweg&lt;/b&gt;" in html


class TestFieldAndTownPages:
    def test_field_page_lists_its_public_ideas(self, client, ideas, fields):
        body = client.get(reverse("public:field_detail", args=["mobilitaet"])).content.decode()
        section = body[body.index('id="ideas-title"') :]
        assert "Radweg nach Lette" in section and "Freies WLAN am Bahnhof" in section
        assert "Anträge online stellen" not in section
        assert f"{reverse('public:ideas')}?field=mobilitaet" in section
        assert_no_secrets(body)

    def test_town_page_lists_its_public_ideas(self, client, ideas, town):
        body = client.get(reverse("public:municipality_detail", args=["senden"])).content.decode()
        section = body[body.index('id="ideas-title"') :]
        assert "Radweg nach Lette" in section and "Freies WLAN" not in section
        assert f"{reverse('public:ideas')}?municipality=senden" in section

    def test_a_newly_published_idea_shows_at_once_on_the_cached_page(self, client, region, fields):
        url = reverse("public:field_detail", args=["mobilitaet"])
        assert "Noch eine Idee" not in client.get(url).content.decode()
        idea = make_idea(
            region, title="Noch eine Idee", field=fields["mobil"], status=IdeaStatus.RECEIVED
        )
        assert "Noch eine Idee" not in client.get(url).content.decode()
        services.set_status(idea, IdeaStatus.PUBLISHED, user=None)
        assert "Noch eine Idee" in client.get(url).content.decode()
        services.set_status(idea, IdeaStatus.REJECTED, user=None, reason="Spam")
        assert "Noch eine Idee" not in client.get(url).content.decode()


class TestFeeds:
    def entries(self, response) -> list[dict]:
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/atom+xml")
        root = ET.fromstring(response.content)  # noqa: S314 - our own answer
        return [
            {
                "title": entry.findtext(f"{ATOM}title"),
                "id": entry.findtext(f"{ATOM}id"),
                "summary": entry.findtext(f"{ATOM}summary") or "",
                "link": entry.find(f"{ATOM}link").get("href"),
            }
            for entry in root.findall(f"{ATOM}entry")
        ]

    def test_new_ideas_feed_has_public_ideas_only(self, client, ideas):
        entries = self.entries(client.get(reverse("public:ideas_feed")))
        assert {e["title"] for e in entries} == {
            "Radweg nach Lette",
            "Freies WLAN am Bahnhof",
            "Anträge online stellen",
        }
        assert all(e["id"].startswith("tag:") for e in entries)
        assert not any(
            s in client.get(reverse("public:ideas_feed")).content.decode() for s in SECRET_TITLES
        )

    def test_answers_feed_newest_answer_first_with_reason(self, client, ideas):
        entries = self.entries(client.get(reverse("public:ideas_answers_feed")))
        assert [e["title"] for e in entries] == [
            "Anträge online stellen: nicht übernommen",
            "Freies WLAN am Bahnhof: in Prüfung",
        ]
        assert entries[0]["summary"] == "<p>Schon Teil des Projekts Online ins Rathaus.</p>"
        assert entries[1]["link"].endswith(f"/ideen/{ideas['wlan'].pk}/#verlauf")
        # A rejected idea with a reason (not an answer) never appears.
        body = client.get(reverse("public:ideas_answers_feed")).content.decode()
        assert "ABGELEHNTE-IDEE" not in body and "Werbung" not in body
        # A declined idea that is later rejected? Not possible; reviewed again: a new entry.
        services.set_status(ideas["antrag"], IdeaStatus.REVIEW, user=None, reason="Neu geprüft")
        again = self.entries(client.get(reverse("public:ideas_answers_feed")))
        assert again[0]["title"] == "Anträge online stellen: in Prüfung"
        assert again[0]["id"] != entries[0]["id"]

    def test_feed_escapes_html(self, client, region):
        make_idea(region, title="<script>x</script>", text="<b>y</b>\n\nzwei")
        response = client.get(reverse("public:ideas_feed"))
        body = response.content.decode()
        assert "<script>" not in body and "&lt;script&gt;" in body
        # The summary is of type html: the visitor's text arrives there as escaped text, so a
        # feed reader shows "<b>y</b>" instead of rendering it.
        [entry] = self.entries(response)
        assert entry["summary"] == "<p>&lt;b&gt;y&lt;/b&gt;</p>\n\n<p>zwei</p>"
