"""Events and trainings on the public website (issue 13, section 2): the calendar with its
filters, an event's page with the programme, the seats and the registration box, and the
iCalendar feed of all events and the .ics file of one.

Only the request's region's events exist here: published ones for everybody, drafts too for
the region's staff (communication.rules.visible_events; a draft carries an "Entwurf" badge).
The feeds only ever hold published events. Pages are cached for anonymous visitors like every
public page (cache_public): a registration changes the region's content version
(Registration.content_region_path), so the seats shown are current. A logged-in visitor sees
their own registration, so their pages are never cached.
Registering and cancelling are in events_actions.py.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from digitalagentur.communication import ical, registrations, rules
from digitalagentur.communication.models import Event
from digitalagentur.communication.notifications import when_text
from digitalagentur.tenancy.pagecache import cache_public
from digitalagentur.tenancy.permissions import request_access

from .forms_events import ALL, PAST, EventFilterForm, RegistrationForm
from .ideas import region_of, shown_field
from .views import _page_notice

EVENTS_PER_PAGE = 20


def crumbs(*items):
    return [
        (_("Start"), reverse("public:home")),
        (_("Veranstaltungen"), reverse("public:event_list")),
        *items,
    ]


def private_for_users(view):
    """A page that shows a logged-in visitor their own registration is never kept by a
    browser or proxy; for anonymous visitors it is cached like every public page."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.user.is_authenticated:
            add_never_cache_headers(response)
        return response

    return wrapper


def visible_events(request):
    """The events the visitor may see: published ones, drafts too for the region's staff."""
    region = region_of(request)
    queryset = rules.visible_events(request_access(request), Event.objects.filter(region=region))
    return queryset.select_related("field__strategy")


def find_event(request, slug: str) -> Event:
    event = visible_events(request).filter(slug=slug).first()
    if event is None:
        raise Http404
    return event


# ---- seats ----------------------------------------------------------------------------------


@dataclass
class Seats:
    """What the pages say about the seats: a badge (css class, text) and the numbers."""

    capacity: int | None
    registered: int
    waitlisted: int
    left: int | None
    badge_class: str = ""
    badge: str = ""


def seats_of(event: Event, now=None) -> Seats:
    """From the counts of registrations.with_counts() (no query)."""
    now = now or timezone.now()
    registered = getattr(event, "registered", 0) or 0
    waitlisted = getattr(event, "waitlisted", 0) or 0
    left = None if event.capacity is None else max(0, event.capacity - registered)
    seats = Seats(event.capacity, registered, waitlisted, left)
    if event.end <= now:
        seats.badge_class, seats.badge = "status-idea", _("vorbei")
    elif event.accepts_registrations(now):
        if left is None:
            seats.badge_class, seats.badge = "status-completed", _("Anmeldung offen")
        elif left == 0:
            seats.badge_class, seats.badge = "status-in_progress", _("ausgebucht – Warteliste")
        else:
            seats.badge_class = "status-completed"
            seats.badge = _("1 Platz frei") if left == 1 else _("%(n)d Plätze frei") % {"n": left}
    elif event.registration_open and event.published and event.start > now:
        starts = event.registration_starts
        if starts and starts > now:
            seats.badge_class = "status-planned"
            seats.badge = _("Anmeldung ab %(day)s") % {
                "day": formats.date_format(timezone.localtime(starts), "d.m.Y")
            }
        else:
            seats.badge_class, seats.badge = "status-discontinued", _("Anmeldung geschlossen")
    return seats


def closed_reason(event: Event, now=None) -> str:
    """Why the event takes no registrations now (German); "" when it does."""
    now = now or timezone.now()
    if event.accepts_registrations(now):
        return ""
    if event.end <= now:
        return _("Die Veranstaltung ist vorbei.")
    if event.start <= now:
        return _("Die Veranstaltung hat begonnen; eine Anmeldung ist nicht mehr möglich.")
    if not event.published:
        return _("Entwurf: Anmeldungen sind erst nach der Veröffentlichung möglich.")
    if not event.registration_open:
        return _("Für diese Veranstaltung ist keine Anmeldung über die Website vorgesehen.")
    if event.registration_starts and now < event.registration_starts:
        return _("Die Anmeldung ist ab %(when)s möglich.") % {
            "when": moment(event.registration_starts)
        }
    if event.registration_ends and now >= event.registration_ends:
        return _("Die Anmeldefrist ist am %(when)s abgelaufen.") % {
            "when": moment(event.registration_ends)
        }
    return _("Für diese Veranstaltung ist keine Anmeldung (mehr) möglich.")


