"""Filters of the space list: town, kind, capacity, amenity and a free time range.

`free_from` and `free_until` go together and must carry an offset (a raw "+" that URL
decoding turned into a space is read as "+"); with them the list holds only the spaces with a
unit free for the whole range within their opening hours and outside their closed periods
(spaces/booking.free_spaces, a constant number of queries however many spaces there are).
"""

from __future__ import annotations

import datetime
import re

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from digitalagentur.portfolio.filtersets import SlugChoiceFilter, region_municipalities
from digitalagentur.spaces.booking import free_spaces
from digitalagentur.spaces.choices import Amenity, SpaceKind
from digitalagentur.spaces.models import Space
from digitalagentur.spaces.timerange import utc

from .serializers import DATETIME_SCHEMA, MAX_ID, TimeError, parse_aware

MAX_SEARCH_DAYS = 31

# A "+" written unencoded in a query string arrives as a space: "09:00:00 01:00" (or the basic
# "T090000 0100"). A space right after the time and before a trailing offset can only be that.
SPACED_OFFSET = re.compile(
    r"(T\d{4}(?:\d{2}(?:[.,]\d+)?)?|\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?) (\d{2}(?::?\d{2})?)$",
    re.IGNORECASE,
)


def restore_plus(text: str) -> str:
    """Query-string time text with an offset's "+" that was decoded as a space put back."""
    return SPACED_OFFSET.sub(r"\1+\2", text.strip())


class AwareDateTimeFormField(forms.Field):
    """ISO 8601 with an offset; a time without one is refused (not read as local time). A
    space before the offset is read as the "+" it was before URL decoding."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, str):
            value = restore_plus(value)
        try:
            return parse_aware(value)
        except TimeError as error:
            raise forms.ValidationError(str(error), code="invalid") from None


@extend_schema_field(DATETIME_SCHEMA)
class AwareDateTimeFilter(django_filters.Filter):
    field_class = AwareDateTimeFormField

    def filter(self, qs, value):
        return qs  # applied together with its partner in SpaceFilterSet.filter_queryset


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class CapacityFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class SpaceFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        start, end = data.get("free_from"), data.get("free_until")
        given = {name for name in ("free_from", "free_until") if self.data.get(name)}
        if len(given) == 1:
            missing = ({"free_from", "free_until"} - given).pop()
            if missing not in self.errors:
                self.add_error(
                    missing,
                    _("Bitte free_from und free_until zusammen angeben (Beginn und Ende)."),
                )
        elif start is not None and end is not None:
            # In UTC: Python compares times of one zone by their wall clock, which is wrong
            # in the hour repeated in autumn (02:30+02:00 is before 02:15+01:00).
            if utc(end) <= utc(start):
                self.add_error("free_until", _("Das Ende muss nach dem Beginn liegen."))
            elif utc(end) - utc(start) > datetime.timedelta(days=MAX_SEARCH_DAYS):
                self.add_error(
                    "free_until",
                    _("Der gesuchte Zeitraum darf höchstens %(days)d Tage lang sein.")
                    % {"days": MAX_SEARCH_DAYS},
                )
        return data


class SpaceFilterSet(django_filters.FilterSet):
    municipality = SlugChoiceFilter(
        label=_("Kommune"),
        field_name="municipality",
        to_field_name="slug",
        queryset=region_municipalities,
        help_text=_("Kürzel einer Stadt oder Gemeinde der Region"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Art"), choices=SpaceKind.choices, help_text=_("Art des Raums")
    )
    min_capacity = CapacityFilter(
        label=_("Mindestens Plätze"),
        field_name="capacity",
        lookup_expr="gte",
        min_value=1,
        max_value=MAX_ID,
        help_text=_("Mindestens so viele Plätze oder Personen"),
    )
    amenity = django_filters.ChoiceFilter(
        label=_("Ausstattung"),
        choices=Amenity.choices,
        method="filter_amenity",
        help_text=_("Kürzel einer Ausstattung, die der Raum haben muss"),
    )
    free_from = AwareDateTimeFilter(
        label=_("frei ab"),
        help_text=_("Beginn des Zeitraums, in dem der Raum frei sein muss (mit Zeitzone)"),
    )
    free_until = AwareDateTimeFilter(
        label=_("frei bis"),
        help_text=_("Ende des Zeitraums, in dem der Raum frei sein muss (mit Zeitzone)"),
    )

    class Meta:
        model = Space
        fields = ["municipality", "kind", "min_capacity", "amenity", "free_from", "free_until"]
        form = SpaceFilterForm

    def filter_amenity(self, queryset, name, value):
        # Amenities are a JSON list; "contains" on JSON is PostgreSQL only, so the (few)
        # spaces of the region are narrowed here, in one query.
        ids = [
            pk
            for pk, amenities in queryset.values_list("pk", "amenities")
            if value in (amenities or [])
        ]
        return queryset.filter(pk__in=ids)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        start = self.form.cleaned_data.get("free_from")
        end = self.form.cleaned_data.get("free_until")
        if start is None or end is None:
            return queryset
        candidates = queryset.prefetch_related("units", "opening_hours", "closed_periods")
        free = [space.pk for space in free_spaces(candidates, start, end)]
        return queryset.filter(pk__in=free)
