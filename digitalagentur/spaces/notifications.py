"""Mails about bookings (issue 11, section 3): both sides get a mail with an iCalendar
attachment when a booking is made, confirmed, declined or cancelled.

`on_commit` is the one entry point the booking services call: the mails go out once the
booking's transaction has committed, so a rolled-back booking mails nobody. `send` never
raises: a mail server that is down, a bad address or a missing booking is logged, and the
booking stays what it is.

Who gets what (each recipient a message of their own, so that no address is shown to
another; plain text and HTML, German):

- created, instant space: "Buchung bestätigt" to the booker, "Neue Buchung" to the provider
  (METHOD:REQUEST); request space: "Anfrage gesendet" to the booker, "Anfrage eingegangen" to
  the provider with a link to the provider pages (METHOD:REQUEST, STATUS:TENTATIVE).
- series_created: one mail per side listing every date (METHOD:PUBLISH, one event per date:
  an iTIP request holds one event only).
- confirmed: "Anfrage bestätigt" (METHOD:REQUEST, a higher SEQUENCE).
- declined, cancelled, cancelled_by_provider: with the reason (METHOD:CANCEL, same UID,
  higher SEQUENCE, so the calendars drop the event).

The provider side is the provider's e-mail address and its managers' addresses; they see the
booker's name, address, number of people, purpose and note (their own booking, issue section 8),
never the booker's home or work place or contingent.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from digitalagentur.core.mail import base_url

from . import ical
from .choices import BookingStatus
from .models import Booking, Provider

logger = logging.getLogger(__name__)

EVENTS = (
    "created",
    "series_created",
    "confirmed",
    "declined",
    "cancelled",
    "cancelled_by_provider",
)

# Pages of other modules a mail links to: (URL name, arguments from the booking) tried in
# order, else the path after them.
BOOKER_PAGES = (("public:my_booking", "pk"), ("public:my_bookings", None))
BOOKER_FALLBACK = "/landraeume/"
PROVIDER_PAGES = (("public:spaces_manage", None),)
PROVIDER_FALLBACK = "/landraeume/verwalten/"


def on_commit(booking, event: str) -> None:
    """Send the mails for `event` once the booking's transaction has committed."""
    assert event in EVENTS, event
    booking_id = booking.pk
    transaction.on_commit(lambda: send(booking_id, event), robust=True)


# -- texts ----------------------------------------------------------------------------------------


def when_text(start: datetime.datetime, end: datetime.datetime, zone) -> str:
    """'Montag, 30.03.2030, 10:00–12:00 Uhr' in the booking's time zone; a booking that ends
    at midnight ends '24:00 Uhr'; one over several days names both days."""
    start, end = start.astimezone(zone), end.astimezone(zone)
    day = formats.date_format(start, "l, d.m.Y")
    if end.date() == start.date() or (
        end.time() == datetime.time() and end.date() == start.date() + datetime.timedelta(days=1)
    ):
        until = "24:00" if end.date() != start.date() else f"{end:%H:%M}"
        return _("%(day)s, %(start)s–%(end)s Uhr") % {
            "day": day,
            "start": f"{start:%H:%M}",
            "end": until,
        }
    return _("%(day)s, %(start)s Uhr bis %(end_day)s, %(end)s Uhr") % {
        "day": day,
        "start": f"{start:%H:%M}",
        "end_day": formats.date_format(end, "l, d.m.Y"),
        "end": f"{end:%H:%M}",
    }


def short_date(booking: Booking) -> str:
    return booking.start.astimezone(ical.zone_of(booking)).strftime("%d.%m.%Y")


def person(user) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def _page(region, pages, fallback: str, booking: Booking | None = None) -> str:
    for name, argument in pages:
        try:
            args = [getattr(booking, argument)] if argument and booking is not None else []
            return base_url(region) + reverse(name, args=args)
        except NoReverseMatch:
            continue
    return base_url(region) + fallback


