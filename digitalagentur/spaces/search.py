"""The public search for spaces (issue 11, section 2): the filter form and what it finds.

Town, kind and capacity are filtered in the database; amenity, accessibility and purpose are
lists of slugs in JSON fields (which SQLite cannot search by containment), so they are
filtered on the loaded rows, as is "free in the asked range" (spaces.booking.free_spaces).
Whatever the filters, the search costs the same few queries: spaces with their town and
provider, and units, opening hours, closed periods and the range's bookings in one query each.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django import forms
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.tenancy.models import Municipality

from . import booking as booking_services
from .choices import Accessibility, Amenity, Purpose, SpaceKind
from .models import ClosedPeriod, OpeningHours, Space, Unit
from .timerange import BERLIN, MIDNIGHT


def _choices(options) -> list[tuple[str, str]]:
    return [("", gettext_lazy("alle")), *options]


class SpaceSearchForm(forms.Form):
    """Every field is optional; a wrong value is reported and its filter left out."""

    ort = forms.ChoiceField(label=gettext_lazy("Kommune"), required=False)
    datum = forms.DateField(
        label=gettext_lazy("Datum"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": gettext_lazy("Bitte geben Sie ein Datum an (TT.MM.JJJJ).")},
    )
    von = forms.TimeField(
        label=gettext_lazy("von (Uhrzeit)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": gettext_lazy("Bitte geben Sie eine Uhrzeit an (SS:MM).")},
    )
    bis = forms.TimeField(
        label=gettext_lazy("bis (Uhrzeit)"),
        required=False,
        help_text=gettext_lazy("00:00 steht für Mitternacht am Ende des Tages."),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": gettext_lazy("Bitte geben Sie eine Uhrzeit an (SS:MM).")},
    )
    personen = forms.IntegerField(
        label=gettext_lazy("Personen (mindestens)"),
        required=False,
        min_value=1,
        max_value=10000,
        error_messages={
            "invalid": gettext_lazy("Bitte geben Sie eine ganze Zahl an."),
            "min_value": gettext_lazy("Bitte geben Sie mindestens 1 an."),
            "max_value": gettext_lazy("Bitte geben Sie höchstens 10000 an."),
        },
    )
    art = forms.ChoiceField(
        label=gettext_lazy("Art des Raums"), required=False, choices=_choices(SpaceKind.choices)
    )
    ausstattung = forms.ChoiceField(
        label=gettext_lazy("Ausstattung"), required=False, choices=_choices(Amenity.choices)
    )
    barrierefreiheit = forms.ChoiceField(
        label=gettext_lazy("Barrierefreiheit"),
        required=False,
        choices=_choices(Accessibility.choices),
    )
    zweck = forms.ChoiceField(
        label=gettext_lazy("Zweck"), required=False, choices=_choices(Purpose.choices)
    )

    invalid_choice = gettext_lazy("Diese Auswahl gibt es nicht.")

    def __init__(self, *args, region=None, **kwargs):
        super().__init__(*args, **kwargs)
        towns = Municipality.objects.filter(region=region) if region is not None else []
        self.fields["ort"].choices = _choices(
            [(town.slug, town.name) for town in sorted(towns, key=lambda t: t.name)]
        )
        for bound in self.fields.values():
            if isinstance(bound, forms.ChoiceField):
                bound.error_messages["invalid_choice"] = self.invalid_choice

    def clean(self):
        data = super().clean()
        day, start, end = data.get("datum"), data.get("von"), data.get("bis")
        data["range"] = None
        if day is None:
            if (start or end) and "datum" not in self.errors:
                self.add_error("datum", _("Bitte geben Sie zu den Uhrzeiten ein Datum an."))
            return data
        if start is None and "von" not in self.errors:
            self.add_error("von", _("Bitte geben Sie an, ab wann Sie den Raum brauchen."))
        if end is None and "bis" not in self.errors:
            self.add_error("bis", _("Bitte geben Sie an, bis wann Sie den Raum brauchen."))
        if start is None or end is None:
            return data
        range_start = local_moment(day, start)
        range_end = (
            local_moment(day + datetime.timedelta(days=1), end)
            if end == MIDNIGHT
            else (local_moment(day, end))
        )
        if range_end <= range_start:
            self.add_error("bis", _("Das Ende muss nach dem Beginn liegen."))
        elif range_end <= timezone.now():
            self.add_error("datum", _("Dieser Zeitraum liegt in der Vergangenheit."))
        else:
            data["range"] = (range_start, range_end)
        return data


def local_moment(day: datetime.date, moment: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, moment, tzinfo=BERLIN)


def public_spaces(region):
    """Published spaces of `region` with what the list, the map and the free check need."""
    if region is None:
        return Space.objects.none()
    return (
        Space.objects.filter(region=region, published=True)
        .select_related("municipality", "provider")
        .prefetch_related(
            Prefetch("units", queryset=Unit.objects.order_by("position", "pk")),
            Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens")),
            Prefetch("closed_periods", queryset=ClosedPeriod.objects.order_by("start")),
        )
        .order_by("municipality__name", "name", "pk")
    )


@dataclass
class SearchResult:
    form: SpaceSearchForm
    spaces: list[Space]
    range: tuple[datetime.datetime, datetime.datetime] | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def filters_active(self) -> bool:
        return any(value not in (None, "") for value in self.form.data.values())


def _has(values, slug: str) -> bool:
    return isinstance(values, list) and slug in values


def search(region, data) -> SearchResult:
    """The published spaces of `region` matching the valid filters of `data` (a QueryDict);
    with a date and times only those with a unit free for the whole range."""
    form = SpaceSearchForm(data, region=region)
    form.is_valid()
    cleaned = form.cleaned_data
    problems = [
        f"{form.fields[name].label}: {' '.join(errors)}"
        for name, errors in form.errors.items()
        if name in form.fields
    ]
    queryset = public_spaces(region)
    if cleaned.get("ort"):
        queryset = queryset.filter(municipality__slug=cleaned["ort"])
    if cleaned.get("art"):
        queryset = queryset.filter(kind=cleaned["art"])
    if cleaned.get("personen"):
        queryset = queryset.filter(capacity__gte=cleaned["personen"])
    spaces = list(queryset)
    for name, attribute in (
        ("ausstattung", "amenities"),
        ("barrierefreiheit", "accessibility"),
        ("zweck", "purposes"),
    ):
        if cleaned.get(name):
            spaces = [s for s in spaces if _has(getattr(s, attribute), cleaned[name])]
    asked = cleaned.get("range")
    if asked is not None:
        spaces = booking_services.free_spaces(spaces, *asked)
    return SearchResult(form=form, spaces=spaces, range=asked, problems=problems)


def map_markers(spaces, detail_url) -> list[dict]:
    """What the map shows of each space with coordinates (read by static/js/spaces-map.js)."""
    markers = []
    for space in spaces:
        if space.latitude is None or space.longitude is None:
            continue
        markers.append(
            {
                "name": space.name,
                "town": space.municipality.name,
                "kind": space.get_kind_display(),
                "lat": float(space.latitude),
                "lng": float(space.longitude),
                "url": detail_url(space),
            }
        )
    return markers
