"""The HTTP answer of a library file, the same for the staff area and the public website: an
attachment that no browser renders or sniffs (nosniff, and a Content-Security-Policy that
sandboxes it and allows nothing), never kept by a shared cache. Even a crafted file cannot
run in our origin."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.http import content_disposition_header

DOWNLOAD_CSP = "default-src 'none'; sandbox"


def file_response(version, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type=version.content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=version.filename
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    response["Cache-Control"] = "private, no-store"
    return response
