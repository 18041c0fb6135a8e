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
    ActivityFirstFilterSet,
    StrictBooleanFilter,
)
from digitalagentur.strategy.models import Field, PriorityGroup
from digitalagentur.tenancy.models import Municipality
from digitalagentur.tenancy.pagecache import region_cached

# Most recent activity first (the default order, so the select shows it without a choice).
PUBLIC_ORDERING_CHOICES = sorted(
    ((value, label) for value, label in ORDERING_CHOICES if value.lstrip("-") != "updated"),
    key=lambda choice: choice[0] != "-activity",
)


def choice_lists(region) -> dict[str, list[tuple[str, str]]]:
    """What the public may choose in the filters: published fields of the published strategy,
    its priority groups and the towns; cached until the region's content changes."""

    def load():
        fields = Field.objects.filter(region=region, published=True, strategy__published=True)
        groups = PriorityGroup.objects.filter(region=region, strategy__published=True)
        towns = Municipality.objects.filter(region=region)
        return {
            "field": [(f.slug, f.name) for f in fields.order_by("name", "pk")],
            "priority_group": [(str(g.number), str(g)) for g in groups.order_by("number", "pk")],
            "municipality": [(m.slug, m.name) for m in towns.order_by("name", "pk")],
        }

    if region is None:
        return {"field": [], "priority_group": [], "municipality": []}
    return region_cached(region, "public-filter-choices", load)


def _yes_no_select(yes: str, no: str) -> forms.Select:
    return forms.Select(choices=[("", _("alle")), ("true", yes), ("false", no)])


class PublicProjectFilterSet(ActivityFirstFilterSet):
    # Choices come from choice_lists() (set in __init__): no query while it is cached.
    field = django_filters.ChoiceFilter(
        label=_("Handlungsfeld"), field_name="field__slug", empty_label=_("alle")
    )
    priority_group = django_filters.ChoiceFilter(
        label=_("Prioritätengruppe"),
        field_name="field__priority_group__number",
        method="filter_priority_group",
        empty_label=_("alle"),
    )
    municipality = django_filters.ChoiceFilter(
        label=_("Kommune"),
        field_name="participations__municipality__slug",
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, options in choice_lists(getattr(self.request, "region", None)).items():
            self.filters[name].extra["choices"] = options

    class Meta(ActivityFirstFilterSet.Meta):
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


class LenientFilterForm(forms.Form):
    """A list's filter form: an unknown value is reported (problems()) and ignored, the others
    apply (values())."""

    def values(self) -> dict[str, str]:
        """The usable values (invalid ones dropped; the form is validated first)."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            name: cleaned.get(name) or ""
            for name in self.fields
            if name not in self.errors and cleaned.get(name)
        }

    def problems(self) -> list[str]:
        return [
            f"{self.fields[name].label}: {' '.join(str(e) for e in errors)}"
            for name, errors in self.errors.items()
            if name in self.fields
        ]
