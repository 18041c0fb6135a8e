"""The public survey pages: list, form (cookie, errors, one answer per person, opening
times, rate limit, older revisions), thanks, e-mail confirmation and published results."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from digitalagentur.assessment import surveys
from digitalagentur.assessment.models import Identification, Submission
from digitalagentur.core import testing as t
from digitalagentur.testing.assessment_surveys import (
    answers_data,
    make_survey,
    make_survey_questionnaire,
    questions_by_kind,
)


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


@pytest.fixture
def survey(region):
    return make_survey(region, results_public=True)


def form_url(survey):
    return reverse("public:survey_detail", args=[survey.slug])


def html(response) -> str:
    return response.content.decode()


def test_list_shows_published_surveys_with_state_and_demo_badge(client, region):
    make_survey(region, title="Offene Umfrage", slug="offen", is_demo=True)
    make_survey(region, title="Geheimer Entwurf", slug="entwurf", published=False)
    make_survey(
        region,
        title="Kommende Umfrage",
        slug="kommend",
        opens_at=timezone.now() + datetime.timedelta(days=3),
        closes_at=timezone.now() + datetime.timedelta(days=9),
    )
    page = html(client.get(reverse("public:survey_list")))
    assert "Offene Umfrage" in page and "Kommende Umfrage" in page
    assert "Geheimer Entwurf" not in page
    assert 'class="demo-badge">Demo</span>' in page
    assert "Beginnt am" in page and "Läuft bis" in page
    assert client.get(reverse("public:survey_detail", args=["entwurf"])).status_code == 404


def test_empty_list(client, region):
    page = html(client.get(reverse("public:survey_list")))
    assert "Zurzeit gibt es keine Umfragen." in page


def test_survey_of_another_region_is_not_found(client, region, other_region):
    make_survey(other_region, slug="fremd")
    assert client.get(reverse("public:survey_detail", args=["fremd"])).status_code == 404


def test_form_sets_a_private_participant_cookie(client, survey):
    response = client.get(form_url(survey))
    assert response.status_code == 200
    cookie = response.cookies[f"umfrage-{survey.pk}"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and not cookie["secure"]
    assert cookie["path"] == form_url(survey)
    assert len(cookie.value) >= 20
    page = html(response)
    assert f'name="fragebogen" value="{survey.questionnaire.pk}"' in page
    assert "<fieldset" in page and "<legend" in page
    secure = Client().get(form_url(survey), secure=True)
    assert secure.cookies[f"umfrage-{survey.pk}"]["secure"]
    # The cookie is kept: the next visit sets none.
    assert f"umfrage-{survey.pk}" not in client.get(form_url(survey)).cookies


def test_answering_twice_is_refused_without_error_page(client, survey):
    client.get(form_url(survey))
    response = client.post(form_url(survey), answers_data(survey.questionnaire))
    assert response.status_code == 303
    assert response["Location"] == reverse("public:survey_thanks", args=[survey.slug])
    assert "Ihre Antworten auf die Umfrage" in html(client.get(response["Location"]))
    submission = Submission.objects.get()
    assert submission.answers.count() == 6
    # Sent again (a double click, back and send again): the thanks page, the first answer kept.
    again = client.post(form_url(survey), answers_data(survey.questionnaire, scale="1"))
    assert again.status_code == 303
    assert again["Location"] == reverse("public:survey_thanks", args=[survey.slug])
    assert Submission.objects.count() == 1
    assert Submission.objects.get().answers.filter(value=1).count() == 0
    page = html(client.get(form_url(survey)))
    assert "Sie haben an dieser Umfrage bereits teilgenommen." in page
    assert "Antworten absenden" not in page
    # Another browser (another cookie) is another person.
    other = Client()
    other.get(form_url(survey))
    assert other.post(form_url(survey), answers_data(survey.questionnaire)).status_code == 303
    assert Submission.objects.count() == 2


def test_errors_are_german_linked_and_keep_the_input(client, survey):
    client.get(form_url(survey))
    q = questions_by_kind(survey.questionnaire)
    data = answers_data(survey.questionnaire, single=None, number="viel", text="Mein Wunsch")
    response = client.post(form_url(survey), data)
    assert response.status_code == 400
    page = html(response)
    assert "Ihre Antworten wurden noch nicht gespeichert." in page
    assert f'href="#id_q{q["single"].pk}_0"' in page
    assert "Bitte beantworten Sie diese Frage." in page
    assert f'href="#id_q{q["number"].pk}"' in page
    assert "Mein Wunsch</textarea>" in page
    assert 'value="viel"' in page
    assert not Submission.objects.exists()


def test_closed_and_upcoming_surveys_take_no_answers(client, region):
    now = timezone.now()
    upcoming = make_survey(
        region,
        slug="bald",
        opens_at=now + datetime.timedelta(days=2),
        closes_at=now + datetime.timedelta(days=9),
    )
    page = html(client.get(form_url(upcoming)))
    expected = surveys.moment_text(upcoming.opens_at)
    assert f"Die Umfrage beginnt am {expected}." in page
    assert "Antworten absenden" not in page
    closed = make_survey(
        region,
        slug="vorbei",
        opens_at=now - datetime.timedelta(days=9),
        closes_at=now - datetime.timedelta(days=2),
    )
    assert "Die Umfrage ist beendet." in html(client.get(form_url(closed)))
    response = client.post(form_url(closed), answers_data(closed.questionnaire))
    assert response.status_code == 403
    assert "Die Umfrage ist beendet." in html(response)
    assert not Submission.objects.exists()


def test_rate_limit_answers_429_and_stores_nothing(survey, settings):
    settings.DIGITALAGENTUR_SURVEY_RATE_LIMIT = 2
    for _n in range(2):
        browser = Client(REMOTE_ADDR="198.51.100.9")
        browser.get(form_url(survey))
        assert browser.post(form_url(survey), answers_data(survey.questionnaire)).status_code == 303
    browser = Client(REMOTE_ADDR="198.51.100.9")
    browser.get(form_url(survey))
    response = browser.post(form_url(survey), answers_data(survey.questionnaire))
    assert response.status_code == 429
    assert "zu viele Antworten" in html(response)
    assert Submission.objects.count() == 2
    other = Client(REMOTE_ADDR="198.51.100.10")
    other.get(form_url(survey))
    assert other.post(form_url(survey), answers_data(survey.questionnaire)).status_code == 303


def test_answers_to_the_revision_shown_are_kept(client, region, survey):
    old = survey.questionnaire
    client.get(form_url(survey))
    new = make_survey_questionnaire(region, slug=old.slug, revision=2, predecessor=old)
    survey.questionnaire = new
    survey.save()
    data = {**answers_data(old), "fragebogen": str(old.pk)}
    assert client.post(form_url(survey), data).status_code == 303
    submission = Submission.objects.get()
    assert submission.questionnaire == old
    assert submission.answers.count() == 6


def test_email_survey_confirmation_by_link(
    client, region, smtp_server, django_capture_on_commit_callbacks
):
    survey = make_survey(region, slug="mit-mail", identification=Identification.EMAIL)
    page = html(client.get(form_url(survey)))
    assert 'type="email"' in page
    bad = client.post(form_url(survey), answers_data(survey.questionnaire))
    assert bad.status_code == 400
    assert "Bitte geben Sie Ihre E-Mail-Adresse an." in html(bad)
    data = {**answers_data(survey.questionnaire), "email": "Bea@Example.org"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(form_url(survey), data)
    assert response.status_code == 303
    thanks_page = html(client.get(response["Location"]))
    assert "Bestätigungslink" in thanks_page
    assert "sofern mit ihr noch nicht an der Umfrage teilgenommen wurde" in thanks_page
    submission = Submission.objects.get()
    assert submission.confirmed_at is None
    (message,) = smtp_server
    assert message["To"] == "Bea@Example.org"
    link = next(
        line for line in message.get_content().splitlines() if "/bestaetigen/" in line
    ).strip()
    path = link[link.index("/umfragen/") :]
    confirmed = client.get(path)
    assert confirmed.status_code == 200
    assert "ist bestätigt" in html(confirmed)
    assert client.get(path).status_code == 200  # twice: harmless
    submission.refresh_from_db()
    assert submission.confirmed_at is not None
    unknown = client.get(reverse("public:survey_confirm", args=[survey.slug, "unbekannt"]))
    assert unknown.status_code == 404
    assert "ungültig" in html(unknown)
    # The same address again (any spelling): the page does not tell that it took part (the
    # same redirect to the same thanks page as a new address), and no mail goes out.
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(form_url(survey), {**data, "email": "bea@example.ORG"})
    assert (again.status_code, again["Location"]) == (response.status_code, response["Location"])
    assert len(smtp_server) == 1
    assert Submission.objects.count() == 1


def test_results_are_public_only_when_published_and_leave_out_free_text(client, region, survey):
    hidden = make_survey(region, slug="intern")
    assert client.get(reverse("public:survey_results", args=[hidden.slug])).status_code == 404
    client.get(form_url(survey))
    data = answers_data(survey.questionnaire, text="<script>alert('x')</script> Max Muster")
    client.post(form_url(survey), data)
    response = client.get(reverse("public:survey_results", args=[survey.slug]))
    assert response.status_code == 200
    page = html(response)
    assert "<script>alert" not in page
    assert "alert" not in page and "Max Muster" not in page  # free text is not published
    assert "1 Person hat diese Frage mit eigenem Text beantwortet." in page
    assert "Die Texte werden nicht veröffentlicht." in page
    assert 'svg class="bar-chart"' in page and "als Tabelle" in page
    assert "1 Antwort" in page


def test_public_results_do_not_count_unconfirmed_answers(client, region):
    survey = make_survey(
        region, slug="mit-mail", identification=Identification.EMAIL, results_public=True
    )
    for address in ("a@example.org", "b@example.org"):
        surveys.submit(
            survey,
            answers_data(survey.questionnaire),
            person_key=surveys.person_key(survey, email=address),
            email=address,
        )
    Submission.objects.filter(pk=Submission.objects.first().pk).update(confirmed_at=timezone.now())
    page = html(client.get(reverse("public:survey_results", args=[survey.slug])))
    assert "1 Antwort" in page
    assert "noch nicht bestätigte" not in page


def test_results_page_reads_a_constant_number_of_queries(
    client, survey, django_assert_max_num_queries
):
    def answer(n):
        surveys.submit(
            survey,
            answers_data(survey.questionnaire),
            person_key=f"{n:064d}",
            source_key=f"s{n}",
        )

    url = reverse("public:survey_results", args=[survey.slug])
    answer(1)
    with django_assert_max_num_queries(14) as first:
        client.get(url)
    for n in range(2, 30):
        answer(n)
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert client.get(url).status_code == 200


def test_demo_survey_says_so(client, region):
    survey = make_survey(region, slug="demo", is_demo=True, results_public=True)
    for url in (form_url(survey), reverse("public:survey_results", args=[survey.slug])):
        page = html(client.get(url))
        assert "Demo-Umfrage" in page and 'class="demo-badge"' in page


def test_staff_user_gets_the_same_public_pages(client, region, survey):
    user = t.make_user("leserin")
    client.force_login(user)
    assert client.get(form_url(survey)).status_code == 200


def test_unconfirmed_address_sent_again_within_minutes_gets_no_second_mail(
    client, region, smtp_server, django_capture_on_commit_callbacks
):
    survey = make_survey(region, slug="mit-mail", identification=Identification.EMAIL)
    data = {**answers_data(survey.questionnaire), "email": "ziel@example.org"}
    responses = []
    for _n in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            responses.append(client.post(form_url(survey), data))
    thanks = reverse("public:survey_thanks", args=[survey.slug])
    assert {(r.status_code, r["Location"]) for r in responses} == {(303, thanks)}
    assert len(smtp_server) == 1
    assert Submission.objects.count() == 1


def test_form_is_never_cached(client, survey):
    response = client.get(form_url(survey))
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control
    posted = client.post(form_url(survey), answers_data(survey.questionnaire, single=None))
    assert "no-store" in posted["Cache-Control"]


def test_survey_closed_while_filling_in_gives_the_input_back(client, survey):
    client.get(form_url(survey))
    survey.closes_at = timezone.now() - datetime.timedelta(seconds=1)
    survey.save()
    data = answers_data(survey.questionnaire, text="Mein langer Text über <Glasfaser>")
    response = client.post(form_url(survey), data)
    assert response.status_code == 403
    page = html(response)
    assert "Die Umfrage ist beendet." in page
    assert "Ihre Eingaben stehen unten, damit Sie Ihre Texte kopieren können." in page
    assert "Mein langer Text über &lt;Glasfaser&gt;</textarea>" in page
    assert 'value="12,5"' in page
    assert "Antworten absenden" not in page  # nothing to send any more
    assert "Ihre Antworten wurden noch nicht gespeichert." not in page  # no error summary
    assert not Submission.objects.exists()


def test_confirmation_after_the_survey_closed_is_refused(client, region):
    survey = make_survey(region, slug="mit-mail", identification=Identification.EMAIL)
    submission = surveys.submit(
        survey,
        answers_data(survey.questionnaire),
        person_key=surveys.person_key(survey, email="spaet@example.org"),
        email="spaet@example.org",
    )
    Submission.objects.filter(pk=submission.pk).update(token_hash=surveys.token_hash("t" * 32))
    survey.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    survey.save()
    response = client.get(reverse("public:survey_confirm", args=[survey.slug, "t" * 32]))
    assert response.status_code == 403
    page = html(response)
    assert "Die Umfrage ist beendet. Antworten können nicht mehr bestätigt werden." in page
    assert "ist bestätigt" not in page
    assert "no-store" in response["Cache-Control"]
    assert Submission.objects.get().confirmed_at is None


def test_errors_are_announced_focused_and_described(client, survey):
    q = questions_by_kind(survey.questionnaire)
    q["single"].help_text = "Bitte wählen Sie einen Ort."
    q["single"].save()
    page = html(client.get(form_url(survey)))
    assert "<title>Umfrage: Mobiles Arbeiten" in page and "Fehler:" not in page
    assert f'aria-describedby="id_q{q["single"].pk}_helptext"' in page
    response = client.post(form_url(survey), answers_data(survey.questionnaire, single=None))
    assert response.status_code == 400
    page = html(response)
    assert "<title>Fehler: Umfrage: Mobiles Arbeiten" in page
    assert '<div class="form-error-summary" role="alert" tabindex="-1" id="fehler" autofocus>' in (
        page
    )
    single = f"id_q{q['single'].pk}"
    assert f'<fieldset aria-describedby="{single}_helptext {single}_error">' in page
    assert f'id="{single}_helptext"' in page and f'id="{single}_error"' in page
    # A group with an error but no help text names the error only.
    scale = f"id_q{q['scale'].pk}"
    bad = client.post(form_url(survey), answers_data(survey.questionnaire, scale="9"))
    assert f'<fieldset aria-describedby="{scale}_error">' in html(bad)
