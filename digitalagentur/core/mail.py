"""Helpers for mails sent without a request (background jobs)."""

from __future__ import annotations

from django.conf import settings


def base_url(region) -> str:
    """Where the region's pages are reached from a mail (no request to ask): the region's
    own host name with the scheme of DIGITALAGENTUR_BASE_URL, else that URL itself."""
    configured = settings.DIGITALAGENTUR_BASE_URL.rstrip("/")
    if not region.hostname:
        return configured
    scheme = configured.split("://", 1)[0] if "://" in configured else "https"
    return f"{scheme}://{region.hostname}"
