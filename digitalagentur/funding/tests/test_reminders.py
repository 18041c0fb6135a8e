"""Reminder mails before deadlines: when, to whom, exactly once (twice-run, concurrent and
interrupted jobs), through a real SMTP server; the background job and its scheduling."""

import datetime
import signal
import socket
import threading
import zoneinfo
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from digitalagentur.core import testing as t
from digitalagentur.funding import reminders, services, tasks
from digitalagentur.funding.models import DeadlinePreference, DeadlineReminder
from digitalagentur.funding.reminders import due_levels, parse_remind_days, send_due_reminders
from digitalagentur.tenancy.choices import Role
from digitalagentur.testing.deadlines import (
    day_in,
    end_of_day_in,
    in_days,
    make_application,
    make_call,
    make_programme,
)

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


# -- the rules (no database) ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "days"),
    [("14, 3", [14, 3]), ("3 14 3", [14, 3]), ("0", [0]), ("", []), ("7;1,  30", [30, 7, 1])],
)
def test_remind_days_are_whole_numbers_largest_first(text, days):
    assert parse_remind_days(text) == days


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("zwei", "„zwei“ ist keine ganze Zahl von 0 bis 365."),
        ("-3", "„-3“ ist keine ganze Zahl von 0 bis 365."),
        ("1.5", "„1.5“ ist keine ganze Zahl von 0 bis 365."),
        ("366", "366 Tage sind zu viele: höchstens 365."),
        ("1 2 3 4 5 6", "Bitte höchstens fünf Werte angeben."),
    ],
)
def test_bad_remind_days_are_refused_in_german(text, message):
    with pytest.raises(ValidationError) as error:
        parse_remind_days(text)
    assert error.value.messages == [message]


def test_the_nearest_due_level_is_sent_and_farther_ones_count_as_sent():
    assert due_levels([14, 3], 20) == []
    assert due_levels([14, 3], 14) == [14]
    assert due_levels([14, 3], 10) == [14]
    assert due_levels([14, 3], 3) == [3, 14]
    assert due_levels([14, 3], 0) == [3, 14]
    assert due_levels([0], 0) == [0]
    assert due_levels([14, 3], -1) == []  # passed: never


# -- the job -----------------------------------------------------------------------------------


@pytest.fixture
def people(users):
    for name, user in users.items():
        user.email = f"{name}@example.org"
        user.save()
    return users


@pytest.fixture
def programme(region):
    return make_programme(region, "Smart Cities")


def recipients_of(messages) -> list[str]:
    return sorted(address for m in messages for address in m.to)


def test_reminders_go_out_n_days_before_once(region, people, programme):
    call = make_call(programme, "Staffel 2021", deadline=end_of_day_in(14))
    assert send_due_reminders() == {"sent": 4, "failed": 0}  # every role: a published call
    assert recipients_of(mail.outbox) == [
        "admin@example.org",
        "coordinator@example.org",
        "officer@example.org",
        "reader@example.org",
    ]
    message = mail.outbox[0]
    assert message.subject == "Frist in 14 Tagen: Bewerbungsfrist: Staffel 2021"
    assert f"Frist: {day_in(14):%d.%m.%Y}, 24:00 Uhr" in message.body
    assert "Aufruf: Staffel 2021 (Smart Cities)" in message.body
    assert f"http://127.0.0.1:8000/intern/foerderung/programme/{programme.pk}/" in message.body
    assert "http://127.0.0.1:8000/intern/foerderung/fristen/#einstellungen" in message.body
    # Run again the same day, and on the following days: nothing new until 3 days before.
    mail.outbox.clear()
    for days_later in (0, 1, 10):
        assert send_due_reminders(timezone.now() + datetime.timedelta(days=days_later)) == {
            "sent": 0,
            "failed": 0,
        }
    assert send_due_reminders(in_days(11, hour=7))["sent"] == 4
    assert mail.outbox[0].subject == "Frist in 3 Tagen: Bewerbungsfrist: Staffel 2021"
    assert DeadlineReminder.objects.filter(key=f"call-{call.pk}").count() == 8
    # On the day and after the deadline: no more (nothing for 0 days, and it has passed).
    mail.outbox.clear()
    assert send_due_reminders(in_days(14, hour=23))["sent"] == 0
    assert send_due_reminders(in_days(16))["sent"] == 0


def test_a_missed_day_is_caught_up_with_one_mail_for_the_nearest_level(region, people, programme):
    make_call(programme, "Staffel 2021", deadline=in_days(2, hour=10))
    DeadlinePreference.objects.create(
        region=region, user=people["coordinator"], remind_days=[14, 3]
    )
    for name in ("admin", "officer", "reader"):
        DeadlinePreference.objects.create(region=region, user=people[name], reminders_enabled=False)
    send_due_reminders()
    assert [m.subject for m in mail.outbox] == ["Frist in 2 Tagen: Bewerbungsfrist: Staffel 2021"]
    assert sorted(DeadlineReminder.objects.values_list("days_before", flat=True)) == [3, 14]
    assert send_due_reminders(in_days(1, hour=7))["sent"] == 0


