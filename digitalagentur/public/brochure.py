"""The public strategy brochure of a frozen version (reports/brochure.py): an HTML page to read
and print, and the PDF, made once in the background and then served from storage."""

from __future__ import annotations

import math

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from digitalagentur.reports import brochure
from digitalagentur.reports.choices import GenerationState
from digitalagentur.strategy.models import StrategyVersion
from digitalagentur.tenancy.pagecache import cache_public

from .shared import render_shared


def public_version(region, pk: int) -> StrategyVersion:
    """A version of the region's published strategy, else 404."""
    version = (
        StrategyVersion.objects.filter(region=region, strategy__published=True, pk=pk)
        .select_related("region")
        .first()
        if region is not None
        else None
    )
    if version is None:
        raise Http404(_("Diese Fassung gibt es nicht."))
    return version


def public_versions(region) -> list[StrategyVersion]:
    if region is None:
        return []
    return list(
        StrategyVersion.objects.filter(region=region, strategy__published=True)
        .defer("snapshot")
        .order_by("-created", "-pk")
    )


def crumbs(version) -> list[tuple[str, str | None]]:
    return [
        (_("Start"), reverse("public:home")),
        (_("Strategie"), reverse("public:strategy")),
        (_("Broschüre „%(name)s“") % {"name": version.name}, None),
    ]


def pdf_response(stored, version, *, public: bool) -> HttpResponse:
    response = HttpResponse(brochure.pdf_bytes(stored), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=False, filename=brochure.filename(version, public=public)
    )
    return response


def progress_page(
    request, template: str, stored, version, extra: dict, *, cooldown: bool
) -> HttpResponse:
    """The "being made" page: progress bar, polled by js/report-progress.js. Not a PDF, so
    not 200: 202 while the job is queued or running, 503 when it failed or is stuck, both with
    Retry-After. With `cooldown` (the public) a failed job may be retried only after
    brochure.RETRY_COOLDOWN, and the error's details are not shown."""
    failed = stored.generation_state == GenerationState.FAILED
    stale = brochure.is_stale(stored)
    wait = brochure.retry_wait(stored, cooldown=cooldown) if failed else 0
    response = render(
        request,
        template,
        {
            "brochure": stored,
            "version": version,
            "retry_url": request.path + "?erneut=1",
            "stale": stale,
            "can_retry": brochure.can_retry(stored, cooldown=cooldown),
            "retry_minutes": math.ceil(wait / 60),
            "show_error_details": not cooldown,
            **extra,
        },
        status=503 if failed or stale else 202,
    )
    response["Retry-After"] = str(
        max(wait, 60) if failed or stale else brochure.RETRY_AFTER_SECONDS
    )
    response["Cache-Control"] = "no-store"
    return response


@cache_public
def brochure_page(request, pk):
    def build():
        version = public_version(request.region, pk)
        return {
            **brochure.context(version, public=True),
            "region_name": request.region.name,
            "pdf_url": reverse("public:brochure_pdf", args=[version.pk]),
            "breadcrumbs": crumbs(version),
        }

    return render_shared(request, "public/brochure.html", build)


def brochure_pdf(request, pk):
    """The PDF if it is made; else queue it and show its progress (the page reloads)."""
    version = public_version(request.region, pk)
    stored = brochure.request_pdf(
        version, public=True, retry="erneut" in request.GET, cooldown=True
    )
    if stored.ready:
        response = pdf_response(stored, version, public=True)
        response["Cache-Control"] = "public, max-age=86400"
        return response
    return progress_page(
        request,
        "public/brochure_progress.html",
        stored,
        version,
        {
            "page_url": reverse("public:brochure", args=[version.pk]),
            "breadcrumbs": crumbs(version)[:-1]
            + [
                (crumbs(version)[-1][0], reverse("public:brochure", args=[version.pk])),
                (_("PDF"), None),
            ],
        },
        cooldown=True,
    )