def booker_link(booking: Booking) -> str:
    return _page(booking.region, BOOKER_PAGES, BOOKER_FALLBACK, booking)


def provider_link(booking: Booking) -> str:
    return _page(booking.region, PROVIDER_PAGES, PROVIDER_FALLBACK)


def provider_addresses(provider: Provider) -> list[str]:
    """The provider's address and its active managers' addresses, each once."""
    found: dict[str, str] = {}
    candidates = [
        provider.email,
        *provider.managers.filter(is_active=True).values_list("email", flat=True),
    ]
    for address in candidates:
        address = (address or "").strip()
        if address and address.lower() not in found:
            found[address.lower()] = address
    return list(found.values())


def booker_address(booking: Booking) -> str:
    booker = booking.booker
    if booker is None or not booker.is_active or not booker.email:
        return ""
    return booker.email


# -- one message ---------------------------------------------------------------------------------


@dataclass
class Mail:
    """One message to one recipient: subject, the templates' context and the attachment."""

    to: str
    subject: str
    context: dict
    ics: bytes = b""
    method: str = ""
    audience: str = ical.BOOKER
    extra: dict = field(default_factory=dict)


def message(mail: Mail, connection=None) -> EmailMultiAlternatives:
    """Plain text and HTML from spaces/mail/booking.txt|html, with the calendar attached."""
    context = {"subject": mail.subject, **mail.context}
    text = render_to_string("spaces/mail/booking.txt", context)
    html = render_to_string("spaces/mail/booking.html", context)
    email = EmailMultiAlternatives(
        subject=" ".join(mail.subject.split()),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[mail.to],
        connection=connection,
    )
    email.attach_alternative(html, "text/html")
    if mail.ics:
        email.attach(
            "cancel.ics" if mail.method == "CANCEL" else "termin.ics",
            mail.ics,
            f"text/calendar; method={mail.method}; charset=utf-8",
        )
    return email


def facts(booking: Booking, audience: str, *, with_time: bool = True) -> list[tuple[str, str]]:
    """The booking's details as (label, value) rows for the mail."""
    space = booking.space
    rows = [(_("Raum"), space.name)]
    if address := ical.street_address(space):
        rows.append((_("Adresse"), address))
    if with_time:
        rows.append((_("Zeit"), when_text(booking.start, booking.end, ical.zone_of(booking))))
    rows.append((_("Einheit"), booking.unit.name))
    rows.append((_("Personen"), str(booking.attendees)))
    rows.append((_("Zweck"), str(booking.get_purpose_display())))
    if audience == ical.PROVIDER:
        if booking.booker is not None:
            rows.append((_("Gebucht von"), person(booking.booker)))
            if booking.booker.email:
                rows.append((_("E-Mail"), booking.booker.email))
        if booking.note:
            rows.append((_("Hinweis"), booking.note))
    else:
        provider = space.provider
        rows.append((_("Anbieter"), provider.name))
        contact = ", ".join(part for part in (provider.email, provider.phone) if part)
        if contact:
            rows.append((_("Kontakt"), contact))
    return rows


# -- what each event says ----------------------------------------------------------------------


