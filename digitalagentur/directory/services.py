"""Writes of the directory (and the strategy's timeline), each in a transaction with the
change log. Versioned objects go through core.services (optimistic locking); this module adds
what those helpers need to know about directory objects.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from digitalagentur.core.models import ObjectChange
from digitalagentur.core.services import (
    create_object,
    delete_object,
    diff_snapshots,
    log_change,
    snapshot,
)
from digitalagentur.strategy.models import Strategy, TimelineEvent

from .models import Body, Membership, Person


def create_person(region, values: Mapping[str, Any], *, user=None, reason: str = "") -> Person:
    return create_object(Person(region=region, **values), user=user, reason=reason)


def create_body(region, values: Mapping[str, Any], *, user=None, reason: str = "") -> Body:
    return create_object(Body(region=region, **values), user=user, reason=reason)


def create_membership(
    body: Body, values: Mapping[str, Any], *, user=None, reason: str = ""
) -> Membership:
    """A person's role in a body; logged under the body's region."""
    return create_object(Membership(body=body, **values), user=user, reason=reason)


def create_timeline_event(
    strategy: Strategy, values: Mapping[str, Any], *, user=None, reason: str = ""
) -> TimelineEvent:
    event = TimelineEvent(region_id=strategy.region_id, strategy=strategy, **values)
    return create_object(event, user=user, reason=reason)


@transaction.atomic
def update_timeline_event(
    event: TimelineEvent, values: Mapping[str, Any], *, user=None, reason: str = ""
) -> TimelineEvent:
    """Timeline events carry no version counter (strategy.TimelineEvent): the row is locked,
    changed and logged; concurrent saves are serialised, the later one wins."""
    current = TimelineEvent.objects.select_for_update().get(pk=event.pk)
    before = snapshot(current)
    for name, value in values.items():
        setattr(current, name, value)
    changes = diff_snapshots(before, snapshot(current))
    if not changes:
        return current
    current.full_clean()
    current.save()
    log_change(current, ObjectChange.Action.UPDATE, user=user, changes=changes, reason=reason)
    return current


@transaction.atomic
def delete_person(person: Person, *, expected_version: int | None, user=None, reason: str = ""):
    """Delete a person with their memberships, each deletion in the change log."""
    for membership in Membership.objects.filter(person=person).select_related("body", "person"):
        delete_object(membership, user=user, reason=reason)
    delete_object(person, expected_version=expected_version, user=user, reason=reason)


@transaction.atomic
def delete_body(body: Body, *, expected_version: int | None, user=None, reason: str = ""):
    """Delete a body with its memberships (a body that recorded adoptions is protected)."""
    for membership in Membership.objects.filter(body=body).select_related("body", "person"):
        delete_object(membership, user=user, reason=reason)
    delete_object(body, expected_version=expected_version, user=user, reason=reason)
