"""Cached public pages and public API answers, per region, language and content version.

Anonymous GET requests for views marked with `cache_public` are answered from Django's cache
(Redis when configured, else the process's memory). The key holds the region's content
version (tenancy/content.py), read with the region itself in the one query every request
makes, so an edit or a publication is seen at once everywhere and nothing is ever invalidated
by deleting entries. A publication scheduled for a later time (a news post) counts as a
change once its time has come (page_state, register_schedule). Every cached answer carries an
ETag; a conditional request for an unchanged page is answered 304 without a body.

The middleware sits right after WhiteNoise: a cached answer skips sessions, authentication
and the view, but still gets the security headers of the middleware in front of it.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control

from .regions import resolve_region

CACHEABLE_METHODS = {"GET", "HEAD"}
logger = logging.getLogger(__name__)
MARK = "_digitalagentur_cache_public"
# Derived values (region_cached) change only with the content; the limit frees memory.
REGION_VALUE_SECONDS = 3600
# Answers larger than this are not kept (a worker's memory cache holds a bounded number).
MAX_CACHED_BYTES = 512 * 1024


def cache_public(view):
    """Mark a view's successful answers to anonymous visitors as cacheable per region."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        mark_cacheable(request, response)
        return response

    return wrapper


def mark_cacheable(request, response) -> None:
    if response.status_code == 200 and not request.user.is_authenticated:
        setattr(response, MARK, True)


def page_cache_enabled() -> bool:
    return getattr(settings, "DIGITALAGENTUR_PAGE_CACHE_SECONDS", 0) > 0


def is_anonymous_request(request) -> bool:
    """No credentials and no cookie but the language choice and the CSRF cookie."""
    if request.method not in CACHEABLE_METHODS or "HTTP_AUTHORIZATION" in request.META:
        return False
    allowed = {settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
    return all(name in allowed for name in request.COOKIES)


def language_of(request) -> str:
    """The language LanguageMiddleware (core/middleware.py) will choose."""
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def region_state(region) -> str:
    """Names the state of the region's content: its version and when it was raised (a
    database restored from a backup can repeat a version, never with the same time)."""
    changed = int(region.content_changed.timestamp() * 1_000_000)
    return f"{region.pk}:{region.content_version}:{changed}"


def page_state(region) -> str:
    """The state a cached page or page body depends on: the content's (region_state) and how
    many scheduled publications have come since its last change (register_schedule)."""
    state = region_state(region)
    passed = moments_passed(region)
    return f"{state}:{passed}" if passed else state


# Content that becomes public at a set time (a news post scheduled for 9:00) changes what the
# pages show without any write that would raise the content version. Apps register a source
# of such moments (communication/apps.py); the keys of pages and page bodies (page_state)
# then also count the moments passed since the last change, so a page cached at 8:59 is not
# served at 9:00, and no job has to run. The moments are read once per content state and
# process (one query); values that no schedule changes (roles, filter choices) keep their keys.
_schedules: list[Callable] = []


def register_schedule(source: Callable) -> None:
    """`source(region, after)` returns the moments (aware datetimes) after `after` at which
    content of the region becomes public."""
    if source not in _schedules:
        _schedules.append(source)


def moments_passed(region) -> int:
    """How many registered moments of the region have come since its content last changed."""
    if not _schedules:
        return 0
    key = f"region:{region_state(region)}:schedule"
    moments = _moment_lists.get(key)
    if moments is None:
        # Relative to the last change, not to now: computed again later (another process,
        # an expired entry) it gives the same list, so the count never goes back.
        after = region.content_changed
        moments = tuple(sorted(m for source in _schedules for m in source(region, after)))
        _moment_lists.set(key, moments, REGION_VALUE_SECONDS)
    return bisect.bisect_right(moments, timezone.now())


class LocalFront:
    """A small memory cache of this process in front of a shared cache (Redis).

    Keys name a region's content state, so an entry never becomes wrong, only old: it is
    kept for its timeout like in the shared cache. Holds whole pages and page bodies only
    (immutable values), at most `size` of them, the least recently used going first.
    """

    def __init__(self, size: int = 256):
        self.size = size
        self.entries: OrderedDict[str, tuple[float, object]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str):
        with self.lock:
            found = self.entries.get(key)
            if found is None:
                return None
            expires, value = found
            if expires < time.monotonic():
                del self.entries[key]
                return None
            self.entries.move_to_end(key)
            return value

    def set(self, key: str, value, timeout: int) -> None:
        if _size(value) > FRONT_MAX_BYTES:
            return
        with self.lock:
            self.entries[key] = (time.monotonic() + timeout, value)
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)


# Values larger than this stay in the shared cache only (bounds the front's memory).
FRONT_MAX_BYTES = 128 * 1024


