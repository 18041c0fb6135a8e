"""Financing plans that are right to the cent (pure functions, no database).

Amounts are Decimal euros and are never rounded on the way: sums are exact, the grant and the
counted third-party money are rounded half up to cents once, where the rules say so, and
everything shown with fewer places is rounded for display only (display_millions). Shares
are rounded half up to four places.

The rules (issue 8, section 3):
- total, investive and consumptive add all lines; eligible_total adds the eligible ones;
- investive_share = investive / total, consumptive_share = consumptive / total (0 for no total);
- grant = min(funding_rate × eligible_total, max_grant), rounded half up to cents (a grant the
  cap cut is a warning);
- own_share = eligible_total − grant;
- third-party money counts up to third_party_max_share_of_own × own_share (rounded half up to
  cents; without that rule up to the whole own share); offering more is a warning;
- municipal_own_share = own_share − counted third-party money + (total − eligible_total);
- a duration over max_months is an error.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

CENT = Decimal("0.01")
SHARE = Decimal("0.0001")
ZERO = Decimal("0.00")
INVESTIVE, CONSUMPTIVE = "investive", "consumptive"
KINDS = (INVESTIVE, CONSUMPTIVE)


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def share(part: Decimal, whole: Decimal) -> Decimal:
    if not whole:
        return Decimal("0.0000")
    return (part / whole).quantize(SHARE, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Rules:
    funding_rate: Decimal  # 0.65 for 65 %
    max_grant: Decimal | None = None  # cap per application, euros
    third_party_max_share_of_own: Decimal | None = None  # 0.5: third parties pay ≤ half
    max_months: int | None = None


@dataclass(frozen=True)
class Line:
    label: str
    kind: str  # INVESTIVE or CONSUMPTIVE
    amount: Decimal
    eligible: bool = True


@dataclass
class Plan:
    total: Decimal
    eligible_total: Decimal
    investive: Decimal
    consumptive: Decimal
    investive_share: Decimal
    consumptive_share: Decimal
    grant: Decimal
    own_share: Decimal
    third_party: Decimal  # the counted amount
    municipal_own_share: Decimal
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def total_of(lines: Iterable[Line], *, kind: str | None = None, eligible_only=False) -> Decimal:
    return sum(
        (
            line.amount
            for line in lines
            if (kind is None or line.kind == kind) and (line.eligible or not eligible_only)
        ),
        ZERO,
    )


def compute(
    rules: Rules,
    lines: Iterable[Line],
    *,
    duration_months: int | None = None,
    third_party: Decimal = ZERO,
) -> Plan:
    """The financing plan of `lines` under `rules` (see the module's docstring)."""
    lines = list(lines)
    total = total_of(lines)
    eligible_total = total_of(lines, eligible_only=True)
    investive = total_of(lines, kind=INVESTIVE)
    consumptive = total_of(lines, kind=CONSUMPTIVE)
    warnings, errors = [], []

    grant = rules.funding_rate * eligible_total
    if rules.max_grant is not None and grant > rules.max_grant:
        warnings.append(
            _(
                "Die Förderung ist auf den Höchstbetrag von %(cap)s € begrenzt "
                "(ohne Begrenzung %(uncapped)s €)."
            )
            % {"cap": euro(rules.max_grant), "uncapped": euro(cents(grant))}
        )
        grant = rules.max_grant
    grant = cents(grant)
    own_share = eligible_total - grant

    allowed = own_share
    if rules.third_party_max_share_of_own is not None:
        allowed = cents(rules.third_party_max_share_of_own * own_share)
    counted = min(third_party, max(allowed, ZERO))
    if third_party > counted:
        warnings.append(
            _(
                "Mittel Dritter zählen höchstens mit %(allowed)s € (angeboten: %(offered)s €); "
                "der Rest verringert den Eigenanteil nicht."
            )
            % {"allowed": euro(counted), "offered": euro(third_party)}
        )
    if (
        rules.max_months is not None
        and duration_months is not None
        and duration_months > rules.max_months
    ):
        errors.append(
            _("Die Laufzeit von %(months)s Monaten überschreitet die zulässigen %(max)s Monate.")
            % {"months": duration_months, "max": rules.max_months}
        )
    return Plan(
        total=total,
        eligible_total=eligible_total,
        investive=investive,
        consumptive=consumptive,
        investive_share=share(investive, total),
        consumptive_share=share(consumptive, total),
        grant=grant,
        own_share=own_share,
        third_party=counted,
        municipal_own_share=own_share - counted + (total - eligible_total),
        warnings=warnings,
        errors=errors,
    )


def euro(value: Decimal) -> str:
    """An amount in German notation with cents: 15.000.000,00."""
    sign = "-" if value < 0 else ""
    whole, _dot, fraction = f"{abs(cents(value)):.2f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"{sign}{'.'.join(groups)},{fraction}"


def millions(value: Decimal, places: int = 2) -> Decimal:
    """Euros as millions rounded half up for display ("8,16 Mio. €"); never add these up."""
    return (value / Decimal(1_000_000)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def split(amount: Decimal, weights: dict) -> dict:
    """`amount` (euros with cents) split across the keys of `weights` in proportion to their
    weights, to the cent and adding up exactly to `amount` (largest remainder: every key gets
    its share rounded down to cents, the cents left over go to the largest remainders, ties to
    the earlier key). Keys with weight 0 get nothing; no positive weight gives an empty split."""
    positive = {key: Fraction(weight) for key, weight in weights.items() if weight > 0}
    if not positive:
        return {}
    total_cents = int(cents(amount) * 100)
    if total_cents < 0:
        raise ValueError("only a non-negative amount is split")
    whole = sum(positive.values())
    exact = {key: total_cents * weight / whole for key, weight in positive.items()}
    parts = {key: math.floor(value) for key, value in exact.items()}
    left = total_cents - sum(parts.values())
    order = sorted(positive, key=lambda key: exact[key] - parts[key], reverse=True)
    for key in order[:left]:
        parts[key] += 1
    return {key: (Decimal(value) / 100).quantize(CENT) for key, value in parts.items()}
