"""Reminders the day before a booking (spaces/reminders.py): which bookings, exactly once when
the job runs twice or two runs race, none for cancelled ones; the daily job chain and its
commands (spaces/tasks.py, `spaces_jobs`, `schedule_reminders`)."""

import datetime
import signal
import socket
import threading
import zoneinfo
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from digitalagentur.core import testing as t
from digitalagentur.funding import tasks as funding_tasks
from digitalagentur.spaces import booking as booking_services
from digitalagentur.spaces import reminders, tasks
from digitalagentur.spaces.choices import BookingMode
from digitalagentur.spaces.models import Booking
from digitalagentur.spaces.reminders import send_due_reminders
from digitalagentur.testing.spaces import make_space

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
# The job's run: 7 o'clock on a Tuesday (winter time).
NOW = datetime.datetime(2030, 1, 8, 7, 0, tzinfo=BERLIN)
BOOKED = NOW - datetime.timedelta(days=3)


def at(day, hour, minute=0):
    return datetime.datetime(2030, 1, day, hour, minute, tzinfo=BERLIN)


@pytest.fixture
def paula(db):
    return t.make_user("paula", email="paula@example.org", first_name="Paula", last_name="Pendel")


@pytest.fixture
def space(region, town):
    return make_space(region, town, name="ExtraGleis", city="Billerbeck")


def book(space, user, start, end, *, now=BOOKED):
    return booking_services.book(space, user, start, end, now=now)


def reminded_subjects():
    return sorted((m.to[0], m.subject) for m in mail.outbox)


# -- which bookings ------------------------------------------------------------------------------


def test_bookings_of_tomorrow_are_reminded_once_and_no_others(space, paula):
    tomorrow_early = book(space, paula, at(9, 0, 30), at(9, 2))
    tomorrow_late = book(space, paula, at(9, 22), at(9, 23))
    later = book(space, paula, at(10, 0), at(10, 1))
    today_past = book(space, paula, at(8, 6), at(8, 6, 30))
    assert send_due_reminders(NOW) == {"sent": 2, "failed": 0}
    assert reminded_subjects() == [
        ("paula@example.org", "Erinnerung: morgen 00:30 Uhr, ExtraGleis"),
        ("paula@example.org", "Erinnerung: morgen 22:00 Uhr, ExtraGleis"),
    ]
    body = mail.outbox[0].body
    assert "Guten Tag Paula Pendel," in body
    assert "zur Erinnerung: Sie haben morgen diesen Raum gebucht." in body
    assert "Mittwoch, 09.01.2030, 00:30–02:00 Uhr" in body
    assert mail.outbox[0].alternatives[0][1] == "text/html"
    reminded = set(Booking.objects.exclude(reminded=None).values_list("pk", flat=True))
    assert reminded == {tomorrow_early.pk, tomorrow_late.pk}
    # The next run sends nothing again; the next day's run sends the day after's.
    assert send_due_reminders(NOW) == {"sent": 0, "failed": 0}
    assert send_due_reminders(NOW + datetime.timedelta(days=1)) == {"sent": 1, "failed": 0}
    assert Booking.objects.get(pk=later.pk).reminded is not None
    assert Booking.objects.get(pk=today_past.pk).reminded is None


def test_a_missed_day_is_caught_up_as_long_as_the_booking_has_not_begun(space, paula):
    book(space, paula, at(8, 15), at(8, 16))
    assert send_due_reminders(NOW) == {"sent": 1, "failed": 0}
    assert mail.outbox[0].subject == "Erinnerung: heute 15:00 Uhr, ExtraGleis"
    assert "Sie haben heute diesen Raum gebucht" in mail.outbox[0].body


def test_short_notice_bookings_get_no_reminder(space, paula):
    # Booked 20 hours before the start: the confirmation was just sent.
    booking = book(space, paula, at(9, 3), at(9, 4), now=at(8, 7))
    Booking.objects.filter(pk=booking.pk).update(decided=at(8, 7), created=at(8, 7))
    assert send_due_reminders(at(8, 7)) == {"sent": 0, "failed": 0}


