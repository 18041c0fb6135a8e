"""Booking mails (spaces/notifications.py): who gets which mail for which event, in plain text
and HTML, with an iCalendar attachment parsed back (REQUEST, then CANCEL with the same UID
and a higher SEQUENCE), times in Europe/Berlin across a change of summer time, through a
real SMTP server; a mail server that is down never breaks a booking."""

import datetime
import logging
import socket
import zoneinfo

import icalendar
import pytest
from django.core import mail

from digitalagentur.core import testing as t
from digitalagentur.spaces import booking as booking_services
from digitalagentur.spaces import notifications
from digitalagentur.spaces.choices import BookingMode
from digitalagentur.spaces.models import BookerProfile, Place
from digitalagentur.testing.spaces import make_provider, make_space

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
# Summer time begins on 31.03.2030 (02:00 -> 03:00) and ends on 27.10.2030.
NOW = datetime.datetime(2030, 3, 20, 9, 0, tzinfo=BERLIN)


def at(day, hour, minute=0, month=3):
    return datetime.datetime(2030, month, day, hour, minute, tzinfo=BERLIN)


@pytest.fixture
def people(db):
    return {
        "booker": t.make_user(
            "pendlerin", email="pendlerin@example.org", first_name="Paula", last_name="Pendel"
        ),
        "manager": t.make_user("gleis", email="gleis@example.org", first_name="Gerd"),
        "gone": t.make_user("alt", email="alt@example.org", is_active=False),
    }


@pytest.fixture
def provider(region, people):
    return make_provider(
        region,
        "ExtraGleis eG",
        email="Info@extragleis.example.org",
        phone="02543 1234",
        managers=[people["manager"], people["gone"]],
    )


@pytest.fixture
def space(region, town, provider):
    return make_space(
        region,
        town,
        provider=provider,
        name="ExtraGleis Waggon",
        street="Bahnhofstraße 1",
        postcode="48727",
        city="Billerbeck",
    )


@pytest.fixture
def request_space(region, town, provider):
    return make_space(
        region, town, provider=provider, name="Dorfhaus Saal", booking_mode=BookingMode.REQUEST
    )


def book(space, user, start, end, **kwargs):
    return booking_services.book(space, user, start, end, now=NOW, **kwargs)


def by_recipient(messages=None):
    return {m.to[0]: m for m in (messages if messages is not None else mail.outbox)}


def attachment(message):
    """(content type with parameters, parsed calendar) of a Django EmailMessage."""
    assert len(message.attachments) == 1
    name, content, mimetype = message.attachments[0]
    assert name.endswith(".ics")
    return mimetype, icalendar.Calendar.from_ical(content)


def html_of(message):
    assert len(message.alternatives) == 1
    content, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    return content


def only_event(calendar):
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return events[0]


# -- who gets what ------------------------------------------------------------------------------


