"""The secret iCalendar feeds of Landräume (issue 11, section 3; spaces/ical.py): a space's
free/busy times and a user's own bookings. Calendar programs cannot log in, so the address
carries the secret token; an unknown token, a space of another region or an inactive
account answer 404. Personal: never kept by shared caches, never indexed."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_safe

from digitalagentur.spaces import ical, notifications


def calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_safe
def space_feed(request, token: str):
    space = ical.space_for_token(token, getattr(request, "region", None))
    if space is None:
        raise Http404
    return calendar_response(ical.space_feed(space), "belegung.ics")


@require_safe
def user_feed(request, token: str):
    region = getattr(request, "region", None)
    profile = ical.profile_for_token(token)
    if region is None or profile is None or not profile.user.is_active:
        raise Http404
    content = ical.user_feed(profile.user, region, link=notifications.booker_link)
    return calendar_response(content, "meine-landraeume.ics")