def test_cancelled_declined_and_requested_bookings_get_no_reminder(region, town, space, paula):
    cancelled = book(space, paula, at(9, 9), at(9, 10))
    booking_services.cancel(cancelled, paula, now=BOOKED)
    requests = make_space(region, town, booking_mode=BookingMode.REQUEST)
    book(requests, paula, at(9, 9), at(9, 10))
    declined = book(requests, paula, at(9, 11), at(9, 12))
    booking_services.decline(declined, None, "belegt")
    assert send_due_reminders(NOW) == {"sent": 0, "failed": 0}
    assert mail.outbox == []


def test_a_request_confirmed_in_time_is_reminded(region, town, paula):
    requests = make_space(region, town, name="Dorfhaus", booking_mode=BookingMode.REQUEST)
    booking = book(requests, paula, at(9, 9), at(9, 10))
    booking_services.confirm(booking, None, now=BOOKED)
    assert send_due_reminders(NOW) == {"sent": 1, "failed": 0}


def test_bookers_without_address_or_account_are_skipped(space, paula):
    other = t.make_user("ohne", email="")
    book(space, other, at(9, 9), at(9, 10))
    gone = t.make_user("weg", email="weg@example.org")
    book(space, gone, at(9, 11), at(9, 12))
    gone.is_active = False
    gone.save()
    assert send_due_reminders(NOW) == {"sent": 0, "failed": 0}


def test_a_booking_cancelled_after_the_list_was_read_is_not_reminded(space, paula):
    booking = book(space, paula, at(9, 9), at(9, 10))
    due = reminders.due_bookings(NOW)
    Booking.objects.filter(pk=booking.pk).update(status="cancelled")
    assert reminders.send_reminder(due[0], NOW, None) is False
    assert mail.outbox == []


# -- exactly once ---------------------------------------------------------------------------------


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_run_interrupted_while_sending_leaves_no_claim(space, paula, settings):
    booking = book(space, paula, at(9, 9), at(9, 10))
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port()
    settings.EMAIL_TIMEOUT = 2
    assert send_due_reminders(NOW) == {"sent": 0, "failed": 1}
    booking.refresh_from_db()
    assert booking.reminded is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_due_reminders(NOW) == {"sent": 1, "failed": 0}


