"""Moderation of ideas in the staff area (issue 12): the queue, an idea's page and every
action, with the permissions per role and town checked on the server; every action in the
change log."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digitalagentur.core import testing as t
from digitalagentur.core.models import ObjectChange
from digitalagentur.core.services import changes_for
from digitalagentur.participation import services
from digitalagentur.participation.choices import IdeaStatus
from digitalagentur.participation.models import Comment, CommentReport, Idea, Support
from digitalagentur.portfolio.models import Project
from digitalagentur.staff.links import object_url
from digitalagentur.testing.participation import make_idea, make_participant

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def url(name, *args):
    return reverse(f"staff:{name}", args=args)


@pytest.fixture
def field(region):
    return t.make_field(t.make_strategy(region), "Mobilität")


@pytest.fixture
def waiting(region, town):
    """A received idea of the officer's town."""
    return make_idea(
        region, make_participant(first_name="Mia"), title="Radweg nach Senden",
        status=IdeaStatus.RECEIVED, municipality=town,
    )  # fmt: skip


@pytest.fixture
def published(region, town):
    return make_idea(region, title="Bürgerbus am Wochenende", municipality=town)


@pytest.fixture
def foreign_town_idea(region, other_town):
    return make_idea(region, title="WLAN im Freibad", municipality=other_town)


def supporters(idea, n):
    people = [make_participant() for _ in range(n)]
    for person in people:
        services.support(idea, person)
    return people


def comment_on(idea, text="Gute Idee!", *, reports=0, parent=None):
    comment = services.add_comment(idea, make_participant(first_name="Ben"), text, parent=parent)
    for _ in range(reports):
        services.report_comment(comment, make_participant(), "Beleidigend")
    return comment


def status_url(idea, status):
    return url("idea_status", idea.pk, status)


# --- access ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [("coordinator", 200), ("admin", 200), ("officer", 200), ("reader", 403)],
)
def test_who_gets_into_the_moderation(client, login, waiting, role, status):
    login(role)
    for name in ("ideas_queue", "idea_comments_reported"):
        assert client.get(url(name)).status_code == status
    assert client.get(url("idea_moderate", waiting.pk)).status_code == status


def test_anonymous_goes_to_the_login(client, waiting):
    for address in (url("ideas_queue"), url("idea_moderate", waiting.pk)):
        response = client.get(address)
        assert response.status_code == 302
        assert "login" in response["Location"] or "anmelden" in response["Location"]


def test_the_navigation_shows_beteiligung_to_moderators_only(client, login, region):
    for role, shown in [("coordinator", True), ("officer", True), ("reader", False)]:
        login(role)
        page = client.get(url("dashboard")).content.decode()
        assert (url("ideas_queue") in page) is shown, role


def test_officers_moderate_only_their_towns_ideas(
    client, login, waiting, foreign_town_idea, region
):
    without_town = make_idea(region, title="Kreisweite App")
    login("officer")
    page = client.get(url("ideas_queue")).content.decode()
    assert "Radweg nach Senden" in page
    assert "WLAN im Freibad" not in page and "Kreisweite App" not in page
    for idea in (foreign_town_idea, without_town):
        assert client.get(url("idea_moderate", idea.pk)).status_code == 403
        response = client.post(status_url(idea, IdeaStatus.REVIEW), {"reason": ""})
        assert response.status_code == 403
        idea.refresh_from_db()
        assert idea.status == IdeaStatus.PUBLISHED
    # the town filter offers the officer's own town only
    assert "Havixbeck" not in page


