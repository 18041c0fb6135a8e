"""Numbers of indicators as people type and read them (pure functions, one rule for the staff
forms and the import; the API takes JSON numbers, api/indicator_serializers.py).

Typed: "12,5" (German) or "12.5"; spaces and non-breaking spaces between digits are ignored.
Refused: anything with a thousands separator that could be misread ("1.650" would be 1.65 in
English but 1650 in German; the pages show 1650 as "1.650"), exponents, NaN, more than
DECIMAL_PLACES places or a number too large to store.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

from django.utils.formats import number_format

# Values and targets: up to 11 digits before the decimal point, 4 after (15 significant
# digits in all: what SQLite keeps of a decimal without rounding).
VALUE_DIGITS = {"max_digits": 15, "decimal_places": 4}
DECIMAL_PLACES = VALUE_DIGITS["decimal_places"]
WHOLE_DIGITS = VALUE_DIGITS["max_digits"] - DECIMAL_PLACES
STEP = Decimal(1).scaleb(-DECIMAL_PLACES)
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
_GROUPED = re.compile(r"[+-]?[1-9]\d{0,2}(?:\.\d{3})+")  # 1.650 or 12.345.678


def parse_decimal(text: object) -> Decimal | None:
    """The number `text` spells (a str, int or float), or None when it is no valid value."""
    if isinstance(text, bool):
        return None
    if isinstance(text, int | float):
        text = repr(text)
    if not isinstance(text, str):
        return None
    text = text.strip().replace("\u00a0", "").replace(" ", "")
    if not _NUMBER.fullmatch(text) or _GROUPED.fullmatch(text):
        return None
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None
    return value if fits(value) else None


def fits(value: Decimal) -> bool:
    """Whether the value can be stored exactly (no more places, not too large)."""
    if not value.is_finite():
        return False
    if value != 0 and value.adjusted() >= WHOLE_DIGITS:
        return False
    return value == value.quantize(STEP)


def plain(value: Decimal) -> str:
    """A value for titles and the change log: no trailing zeros, a decimal comma."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def display(value, decimals: int = 0) -> str:
    """A number for people, in the active language's format with thousands grouped ("1.234,5"
    in German), rounded half up to `decimals` places (Django's own formatting truncates).
    Takes a Decimal, an int, a float or a Fraction (indicators/status.py computes exactly)."""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # never "-0"
    return number_format(rounded, decimals, use_l10n=True, force_grouping=True)
