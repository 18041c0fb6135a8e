"""The open data page and its downloads (datasets: public/opendata.py)."""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from digitalagentur.tenancy.pagecache import cache_public

from . import opendata, opendata_files
from .shared import render_shared


@cache_public
def opendata_page(request):
    def build():
        base_url = request.build_absolute_uri("/")[:-1]
        return {
            "listings": opendata.listings(request.region),
            "licence": opendata.licence(),
            "api_url": base_url + reverse("api-opendata"),
            "feed_url": base_url + reverse("public:region_feed"),
            "calendar_url": base_url + reverse("public:events_calendar"),
            "breadcrumbs": [(_("Start"), reverse("public:home")), (_("Offene Daten"), None)],
        }

    return render_shared(request, "public/opendata.html", build)


def opendata_download(request, name, fmt):
    """One dataset as CSV or JSON (streamed) or XLSX."""
    dataset = opendata.BY_FILENAME.get(name)
    if dataset is None or fmt not in opendata.FORMATS:
        raise Http404(_("Diesen Datensatz gibt es nicht."))
    base_url = request.build_absolute_uri("/")[:-1]
    return opendata_files.file_response(dataset, request.region, fmt, base_url)