def test_other_regions_ideas_are_not_found(client, login, other_region):
    foreign = make_idea(other_region, title="Fremde Idee", status=IdeaStatus.RECEIVED)
    comment = comment_on(make_idea(other_region, title="Fremd veröffentlicht"))
    login("coordinator")
    assert "Fremde Idee" not in client.get(url("ideas_queue")).content.decode()
    for address in (
        url("idea_moderate", foreign.pk),
        status_url(foreign, IdeaStatus.PUBLISHED),
        url("idea_moderation_edit", foreign.pk),
        url("idea_merge", foreign.pk),
        url("idea_adopt", foreign.pk),
        url("idea_comment_hide", comment.pk),
        url("idea_comment", comment.pk),
    ):
        assert client.get(address).status_code == 404, address
    assert client.post(status_url(foreign, IdeaStatus.PUBLISHED)).status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == IdeaStatus.RECEIVED


# --- the queue -------------------------------------------------------------------------------


def test_the_queue_puts_waiting_ideas_first_and_counts(client, login, region, town, waiting):
    older_public = make_idea(region, title="Ältere öffentliche Idee", municipality=town)
    supporters(older_public, 3)
    comment_on(older_public, reports=2)
    newest = make_idea(region, title="Neueste öffentliche Idee")
    login("coordinator")
    page = client.get(url("ideas_queue")).content.decode()
    positions = [page.index(t) for t in (waiting.title, newest.title, older_public.title)]
    assert positions == sorted(positions)
    assert "1 Idee wartet auf die Moderation." in page
    row = page[page.index(f'id="idee-{older_public.pk}"') :]
    row = row[: row.index("</tr>")]
    assert 'data-label="Unterstützungen">3</td>' in row
    assert 'data-label="Gemeldete Kommentare"><strong>2</strong></td>' in row
    assert "Gemeldete Kommentare (1)" in page  # one comment with open reports


def test_the_queue_filters_and_searches(client, login, region, town, other_town, field, waiting):
    make_idea(region, title="Glasfaser für Havixbeck", municipality=other_town, field=field)
    make_idea(region, title="Digitale Sprechstunde", text="Termine online buchen")
    login("coordinator")

    def titles(**params):
        page = client.get(url("ideas_queue"), params).content.decode()
        return {t for t in ("Radweg", "Glasfaser", "Sprechstunde") if t in page}

    assert titles() == {"Radweg", "Glasfaser", "Sprechstunde"}
    assert titles(status="received") == {"Radweg"}
    assert titles(status="published") == {"Glasfaser", "Sprechstunde"}
    assert titles(town=other_town.pk) == {"Glasfaser"}
    assert titles(field=field.pk) == {"Glasfaser"}
    assert titles(q="termine") == {"Sprechstunde"}
    assert titles(q=str(waiting.pk)) == {"Radweg"}
    page = client.get(url("ideas_queue"), {"status": "erfunden", "town": "x"}).content.decode()
    assert "Einige Filter sind ungültig" in page and "Radweg" in page


def test_the_queue_costs_the_same_queries_for_many_ideas(
    client, login, region, town, django_assert_max_num_queries
):
    make_idea(region, title="Erste Idee", municipality=town)
    login("coordinator")
    client.get(url("ideas_queue"))  # warm the caches (roles, content version)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url("ideas_queue")).status_code == 200
    budget = len(few)  # read now: a later request resets the connection's query log
    for n in range(12):
        idea = make_idea(
            region, title=f"Weitere Idee {n}", municipality=town,
            status=IdeaStatus.RECEIVED if n % 3 == 0 else IdeaStatus.PUBLISHED,
        )  # fmt: skip
        if idea.status == IdeaStatus.PUBLISHED:
            supporters(idea, 2)
            comment_on(idea, reports=1)
    client.get(url("ideas_queue"))  # the caches again (the content changed)
    with django_assert_max_num_queries(budget):
        page = client.get(url("ideas_queue")).content.decode()
    assert "Weitere Idee 11" in page


# --- an idea's page and its actions ----------------------------------------------------------


