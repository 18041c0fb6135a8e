"""Filters and order of the idea list: field of action, town, status, a search and the order
by support or date.

`status` takes the public statuses only (published, review, adopted, declined); any other
value, including the statuses of the moderation that are never public (received, rejected,
merged), is a 400 with the field's German message, as an unknown field or town slug is.
"""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from digitalagentur.participation import services
from digitalagentur.participation.choices import PUBLIC_STATUSES
from digitalagentur.participation.models import Idea
from digitalagentur.portfolio.filtersets import (
    SlugChoiceFilter,
    region_municipalities,
    visible_fields,
)

NEWEST = "-created"
MOST_SUPPORTED = "-supporters"
ORDERING_CHOICES = [
    (NEWEST, _("neueste zuerst")),
    (MOST_SUPPORTED, _("meiste Unterstützung zuerst")),
    ("created", _("älteste zuerst")),
    ("supporters", _("wenigste Unterstützung zuerst")),
]
ORDERS = {
    NEWEST: ("-created", "-pk"),
    MOST_SUPPORTED: ("-supporters", "-created", "-pk"),
    "created": ("created", "pk"),
    "supporters": ("supporters", "created", "pk"),
}


def order_ideas(queryset, value: str):
    """Ideas (annotated with `supporters`) in the order `value` names; ties to a stable order."""
    return queryset.order_by(*ORDERS.get(value, ORDERS[NEWEST]))


class IdeaFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Suche"),
        method="filter_search",
        max_length=200,
        help_text=_("Sucht in Titel und Beschreibung (jedes Wort muss vorkommen)."),
    )
    field = SlugChoiceFilter(
        label=_("Handlungsfeld"),
        to_field_name="slug",
        queryset=visible_fields,
        help_text=_("Kürzel des Handlungsfelds"),
    )
    municipality = SlugChoiceFilter(
        label=_("Kommune"),
        to_field_name="slug",
        queryset=region_municipalities,
        help_text=_("Kürzel der Stadt oder Gemeinde"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(status.value, status.label) for status in PUBLIC_STATUSES],
        help_text=_(
            "Nur öffentliche Status: published, review, adopted oder declined (andere: 400)"
        ),
    )
    ordering = django_filters.ChoiceFilter(
        label=_("Sortierung"),
        choices=ORDERING_CHOICES,
        method="filter_ordering",
        help_text=_(
            "-created (neueste zuerst, Standard), -supporters (meiste Unterstützung zuerst), "
            "created oder supporters (aufsteigend)"
        ),
    )

    class Meta:
        model = Idea
        fields = ["q", "field", "municipality", "status", "ordering"]

    def filter_search(self, queryset, name, value):
        # The search runs as a subquery, so that the list's count of supporters (a GROUP BY)
        # is not grouped by the search document as well.
        matching = services.search_ideas(Idea.objects.all(), value).values("pk")
        return queryset.filter(pk__in=matching)

    def filter_ordering(self, queryset, name, value):
        return order_ideas(queryset, value)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("ordering"):
            queryset = order_ideas(queryset, NEWEST)
        return queryset

    @classmethod
    def unfiltered(cls, queryset):
        """The list without parameters (api/filters.py builds no filter set then)."""
        return order_ideas(queryset, NEWEST)
