"""Booking on the public website (issue 11, section 3): the booking form in two steps, the
confirmation page, the booker's own bookings with cancelling, and the booker profile.

Booking is two steps on purpose: the first lists every date (one, or each week of a series)
with whatever stands in its way and saves nothing; only the second, "Verbindlich buchen",
calls spaces.booking.book / book_series, which check everything again under a lock (all or
nothing for a series). A one-time token makes a double click on the second step book once,
also when two submits arrive together (core/once.py). Every rule and message comes from
spaces.booking; refusals (already booked, contingent used up) are answered 409 with the
message above the form, nothing saved.
"""

from __future__ import annotations

import datetime
import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from digitalagentur.core import once
from digitalagentur.spaces import booking as booking_services
from digitalagentur.spaces import rules
from digitalagentur.spaces.choices import ACTIVE_STATUSES, BookingStatus
from digitalagentur.spaces.models import BookerProfile, Booking, Contingent
from digitalagentur.spaces.timerange import BERLIN
from digitalagentur.tenancy.permissions import request_access

from .spaces import crumbs, public_space
from .spaces_forms import BookingForm, CancelForm, ProfileForm
from .surveys import error_summary, freeze

BOOKINGS_PER_PAGE = 20
CHECK, CONFIRM, CHANGE = "pruefen", "buchen", "aendern"


def _token_key(space) -> str:
    return f"spaces-booking:{space.pk}"


def available_contingents(user, space):
    """The contingents the user may book `space` with (None: the space is not in the pilot)."""
    if not space.in_pilot:
        return None
    today = timezone.localdate(timezone=BERLIN)
    return (
        Contingent.objects.filter(region_id=space.region_id, members__user=user)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .select_related("employer")
        .distinct()
        .order_by("employer__name", "name")
    )


def _initial(request) -> dict:
    """Date and times handed on from the search or the week calendar (?datum=&von=&bis=)."""
    initial = {"attendees": 1, "weeks": 1}
    for source, name in (("datum", "date"), ("von", "start"), ("bis", "end")):
        value = request.GET.get(source, "")[:10]
        if value:
            initial[name] = value
    return initial


def _save(space, user, data) -> list[Booking]:
    if data["weeks"] > 1:
        return booking_services.book_series(
            space,
            user,
            data["start_at"],
            data["end_at"],
            data["weeks"],
            purpose=data["purpose"],
            attendees=data["attendees"],
            note=data["note"],
        )
    return [
        booking_services.book(
            space,
            user,
            data["start_at"],
            data["end_at"],
            purpose=data["purpose"],
            attendees=data["attendees"],
            note=data["note"],
            contingent=data.get("contingent"),
        )
    ]


def _check(space, form) -> list[booking_services.Occurrence] | None:
    """Every date with its problem; None (and the messages on the form) when the values
    themselves are wrong, whichever the date."""
    data = form.cleaned_data
    errors = booking_services.check_values(
        space,
        data["start_at"],
        data["end_at"],
        attendees=data["attendees"],
        purpose=data["purpose"],
    )
    if errors:
        form.add_booking_errors(errors)
        return None
    try:
        return booking_services.check_series(
            space,
            data["start_at"],
            data["end_at"],
            data["weeks"],
            attendees=data["attendees"],
            purpose=data["purpose"],
        )
    except ValidationError as error:
        form.add_booking_errors(error.message_dict)
        return None


