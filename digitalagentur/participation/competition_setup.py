"""Setting up a competition (issue 12, section 2): the call, its criteria, prizes and jury,
each write in a transaction with the change log (core.services); shared helpers of
participation.competitions. The services are re-exported by participation.competitions."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from digitalagentur.core import services as core
from digitalagentur.core.models import ObjectChange

from .models import Competition, Criterion, Juror, Prize
from .rules import can_take_part

EXTRA_MAX_DEFAULT = 2000


def log(instance, action: str, *, user, region_id: int, changes=None, reason: str = ""):
    return core.log_change(
        instance, action, user=user, changes=changes, reason=reason, region_id=region_id
    )


def create_logged(instance, *, user, region_id: int, reason: str = ""):
    """Validate, save and log a new object of a model without its own region."""
    instance.full_clean()
    instance.save()
    log(
        instance,
        ObjectChange.Action.CREATE,
        user=user,
        region_id=region_id,
        changes=core.diff_snapshots({}, core.snapshot(instance)),
        reason=reason,
    )
    return instance


def locked_competition(competition: Competition | int) -> Competition:
    pk = competition.pk if isinstance(competition, Competition) else competition
    return Competition.objects.select_for_update().get(pk=pk)


def refuse_after_result(competition: Competition) -> None:
    if competition.result_published:
        raise ValidationError(
            _("Das Ergebnis ist veröffentlicht: die Bewertung kann nicht mehr geändert werden.")
        )


# The call -----------------------------------------------------------------------------------


def create_competition(competition: Competition, *, user=None, reason: str = "") -> Competition:
    """Save a new competition (extra fields checked) with the change log."""
    check_extra_field_definitions(competition.extra_fields)
    return core.create_object(competition, user=user, reason=reason)


def check_extra_field_definitions(definitions: Any) -> None:
    """The call's extra fields: a list of {"key", "label", "required", "max_length"}."""
    message = _(
        "Die zusätzlichen Felder sind eine Liste von Angaben mit Schlüssel (key) und "
        "Bezeichnung (label)."
    )
    if not isinstance(definitions, list):
        raise ValidationError({"extra_fields": message})
    keys = set()
    for item in definitions:
        if not isinstance(item, dict) or not item.get("key") or not item.get("label"):
            raise ValidationError({"extra_fields": message})
        if item["key"] in keys or item["key"] in ("title", "text", "municipality"):
            raise ValidationError(
                {"extra_fields": _("Das Feld „%(key)s“ ist doppelt.") % {"key": item["key"]}}
            )
        max_length = item.get("max_length", EXTRA_MAX_DEFAULT)
        if isinstance(max_length, bool) or not isinstance(max_length, int) or max_length < 1:
            raise ValidationError(
                {"extra_fields": _("Die Höchstlänge eines Feldes ist eine positive Zahl.")}
            )
        keys.add(item["key"])


@transaction.atomic
def add_criterion(
    competition: Competition,
    *,
    name: str,
    weight: Decimal | str | int = Decimal("1"),
    description: str = "",
    position: int | None = None,
    user=None,
) -> Criterion:
    competition = locked_competition(competition)
    refuse_after_result(competition)
    try:
        weight = Decimal(str(weight))
    except InvalidOperation:
        raise ValidationError({"weight": _("Das Gewicht ist eine Zahl größer als 0.")}) from None
    if not weight.is_finite() or weight <= 0:
        raise ValidationError({"weight": _("Das Gewicht ist eine Zahl größer als 0.")})
    if position is None:
        position = competition.criteria.count()
    criterion = Criterion(
        competition=competition,
        name=(name or "").strip(),
        description=(description or "").strip(),
        weight=weight,
        position=position,
    )
    return create_logged(criterion, user=user, region_id=competition.region_id)


@transaction.atomic
def add_prize(
    competition: Competition,
    *,
    name: str,
    position: int | None = None,
    description: str = "",
    user=None,
) -> Prize:
    competition = locked_competition(competition)
    if competition.result_published:
        raise ValidationError(_("Das Ergebnis ist schon veröffentlicht."))
    if position is None:
        last = competition.prizes.order_by("-position").values_list("position", flat=True)
        position = (last.first() or 0) + 1
    if competition.prizes.filter(position=position).exists():
        raise ValidationError({"position": _("Diesen Platz hat schon ein Preis.")})
    prize = Prize(
        competition=competition,
        position=position,
        name=(name or "").strip(),
        description=(description or "").strip(),
    )
    return create_logged(prize, user=user, region_id=competition.region_id)


@transaction.atomic
def add_juror(competition: Competition, user, *, actor=None) -> Juror:
    """Seat `user` in the jury (idempotent: an existing seat is returned)."""
    competition = locked_competition(competition)
    refuse_after_result(competition)
    if not can_take_part(user):
        raise ValidationError(_("Nur aktive Konten können in die Jury berufen werden."))
    existing = Juror.objects.filter(competition=competition, user=user).first()
    if existing is not None:
        return existing
    juror = Juror(competition=competition, user=user)
    return create_logged(juror, user=actor, region_id=competition.region_id)


@transaction.atomic
def remove_juror(juror: Juror, *, actor=None, reason: str = "") -> None:
    """Remove a juror and, with them, their scores and conflicts."""
    competition = locked_competition(juror.competition_id)
    refuse_after_result(competition)
    log(
        juror,
        ObjectChange.Action.DELETE,
        user=actor,
        region_id=competition.region_id,
        changes=core.diff_snapshots(core.snapshot(juror), {}),
        reason=reason,
    )
    juror.delete()
