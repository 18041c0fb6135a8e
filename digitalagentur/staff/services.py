"""Small write helpers of the staff area on top of core.services (logged, versioned)."""

from __future__ import annotations

from django.db import transaction

from digitalagentur.core.models import ObjectChange
from digitalagentur.core.services import create_object, diff_snapshots, log_change, snapshot
from digitalagentur.core.text import german_slugify
from digitalagentur.strategy.models import Adoption, Field


def unique_field_slug(strategy, name: str) -> str:
    base = german_slugify(name)[:45] or "handlungsfeld"
    slug, n = base, 2
    while Field.objects.filter(strategy=strategy, slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def create_field(strategy, values: dict, *, user=None, reason: str = "") -> Field:
    field = Field(region_id=strategy.region_id, strategy=strategy, **values)
    field.slug = unique_field_slug(strategy, values.get("name", ""))
    return create_object(field, user=user, reason=reason)


# Adoption.version is a foreign key to the frozen StrategyVersion, which core.services'
# snapshot() skips as the optimistic-locking counter; these record it as a value.


def _adoption_snapshot(adoption: Adoption) -> dict:
    return snapshot(adoption, {"version": adoption.version})


@transaction.atomic
def create_adoption(adoption: Adoption, *, user=None, reason: str = "") -> Adoption:
    adoption.full_clean()
    adoption.save()
    changes = diff_snapshots({}, _adoption_snapshot(adoption))
    log_change(adoption, ObjectChange.Action.CREATE, user=user, changes=changes, reason=reason)
    return adoption


@transaction.atomic
def delete_adoption(adoption: Adoption, *, user=None, reason: str = "") -> None:
    changes = diff_snapshots(_adoption_snapshot(adoption), {})
    log_change(adoption, ObjectChange.Action.DELETE, user=user, changes=changes, reason=reason)
    adoption.delete()
