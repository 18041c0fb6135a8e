"""Who may do what with events (issue 13): one rule for the API, the public pages and the
staff area.

- Anyone reads published events; the region's staff also drafts.
- A logged-in, active account registers and cancels its own registration.
- The coordination (coordinators, region admins) creates, edits and deletes events, sees the
  participant lists and records attendance; a digitalisation officer does so for the events
  of their own town (an event whose towns include one of theirs), but creates none through
  the API (the issue: "coordinators create events").

The newsletter is the coordination's; news posts are written by the coordination and by the
officers for their towns (the rules at the end).
"""

from __future__ import annotations

from digitalagentur.tenancy.permissions import Access


def can_register(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def can_create_events(access: Access) -> bool:
    return access.can_manage


def can_manage_event(access: Access, event, town_ids=None) -> bool:
    """Edit the event, see its participants, record attendance."""
    if not access.in_region(event):
        return False
    if access.can_manage:
        return True
    if not access.officer_town_ids:
        return False
    if town_ids is None:
        town_ids = event.municipalities.values_list("pk", flat=True)
    return bool(set(town_ids) & set(access.officer_town_ids))


def can_delete_event(access: Access, event) -> bool:
    return access.in_region(event) and access.can_manage


def managed_events(access: Access, queryset):
    """`queryset` narrowed to the events `access` manages (of its region)."""
    if access.region_id is None:
        return queryset.none()
    queryset = queryset.filter(region_id=access.region_id)
    if access.can_manage:
        return queryset
    if not access.officer_town_ids:
        return queryset.none()
    return queryset.filter(municipalities__in=access.officer_town_ids).distinct()


def visible_events(access: Access, queryset):
    """Published events for everybody; drafts too for the region's staff."""
    if access.region_id is None:
        return queryset.none()
    queryset = queryset.filter(region_id=access.region_id)
    if access.can_read_internal:
        return queryset
    return queryset.filter(published=True)


def can_manage_newsletter(access: Access) -> bool:
    """Compose and send issues, manage segments, see the subscribers and their consent
    records (personal data): the coordination of the region only."""
    return access.region_id is not None and access.can_manage


def can_manage_segment(access: Access, segment) -> bool:
    """Edit a segment's name, description and visibility: the coordination of its region."""
    return access.in_region(segment) and can_manage_newsletter(access)


def can_delete_segment(access: Access, segment) -> bool:
    """Only segments staff created (kind "custom"); the standard ones follow the towns, the
    fields of action and the audiences."""
    from .choices import SegmentKind

    return can_manage_segment(access, segment) and segment.kind == SegmentKind.CUSTOM


# ---- news posts (issue 13, section 3) ----------------------------------------------------------
# The coordination writes every post of the region. A digitalisation officer writes posts for
# their own town: they create posts, and edit, publish and delete those whose towns are all
# theirs (at least one), so that no officer changes what another town says.


def can_create_news(access: Access) -> bool:
    return access.region_id is not None and (access.can_manage or bool(access.officer_town_ids))


def may_tag_towns(access: Access, town_ids) -> bool:
    """May `access` give a post exactly these towns (an officer: only their own, one at least)?"""
    if access.can_manage:
        return True
    town_ids = set(town_ids)
    return bool(town_ids) and town_ids <= set(access.officer_town_ids)


def can_manage_news(access: Access, post, town_ids=None) -> bool:
    """Edit, publish, withdraw and delete the post; see its drafts for social media."""
    if not access.in_region(post):
        return False
    if access.can_manage:
        return True
    if not access.officer_town_ids:
        return False
    if town_ids is None:
        town_ids = post.municipalities.values_list("pk", flat=True)
    return may_tag_towns(access, town_ids)


def managed_news(access: Access, queryset):
    """`queryset` narrowed to the posts `access` manages (of its region)."""
    if access.region_id is None:
        return queryset.none()
    queryset = queryset.filter(region_id=access.region_id)
    if access.can_manage:
        return queryset
    if not access.officer_town_ids:
        return queryset.none()
    towns = queryset.model.municipalities.through.objects
    foreign = towns.exclude(municipality_id__in=access.officer_town_ids).values("newspost_id")
    own = towns.filter(municipality_id__in=access.officer_town_ids).values("newspost_id")
    return queryset.filter(pk__in=own).exclude(pk__in=foreign)