def test_a_moved_deadline_is_reminded_of_again(region, people, programme):
    DeadlinePreference.objects.bulk_create(
        DeadlinePreference(region=region, user=u, reminders_enabled=u == people["admin"])
        for u in people.values()
    )
    call = make_call(programme, "Staffel 2021", deadline=end_of_day_in(3))
    assert send_due_reminders()["sent"] == 1
    services.update(call, {"deadline": end_of_day_in(5)}, expected_version=call.version)
    assert send_due_reminders()["sent"] == 1
    assert [m.subject for m in mail.outbox] == [
        "Frist in 3 Tagen: Bewerbungsfrist: Staffel 2021",
        "Frist in 5 Tagen: Bewerbungsfrist: Staffel 2021",
    ]


def test_each_user_is_reminded_of_their_own_deadlines_only(
    region, town, other_town, people, programme
):
    make_call(programme, "Staffel Entwurf", deadline=in_days(3), published=False)
    make_application(programme, "Raum für Zukunft", towns=[town], start_date=day_in(3))
    make_application(programme, "Marktplatz", towns=[other_town], end_date=day_in(3))
    DeadlinePreference.objects.create(region=region, user=people["admin"], reminders_enabled=False)
    people["reader"].email = ""
    people["reader"].save()
    inactive = t.make_user_with_role(region, Role.COORDINATOR, email="x@example.org")
    inactive.is_active = False
    inactive.save()
    t.make_user_with_role(region, Role.READER, email="leser@example.org")
    send_due_reminders()
    subjects = sorted((m.to[0], m.subject) for m in mail.outbox)
    assert subjects == [
        ("coordinator@example.org", "Frist in 3 Tagen: Bewerbungsfrist: Staffel Entwurf"),
        ("coordinator@example.org", "Frist in 3 Tagen: Projektbeginn: Raum für Zukunft"),
        ("coordinator@example.org", "Frist in 3 Tagen: Projektende: Marktplatz"),
        ("officer@example.org", "Frist in 3 Tagen: Projektbeginn: Raum für Zukunft"),
    ]


def test_reminders_reach_a_real_smtp_server(region, people, programme, smtp_server, settings):
    settings.DIGITALAGENTUR_BASE_URL = "https://digital.example.org"
    DeadlinePreference.objects.bulk_create(
        DeadlinePreference(region=region, user=u, reminders_enabled=u == people["officer"])
        for u in people.values()
    )
    make_call(programme, "Smarte Region", deadline=end_of_day_in(1))
    assert send_due_reminders() == {"sent": 1, "failed": 0}
    assert len(smtp_server) == 1
    message = smtp_server[0]
    assert message["X-Envelope-To"] == "officer@example.org"
    assert message["Subject"] == "Frist morgen: Bewerbungsfrist: Smarte Region"
    body = message.get_content()
    assert "eine Frist steht an (morgen)" in body
    assert "https://digital.example.org/intern/foerderung/fristen/" in body


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again when the block ends


def test_a_run_interrupted_while_sending_leaves_no_claim(region, people, programme, settings):
    DeadlinePreference.objects.bulk_create(
        DeadlinePreference(region=region, user=u, reminders_enabled=u == people["admin"])
        for u in people.values()
    )
    make_call(programme, deadline=in_days(3))
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port()
    settings.EMAIL_TIMEOUT = 2
    assert send_due_reminders() == {"sent": 0, "failed": 1}
    assert not DeadlineReminder.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_due_reminders() == {"sent": 1, "failed": 0}
    assert DeadlineReminder.objects.count() == 2  # 3 and 14 days


