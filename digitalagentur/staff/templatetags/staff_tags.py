"""Small display helpers of the staff templates."""

from django import template
from django.utils import formats

from digitalagentur.strategy.choices import DatePrecision

register = template.Library()


@register.filter
def precise_date(value, precision=DatePrecision.DAY):
    """A date shown as precisely as it is known: 01.07.2021, Juli 2021 or 2021."""
    if not value:
        return "–"
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return formats.date_format(value, "F Y")
    return formats.date_format(value, "d.m.Y")


@register.filter
def get_item(mapping, key):
    """mapping[key] for dicts and QueryDicts (None when missing)."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None