def test_the_idea_page_shows_supporters_history_and_comments(client, login, published):
    supporters(published, 2)
    first = comment_on(published, "Finde ich gut", reports=1)
    comment_on(published, "Ich auch", parent=first)
    services.hide_comment(comment_on(published, "Werbung!"), user=None, reason="Spam")
    login("officer")
    page = client.get(url("idea_moderate", published.pk)).content.decode()
    assert 'id="unterstuetzungen">2</dd>' in page
    assert "Finde ich gut" in page and "Antwort von Ben" in page
    assert "Ausgeblendet (nicht öffentlich): Spam" in page
    assert "1 offene Meldung" in page
    assert "veröffentlicht" in page  # its way so far
    assert "In die Strategie übernehmen kann nur die Koordination." in page
    assert url("idea_adopt", published.pk) not in page
    assert url("idea_merge", published.pk) in page


def test_an_officer_publishes_an_idea_of_their_town(client, login, waiting):
    user = login("officer")
    page = client.get(url("idea_moderate", waiting.pk)).content.decode()
    assert status_url(waiting, IdeaStatus.PUBLISHED) in page
    response = client.post(
        status_url(waiting, IdeaStatus.PUBLISHED), {"version": waiting.version, "reason": ""}
    )
    assert response.status_code == 302
    assert response["Location"] == url("idea_moderate", waiting.pk)
    waiting.refresh_from_db()
    assert waiting.status == IdeaStatus.PUBLISHED and waiting.published_at
    assert waiting.status_changes.last().user == user
    change = changes_for(waiting).first()
    assert change.user == user and change.changes["status"]["after"] == "published"
    page = client.get(response["Location"]).content.decode()
    assert "„Radweg nach Senden“ ist veröffentlicht." in page


def test_rejecting_and_declining_need_a_reason(client, login, waiting, published):
    login("coordinator")
    for idea, status in ((waiting, IdeaStatus.REJECTED), (published, IdeaStatus.DECLINED)):
        page = client.get(status_url(idea, status))
        assert page.status_code == 200 and "button-danger" in page.content.decode()
        response = client.post(status_url(idea, status), {"reason": "  "})
        assert response.status_code == 400
        idea.refresh_from_db()
        assert idea.status != status
    client.post(status_url(waiting, IdeaStatus.REJECTED), {"reason": "Werbung"})
    client.post(status_url(published, IdeaStatus.DECLINED), {"reason": "Gibt es schon."})
    waiting.refresh_from_db()
    published.refresh_from_db()
    assert waiting.status == IdeaStatus.REJECTED and not waiting.is_public
    assert published.status == IdeaStatus.DECLINED and published.answer == "Gibt es schon."
    assert changes_for(published).first().reason == "Gibt es schon."


def test_review_with_a_public_answer_and_refused_moves(client, login, published, waiting):
    login("coordinator")
    client.post(status_url(published, IdeaStatus.REVIEW), {"reason": "Wir prüfen das."})
    published.refresh_from_db()
    assert published.status == IdeaStatus.REVIEW and published.answer == "Wir prüfen das."
    # received → review is not a move: the page refuses, nothing changes
    response = client.get(status_url(waiting, IdeaStatus.REVIEW))
    assert response.status_code == 302
    assert client.post(status_url(waiting, IdeaStatus.REVIEW), {"reason": ""}).status_code == 400
    assert client.get(status_url(waiting, "adopted")).status_code == 404
    assert client.get(status_url(waiting, "quatsch")).status_code == 404
    waiting.refresh_from_db()
    assert waiting.status == IdeaStatus.RECEIVED


def test_a_stale_page_changes_nothing(client, login, waiting):
    login("coordinator")
    old_version = waiting.version
    services.edit_idea(waiting, {"title": "Radweg Senden–Ottmarsbocholt"}, user=None, note="x")
    response = client.post(
        status_url(waiting, IdeaStatus.PUBLISHED), {"version": old_version, "reason": ""}
    )
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == IdeaStatus.RECEIVED
    page = client.get(response["Location"]).content.decode()
    assert "Inzwischen hat jemand anderes hier etwas geändert" in page


