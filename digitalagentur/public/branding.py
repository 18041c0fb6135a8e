"""The region's logo as a file of its own (its address carries the content version)."""

from __future__ import annotations

from django.http import Http404, HttpResponse

from digitalagentur.tenancy.models import RegionLogo


def region_logo(request):
    """The cleaned logo (tenancy/logos.py); served sandboxed, so that even a file opened on
    its own can run nothing and load nothing."""
    region = getattr(request, "region", None)
    logo = RegionLogo.objects.filter(region=region).first() if region is not None else None
    if logo is None:
        raise Http404
    response = HttpResponse(bytes(logo.content), content_type=logo.content_type)
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    versioned = request.GET.get("v") == str(region.content_version)
    response["Cache-Control"] = (
        "public, max-age=31536000, immutable" if versioned else "public, max-age=300"
    )
    return response
