"""Reminders of a round (issue 9 §2): only missing towns' officers, each exactly once."""

import datetime
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from digitalagentur.assessment import reminders, tasks
from digitalagentur.assessment.models import RoundReminder, RoundReminderDelivery
from digitalagentur.core import testing as t
from digitalagentur.tenancy.choices import Role
from digitalagentur.testing.assessment import make_response, make_round


@pytest.fixture
def setup(region, strategy, town, other_town, users):
    """Senden (officer-a and a second officer) has not submitted, Havixbeck has; Nottuln has
    only a draft and an inactive officer and one without e-mail."""
    third = t.make_municipality(region, "Nottuln", slug="nottuln")
    field = t.make_field(strategy, "Verwaltung", slug="verwaltung")
    round = make_round(
        region,
        towns=[town, other_town, third],
        fields=[field],
        group_sizes=[1],
        title="Runde 2026",
        slug="runde-2026",
    )
    officer = users["officer"]
    officer.email = "officer@example.org"
    officer.save()
    second = t.make_user_with_role(
        region, Role.OFFICER, town, username="zweite", email="zweite@example.org"
    )
    t.make_user_with_role(
        region, Role.OFFICER, other_town, username="havix", email="havix@example.org"
    )
    t.make_user_with_role(
        region, Role.OFFICER, third, username="nottuln", email="nottuln@example.org"
    )
    t.make_user_with_role(
        region, Role.OFFICER, third, username="weg", email="weg@example.org", is_active=False
    )
    t.make_user_with_role(region, Role.OFFICER, third, username="ohne-mail")
    users["coordinator"].email = "koord@example.org"
    users["coordinator"].save()
    make_response(round, other_town, status="submitted")
    make_response(round, third)
    return {"round": round, "officer": officer, "second": second, "third": third}


def test_the_answering_link_is_built_in_one_place(setup, town):
    assert reminders.answer_path(setup["round"], town) == (
        "/intern/bedarfsanalyse/runden/runde-2026/antwort/senden/"
    )


def test_reminders_mail_only_the_missing_towns_officers_exactly_once(
    setup, smtp_server, settings, users, django_capture_on_commit_callbacks
):
    settings.DIGITALAGENTUR_BASE_URL = "https://digital.example.org"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        reminder = reminders.request_reminder(setup["round"], user=users["coordinator"])
    recipients = sorted(m["X-Envelope-To"] for m in smtp_server)
    assert recipients == ["nottuln@example.org", "officer@example.org", "zweite@example.org"]
    message = next(m for m in smtp_server if m["X-Envelope-To"] == "officer@example.org")
    assert (
        str(message["Subject"]).strip().startswith("Erinnerung: Bewertungsrunde „Runde 2026“ bis ")
    )
    body = message.get_content()
    assert (
        "https://digital.example.org/intern/bedarfsanalyse/runden/runde-2026/antwort/senden/"
        in body
    )
    assert "Senden" in body and "Havixbeck" not in body
    reminder.refresh_from_db()
    assert reminder.finished_at is not None and reminder.requested_by == users["coordinator"]
    assert RoundReminderDelivery.objects.filter(reminder=reminder).count() == 3

    # The job running again sends nothing more.
    assert tasks.send_round_reminder.call(reminder.pk) == {"sent": 0, "failed": 0, "skipped": 3}
    assert len(smtp_server) == 3


def test_a_claim_taken_meanwhile_is_not_sent_again(setup, smtp_server):
    reminder = RoundReminder.objects.create(round=setup["round"])
    real = reminders.RoundReminderDelivery.objects.filter

    # Another run claimed the officer after this run read the deliveries.
    def stale_read(*args, **kwargs):
        result = real(*args, **kwargs)
        RoundReminderDelivery.objects.get_or_create(
            reminder=reminder, user=setup["officer"], defaults={"municipality": setup["third"]}
        )
        return result

    with mock.patch.object(reminders.RoundReminderDelivery.objects, "filter", stale_read):
        outcome = reminders.send_reminder(reminder.pk)
    assert outcome == {"sent": 2, "failed": 0, "skipped": 1}
    assert "officer@example.org" not in [m["X-Envelope-To"] for m in smtp_server]


def test_a_failed_mail_is_sent_by_the_next_run(setup, smtp_server):
    reminder = RoundReminder.objects.create(round=setup["round"])
    real = reminders.send_mail

    def flaky(subject, body, sender, to, **kwargs):
        if to == ["zweite@example.org"]:
            raise OSError("mail server gone")
        return real(subject, body, sender, to, **kwargs)

    with mock.patch.object(reminders, "send_mail", flaky):
        assert reminders.send_reminder(reminder.pk)["failed"] == 1
    reminder.refresh_from_db()
    assert reminder.finished_at is None
    assert not RoundReminderDelivery.objects.filter(user=setup["second"]).exists()
    assert reminders.send_reminder(reminder.pk) == {"sent": 1, "failed": 0, "skipped": 2}
    assert len(smtp_server) == 3


