"""Display helpers of the indicator pages in the staff area."""

from __future__ import annotations

from decimal import InvalidOperation

from django import template
from django.utils import formats

from digitalagentur.indicators.numbers import display

register = template.Library()


@register.filter
def measure(value, decimals=0) -> str:
    """A value with the indicator's decimals, in German notation: 1.234,5 (– when empty)."""
    if value is None or value == "":
        return "–"
    try:
        return display(value, max(0, min(int(decimals), 4)))
    except (InvalidOperation, TypeError, ValueError):
        return str(value)


@register.filter
def exact(value) -> str:
    """A number with all its given digits, in German notation: 1.234,56 (– when empty)."""
    if value is None or value == "":
        return "–"
    return formats.number_format(value, use_l10n=True, force_grouping=True)