def test_editing_needs_a_note_which_the_change_log_keeps(client, login, waiting, other_town):
    user = login("officer")
    data = {
        "version": waiting.version,
        "title": "Radweg nach Senden (Kreisstraße)",
        "text": "Ohne Telefonnummer.",
        "field": "",
        "municipality": waiting.municipality_id,
        "note": "",
    }
    assert client.post(url("idea_moderation_edit", waiting.pk), data).status_code == 400
    waiting.refresh_from_db()
    assert waiting.title == "Radweg nach Senden"
    response = client.post(
        url("idea_moderation_edit", waiting.pk), {**data, "note": "Telefonnummer entfernt"}
    )
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.title == "Radweg nach Senden (Kreisstraße)"
    assert waiting.text == "Ohne Telefonnummer."
    change = changes_for(waiting).first()
    assert change.reason == "Telefonnummer entfernt" and change.user == user
    assert set(change.changes) >= {"title", "text"}


def test_merging_moves_supports_exactly(client, login, region, town, published):
    duplicate = make_idea(region, title="Bürgerbus auch sonntags", municipality=town)
    both = supporters(published, 2)
    for person in both:  # supported both: counted once
        services.support(duplicate, person)
    supporters(duplicate, 3)
    comment = comment_on(duplicate, "Sonntags wäre toll")
    login("coordinator")
    page = client.get(url("idea_merge", duplicate.pk), {"q": "Bürgerbus"}).content.decode()
    assert f"ziel={published.pk}" in page
    assert f"ziel={duplicate.pk}" not in page  # not with itself
    page = client.get(url("idea_merge", duplicate.pk), {"ziel": published.pk}).content.decode()
    assert "3 Unterstützungen kommen dazu" in page
    assert "2 Personen haben beide unterstützt und zählen einmal" in page
    response = client.post(
        url("idea_merge", duplicate.pk),
        {"target": published.pk, "reason": "Doppelt", "version": duplicate.version},
    )
    assert response.status_code == 302
    assert response["Location"] == url("idea_moderate", published.pk)
    duplicate.refresh_from_db()
    assert duplicate.status == IdeaStatus.MERGED and duplicate.merged_into == published
    assert Support.objects.filter(idea=published).count() == 5
    assert not Support.objects.filter(idea=duplicate).exists()
    comment.refresh_from_db()
    assert comment.idea == published
    assert changes_for(duplicate).first().reason == "Doppelt"


def test_merging_refuses_targets_outside_the_moderators_reach(
    client, login, published, foreign_town_idea, region, waiting
):
    login("officer")
    page = client.get(url("idea_merge", published.pk), {"q": "WLAN"}).content.decode()
    assert "Keine veröffentlichte Idee passt zur Suche." in page
    for target in (foreign_town_idea, waiting):  # another town's; not public
        response = client.post(url("idea_merge", published.pk), {"target": target.pk, "reason": ""})
        assert response.status_code == 400
    published.refresh_from_db()
    assert published.status == IdeaStatus.PUBLISHED


def test_only_the_coordination_takes_an_idea_into_the_strategy(client, login, published, field):
    services.edit_idea(published, {"field": field}, user=None, note="Feld")
    login("officer")
    assert client.get(url("idea_adopt", published.pk)).status_code == 403
    assert client.post(url("idea_adopt", published.pk)).status_code == 403
    assert not Project.objects.filter(title=published.title).exists()
    user = login("coordinator")
    assert (
        url("idea_adopt", published.pk)
        in client.get(url("idea_moderate", published.pk)).content.decode()
    )
    response = client.post(url("idea_adopt", published.pk))
    project = Project.objects.get(title="Bürgerbus am Wochenende")
    assert response.status_code == 302
    assert response["Location"] == url("project_edit", project.pk)
    assert not project.published and project.field == field
    assert list(project.participating_town_ids()) == [published.municipality_id]
    published.refresh_from_db()
    assert published.status == IdeaStatus.ADOPTED and published.project == project
    assert changes_for(published).first().user == user
    page = client.get(response["Location"]).content.decode()
    assert "als Projektentwurf „Bürgerbus am Wochenende“ übernommen" in page
    # once taken, the action is gone and a second POST changes nothing
    assert client.post(url("idea_adopt", published.pk)).status_code == 400
    assert Project.objects.filter(title="Bürgerbus am Wochenende").count() == 1


