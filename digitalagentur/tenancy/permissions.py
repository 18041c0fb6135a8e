"""Who may do what in a region: the one permission chain used by views, API and commands.

Every check starts from an `Access` computed once per (user, region). A user without a role in
a region has exactly the rights of the public there, whatever they hold elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .choices import Role
from .models import RoleAssignment
from .pagecache import region_cached

# Roles read from the cache are dropped after this many seconds even if the content version
# were not raised (a failed raise: tenancy/content.py); normally a change shows at once.
ACCESS_CACHE_SECONDS = 60


@dataclass(frozen=True)
class Access:
    region_id: int | None
    roles: frozenset[str] = frozenset()
    officer_town_ids: frozenset[int] = field(default_factory=frozenset)
    is_superuser: bool = False

    @property
    def is_staff_member(self) -> bool:
        """May enter the staff area and read internal content of the region."""
        return self.is_superuser or bool(self.roles)

    can_read_internal = is_staff_member

    @property
    def can_manage(self) -> bool:
        """Coordinators and region admins edit and publish everything in the region."""
        return self.is_superuser or bool(self.roles & {Role.ADMIN, Role.COORDINATOR})

    @property
    def can_admin(self) -> bool:
        return self.is_superuser or Role.ADMIN in self.roles

    @property
    def is_officer(self) -> bool:
        return Role.OFFICER in self.roles

    def in_region(self, obj) -> bool:
        return self.region_id is not None and getattr(obj, "region_id", None) == self.region_id

    def can_edit_municipality(self, municipality) -> bool:
        if not self.in_region(municipality):
            return False
        return self.can_manage or municipality.pk in self.officer_town_ids

    def can_edit_project(self, project, town_ids: Iterable[int] | None = None) -> bool:
        """Officers edit the projects their town leads or takes part in."""
        if not self.in_region(project):
            return False
        if self.can_manage:
            return True
        if not self.officer_town_ids:
            return False
        if town_ids is None:
            town_ids = project.participating_town_ids()
        return bool(self.officer_town_ids & set(town_ids))

    def can_create_project_for(self, town_ids: Iterable[int]) -> bool:
        """Officers add local projects in which their own town takes part."""
        if self.can_manage:
            return True
        return bool(self.officer_town_ids & set(town_ids))

    def can_edit_strategy_content(self, obj) -> bool:
        """Strategy, fields, goals, versions and adoptions are the coordination's."""
        return self.in_region(obj) and self.can_manage


ANONYMOUS_ACCESS = Access(region_id=None)


def get_access(user, region, *, cached: bool = False) -> Access:
    """The user's rights in the region; `cached` reads the roles from the cache, valid until
    the region's content changes (granting or revoking a role changes it)."""
    if region is None:
        return ANONYMOUS_ACCESS
    if user is None or not user.is_authenticated or not user.is_active:
        return Access(region_id=region.pk)

    def load_rows():
        return list(
            RoleAssignment.objects.filter(user=user, region=region).values_list(
                "role", "municipality_id"
            )
        )

    rows = (
        region_cached(region, f"roles:{user.pk}", load_rows, timeout=ACCESS_CACHE_SECONDS)
        if cached
        else load_rows()
    )
    return Access(
        region_id=region.pk,
        roles=frozenset(role for role, _ in rows),
        officer_town_ids=frozenset(m for role, m in rows if role == Role.OFFICER and m),
        is_superuser=user.is_superuser,
    )


def request_access(request) -> Access:
    """The access of the request's user in the request's region, computed once per request."""
    cached = getattr(request, "_access", None)
    if cached is None:
        # Reading requests may take the roles from the cache; writes always ask the database.
        cached = get_access(
            getattr(request, "user", None),
            getattr(request, "region", None),
            cached=request.method in ("GET", "HEAD"),
        )
        request._access = cached
    return cached
