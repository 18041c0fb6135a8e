"""Landräume on the public website (issue 11, section 2): the search with list and map, a
space's page with its week calendar, and its photos.

These pages show the booking state of the moment, so they are never cached (no
`cache_public`): a booking made a second ago must not be offered as free. Only published
spaces of the request's region exist here; anything else is 404. The week calendar shows free
and taken times only, never who booked (spaces/week.py reads nothing but units and times).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from digitalagentur.spaces import search as space_search
from digitalagentur.spaces import week as space_week
from digitalagentur.spaces.choices import WEEKDAYS, Accessibility, Amenity, Purpose
from digitalagentur.spaces.models import Space, SpacePhoto
from digitalagentur.spaces.timerange import BERLIN

# Types the photo upload (core/images.py) writes; anything else is served as bytes.
PHOTO_TYPES = {"image/jpeg", "image/png", "image/webp"}


def crumbs(*items):
    return [
        (_("Start"), reverse("public:home")),
        (_("Landräume"), reverse("public:spaces")),
        *items,
    ]


def public_space(request, slug: str, queryset=None):
    """A published space of the request's region with what its page needs, or 404."""
    region = getattr(request, "region", None)
    if region is None:
        raise Http404
    queryset = queryset if queryset is not None else space_search.public_spaces(region)
    return get_object_or_404(queryset, slug=slug)


def labels(values, choices) -> list[str]:
    names = dict(choices)
    return [str(names[value]) for value in values or [] if value in names]


def opening_rows(space) -> list[tuple[str, str]]:
    """(weekday, "08:00–12:00, 17:00–22:00" or "geschlossen"); empty: always open."""
    hours = list(space.opening_hours.all())
    if not hours:
        return []
    rows = []
    for weekday, name in WEEKDAYS:
        times = [
            f"{h.opens:%H:%M}–{'24:00' if h.closes == datetime.time(0) else f'{h.closes:%H:%M}'}"
            for h in hours
            if h.weekday == weekday
        ]
        rows.append((str(name), ", ".join(times) if times else _("geschlossen")))
    return rows


def search_query(request) -> str:
    """The search's date and times, handed on to the space and booking pages."""
    keep = {k: request.GET[k] for k in ("datum", "von", "bis") if request.GET.get(k)}
    return "&".join(f"{k}={v}" for k, v in keep.items()) if keep else ""


@never_cache
def space_list(request):
    region = getattr(request, "region", None)
    result = space_search.search(region, request.GET)
    map_url = settings.DIGITALAGENTUR_MAP_TILE_URL
    markers = []
    if map_url and result.spaces:
        markers = space_search.map_markers(
            result.spaces, lambda space: reverse("public:space_detail", args=[space.slug])
        )
    context = {
        "form": result.form,
        "spaces": result.spaces,
        "asked": result.range,
        "problems": result.problems,
        "filters_active": result.filters_active,
        "markers": markers,
        "map_tile_url": map_url if markers else "",
        "map_attribution": settings.DIGITALAGENTUR_MAP_ATTRIBUTION,
        "query": search_query(request) if result.range else "",
        "title": _("Landräume: Räume und Arbeitsplätze buchen"),
        "breadcrumbs": [(_("Start"), reverse("public:home")), (_("Landräume"), None)],
    }
    return render(request, "public/spaces/list.html", context)


@never_cache
def space_detail(request, slug):
    region = getattr(request, "region", None)
    queryset = space_search.public_spaces(region).prefetch_related(
        Prefetch("photos", queryset=SpacePhoto.objects.defer("content").order_by("position", "pk"))
    )
    space = public_space(request, slug, queryset)
    now = timezone.now()
    today = now.astimezone(BERLIN).date()
    # The week asked for, else the week of the date searched for (the search hands it on).
    asked = request.GET.get("woche") or request.GET.get("datum")
    monday, usable = space_week.parse_week(asked, today)
    days = space_week.week_days(space, monday, now)
    upcoming_closed = [p for p in space.closed_periods.all() if p.end > now]
    context = {
        "space": space,
        "units": list(space.units.all()),
        "photos": list(space.photos.all()),
        "amenities": labels(space.amenities, Amenity.choices),
        "accessibility": labels(space.accessibility, Accessibility.choices),
        "purposes": labels(space.purposes, Purpose.choices),
        "opening_rows": opening_rows(space),
        "closed_periods": upcoming_closed,
        "days": days,
        "today": today,
        "monday": monday,
        "sunday": monday + datetime.timedelta(days=6),
        "previous_week": monday - datetime.timedelta(days=7),
        "next_week": monday + datetime.timedelta(days=7),
        "this_week": space_week.monday_of(today),
        "week_notice": ""
        if usable
        else _("Das Datum der Woche war ungültig; es wird die aktuelle Woche angezeigt."),
        "desks": len(space.units.all()) > 1,
        "book_url": reverse("public:space_book", args=[space.slug]),
        "title": space.name,
        "breadcrumbs": crumbs((space.name, None)),
    }
    return render(request, "public/spaces/detail.html", context)


def space_photo(request, slug, pk):
    """A photo of a published space: re-encoded on upload, served sandboxed, so that even a
    file opened on its own can run nothing and load nothing."""
    region = getattr(request, "region", None)
    space = public_space(request, slug, Space.objects.filter(region=region, published=True))
    photo = get_object_or_404(SpacePhoto, space=space, pk=pk)
    content_type = (
        photo.content_type if photo.content_type in PHOTO_TYPES else "application/octet-stream"
    )
    response = HttpResponse(bytes(photo.content), content_type=content_type)
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "public, max-age=3600"
    return response
