"""Citizen surveys, the domain (assessment/surveys.py, survey_exports.py, survey_charts.py):
opening times, one answer per person (also under concurrency), the rate limit, e-mail
confirmation, older revisions, results and the raw-answer exports."""

from __future__ import annotations

import csv
import datetime
import io
import threading
import zoneinfo
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from digitalagentur.assessment import survey_exports, survey_results, surveys
from digitalagentur.assessment.models import (
    Identification,
    Question,
    QuestionKind,
    Questionnaire,
    QuestionnaireKind,
    Section,
    Submission,
    SubmissionAnswer,
    Survey,
)
from digitalagentur.assessment.survey_charts import survey_chart
from digitalagentur.core.client_ip import client_network
from digitalagentur.core.models import ObjectChange
from digitalagentur.testing.assessment_surveys import (
    CHANNELS,
    OPTIONS,
    answers_data,
    make_survey,
    make_survey_questionnaire,
)

NOW = timezone.now()


def submit(survey, data=None, *, person="p1", source="s1", **kwargs):
    key = surveys.person_key(survey, token=f"token-{person}-0123456789abcdef")
    return surveys.submit(
        survey,
        data if data is not None else answers_data(survey.questionnaire),
        person_key=key,
        source_key=source,
        **kwargs,
    )


@pytest.fixture
def survey(region):
    return make_survey(region)


# -- opening times ----------------------------------------------------------------------------


def test_open_only_between_opening_and_closing(region):
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    opens = datetime.datetime(2027, 3, 1, 10, 0, tzinfo=berlin)
    closes = datetime.datetime(2027, 3, 31, 18, 0, tzinfo=berlin)
    survey = make_survey(region, opens_at=opens, closes_at=closes)
    before = opens - datetime.timedelta(minutes=1)
    assert not surveys.is_open(survey, before)
    assert surveys.is_open(survey, opens)
    assert not surveys.is_open(survey, closes)
    assert surveys.closed_message(survey, before) == (
        "Die Umfrage beginnt am 01.03.2027 um 10:00 Uhr."
    )
    assert surveys.closed_message(survey, closes) == "Die Umfrage ist beendet."
    assert surveys.closed_message(survey, opens) == ""


def test_submission_outside_the_period_is_refused_and_nothing_stored(region):
    survey = make_survey(
        region,
        opens_at=NOW + datetime.timedelta(days=1),
        closes_at=NOW + datetime.timedelta(days=2),
    )
    with pytest.raises(surveys.SurveyClosed, match="Die Umfrage beginnt am"):
        submit(survey)
    survey.opens_at, survey.closes_at = NOW - datetime.timedelta(days=2), NOW
    survey.save()
    with pytest.raises(surveys.SurveyClosed, match="Die Umfrage ist beendet."):
        submit(survey)
    assert not Submission.objects.exists()


def test_unpublished_survey_takes_no_answers(region):
    survey = make_survey(region, published=False)
    with pytest.raises(surveys.SurveyClosed):
        submit(survey)


# -- answering --------------------------------------------------------------------------------


def test_submit_stores_every_answer_with_its_kind(survey):
    submission = submit(survey)
    q = survey.questionnaire.questions_by_kind
    stored = dict(submission.answers.values_list("question_id", "value"))
    assert stored == {
        q["scale"].pk: 4,
        q["single"].pk: OPTIONS[1],
        q["multiple"].pk: [CHANNELS[0], CHANNELS[2]],
        q["number"].pk: "12.5",
        q["yesno"].pk: True,
        q["text"].pk: "Schnelles Internet",
    }
    assert submission.confirmed_at is not None
    assert submission.questionnaire == survey.questionnaire


def test_second_answer_of_the_same_person_is_refused(survey):
    submit(survey)
    with pytest.raises(surveys.AlreadyAnswered) as info:
        submit(survey, answers_data(survey.questionnaire, scale="1"))
    assert info.value.message == "Sie haben an dieser Umfrage bereits teilgenommen."
    assert info.value.status == 409
    assert Submission.objects.count() == 1
    assert SubmissionAnswer.objects.filter(value=1).count() == 0