@never_cache
def space_book(request, slug):
    space = public_space(request, slug)
    if not request.user.is_authenticated:
        messages.info(
            request,
            _(
                "Bitte melden Sie sich an, um „%(name)s“ zu buchen. Noch kein Konto? Sie können "
                "sich mit Ihrer E-Mail-Adresse registrieren."
            )
            % {"name": space.name},
        )
        return redirect_to_login(request.get_full_path())
    if not rules.can_book(request.user):
        raise Http404
    contingents = available_contingents(request.user, space)
    step, occurrences, notice, status = "form", None, "", 200
    token = ""
    if request.method == "POST":
        form = BookingForm(request.POST, space=space, contingents=contingents)
        action = request.POST.get("schritt", CHECK)
        if action == CHANGE:
            freeze(form)  # back from the confirmation step: the values again, no messages
        elif not form.is_valid() or "start_at" not in form.cleaned_data:
            status = 400
        elif action == CONFIRM:
            expected = request.session.pop(_token_key(space), None)
            sent = request.POST.get("token", "")
            if (
                not expected
                or not secrets.compare_digest(str(expected), sent)
                or not once.first_use(sent)
            ):
                messages.info(
                    request,
                    _("Diese Buchung wurde bereits abgeschickt. Hier sehen Sie Ihre Buchungen."),
                )
                return HttpResponseRedirect(reverse("public:my_bookings"), status=303)
            try:
                bookings = _save(space, request.user, form.cleaned_data)
            except booking_services.SeriesConflict as refusal:
                occurrences, status = refusal.occurrences, 409
                form.add_error(None, refusal.message)
            except booking_services.BookingRefused as refusal:
                form.add_error(None, refusal.message)
                status = 409
            except ValidationError as error:
                form.add_booking_errors(error.message_dict)
                status = 400
            else:
                first = bookings[0]
                if first.status == BookingStatus.CONFIRMED:
                    messages.success(request, _("Ihre Buchung ist bestätigt."))
                else:
                    messages.success(request, _("Ihre Anfrage wurde an den Anbieter gesendet."))
                return HttpResponseRedirect(
                    reverse("public:my_booking", args=[first.pk]), status=303
                )
        else:
            occurrences = _check(space, form)
            if occurrences is None:
                status = 400
            elif any(o.problem for o in occurrences):
                notice = _(
                    "Nicht alle Termine sind möglich. Bitte ändern Sie die Angaben; es wurde "
                    "nichts gebucht."
                )
            else:
                step = "confirm"
                token = secrets.token_urlsafe(16)
                request.session[_token_key(space)] = token
    else:
        form = BookingForm(initial=_initial(request), space=space, contingents=contingents)
    errors = error_summary(form) if status in (400, 409) else []
    title = _("%(name)s buchen") % {"name": space.name}
    context = {
        "space": space,
        "form": form,
        "step": step,
        "token": token,
        "occurrences": occurrences,
        "has_problems": bool(occurrences) and any(o.problem for o in occurrences),
        "notice": notice,
        "errors": errors,
        "title": _("Fehler: %(title)s") % {"title": title} if errors else title,
        "heading": title,
        "breadcrumbs": crumbs(
            (space.name, reverse("public:space_detail", args=[space.slug])), (_("Buchen"), None)
        ),
    }
    return render(request, "public/spaces/book.html", context, status=status)


def _own_booking(request, pk) -> Booking:
    """A booking of the request's user in the request's region, or 404."""
    region = getattr(request, "region", None)
    if region is None:
        raise Http404
    booking = get_object_or_404(
        Booking.objects.select_related("space", "space__provider", "space__municipality", "unit"),
        pk=pk,
        region=region,
    )
    if booking.booker_id != request.user.pk or not rules.can_view_booking(
        request.user, request_access(request), booking
    ):
        raise Http404
    return booking


def booking_facts(booking: Booking, now: datetime.datetime) -> dict:
    """What the booker's pages say about a booking: may it be cancelled, and until when."""
    deadline = booking.start - datetime.timedelta(hours=booking.space.cancel_hours)
    active = booking.status in ACTIVE_STATUSES and booking.end > now
    return {
        "booking": booking,
        "deadline": deadline,
        "cancellable": active and (booking.status == BookingStatus.REQUESTED or now <= deadline),
        "too_late": active and booking.status == BookingStatus.CONFIRMED and now > deadline,
    }


@login_required
@require_POST
def user_feed_renew(request):
    """A new secret address for the personal calendar feed; the old one stops working."""
    from digitalagentur.spaces.ical import renew_user_feed_token

    renew_user_feed_token(request.user)
    messages.success(
        request,
        _("Ihre Kalender-Adresse ist neu. Die alte Adresse funktioniert nicht mehr."),
    )
    return HttpResponseRedirect(reverse("public:my_bookings") + "#feed-title")


