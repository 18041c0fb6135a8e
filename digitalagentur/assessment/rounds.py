"""Assessment rounds (issue 9 §2): creating and changing rounds and their grouping rule.

Every write of a round goes through digitalagentur.core.services (change log, optimistic
lock). The towns' responses are in assessment.responses.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from digitalagentur.core.services import (
    EditConflict,
    create_object,
    delete_object,
    update_object,
)

from .models import (
    Answer,
    Combine,
    QuestionnaireKind,
    Response,
    ResponseStatus,
    Round,
)

ROUND_VALUES = (
    "slug",
    "title",
    "description",
    "questionnaire",
    "deadline",
    "combine",
    "group_sizes",
    "thresholds",
    "published",
)
MAX_GROUPS = 9

# --- rounds ------------------------------------------------------------------------------------


def _number(value) -> Fraction:
    """A threshold as an exact Fraction (int, float as written, Decimal or decimal string)."""
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        return Fraction(repr(value))
    if isinstance(value, Decimal | str):
        try:
            number = Decimal(str(value).strip().replace(",", "."))
        except InvalidOperation:
            raise ValueError from None
        if not number.is_finite():
            raise ValueError
        return Fraction(number)
    raise ValueError


def _json_number(value: Fraction) -> int | float:
    if value.denominator == 1:
        return int(value)
    return float(Decimal(value.numerator) / value.denominator)


def threshold_fractions(round: Round) -> tuple[Fraction, Fraction] | None:
    if round.thresholds is None:
        return None
    first, second = round.thresholds
    return _number(first), _number(second)


def clean_grouping(group_sizes, thresholds, field_count: int) -> tuple[list | None, list | None]:
    """The round's grouping rule checked: exactly one of `group_sizes` (whole numbers >= 0,
    at most nine groups, adding up to the number of fields) and `thresholds` ([t1, t2] with
    t1 >= t2)."""
    if group_sizes in ("", []):
        group_sizes = None
    if thresholds in ("", []):
        thresholds = None
    if (group_sizes is None) == (thresholds is None):
        raise ValidationError(
            _("Bitte genau eines angeben: Gruppengrößen oder Schwellenwerte."), code="grouping"
        )
    if group_sizes is not None:
        if (
            not isinstance(group_sizes, list | tuple)
            or not 1 <= len(group_sizes) <= MAX_GROUPS
            or any(isinstance(s, bool) or not isinstance(s, int) or s < 0 for s in group_sizes)
        ):
            raise ValidationError(
                {
                    "group_sizes": _(
                        "Die Gruppengrößen müssen ganze Zahlen ab 0 sein (höchstens neun Gruppen)."
                    )
                }
            )
        if sum(group_sizes) != field_count:
            raise ValidationError(
                {
                    "group_sizes": _(
                        "Die Gruppengrößen ergeben zusammen %(sum)s, die Runde hat aber "
                        "%(count)s Handlungsfelder."
                    )
                    % {"sum": sum(group_sizes), "count": field_count}
                }
            )
        return list(group_sizes), None
    if not isinstance(thresholds, list | tuple) or len(thresholds) != 2:
        raise ValidationError({"thresholds": _("Bitte zwei Schwellenwerte angeben: t1 und t2.")})
    try:
        first, second = (_number(v) for v in thresholds)
    except ValueError:
        raise ValidationError({"thresholds": _("Die Schwellenwerte müssen Zahlen sein.")}) from None
    if first < second:
        raise ValidationError({"thresholds": _("t1 darf nicht kleiner als t2 sein.")})
    return None, [_json_number(first), _json_number(second)]


def _clean_round(region, values: dict, municipalities: list, fields: list) -> dict:
    values = dict(values)
    errors: dict[str, list] = {}
    if not values.get("deadline"):
        errors.setdefault("deadline", []).append(_("Bitte eine Frist angeben."))
    elif not isinstance(values["deadline"], datetime.datetime):
        errors.setdefault("deadline", []).append(_("Bitte eine gültige Frist angeben."))
    questionnaire = values.get("questionnaire")
    if questionnaire is None:
        errors.setdefault("questionnaire", []).append(_("Bitte einen Fragebogen wählen."))
    elif questionnaire.region_id != region.pk or questionnaire.kind != QuestionnaireKind.ASSESSMENT:
        errors.setdefault("questionnaire", []).append(
            _("Bitte einen Fragebogen der Bedarfsanalyse dieser Region wählen.")
        )
    if values.get("combine", Combine.PRODUCT) not in Combine.values:
        errors.setdefault("combine", []).append(_("Unbekannte Art des Gesamtwerts."))
    if not municipalities:
        errors.setdefault("municipalities", []).append(_("Bitte mindestens eine Kommune wählen."))
    elif any(m.region_id != region.pk for m in municipalities):
        errors.setdefault("municipalities", []).append(_("Es gehen nur Kommunen dieser Region."))
    if not fields:
        errors.setdefault("fields", []).append(_("Bitte mindestens ein Handlungsfeld wählen."))
    elif any(f.region_id != region.pk for f in fields) or len({f.strategy_id for f in fields}) > 1:
        errors.setdefault("fields", []).append(
            _("Es gehen nur Handlungsfelder der Strategie dieser Region.")
        )
    try:
        values["group_sizes"], values["thresholds"] = clean_grouping(
            values.get("group_sizes"), values.get("thresholds"), len(fields)
        )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for key, messages in error.message_dict.items():
                errors.setdefault(key, []).extend(messages)
        else:
            errors.setdefault(NON_FIELD_ERRORS, []).extend(error.messages)
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def create_round(
    region, values: Mapping[str, Any], *, municipalities: Iterable, fields: Iterable, user=None
) -> Round:
    """A new round of `region`. `values`: slug, title, description, questionnaire, deadline,
    combine, group_sizes or thresholds, published. Raises ValidationError (German)."""
    municipalities, fields = list(municipalities), list(fields)
    values = {k: v for k, v in values.items() if k in ROUND_VALUES}
    values = _clean_round(region, values, municipalities, fields)
    round = Round(region=region, **values)
    return create_object(
        round,
        user=user,
        m2m={"municipalities": [m.pk for m in municipalities], "fields": [f.pk for f in fields]},
    )


@transaction.atomic
def update_round(
    round: Round,
    values: Mapping[str, Any],
    *,
    expected_version: int | None,
    user=None,
    municipalities: Iterable | None = None,
    fields: Iterable | None = None,
    reason: str = "",
) -> Round:
    """Change a round (EditConflict when it changed since `expected_version`); towns and
    fields are kept unless given. Refused (German ValidationError): removing a town that has
    a response, removing a field that has answers, and changing the questionnaire once the
    round has responses (their answers belong to the revision they were given)."""
    locked = (
        Round.objects.select_for_update(of=("self",))
        .select_related("region")
        .filter(pk=round.pk)
        .first()
    )
    if locked is None:
        raise EditConflict(round, expected_version)
    round = locked
    if expected_version is None or round.version != expected_version:
        raise EditConflict(round, expected_version)
    current_towns = list(round.municipalities.all())
    current_fields = list(round.fields.all())
    towns = current_towns if municipalities is None else list(municipalities)
    new_fields = current_fields if fields is None else list(fields)
    merged = {name: getattr(round, name) for name in ROUND_VALUES}
    merged.update({k: v for k, v in values.items() if k in ROUND_VALUES})
    merged = _clean_round(round.region, merged, towns, new_fields)
    _check_kept_data(round, merged, current_towns, towns, current_fields, new_fields)
    return update_object(
        round,
        merged,
        expected_version=expected_version,
        user=user,
        reason=reason,
        m2m={"municipalities": [m.pk for m in towns], "fields": [f.pk for f in new_fields]},
        m2m_before={
            "municipalities": [m.pk for m in current_towns],
            "fields": [f.pk for f in current_fields],
        },
    )


def _names(objects) -> str:
    return ", ".join(sorted(str(o) for o in objects))


def _check_kept_data(round, merged, current_towns, towns, current_fields, new_fields) -> None:
    """Refuse changes that would hide or orphan the towns' answers (see update_round)."""
    errors: dict[str, list] = {}
    responses = Response.objects.filter(round=round)
    kept_towns = {m.pk for m in towns}
    removed_towns = [m for m in current_towns if m.pk not in kept_towns]
    if removed_towns:
        answered = set(
            responses.filter(municipality__in=removed_towns).values_list(
                "municipality_id", flat=True
            )
        )
        blocked = [m for m in removed_towns if m.pk in answered]
        if blocked:
            errors["municipalities"] = [
                _(
                    "Diese Kommunen haben schon geantwortet und bleiben deshalb in der Runde: "
                    "%(names)s."
                )
                % {"names": _names(blocked)}
            ]
    kept_fields = {f.pk for f in new_fields}
    removed_fields = [f for f in current_fields if f.pk not in kept_fields]
    if removed_fields:
        answered = set(
            Answer.objects.filter(response__round=round, field__in=removed_fields).values_list(
                "field_id", flat=True
            )
        )
        blocked = [f for f in removed_fields if f.pk in answered]
        if blocked:
            errors["fields"] = [
                _(
                    "Zu diesen Handlungsfeldern gibt es schon Antworten; sie bleiben deshalb in "
                    "der Runde: %(names)s."
                )
                % {"names": _names(blocked)}
            ]
    questionnaire = merged.get("questionnaire")
    if (
        questionnaire is not None
        and questionnaire.pk != round.questionnaire_id
        and responses.exists()
    ):
        errors["questionnaire"] = [
            _("Die Runde hat schon Antworten; der Fragebogen kann nicht mehr gewechselt werden.")
        ]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def delete_round(
    round: Round, *, expected_version: int | None, user=None, reason: str = ""
) -> None:
    """Delete a round (change log with `reason`; EditConflict when it changed since
    `expected_version`). Refused (German ValidationError) when the round has submitted
    responses (they are kept) or its results were applied to the strategy."""
    locked = Round.objects.select_for_update().filter(pk=round.pk).first()
    if locked is None:
        raise EditConflict(round, expected_version)
    if expected_version is not None and locked.version != expected_version:
        raise EditConflict(locked, expected_version)
    if locked.applied_version_id:
        raise ValidationError(
            _(
                "Die Ergebnisse dieser Runde wurden in die Strategie übernommen; "
                "sie bleibt erhalten."
            )
        )
    if Response.objects.filter(round=locked, status=ResponseStatus.SUBMITTED).exists():
        raise ValidationError(
            _(
                "Die Runde hat eingereichte Antworten; sie bleiben erhalten, die Runde kann "
                "daher nicht gelöscht werden."
            )
        )
    delete_object(locked, expected_version=expected_version, user=user, reason=reason)