def test_reminders_reach_a_real_smtp_server(space, paula, smtp_server):
    book(space, paula, at(9, 9), at(9, 10))
    assert send_due_reminders(NOW) == {"sent": 1, "failed": 0}
    assert len(smtp_server) == 1
    assert smtp_server[0]["X-Envelope-To"] == "paula@example.org"
    assert smtp_server[0]["Subject"].strip() == "Erinnerung: morgen 09:00 Uhr, ExtraGleis"


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_the_same_time_send_each_reminder_once(space, paula):
    for hour in (9, 11, 13, 15):
        book(space, paula, at(9, hour), at(9, hour + 1))
    mail.outbox.clear()  # the confirmations (sent after each commit here)
    barrier = threading.Barrier(2)
    real = reminders.notifications.EmailMultiAlternatives.send
    outcomes = []

    def slow(self, *args, **kwargs):
        # Hold the claim's transaction open while the other run tries the same booking.
        threading.Event().wait(0.05)
        return real(self, *args, **kwargs)

    def run():
        try:
            barrier.wait(timeout=5)
            outcomes.append(send_due_reminders(NOW))
        finally:
            connection.close()

    with mock.patch.object(reminders.notifications.EmailMultiAlternatives, "send", slow):
        threads = [threading.Thread(target=run) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    assert len(outcomes) == 2
    assert sum(o["sent"] for o in outcomes) == 4
    assert sum(o["failed"] for o in outcomes) == 0
    assert len(mail.outbox) == 4
    assert len({m.subject for m in mail.outbox}) == 4
    assert not Booking.objects.filter(reminded=None).exists()


# -- the job, its chain and the commands -------------------------------------------------------


def spaces_runs():
    return DBTaskResult.objects.filter(task_path=tasks.run_spaces_jobs.module_path)


def funding_runs():
    return DBTaskResult.objects.filter(task_path=funding_tasks.send_deadline_reminders.module_path)


def test_the_job_runs_reminders_and_retention_and_plans_its_next_run_once(space, paula):
    with mock.patch.object(reminders, "send_due_reminders", return_value={"sent": 3, "failed": 0}):
        result = tasks.run_spaces_jobs.call()
    assert result["reminders"] == {"sent": 3, "failed": 0}
    assert result["retention"]["anonymised"] == 0
    tasks.run_spaces_jobs.call()
    runs = list(spaces_runs())
    assert len(runs) == 1 and runs[0].status == TaskResultStatus.READY
    assert runs[0].run_after == tasks.next_run(timezone.now())


def test_one_failing_part_does_not_stop_the_other(db, caplog):
    with mock.patch.object(reminders, "send_due_reminders", side_effect=RuntimeError("kaputt")):
        outcome = tasks.run_daily()
    assert outcome["reminders"] is None
    assert outcome["retention"]["anonymised"] == 0
    assert "Booking reminders failed" in caplog.text


def test_the_next_run_is_the_reminder_hour_of_today_or_tomorrow(settings):
    settings.DIGITALAGENTUR_REMINDER_HOUR = 7
    assert tasks.next_run(at(14, 6, 59)) == at(14, 7)
    assert tasks.next_run(at(14, 7)) == at(15, 7)
    summer = datetime.datetime(2030, 3, 30, 8, tzinfo=BERLIN)
    assert tasks.next_run(summer).utcoffset() == datetime.timedelta(hours=2)


def test_schedule_reminders_starts_both_chains_once(db, capsys):
    call_command("schedule_reminders")
    out = capsys.readouterr().out
    assert "Erinnerungen zu Fristen eingeplant: der Worker verschickt sie." in out
    assert "Landräume (Erinnerungen, Anonymisierung) eingeplant: der Worker erledigt sie." in out
    call_command("schedule_reminders")
    out = capsys.readouterr().out
    assert "Erinnerungen zu Fristen sind bereits eingeplant (sobald der Worker läuft)." in out
    assert "Landräume (Erinnerungen, Anonymisierung) sind bereits eingeplant (sobald" in out
    assert spaces_runs().count() == 1
    assert funding_runs().count() == 1


def test_schedule_reminders_run_does_both_now(space, paula, capsys, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    book(space, paula, at(9, 9), at(9, 10))
    call_command("schedule_reminders", "--run")
    out = capsys.readouterr().out
    assert "Erinnerungen verschickt: 0, fehlgeschlagen: 0." in out
    assert "Landräume: Erinnerungen verschickt: 1, fehlgeschlagen: 0." in out
    assert "Landräume: Buchungen anonymisiert: 0." in out
    assert not spaces_runs().exists()


def test_spaces_jobs_command_runs_at_once(space, paula, capsys, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    book(space, paula, at(9, 9), at(9, 10))
    call_command("spaces_jobs")
    assert "Landräume: Erinnerungen verschickt: 1, fehlgeschlagen: 0." in capsys.readouterr().out
    call_command("spaces_jobs")
    assert "Landräume: Erinnerungen verschickt: 0, fehlgeschlagen: 0." in capsys.readouterr().out
    assert len(mail.outbox) == 1


@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
)
def test_with_the_immediate_backend_there_is_no_chain(db):
    result = tasks.run_spaces_jobs.enqueue()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert tasks.schedule_jobs() is None


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_runs_the_queued_job(space, paula):
    """What `make run` does: schedule, then the worker runs the job (here in this process,
    --batch: it stops when nothing is ready), which plans its next run."""
    start = timezone.localtime() + datetime.timedelta(days=1)
    start = start.replace(hour=23, minute=0, second=0, microsecond=0)
    booking = book(space, paula, start, start + datetime.timedelta(minutes=30), now=timezone.now())
    # Booked days ago (bookings made less than a day ahead get no reminder).
    Booking.objects.filter(pk=booking.pk).update(
        decided=timezone.now() - datetime.timedelta(days=3)
    )
    mail.outbox.clear()  # the confirmation
    call_command("schedule_reminders")
    first = spaces_runs().get()
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
    assert first.return_value["reminders"] == {"sent": 1, "failed": 0}
    assert [m.to for m in mail.outbox] == [["paula@example.org"]]
    following = spaces_runs().exclude(pk=first.pk).get()
    assert following.status == TaskResultStatus.READY
    assert following.run_after > timezone.now()
