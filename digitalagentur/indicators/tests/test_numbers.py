"""One rule for numbers typed into forms and import files."""

from decimal import Decimal

import pytest

from digitalagentur.indicators.numbers import parse_decimal, plain


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12,5", Decimal("12.5")),
        ("12.5", Decimal("12.5")),
        ("0.125", Decimal("0.125")),  # no thousands separator: starts with 0
        ("1650", Decimal(1650)),
        ("1 650", Decimal(1650)),
        ("-3,25", Decimal("-3.25")),
        ("99999999999,9999", Decimal("99999999999.9999")),
        ("12,50000", Decimal("12.5")),  # more places, but only zeros
        ("1.650", None),  # 1650 as the pages show it, or 1.65? Refused, never guessed.
        ("12.345.678", None),
        ("1.234,5", None),
        ("100000000000", None),  # 12 digits before the point
        ("1" * 25, None),
        ("1e3", None),
        ("NaN", None),
        ("12,34567", None),
        ("", None),
        (None, None),
        (True, None),
        (1e30, None),
        (42, Decimal(42)),
        (0.25, Decimal("0.25")),
    ],
)
def test_parse_decimal(text, expected):
    assert parse_decimal(text) == expected


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("118.0000"), "118"),
        (Decimal("12.5000"), "12,5"),
        (Decimal("-0.0100"), "-0,01"),
        (Decimal("1E+3"), "1000"),
    ],
)
def test_plain(value, text):
    assert plain(value) == text
