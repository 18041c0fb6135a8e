"""Who may do what in the needs assessment (issue 9): one rule for staff area and API.

The coordination (coordinators, region admins) manages questionnaires, rounds, group
overrides, applying results to the strategy, workshops and surveys. A town's officer answers
a round for their own town only, and only if the town takes part in it. Readers read.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from digitalagentur.tenancy.permissions import Access


def manage_denial(access: Access) -> str | None:
    """Why `access` may not manage questionnaires, rounds, overrides, applying results,
    workshops and surveys (None: allowed)."""
    if access.can_manage:
        return None
    return _("Fragebögen, Bewertungsrunden, Workshops und Umfragen pflegt die Koordination.")


def answer_denial(access: Access, round, municipality) -> str | None:
    """Why `access` may not answer `round` for `municipality` (None: allowed).

    The coordination may answer for any participating town of the region; an officer only
    for their own town; readers and the public never. The town must take part in the round.
    """
    if round.region_id != access.region_id or municipality.region_id != round.region_id:
        return _("Diese Bewertungsrunde gehört nicht zu dieser Region.")
    if not access.can_manage:
        if not access.officer_town_ids:
            return _("Sie dürfen in dieser Bewertungsrunde nicht antworten.")
        if municipality.pk not in access.officer_town_ids:
            return _("Sie dürfen nur für Ihre eigene Kommune antworten.")
    prefetched = getattr(round, "_prefetched_objects_cache", {}).get("municipalities")
    if prefetched is not None:
        takes_part = any(town.pk == municipality.pk for town in prefetched)
    else:
        takes_part = round.municipalities.filter(pk=municipality.pk).exists()
    if not takes_part:
        return _("Diese Kommune nimmt an der Bewertungsrunde nicht teil.")
    return None


def may_see_results(access: Access, round) -> bool:
    """Staff of the round's region see the results at any time; everyone once published."""
    if access.region_id == round.region_id and access.is_staff_member:
        return True
    return bool(round.published)
