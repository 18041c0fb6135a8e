"""Public pages are the same for every visitor but for the menu and flash messages.

`render_shared` caches a page rendered without those two parts, per region content state
(tenancy/pagecache.py), language and address, and fills them in for each request: a signed-in
reader (whose answers are never cached whole) gets the page without its database queries and
template work; the data it shows changes with the region's content version.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from digitalagentur.tenancy.pagecache import (
    language_of,
    moments_passed,
    page_cache_enabled,
    page_day,
    region_cached,
)

NAV = "<!--digitalagentur:nav-->"
MESSAGES = "<!--digitalagentur:messages-->"


def render_shared(request, template: str, build_context: Callable[[], dict]) -> HttpResponse:
    """Render `template` with `build_context()`; both are skipped when the page is cached."""
    region = getattr(request, "region", None)
    if region is None or not page_cache_enabled():
        return render(request, template, build_context())
    address = hashlib.sha256(request.get_full_path().encode("utf-8", "surrogateescape"))
    # moments_passed: a scheduled publication that has come is a new page (tenancy/pagecache.py)
    key = (
        f"shared:{template}:{language_of(request)}:{page_day()}:{moments_passed(region)}:"
        f"{address.hexdigest()[:40]}"
    )

    def build() -> str:
        return render_to_string(template, {**build_context(), "shared_page": True}, request)

    html = region_cached(region, key, build, front=True)
    nav = render_to_string("includes/nav.html", request=request)
    messages = render_to_string("includes/messages.html", request=request)
    return HttpResponse(html.replace(NAV, nav, 1).replace(MESSAGES, messages, 1))