def test_an_instant_booking_mails_the_booker_and_every_provider_address_after_the_commit(
    space, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        booking = book(space, people["booker"], at(25, 10), at(25, 12), note="Mit Laptop")
        assert mail.outbox == []  # nothing before the commit
    assert len(callbacks) == 1
    messages = by_recipient()
    # The inactive manager gets nothing; the provider's own address and the active manager do.
    assert sorted(messages) == [
        "Info@extragleis.example.org",
        "gleis@example.org",
        "pendlerin@example.org",
    ]
    to_booker = messages["pendlerin@example.org"]
    assert to_booker.subject == "Buchung bestätigt: ExtraGleis Waggon am 25.03.2030"
    assert "Guten Tag Paula Pendel," in to_booker.body
    assert "Montag, 25.03.2030, 10:00–12:00 Uhr" in to_booker.body
    assert "Bahnhofstraße 1, 48727 Billerbeck" in to_booker.body
    assert "Anbieter: ExtraGleis eG" in to_booker.body
    assert "Mit Laptop" not in to_booker.body  # the note is for the provider
    to_provider = messages["gleis@example.org"]
    assert to_provider.subject == "Neue Buchung: ExtraGleis Waggon am 25.03.2030"
    assert "Gebucht von: Paula Pendel" in to_provider.body
    assert "E-Mail: pendlerin@example.org" in to_provider.body
    assert "Hinweis: Mit Laptop" in to_provider.body
    # One message per address: no one sees another recipient.
    assert all(len(m.to) == 1 and not m.cc and not m.bcc for m in mail.outbox)
    for message in mail.outbox:
        mimetype, calendar = attachment(message)
        assert mimetype == "text/calendar; method=REQUEST; charset=utf-8"
        assert calendar["METHOD"] == "REQUEST"
        event = only_event(calendar)
        assert str(event["UID"]) == f"buchung-{booking.pk}@landraeume.kreis-a.digitalagentur"
        assert event["STATUS"] == "CONFIRMED"
        assert event["ORGANIZER"].params["CN"] == "ExtraGleis eG"
        assert str(event["ATTENDEE"]) == "mailto:pendlerin@example.org"
        assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Berlin"
    assert "Paula Pendel" in only_event(attachment(to_provider)[1])["SUMMARY"]
    assert "Paula Pendel" not in only_event(attachment(to_booker)[1])["SUMMARY"]


def test_html_and_plain_text_carry_the_same_and_the_html_escapes_what_people_typed(space, people):
    booking = book(space, people["booker"], at(25, 10), at(25, 12), note='<b>laut</b> & "Mehr"')
    assert notifications.send(booking.pk, "created") == 3
    to_provider = by_recipient()["gleis@example.org"]
    html = html_of(to_provider)
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="de">' in html
    assert "&lt;b&gt;laut&lt;/b&gt; &amp; &quot;Mehr&quot;" in html
    assert "<b>laut</b>" not in html
    assert '<b>laut</b> & "Mehr"' in to_provider.body  # plain text is not escaped
    assert "Montag, 25.03.2030, 10:00–12:00 Uhr" in html


def test_a_request_tells_the_booker_it_was_sent_and_asks_the_provider_with_a_link(
    request_space, people, settings
):
    settings.DIGITALAGENTUR_BASE_URL = "https://landraeume.example.org"
    booking = book(request_space, people["booker"], at(26, 18), at(26, 22))
    notifications.send(booking.pk, "created")
    messages = by_recipient()
    to_booker = messages["pendlerin@example.org"]
    assert to_booker.subject == "Anfrage gesendet: Dorfhaus Saal am 26.03.2030"
    assert "Sie bekommen eine E-Mail, sobald er sie bestätigt oder ablehnt" in to_booker.body
    own_page = f"https://landraeume.example.org/landraeume/meine-buchungen/{booking.pk}/"
    assert f"Ihre Buchungen: {own_page}" in to_booker.body
    to_provider = messages["gleis@example.org"]
    assert to_provider.subject == "Anfrage eingegangen: Dorfhaus Saal am 26.03.2030"
    assert "https://landraeume.example.org/landraeume/verwalten/" in to_provider.body
    assert 'href="https://landraeume.example.org/landraeume/verwalten/"' in html_of(to_provider)
    event = only_event(attachment(to_booker)[1])
    assert event["STATUS"] == "TENTATIVE"
    assert event["SEQUENCE"] == 0


def test_confirming_sends_a_request_with_a_higher_sequence_and_declining_a_cancel(
    request_space, people
):
    first = book(request_space, people["booker"], at(26, 18), at(26, 22))
    second = book(request_space, people["booker"], at(27, 18), at(27, 22))
    notifications.send(first.pk, "created")
    created = only_event(attachment(by_recipient()["pendlerin@example.org"])[1])
    mail.outbox.clear()

    booking_services.confirm(first, people["manager"], now=NOW)
    notifications.send(first.pk, "confirmed")
    to_booker = by_recipient()["pendlerin@example.org"]
    assert to_booker.subject == "Anfrage bestätigt: Dorfhaus Saal am 26.03.2030"
    mimetype, calendar = attachment(to_booker)
    assert "method=REQUEST" in mimetype
    confirmed = only_event(calendar)
    assert confirmed["UID"] == created["UID"]
    assert confirmed["SEQUENCE"] > created["SEQUENCE"]
    assert confirmed["STATUS"] == "CONFIRMED"
    mail.outbox.clear()

    booking_services.decline(second, people["manager"], "Der Saal wird renoviert.")
    notifications.send(second.pk, "declined")
    messages = by_recipient()
    assert set(messages) == {
        "pendlerin@example.org",
        "gleis@example.org",
        "Info@extragleis.example.org",
    }
    to_booker = messages["pendlerin@example.org"]
    assert to_booker.subject == "Anfrage abgelehnt: Dorfhaus Saal am 27.03.2030"
    assert "Begründung: Der Saal wird renoviert." in to_booker.body
    assert "Der Saal wird renoviert." in html_of(to_booker)
    mimetype, calendar = attachment(to_booker)
    assert mimetype == "text/calendar; method=CANCEL; charset=utf-8"
    assert calendar["METHOD"] == "CANCEL"
    declined = only_event(calendar)
    assert str(declined["UID"]) == f"buchung-{second.pk}@landraeume.kreis-a.digitalagentur"
    assert declined["SEQUENCE"] == 2
    assert declined["STATUS"] == "CANCELLED"


@pytest.mark.parametrize(
    ("as_provider", "booker_subject", "booker_text"),
    [
        (False, "Buchung storniert", "Sie haben diese Buchung storniert."),
        (True, "Buchung vom Anbieter storniert", "Der Anbieter hat Ihre Buchung storniert."),
    ],
)
def test_a_cancellation_cancels_the_same_event_with_the_reason(
    space, people, as_provider, booker_subject, booker_text
):
    booking = book(space, people["booker"], at(28, 9), at(28, 17))
    notifications.send(booking.pk, "created")
    created = only_event(attachment(by_recipient()["pendlerin@example.org"])[1])
    mail.outbox.clear()
    booking_services.cancel(
        booking,
        people["manager"] if as_provider else people["booker"],
        "Wasserschaden im Waggon",
        as_provider=as_provider,
        now=NOW,
    )
    notifications.send(booking.pk, "cancelled_by_provider" if as_provider else "cancelled")
    messages = by_recipient()
    to_booker = messages["pendlerin@example.org"]
    assert to_booker.subject == f"{booker_subject}: ExtraGleis Waggon am 28.03.2030"
    assert booker_text in to_booker.body
    assert "Begründung: Wasserschaden im Waggon" in to_booker.body
    assert "Begründung: Wasserschaden im Waggon" in messages["gleis@example.org"].body
    for message in messages.values():
        mimetype, calendar = attachment(message)
        assert "method=CANCEL" in mimetype
        event = only_event(calendar)
        assert event["UID"] == created["UID"]
        assert event["SEQUENCE"] > created["SEQUENCE"]
        assert event["STATUS"] == "CANCELLED"


def test_a_series_is_one_mail_per_side_listing_every_date_across_summer_time(space, people):
    bookings = booking_services.book_series(
        space, people["booker"], at(24, 10), at(24, 12), 3, now=NOW
    )
    notifications.send(bookings[0].pk, "series_created")
    assert len(mail.outbox) == 3  # booker, provider, manager: one mail each
    to_booker = by_recipient()["pendlerin@example.org"]
    assert to_booker.subject == "Serienbuchung bestätigt: ExtraGleis Waggon, 3 Termine"
    for line in (
        "- Sonntag, 24.03.2030, 10:00–12:00 Uhr",
        "- Sonntag, 31.03.2030, 10:00–12:00 Uhr",
        "- Sonntag, 07.04.2030, 10:00–12:00 Uhr",
    ):
        assert line in to_booker.body
    mimetype, calendar = attachment(to_booker)
    assert "method=PUBLISH" in mimetype
    events = sorted(calendar.walk("VEVENT"), key=lambda e: e["DTSTART"].dt)
    assert [str(e["UID"]) for e in events] == [
        f"buchung-{b.pk}@landraeume.kreis-a.digitalagentur" for b in bookings
    ]
    starts = [e["DTSTART"].dt for e in events]
    assert all(s.hour == 10 and str(s.tzinfo) == "Europe/Berlin" for s in starts)
    assert [s.utcoffset() for s in starts] == [
        datetime.timedelta(hours=1),
        datetime.timedelta(hours=2),
        datetime.timedelta(hours=2),
    ]


def test_the_provider_mail_holds_nothing_of_the_bookers_profile(region, space, people):
    home = Place.objects.create(
        region=region, name="Nottuln-Appelhülsen", slug="appelhuelsen", latitude=51, longitude=7
    )
    BookerProfile.objects.create(user=people["booker"], home_place=home, work_place=home)
    booking = book(space, people["booker"], at(25, 10), at(25, 12))
    notifications.send(booking.pk, "created")
    for message in mail.outbox:
        _mimetype, calendar = attachment(message)
        for text in (message.body, html_of(message), calendar.to_ical().decode()):
            assert "Appelhülsen" not in text
            assert "Appelh" not in text


# -- through a real SMTP server ------------------------------------------------------------------


def test_the_mail_reaches_a_real_smtp_server_with_times_right_across_the_switch(
    space, people, smtp_server, django_capture_on_commit_callbacks
):
    # 01:00 to 04:00 on the night summer time begins: three hours on the clock, two real ones.
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(space, people["booker"], at(31, 1), at(31, 4))
    assert booking.end - booking.start == datetime.timedelta(hours=2)
    assert len(smtp_server) == 3
    received = {m["X-Envelope-To"]: m for m in smtp_server}
    message = received["pendlerin@example.org"]
    # (Python's parser keeps the space before a folded encoded word.)
    assert message["Subject"].strip() == "Buchung bestätigt: ExtraGleis Waggon am 31.03.2030"
    assert "Sonntag, 31.03.2030, 01:00–04:00 Uhr" in message.get_body(("plain",)).get_content()
    assert "01:00–04:00 Uhr" in message.get_body(("html",)).get_content()
    parts = list(message.iter_attachments())
    assert len(parts) == 1
    assert parts[0].get_content_type() == "text/calendar"
    assert parts[0].get_param("method") == "REQUEST"
    calendar = icalendar.Calendar.from_ical(parts[0].get_payload(decode=True))
    event = only_event(calendar)
    start, end = event["DTSTART"].dt, event["DTEND"].dt
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert (start.hour, end.hour) == (1, 4)
    assert start.utcoffset() == datetime.timedelta(hours=1)
    assert end.utcoffset() == datetime.timedelta(hours=2)
    assert start == booking.start and end == booking.end
    # (Python subtracts wall clocks within one zone: compare in UTC.)
    assert end.astimezone(datetime.UTC) - start.astimezone(datetime.UTC) == datetime.timedelta(
        hours=2
    )


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_mail_server_that_is_down_never_breaks_the_booking(
    space, people, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port()
    settings.EMAIL_TIMEOUT = 2
    with caplog.at_level(logging.ERROR, logger="digitalagentur.spaces.notifications"):
        with django_capture_on_commit_callbacks(execute=True):
            booking = book(space, people["booker"], at(25, 10), at(25, 12))
        assert notifications.send(booking.pk, "confirmed") == 0
    booking.refresh_from_db()
    assert booking.is_confirmed
    assert "Booking mail" in caplog.text
    # No address in the log.
    assert "pendlerin@example.org" not in caplog.text


def test_a_failing_template_or_a_missing_booking_is_logged_not_raised(space, people, caplog):
    assert notifications.send(999999, "created") == 0
    booking = book(space, people["booker"], at(25, 10), at(25, 12))
    with caplog.at_level(logging.ERROR, logger="digitalagentur.spaces.notifications"):
        real = notifications.render_to_string

        def broken(name, context):
            if name.endswith(".html"):
                raise RuntimeError("Vorlage kaputt")
            return real(name, context)

        notifications.render_to_string = broken
        try:
            assert notifications.send(booking.pk, "created") == 0
        finally:
            notifications.render_to_string = real
    assert "Vorlage kaputt" in caplog.text
    assert mail.outbox == []


def test_a_booker_without_address_still_informs_the_provider(space, people):
    people["booker"].email = ""
    people["booker"].save()
    booking = book(space, people["booker"], at(25, 10), at(25, 12))
    assert notifications.send(booking.pk, "created") == 2
    assert set(by_recipient()) == {"gleis@example.org", "Info@extragleis.example.org"}


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        (at(25, 10), at(25, 12), "Montag, 25.03.2030, 10:00–12:00 Uhr"),
        (at(25, 18), at(26, 0), "Montag, 25.03.2030, 18:00–24:00 Uhr"),
        (
            at(25, 22),
            at(26, 2),
            "Montag, 25.03.2030, 22:00 Uhr bis Dienstag, 26.03.2030, 02:00 Uhr",
        ),
    ],
)
def test_times_read_as_in_berlin(start, end, text):
    from django.utils import translation

    with translation.override("de"):
        assert notifications.when_text(start, end, BERLIN) == text
