"""The daily event jobs (communication/jobs.py, tasks.py): one reminder per registered person
before the event (never twice, also when the job runs twice), anonymising old registrations
while their counts stay, and the chain in the task queue."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from digitalagentur.communication import jobs, tasks
from digitalagentur.communication import registrations as svc
from digitalagentur.communication.choices import RegistrationStatus
from digitalagentur.communication.models import Registration
from digitalagentur.core import testing as t
from digitalagentur.testing.communication import make_event

pytestmark = pytest.mark.django_db


def hours(n):
    return (timezone.now() + datetime.timedelta(hours=n)).replace(microsecond=0)


def person(name):
    return t.make_user(name, email=f"{name}@example.org", first_name=name.title())


def test_reminders_go_to_registered_people_once(region, settings):
    settings.DIGITALAGENTUR_EVENT_REMINDER_HOURS = 48
    soon = make_event(region, "Seminar E-Akte", start=hours(30), capacity=1)
    later = make_event(region, "Konferenz", start=hours(24 * 10))
    anna, bert = person("anna"), person("bert")
    svc.register(soon, anna)
    svc.register(soon, bert)  # waiting: no reminder
    svc.register(later, anna)  # too early for a reminder
    mail.outbox.clear()
    assert jobs.send_due_reminders() == {"sent": 1, "failed": 0}
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["anna@example.org"], "Erinnerung: Seminar E-Akte")
    ]
    assert mail.outbox[0].attachments[0][0] == "veranstaltung.ics"
    assert jobs.send_due_reminders() == {"sent": 0, "failed": 0}  # the job ran twice
    assert len(mail.outbox) == 1


def test_a_failed_reminder_is_sent_by_the_next_run(region, monkeypatch):
    event = make_event(region, start=hours(10))
    svc.register(event, person("anna"))
    mail.outbox.clear()

    def broken(self, *args, **kwargs):
        raise OSError("mail server down")

    from django.core.mail import EmailMultiAlternatives

    with monkeypatch.context() as patch:
        patch.setattr(EmailMultiAlternatives, "send", broken)
        assert jobs.send_due_reminders() == {"sent": 0, "failed": 1}
    assert Registration.objects.get().reminded is None
    assert jobs.send_due_reminders() == {"sent": 1, "failed": 0}


def test_old_registrations_lose_names_but_keep_their_counts(region, settings):
    settings.DIGITALAGENTUR_EVENT_RETENTION_DAYS = 30
    old = make_event(region, "Alt", start=hours(1), capacity=1)
    recent = make_event(region, "Neu", start=hours(2))
    anna, bert = person("anna"), person("bert")
    kept = svc.register(recent, anna).registration
    seated = svc.register(old, anna).registration
    svc.register(old, bert)
    svc.record_attendance(old, [seated.pk])
    old.start, old.end = hours(-24 * 40), hours(-24 * 40 + 3)
    old.save()
    assert jobs.anonymise_registrations() == 2
    rows = Registration.objects.filter(event=old).order_by("pk")
    assert [(r.name, r.email, r.user_id) for r in rows] == [("", "", None), ("", "", None)]
    assert [r.status for r in rows] == [
        RegistrationStatus.REGISTERED,
        RegistrationStatus.WAITLISTED,
    ]
    assert rows[0].attended is True
    kept.refresh_from_db()
    assert kept.email == "anna@example.org" and kept.anonymised is None
    assert jobs.anonymise_registrations() == 0


def test_schedule_reminders_starts_the_event_chain_once(capsys):
    call_command("schedule_reminders")
    assert "Veranstaltungen (Erinnerungen, Anonymisierung) eingeplant" in capsys.readouterr().out
    call_command("schedule_reminders")
    assert "Veranstaltungen (Erinnerungen, Anonymisierung) sind bereits eingeplant" in (
        capsys.readouterr().out
    )
    assert tasks.pending_runs().count() == 1


def test_schedule_reminders_run_sends_the_event_reminders_now(region, capsys):
    event = make_event(region, start=hours(5))
    svc.register(event, person("anna"))
    call_command("schedule_reminders", "--run")
    out = capsys.readouterr().out
    assert "Veranstaltungen: 1 Erinnerungen verschickt (0 fehlgeschlagen)" in out
