"""An event's participants in the staff area (issue 13, section 2): the list (registered,
then the waiting list in its order, then the cancelled), cancelling a registration for someone
(the first waiting person moves up), the list as CSV or Excel file, and the attendance.
The rights are those of the event's page (communication.rules.can_manage_event)."""

from __future__ import annotations

import csv
import io

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.communication import registrations
from digitalagentur.communication.choices import RegistrationStatus
from digitalagentur.core.text import spreadsheet_safe

from ..forms_events import AttendanceForm
from .base import StaffPage
from .events import EventObject, detail_url, event_crumbs
from .participation import ActionPage, add_errors

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def participants_url(event_id: int, anchor: str = "") -> str:
    return reverse("staff:event_participants", args=[event_id]) + anchor


def grouped(event) -> dict:
    """The event's registrations: registered (in the order of registration), the waiting
    list (each with its `position`, 1 first) and the cancelled ones."""
    rows = list(event.registrations.order_by("created", "pk"))
    groups = {status: [] for status in RegistrationStatus.values}
    for row in rows:
        row.position = None
        groups[row.status].append(row)
    for position, row in enumerate(groups[RegistrationStatus.WAITLISTED], start=1):
        row.position = position
    return {
        "registered": groups[RegistrationStatus.REGISTERED],
        "waiting": groups[RegistrationStatus.WAITLISTED],
        "cancelled": groups[RegistrationStatus.CANCELLED],
    }