def _texts(event: str, booking: Booking, count: int) -> dict[str, tuple[str, str]]:
    """{audience: (subject, first paragraph)} for the event."""
    space = booking.space.name
    values = {"space": space, "date": short_date(booking), "count": count}
    is_request = booking.status == BookingStatus.REQUESTED
    if event == "created" and is_request:
        return {
            ical.BOOKER: (
                _("Anfrage gesendet: %(space)s am %(date)s") % values,
                _(
                    "Ihre Anfrage ist beim Anbieter eingegangen. Sie bekommen eine E-Mail, "
                    "sobald er sie bestätigt oder ablehnt. Bis dahin ist der Termin nur "
                    "vorgemerkt."
                ),
            ),
            ical.PROVIDER: (
                _("Anfrage eingegangen: %(space)s am %(date)s") % values,
                _(
                    "Für Ihren Raum ist eine Anfrage eingegangen. Bitte bestätigen Sie sie "
                    "oder lehnen Sie sie mit einer Begründung ab:"
                ),
            ),
        }
    if event == "created":
        return {
            ical.BOOKER: (
                _("Buchung bestätigt: %(space)s am %(date)s") % values,
                _(
                    "Ihre Buchung ist bestätigt. Den Termin finden Sie im Anhang für Ihren "
                    "Kalender."
                ),
            ),
            ical.PROVIDER: (
                _("Neue Buchung: %(space)s am %(date)s") % values,
                _("Ihr Raum wurde gebucht (sofort bestätigt)."),
            ),
        }
    if event == "series_created" and is_request:
        return {
            ical.BOOKER: (
                _("Serienanfrage gesendet: %(space)s, %(count)d Termine") % values,
                _(
                    "Ihre Anfrage für %(count)d Termine ist beim Anbieter eingegangen. Sie "
                    "bekommen eine E-Mail zu jedem Termin, sobald er bestätigt oder abgelehnt ist."
                )
                % values,
            ),
            ical.PROVIDER: (
                _("Serienanfrage eingegangen: %(space)s, %(count)d Termine") % values,
                _(
                    "Für Ihren Raum ist eine Anfrage für %(count)d Termine eingegangen. Bitte "
                    "bestätigen Sie die Termine oder lehnen Sie sie mit einer Begründung ab:"
                )
                % values,
            ),
        }
    if event == "series_created":
        return {
            ical.BOOKER: (
                _("Serienbuchung bestätigt: %(space)s, %(count)d Termine") % values,
                _(
                    "Ihre %(count)d Termine sind bestätigt. Im Anhang finden Sie alle für "
                    "Ihren Kalender."
                )
                % values,
            ),
            ical.PROVIDER: (
                _("Neue Serienbuchung: %(space)s, %(count)d Termine") % values,
                _("Ihr Raum wurde für %(count)d Termine gebucht (sofort bestätigt).") % values,
            ),
        }
    if event == "confirmed":
        return {
            ical.BOOKER: (
                _("Anfrage bestätigt: %(space)s am %(date)s") % values,
                _("Der Anbieter hat Ihre Anfrage bestätigt. Der Termin ist für Sie gebucht."),
            ),
            ical.PROVIDER: (
                _("Bestätigt: %(space)s am %(date)s") % values,
                _("Diese Anfrage ist bestätigt; die buchende Person wurde benachrichtigt."),
            ),
        }
    if event == "declined":
        return {
            ical.BOOKER: (
                _("Anfrage abgelehnt: %(space)s am %(date)s") % values,
                _("Der Anbieter hat Ihre Anfrage leider abgelehnt."),
            ),
            ical.PROVIDER: (
                _("Abgelehnt: %(space)s am %(date)s") % values,
                _("Diese Anfrage ist abgelehnt; die buchende Person wurde benachrichtigt."),
            ),
        }
    if event == "cancelled_by_provider":
        return {
            ical.BOOKER: (
                _("Buchung vom Anbieter storniert: %(space)s am %(date)s") % values,
                _("Der Anbieter hat Ihre Buchung storniert. Der Termin entfällt."),
            ),
            ical.PROVIDER: (
                _("Storniert: %(space)s am %(date)s") % values,
                _("Diese Buchung ist storniert; die buchende Person wurde benachrichtigt."),
            ),
        }
    # cancelled by the booker
    return {
        ical.BOOKER: (
            _("Buchung storniert: %(space)s am %(date)s") % values,
            _("Sie haben diese Buchung storniert. Der Termin entfällt."),
        ),
        ical.PROVIDER: (
            _("Buchung storniert: %(space)s am %(date)s") % values,
            _("Die buchende Person hat diese Buchung storniert. Der Raum ist wieder frei."),
        ),
    }


def _method(event: str) -> str:
    if event in ("declined", "cancelled", "cancelled_by_provider"):
        return "CANCEL"
    if event == "series_created":
        return "PUBLISH"
    return "REQUEST"


