"""Access checks of the staff area, done on the server for every request.

The order is fixed: anonymous users are sent to the login page, users without a role in the
request's region get 403, objects are looked up in the request's region only (404 otherwise),
and finally the page's or object's right is checked with `request.access` (403).
"""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404


class StaffMixin:
    """Login and a role in the request's region are required for every staff page."""

    def has_page_permission(self) -> bool:
        """Page-level right beyond reading internal content (override for write-only pages)."""
        return True

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if getattr(request, "region", None) is None:
            raise Http404
        if not request.access.can_read_internal:
            raise PermissionDenied
        self.access = request.access
        self.region = request.region
        if not self.has_page_permission():
            raise PermissionDenied
        self.prepare()
        return super().dispatch(request, *args, **kwargs)

    def prepare(self) -> None:
        """Hook run after the checks above (object lookups happen here)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["access"] = self.access
        return context


class ObjectMixin(StaffMixin):
    """Looks the object up in the request's region (404) and checks the object's right (403).

    Subclasses define `get_queryset()` (already filtered by region) and `has_permission(obj)`.
    """

    pk_url_kwarg = "pk"

    def get_queryset(self):
        raise NotImplementedError

    def has_permission(self, obj) -> bool:
        raise NotImplementedError

    def prepare(self) -> None:
        self.object = get_object_or_404(self.get_queryset(), pk=self.kwargs[self.pk_url_kwarg])
        if not self.has_permission(self.object):
            raise PermissionDenied
        super().prepare()
