"""Filters, search and sorting of project lists, shared by the REST API and plain Django views.

Usage in a plain view::

    filterset = ProjectFilterSet(request.GET, queryset=visible_projects(request), request=request)
    projects = filterset.qs            # invalid values are reported in filterset.errors

The choices of field and town come from the request's region, and for users without internal
read access only published fields are valid choices; so another region's slug or a draft
field's slug is an invalid value (the API answers 400, a plain view can show the form error).
"""

from __future__ import annotations

import re

import django_filters
from django import forms
from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from digitalagentur.strategy.models import Field
from digitalagentur.tenancy.models import Municipality

from .choices import STATUS_ORDER, ProjectStatus
from .models import Participation, Project, leads_first
from .search import search_projects

SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]+\Z")


ORDERING_CHOICES = [
    ("code", _("Kennung")),
    ("-code", _("Kennung, absteigend")),
    ("title", _("Titel A–Z")),
    ("-title", _("Titel Z–A")),
    ("status", _("Status")),
    ("-status", _("Status, absteigend")),
    ("progress", _("Fortschritt, aufsteigend")),
    ("-progress", _("Fortschritt, absteigend")),
    ("updated", _("Steckbrief geändert, älteste zuerst")),
    ("-updated", _("Steckbrief geändert, neueste zuerst")),
    ("activity", _("zuletzt aktualisiert, älteste zuerst")),
    ("-activity", _("zuletzt aktualisiert, neueste zuerst")),
]

TRUE_VALUES = {"true", "1", "ja", "yes", "on"}
FALSE_VALUES = {"false", "0", "nein", "no", "off"}


def can_read_internal(request) -> bool:
    access = getattr(request, "access", None) if request is not None else None
    return bool(access is not None and access.can_read_internal)


def visible_projects(request, *, related: bool = True) -> QuerySet[Project]:
    """The projects of the request's region the user may see, with related rows loaded.

    Field (with priority group and strategy) is joined; the participations come prefetched
    with their towns, leading towns first, so a list needs a constant number of queries.
    `related=False` leaves both out (for reads that take only columns, like api/projects.py).
    """
    region = getattr(request, "region", None)
    if region is None:
        return Project.objects.none()
    queryset = Project.objects.filter(region=region)
    if not can_read_internal(request):
        queryset = queryset.filter(published=True)
    if not related:
        return queryset
    participations = leads_first(Participation.objects.select_related("municipality"))
    return queryset.select_related(
        "field", "field__priority_group", "field__strategy"
    ).prefetch_related(Prefetch("participations", queryset=participations))


def visible_fields(request) -> QuerySet[Field]:
    region = getattr(request, "region", None)
    if region is None:
        return Field.objects.none()
    queryset = Field.objects.filter(region=region)
    if not can_read_internal(request):
        queryset = queryset.filter(published=True, strategy__published=True)
    return queryset


def region_municipalities(request) -> QuerySet[Municipality]:
    region = getattr(request, "region", None)
    if region is None:
        return Municipality.objects.none()
    return Municipality.objects.filter(region=region)


class StrictBooleanField(forms.Field):
    """true/false (also 1/0, ja/nein); anything else is an error, not silently ignored."""

    default_error_messages = {
        "invalid": _("Bitte „true“ oder „false“ angeben."),
    }

    def to_python(self, value):
        if value in (None, ""):
            return None
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in TRUE_VALUES:
            return True
        if text in FALSE_VALUES:
            return False
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class SlugChoiceField(django_filters.fields.ModelChoiceField):
    """Looks a value up only if it is a slug at all (keeps odd bytes away from the database)."""

    def to_python(self, value):
        if value not in self.empty_values and not SLUG_RE.match(str(value)):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class SlugChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = SlugChoiceField


