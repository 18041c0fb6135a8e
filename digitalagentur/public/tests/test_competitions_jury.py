"""The jury's pages of a competition (issue 12, section 2): only the jurors of that competition,
their own progress and scores (never another juror's), conflicts of interest and the refusals
after a conflict or once the result is published."""

from __future__ import annotations

import pytest
from django.urls import reverse

from digitalagentur.participation import competitions as services
from digitalagentur.participation.choices import CompetitionPhase
from digitalagentur.participation.models import Conflict, Score
from digitalagentur.testing.participation import (
    make_competition,
    make_juror,
    make_participant,
    make_submission,
    move_to_phase,
)


def body(response) -> str:
    return response.content.decode()


@pytest.fixture
def jury(region):
    """A competition with criteria Idee (2) and Umsetzbarkeit (1), two jurors, three entries."""
    competition = make_competition(region, slug="zukunftswandler", title="ZukunftsWandler 2023")
    idea, feasibility = competition.criteria.all()
    anna = make_juror(competition, make_participant("anna", first_name="Anna"))
    bert = make_juror(competition, make_participant("bert", first_name="Bert"))
    entries = [
        make_submission(competition, title="Dorf-Funk"),
        make_submission(competition, title="Leihrad"),
        make_submission(competition, title="Repair-Café"),
    ]
    return competition, (idea, feasibility), anna, bert, entries


def overview_url(slug="zukunftswandler"):
    return reverse("public:competition_jury", args=[slug])


def entry_url(submission, slug="zukunftswandler"):
    return reverse("public:competition_jury_entry", args=[slug, submission.pk])


def score_data(criteria, points, comments=None):
    data = {"aktion": "bewerten"}
    comments = comments or {}
    for criterion, value in zip(criteria, points, strict=True):
        data[f"punkte_{criterion.pk}"] = "" if value is None else str(value)
        data[f"kommentar_{criterion.pk}"] = comments.get(criterion.pk, "")
    return data


class TestPermissions:
    def test_visitors_are_sent_to_the_login(self, client, jury):
        _competition, _criteria, _anna, _bert, entries = jury
        for url in (overview_url(), entry_url(entries[0])):
            response = client.get(url)
            assert response.status_code == 302
            assert response["Location"] == f"{reverse('login')}?next={url}"

    def test_others_get_403(self, client, region, jury, users):
        _competition, criteria, _anna, _bert, entries = jury
        other_competition = make_competition(region, slug="anderer")
        foreign_juror = make_juror(other_competition)
        for user in (make_participant(), foreign_juror.user, users["coordinator"]):
            client.force_login(user)
            assert client.get(overview_url()).status_code == 403
            assert client.get(entry_url(entries[0])).status_code == 403
            response = client.post(entry_url(entries[0]), score_data(criteria, [5, 5]))
            assert response.status_code == 403
        assert not Score.objects.exists()

    def test_a_juror_of_another_region_gets_404(self, client, jury, other_region):
        foreign = make_competition(other_region, slug="fremd")
        juror = make_juror(foreign)
        entry = make_submission(foreign)
        client.force_login(juror.user)
        assert client.get(overview_url("fremd")).status_code == 404
        assert client.get(entry_url(entry, "fremd")).status_code == 404
        host = {"HTTP_HOST": "kreis-b.example.org"}
        assert client.get(overview_url("fremd"), **host).status_code == 200

    def test_entries_of_another_competition_and_withdrawn_ones_are_404(self, client, region, jury):
        _competition, _criteria, anna, _bert, entries = jury
        other = make_competition(region, slug="anderer")
        foreign_entry = make_submission(other)
        services.withdraw_entry(entries[2], user=None)
        client.force_login(anna.user)
        assert client.get(entry_url(foreign_entry)).status_code == 404
        assert client.get(entry_url(entries[2])).status_code == 404
        assert "Repair-Café" not in body(client.get(overview_url()))

    def test_an_unpublished_call_is_404_for_others_but_open_to_its_jury(self, client, region):
        draft = make_competition(region, slug="entwurf", published=False)
        juror = make_juror(draft)
        client.force_login(make_participant())
        assert client.get(overview_url("entwurf")).status_code == 404
        client.force_login(juror.user)
        assert client.get(overview_url("entwurf")).status_code == 200


