"""Registering for an event and cancelling on the public website (issue 13, section 2).

Both need an account: a visitor is sent to the login, which brings them back (?next=). Every
rule is communication.registrations': seats are never given twice, a full event puts people
on the waiting list, and a cancellation moves the first on the list up. A refused
registration (closed, bad input) shows the event's page again with the German messages
(400, nothing saved); the other outcomes are a message after the redirect. The POST
endpoints are CSRF protected like every form.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from digitalagentur.communication import registrations
from digitalagentur.communication.choices import RegistrationStatus

from .events import crumbs, detail_context, find_event
from .forms_events import RegistrationForm
from .ideas_actions import login_first, see_other
from .spaces_manage import add_errors
from .surveys import error_summary


def _registered_message(outcome) -> str:
    registration = outcome.registration
    position = registrations.waitlist_position(registration)
    if not outcome.created:
        if position:
            return _("Sie stehen bereits auf Platz %(n)d der Warteliste.") % {"n": position}
        return _("Sie sind bereits angemeldet.")
    if registration.status == RegistrationStatus.WAITLISTED:
        return _("Die Veranstaltung ist ausgebucht: Sie stehen auf Platz %(n)d der Warteliste.") % {
            "n": position or 1
        }
    return _("Sie sind angemeldet. Die Bestätigung kommt per E-Mail.")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def event_register(request, slug: str):
    """POST: register the visitor; GET leads to the event's page (where the form is)."""
    event = find_event(request, slug)
    back = reverse("public:event_detail", args=[event.slug])
    if request.method != "POST":
        return see_other(back + "#anmeldung")
    if not request.user.is_authenticated:
        return login_first(
            request,
            back + "#anmeldung",
            _(
                "Bitte melden Sie sich an, um sich für die Veranstaltung anzumelden. Noch kein "
                "Konto? Sie können sich mit Ihrer E-Mail-Adresse registrieren."
            ),
        )
    form = RegistrationForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            outcome = registrations.register(
                event,
                request.user,
                name=data["name"],
                organisation=data["organisation"],
                note=data["note"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            if outcome.created:
                messages.success(request, _registered_message(outcome))
            else:
                messages.info(request, _registered_message(outcome))
            return see_other(back + "#anmeldung")
    context = detail_context(request, event, form=form)
    context["form"] = form  # shown with its errors even when registration is closed
    context["form_errors"] = error_summary(form)
    return render(request, "public/events/detail.html", context, status=400)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def event_cancel(request, slug: str):
    """GET: the question whether to cancel; POST: cancel (the seat goes to the first on the
    waiting list)."""
    event = find_event(request, slug)
    back = reverse("public:event_detail", args=[event.slug])
    url = reverse("public:event_cancel", args=[event.slug])
    if not request.user.is_authenticated:
        return login_first(request, url, _("Bitte melden Sie sich an, um sich abzumelden."))
    own = registrations.active_registration(event, request.user)
    if own is None:
        messages.info(request, _("Sie sind für diese Veranstaltung nicht angemeldet."))
        return see_other(back)
    if event.start <= timezone.now():
        messages.error(
            request,
            _("Die Veranstaltung hat bereits begonnen; eine Abmeldung ist nicht mehr möglich."),
        )
        return see_other(back + "#anmeldung")
    if request.method == "POST":
        cancelled = registrations.cancel(event, request.user)
        if cancelled is None:
            messages.info(request, _("Sie sind für diese Veranstaltung nicht angemeldet."))
        else:
            messages.success(request, _("Sie sind abgemeldet. Die Bestätigung kommt per E-Mail."))
        return see_other(back)
    title = _("Abmelden: %(title)s") % {"title": event.title}
    context = {
        "event": event,
        "registration": own,
        "waitlist_position": registrations.waitlist_position(own),
        "event_url": back,
        "title": title,
        "breadcrumbs": crumbs((event.title, back), (_("Abmelden"), None)),
    }
    return render(request, "public/events/cancel.html", context)
