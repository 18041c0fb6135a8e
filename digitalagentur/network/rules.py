"""Who may do what with the posts (issue 14, section 3): one rule for the staff area and the API.

- Every role of the region (coordination, officers, readers, steering) reads the posts and the
  figures; the public does not.
- The coordination (coordinators, region admins) creates, edits and deletes every post of its
  region and its vacancies, the district's posts included.
- A digitalisation officer does so only for the posts of their own town(s); never a district
  post, never another town's.
"""

from __future__ import annotations

from digitalagentur.tenancy.permissions import Access


def can_read_posts(access: Access) -> bool:
    return access.region_id is not None and access.can_read_internal


def can_create_posts(access: Access) -> bool:
    """May add a post somewhere (the coordination anywhere, an officer in their towns)."""
    return access.region_id is not None and (access.can_manage or bool(access.officer_town_ids))


def can_edit_level(access: Access, municipality_id: int | None) -> bool:
    """Posts of this town (None: the district level) are the user's to edit."""
    if access.region_id is None:
        return False
    if access.can_manage:
        return True
    return municipality_id is not None and municipality_id in access.officer_town_ids


def can_edit_post(access: Access, post) -> bool:
    """Edit or delete the post and its vacancies."""
    return access.in_region(post) and can_edit_level(access, post.municipality_id)


def editable_towns(access: Access, queryset):
    """The towns (of the access's region) in which the user may add posts."""
    if access.region_id is None:
        return queryset.none()
    queryset = queryset.filter(region_id=access.region_id)
    if access.can_manage:
        return queryset
    return queryset.filter(pk__in=access.officer_town_ids)