class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class ProjectFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Suche"),
        method="filter_search",
        max_length=200,
        help_text=_("Sucht in Kennung, Titel, Kurzbeschreibung, Beschreibung und Nutzen."),
    )
    field = SlugChoiceFilter(
        label=_("Handlungsfeld"),
        to_field_name="slug",
        queryset=visible_fields,
        help_text=_("Kürzel des Handlungsfelds"),
    )
    priority_group = IntegerFilter(
        label=_("Prioritätengruppe"),
        field_name="field__priority_group__number",
        method="filter_priority_group",
        min_value=1,
        max_value=32767,
        help_text=_("Nummer der Prioritätengruppe (1, 2 oder 3)"),
    )
    municipality = SlugChoiceFilter(
        label=_("Kommune"),
        field_name="participations__municipality",
        to_field_name="slug",
        queryset=region_municipalities,
        help_text=_("Kürzel der beteiligten Stadt oder Gemeinde"),
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ProjectStatus.choices)
    is_lighthouse = StrictBooleanFilter(label=_("Leuchtturmprojekt"))
    is_strategy_project = StrictBooleanFilter(label=_("Projekt der Strategie"))
    published = StrictBooleanFilter(label=_("veröffentlicht"))
    ordering = django_filters.ChoiceFilter(
        label=_("Sortierung"),
        choices=ORDERING_CHOICES,
        method="order_projects",
        help_text=_(
            "code, title, status, progress, updated (der Steckbrief) oder activity (auch Teile "
            "der Kommunen, Meilensteine und Updates); mit „-“ absteigend"
        ),
    )

    class Meta:
        model = Project
        fields = [
            "q",
            "field",
            "priority_group",
            "municipality",
            "status",
            "is_lighthouse",
            "is_strategy_project",
            "published",
            "ordering",
        ]

    def filter_priority_group(self, queryset, name, value):
        queryset = queryset.filter(**{name: value})
        if not can_read_internal(self.request):
            # A draft field's priority group must not show through its published projects.
            queryset = queryset.filter(field__published=True, field__strategy__published=True)
        return queryset

    def filter_search(self, queryset, name, value):
        # Full-text search (German stemming on PostgreSQL, FTS5 on SQLite): see search.py.
        return search_projects(queryset, value)

    def order_projects(self, queryset, name, value):
        return order_projects(queryset, value)

    #: The order without an "ordering" parameter: the API's is by code; the list pages put
    #: recent activity first (ActivityFirstFilterSet).
    default_ordering = "code"

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("ordering"):
            queryset = order_projects(queryset, self.default_ordering)
        return queryset

    @classmethod
    def unfiltered(cls, queryset):
        """What the filter set gives when no filter is asked for (api/filters.py builds no
        filter set then): every project, in the default order."""
        return order_projects(queryset, cls.default_ordering)


class ActivityFirstFilterSet(ProjectFilterSet):
    """The project list pages: most recent activity first unless sorted otherwise."""

    default_ordering = "-activity"


def order_projects(queryset, value: str):
    """Sorted by an ORDERING_CHOICES value; ties always broken to a stable order."""
    sign = "-" if value.startswith("-") else ""
    key = value.lstrip("-")
    default = ("-is_strategy_project", "sort_key", "code", "title", "pk")
    if key == "title":
        return queryset.order_by(f"{sign}title", "pk")
    if key == "status":
        rank = Case(
            *[When(status=s, then=Value(i)) for i, s in enumerate(STATUS_ORDER)],
            default=Value(len(STATUS_ORDER)),
            output_field=IntegerField(),
        )
        return queryset.annotate(status_rank=rank).order_by(f"{sign}status_rank", *default)
    if key == "progress":
        return queryset.order_by(f"{sign}progress", *default)
    if key == "updated":
        return queryset.order_by(f"{sign}updated", "pk")
    if key == "activity":
        return queryset.order_by(f"{sign}last_activity", *default)
    # By code: strategy projects P1, P2 … P28 (numerically), then local projects by title.
    return queryset.order_by("-is_strategy_project", f"{sign}sort_key", f"{sign}code", "pk")