def test_missing_required_and_bad_values_store_nothing(survey):
    data = answers_data(survey.questionnaire, scale="9", single=None)
    with pytest.raises(surveys.InvalidAnswers) as info:
        submit(survey, data)
    q = survey.questionnaire.questions_by_kind
    errors = info.value.form.errors
    assert errors[f"q{q['single'].pk}"] == ["Bitte beantworten Sie diese Frage."]
    assert f"q{q['scale'].pk}" in errors
    assert not Submission.objects.exists()


def test_optional_questions_may_stay_empty(survey):
    data = answers_data(survey.questionnaire, multiple=None, number=None, yesno=None, text=None)
    submission = submit(survey, data)
    assert submission.answers.count() == 2


def test_person_key_is_a_keyed_hash_per_survey(region, survey):
    other = make_survey(region, slug="andere")
    key = surveys.person_key(survey, email=" Anna.Muster@Example.org ")
    assert key == surveys.person_key(survey, email="anna.muster@example.org")
    assert key != surveys.person_key(other, email="anna.muster@example.org")
    assert len(key) == 64 and "anna" not in key
    assert surveys.person_key(survey, token="a" * 32) != surveys.person_key(survey, token="b" * 32)
    assert surveys.source_key("203.0.113.7") != surveys.source_key("203.0.113.8")
    assert "203" not in surveys.source_key("203.0.113.7")


@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_of_one_person_store_exactly_one(region):
    survey = make_survey(region)
    data = answers_data(survey.questionnaire)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def send():
        try:
            barrier.wait(timeout=5)
            submit(Survey.objects.get(pk=survey.pk), data)
            outcomes.append("saved")
        except surveys.AlreadyAnswered:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "saved"]
    assert Submission.objects.filter(survey=survey).count() == 1
    assert SubmissionAnswer.objects.count() == 6


def test_rate_limit_per_source_and_survey(region, survey, settings):
    settings.DIGITALAGENTUR_SURVEY_RATE_LIMIT = 2
    submit(survey, person="a", source="net-1")
    submit(survey, person="b", source="net-1")
    with pytest.raises(surveys.RateLimited) as info:
        submit(survey, person="c", source="net-1")
    assert info.value.status == 429
    assert "zu viele Antworten" in info.value.message
    assert Submission.objects.count() == 2
    submit(survey, person="c", source="net-2")  # another address
    other = make_survey(region, slug="andere")
    submit(other, person="c", source="net-1")  # another survey
    # An hour later the address may answer again.
    Submission.objects.filter(source_key="net-1").update(
        created=timezone.now() - datetime.timedelta(hours=1, minutes=1)
    )
    submit(survey, person="d", source="net-1")


def test_old_revision_answers_are_accepted_for_its_questions(region, survey):
    old = survey.questionnaire
    new = make_survey_questionnaire(region, slug=old.slug, revision=2, predecessor=old)
    survey.questionnaire = new
    survey.save()
    assert surveys.revision_for(survey, str(old.pk)) == old
    assert surveys.revision_for(survey, "x") == new
    foreign = make_survey_questionnaire(region, slug="fremd")
    assert surveys.revision_for(survey, foreign.pk) == new
    submission = submit(survey, answers_data(old), questionnaire=old)
    assert submission.questionnaire == old
    assert set(submission.answers.values_list("question__questionnaire", flat=True)) == {old.pk}
    # Results group the old revision's answers with the new revision's same questions.
    result = survey_results.results(survey)
    scale = next(q for q in result.questions if q.kind == QuestionKind.SCALE)
    assert scale.answered == 1 and scale.current
    assert len(result.questions) == 6


# -- e-mail confirmation ----------------------------------------------------------------------


@pytest.fixture
def email_survey(region):
    return make_survey(region, slug="mit-mail", identification=Identification.EMAIL)