class EventParticipants(EventObject, StaffPage):
    template_name = "staff/events/participants.html"

    def get_title(self) -> str:
        return _("Teilnehmende: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return event_crumbs(self.object, (_("Teilnehmende"), None))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(grouped(self.object))
        context.update(
            event=self.object,
            started=self.object.start <= timezone.now(),
        )
        return context


class RegistrationCancel(EventObject, ActionPage):
    """Cancel a registration for someone (a confirmation page; the POST cancels): a freed
    seat goes to the first on the waiting list at once."""

    submit_label = gettext_lazy("Abmelden")
    danger = True

    def prepare(self) -> None:
        super().prepare()
        self.registration = get_object_or_404(
            self.object.registrations.all(), pk=self.kwargs["registration_pk"]
        )

    def get_title(self) -> str:
        return _("Abmelden: %(name)s") % {"name": self.registration.name}

    def get_breadcrumbs(self):
        return event_crumbs(
            self.object,
            (_("Teilnehmende"), participants_url(self.object.pk)),
            (_("Abmelden"), None),
        )

    def make_form(self, data=None):
        return forms.Form(data)

    def current_version(self):
        return None  # a registration has no version; cancelling twice changes nothing

    def get_cancel_url(self) -> str:
        return participants_url(self.object.pk)

    def question(self) -> str:
        registration = self.registration
        if not registration.is_active:
            return _("%(name)s ist bereits abgemeldet.") % {"name": registration.name}
        if registration.status == RegistrationStatus.REGISTERED:
            return _(
                "%(name)s (%(email)s) von „%(event)s“ abmelden? Der Platz geht sofort an die "
                "erste Person auf der Warteliste; beide erhalten eine E-Mail."
            ) % {"name": registration.name, "email": registration.email, "event": self.object}
        return _(
            "%(name)s (%(email)s) von der Warteliste von „%(event)s“ nehmen? Die Person "
            "erhält eine E-Mail."
        ) % {"name": registration.name, "email": registration.email, "event": self.object}

    def perform(self, form) -> str:
        if not self.registration.is_active:
            return _("%(name)s ist bereits abgemeldet.") % {"name": self.registration.name}
        registrations.cancel_registration(self.registration)
        return _("%(name)s ist abgemeldet.") % {"name": self.registration.name}


# --- the list as a file ----------------------------------------------------------------------


def header() -> list[str]:
    return [
        _("Status"),
        _("Position (Warteliste)"),
        _("Name"),
        _("E-Mail"),
        _("Organisation"),
        _("Anmerkung"),
        _("Angemeldet am"),
        _("Nachgerückt am"),
        _("Teilgenommen"),
    ]


def local(moment):
    if moment is None:
        return None
    return timezone.localtime(moment).replace(tzinfo=None, microsecond=0)


def attended_label(value) -> str:
    if value is None:
        return ""
    return _("ja") if value else _("nein")


def rows(event):
    """The registrations as the page shows them: registered, waiting (in order), cancelled."""
    groups = grouped(event)
    for registration in [*groups["registered"], *groups["waiting"], *groups["cancelled"]]:
        yield [
            registration.get_status_display(),
            registration.position,
            registration.name,
            registration.email,
            registration.organisation,
            registration.note,
            local(registration.created),
            local(registration.promoted),
            attended_label(registration.attended),
        ]


def text_cell(value):
    if value is None:
        return ""
    if isinstance(value, int):
        return value
    return spreadsheet_safe(value)


def as_csv(event) -> bytes:
    """Semicolons and UTF-8 with BOM, as German spreadsheets expect (like staff/exports.py)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(header())
    for row in rows(event):
        for index in (6, 7):
            row[index] = row[index].strftime("%d.%m.%Y %H:%M") if row[index] else ""
        writer.writerow([text_cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def as_xlsx(event) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Teilnehmende"))
    for letter, width in zip("ABCDEFGHI", (18, 12, 30, 34, 30, 40, 18, 18, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    bold = Font(bold=True)
    titles = []
    for text in header():
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        titles.append(cell)
    sheet.append(titles)
    for row in rows(event):
        cells = []
        for index, value in enumerate(row):
            if index in (6, 7) and value is not None:
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "DD.MM.YYYY HH:MM"
                cells.append(cell)
            else:
                cells.append(None if value is None else text_cell(value))
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class ParticipantsExport(EventObject, StaffPage):
    """The participant list as a CSV (fmt="csv") or Excel file (fmt="xlsx")."""

    fmt = "csv"
    formats = {
        "csv": ("text/csv; charset=utf-8", as_csv),
        "xlsx": (XLSX_TYPE, as_xlsx),
    }

    def get(self, request, *args, **kwargs):
        content_type, write = self.formats[self.fmt]
        response = HttpResponse(write(self.object), content_type=content_type)
        name = f"teilnehmende-{self.object.slug}.{self.fmt}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


# --- attendance ------------------------------------------------------------------------------


class EventAttendance(EventObject, StaffPage):
    """After the start: a checkbox per registered person; saving marks who came and who
    did not. Before the start the page says so and takes nothing."""

    template_name = "staff/events/attendance.html"

    def get_title(self) -> str:
        return _("Anwesenheit: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return event_crumbs(self.object, (_("Anwesenheit"), None))

    def seated(self):
        return list(
            self.object.registrations.filter(status=RegistrationStatus.REGISTERED).order_by(
                "name", "created", "pk"
            )
        )

    def started(self) -> bool:
        return self.object.start <= timezone.now()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        seated = kwargs.get("seated") or self.seated()
        context.setdefault("form", AttendanceForm(registrations=seated))
        context.update(
            event=self.object,
            seated=seated,
            started=self.started(),
            attendees=sum(1 for r in seated if r.attended),
            recorded=any(r.attended is not None for r in seated),
            cancel_url=detail_url(self.object.pk),
        )
        return context

    def post(self, request, *args, **kwargs):
        seated = self.seated()
        if not self.started():
            messages.error(
                request,
                _("Die Anwesenheit wird erst erfasst, wenn die Veranstaltung begonnen hat."),
            )
            return self.render_to_response(self.get_context_data(seated=seated), status=400)
        form = AttendanceForm(request.POST, registrations=seated)
        if form.is_valid():
            try:
                count = registrations.record_attendance(self.object, form.attended_ids())
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Die Anwesenheit wurde gespeichert: %(n)d von %(total)d teilgenommen.")
                    % {"n": count, "total": len(seated)},
                )
                return redirect(reverse("staff:event_attendance", args=[self.object.pk]))
        context = self.get_context_data(form=form, seated=seated)
        return self.render_to_response(context, status=400)
