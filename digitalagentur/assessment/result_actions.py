"""Writes on a round's results (issue 9 §3): the coordination's group overrides and applying
the final groups to the strategy (`apply_to_strategy`). The reading side is results.py."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from digitalagentur.core.services import EditConflict, create_object, delete_object, update_object
from digitalagentur.strategy.models import Field, PriorityGroup, Strategy, StrategyVersion

from .models import GroupOverride, ResponseStatus, Round
from .responses import is_open, missing_municipalities, participant_responses
from .results import RoundResults, group_count, roman, round_results

# --- overrides ----------------------------------------------------------------------------------


def _check_field(round: Round, field) -> None:
    if not round.fields.filter(pk=field.pk).exists():
        raise ValidationError(_("Dieses Handlungsfeld gehört nicht zur Bewertungsrunde."))


def _lock_round(round: Round) -> Round:
    """The round's row, locked for the transaction (EditConflict when it was deleted)."""
    locked = Round.objects.select_for_update().filter(pk=round.pk).first()
    if locked is None:
        raise EditConflict(round, None)
    return locked


def _check_override_version(current: GroupOverride | None, expected_version, round, field):
    """`expected_version`: the version of the override the caller showed (None: not
    checked). An override changed, removed or added meanwhile is an EditConflict."""
    if expected_version is None:
        return
    if current is None:
        raise EditConflict(
            GroupOverride(round=round, field=field, region_id=round.region_id), expected_version
        )
    if current.version != expected_version:
        raise EditConflict(current, expected_version)


