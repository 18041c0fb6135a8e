"""Who may do what in participation (issue 12): one rule for the API, the public pages and
the staff area.

- Anyone reads public ideas (participation.choices.PUBLIC_STATUSES) and visible comments.
- A logged-in, active account (registration confirmed by e-mail) submits, comments, reports
  and supports.
- Moderation (publish, edit with a note, decline, merge, hide comments): the coordination
  (coordinators, region admins) for every idea of the region; a digitalisation officer for the
  ideas of their own town. Taking an idea into the strategy is the coordination's.
- Competitions are run by the coordination; jurors score the submissions of their competition
  except where they declared a conflict of interest; the ranking is the coordination's until
  the result is published.
"""

from __future__ import annotations

from digitalagentur.tenancy.permissions import Access


def can_take_part(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def can_moderate(access: Access, idea) -> bool:
    if not access.in_region(idea):
        return False
    if access.can_manage:
        return True
    return idea.municipality_id is not None and idea.municipality_id in access.officer_town_ids


def can_moderate_any(access: Access) -> bool:
    return access.can_manage or bool(access.officer_town_ids)


def moderated_ideas(access: Access, queryset):
    """`queryset` narrowed to the ideas `access` moderates (of its region)."""
    if access.region_id is None:
        return queryset.none()
    queryset = queryset.filter(region_id=access.region_id)
    if access.can_manage:
        return queryset
    if not access.officer_town_ids:
        return queryset.none()
    return queryset.filter(municipality_id__in=access.officer_town_ids)


def can_take_into_strategy(access: Access) -> bool:
    return access.can_manage


def can_manage_competitions(access: Access) -> bool:
    return access.can_manage


def juror_of(user, competition):
    """The user's seat in the competition's jury, or None."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    from .models import Juror

    return Juror.objects.filter(competition=competition, user=user).first()


def can_see_ranking(access: Access, competition) -> bool:
    if not access.in_region(competition):
        return False
    return competition.result_published or access.can_manage