class TestOverview:
    def test_own_progress_per_entry(self, client, jury):
        _competition, (idea, feasibility), anna, bert, (funk, leihrad, repair) = jury
        services.score(anna, funk, idea, 8)
        services.score(anna, funk, feasibility, 6)
        services.score(anna, leihrad, idea, 4)
        services.declare_conflict(anna, repair)
        services.score(bert, leihrad, feasibility, 9, "BERTS-GEHEIMER-KOMMENTAR")
        client.force_login(anna.user)
        response = client.get(overview_url())
        assert response.status_code == 200
        html = body(response)

        def state(title):
            return html.split(f">{title}</a>", 1)[1].split("</tr>", 1)[0]

        assert ">bewertet<" in state("Dorf-Funk")
        assert "1 von 2 Kriterien bewertet" in state("Leihrad")
        assert "befangen" in state("Repair-Café")
        assert "2 von 3 Beiträgen erledigt" in html
        assert "BERTS-GEHEIMER-KOMMENTAR" not in html
        # Bert sees his own state, not Anna's.
        client.force_login(bert.user)
        html = body(client.get(overview_url()))
        assert "1 von 2 Kriterien bewertet" in state("Leihrad")
        assert ">noch nicht bewertet<" in state("Dorf-Funk")


class TestScoring:
    def test_scores_are_saved_and_shown_again_to_their_juror_only(self, client, jury):
        _competition, criteria, anna, bert, (funk, *_rest) = jury
        idea, feasibility = criteria
        client.force_login(anna.user)
        response = client.get(entry_url(funk))
        assert response.status_code == 200
        assert f'name="punkte_{idea.pk}"' in body(response)
        response = client.post(
            entry_url(funk), score_data(criteria, [8, 3], {idea.pk: "Sehr originell."})
        )
        assert response.status_code == 303
        assert response["Location"] == f"{overview_url()}#einreichung-{funk.pk}"
        saved = {s.criterion_id: (s.value, s.comment) for s in Score.objects.filter(juror=anna)}
        assert saved == {idea.pk: (8, "Sehr originell."), feasibility.pk: (3, "")}
        # Changed later.
        client.post(entry_url(funk), score_data(criteria, [9, 3]))
        assert Score.objects.get(juror=anna, criterion=idea).value == 9
        html = body(client.get(entry_url(funk)))
        assert '<option value="9" selected>' in html
        # Bert sees an empty form, not Anna's points or words.
        client.force_login(bert.user)
        html = body(client.get(entry_url(funk)))
        assert '<option value="" selected>noch nicht bewertet</option>' in html
        assert '<option value="9" selected>' not in html
        assert "Sehr originell." not in html

    def test_a_criterion_may_be_left_open_but_a_given_score_not_cleared(self, client, jury):
        _competition, criteria, anna, _bert, (funk, *_rest) = jury
        idea, feasibility = criteria
        client.force_login(anna.user)
        assert client.post(entry_url(funk), score_data(criteria, [7, None])).status_code == 303
        assert list(Score.objects.values_list("criterion_id", "value")) == [(idea.pk, 7)]
        response = client.post(entry_url(funk), score_data(criteria, [None, 5]))
        assert response.status_code == 400
        assert "kann geändert, aber nicht gelöscht werden" in body(response)
        assert list(Score.objects.values_list("criterion_id", "value")) == [(idea.pk, 7)]

    @pytest.mark.parametrize(
        "points, message",
        [
            ([11, 5], "Bitte vergeben Sie ganze Punkte von 0 bis 10."),
            (["-1", 5], "Bitte vergeben Sie ganze Punkte von 0 bis 10."),
            (["sieben", 5], "Bitte vergeben Sie ganze Punkte von 0 bis 10."),
            ([None, None], "Bitte vergeben Sie für mindestens ein Kriterium Punkte."),
        ],
    )
    def test_bad_points_are_refused_in_german(self, client, jury, points, message):
        _competition, criteria, anna, _bert, (funk, *_rest) = jury
        client.force_login(anna.user)
        response = client.post(entry_url(funk), score_data(criteria, points))
        assert response.status_code == 400
        assert message in body(response)
        assert not Score.objects.exists()

    def test_a_too_long_comment_saves_nothing(self, client, jury):
        _competition, criteria, anna, _bert, (funk, *_rest) = jury
        client.force_login(anna.user)
        comments = {criteria[1].pk: "x" * 2001}
        response = client.post(entry_url(funk), score_data(criteria, [5, 5], comments))
        assert response.status_code == 400
        assert "Der Kommentar ist zu lang" in body(response)
        assert not Score.objects.exists()