# --- comments --------------------------------------------------------------------------------


def test_hiding_a_comment_needs_a_reason_and_is_logged(client, login, published):
    comment = comment_on(published, "Unfreundlich", reports=2)
    user = login("officer")
    assert client.post(url("idea_comment_hide", comment.pk), {"reason": ""}).status_code == 400
    comment.refresh_from_db()
    assert not comment.hidden
    response = client.post(
        url("idea_comment_hide", comment.pk), {"reason": "Beleidigung", "next": "meldungen"}
    )
    assert response["Location"] == url("idea_comments_reported")
    comment.refresh_from_db()
    assert comment.hidden and comment.hidden_reason == "Beleidigung"
    assert comment.hidden_by == user
    assert not CommentReport.objects.filter(comment=comment, handled=False).exists()
    change = changes_for(comment).first()
    assert change.reason == "Beleidigung" and change.changes["hidden"]["after"] is True
    response = client.post(url("idea_comment_show", comment.pk), {"reason": "Irrtum"})
    assert response["Location"] == url("idea_moderate", published.pk) + f"#kommentar-{comment.pk}"
    comment.refresh_from_db()
    assert not comment.hidden


def test_reported_comments_page_hides_or_dismisses(client, login, published, foreign_town_idea):
    reported = comment_on(published, "Gemeldet", reports=2)
    calm = comment_on(published, "Harmlos")
    elsewhere = comment_on(foreign_town_idea, "Anderswo gemeldet", reports=1)
    login("officer")
    page = client.get(url("idea_comments_reported")).content.decode()
    assert "Gemeldet" in page and "2 offene Meldungen" in page and "Beleidigend" in page
    assert "Harmlos" not in page and "Anderswo gemeldet" not in page
    assert client.get(url("idea_comment_dismiss", elsewhere.pk)).status_code == 403
    response = client.post(url("idea_comment_dismiss", reported.pk), {"next": "meldungen"})
    assert response["Location"] == url("idea_comments_reported")
    reported.refresh_from_db()
    assert not reported.hidden
    assert not reported.reports.filter(handled=False).exists()
    assert "Keine offenen Meldungen." in client.get(url("idea_comments_reported")).content.decode()
    assert Comment.objects.get(pk=calm.pk).hidden is False
    login("coordinator")
    page = client.get(url("idea_comments_reported")).content.decode()
    assert "Anderswo gemeldet" in page


def test_change_log_entries_link_to_the_idea(client, login, published):
    comment = comment_on(published)
    services.hide_comment(comment, user=None, reason="Spam")
    login("officer")
    for obj, expected in [
        (published, url("idea_moderate", published.pk)),
        (comment, url("idea_moderate", published.pk) + f"#kommentar-{comment.pk}"),
    ]:
        change = changes_for(obj).exclude(action=ObjectChange.Action.DELETE).first()
        address = object_url(change)
        response = client.get(address)
        if address == expected:
            assert response.status_code == 200
        else:
            assert response.status_code == 302 and response["Location"] == expected
    page = client.get(url("idea_moderate", published.pk)).content.decode()
    assert f'id="kommentar-{comment.pk}"' in page


def test_texts_are_escaped(client, login, region, town):
    idea = make_idea(
        region, title="<script>alert(1)</script>", text="<b>fett</b>", municipality=town
    )
    comment_on(idea, "<img src=x onerror=alert(2)>", reports=1)
    login("coordinator")
    for address in (
        url("ideas_queue"),
        url("idea_moderate", idea.pk),
        url("idea_comments_reported"),
    ):
        page = client.get(address).content.decode()
        assert "<script>alert(1)" not in page and "<img src=x" not in page, address
    assert Idea.objects.filter(pk=idea.pk).exists()