def test_email_submission_needs_confirmation_and_keeps_no_address(
    email_survey, smtp_server, django_capture_on_commit_callbacks
):
    key = surveys.person_key(email_survey, email="Anna@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        submission = surveys.submit(
            email_survey,
            answers_data(email_survey.questionnaire),
            person_key=key,
            source_key="s",
            email="Anna@example.org",
            base_url="https://kreis.example.org",
        )
    assert submission.confirmed_at is None and len(submission.token_hash) == 64
    assert survey_results.results(email_survey).total == 0
    assert survey_results.results(email_survey).pending == 1
    (message,) = smtp_server
    assert message["To"] == "Anna@example.org"
    assert "Bitte bestätigen Sie Ihre Teilnahme" in message["Subject"]
    body = message.get_content()
    prefix = "https://kreis.example.org/umfragen/mit-mail/bestaetigen/"
    link = next(line for line in body.splitlines() if line.startswith(prefix))
    token = link.removeprefix(prefix).strip("/")
    # The address is nowhere in the database.
    row = Submission.objects.filter(pk=submission.pk).values().get()
    assert not any("anna" in str(v).lower() for v in row.values())
    assert surveys.confirm(email_survey, "falsch") is None
    confirmed = surveys.confirm(email_survey, token)
    assert confirmed.pk == submission.pk and confirmed.confirmed_at is not None
    first = confirmed.confirmed_at
    assert surveys.confirm(email_survey, token).confirmed_at == first  # twice: harmless
    assert survey_results.results(email_survey).total == 1
    with pytest.raises(surveys.AlreadyAnswered):
        surveys.submit(
            email_survey,
            answers_data(email_survey.questionnaire),
            person_key=surveys.person_key(email_survey, email="anna@EXAMPLE.org"),
            source_key="s",
            email="anna@EXAMPLE.org",
        )


def test_email_survey_without_address_is_refused(email_survey):
    with pytest.raises(surveys.SurveyError, match="E-Mail-Adresse"):
        submit(email_survey)


def test_unconfirmed_submissions_older_than_seven_days_are_purged(email_survey):
    for person in ("alt", "neu"):
        surveys.submit(
            email_survey,
            answers_data(email_survey.questionnaire),
            person_key=surveys.person_key(email_survey, email=f"{person}@example.org"),
            source_key="s",
            email=f"{person}@example.org",
        )
    confirmed = submit(make_survey(email_survey.region, slug="anonym"))
    Submission.objects.exclude(pk=confirmed.pk).filter(
        person_key=surveys.person_key(email_survey, email="alt@example.org")
    ).update(created=timezone.now() - datetime.timedelta(days=8))
    Submission.objects.filter(pk=confirmed.pk).update(
        created=timezone.now() - datetime.timedelta(days=30)
    )
    assert surveys.purge_unconfirmed() == 1
    assert Submission.objects.count() == 2
    assert Submission.objects.filter(pk=confirmed.pk).exists()


def test_an_unconfirmed_answer_is_replaced_by_the_next_and_expired_ones_are_cleared(
    email_survey,
):
    def answer(address):
        return surveys.submit(
            email_survey,
            answers_data(email_survey.questionnaire),
            person_key=surveys.person_key(email_survey, email=address),
            source_key="s",
            email=address,
        )

    first = answer("lena@example.org")
    expired = answer("alt@example.org")
    Submission.objects.filter(pk=expired.pk).update(
        created=timezone.now() - datetime.timedelta(days=8)
    )
    Submission.objects.filter(pk=first.pk).update(
        created=timezone.now() - datetime.timedelta(minutes=11)
    )
    second = answer("Lena@example.org")  # the first mail got lost: a new answer, a new link
    assert set(Submission.objects.values_list("pk", flat=True)) == {second.pk}
    assert second.token_hash != first.token_hash and second.mailed
    surveys.confirm(email_survey, "x")  # unknown tokens change nothing
    Submission.objects.filter(pk=second.pk).update(confirmed_at=timezone.now())
    with pytest.raises(surveys.AlreadyAnswered):
        answer("lena@example.org")


def email_answer(survey, address, *, scale="4", now=None):
    return surveys.submit(
        survey,
        answers_data(survey.questionnaire, scale=scale),
        person_key=surveys.person_key(survey, email=address),
        source_key="s",
        email=address,
        base_url="https://kreis.example.org",
        now=now,
    )