class TestConflict:
    def test_conflict_needs_the_confirmation(self, client, jury):
        _competition, _criteria, anna, _bert, (funk, *_rest) = jury
        client.force_login(anna.user)
        response = client.post(entry_url(funk), {"aktion": "befangen", "note": "Mein Verein"})
        assert response.status_code == 400
        assert "Bitte bestätigen Sie die Erklärung." in body(response)
        assert not Conflict.objects.exists()

    def test_conflict_then_scoring_is_refused(self, client, jury):
        _competition, criteria, anna, bert, (funk, leihrad, _repair) = jury
        services.score(anna, funk, criteria[0], 9)
        services.score(bert, funk, criteria[0], 4)
        client.force_login(anna.user)
        response = client.post(
            entry_url(funk), {"aktion": "befangen", "note": "Mein Verein", "confirm": "on"}
        )
        assert response.status_code == 303
        assert response["Location"] == overview_url()
        conflict = Conflict.objects.get()
        assert (conflict.juror, conflict.submission, conflict.note) == (anna, funk, "Mein Verein")
        # Her score of it is gone; Bert's stays.
        assert list(Score.objects.values_list("juror_id", flat=True)) == [bert.pk]
        html = body(client.get(entry_url(funk)))
        assert "befangen sind" in html and "Mein Verein" in html
        assert 'name="punkte_' not in html and 'value="befangen"' not in html
        # Sending scores anyway is refused with the service's German message.
        response = client.post(entry_url(funk), score_data(criteria, [10, 10]))
        assert response.status_code == 409
        assert "Befangenheit erklärt" in body(response)
        assert not Score.objects.filter(juror=anna).exists()
        # Other entries remain hers to score.
        assert client.post(entry_url(leihrad), score_data(criteria, [5, 5])).status_code == 303


class TestAfterTheResult:
    def test_scores_are_read_only_once_the_result_is_published(self, client, jury):
        competition, criteria, anna, _bert, (funk, leihrad, _repair) = jury
        services.score(anna, funk, criteria[0], 9, "Stark.")
        move_to_phase(competition, CompetitionPhase.JURY)
        services.publish_result(competition, user=None)
        client.force_login(anna.user)
        html = body(client.get(entry_url(funk)))
        assert "Das Ergebnis ist veröffentlicht" in html
        assert "9 Punkte: Stark." in html
        assert 'name="punkte_' not in html and 'value="befangen"' not in html
        response = client.post(entry_url(funk), score_data(criteria, [1, 1]))
        assert response.status_code == 409
        assert "Das Ergebnis ist veröffentlicht" in body(response)
        response = client.post(entry_url(leihrad), {"aktion": "befangen", "confirm": "on"})
        assert response.status_code == 409
        assert Score.objects.get().value == 9 and not Conflict.objects.exists()
        assert "Das Ergebnis ist veröffentlicht" in body(client.get(overview_url()))
