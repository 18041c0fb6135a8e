"""Mails about event registrations (issue 13, section 2), each with the event as an
iCalendar attachment: registered, on the waiting list, moved up, cancelled, reminder.

`on_commit` is the one entry point of the services: the mail goes out once the transaction
committed, so a rolled-back registration mails nobody. `send` never raises: a mail server
that is down or a bad address is logged, and the registration stays what it is.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from . import ical
from .models import Registration

logger = logging.getLogger(__name__)

KINDS = ("registered", "waitlisted", "promoted", "cancelled", "reminder")


def on_commit(registration: Registration, kind: str) -> None:
    assert kind in KINDS, kind
    registration_id = registration.pk
    transaction.on_commit(lambda: send(registration_id, kind), robust=True)


def when_text(event) -> str:
    """'Dienstag, 15.11.2022, 09:00–16:30 Uhr' (Europe/Berlin); several days name both."""
    start, end = timezone.localtime(event.start), timezone.localtime(event.end)
    day = formats.date_format(start, "l, d.m.Y")
    if start.date() == end.date():
        return _("%(day)s, %(start)s–%(end)s Uhr") % {
            "day": day,
            "start": f"{start:%H:%M}",
            "end": f"{end:%H:%M}",
        }
    return _("%(day)s, %(start)s Uhr bis %(end_day)s, %(end)s Uhr") % {
        "day": day,
        "start": f"{start:%H:%M}",
        "end_day": formats.date_format(end, "l, d.m.Y"),
        "end": f"{end:%H:%M}",
    }


def _texts(kind: str, registration: Registration) -> tuple[str, str]:
    values = {"title": registration.event.title}
    if kind == "registered":
        return (
            _("Anmeldung bestätigt: %(title)s") % values,
            _("Sie sind angemeldet. Wir freuen uns auf Sie!"),
        )
    if kind == "waitlisted":
        from .registrations import waitlist_position

        return (
            _("Warteliste: %(title)s") % values,
            _(
                "Die Veranstaltung ist ausgebucht. Sie stehen auf Platz %(position)s der "
                "Warteliste; wird ein Platz frei, rücken Sie automatisch nach und bekommen "
                "eine E-Mail."
            )
            % {"position": waitlist_position(registration) or "–"},
        )
    if kind == "promoted":
        return (
            _("Nachgerückt: Sie sind angemeldet für %(title)s") % values,
            _(
                "Ein Platz ist frei geworden: Sie sind von der Warteliste nachgerückt und jetzt "
                "angemeldet."
            ),
        )
    if kind == "cancelled":
        return (
            _("Abmeldung bestätigt: %(title)s") % values,
            _("Sie haben sich von dieser Veranstaltung abgemeldet."),
        )
    return (
        _("Erinnerung: %(title)s") % values,
        _("Wir erinnern Sie an die Veranstaltung, zu der Sie angemeldet sind."),
    )


def build(registration: Registration, kind: str) -> EmailMultiAlternatives | None:
    event = registration.event
    if not registration.email:
        return None
    subject, intro = _texts(kind, registration)
    facts = [(_("Veranstaltung"), event.title), (_("Wann"), when_text(event))]
    location = ical.location_of(event)
    if location:
        facts.append((_("Wo"), location))
    link = ical.event_link(event)
    cancelled = kind == "cancelled"
    context = {
        "subject": subject,
        "greeting": _("Guten Tag %(name)s,") % {"name": registration.name},
        "intro": intro,
        "facts": facts,
        "link": link,
        "link_label": _("Zur Veranstaltung (dort auch abmelden)"),
        "calendar_note": ""
        if kind == "waitlisted"
        else (
            _("Im Anhang finden Sie die Absage als Kalenderdatei (.ics).")
            if cancelled
            else _("Im Anhang finden Sie den Termin als Kalenderdatei (.ics).")
        ),
        "footer": _(
            "Diese E-Mail wurde automatisch von der Plattform der Digitalagentur (%(region)s) "
            "verschickt, weil Sie sich für diese Veranstaltung angemeldet haben."
        )
        % {"region": event.region.name},
    }
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("communication/mail/registration.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.email],
        reply_to=[event.contact_email] if event.contact_email else None,
    )
    message.attach_alternative(
        render_to_string("communication/mail/registration.html", context), "text/html"
    )
    if kind != "waitlisted":
        message.attach(
            "veranstaltung.ics",
            ical.registration_attachment(event, cancelled=cancelled),
            "text/calendar; method=%s; charset=utf-8" % ("CANCEL" if cancelled else "PUBLISH"),
        )
    return message


def load(registration_id: int) -> Registration | None:
    return (
        Registration.objects.select_related("event", "event__region")
        .filter(pk=registration_id)
        .first()
    )


def send(registration_id: int, kind: str, connection=None) -> bool:
    """Send the mail; never raises. True when it went out."""
    try:
        with translation.override(settings.LANGUAGE_CODE):
            registration = load(registration_id)
            if registration is None:
                return False
            message = build(registration, kind)
            if message is None:
                return False
            message.connection = connection or get_connection()
            message.send()
            return True
    except Exception:
        logger.exception("Registration mail (%s #%s) not sent", kind, registration_id)
        return False
