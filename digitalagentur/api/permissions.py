"""Who may do what through the API: thin adapters onto tenancy.permissions.Access.

The order of checks is fixed: a write without credentials is 401; a write by a user without
the right in the request's region is 403; objects are looked up in the region only (404); then
the object's right (403) and finally the values (403 for what an officer may not set).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from digitalagentur.tenancy.permissions import Access, get_access


def bind_access(request) -> Access:
    """Compute the access of the (token or session) user in the request's region.

    DRF authenticates after the middleware ran, so the access is recomputed here from the
    authenticated user and stored where `request.access` reads it.
    """
    access = get_access(
        request.user,
        getattr(request, "region", None),
        cached=request.method in SAFE_METHODS,  # writes always read the roles from the database
    )
    django_request = getattr(request, "_request", request)
    django_request._access = access
    django_request.access = access
    return access


def request_access(request, view=None) -> Access:
    access = getattr(view, "access", None)
    if access is None:
        access = bind_access(request)
    return access


def is_authenticated(request) -> bool:
    return bool(request.user and request.user.is_authenticated)


class RegionRolePermission(BasePermission):
    """Reads are open (querysets decide what is visible); writes need a role in the region."""

    message = _("Sie haben in dieser Region keine Berechtigung für diese Aktion.")

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        if not is_authenticated(request):
            return False  # DRF answers 401 when no credentials were sent
        return request_access(request, view).can_read_internal


class ProjectPermission(RegionRolePermission):
    """Coordinators and admins write every project; officers those of their town."""

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        if not is_authenticated(request):
            return False
        access = request_access(request, view)
        if request.method == "DELETE":
            self.message = _("Nur die Koordination darf Projekte löschen.")
            return access.can_manage
        self.message = _("Sie dürfen in dieser Region keine Projekte bearbeiten.")
        return access.can_manage or access.is_officer

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS:
            return True
        access = request_access(request, view)
        if request.method == "DELETE":
            return access.in_region(obj) and access.can_manage
        self.message = _("Sie dürfen nur Projekte bearbeiten, an denen Ihre Kommune beteiligt ist.")
        return access.can_edit_project(obj, [p.municipality_id for p in obj.participations.all()])


class VersionPermission(BasePermission):
    """Versions are public records (drafts filtered out); freezing is the coordination's."""

    message = _("Nur die Koordination darf Fassungen einfrieren.")

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        if not is_authenticated(request):
            return False
        return request_access(request, view).can_manage