def test_no_second_mail_within_ten_minutes_then_a_replacement(
    email_survey, smtp_server, django_capture_on_commit_callbacks
):
    """Posting the form again and again for one address (a mail bomb) sends one mail per
    10 minutes and stores nothing new meanwhile; later the unconfirmed answer is replaced."""
    scale = email_survey.questionnaire.questions_by_kind["scale"]
    with django_capture_on_commit_callbacks(execute=True):
        first = email_answer(email_survey, "ziel@example.org", scale="4")
    assert first.mailed and len(smtp_server) == 1
    for _n in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            again = email_answer(email_survey, "Ziel@Example.org", scale="1")
        assert again.pk == first.pk and not again.mailed
    assert len(smtp_server) == 1
    row = Submission.objects.get()
    assert row.pk == first.pk and row.token_hash == first.token_hash
    assert row.answers.get(question=scale).value == 4  # nothing new stored
    Submission.objects.update(created=timezone.now() - datetime.timedelta(minutes=10, seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        later = email_answer(email_survey, "ziel@example.org", scale="1")
    assert later.mailed and later.pk != first.pk and later.token_hash != first.token_hash
    assert len(smtp_server) == 2
    assert Submission.objects.get().answers.get(question=scale).value == 1


def test_confirmed_address_gets_no_mail(
    email_survey, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = email_answer(email_survey, "bea@example.org")
    Submission.objects.filter(pk=first.pk).update(
        confirmed_at=timezone.now(), created=timezone.now() - datetime.timedelta(hours=2)
    )
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(surveys.AlreadyAnswered):
            email_answer(email_survey, "bea@example.org")
    assert len(smtp_server) == 1
    assert Submission.objects.count() == 1


def test_confirming_after_the_survey_closed_is_refused(email_survey):
    pending = email_answer(email_survey, "spaet@example.org")
    done = email_answer(email_survey, "frueh@example.org")
    token_of = {}
    for submission, token in ((pending, "token-spaet"), (done, "token-frueh")):
        Submission.objects.filter(pk=submission.pk).update(token_hash=surveys.token_hash(token))
        token_of[submission.pk] = token
    assert surveys.confirm(email_survey, "token-frueh").confirmed_at is not None
    after = email_survey.closes_at + datetime.timedelta(minutes=1)
    with pytest.raises(surveys.SurveyClosed) as info:
        surveys.confirm(email_survey, "token-spaet", now=after)
    assert info.value.message == (
        "Die Umfrage ist beendet. Antworten können nicht mehr bestätigt werden."
    )
    assert Submission.objects.get(pk=pending.pk).confirmed_at is None
    # An answer confirmed in time stays confirmed (a second click changes nothing).
    assert surveys.confirm(email_survey, "token-frueh", now=after).pk == done.pk
    assert survey_results.results(email_survey).total == 1


# -- rate limit and source keys -----------------------------------------------------------------


def test_ipv6_addresses_count_by_their_64_prefix():
    day = datetime.date(2027, 3, 1)
    key = surveys.source_key("2001:db8:1:2::1", day)
    assert key == surveys.source_key("2001:db8:1:2:ffff:ffff:ffff:fffe", day)
    assert key == surveys.source_key("2001:DB8:1:2:0:0:0:9", day)
    assert key != surveys.source_key("2001:db8:1:3::1", day)
    assert client_network("2001:db8:1:2:abcd::1") == "2001:db8:1:2::/64"
    assert surveys.source_key("::ffff:203.0.113.7", day) == surveys.source_key("203.0.113.7", day)
    assert surveys.source_key("203.0.113.7", day) != surveys.source_key("203.0.113.8", day)


def test_rate_limit_counts_ipv6_neighbours_and_holds_across_midnight(survey, settings):
    settings.DIGITALAGENTUR_SURVEY_RATE_LIMIT = 2
    submit(survey, person="a", ip="2001:db8:5:6::1")
    submit(survey, person="b", ip="2001:db8:5:6::2")
    with pytest.raises(surveys.RateLimited):
        submit(survey, person="c", ip="2001:db8:5:6:7::3")  # same /64, another address
    submit(survey, person="c", ip="2001:db8:5:7::1")  # another /64
    # Just after midnight: the two answers sent a minute ago under yesterday's key count.
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    night = timezone.localtime(timezone.now(), berlin).date() + datetime.timedelta(days=1)
    after_midnight = datetime.datetime.combine(night, datetime.time(0, 1), tzinfo=berlin)
    yesterday = night - datetime.timedelta(days=1)
    ip = "198.51.100.20"
    submit(survey, person="d", source=surveys.source_key(ip, yesterday))
    submit(survey, person="e", source=surveys.source_key(ip, yesterday))
    Submission.objects.update(created=after_midnight - datetime.timedelta(minutes=2))
    with pytest.raises(surveys.RateLimited):
        submit(survey, person="f", ip=ip, now=after_midnight)
    stored, counted = surveys.source_keys(ip, after_midnight)
    assert stored == surveys.source_key(ip, night)
    assert counted == [stored, surveys.source_key(ip, yesterday)]


def test_source_keys_are_blanked_after_the_rate_window(email_survey, survey):
    old = submit(survey, person="alt", ip="203.0.113.5")
    fresh = submit(survey, person="frisch", ip="203.0.113.5")
    assert old.source_key == surveys.source_key("203.0.113.5")
    Submission.objects.filter(pk=old.pk).update(
        created=timezone.now() - datetime.timedelta(hours=1, minutes=1)
    )
    newest = submit(survey, person="neu", ip="203.0.113.6")
    keys = dict(Submission.objects.values_list("pk", "source_key"))
    assert keys[old.pk] == ""
    assert keys[fresh.pk] == surveys.source_key("203.0.113.5")
    assert keys[newest.pk] == surveys.source_key("203.0.113.6")
    # The daily purge blanks them too.
    Submission.objects.update(created=timezone.now() - datetime.timedelta(hours=2))
    surveys.purge_unconfirmed()
    assert set(Submission.objects.values_list("source_key", flat=True)) == {""}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_a_burst_of_parallel_answers_cannot_pass_the_rate_limit(region, settings):
    settings.DIGITALAGENTUR_SURVEY_RATE_LIMIT = 2
    survey = make_survey(region)
    data = answers_data(survey.questionnaire)
    size = 6
    barrier = threading.Barrier(size)
    outcomes: list[str] = []

    def send(n):
        try:
            barrier.wait(timeout=5)
            submit(Survey.objects.get(pk=survey.pk), data, person=f"burst-{n}", ip="192.0.2.1")
            outcomes.append("saved")
        except surveys.RateLimited:
            outcomes.append("limited")
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(n,)) for n in range(size)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["limited"] * (size - 2) + ["saved"] * 2
    assert Submission.objects.filter(survey=survey).count() == 2


# -- results ----------------------------------------------------------------------------------


def test_public_results_leave_out_free_texts_and_unconfirmed_answers(email_survey):
    email_answer(email_survey, "offen@example.org")
    done = email_answer(email_survey, "fertig@example.org")
    Submission.objects.filter(pk=done.pk).update(confirmed_at=timezone.now())
    staff = survey_results.results(email_survey)
    public = survey_results.results(email_survey, public=True)
    staff_text = next(q for q in staff.questions if q.kind == QuestionKind.TEXT)
    public_text = next(q for q in public.questions if q.kind == QuestionKind.TEXT)
    assert staff.pending == 1 and staff.texts_shown
    assert staff_text.texts == ["Schnelles Internet"]
    assert public.pending == 0 and not public.texts_shown
    assert public_text.texts == [] and public_text.answered == 1
    assert survey_results.paginate_texts(public, 1).questions == public.questions
    assert public_text.text_page is None


def test_results_counts_percentages_distributions_and_stats(survey):
    q = survey.questionnaire
    submit(survey, answers_data(q, scale="5", number="10", text="<script>alert(1)</script>"))
    submit(
        survey,
        answers_data(q, scale="5", single=OPTIONS[0], multiple=[CHANNELS[0]], yesno="nein"),
        person="2",
    )
    submit(survey, answers_data(q, scale="2", number="3,5", text=None), person="3")
    submit(survey, answers_data(q, scale="4", number=None, multiple=None), person="4")
    result = survey_results.results(survey)
    assert result.total == 4
    by_kind = {r.kind: r for r in result.questions}
    scale = by_kind[QuestionKind.SCALE]
    assert [(r.label, r.count, r.percent) for r in scale.rows] == [
        ("1 – unwichtig", 0, "0,0 %"),
        ("2", 1, "25,0 %"),
        ("3 – teils", 0, "0,0 %"),
        ("4", 1, "25,0 %"),
        ("5 – sehr wichtig", 2, "50,0 %"),
    ]
    assert scale.stats.mean == "4,00" and scale.stats.median == "4,5"
    single = by_kind[QuestionKind.SINGLE]
    assert [(r.label, r.count) for r in single.rows] == [
        (OPTIONS[0], 1),
        (OPTIONS[1], 3),
        (OPTIONS[2], 0),
    ]
    multiple = by_kind[QuestionKind.MULTIPLE]
    assert multiple.answered == 3
    assert [(r.count, r.percent) for r in multiple.rows] == [
        (3, "100,0 %"),
        (0, "0,0 %"),
        (2, "66,7 %"),
    ]
    yesno = by_kind[QuestionKind.YESNO]
    assert [(r.label, r.count) for r in yesno.rows] == [("Ja", 3), ("Nein", 1)]
    number = by_kind[QuestionKind.NUMBER]
    assert number.answered == 3
    assert (number.stats.n, number.stats.mean, number.stats.median) == (3, "8,67", "10")
    assert (number.stats.minimum, number.stats.maximum) == ("3,5", "12,5")
    text = by_kind[QuestionKind.TEXT]
    assert text.texts == ["<script>alert(1)</script>", "Schnelles Internet"] * 1 + [
        "Schnelles Internet"
    ]
    assert text.answered_text == "75,0 %"
    chart = scale.chart
    assert [bar.width for bar in chart.bars] == [0, 104.0, 0, 104.0, 208.0]
    assert "5 – sehr wichtig: 2 (50,0 %)" in chart.desc


def test_results_without_answers_and_chart_of_nothing(survey):
    result = survey_results.results(survey)
    assert result.total == 0
    assert all(r.chart is None for r in result.questions)
    assert survey_chart([], 0) is None


def test_results_read_in_a_fixed_number_of_queries(survey, django_assert_max_num_queries):
    for n in range(3):
        submit(survey, person=str(n))
    with django_assert_max_num_queries(6):
        survey_results.results(survey)
    for n in range(3, 20):
        submit(survey, person=str(n))
    with django_assert_max_num_queries(6):
        survey_results.results(survey)


# -- exports ----------------------------------------------------------------------------------


def test_csv_has_one_row_per_submission_and_no_personal_data(survey):
    q = survey.questionnaire
    submit(survey, answers_data(q, text="=SUMME(A1)"))
    submit(survey, answers_data(q, scale="2", yesno="nein", number=None), person="2")
    content, content_type, name = survey_exports.export_file(survey, "csv")
    assert content.startswith("\ufeff".encode())
    assert content_type.startswith("text/csv") and name.endswith(".csv")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Nr.", "Fassung", "Datum"]
    assert rows[0][3:] == [question.text for question in q.questions.order_by("position")]
    assert len(rows) == 3
    assert rows[1][3:] == [
        "4",
        OPTIONS[1],
        f"{CHANNELS[0]}, {CHANNELS[2]}",
        "12,5",
        "ja",
        "'=SUMME(A1)",
    ]
    assert rows[2][3] == "2" and rows[2][6] == "" and rows[2][7] == "nein"
    keys = Submission.objects.values_list("person_key", "source_key")
    text = content.decode("utf-8-sig")
    assert not any(key in text for pair in keys for key in pair)


def test_csv_numbers_have_no_trailing_zeros(survey):
    submit(survey, answers_data(survey.questionnaire, number="1,125"))
    submit(survey, answers_data(survey.questionnaire, number="300"), person="2")
    content, _type, _name = survey_exports.export_file(survey, "csv")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert [row[6] for row in rows[1:]] == ["1,125", "300"]


def test_xlsx_has_numbers_as_numbers(survey):
    from openpyxl import load_workbook

    submit(survey)
    content, content_type, name = survey_exports.export_file(survey, "xlsx")
    assert name.endswith(".xlsx") and "spreadsheetml" in content_type
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Nr." and len(rows) == 2
    assert rows[1][3] == 4
    assert Decimal(str(rows[1][6])) == Decimal("12.5")


def test_unconfirmed_submissions_are_not_exported(email_survey):
    surveys.submit(
        email_survey,
        answers_data(email_survey.questionnaire),
        person_key="x" * 64,
        source_key="s",
        email="a@example.org",
    )
    content, _type, _name = survey_exports.export_file(email_survey, "csv")
    assert len(content.decode("utf-8-sig").strip().splitlines()) == 1


# -- staff writes -----------------------------------------------------------------------------


def test_create_update_delete_are_logged(region, users):
    questionnaire = make_survey_questionnaire(region)
    survey = surveys.create_survey(
        Survey(
            region=region,
            title="Co-Working im Kreis",
            questionnaire=questionnaire,
            opens_at=NOW,
            closes_at=NOW + datetime.timedelta(days=7),
        ),
        user=users["coordinator"],
    )
    assert survey.slug == "co-working-im-kreis"
    survey = surveys.update_survey(
        survey,
        {"results_public": True, "published": True},
        expected_version=1,
        user=users["coordinator"],
    )
    assert survey.version == 2
    submit(Survey.objects.get(pk=survey.pk))
    surveys.delete_survey(survey, expected_version=2, user=users["coordinator"])
    assert not Submission.objects.exists()
    actions = list(
        ObjectChange.objects.filter(object_id=survey.pk, object_repr=survey.title)
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "update", "delete"]


def test_survey_needs_a_survey_questionnaire_and_a_closing_after_opening(region):
    assessment = Questionnaire.objects.create(
        region=region, slug="analyse", kind=QuestionnaireKind.ASSESSMENT, title="Analyse"
    )
    Section.objects.create(region=region, questionnaire=assessment, title="A")
    with pytest.raises(ValidationError) as info:
        surveys.create_survey(
            Survey(
                region=region,
                title="Falsch",
                questionnaire=assessment,
                opens_at=NOW,
                closes_at=NOW + datetime.timedelta(days=1),
            )
        )
    assert "Bitte einen Fragebogen der Art „Umfrage“ wählen." in str(info.value)
    with pytest.raises(ValidationError):
        surveys.create_survey(
            Survey(
                region=region,
                title="Rückwärts",
                questionnaire=make_survey_questionnaire(region),
                opens_at=NOW,
                closes_at=NOW - datetime.timedelta(days=1),
            )
        )
    assert not Survey.objects.exists()
    assert Question.objects.exists()


def test_purge_command(email_survey):
    from django.core.management import call_command

    surveys.submit(
        email_survey,
        answers_data(email_survey.questionnaire),
        person_key="y" * 64,
        source_key="s",
        email="b@example.org",
    )
    Submission.objects.update(created=timezone.now() - datetime.timedelta(days=7, minutes=1))
    out = io.StringIO()
    call_command("purge_survey_submissions", stdout=out)
    assert "gelöscht: 1." in out.getvalue()
    assert not Submission.objects.exists()


def test_questionnaire_changed_meanwhile_stores_nothing(survey, monkeypatch):
    """A form built before a question was deleted (an edit in place of a revision without
    answers) is refused with a German message, not stored half or as "already answered"."""
    form = surveys.answer_form(survey, answers_data(survey.questionnaire))
    assert form.is_valid()
    survey.questionnaire.questions.filter(kind=QuestionKind.TEXT).delete()
    monkeypatch.setattr(surveys, "answer_form", lambda *args, **kwargs: form)
    with pytest.raises(surveys.SurveyError) as info:
        submit(survey)
    assert info.value.message.startswith("Der Fragebogen wurde gerade geändert.")
    assert not Submission.objects.exists()
