from rest_framework.permissions import SAFE_METHODS, BasePermission


class RegionRolePermission(BasePermission):
    """Reads are open (querysets decide what is visible); writes need a role in the region."""

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_authenticated)
