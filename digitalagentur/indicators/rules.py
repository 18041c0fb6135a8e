"""Who may write indicators, targets and values: one rule for staff area, API and imports.

The coordination (coordinators and region admins) defines indicators and their targets and
enters values of every kind. Digitalisation officers enter and correct the values of their
own town. Everyone with a role reads drafts; the public reads published indicators.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from digitalagentur.tenancy.permissions import Access


def indicator_write_denial(access: Access) -> str | None:
    """Why `access` may not create or change indicators and targets, or None when it may."""
    if access.can_manage:
        return None
    return _("Indikatoren und Zielwerte legt die Koordination fest.")


def value_write_denial(access: Access, municipality_id: int | None) -> str | None:
    """Why `access` may not write a value of this town (None: the whole region)."""
    if access.can_manage:
        return None
    if municipality_id is not None and municipality_id in access.officer_town_ids:
        return None
    if municipality_id is None and access.officer_town_ids:
        return _("Werte für die ganze Region trägt die Koordination ein.")
    return _("Sie dürfen nur Werte Ihrer eigenen Kommune eintragen.")


def can_write_any_value(access: Access) -> bool:
    """Whether a form for entering values is worth showing at all."""
    return access.can_manage or bool(access.officer_town_ids)