def _size(value) -> int:
    if isinstance(value, dict):
        return len(value.get("content", b""))
    return len(value) if isinstance(value, str | bytes) else 0


_front = LocalFront()


def _shared_cache() -> bool:
    """True when the cache is shared with other processes (not this process's memory)."""
    return not isinstance(caches["default"], LocMemCache)


def cache_get(key: str, *, front: bool = False):
    """The cached value, or None also when the cache cannot be reached (then pages are
    rendered as without a cache, never answered with an error). `front`: try this process's
    memory first (pages and page bodies, when the cache is Redis)."""
    if front and _shared_cache():
        value = _front.get(key)
        if value is not None:
            return value
    try:
        value = cache.get(key)
    except Exception:  # any backend's connection error
        logger.warning("Cache not reachable", exc_info=True)
        return None
    if front and value is not None and _shared_cache():
        _front.set(key, value, settings.DIGITALAGENTUR_PAGE_CACHE_SECONDS)
    return value


def cache_set(key: str, value, timeout: int, *, front: bool = False) -> None:
    if front and _shared_cache():
        _front.set(key, value, timeout)
    try:
        cache.set(key, value, timeout)
    except Exception:
        logger.warning("Cache not reachable", exc_info=True)


def region_cached(region, name: str, compute, timeout: int | None = None, front: bool = False):
    """A value derived from the region's content, cached until that content changes (or
    `timeout` seconds, as a bound should a raise of the version ever fail). `front` keeps
    immutable values (text) in this process's memory too (LocalFront)."""
    key = f"region:{region_state(region)}:{name}"
    value = cache_get(key, front=front)
    if value is None:
        value = compute()
        cache_set(key, value, timeout or REGION_VALUE_SECONDS, front=front)
    return value


_memo = LocalFront(size=64)
# The scheduled moments per content state (moments_passed): small tuples, one per region.
_moment_lists = LocalFront(size=1024)


def region_memo(region, name: str, compute):
    """Like region_cached, but kept as the object itself in this process's memory only (no
    pickling on every read): for values every request reads that are cheap to build once
    per process and that nobody modifies. The key names the region's content state, read
    fresh with the region on every request, so a change shows at once in every process."""
    key = f"region:{region_state(region)}:{name}"
    value = _memo.get(key)
    if value is None:
        value = compute()
        _memo.set(key, value, REGION_VALUE_SECONDS)
    return value


def page_day() -> str:
    """Today (Europe/Berlin), part of every key of a page or page body: pages show what the
    date makes of the data (overdue milestones), so a new day is a new entry."""
    return timezone.localdate().isoformat()


def cache_key(request, region) -> str:
    path = request.get_full_path()
    # The API answers JSON or, for a browser, its HTML view: the Accept header decides there.
    accept = request.META.get("HTTP_ACCEPT", "") if path.startswith("/api/") else ""
    parts = "\n".join(
        [request.scheme, request.get_host(), language_of(request), page_day(), path, accept]
    )
    digest = hashlib.sha256(parts.encode("utf-8", "surrogateescape")).hexdigest()[:40]
    return f"page:{page_state(region)}:{digest}"


class PageCacheMiddleware:
    """Answers anonymous requests for cacheable pages from the cache; sets request.region."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        region = request.region = resolve_region(request.get_host())
        if region is None or not page_cache_enabled() or not is_anonymous_request(request):
            return self.get_response(request)
        key = cache_key(request, region)
        entry = cache_get(key, front=True)
        if entry is not None:
            return self.answer(request, entry, hit=True)
        response = self.get_response(request)
        if (
            getattr(response, MARK, False)
            and not response.cookies
            and not response.streaming
            and len(response.content) <= MAX_CACHED_BYTES
        ):
            entry = self.entry(response)
            cache_set(key, entry, settings.DIGITALAGENTUR_PAGE_CACHE_SECONDS, front=True)
            return self.answer(request, entry, hit=False)
        return response

    @staticmethod
    def entry(response) -> dict:
        content = response.content
        return {
            "status": response.status_code,
            "headers": list(response.headers.items()),
            "content": content,
            "etag": f'"{hashlib.sha256(content).hexdigest()[:32]}"',
        }

    @staticmethod
    def answer(request, entry: dict, *, hit: bool) -> HttpResponse:
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"]:
            response.headers[name] = value
        # The ETag names the content exactly; no Last-Modified, whose whole seconds could call
        # a page unchanged that changed twice within one second.
        response.headers["ETag"] = entry["etag"]
        # Browsers and proxies may keep the page but must ask whether it is still current.
        patch_cache_control(response, no_cache=True)
        response.headers["X-Cache"] = "hit" if hit else "miss"
        return get_conditional_response(request, etag=entry["etag"], response=response)
