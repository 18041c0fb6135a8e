"""Indicators in words: the sentences staff and public pages share (the numbers in the
active language's format, indicators/numbers.display)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from .chart import format_date
from .choices import IndicatorStatus
from .models import Indicator
from .numbers import display
from .queries import IndicatorRow


def with_unit(text: str, unit: str) -> str:
    return f"{text} {unit}" if unit else text


def value_text(indicator: Indicator, value, decimals: int | None = None) -> str:
    places = indicator.decimals if decimals is None else decimals
    return with_unit(display(value, places), indicator.unit)


def as_decimal(value: Fraction) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator)


def explanation(row: IndicatorRow) -> str:
    """One sentence on how the status comes about, e.g. "Letzter Wert 118 Anzahl (31.12.2025),
    nach Zielpfad erwartet 120 Anzahl – gefährdet."."""
    indicator, assessment = row.indicator, row.assessment
    if assessment.latest is None:
        return _("Noch kein Messwert der Region erfasst; ohne Messwert gibt es keine Bewertung.")
    day, value = assessment.latest
    latest = {"value": value_text(indicator, value), "date": format_date(day)}
    if assessment.expected is None:
        return (
            _("Letzter Wert %(value)s (%(date)s); ohne Zielwert gibt es keine Bewertung.") % latest
        )
    expected = as_decimal(assessment.expected)
    places = indicator.decimals
    # A lag smaller than the shown places would read "118, erwartet 118 – gefährdet".
    while (
        assessment.status != IndicatorStatus.ON_TRACK
        and places < 4
        and display(expected, places) == display(value, places)
    ):
        places += 1
    return _(
        "Letzter Wert %(value)s (%(date)s), nach Zielpfad erwartet %(expected)s – %(status)s."
    ) % {
        **latest,
        "value": value_text(indicator, value, places),
        "expected": value_text(indicator, expected, places),
        "status": IndicatorStatus(assessment.status).label,
    }
