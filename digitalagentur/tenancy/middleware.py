from django.utils.functional import SimpleLazyObject

from .permissions import request_access
from .regions import resolve_region


class RegionMiddleware:
    """Sets request.region (resolved by host name) and request.access (the user's rights there)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not hasattr(request, "region"):  # PageCacheMiddleware may have resolved it already
            request.region = resolve_region(request.get_host())
        request.access = SimpleLazyObject(lambda: request_access(request))
        return self.get_response(request)