def test_an_exception_in_one_mail_does_not_stop_the_others(region, people, programme):
    make_call(programme, deadline=in_days(3))
    real = reminders.send_mail

    def flaky(subject, body, sender, to, **kwargs):
        if to == ["officer@example.org"]:
            raise RuntimeError("Postfach voll")
        return real(subject, body, sender, to, **kwargs)

    with mock.patch.object(reminders, "send_mail", flaky):
        assert send_due_reminders() == {"sent": 3, "failed": 1}
    assert not DeadlineReminder.objects.filter(user=people["officer"]).exists()
    assert send_due_reminders() == {"sent": 1, "failed": 0}


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_the_same_time_send_each_reminder_once(region, people, programme):
    make_call(programme, deadline=in_days(3))
    make_call(programme, deadline=end_of_day_in(14))
    barrier = threading.Barrier(2)
    real = reminders.send_mail
    outcomes = []

    def slow(*args, **kwargs):
        # Hold the claim's transaction open while the other run tries the same reminder.
        threading.Event().wait(0.05)
        return real(*args, **kwargs)

    def run():
        try:
            barrier.wait(timeout=5)
            outcomes.append(send_due_reminders())
        finally:
            connection.close()

    with mock.patch.object(reminders, "send_mail", slow):
        threads = [threading.Thread(target=run) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    assert sum(o["sent"] for o in outcomes) == 8  # 4 users x 2 deadlines
    assert sum(o["failed"] for o in outcomes) == 0
    assert len(mail.outbox) == 8
    assert len({(m.to[0], m.subject) for m in mail.outbox}) == 8
    assert DeadlineReminder.objects.count() == 12  # 4 x (3 and 14) + 4 x 14


# -- the background job ------------------------------------------------------------------------


def reminder_runs():
    return DBTaskResult.objects.filter(task_path=tasks.send_deadline_reminders.module_path)


def test_the_next_run_is_the_reminder_hour_of_today_or_tomorrow(settings):
    settings.DIGITALAGENTUR_REMINDER_HOUR = 7
    at = lambda d, h, m=0: datetime.datetime(2021, 3, d, h, m, tzinfo=BERLIN)  # noqa: E731
    assert tasks.next_run(at(14, 6, 59)) == at(14, 7)
    assert tasks.next_run(at(14, 7)) == at(15, 7)
    assert tasks.next_run(at(14, 23)) == at(15, 7)
    # Over the change to summer time (28.03.2021) the hour stays 7 o'clock in Berlin.
    assert tasks.next_run(at(27, 8)).utcoffset() == datetime.timedelta(hours=2)


def test_the_job_sends_and_plans_its_next_run_once(region, people, programme):
    make_call(programme, deadline=in_days(3))
    assert tasks.send_deadline_reminders.call() == {"sent": 4, "failed": 0}
    assert tasks.send_deadline_reminders.call() == {"sent": 0, "failed": 0}
    runs = list(reminder_runs())
    assert len(runs) == 1 and runs[0].status == TaskResultStatus.READY
    assert runs[0].run_after == tasks.next_run(timezone.now())


def test_scheduling_enqueues_only_when_no_run_is_pending(db, capsys):
    call_command("schedule_reminders")
    assert "eingeplant: der Worker verschickt sie" in capsys.readouterr().out
    call_command("schedule_reminders")
    assert "bereits eingeplant (sobald der Worker läuft)" in capsys.readouterr().out
    assert reminder_runs().count() == 1
    # A run left "running" (its worker died a moment ago and was restarted) would never plan
    # its successor: scheduling by hand starts a new chain at once.
    reminder_runs().update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now() - datetime.timedelta(seconds=5)
    )
    call_command("schedule_reminders")
    assert reminder_runs().filter(status=TaskResultStatus.READY).count() == 1


def test_run_now_sends_without_the_queue(region, people, programme, capsys):
    make_call(programme, deadline=in_days(3))
    call_command("schedule_reminders", "--run")
    assert "Erinnerungen verschickt: 4, fehlgeschlagen: 0." in capsys.readouterr().out
    assert not reminder_runs().exists()


@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
)
def test_with_the_immediate_backend_the_job_runs_at_once_without_a_chain(region, people, programme):
    make_call(programme, deadline=in_days(3))
    result = tasks.send_deadline_reminders.enqueue()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == {"sent": 4, "failed": 0}
    assert tasks.schedule_reminders() is None


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_runs_the_queued_job(region, people, programme):
    """What `make run` does: schedule, then the worker (here in this process, --batch: it
    stops when nothing is ready) runs the job, which plans its next run."""
    make_call(programme, deadline=in_days(3))
    call_command("schedule_reminders")
    first = reminder_runs().get()
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command(
            "db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0
        )
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
    first.refresh_from_db()
    assert first.status == TaskResultStatus.SUCCESSFUL
    assert first.return_value == {"sent": 4, "failed": 0}
    assert len(mail.outbox) == 4
    following = reminder_runs().exclude(pk=first.pk).get()
    assert following.status == TaskResultStatus.READY
    assert following.run_after > timezone.now()


def test_claims_of_long_past_deadlines_are_deleted(region, people):
    old = DeadlineReminder.objects.create(
        region=region, user=people["admin"], key="call-1", due=in_days(-91), days_before=3
    )
    recent = DeadlineReminder.objects.create(
        region=region, user=people["admin"], key="call-2", due=in_days(-30), days_before=3
    )
    send_due_reminders()
    assert list(DeadlineReminder.objects.values_list("pk", flat=True)) == [recent.pk]
    assert old.pk != recent.pk