def moment(value) -> str:
    """'15.11.2022, 09:00 Uhr' in Europe/Berlin."""
    local = timezone.localtime(value)
    return _("%(day)s, %(time)s Uhr") % {
        "day": formats.date_format(local, "d.m.Y"),
        "time": f"{local:%H:%M}",
    }


# ---- the calendar ---------------------------------------------------------------------------


def filtered_events(request, values: dict, now=None):
    now = now or timezone.now()
    queryset = visible_events(request)
    if values.get("kind"):
        queryset = queryset.filter(kind=values["kind"])
    if values.get("field"):
        queryset = queryset.filter(
            field__slug=values["field"], field__published=True, field__strategy__published=True
        )
    if values.get("municipality"):
        queryset = queryset.filter(municipalities__slug=values["municipality"])
    period = values.get("zeitraum")
    if period == PAST:
        queryset = queryset.filter(end__lte=now).order_by("-start", "-pk")
    elif period == ALL:
        queryset = queryset.order_by("start", "pk")
    else:
        queryset = queryset.upcoming(now).order_by("start", "pk")
    return registrations.with_counts(queryset)


def for_display(events, now=None) -> list:
    """The events with `when`, `seats` and `public_field` set (no query)."""
    events = list(events)
    for event in events:
        event.when = when_text(event)
        event.seats = seats_of(event, now)
        event.public_field = shown_field(event) if event.field_id else None
    return events


@require_safe
@private_for_users
@cache_public
def event_list(request):
    region = region_of(request)
    form = EventFilterForm(request.GET or None, region=region)
    values = form.values() if form.is_bound else {}
    problems = form.problems() if form.is_bound else []
    now = timezone.now()
    paginator = Paginator(filtered_events(request, values, now), EVENTS_PER_PAGE)
    raw_page = request.GET.get("page")
    page = paginator.get_page(raw_page)
    notice = _page_notice(raw_page, page)
    if notice:
        problems.append(notice)
    period = values.get("zeitraum", "")
    context = {
        "form": form,
        "page": page,
        "events": for_display(page.object_list, now),
        "problems": problems,
        "filters_active": any(name != "zeitraum" for name in values),
        "period": period,
        "title": _("Veranstaltungen"),
        "breadcrumbs": [(_("Start"), reverse("public:home")), (_("Veranstaltungen"), None)],
    }
    return render(request, "public/events/list.html", context)


# ---- an event's page ------------------------------------------------------------------------


def registration_state(event: Event, user) -> dict:
    """The visitor's own registration and its place on the waiting list."""
    own = registrations.active_registration(event, user)
    return {
        "registration": own,
        "waitlist_position": registrations.waitlist_position(own) if own else None,
    }


def detail_context(request, event: Event, *, form=None) -> dict:
    now = timezone.now()
    counted = registrations.with_counts(Event.objects.filter(pk=event.pk)).values(
        "registered", "waitlisted"
    )
    counts = counted.first() or {"registered": 0, "waitlisted": 0}
    event.registered, event.waitlisted = counts["registered"], counts["waitlisted"]
    user = request.user
    accepting = event.accepts_registrations(now)
    if form is None and accepting and user.is_authenticated:
        form = RegistrationForm(initial={"name": user.get_full_name()})
    url = reverse("public:event_detail", args=[event.slug])
    return {
        "event": event,
        "when": when_text(event),
        "public_field": shown_field(event) if event.field_id else None,
        "towns": list(event.municipalities.order_by("name", "pk")),
        "programme": list(event.programme.all()),
        "seats": seats_of(event, now),
        "accepting": accepting,
        "closed_reason": closed_reason(event, now),
        "can_cancel": event.start > now,
        "form": form,
        "event_url": url,
        "title": event.title,
        "breadcrumbs": crumbs((event.title, None)),
        **registration_state(event, user),
    }


@require_safe
@private_for_users
@cache_public
def event_detail(request, slug: str):
    event = find_event(request, slug)
    return render(request, "public/events/detail.html", detail_context(request, event))


# ---- iCalendar ------------------------------------------------------------------------------


def published_events(request):
    return Event.objects.public().filter(region=region_of(request))


@require_safe
@cache_public
def events_ical(request):
    """Every published event of the region, past ones included, as an iCalendar feed."""
    region = region_of(request)
    events = published_events(request).select_related("region").order_by("start", "pk")
    content = ical.feed(events, name=_("Veranstaltungen – %(region)s") % {"region": region.name})
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="veranstaltungen.ics"'
    return response


@require_safe
@cache_public
def event_ical(request, slug: str):
    """One published event as a calendar file (.ics)."""
    event = published_events(request).select_related("region").filter(slug=slug).first()
    if event is None:
        raise Http404
    content = ical.calendar_of([event], name=event.title).to_ical()
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response
