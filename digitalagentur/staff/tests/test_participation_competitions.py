"""Competitions in the staff area (issue 12, section 2): the coordination creates the call,
its criteria, prizes and jury, reads the entries and the ranking with each juror's scores, and
publishes the result; every other role gets 403, other regions 404."""

from __future__ import annotations

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from digitalagentur.core.services import changes_for
from digitalagentur.participation import competitions as svc
from digitalagentur.participation.choices import CompetitionPhase
from digitalagentur.participation.models import Competition, Criterion, Juror, Prize
from digitalagentur.staff.links import object_url
from digitalagentur.testing.participation import (
    make_competition,
    make_juror,
    make_participant,
    make_submission,
    move_to_phase,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]
BERLIN = ZoneInfo("Europe/Berlin")
EXTRA = [{"key": "team", "label": "Team", "required": True}]


def url(name, *args):
    return reverse(f"staff:{name}", args=args)


@pytest.fixture
def competition(region):
    return make_competition(
        region, title="ZukunftsWandler 2023", extra_fields=EXTRA, prizes=("Gold", "Silber")
    )


@pytest.fixture
def jury_case(competition):
    """The hand-computed case of participation/tests: Alpha 7.67, Gamma 7.38, Beta 7.33;
    juror 3 declared a conflict for Alpha."""
    idee, umsetzbarkeit = list(competition.criteria.all())
    alpha, beta, gamma = (
        make_submission(competition, title=title, extra={"team": f"Team {title}"})
        for title in ("Alpha", "Beta", "Gamma")
    )
    jurors = [
        make_juror(competition, make_participant(f"juror{n}", first_name=f"Jurorin {n}"))
        for n in (1, 2, 3)
    ]
    move_to_phase(competition, CompetitionPhase.JURY)
    plan = {
        (0, alpha): (8, 6), (1, alpha): (7, 10), (2, alpha): (0, 0),
        (0, beta): (9, 3), (1, beta): (6, 9), (2, beta): (8, 8),
        (0, gamma): (10, 2), (1, gamma): (5, None), (2, gamma): (9, 9),
    }  # fmt: skip
    for (j, submission), values in plan.items():
        for criterion, value in zip((idee, umsetzbarkeit), values, strict=True):
            if value is not None:
                svc.score(jurors[j], submission, criterion, value)
    svc.declare_conflict(jurors[2], alpha, note="befangen")
    return {"submissions": (alpha, beta, gamma), "jurors": jurors}


def page_urls(competition):
    criterion = competition.criteria.first()
    prize = competition.prizes.first()
    juror = make_juror(competition)
    return [
        url("competition_list"),
        url("competition_create"),
        url("competition_detail", competition.pk),
        url("competition_edit", competition.pk),
        url("competition_submissions", competition.pk),
        url("competition_ranking", competition.pk),
        url("competition_publish_result", competition.pk),
        url("competition_criterion_create", competition.pk),
        url("competition_criterion_edit", criterion.pk),
        url("competition_criterion_delete", criterion.pk),
        url("competition_prize_create", competition.pk),
        url("competition_prize_edit", prize.pk),
        url("competition_prize_delete", prize.pk),
        url("competition_juror_remove", juror.pk),
    ]


@pytest.mark.parametrize(
    ("role", "status"),
    [("coordinator", 200), ("admin", 200), ("officer", 403), ("reader", 403)],
)
def test_only_the_coordination_runs_competitions(client, login, competition, role, status):
    urls = page_urls(competition)
    login(role)
    for address in urls:
        assert client.get(address).status_code == status, address
        if status == 403:
            assert client.post(address, {"name": "X", "weight": "1"}).status_code == 403
    assert Criterion.objects.filter(competition=competition).count() == 2
    assert Juror.objects.filter(competition=competition).count() == 1
    assert not Competition.objects.get(pk=competition.pk).result_published


def test_other_regions_competitions_are_not_found(client, login, other_region):
    foreign = make_competition(other_region, title="Fremder Wettbewerb")
    urls = page_urls(foreign)
    login("coordinator")
    assert "Fremder Wettbewerb" not in client.get(url("competition_list")).content.decode()
    for address in urls[2:]:
        assert client.get(address).status_code == 404, address
    assert client.post(url("competition_publish_result", foreign.pk)).status_code == 404


