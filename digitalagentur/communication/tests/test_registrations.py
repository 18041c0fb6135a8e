"""Registering for events (issue 13, sections 2 and 5): seats, the waiting list in the order of
registration, moving up on a cancellation or more capacity, closed registration, attendance,
and the mails with their iCalendar attachment through a real SMTP server."""

import datetime
import threading
from concurrent.futures import ThreadPoolExecutor

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from digitalagentur.communication import events as event_services
from digitalagentur.communication import registrations as svc
from digitalagentur.communication.choices import RegistrationStatus
from digitalagentur.communication.models import Registration
from digitalagentur.core import testing as t
from digitalagentur.testing.communication import make_event

REGISTERED, WAITLISTED, CANCELLED = (
    RegistrationStatus.REGISTERED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.CANCELLED,
)


def people(n, prefix="person"):
    return [
        t.make_user(f"{prefix}-{i}", email=f"{prefix}-{i}@example.org", first_name=f"P{i}")
        for i in range(n)
    ]


def statuses(event):
    return list(
        Registration.objects.filter(event=event)
        .order_by("created", "pk")
        .values_list("user__username", "status")
    )


@pytest.mark.django_db
def test_seats_then_the_waiting_list_in_order(region):
    event = make_event(region, capacity=2)
    a, b, c, d = people(4)
    assert svc.register(event, a).registration.status == REGISTERED
    assert svc.register(event, b).registration.status == REGISTERED
    third = svc.register(event, c).registration
    fourth = svc.register(event, d).registration
    assert (third.status, fourth.status) == (WAITLISTED, WAITLISTED)
    assert (svc.waitlist_position(third), svc.waitlist_position(fourth)) == (1, 2)
    counted = svc.with_counts(type(event).objects.filter(pk=event.pk)).get()
    assert (counted.registered, counted.waitlisted) == (2, 2)
    assert svc.seats_left(event) == 0


@pytest.mark.django_db
def test_registering_again_returns_the_registration_one_has(region):
    event = make_event(region, capacity=1)
    person = people(1)[0]
    first = svc.register(event, person)
    again = svc.register(event, person)
    assert first.created and not again.created
    assert again.registration.pk == first.registration.pk
    assert Registration.objects.filter(event=event).count() == 1


@pytest.mark.django_db
def test_a_cancellation_moves_the_first_waiting_person_up(region):
    event = make_event(region, capacity=1)
    a, b, c = people(3)
    for person in (a, b, c):
        svc.register(event, person)
    cancelled = svc.cancel(event, a)
    assert cancelled.status == CANCELLED and cancelled.cancelled is not None
    assert statuses(event) == [
        ("person-0", CANCELLED),
        ("person-1", REGISTERED),
        ("person-2", WAITLISTED),
    ]
    moved = Registration.objects.get(user=b)
    assert moved.promoted is not None
    # A waiting person who cancels frees no seat: nobody moves.
    svc.cancel(event, c)
    assert Registration.objects.get(user=c).status == CANCELLED
    assert svc.cancel(event, c) is None  # nothing left to cancel
    # Cancelled people may register again, at the end of the queue.
    again = svc.register(event, a).registration
    assert again.status == WAITLISTED and again.pk != cancelled.pk


@pytest.mark.django_db
def test_more_capacity_fills_the_seats_from_the_waiting_list(region):
    event = make_event(region, capacity=1)
    for person in people(4):
        svc.register(event, person)
    event = event_services.update_event(
        event, {"capacity": 3}, expected_version=event.version, user=None
    )
    assert [s for _u, s in statuses(event)] == [REGISTERED, REGISTERED, REGISTERED, WAITLISTED]


@pytest.mark.django_db
def test_no_capacity_means_no_limit(region):
    event = make_event(region, capacity=None)
    assert all(svc.register(event, p).registration.status == REGISTERED for p in people(12))
    assert svc.seats_left(event) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "values, why",
    [
        ({"registration_open": False}, "switched off"),
        ({"published": False}, "a draft"),
        ({"registration_starts": timezone.now() + datetime.timedelta(days=1)}, "not yet"),
        ({"registration_ends": timezone.now() - datetime.timedelta(hours=1)}, "over"),
        (
            {
                "start": timezone.now() - datetime.timedelta(hours=1),
                "end": timezone.now() + datetime.timedelta(hours=1),
            },
            "begun",
        ),
    ],
)
def test_closed_registration_is_refused_and_saves_nothing(region, values, why):
    if "registration_ends" in values:
        values["registration_starts"] = timezone.now() - datetime.timedelta(days=3)
    event = make_event(region, **values)
    with pytest.raises(svc.RegistrationClosed):
        svc.register(event, people(1)[0])
    assert not Registration.objects.exists(), why


