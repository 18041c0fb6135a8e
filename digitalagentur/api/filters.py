"""Filters of API lists that no other list page shares (projects: portfolio.filtersets)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from digitalagentur.portfolio.filtersets import IntegerFilter
from digitalagentur.strategy.models import Field


class FieldFilterSet(django_filters.FilterSet):
    priority_group = IntegerFilter(
        label=_("Prioritätengruppe"),
        field_name="priority_group__number",
        min_value=1,
        max_value=32767,
        help_text=_("Nummer der Prioritätengruppe (1, 2 oder 3)"),
    )

    class Meta:
        model = Field
        fields = ["priority_group"]
