"""Bookings on the provider side (issue 11, sections 1 and 3): a space's bookings with a date
filter, and confirming, declining (with a reason) and cancelling (with a reason).

Only here, and only for the space's provider and the coordination, are the booker's name and
e-mail address shown. Every write goes through spaces/booking.py; a refusal there
(BookingRefused, e.g. the time was confirmed for someone else meanwhile) is answered 409
with its German message, invalid states 400.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from digitalagentur.spaces import booking as bookings
from digitalagentur.spaces import rules, timerange
from digitalagentur.spaces.choices import BookingStatus
from digitalagentur.spaces.models import Booking

from .forms_spaces_manage import BookingFilterForm, ReasonForm
from .spaces_manage import (
    access_of,
    booking_or_404,
    crumbs,
    manager_view,
    space_crumb,
    space_or_404,
    space_tabs,
)

PAGE_LIMIT = 200


def booker_of(booking: Booking) -> dict:
    """Name and e-mail address of the booker (for the provider only)."""
    user = booking.booker
    if user is None:
        return {"name": _("anonymisiert"), "email": ""}
    return {"name": user.get_full_name() or user.get_username(), "email": user.email}


@manager_view
def space_bookings(request, pk: int):
    space = space_or_404(request, pk)
    form = BookingFilterForm(request.GET or None)
    queryset = Booking.objects.filter(space=space).select_related("unit", "booker")
    today = timezone.localdate()
    start_day, end_day, status = today, None, ""
    if form.is_bound and form.is_valid():
        start_day = form.cleaned_data["start"] or (None if form.cleaned_data["end"] else today)
        end_day = form.cleaned_data["end"]
        status = form.cleaned_data["status"]
    if start_day is not None:
        start = datetime.datetime.combine(start_day, datetime.time(), timerange.BERLIN)
        queryset = queryset.filter(end__gt=start)
    if end_day is not None:
        end = datetime.datetime.combine(
            end_day + datetime.timedelta(days=1), datetime.time(), timerange.BERLIN
        )
        queryset = queryset.filter(start__lt=end)
    if status:
        queryset = queryset.filter(status=status)
    rows = list(queryset.order_by("start", "pk")[: PAGE_LIMIT + 1])
    context = {
        "space": space,
        "form": form,
        "rows": [{"booking": b, "booker": booker_of(b)} for b in rows[:PAGE_LIMIT]],
        "truncated": len(rows) > PAGE_LIMIT,
        "page_limit": PAGE_LIMIT,
        "filtered": form.is_bound,
        "now": timezone.now(),
        "tabs": space_tabs(space, "bookings"),
        "back": request.get_full_path(),
        "title": _("Buchungen: %(name)s") % {"name": space.name},
        "breadcrumbs": crumbs(space_crumb(space), (_("Buchungen"), None)),
    }
    status_code = 400 if form.is_bound and form.errors else 200
    return render(request, "public/spaces/manage/bookings.html", context, status=status_code)


def back_url(request, booking: Booking) -> str:
    """Where to return: the page that sent the form (same site only) or the overview."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("public:spaces_manage")


def booking_text(booking: Booking) -> str:
    start, end = timezone.localtime(booking.start), timezone.localtime(booking.end)
    if start.date() == end.date():
        when = f"{start:%d.%m.%Y, %H:%M}–{end:%H:%M}"
    else:
        when = f"{start:%d.%m.%Y %H:%M} – {end:%d.%m.%Y %H:%M}"
    return f"{booking.space.name} ({booking.unit.name}), {when}"


def refused_response(request, booking: Booking, message: str, status: int):
    context = {
        "booking": booking,
        "booking_text": booking_text(booking),
        "message": message,
        "back": back_url(request, booking),
        "title": _("Nicht möglich"),
        "breadcrumbs": crumbs((_("Nicht möglich"), None)),
    }
    return render(request, "public/spaces/manage/refused.html", context, status=status)


@manager_view
def booking_confirm(request, pk: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    booking = booking_or_404(request, pk)
    try:
        bookings.confirm(booking, request.user)
    except bookings.BookingRefused as exc:
        return refused_response(request, booking, exc.message, 409)
    except ValidationError as exc:
        return refused_response(request, booking, " ".join(exc.messages), 400)
    messages.success(request, _("Bestätigt: %(booking)s.") % {"booking": booking_text(booking)})
    return redirect(back_url(request, booking))


def reason_page(request, booking: Booking, *, action: str):
    """Decline (action 'decline') or cancel ('cancel') with a reason; the form is the
    confirmation step."""
    form = ReasonForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            reason = form.cleaned_data["reason"]
            try:
                if action == "decline":
                    bookings.decline(booking, request.user, reason)
                    done = _("Abgelehnt: %(booking)s.")
                else:
                    as_provider = rules.cancel_denial(request.user, access_of(request), booking)[1]
                    bookings.cancel(booking, request.user, reason, as_provider=as_provider)
                    done = _("Storniert: %(booking)s.")
            except bookings.BookingRefused as exc:
                return refused_response(request, booking, exc.message, 409)
            except ValidationError as exc:
                if hasattr(exc, "error_dict") and "reason" in exc.message_dict:
                    form.add_error("reason", exc.message_dict["reason"])
                else:
                    return refused_response(request, booking, " ".join(exc.messages), 400)
            else:
                messages.success(request, done % {"booking": booking_text(booking)})
                return redirect(back_url(request, booking))
        status = 400
    if action == "decline":
        title = _("Anfrage ablehnen")
        question = _("Wollen Sie diese Anfrage ablehnen?")
        submit = _("Anfrage ablehnen")
    else:
        title = _("Buchung stornieren")
        question = _("Wollen Sie diese Buchung stornieren? Die Zeit wird wieder frei.")
        submit = _("Buchung stornieren")
    context = {
        "booking": booking,
        "booker": booker_of(booking),
        "booking_text": booking_text(booking),
        "form": form,
        "question": question,
        "submit_label": submit,
        "danger": action == "cancel",
        "next": back_url(request, booking),
        "cancel_url": back_url(request, booking),
        "title": title,
        "breadcrumbs": crumbs(space_crumb(booking.space), (title, None)),
    }
    return render(request, "public/spaces/manage/reason.html", context, status=status)


@manager_view
def booking_decline(request, pk: int):
    booking = booking_or_404(request, pk)
    if booking.status != BookingStatus.REQUESTED and request.method == "GET":
        return refused_response(request, booking, _("Nur Anfragen können abgelehnt werden."), 400)
    return reason_page(request, booking, action="decline")


@manager_view
def booking_cancel(request, pk: int):
    booking = booking_or_404(request, pk)
    if booking.status not in (BookingStatus.REQUESTED, BookingStatus.CONFIRMED) and (
        request.method == "GET"
    ):
        return refused_response(request, booking, _("Diese Buchung ist nicht mehr aktiv."), 400)
    return reason_page(request, booking, action="cancel")
