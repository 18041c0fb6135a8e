"""Who may change the directory: one rule for the staff area (and any future API)."""

from __future__ import annotations

from digitalagentur.tenancy.permissions import Access


def can_edit_directory(access: Access, obj) -> bool:
    """People, bodies, memberships, lines of work, stakeholders and the strategy's timeline
    are maintained by the coordination and the region admins of the object's region."""
    return access.in_region(obj) and access.can_manage