def test_creating_a_competition_with_days_and_extra_fields(client, login, region):
    user = login("coordinator")
    data = {
        "title": "ZukunftsWandler 2024",
        "slug": "zukunftswandler-2024",
        "description": "Ideen für morgen",
        "eligibility": "Alle im Kreis",
        "start_day": "2024-10-01",
        "end_day": "2024-10-31",
        "jury_day": "2024-11-15",
        "award_date": "2024-12-01",
        "extra_text": "team|Team oder Verein|required\nwebsite|Webseite",
        "published": "on",
        "reason": "",
    }
    bad = client.post(url("competition_create"), {**data, "extra_text": "nur ein Teil"})
    assert bad.status_code == 200 and "Zeile 1" in bad.content.decode()
    bad = client.post(url("competition_create"), {**data, "end_day": "2024-09-01"})
    assert "Die Einreichung endet vor ihrem Beginn." in bad.content.decode()
    assert not Competition.objects.exists()
    response = client.post(url("competition_create"), data)
    competition = Competition.objects.get(slug="zukunftswandler-2024")
    assert response["Location"] == url("competition_detail", competition.pk)
    assert competition.region == region and competition.published
    assert competition.submission_start == datetime.datetime(2024, 10, 1, tzinfo=BERLIN)
    assert competition.submission_end == datetime.datetime(2024, 11, 1, tzinfo=BERLIN)
    assert competition.jury_end == datetime.datetime(2024, 11, 16, tzinfo=BERLIN)
    assert competition.extra_fields == [
        {"key": "team", "label": "Team oder Verein", "required": True},
        {"key": "website", "label": "Webseite", "required": False},
    ]
    assert changes_for(competition).first().user == user
    taken = client.post(url("competition_create"), data)
    assert "Dieses Kürzel ist in der Region schon vergeben." in taken.content.decode()
    # the edit form shows the days as entered, and saving changes them with the change log
    form = client.get(url("competition_edit", competition.pk)).content.decode()
    assert 'value="2024-10-31"' in form and "team|Team oder Verein|required" in form
    response = client.post(
        url("competition_edit", competition.pk),
        {**data, "jury_day": "2024-11-20", "version": competition.version, "reason": "später"},
    )
    assert response.status_code == 302
    competition.refresh_from_db()
    assert competition.jury_end == datetime.datetime(2024, 11, 21, tzinfo=BERLIN)
    assert changes_for(competition).first().reason == "später"


def test_criteria_and_prizes_are_added_edited_and_deleted(client, login, competition):
    login("coordinator")
    response = client.post(
        url("competition_criterion_create", competition.pk),
        {"name": "Nachhaltigkeit", "weight": "1.5", "description": "", "position": ""},
    )
    assert response.status_code == 302
    criterion = competition.criteria.get(name="Nachhaltigkeit")
    assert str(criterion.weight) == "1.50"
    bad = client.post(
        url("competition_criterion_edit", criterion.pk),
        {"name": "Nachhaltigkeit", "weight": "0", "description": ""},
    )
    assert bad.status_code == 400
    client.post(
        url("competition_criterion_edit", criterion.pk),
        {"name": "Nachhaltigkeit", "weight": "3", "description": "ökologisch"},
    )
    criterion.refresh_from_db()
    assert str(criterion.weight) == "3.00" and criterion.description == "ökologisch"
    assert Decimal(changes_for(criterion).first().changes["weight"]["after"]) == 3
    client.post(url("competition_criterion_delete", criterion.pk), {"reason": "doppelt"})
    assert not Criterion.objects.filter(pk=criterion.pk).exists()

    taken = client.post(
        url("competition_prize_create", competition.pk), {"position": 1, "name": "Extra"}
    )
    assert taken.status_code == 400
    assert "Diesen Platz hat schon ein Preis." in taken.content.decode()
    client.post(url("competition_prize_create", competition.pk), {"position": 3, "name": "Bronze"})
    bronze = competition.prizes.get(position=3)
    client.post(
        url("competition_prize_edit", bronze.pk),
        {"position": 3, "name": "Bronze", "description": "500 Euro"},
    )
    bronze.refresh_from_db()
    assert bronze.description == "500 Euro"
    client.post(url("competition_prize_delete", bronze.pk), {"reason": ""})
    assert list(competition.prizes.values_list("name", flat=True)) == ["Gold", "Silber"]
    page = client.get(url("competition_detail", competition.pk)).content.decode()
    assert "Gold" in page and "Idee" in page and "Nachhaltigkeit" not in page


def test_jurors_are_added_by_name_or_address_and_removed(client, login, competition):
    erika = make_participant("erika", first_name="Erika", email="erika@example.org")
    make_participant("max", email="max@example.org")
    login("coordinator")
    address = url("competition_detail", competition.pk)
    unknown = client.post(address, {"account": "niemand"})
    assert unknown.status_code == 400 and "Kein (eindeutiges) aktives Konto" in (
        unknown.content.decode()
    )
    assert client.post(address, {"account": "ERIKA@example.org"}).status_code == 302
    assert client.post(address, {"account": "max"}).status_code == 302
    again = client.post(address, {"account": "erika"})
    assert "Diese Person gehört bereits zur Jury." in again.content.decode()
    seat = Juror.objects.get(competition=competition, user=erika)
    assert changes_for(seat).exists()
    page = client.get(address).content.decode()
    assert f'id="juror-{seat.pk}"' in page
    client.post(url("competition_juror_remove", seat.pk), {"reason": "verhindert"})
    assert list(competition.jurors.values_list("user__username", flat=True)) == ["max"]


