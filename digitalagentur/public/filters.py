"""Filters, search and sorting of the public project list.

Builds on the shared portfolio.filtersets.ProjectFilterSet (same parameter names, search and
sorting as the API), with form controls for people instead of API parameters, and choices that
only ever list what the public may see, even for a signed-in staff member: a draft field's slug
or another region's town is an invalid value, reported by the form and ignored (still 200).
"""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from digitalagentur.portfolio.choices import ProjectStatus
from digitalagentur.portfolio.filtersets import (
    ORDERING_CHOICES,
    ProjectFilterSet,
    SlugChoiceFilter,
    StrictBooleanFilter,
    region_municipalities,
)
from digitalagentur.strategy.models import Field, PriorityGroup

PUBLIC_ORDERING_CHOICES = [
    (value, label) for value, label in ORDERING_CHOICES if value.lstrip("-") != "updated"
]


def public_fields(request):
    """Published fields of the region's published strategy (one query, no strategy lookup)."""
    region = getattr(request, "region", None)
    if region is None:
        return Field.objects.none()
    return Field.objects.filter(region=region, published=True, strategy__published=True)


def public_priority_groups(request):
    region = getattr(request, "region", None)
    if region is None:
        return PriorityGroup.objects.none()
    return PriorityGroup.objects.filter(region=region, strategy__published=True)


def _yes_no_select(yes: str, no: str) -> forms.Select:
    return forms.Select(choices=[("", _("alle")), ("true", yes), ("false", no)])


class PublicProjectFilterSet(ProjectFilterSet):
    field = SlugChoiceFilter(
        label=_("Handlungsfeld"),
        to_field_name="slug",
        queryset=public_fields,
        empty_label=_("alle"),
    )
    priority_group = django_filters.ModelChoiceFilter(
        label=_("Prioritätengruppe"),
        field_name="field__priority_group",
        method="filter_priority_group",
        to_field_name="number",
        queryset=public_priority_groups,
        empty_label=_("alle"),
    )
    municipality = SlugChoiceFilter(
        label=_("Kommune"),
        field_name="participations__municipality",
        to_field_name="slug",
        queryset=region_municipalities,
        empty_label=_("alle"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ProjectStatus.choices, empty_label=_("alle")
    )
    is_lighthouse = StrictBooleanFilter(
        label=_("Leuchtturmprojekt"), widget=_yes_no_select(_("ja"), _("nein"))
    )
    is_strategy_project = StrictBooleanFilter(
        label=_("Art des Projekts"),
        widget=_yes_no_select(_("Projekte der Strategie"), _("lokale Projekte")),
    )
    ordering = django_filters.ChoiceFilter(
        label=_("Sortierung"),
        choices=PUBLIC_ORDERING_CHOICES,
        method="order_projects",
        empty_label=None,
    )
    # The public list holds published projects only: no "published" filter.
    published = None

    class Meta(ProjectFilterSet.Meta):
        fields = [
            "q",
            "field",
            "priority_group",
            "municipality",
            "status",
            "is_lighthouse",
            "is_strategy_project",
            "ordering",
        ]