@login_required
@never_cache
def my_bookings(request):
    region = getattr(request, "region", None)
    if region is None:
        raise Http404
    now = timezone.now()
    past = request.GET.get("zeit") == "vergangen"
    bookings = Booking.objects.filter(region=region, booker=request.user).select_related(
        "space", "space__provider", "unit"
    )
    if past:
        bookings = bookings.filter(end__lte=now).order_by("-start", "-pk")
    else:
        bookings = bookings.filter(end__gt=now).order_by("start", "pk")
    page = Paginator(bookings, BOOKINGS_PER_PAGE).get_page(request.GET.get("page"))
    # The profile holds the secret of the personal calendar feed shown on this page; made
    # here once (an empty profile: nothing about the person but that token).
    profile, _created = BookerProfile.objects.select_related(
        "home_place", "work_place"
    ).get_or_create(user=request.user)
    context = {
        "rows": [booking_facts(b, now) for b in page],
        "page": page,
        "past": past,
        "profile": profile,
        "title": _("Meine Buchungen"),
        "breadcrumbs": crumbs((_("Meine Buchungen"), None)),
    }
    return render(request, "public/spaces/my_bookings.html", context)


@login_required
@never_cache
def my_booking(request, pk):
    booking = _own_booking(request, pk)
    now = timezone.now()
    series = []
    if booking.series_id:
        series = list(
            Booking.objects.filter(series_id=booking.series_id, booker=request.user)
            .select_related("space", "space__provider", "unit")
            .order_by("start", "pk")
        )
    context = {
        **booking_facts(booking, now),
        "series": [booking_facts(b, now) for b in series],
        "title": _("Ihre Buchung"),
        "breadcrumbs": crumbs(
            (_("Meine Buchungen"), reverse("public:my_bookings")), (_("Buchung"), None)
        ),
    }
    return render(request, "public/spaces/booking.html", context)


@login_required
@never_cache
def booking_cancel(request, pk):
    booking = _own_booking(request, pk)
    now = timezone.now()
    status = 200
    if request.method == "POST":
        form = CancelForm(request.POST)
        if form.is_valid():
            try:
                booking_services.cancel(
                    booking, request.user, form.cleaned_data["reason"], as_provider=False
                )
            except ValidationError as error:
                for name, texts in error.message_dict.items():
                    for text in texts:
                        form.add_error("reason" if name == "reason" else None, text)
                status = 400
            else:
                messages.success(request, _("Die Buchung wurde storniert."))
                return HttpResponseRedirect(reverse("public:my_bookings"), status=303)
        else:
            status = 400
    else:
        form = CancelForm()
    facts = booking_facts(booking, now)
    context = {
        **facts,
        "form": form,
        "errors": error_summary(form) if status == 400 else [],
        "title": _("Buchung stornieren"),
        "breadcrumbs": crumbs(
            (_("Meine Buchungen"), reverse("public:my_bookings")),
            (_("Buchung"), reverse("public:my_booking", args=[booking.pk])),
            (_("Stornieren"), None),
        ),
    }
    return render(request, "public/spaces/cancel.html", context, status=status)


@transaction.atomic
def save_profile(user, home_place, work_place) -> BookerProfile:
    """The booker's own optional statements. Not written to the change log on purpose: it is
    personal data the person may change or remove at any time, and a log would keep it."""
    profile, _created = BookerProfile.objects.select_for_update().get_or_create(user=user)
    profile.home_place = home_place
    profile.work_place = work_place
    profile.save(update_fields=["home_place", "work_place"])
    return profile


@login_required
@never_cache
def booker_profile(request):
    region = getattr(request, "region", None)
    if region is None:
        raise Http404
    profile = BookerProfile.objects.filter(user=request.user).first()
    status = 200
    if request.method == "POST":
        form = ProfileForm(request.POST, region=region)
        if form.is_valid():
            save_profile(
                request.user, form.cleaned_data["home_place"], form.cleaned_data["work_place"]
            )
            messages.success(request, _("Ihre Angaben wurden gespeichert."))
            return HttpResponseRedirect(reverse("public:my_bookings"), status=303)
        status = 400
    else:
        initial = {}
        if profile is not None:
            initial = {"home_place": profile.home_place_id, "work_place": profile.work_place_id}
        form = ProfileForm(initial=initial, region=region)
    context = {
        "form": form,
        "errors": error_summary(form) if status == 400 else [],
        "title": _("Wohnort und Arbeitsort"),
        "breadcrumbs": crumbs(
            (_("Meine Buchungen"), reverse("public:my_bookings")),
            (_("Wohnort und Arbeitsort"), None),
        ),
    }
    return render(request, "public/spaces/profile.html", context, status=status)