def load(booking_id: int) -> Booking | None:
    return (
        Booking.objects.select_related(
            "space__provider", "space__region", "unit", "region", "booker"
        )
        .filter(pk=booking_id)
        .first()
    )


def build_mails(booking_id: int, event: str) -> list[Mail]:
    """The messages of `event` for the booking (none when it is gone)."""
    booking = load(booking_id)
    if booking is None:
        return []
    bookings = [booking]
    if event == "series_created" and booking.series_id:
        bookings = list(
            Booking.objects.filter(series_id=booking.series_id)
            .select_related("space__provider", "space__region", "unit", "region", "booker")
            .order_by("start", "pk")
        )
    texts = _texts(event, booking, len(bookings))
    method = _method(event)
    zone = ical.zone_of(booking)
    dates = [when_text(b.start, b.end, zone) for b in bookings] if len(bookings) > 1 else []
    cancelled = method == "CANCEL"
    recipients = []
    if address := booker_address(booking):
        recipients.append((ical.BOOKER, address))
    recipients += [(ical.PROVIDER, a) for a in provider_addresses(booking.space.provider)]
    mails = []
    for audience, address in recipients:
        subject, intro = texts[audience]
        is_provider = audience == ical.PROVIDER
        link = provider_link(booking) if is_provider else booker_link(booking)
        ics = ical.booking_calendar(
            bookings,
            method=method,
            audience=audience,
            links={b.pk: link for b in bookings},
        )
        context = {
            "greeting": _("Guten Tag,")
            if is_provider
            else _("Guten Tag %(name)s,") % {"name": person(booking.booker)},
            "intro": intro,
            "facts": facts(booking, audience, with_time=not dates),
            "dates": dates,
            "reason": booking.reason if cancelled else "",
            "reason_label": _("Begründung"),
            "link": link,
            # The provider's request mail asks for a decision: the link right after it.
            "link_first": is_provider
            and event in ("created", "series_created")
            and booking.status == BookingStatus.REQUESTED,
            "link_label": _("Anfragen und Buchungen verwalten")
            if is_provider
            else _("Ihre Buchungen"),
            "calendar_note": _(
                "Im Anhang finden Sie die Absage als Kalenderdatei (.ics): Ihr Kalender "
                "entfernt damit den Termin."
            )
            if cancelled
            else _(
                "Im Anhang finden Sie den Termin als Kalenderdatei (.ics); Ihr Kalender "
                "übernimmt damit auch spätere Absagen."
            ),
            "footer": _(
                "Diese E-Mail wurde automatisch von der Plattform der Digitalagentur (%(region)s) "
                "verschickt, weil Sie an dieser Buchung beteiligt sind."
            )
            % {"region": booking.region.name},
        }
        mails.append(Mail(address, subject, context, ics, method, audience))
    return mails


def deliver(mails: list[Mail], *, what: str) -> int:
    """Send each message on its own (one failure does not stop the others); the count sent."""
    sent = 0
    connection = None
    try:
        connection = get_connection()
        if mails:
            connection.open()  # one connection for all of them
        for mail in mails:
            try:
                message(mail, connection).send()
                sent += 1
            except Exception:
                logger.exception("Booking mail (%s, %s) not sent", what, mail.audience)
                _reset(connection)  # the next message opens a new connection
    except Exception:
        logger.exception("Booking mails (%s) not sent", what)
    finally:
        if connection is not None:
            _reset(connection)
    return sent


def _reset(connection) -> None:
    try:
        connection.close()
    except Exception:
        logger.exception("Closing the mail connection failed")


def send(booking_id: int, event: str) -> int:
    """Send the mails of `event` about the booking; never raises. Returns how many went out."""
    what = f"{event} #{booking_id}"
    try:
        with translation.override(settings.LANGUAGE_CODE):
            mails = build_mails(booking_id, event)
            return deliver(mails, what=what)
    except Exception:
        logger.exception("Booking mails (%s) not sent", what)
        return 0
