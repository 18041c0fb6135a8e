"""Where a change-log entry's object can be looked at in the staff area."""

from __future__ import annotations

from django.urls import reverse

from digitalagentur.core.models import ObjectChange


def object_url(change: ObjectChange) -> str | None:
    """A staff URL for the changed object, or None (deleted, or no page of its own)."""
    if change.action == ObjectChange.Action.DELETE:
        return None
    key = f"{change.content_type.app_label}.{change.content_type.model}"
    pk = change.object_id
    if key == "portfolio.project":
        return reverse("staff:project_detail", args=[pk])
    if key == "strategy.strategy":
        return reverse("staff:strategy")
    if key == "strategy.field":
        return reverse("staff:strategy") + f"#feld-{pk}"
    if key == "strategy.strategyversion":
        return reverse("staff:version_detail", args=[pk])
    if key == "strategy.adoption":
        return reverse("staff:adoption_matrix")
    if key == "tenancy.municipality":
        return reverse("staff:municipality_list") + f"#kommune-{pk}"
    return None