def test_reminders_only_while_the_round_is_open(setup, users, smtp_server):
    round = setup["round"]
    with pytest.raises(ValidationError) as caught:
        reminders.request_reminder(
            round, user=users["coordinator"], now=round.deadline + datetime.timedelta(1)
        )
    assert "Frist dieser Runde ist abgelaufen" in caught.value.messages[0]
    assert not RoundReminder.objects.exists()
    # A reminder whose round closed before the job ran sends nothing.
    reminder = RoundReminder.objects.create(round=round)
    late = round.deadline + datetime.timedelta(minutes=1)
    assert reminders.send_reminder(reminder.pk, now=late)["sent"] == 0
    assert smtp_server == []


def test_requesting_enqueues_the_job_after_the_commit(
    setup, users, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reminder = reminders.request_reminder(setup["round"], user=users["coordinator"])
    job = DBTaskResult.objects.get(task_path=tasks.send_round_reminder.module_path)
    assert job.args_kwargs["args"] == [reminder.pk]
    assert timezone.now() < setup["round"].deadline


def _failing_for(address):
    real = reminders.send_mail

    def flaky(subject, body, sender, to, **kwargs):
        if to == [address]:
            raise OSError("mail server gone")
        return real(subject, body, sender, to, **kwargs)

    return mock.patch.object(reminders, "send_mail", flaky)


def _retries():
    return DBTaskResult.objects.filter(task_path=tasks.send_round_reminder.module_path)


def test_a_failed_run_is_retried_later_a_few_times_then_finished(setup, smtp_server):
    reminder = RoundReminder.objects.create(round=setup["round"])
    before = timezone.now()
    with _failing_for("zweite@example.org"):
        assert tasks.send_round_reminder.call(reminder.pk)["failed"] == 1
    retry = _retries().get()
    assert retry.args_kwargs["args"] == [reminder.pk, 2]
    assert retry.run_after >= before + reminders.RETRY_DELAY
    reminder.refresh_from_db()
    assert reminder.finished_at is None
    # The last attempt gives up: no further run, the reminder counts as finished.
    with _failing_for("zweite@example.org"):
        outcome = tasks.send_round_reminder.call(reminder.pk, reminders.MAX_ATTEMPTS)
    assert outcome == {"sent": 0, "failed": 1, "skipped": 2}
    assert _retries().count() == 1
    reminder.refresh_from_db()
    assert reminder.finished_at is not None
    assert len(smtp_server) == 2


def test_a_retry_that_sends_everything_ends_the_chain(setup, smtp_server):
    reminder = RoundReminder.objects.create(round=setup["round"])
    with _failing_for("zweite@example.org"):
        tasks.send_round_reminder.call(reminder.pk)
    assert tasks.send_round_reminder.call(reminder.pk, 2) == {"sent": 1, "failed": 0, "skipped": 2}
    assert _retries().count() == 1  # only the one enqueued by the first run
    reminder.refresh_from_db()
    assert reminder.finished_at is not None
    assert sorted(m["X-Envelope-To"] for m in smtp_server) == [
        "nottuln@example.org",
        "officer@example.org",
        "zweite@example.org",
    ]


def test_a_queue_without_deferred_jobs_finishes_at_once(setup, smtp_server, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    reminder = RoundReminder.objects.create(round=setup["round"])
    with _failing_for("zweite@example.org"):
        assert tasks.send_round_reminder.call(reminder.pk)["failed"] == 1
    reminder.refresh_from_db()
    assert reminder.finished_at is not None  # not retried, and not blocking new reminders


def test_a_second_reminder_is_refused_while_one_runs_or_within_the_hour(setup, users):
    round, coordinator = setup["round"], users["coordinator"]
    first = reminders.request_reminder(round, user=coordinator)
    with pytest.raises(ValidationError) as caught:
        reminders.request_reminder(round, user=users["admin"])
    assert caught.value.messages == [
        "Die letzte Erinnerung dieser Runde wird gerade noch verschickt; bitte später erneut "
        "versuchen."
    ]
    RoundReminder.objects.filter(pk=first.pk).update(finished_at=timezone.now())
    with pytest.raises(ValidationError) as caught:
        reminders.request_reminder(round, user=coordinator)
    assert "in der letzten Stunde schon eine Erinnerung" in caught.value.messages[0]
    assert RoundReminder.objects.count() == 1
    # An hour later a new one is possible.
    RoundReminder.objects.filter(pk=first.pk).update(
        requested_at=timezone.now() - datetime.timedelta(hours=1, minutes=1)
    )
    second = reminders.request_reminder(round, user=coordinator)
    # A reminder whose job was lost (never finished) blocks for STALE_REMINDER at most.
    RoundReminder.objects.filter(pk=second.pk).update(
        requested_at=timezone.now() - reminders.STALE_REMINDER - datetime.timedelta(minutes=1)
    )
    reminders.request_reminder(round, user=coordinator)
    assert RoundReminder.objects.count() == 3


def test_reminders_of_another_round_do_not_block(setup, users, region, town):
    reminders.request_reminder(setup["round"], user=users["coordinator"])
    other = make_round(region, towns=[town], slug="andere")
    assert reminders.request_reminder(other, user=users["coordinator"]).round == other


def test_funding_and_assessment_mails_share_one_base_url():
    from digitalagentur.core import mail
    from digitalagentur.funding import reminders as funding_reminders

    assert reminders.base_url is mail.base_url is funding_reminders.base_url
