"""The public calendar feed of the region's funding deadlines (iCalendar, RFC 5545): the
deadlines of published calls of published programmes, nothing internal."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from digitalagentur.funding.calendar import FEED_HISTORY, build_calendar
from digitalagentur.funding.deadlines import public_deadlines
from digitalagentur.tenancy.pagecache import cache_public

# Deadlines that passed within this many days stay in the feed.


@cache_public
def funding_deadline_feed(request):
    region = getattr(request, "region", None)
    if region is None:
        raise Http404
    now = timezone.now()
    deadlines = public_deadlines(region, since=now - FEED_HISTORY)
    content = build_calendar(
        deadlines,
        name=_("Förderfristen – %(region)s") % {"region": region.name},
        uid_domain=f"oeffentlich.{region.slug}.digitalagentur",
        public=True,
        now=now,
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="foerderfristen.ics"'
    return response
