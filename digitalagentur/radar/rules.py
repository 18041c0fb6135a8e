"""Who may do what with the technology radar (issue 14): one rule for the API, the public
pages and the staff area.

- The public reads published radars (with their entries and editions).
- The region's staff (officers, readers, the steering members) also read drafts.
- The coordination (coordinators, region admins) creates and edits radars and entries,
  imports and publishes editions.
"""

from __future__ import annotations

from digitalagentur.tenancy.permissions import Access


def can_manage_radars(access: Access) -> bool:
    """Create radars, import files: the coordination of the region."""
    return access.region_id is not None and access.can_manage


def can_manage_radar(access: Access, radar) -> bool:
    """Edit the radar and its entries, import into it, publish an edition."""
    return access.in_region(radar) and access.can_manage


def can_see_radar(access: Access, radar) -> bool:
    return access.in_region(radar) and (radar.published or access.can_read_internal)


def visible_radars(access: Access, queryset):
    """Published radars for everybody; drafts too for the region's staff."""
    if access.region_id is None:
        return queryset.none()
    queryset = queryset.filter(region_id=access.region_id)
    if access.can_read_internal:
        return queryset
    return queryset.filter(published=True)