def test_the_submissions_list_shows_the_extra_fields(client, login, competition):
    make_submission(competition, title="Dorf-App", extra={"team": "Landjugend Senden"})
    withdrawn = make_submission(competition, title="Zurückgezogen", extra={"team": "X"})
    svc.withdraw_entry(withdrawn, user=None)
    login("coordinator")
    page = client.get(url("competition_submissions", competition.pk)).content.decode()
    assert "Dorf-App" in page and "Landjugend Senden" in page and "<dt>Team</dt>" in page
    assert "zurückgezogen" in page


def test_the_ranking_shows_each_jurors_scores(client, login, competition, jury_case):
    alpha, beta, gamma = jury_case["submissions"]
    login("coordinator")
    page = client.get(url("competition_ranking", competition.pk)).content.decode()
    order = [page.index(f'href="#einreichung-{s.pk}"') for s in (alpha, gamma, beta)]
    assert order == sorted(order)
    assert "7.67" in page or "7,67" in page
    assert "7.38" in page or "7,38" in page
    section = page[page.index(f'id="einreichung-{alpha.pk}"') :]
    section = section[: section.index("</section>")]
    assert "Jurorin 1" in section and "befangen" in section
    assert '<td data-label="Umsetzbarkeit">10</td>' in section  # juror 2's score for Alpha
    gamma_part = page[page.index(f'id="einreichung-{gamma.pk}"') :]
    gamma_part = gamma_part[: gamma_part.index("</section>")]
    assert '<td data-label="Umsetzbarkeit">–</td>' in gamma_part  # juror 2 left it out


def test_publishing_the_result_gives_the_prizes_in_ranking_order(
    client, login, competition, jury_case
):
    alpha, beta, gamma = jury_case["submissions"]
    move_to_phase(competition, CompetitionPhase.AWAITING)
    user = login("coordinator")
    ranking = client.get(url("competition_ranking", competition.pk)).content.decode()
    assert url("competition_publish_result", competition.pk) in ranking
    preview = client.get(url("competition_publish_result", competition.pk)).content.decode()
    assert "<strong>Gold</strong>: Alpha" in preview and "<strong>Silber</strong>: Gamma" in preview
    competition.refresh_from_db()
    response = client.post(
        url("competition_publish_result", competition.pk),
        {"version": competition.version, "reason": "Jurysitzung"},
    )
    assert response["Location"] == url("competition_detail", competition.pk)
    competition.refresh_from_db()
    assert competition.result_published
    assert dict(Prize.objects.filter(competition=competition).values_list("name", "winner")) == {
        "Gold": alpha.pk,
        "Silber": gamma.pk,
    }
    assert changes_for(competition).first().user == user
    # afterwards the parts stay as they are
    page = client.get(url("competition_detail", competition.pk)).content.decode()
    assert url("competition_criterion_create", competition.pk) not in page
    response = client.post(
        url("competition_criterion_create", competition.pk), {"name": "Neu", "weight": "1"}
    )
    assert response.status_code == 400
    assert not competition.criteria.filter(name="Neu").exists()
    criterion = competition.criteria.first()
    client.post(url("competition_criterion_delete", criterion.pk), {"reason": ""})
    assert Criterion.objects.filter(pk=criterion.pk).exists()
    again = client.post(url("competition_publish_result", competition.pk), {"reason": ""})
    assert again.status_code == 400


def test_publishing_waits_for_the_end_of_the_submission(client, login, competition):
    make_submission(competition, extra={"team": "T"})
    login("coordinator")
    ranking = client.get(url("competition_ranking", competition.pk)).content.decode()
    assert url("competition_publish_result", competition.pk) not in ranking
    response = client.post(url("competition_publish_result", competition.pk), {"reason": ""})
    assert response.status_code == 400
    assert "erst nach dem Ende der Einreichung" in response.content.decode()
    competition.refresh_from_db()
    assert not competition.result_published


def test_change_log_entries_of_competitions_lead_to_their_pages(
    client, login, competition, jury_case
):
    alpha = jury_case["submissions"][0]
    juror = jury_case["jurors"][0]
    login("coordinator")
    detail = url("competition_detail", competition.pk)
    ranking = url("competition_ranking", competition.pk)
    cases = [
        (competition.criteria.first(), f"{detail}#kriterium-{competition.criteria.first().pk}"),
        (competition.prizes.first(), f"{detail}#preis-{competition.prizes.first().pk}"),
        (juror, f"{detail}#juror-{juror.pk}"),
        (alpha, f"{url('competition_submissions', competition.pk)}#einreichung-{alpha.pk}"),
        (juror.scores.first(), f"{ranking}#einreichung-{juror.scores.first().submission_id}"),
        (jury_case["jurors"][2].conflicts.first(), f"{ranking}#einreichung-{alpha.pk}"),
    ]
    for obj, expected in cases:
        change = changes_for(obj).first()
        assert change is not None, obj
        response = client.get(object_url(change))
        assert response.status_code == 302 and response["Location"] == expected, obj
    assert object_url(changes_for(competition).first()) == detail
