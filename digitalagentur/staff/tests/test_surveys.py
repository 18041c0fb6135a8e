"""Citizen surveys in the staff area: list (counts, state, empty), create/edit (dates and
times, questionnaire kind), delete with the number of answers, results, exports, rights."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from digitalagentur.assessment import surveys
from digitalagentur.assessment.models import (
    Identification,
    Questionnaire,
    QuestionnaireKind,
    Submission,
    Survey,
)
from digitalagentur.core.models import ObjectChange
from digitalagentur.testing.assessment_surveys import (
    answers_data,
    make_survey,
    make_survey_questionnaire,
)

from .helpers import confirm_data


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


def answer(survey, n, **overrides):
    return surveys.submit(
        survey,
        answers_data(survey.questionnaire, **overrides),
        person_key=f"{n:064d}",
        source_key=f"s{n}",
    )


def html(response) -> str:
    return response.content.decode()


def form_data(questionnaire, **overrides) -> dict:
    data = {
        "title": "Co-Working im Kreis",
        "questionnaire": questionnaire.pk,
        "introduction": "Wie arbeiten Sie?",
        "opens_date": "2027-03-01",
        "opens_time": "10:00",
        "closes_date": "2027-03-31",
        "closes_time": "24:00",
        "identification": Identification.ANONYMOUS,
        "published": "on",
        "reason": "",
    }
    data.update(overrides)
    return data


def test_list_is_empty_at_first(client, login, region):
    login("reader")
    response = client.get(reverse("staff:survey_list"))
    assert response.status_code == 200
    assert "Noch keine Umfragen" in html(response)
    assert reverse("staff:survey_create") not in html(response)  # readers do not write


def test_list_shows_counts_and_state_in_constant_queries(
    client, login, region, django_assert_max_num_queries
):
    login("coordinator")
    open_survey = make_survey(region, title="Laufende Umfrage", slug="laeuft", is_demo=True)
    make_survey(
        region,
        title="Beendete Umfrage",
        slug="beendet",
        opens_at=timezone.now() - datetime.timedelta(days=9),
        closes_at=timezone.now() - datetime.timedelta(days=1),
    )
    for n in range(3):
        answer(open_survey, n)
    with django_assert_max_num_queries(30) as first:
        page = html(client.get(reverse("staff:survey_list")))
    assert "Laufende Umfrage" in page and "Beendete Umfrage" in page
    assert "läuft" in page and "beendet" in page
    assert '<td data-label="Antworten">3' in page
    assert 'class="demo-badge"' in page
    assert 'class="staff-table table-cards"' in page
    for n in range(5):
        make_survey(region, slug=f"mehr-{n}")
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(reverse("staff:survey_list"))


def test_coordinator_creates_a_survey_with_dates_in_berlin_time(client, login, region):
    login("coordinator")
    questionnaire = make_survey_questionnaire(region)
    assert client.get(reverse("staff:survey_create")).status_code == 200
    response = client.post(reverse("staff:survey_create"), form_data(questionnaire))
    assert response.status_code == 302
    survey = Survey.objects.get()
    assert survey.slug == "co-working-im-kreis" and survey.published
    opens = timezone.localtime(survey.opens_at)
    assert (opens.date(), opens.hour, opens.minute) == (datetime.date(2027, 3, 1), 10, 0)
    closes = timezone.localtime(survey.closes_at)
    assert (closes.date(), closes.hour) == (datetime.date(2027, 4, 1), 0)
    assert ObjectChange.objects.filter(object_id=survey.pk, action="create").exists()


def test_bad_input_gives_german_errors_and_saves_nothing(client, login, region):
    login("coordinator")
    questionnaire = make_survey_questionnaire(region)
    assessment = Questionnaire.objects.create(
        region=region, slug="analyse", kind=QuestionnaireKind.ASSESSMENT, title="Analyse"
    )
    response = client.post(
        reverse("staff:survey_create"),
        form_data(questionnaire, closes_date="2027-02-01", opens_time="25:00"),
    )
    assert response.status_code == 200
    page = html(response)
    assert "Die Umfrage muss nach ihrem Beginn enden." in page or "Uhrzeit" in page
    response = client.post(
        reverse("staff:survey_create"), form_data(questionnaire, closes_date="2027-02-01")
    )
    assert "Die Umfrage muss nach ihrem Beginn enden." in html(response)
    response = client.post(
        reverse("staff:survey_create"), {**form_data(questionnaire), "questionnaire": assessment.pk}
    )
    assert response.status_code == 200
    assert 'id="id_questionnaire_error"' in html(response)
    assert not Survey.objects.exists()


def test_edit_with_version_and_conflict(client, login, region):
    login("coordinator")
    survey = make_survey(region)
    url = reverse("staff:survey_edit", args=[survey.pk])
    page = html(client.get(url))
    assert 'name="opens_date"' in page and 'name="version"' in page
    data = form_data(survey.questionnaire, title="Neuer Titel", version=survey.version)
    assert client.post(url, data).status_code == 302
    survey.refresh_from_db()
    assert survey.title == "Neuer Titel" and survey.version == 2
    stale = client.post(url, {**data, "title": "Veraltet", "version": 1})
    assert stale.status_code == 409
    survey.refresh_from_db()
    assert survey.title == "Neuer Titel"


def test_delete_says_how_many_answers_go(client, login, region):
    login("coordinator")
    survey = make_survey(region)
    for n in range(2):
        answer(survey, n)
    url = reverse("staff:survey_delete", args=[survey.pk])
    assert "Mit der Umfrage werden 2 Antworten endgültig gelöscht." in html(client.get(url))
    response = client.post(url, confirm_data(survey))
    assert response.status_code == 302
    assert not Survey.objects.exists() and not Submission.objects.exists()


def test_results_page_with_charts_stats_escaped_text_and_pagination(
    client, login, region, django_assert_max_num_queries
):
    login("reader")
    survey = make_survey(region)
    answer(survey, 1, text="<script>alert(1)</script>")
    url = reverse("staff:survey_results", args=[survey.pk])
    with django_assert_max_num_queries(30) as first:
        page = html(client.get(url))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
    assert page.count('svg class="bar-chart"') == 4  # scale, single, multiple, yes/no
    assert "Mittelwert" in page
    assert reverse("staff:survey_export", args=[survey.pk, "csv"]) in page
    for n in range(2, 40):
        answer(survey, n, text=f"Wunsch {n}")
    with django_assert_max_num_queries(len(first.captured_queries)):
        page = html(client.get(url))
    assert "Wunsch 25" in page and "Wunsch 26" not in page  # 25 per page
    assert "Wunsch 39" in html(client.get(url + "?page=2"))


def test_staff_results_keep_free_texts_and_unconfirmed_count(client, login, region):
    login("reader")
    survey = make_survey(region, identification=Identification.EMAIL, results_public=True)
    for n, text in ((1, "Mehr Glasfaser für Musterdorf"), (2, "Noch offen")):
        surveys.submit(
            survey,
            answers_data(survey.questionnaire, text=text),
            person_key=f"{n:064d}",
            email=f"person{n}@example.org",
        )
    Submission.objects.filter(person_key=f"{1:064d}").update(confirmed_at=timezone.now())
    page = html(client.get(reverse("staff:survey_results", args=[survey.pk])))
    assert "Mehr Glasfaser für Musterdorf" in page
    assert "Noch offen" not in page  # unconfirmed answers do not count
    assert "(dazu 1 noch nicht bestätigte, die nicht mitzählen)" in page
    assert "Die Texte werden nicht veröffentlicht." not in page


def test_questionnaire_choices_are_the_newest_survey_revisions(client, login, region):
    from digitalagentur.staff.forms_surveys import SurveyForm

    old = make_survey_questionnaire(region, slug="mobil")
    new = make_survey_questionnaire(region, slug="mobil", revision=2, predecessor=old)
    other = make_survey_questionnaire(region, slug="anders")
    Questionnaire.objects.create(
        region=region, slug="analyse", kind=QuestionnaireKind.ASSESSMENT, title="Analyse"
    )
    choices = set(SurveyForm(region=region).fields["questionnaire"].queryset)
    assert choices == {new, other}
    survey = make_survey(region, old, slug="alt")  # a survey still on the old revision
    choices = set(SurveyForm(instance=survey, region=region).fields["questionnaire"].queryset)
    assert choices == {old, new, other}


def test_exports_are_for_staff_only(client, login, region):
    survey = make_survey(region, results_public=True)
    answer(survey, 1)
    url = reverse("staff:survey_export", args=[survey.pk, "csv"])
    assert client.get(url).status_code == 302  # to the login
    login("reader")
    response = client.get(url)
    assert response.status_code == 200
    assert 'filename="umfrage-mobiles-arbeiten-antworten.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 2
    xlsx = client.get(reverse("staff:survey_export", args=[survey.pk, "xlsx"]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


@pytest.mark.parametrize("role", ["reader", "officer"])
def test_region_staff_read_but_do_not_write(client, login, region, role):
    login(role)
    survey = make_survey(region)
    assert client.get(reverse("staff:survey_results", args=[survey.pk])).status_code == 200
    for name in ("survey_edit", "survey_delete"):
        assert client.get(reverse(f"staff:{name}", args=[survey.pk])).status_code == 403
    assert client.get(reverse("staff:survey_create")).status_code == 403
    data = form_data(survey.questionnaire)
    assert client.post(reverse("staff:survey_create"), data).status_code == 403
    assert Survey.objects.count() == 1


def test_other_regions_surveys_are_not_found(client, login, region, other_region):
    login("coordinator")
    foreign = make_survey(other_region, slug="fremd")
    for name in ("survey_results", "survey_edit", "survey_delete"):
        assert client.get(reverse(f"staff:{name}", args=[foreign.pk])).status_code == 404
    assert client.get(reverse("staff:survey_export", args=[foreign.pk, "csv"])).status_code == 404