@pytest.mark.django_db
def test_bad_input_and_anonymous_people_are_refused(region, django_user_model):
    event = make_event(region)
    person = people(1)[0]
    with pytest.raises(ValidationError) as error:
        svc.register(event, person, note="x" * 501)
    assert "note" in error.value.message_dict
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(ValidationError):
        svc.register(event, AnonymousUser())
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_attendance_is_recorded_for_the_registered_people(region):
    event = make_event(region, capacity=2)
    a, b, c = people(3)
    ra = svc.register(event, a).registration
    rb = svc.register(event, b).registration
    rc = svc.register(event, c).registration  # waiting
    assert svc.record_attendance(event, [ra.pk]) == 1
    ra.refresh_from_db(), rb.refresh_from_db(), rc.refresh_from_db()
    assert (ra.attended, rb.attended, rc.attended) == (True, False, None)
    with pytest.raises(ValidationError):
        svc.record_attendance(event, [rc.pk])  # not registered


def register_all(event, persons) -> list:
    barrier = threading.Barrier(len(persons))

    def register(person):
        barrier.wait()
        try:
            return svc.register(event, person).registration.pk
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(persons)) as pool:
        return list(pool.map(register, persons))


@pytest.mark.django_db(transaction=True)
def test_forty_people_at_once_for_ten_seats(region):
    """Capacity 10, 40 people at the same moment: exactly 10 registered and 30 waiting, in
    the order in which their registrations were written; cancellations move them up in that
    order."""
    event = make_event(region, capacity=10)
    persons = people(40)
    ids = register_all(event, persons)
    assert len(set(ids)) == 40
    rows = list(Registration.objects.filter(event=event).order_by("created", "pk"))
    assert [r.status for r in rows] == [REGISTERED] * 10 + [WAITLISTED] * 30
    waiting = [r for r in rows if r.status == WAITLISTED]
    assert [svc.waitlist_position(r) for r in waiting] == list(range(1, 31))
    # Ten cancel at once: exactly the first ten of the waiting list move up.
    leaving = [r.user for r in rows[:10]]
    barrier = threading.Barrier(10)

    def cancel(person):
        barrier.wait()
        try:
            return svc.cancel(event, person)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=10) as pool:
        list(pool.map(cancel, leaving))
    seated = Registration.objects.filter(event=event, status=REGISTERED)
    assert set(seated.values_list("pk", flat=True)) == {r.pk for r in waiting[:10]}
    assert Registration.objects.filter(event=event, status=WAITLISTED).count() == 20


@pytest.mark.django_db(transaction=True)
def test_the_same_person_twenty_times_at_once_registers_once(region):
    event = make_event(region, capacity=10)
    person = people(1)[0]
    ids = register_all(event, [person] * 20)
    assert len(set(ids)) == 1
    assert Registration.objects.filter(event=event).count() == 1


@pytest.mark.django_db
def test_mails_with_the_event_as_icalendar(region, smtp_server, django_capture_on_commit_callbacks):
    event = make_event(region, capacity=1, title="Digitalisierungskonferenz 2026")
    first, second = people(2)
    with django_capture_on_commit_callbacks(execute=True):
        svc.register(event, first)
        svc.register(event, second)
    with django_capture_on_commit_callbacks(execute=True):
        svc.cancel(event, first)
    received = [(m["X-Envelope-To"], " ".join(m["Subject"].split())) for m in smtp_server]
    assert received == [
        ("person-0@example.org", "Anmeldung bestätigt: Digitalisierungskonferenz 2026"),
        ("person-1@example.org", "Warteliste: Digitalisierungskonferenz 2026"),
        ("person-0@example.org", "Abmeldung bestätigt: Digitalisierungskonferenz 2026"),
        (
            "person-1@example.org",
            "Nachgerückt: Sie sind angemeldet für Digitalisierungskonferenz 2026",
        ),
    ]
    confirmation, waiting, cancellation, promotion = smtp_server
    assert "Platz 1 der Warteliste" in waiting.get_body(("plain",)).get_content()
    assert not [p for p in waiting.iter_attachments()]

    def calendar_of(message):
        (attachment,) = [
            p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"
        ]
        return icalendar.Calendar.from_ical(attachment.get_content())

    invitation = calendar_of(confirmation)
    (vevent,) = invitation.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Digitalisierungskonferenz 2026"
    assert vevent.decoded("DTSTART") == event.start
    assert vevent["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert "Kreishaus Coesfeld" in str(vevent["LOCATION"])
    cancel = calendar_of(cancellation)
    assert str(cancel["METHOD"]) == "CANCEL"
    (cancelled,) = cancel.walk("VEVENT")
    assert str(cancelled["UID"]) == str(vevent["UID"])
    assert cancelled["SEQUENCE"] > vevent["SEQUENCE"]
    assert calendar_of(promotion).walk("VEVENT")[0]["UID"] == vevent["UID"]
    assert mail.outbox == []  # all of it went through the real server


@pytest.mark.django_db
def test_a_rolled_back_registration_mails_nobody(region, django_capture_on_commit_callbacks):
    from django.db import transaction

    event = make_event(region)
    person = people(1)[0]
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                svc.register(event, person)
                raise RuntimeError
        except RuntimeError:
            pass
    assert mail.outbox == [] and not Registration.objects.exists()
