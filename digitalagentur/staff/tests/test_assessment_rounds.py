"""Assessment rounds in the staff area (issue 9 §2, §3, §3a, §7a): the list and forms, a town
answering for itself (draft, submit, history, deadline, stale versions, escaping), the
coordination's overview and reminders, results with overrides, applying to the strategy,
the CSV export and the query count of the results page."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from digitalagentur.assessment.models import (
    GroupOverride,
    Question,
    QuestionKind,
    Response,
    ResponseRevision,
    ResponseStatus,
    Round,
    RoundReminder,
)
from digitalagentur.core import testing as t
from digitalagentur.core.models import ObjectChange
from digitalagentur.strategy.models import Field
from digitalagentur.tenancy.choices import Role
from digitalagentur.testing.assessment import make_questionnaire, make_response, make_round


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


@pytest.fixture
def fields(strategy):
    return [
        t.make_field(strategy, "Verwaltung", priority=3, position=1),
        t.make_field(strategy, "Bildung", priority=3, position=2),
        t.make_field(strategy, "Tourismus", priority=1, position=3),
    ]


@pytest.fixture
def questionnaire(region):
    q = make_questionnaire(region, "Bedarfsanalyse 2019", required=True)
    relevance = q.sections.order_by("position").first()
    Question.objects.create(
        region=region,
        questionnaire=q,
        section=relevance,
        position=99,
        text="Anmerkungen",
        kind=QuestionKind.TEXT,
    )
    return q


@pytest.fixture
def round_(region, town, other_town, fields, questionnaire):
    return make_round(
        region,
        questionnaire=questionnaire,
        towns=[town, other_town],
        fields=fields,
        slug="analyse-2019",
        title="Analyse 2019",
        group_sizes=[1, 1, 1],
    )


@pytest.fixture
def login(client, users):
    def _login(role):
        client.force_login(users[role])
        return users[role]

    return _login


def answer_url(round_, town):
    return reverse("staff:round_answer", args=[round_.slug, town.slug])


def scale_questions(questionnaire):
    return list(questionnaire.questions.filter(kind=QuestionKind.SCALE).order_by("position"))


def text_question(questionnaire):
    return questionnaire.questions.get(kind=QuestionKind.TEXT)


def full_answers(round_, score=4, **extra) -> dict:
    """POST data answering every scale question of every field with `score`."""
    data = {}
    for field in round_.fields.all():
        for question in scale_questions(round_.questionnaire):
            data[f"q{question.pk}_f{field.pk}"] = str(score)
    data.update(extra)
    return data


def checked(html: str, name: str) -> str | None:
    """The value of the checked radio button `name` in the page."""
    for tag in re.findall(r"<input[^>]*>", html):
        if f'name="{name}"' in tag and " checked" in tag:
            return re.search(r'value="([^"]*)"', tag).group(1)
    return None


def stored_answers(round_, town) -> dict:
    response = Response.objects.get(round=round_, municipality=town)
    return {(a.question_id, a.field_id): a.value for a in response.answers.all()}


# -- answering --


def test_officer_saves_a_draft_then_submits_for_their_town(client, login, round_, town, fields):
    login("officer")
    url = answer_url(round_, town)
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Entwurf speichern" in html and "Einreichen" in html
    assert "noch keine Antwort" in html
    # One fieldset per field of action, the scale questions as radio groups with a legend.
    assert html.count('class="answer-field panel"') == 3
    assert "<legend>Wie bewerten Sie Wachstumspotenzial?" in html

    first = scale_questions(round_.questionnaire)[0]
    response = client.post(
        url, {"version": "1", "draft": "1", f"q{first.pk}_f{fields[0].pk}": "5"}, follow=True
    )
    assert "Der Entwurf ist gespeichert." in response.content.decode()
    saved = Response.objects.get(round=round_, municipality=town)
    assert saved.status == ResponseStatus.DRAFT
    assert stored_answers(round_, town) == {(first.pk, fields[0].pk): 5}
    assert not ResponseRevision.objects.filter(response=saved).exists()

    data = full_answers(round_, version=str(saved.version), submit="1")
    response = client.post(url, data, follow=True)
    html = response.content.decode()
    assert "Ihre Antwort ist eingereicht." in html
    assert 'id="antwort-status">eingereicht<' in html
    saved.refresh_from_db()
    assert saved.status == ResponseStatus.SUBMITTED
    assert saved.submitted_by.username == "officer-a"
    assert set(stored_answers(round_, town).values()) == {4}
    # The submission is the first revision of the history, with a page of its answers.
    revision = ResponseRevision.objects.get(response=saved)
    assert "Stand 1" in html
    page = client.get(
        reverse("staff:round_answer_revision", args=[round_.slug, town.slug, revision.number])
    )
    assert page.status_code == 200
    assert "4 – hoch" in page.content.decode()


def test_submitting_needs_every_required_question(client, login, round_, town, fields):
    login("officer")
    first = scale_questions(round_.questionnaire)[0]
    response = client.post(
        answer_url(round_, town),
        {"version": "1", "submit": "1", f"q{first.pk}_f{fields[0].pk}": "3"},
    )
    assert response.status_code == 400
    assert "Bitte beantworten Sie diese Frage." in response.content.decode()
    # The entered value stays checked in the form; nothing is saved.
    assert checked(response.content.decode(), f"q{first.pk}_f{fields[0].pk}") == "3"
    assert not Response.objects.filter(round=round_, municipality=town).exists()


def test_value_outside_the_scale_is_refused_with_a_german_message(client, login, round_, town):
    login("officer")
    first = scale_questions(round_.questionnaire)[0]
    field = round_.fields.first()
    response = client.post(
        answer_url(round_, town), {"version": "1", "draft": "1", f"q{first.pk}_f{field.pk}": "9"}
    )
    assert response.status_code == 400
    assert not Response.objects.filter(round=round_, municipality=town).exists()


def test_officer_of_another_town_gets_403_with_the_reason(client, region, round_, other_town, town):
    stranger = t.make_user_with_role(region, Role.OFFICER, other_town, username="officer-b")
    client.force_login(stranger)
    for response in (
        client.get(answer_url(round_, town)),
        client.post(answer_url(round_, town), full_answers(round_, version="1", submit="1")),
    ):
        assert response.status_code == 403
        assert "Sie dürfen nur für Ihre eigene Kommune antworten." in response.content.decode()
    assert not Response.objects.filter(round=round_, municipality=town).exists()
    # Their own town works.
    assert client.get(answer_url(round_, other_town)).status_code == 200


def test_reader_cannot_answer(client, login, round_, town):
    login("reader")
    assert client.get(answer_url(round_, town)).status_code == 403
    response = client.post(answer_url(round_, town), full_answers(round_, version="1", draft="1"))
    assert response.status_code == 403
    assert "Sie dürfen in dieser Bewertungsrunde nicht antworten." in response.content.decode()
    assert not Response.objects.exists()


def test_coordination_may_answer_for_a_town(client, login, round_, town):
    login("coordinator")
    response = client.post(answer_url(round_, town), full_answers(round_, version="1", draft="1"))
    assert response.status_code == 302
    assert Response.objects.get(round=round_, municipality=town).status == ResponseStatus.DRAFT


def test_after_the_deadline_the_page_is_read_only_and_posts_are_refused(
    client, login, round_, town
):
    first = scale_questions(round_.questionnaire)[0]
    field = round_.fields.first()
    make_response(round_, town, {(first.pk, field.pk): 2}, status="submitted")
    Round.objects.filter(pk=round_.pk).update(deadline=timezone.now() - datetime.timedelta(hours=1))
    login("officer")
    page = client.get(answer_url(round_, town))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Die Frist dieser Runde ist am" in html and "abgelaufen" in html
    assert (
        "Entwurf speichern" not in html
        and '<form method="post" class="staff-form answer' not in html
    )
    assert "2 – gering" in html
    response = client.post(
        answer_url(round_, town), full_answers(round_, version="1", submit="1"), follow=True
    )
    assert "Antworten sind nicht mehr möglich." in response.content.decode()
    assert stored_answers(round_, town) == {(first.pk, field.pk): 2}


def test_a_stale_version_shows_the_conflict_and_keeps_the_input(client, login, round_, town):
    first = scale_questions(round_.questionnaire)[0]
    field = round_.fields.first()
    login("officer")
    client.post(
        answer_url(round_, town), {"version": "1", "draft": "1", f"q{first.pk}_f{field.pk}": "2"}
    )
    # Saved once (version 2); a form still based on version 1 is stale.
    response = client.post(
        answer_url(round_, town),
        {"version": "1", "draft": "1", f"q{first.pk}_f{field.pk}": "5"},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "von jemand anderem gespeichert" in html
    assert checked(html, f"q{first.pk}_f{field.pk}") == "5"
    assert stored_answers(round_, town) == {(first.pk, field.pk): 2}
    # The form now carries the current version: saving again on purpose works.
    saved = Response.objects.get(round=round_, municipality=town)
    assert f'name="version" value="{saved.version}"' in html


def test_free_text_is_shown_escaped(client, login, round_, town):
    login("officer")
    question = text_question(round_.questionnaire)
    field = round_.fields.first()
    client.post(
        answer_url(round_, town),
        {"version": "1", "draft": "1", f"q{question.pk}_f{field.pk}": "<script>alert(1)</script>"},
    )
    html = client.get(answer_url(round_, town)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_changed_questionnaire_keeps_the_town_on_its_revision(
    client, login, region, round_, town
):
    first = scale_questions(round_.questionnaire)[0]
    field = round_.fields.first()
    make_response(round_, town, {(first.pk, field.pk): 3})
    newer = make_questionnaire(region, "Bedarfsanalyse 2019 (neu)")
    Round.objects.filter(pk=round_.pk).update(questionnaire=newer)
    login("officer")
    html = client.get(answer_url(round_, town)).content.decode()
    assert "Ihre Antwort bleibt bei der Fassung, die Sie begonnen haben." in html
    assert "Bedarfsanalyse 2019 (neu)" not in html


# -- a round's page and the reminders ------------------------------------------------------------


def test_coordination_sees_missing_towns_and_requests_a_reminder(
    client, login, round_, town, other_town, django_capture_on_commit_callbacks
):
    make_response(round_, town, status="submitted")
    login("coordinator")
    page = client.get(reverse("staff:round_detail", args=[round_.slug]))
    html = page.content.decode()
    assert "1 von 2 Kommunen" in html
    assert "Noch nicht eingereicht: Havixbeck" in html
    assert reverse("staff:round_remind", args=[round_.slug]) in html
    confirm = client.get(reverse("staff:round_remind", args=[round_.slug]))
    assert "Havixbeck" in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(reverse("staff:round_remind", args=[round_.slug]), follow=True)
    assert "im Hintergrund versandt" in response.content.decode()
    reminder = RoundReminder.objects.get(round=round_)
    assert reminder.requested_by.username == "koord-a"
    assert "angefordert am" in response.content.decode()


def test_officer_cannot_send_reminders_and_none_after_the_deadline(client, login, round_):
    login("officer")
    assert client.post(reverse("staff:round_remind", args=[round_.slug])).status_code == 403
    login("coordinator")
    Round.objects.filter(pk=round_.pk).update(deadline=timezone.now() - datetime.timedelta(days=1))
    response = client.post(reverse("staff:round_remind", args=[round_.slug]), follow=True)
    assert "Die Frist ist abgelaufen" in response.content.decode()
    assert not RoundReminder.objects.exists()
    page = client.get(reverse("staff:round_detail", args=[round_.slug])).content.decode()
    assert reverse("staff:round_remind", args=[round_.slug]) not in page
    assert "disabled" in page and "Erinnerungen sind nicht mehr möglich" in page


def test_officer_sees_a_link_only_to_their_own_towns_answer(
    client, login, round_, town, other_town
):
    login("officer")
    html = client.get(reverse("staff:round_detail", args=[round_.slug])).content.decode()
    assert answer_url(round_, town) in html
    assert answer_url(round_, other_town) not in html


# -- list and forms --


def test_round_list_and_empty_state(client, login, region):
    login("reader")
    html = client.get(reverse("staff:round_list")).content.decode()
    assert "Noch keine Bewertungsrunden." in html
    assert reverse("staff:round_create") not in html


def test_round_list_counts_submitted_towns(client, login, round_, town, other_town):
    make_response(round_, town, status="submitted")
    login("coordinator")
    html = client.get(reverse("staff:round_list")).content.decode()
    assert "Analyse 2019" in html and "1 von 2 Kommunen" in html and "offen" in html
    assert reverse("staff:round_create") in html
    login("officer")
    html = client.get(reverse("staff:round_list")).content.decode()
    assert answer_url(round_, town) in html and "Antwort von Senden" in html
    assert answer_url(round_, other_town) not in html
    assert reverse("staff:round_create") not in html


def test_round_list_query_count_is_constant(
    client, login, region, round_, town, questionnaire, django_assert_max_num_queries
):
    login("officer")
    url = reverse("staff:round_list")
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    budget = len(few.captured_queries)
    for n in range(5):
        extra = make_round(region, questionnaire=questionnaire, towns=[town], slug=f"r-{n}")
        make_response(extra, town, status="submitted")
    client.get(url)
    with django_assert_max_num_queries(budget):
        html = client.get(url).content.decode()
    assert html.count("Antwort von Senden") == 6


def round_form_data(questionnaire, towns, fields, **overrides):
    data = {
        "title": "Fortschreibung 2025",
        "slug": "",
        "description": "",
        "questionnaire": questionnaire.pk,
        "towns": [t.pk for t in towns],
        "field_choices": [f.pk for f in fields],
        "deadline_date": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
        "deadline_time": "24:00",
        "combine": "product",
        "grouping": "sizes",
        "sizes_text": "1, 1, 1",
        "thresholds_text": "",
        "reason": "",
    }
    data.update(overrides)
    return data


def test_coordination_creates_a_round(client, login, questionnaire, town, other_town, fields):
    login("coordinator")
    form = client.get(reverse("staff:round_create")).content.decode()
    assert 'value="2, 3, 3"' in form
    response = client.post(
        reverse("staff:round_create"),
        round_form_data(questionnaire, [town], fields, sizes_text="2, 1"),
    )
    assert response.status_code == 302
    created = Round.objects.get(slug="fortschreibung-2025")
    assert created.group_sizes == [2, 1] and created.thresholds is None
    assert list(created.municipalities.all()) == [town]
    assert created.fields.count() == 3


def test_round_form_takes_german_thresholds(client, login, questionnaire, town, fields):
    login("coordinator")
    response = client.post(
        reverse("staff:round_create"),
        round_form_data(
            questionnaire, [town], fields, grouping="thresholds", thresholds_text="12; 6,5"
        ),
    )
    assert response.status_code == 302
    created = Round.objects.get(slug="fortschreibung-2025")
    assert created.thresholds == [12, 6.5] and created.group_sizes is None


def test_round_form_refuses_sizes_that_do_not_add_up(client, login, questionnaire, town, fields):
    login("coordinator")
    response = client.post(
        reverse("staff:round_create"),
        round_form_data(questionnaire, [town], fields, sizes_text="2, 3, 3"),
    )
    assert response.status_code == 200
    assert "Die Gruppengrößen ergeben zusammen 8, es sind aber 3 Handlungsfelder" in (
        response.content.decode()
    )
    assert not Round.objects.exists()


def test_officer_cannot_create_edit_or_delete_rounds(client, login, round_):
    login("officer")
    assert client.get(reverse("staff:round_create")).status_code == 403
    assert client.get(reverse("staff:round_edit", args=[round_.slug])).status_code == 403
    assert client.post(reverse("staff:round_delete", args=[round_.slug])).status_code == 403
    assert Round.objects.filter(pk=round_.pk).exists()


def test_coordination_edits_and_deletes_a_round(client, login, round_, town, fields):
    login("coordinator")
    page = client.get(reverse("staff:round_edit", args=[round_.slug]))
    assert page.status_code == 200
    data = round_form_data(
        round_.questionnaire, [town], fields, title="Analyse 2019 (neu)", slug="analyse-2019"
    )
    data["version"] = round_.version
    assert client.post(reverse("staff:round_edit", args=[round_.slug]), data).status_code == 302
    round_.refresh_from_db()
    assert round_.title == "Analyse 2019 (neu)"
    assert list(round_.municipalities.all()) == [town]
    confirm = client.get(reverse("staff:round_delete", args=[round_.slug]))
    assert "wirklich löschen" in confirm.content.decode()
    response = client.post(
        reverse("staff:round_delete", args=[round_.slug]), {"version": round_.version}
    )
    assert response.status_code == 302
    assert not Round.objects.filter(pk=round_.pk).exists()


def test_a_stale_round_edit_shows_the_conflict(client, login, round_, town, fields):
    login("coordinator")
    data = round_form_data(round_.questionnaire, [town], fields, title="Neu", slug="analyse-2019")
    data["version"] = round_.version
    Round.objects.filter(pk=round_.pk).update(version=round_.version + 1, title="Anders")
    response = client.post(reverse("staff:round_edit", args=[round_.slug]), data)
    assert response.status_code == 409
    round_.refresh_from_db()
    assert round_.title == "Anders"


def test_an_applied_round_is_not_deleted(client, login, round_, strategy):
    from digitalagentur.strategy.versions import freeze_version

    version = freeze_version(strategy, "Fassung X")
    Round.objects.filter(pk=round_.pk).update(applied_version=version)
    login("coordinator")
    response = client.post(
        reverse("staff:round_delete", args=[round_.slug]), {"version": round_.version}, follow=True
    )
    assert "sie bleibt erhalten" in response.content.decode()
    assert Round.objects.filter(pk=round_.pk).exists()


# -- results, overrides, applying --


def submit_scores(round_, town, relevance: int, potential: int, fields=None):
    """A submitted response scoring every field: relevance questions `relevance`, potential
    questions `potential`."""
    values = {}
    for field in fields or round_.fields.all():
        for question in scale_questions(round_.questionnaire):
            score = relevance if question.criterion.dimension == "relevance" else potential
            values[(question.pk, field.pk)] = score
    return make_response(round_, town, values, status="submitted")


def test_results_table_shows_the_statistics(client, login, round_, town, other_town):
    submit_scores(round_, town, 4, 2)
    submit_scores(round_, other_town, 2, 4)
    login("reader")
    html = client.get(reverse("staff:round_results", args=[round_.slug])).content.decode()
    assert "Verwaltung" in html and "Median 3,00" in html and "n = 2" in html
    assert "Std.-Abw. 1,00" in html
    assert "9,00" in html  # combined: 3 x 3
    assert 'class="line-chart matrix-chart"' in html  # the portfolio matrix with its table
    assert reverse("staff:round_override", args=[round_.slug, round_.fields.first().pk]) not in html


def test_override_with_reason_is_recorded_and_without_reason_refused(
    client, login, round_, town, fields
):
    submit_scores(round_, town, 4, 4)
    login("coordinator")
    field = fields[2]
    url = reverse("staff:round_override", args=[round_.slug, field.pk])
    prefix = f"f{field.pk}"
    response = client.post(url, {f"{prefix}-priority_group": "1", f"{prefix}-reason": "  "})
    assert response.status_code == 400
    assert "Bitte begründen Sie die abweichende Einstufung." in response.content.decode()
    assert not GroupOverride.objects.exists()
    response = client.post(
        url,
        {f"{prefix}-priority_group": "1", f"{prefix}-reason": "Tourismus ist Schwerpunkt"},
        follow=True,
    )
    override = GroupOverride.objects.get(round=round_, field=field)
    assert override.priority_group == 1 and override.reason == "Tourismus ist Schwerpunkt"
    assert override.user.username == "koord-a"
    assert "die Begründung ist vermerkt" in response.content.decode()
    assert "Tourismus ist Schwerpunkt" in response.content.decode()
    clear = reverse("staff:round_override_clear", args=[round_.slug, field.pk])
    login("officer")
    assert client.post(clear).status_code == 403
    login("coordinator")
    client.post(clear, {"version": override.version})
    assert not GroupOverride.objects.exists()


def test_apply_creates_a_version_and_the_results_page_links_it(
    client, login, round_, town, other_town, fields
):
    submit_scores(round_, town, 5, 5, fields=[fields[2]])
    submit_scores(round_, other_town, 1, 1, fields=fields[:2])
    login("officer")
    assert client.post(reverse("staff:round_apply", args=[round_.slug])).status_code == 403
    login("coordinator")
    confirm = client.get(reverse("staff:round_apply", args=[round_.slug]))
    assert "in die Strategie übernehmen" in confirm.content.decode()
    response = client.post(
        reverse("staff:round_apply", args=[round_.slug]),
        {"version": round_.version, "reason": "Beschluss der Arbeitsgruppe"},
        follow=True,
    )
    assert "Die Prioritäten sind in die Strategie übernommen" in response.content.decode()
    round_.refresh_from_db()
    assert round_.applied_version is not None
    # The change log names the round and keeps the coordination's note.
    reasons = ObjectChange.objects.filter(content_type__model="field").values_list("reason")
    expected = f"Ergebnis der Bewertungsrunde „{round_.title}“: Beschluss der Arbeitsgruppe"
    assert reasons and {reason for (reason,) in reasons} == {expected}
    link = reverse("staff:version_detail", args=[round_.applied_version.pk])
    assert link in response.content.decode()
    # Tourismus (5 x 5) is now group I.
    assert Field.objects.get(pk=fields[2].pk).priority_group.number == 1
    again = client.get(reverse("staff:round_apply", args=[round_.slug])).content.decode()
    assert "Diese Runde wurde bereits am" in again


def test_apply_without_submissions_is_refused(client, login, round_):
    login("coordinator")
    response = client.post(
        reverse("staff:round_apply", args=[round_.slug]), {"version": round_.version}, follow=True
    )
    assert "Noch keine Kommune hat eingereicht" in response.content.decode()
    round_.refresh_from_db()
    assert round_.applied_version is None


def test_town_comparison_and_csv(client, login, round_, town, other_town):
    submit_scores(round_, town, 4, 2)
    submit_scores(round_, other_town, 2, 4)
    login("reader")
    html = client.get(
        reverse("staff:round_results", args=[round_.slug]) + "?kommune=senden"
    ).content.decode()
    assert "Relevanz Senden" in html and "4,00" in html
    csv = client.get(reverse("staff:round_results_csv", args=[round_.slug]))
    text = csv.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Rang;Handlungsfeld;Kürzel;Relevanz Mittelwert")
    assert ";3,00;3,00;1,00;2,00;4,00;2;" in text


def test_results_page_query_count_is_constant(
    client, login, region, round_, town, other_town, django_assert_max_num_queries, no_page_cache
):
    submit_scores(round_, town, 4, 2)
    login("coordinator")
    url = reverse("staff:round_results", args=[round_.slug])
    client.get(url)  # warm up (session, access cache)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(url + "?kommune=senden").status_code == 200
    budget = len(few.captured_queries)  # read now: every request clears the query log
    for n in range(6):
        extra = t.make_municipality(region, f"Ort {n}", slug=f"ort-{n}")
        round_.municipalities.add(extra)
        submit_scores(round_, extra, 1 + n % 5, 5 - n % 5)
    client.get(url)  # warm up again (the roles are cached per content version)
    with django_assert_max_num_queries(budget):
        response = client.get(url + "?kommune=senden")
    assert response.status_code == 200
    assert "n = 7" in response.content.decode()


# -- review fixes (issue 9 §2, §3, §3a, §7a) ---------------------------------------------------


def new_revision(round_, other_town):
    """Another town answers, then the coordination edits the questionnaire: the edit makes a
    new revision and the round moves to it. Returns (old, new)."""
    from digitalagentur.assessment import questionnaires

    old = round_.questionnaire
    make_response(round_, other_town, status="draft")
    new = questionnaires.writable(old)
    round_.refresh_from_db()
    assert new.pk != old.pk and round_.questionnaire_id == new.pk
    return old, new


def test_answers_to_an_older_revision_are_not_lost(client, login, round_, town, other_town):
    login("officer")
    page = client.get(answer_url(round_, town)).content.decode()
    old = round_.questionnaire
    assert f'name="questionnaire" value="{old.pk}"' in page
    _old, new = new_revision(round_, other_town)
    first = scale_questions(old)[0]
    field = round_.fields.first()
    response = client.post(
        answer_url(round_, town),
        {
            "version": "1",
            "draft": "1",
            "questionnaire": str(old.pk),
            f"q{first.pk}_f{field.pk}": "5",
        },
    )
    # The town's answer stays tied to the revision it saw (§7a).
    assert response.status_code == 302
    saved = Response.objects.get(round=round_, municipality=town)
    assert saved.questionnaire_id == old.pk != new.pk
    assert stored_answers(round_, town) == {(first.pk, field.pk): 5}


def test_a_page_of_another_revision_than_the_towns_answer_moves_the_input(
    client, login, round_, town, other_town
):
    """A colleague started the town's answer on the new revision while the officer's page
    still showed the old one: nothing is saved (409) and the values move into the new form."""
    old = round_.questionnaire
    _old, new = new_revision(round_, other_town)
    make_response(round_, town, status="draft")
    assert Response.objects.get(round=round_, municipality=town).questionnaire_id == new.pk
    first = scale_questions(old)[0]
    field = round_.fields.first()
    login("officer")
    response = client.post(
        answer_url(round_, town),
        {
            "version": "1",
            "draft": "1",
            "questionnaire": str(old.pk),
            f"q{first.pk}_f{field.pk}": "5",
        },
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Der Fragebogen wurde inzwischen geändert" in html
    moved = scale_questions(new)[0]
    assert checked(html, f"q{moved.pk}_f{field.pk}") == "5"
    assert f'name="questionnaire" value="{new.pk}"' in html
    assert stored_answers(round_, town) == {}
    # Saving that form again works.
    again = client.post(
        answer_url(round_, town),
        {
            "version": "1",
            "draft": "1",
            "questionnaire": str(new.pk),
            f"q{moved.pk}_f{field.pk}": "5",
        },
    )
    assert again.status_code == 302
    assert stored_answers(round_, town) == {(moved.pk, field.pk): 5}


def test_a_questionnaire_of_another_lineage_is_refused(client, login, region, round_, town):
    other = make_questionnaire(region, "Etwas anderes")
    question = scale_questions(other)[0]
    field = round_.fields.first()
    login("officer")
    response = client.post(
        answer_url(round_, town),
        {
            "version": "1",
            "draft": "1",
            "questionnaire": str(other.pk),
            f"q{question.pk}_f{field.pk}": "5",
        },
    )
    assert response.status_code == 400
    assert "Das Formular ist veraltet" in response.content.decode()
    assert not Response.objects.filter(round=round_, municipality=town).exists()


def test_errors_of_radio_groups_are_described_and_marked_invalid(client, login, round_, town):
    login("officer")
    response = client.post(
        answer_url(round_, town),
        {"version": "1", "submit": "1", "questionnaire": str(round_.questionnaire_id)},
    )
    assert response.status_code == 400
    html = response.content.decode()
    first = scale_questions(round_.questionnaire)[0]
    field = round_.fields.order_by("position").first()
    auto_id = f"id_q{first.pk}_f{field.pk}"
    fieldset = re.search(
        rf'<fieldset class="question form-row has-error"[^>]*aria-describedby="([^"]*)"[^>]*>'
        rf"\s*<legend>[^<]*{re.escape(first.text)}",
        html,
    )
    assert fieldset is not None
    assert f"{auto_id}_fehler" in fieldset.group(1).split()
    assert f'<ul class="errorlist" id="{auto_id}_fehler">' in html
    inputs = [tag for tag in re.findall(r"<input[^>]*>", html) if f'id="{auto_id}_' in tag]
    assert len(inputs) == 5 and all('aria-invalid="true"' in tag for tag in inputs)


def test_apply_with_a_stale_version_shows_the_conflict(client, login, round_, town, strategy):
    from digitalagentur.strategy.models import StrategyVersion

    submit_scores(round_, town, 4, 4)
    Round.objects.filter(pk=round_.pk).update(deadline=timezone.now() - datetime.timedelta(hours=1))
    login("coordinator")
    url = reverse("staff:round_apply", args=[round_.slug])
    assert client.post(url, {"version": round_.version}).status_code == 302
    versions = StrategyVersion.objects.count()
    # A double click (or a second coordinator) posts the old version again: refused.
    response = client.post(url, {"version": round_.version})
    assert response.status_code == 409
    assert "Diese Bewertungsrunde wurde inzwischen" in response.content.decode()
    assert StrategyVersion.objects.count() == versions


def test_csv_cells_are_never_formulas(client, login, round_, town, fields):
    submit_scores(round_, town, 4, 4)
    GroupOverride.objects.create(
        region=round_.region,
        round=round_,
        field=fields[0],
        priority_group=1,
        reason='=HYPERLINK("http://example.org","x")',
    )
    login("reader")
    text = client.get(reverse("staff:round_results_csv", args=[round_.slug])).content.decode(
        "utf-8-sig"
    )
    import csv
    import io

    cells = [cell for line in csv.reader(io.StringIO(text), delimiter=";") for cell in line]
    assert '\'=HYPERLINK("http://example.org","x")' in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_clearing_an_override_asks_first(client, login, round_, town, fields):
    submit_scores(round_, town, 4, 4)
    field = fields[2]
    override = GroupOverride.objects.create(
        region=round_.region, round=round_, field=field, priority_group=1, reason="Schwerpunkt"
    )
    clear = reverse("staff:round_override_clear", args=[round_.slug, field.pk])
    login("coordinator")
    results = client.get(reverse("staff:round_results", args=[round_.slug])).content.decode()
    assert f'href="{clear}"' in results and "formaction" not in results
    confirm = client.get(clear)
    assert confirm.status_code == 200
    html = confirm.content.decode()
    assert "Schwerpunkt" in html and f'name="version" value="{override.version}"' in html
    assert GroupOverride.objects.filter(pk=override.pk).exists()
    # A stale confirmation (the override changed meanwhile) shows the conflict.
    GroupOverride.objects.filter(pk=override.pk).update(version=override.version + 1)
    stale = client.post(clear, {"version": override.version})
    assert stale.status_code == 409
    assert GroupOverride.objects.filter(pk=override.pk).exists()
    response = client.post(clear, {"version": override.version + 1}, follow=True)
    assert "ist aufgehoben" in response.content.decode()
    assert not GroupOverride.objects.exists()
    # Nothing left to clear: no success message.
    response = client.post(clear, {"version": override.version + 1}, follow=True)
    html = response.content.decode()
    assert "ist aufgehoben" not in html
    assert "keine abweichende Einstufung" in html


def test_a_stale_override_form_is_refused_with_the_input_kept(client, login, round_, town, fields):
    submit_scores(round_, town, 4, 4)
    field = fields[2]
    override = GroupOverride.objects.create(
        region=round_.region, round=round_, field=field, priority_group=1, reason="Erst"
    )
    login("coordinator")
    prefix = f"f{field.pk}"
    html = client.get(reverse("staff:round_results", args=[round_.slug])).content.decode()
    assert f'name="{prefix}-version" value="{override.version}"' in html
    # Someone else changes the override meanwhile.
    GroupOverride.objects.filter(pk=override.pk).update(
        version=override.version + 1, reason="Anders", priority_group=2
    )
    url = reverse("staff:round_override", args=[round_.slug, field.pk])
    data = {
        f"{prefix}-priority_group": "3",
        f"{prefix}-reason": "Meins",
        f"{prefix}-version": str(override.version),
    }
    response = client.post(url, data)
    assert response.status_code == 409
    html = response.content.decode()
    assert "inzwischen von jemand anderem geändert" in html and "Meins" in html
    override.refresh_from_db()
    assert override.reason == "Anders" and override.priority_group == 2
    # The kept form carries the current version: saving again on purpose works.
    assert f'name="{prefix}-version" value="{override.version}"' in html
    data[f"{prefix}-version"] = str(override.version)
    assert client.post(url, data).status_code == 302
    override.refresh_from_db()
    assert override.reason == "Meins" and override.priority_group == 3


def test_a_round_with_submitted_answers_is_not_deleted(client, login, round_, town):
    make_response(round_, town, status="submitted")
    login("coordinator")
    url = reverse("staff:round_delete", args=[round_.slug])
    assert "kann nicht gelöscht werden" in client.get(url).content.decode()
    response = client.post(url, {"version": round_.version, "reason": "weg"}, follow=True)
    assert response.status_code == 200
    assert "eingereicht" in response.content.decode()
    assert Round.objects.filter(pk=round_.pk).exists()


def test_delete_records_the_reason(client, login, round_):
    login("coordinator")
    response = client.post(
        reverse("staff:round_delete", args=[round_.slug]),
        {"version": round_.version, "reason": "Testrunde"},
    )
    assert response.status_code == 302
    change = ObjectChange.objects.filter(content_type__model="round", action="delete").get()
    assert change.reason == "Testrunde"


def test_publishing_has_its_own_confirmation(client, login, round_, town, fields):
    login("coordinator")
    form = client.get(reverse("staff:round_edit", args=[round_.slug])).content.decode()
    assert 'name="published"' not in form
    detail = client.get(reverse("staff:round_detail", args=[round_.slug])).content.decode()
    publish = reverse("staff:round_publish", args=[round_.slug])
    assert publish in detail
    assert "veröffentlichen?" in client.get(publish).content.decode()
    response = client.post(publish, {"version": round_.version}, follow=True)
    assert "ist veröffentlicht" in response.content.decode()
    round_.refresh_from_db()
    assert round_.published
    unpublish = reverse("staff:round_unpublish", args=[round_.slug])
    assert unpublish in response.content.decode()
    client.post(unpublish, {"version": round_.version})
    round_.refresh_from_db()
    assert not round_.published
    # Editing the round never changes the publication.
    Round.objects.filter(pk=round_.pk).update(published=True)
    round_.refresh_from_db()
    data = round_form_data(round_.questionnaire, [town], fields, slug="analyse-2019")
    data["version"] = round_.version
    client.post(reverse("staff:round_edit", args=[round_.slug]), data)
    round_.refresh_from_db()
    assert round_.published
    login("officer")
    assert client.post(publish, {"version": round_.version}).status_code == 403


def test_round_form_offers_newest_revisions_and_german_slugs(
    client, login, region, round_, other_town, town, fields
):
    old, new = new_revision(round_, other_town)
    login("coordinator")
    form = client.get(reverse("staff:round_create")).content.decode()
    assert f'<option value="{new.pk}"' in form and f'<option value="{old.pk}"' not in form
    response = client.post(
        reverse("staff:round_create"),
        round_form_data(new, [town], fields, title="Überprüfung Straße"),
    )
    assert response.status_code == 302
    assert Round.objects.filter(slug="ueberpruefung-strasse").exists()


def test_override_groups_use_roman_numerals(client, login, round_, town):
    from digitalagentur.assessment.results import ROMAN

    submit_scores(round_, town, 4, 4)
    login("coordinator")
    html = client.get(reverse("staff:round_results", args=[round_.slug])).content.decode()
    for numeral in ROMAN[:3]:
        assert f">Gruppe {numeral}</option>" in html


def test_round_list_counts_only_current_towns(client, login, round_, town, other_town):
    make_response(round_, town, status="submitted")
    make_response(round_, other_town, status="submitted")
    round_.municipalities.remove(other_town)
    login("coordinator")
    html = client.get(reverse("staff:round_list")).content.decode()
    assert "1 von 1 Kommunen" in html


def test_removing_a_town_that_answered_is_refused_in_german(
    client, login, round_, town, other_town, fields
):
    make_response(round_, other_town, status="draft")
    login("coordinator")
    data = round_form_data(round_.questionnaire, [town], fields, slug="analyse-2019")
    data["version"] = round_.version
    response = client.post(reverse("staff:round_edit", args=[round_.slug]), data)
    assert response.status_code == 200
    assert "haben schon geantwortet" in response.content.decode()
    assert set(round_.municipalities.all()) == {town, other_town}