@transaction.atomic
def set_override(
    round: Round, field, group, reason: str, *, user, expected_version: int | None = None
) -> GroupOverride:
    """Put `field` into priority group `group` whatever the consolidation says (reason
    required). Replaces an existing override of the field. `expected_version`: the existing
    override's version the caller showed (None: no check); stale -> EditConflict. The
    round's row is locked first, so two first overrides of a field never both insert."""
    round = _lock_round(round)
    _check_field(round, field)
    count = group_count(round)
    if isinstance(group, bool) or not isinstance(group, int) or not 1 <= group <= count:
        raise ValidationError(
            {
                "priority_group": _("Bitte eine Prioritätengruppe von 1 bis %(count)s wählen.")
                % {"count": count}
            }
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Bitte begründen Sie die abweichende Einstufung.")})
    current = GroupOverride.objects.select_for_update().filter(round=round, field=field).first()
    _check_override_version(current, expected_version, round, field)
    if current is None:
        return create_object(
            GroupOverride(
                region_id=round.region_id,
                round=round,
                field=field,
                priority_group=group,
                reason=reason,
                user=user if user is not None and user.is_authenticated else None,
            ),
            user=user,
            reason=reason,
        )
    return update_object(
        current,
        {
            "priority_group": group,
            "reason": reason,
            "user": user if user is not None and user.is_authenticated else None,
        },
        expected_version=current.version,
        user=user,
        reason=reason,
    )


@transaction.atomic
def clear_override(round: Round, field, *, user, expected_version: int | None = None) -> bool:
    """Remove the override of `field` (False: there was none). `expected_version`: the
    override's version the caller showed (None: no check); changed meanwhile ->
    EditConflict."""
    round = _lock_round(round)
    current = GroupOverride.objects.select_for_update().filter(round=round, field=field).first()
    if current is None:
        return False
    _check_override_version(current, expected_version, round, field)
    delete_object(
        current,
        expected_version=current.version,
        user=user,
        reason=_("Abweichende Einstufung aufgehoben"),
    )
    return True


# --- applying to the strategy -------------------------------------------------------------------


def _version_name(strategy, title: str) -> str:
    base = _("Nach Bewertungsrunde %(title)s") % {"title": title}
    base = base[:190]
    taken = set(
        StrategyVersion.objects.filter(strategy=strategy, name__startswith=base).values_list(
            "name", flat=True
        )
    )
    name, number = base, 2
    while name in taken:
        name = f"{base} ({number})"
        number += 1
    return name


def _check_applicable(round: Round, results: RoundResults) -> None:
    """Refusals of apply_to_strategy (German ValidationError), see there."""
    if not participant_responses(round).filter(status=ResponseStatus.SUBMITTED).exists():
        raise ValidationError(
            _("Noch keine Kommune hat eingereicht; es gibt nichts in die Strategie zu übernehmen.")
        )
    if is_open(round):
        missing = list(missing_municipalities(round))
        if missing:
            raise ValidationError(
                _(
                    "Die Runde läuft noch, und nicht alle Kommunen haben eingereicht (es fehlen: "
                    "%(names)s). Bitte die Frist abwarten oder die fehlenden Antworten einholen."
                )
                % {"names": ", ".join(m.name for m in missing)}
            )
    if not results.rows:
        raise ValidationError(_("Die Runde hat keine Handlungsfelder."))
    count = group_count(round)
    too_high = [row for row in results.rows if row.override and row.override.priority_group > count]
    if too_high:
        raise ValidationError(
            _(
                "Die abweichende Einstufung von %(fields)s nennt eine Gruppe, die es nach der "
                "Regel der Runde (%(count)s Gruppen) nicht mehr gibt; bitte ändern oder "
                "aufheben."
            )
            % {
                "fields": ", ".join(
                    f"„{row.field.name}“ ({roman(row.override.priority_group)})" for row in too_high
                ),
                "count": count,
            }
        )


def apply_to_strategy(
    round: Round, *, user, note: str = "", expected_version: int | None = None
) -> StrategyVersion:
    """Write the final priority groups of the round's fields into the strategy (change log
    with a reason naming the round, and the coordination's `note` when given), freeze a new
    strategy version and remember it on the round. All or nothing. The caller checked
    rules.manage_denial.

    `expected_version`: the round's version the caller showed (None: no check); changed
    meanwhile -> EditConflict. Refused (German ValidationError): without any submitted
    response; while the round is open unless every participating town has submitted; when
    an override names a group the round's rule no longer has. A field without a combined
    score and without an override keeps its current group (it is not written). Missing
    priority groups are created (through the services) under a lock of the strategy row, so
    two applies at once never collide."""
    from digitalagentur.strategy.versions import freeze_version

    with transaction.atomic():
        locked = _lock_round(round)
        if expected_version is not None and locked.version != expected_version:
            raise EditConflict(locked, expected_version)
        results = round_results(locked)
        _check_applicable(locked, results)
        strategy = Strategy.objects.select_for_update().get(pk=results.rows[0].field.strategy_id)
        reason = _("Ergebnis der Bewertungsrunde „%(title)s“") % {"title": locked.title}
        if note.strip():
            reason = f"{reason}: {note.strip()}"[:500]
        groups = {g.number: g for g in PriorityGroup.objects.filter(strategy=strategy)}
        for row in results.rows:
            if row.combined is None and row.override is None:
                continue  # no score: the consolidation says nothing about this field
            number = row.group
            group = groups.get(number)
            if group is None:
                group = create_object(
                    PriorityGroup(
                        region_id=strategy.region_id,
                        strategy=strategy,
                        number=number,
                        name=_("Priorität %(number)s") % {"number": roman(number)},
                    ),
                    user=user,
                    reason=reason,
                )
                groups[number] = group
            field = Field.objects.select_for_update().get(pk=row.field.pk)
            if field.priority_group_id != group.pk:
                update_object(
                    field,
                    {"priority_group": group},
                    expected_version=field.version,
                    user=user,
                    reason=reason,
                )
        version = freeze_version(
            strategy, _version_name(strategy, locked.title), user=user, note=reason
        )
        update_object(
            locked,
            {"applied_version": version, "applied_at": timezone.now()},
            expected_version=locked.version,
            user=user,
            reason=reason,
        )
    round.refresh_from_db()
    return version
