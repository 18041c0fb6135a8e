"""Forms of the provider pages (issue 11, section 1). Forms validate input only; writes go
through spaces/services.py, spaces/manage.py and spaces/booking.py."""

from __future__ import annotations

import datetime
import re

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from digitalagentur.spaces import manage, timerange
from digitalagentur.spaces.choices import (
    WEEKDAYS,
    Accessibility,
    Amenity,
    BookingStatus,
    PriceModel,
    Purpose,
    UnitKind,
)
from digitalagentur.spaces.models import Provider, Space
from digitalagentur.tenancy.models import Municipality

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
MIDNIGHT = datetime.time(0, 0)


class VersionMixin:
    """Edit forms carry the version they were loaded at (hidden): a stale save is a conflict."""

    def add_version(self, instance) -> None:
        if instance is not None and instance.pk is not None:
            self.fields["version"] = forms.IntegerField(
                widget=forms.HiddenInput, min_value=1, initial=instance.version
            )


class ProviderForm(VersionMixin, forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    manager_names = forms.CharField(
        label=_("Verwaltet von"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "E-Mail-Adressen oder Benutzernamen vorhandener Konten, eine pro Zeile. Diese "
            "Personen verwalten die Räume des Anbieters und ihre Buchungen."
        ),
    )

    class Meta:
        model = Provider
        fields = ["name", "kind", "municipality", "email", "phone", "website"]

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.region = region
        self.instance.region = region
        self.fields["municipality"].queryset = Municipality.objects.filter(region=region)
        if self.instance.pk is not None and not self.is_bound:
            self.initial["manager_names"] = "\n".join(
                user.email or user.get_username() for user in self.instance.managers.all()
            )
        self.add_version(self.instance)

    def clean_manager_names(self):
        users, unknown = [], []
        model = get_user_model()
        for name in re.split(r"[\s,;]+", self.cleaned_data["manager_names"] or ""):
            if not name:
                continue
            found = list(
                model.objects.filter(
                    Q(username__iexact=name) | Q(email__iexact=name), is_active=True
                )[:2]
            )
            if len(found) != 1:
                unknown.append(name[:80])
            elif found[0] not in users:
                users.append(found[0])
        if unknown:
            raise ValidationError(
                _("Kein (eindeutiges) aktives Konto gefunden für: %(names)s"),
                params={"names": ", ".join(unknown)},
            )
        return users


class SpaceForm(VersionMixin, forms.ModelForm):
    amenities = forms.MultipleChoiceField(
        label=_("Ausstattung"),
        choices=Amenity.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    accessibility = forms.MultipleChoiceField(
        label=_("Barrierefreiheit"),
        choices=Accessibility.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    purposes = forms.MultipleChoiceField(
        label=_("Nutzungszwecke"),
        choices=Purpose.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Bitte wählen Sie mindestens einen Nutzungszweck.")},
    )
    units = forms.IntegerField(
        label=_("Anzahl Arbeitsplätze"),
        required=False,
        min_value=1,
        max_value=manage.MAX_UNITS,
        help_text=_(
            "Nur für einzeln buchbare Arbeitsplätze. Ohne Angabe: so viele wie die Kapazität."
        ),
    )

    class Meta:
        model = Space
        fields = [
            "provider",
            "name",
            "slug",
            "kind",
            "municipality",
            "description",
            "street",
            "postcode",
            "city",
            "latitude",
            "longitude",
            "capacity",
            "unit_kind",
            "units",
            "amenities",
            "accessibility",
            "purposes",
            "house_rules",
            "price_model",
            "price",
            "booking_mode",
            "min_minutes",
            "max_minutes",
            "max_days_ahead",
            "cancel_hours",
            "in_pilot",
            "published",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "house_rules": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, region, providers, can_manage: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(self.Meta.fields)
        self.region = region
        self.instance.region = region
        self.fields["provider"].queryset = providers
        self.fields["provider"].empty_label = None
        self.fields["municipality"].queryset = Municipality.objects.filter(region=region)
        self.fields["slug"].help_text = _(
            "Teil der Adresse der Raumseite: Kleinbuchstaben, Ziffern und Bindestriche."
        )
        self.fields["published"].label = _("veröffentlicht (öffentlich sichtbar und buchbar)")
        if not can_manage:
            # The employer pilot is arranged by the coordination.
            del self.fields["in_pilot"]
        if self.instance.pk is not None and not self.is_bound:
            self.initial["units"] = self.instance.units.count()
        self.add_version(self.instance)

    def clean(self):
        data = super().clean()
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error(
                "longitude", _("Bitte geben Sie Breiten- und Längengrad an oder keinen von beiden.")
            )
        price_model = data.get("price_model")
        if price_model in (PriceModel.HOUR, PriceModel.DAY) and data.get("price") is None:
            self.add_error("price", _("Bitte geben Sie den Preis an."))
        if price_model in (PriceModel.FREE, PriceModel.CONTINGENT):
            data["price"] = None
        minimum, maximum = data.get("min_minutes"), data.get("max_minutes")
        if minimum and maximum and minimum > maximum:
            self.add_error(
                "max_minutes", _("Die Höchstdauer darf nicht kürzer als die Mindestdauer sein.")
            )
        if data.get("unit_kind") == UnitKind.DESK:
            units, capacity = data.get("units"), data.get("capacity")
            if units and capacity and units > capacity:
                self.add_error(
                    "units", _("Es kann nicht mehr Arbeitsplätze als Plätze (Kapazität) geben.")
                )
        else:
            data["units"] = None
        return data

    def model_values(self) -> dict:
        names = {f.name for f in Space._meta.concrete_fields}
        return {k: v for k, v in self.cleaned_data.items() if k in names and k in self.fields}


def parse_clock(text: str, *, end: bool) -> datetime.time:
    """'8', '8:30', '08.30', '0830' → time; '24:00' (and '00:00' as an end) → 00:00."""
    text = (text or "").strip().replace(".", ":").replace(" ", "")
    match = re.fullmatch(r"(\d{1,2})(?::?(\d{2}))?", text)
    if not match:
        raise ValidationError(_("Bitte eine Uhrzeit wie 08:00 angeben."))
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour == 24 and minute == 0:
        if not end:
            raise ValidationError(_("24:00 ist nur als Ende möglich."))
        return MIDNIGHT
    if hour > 23 or minute > 59:
        raise ValidationError(_("Bitte eine Uhrzeit zwischen 00:00 und 24:00 angeben."))
    return datetime.time(hour, minute)


def clock_text(value: datetime.time | None, *, end: bool = False) -> str:
    if value is None:
        return ""
    if end and value == MIDNIGHT:
        return "24:00"
    return value.strftime("%H:%M")


class OpeningHoursForm(forms.Form):
    """Per weekday up to two intervals (von–bis); 24:00 as end means midnight."""

    SLOTS = 2

    def __init__(self, *args, hours=(), **kwargs):
        super().__init__(*args, **kwargs)
        existing: dict[int, list] = {day: [] for day, _label in WEEKDAYS}
        for row in hours:
            existing[row.weekday].append(row)
        self.days = []
        for day, label in WEEKDAYS:
            slots = []
            for n in range(self.SLOTS):
                names = (f"d{day}_{n}_opens", f"d{day}_{n}_closes")
                for name, what in zip(names, (_("von"), _("bis")), strict=True):
                    self.fields[name] = forms.CharField(
                        label=f"{label} {what}",
                        required=False,
                        max_length=5,
                        widget=forms.TextInput(
                            attrs={
                                "inputmode": "numeric",
                                "placeholder": "08:00" if what == _("von") else "18:00",
                                "size": 5,
                                "autocomplete": "off",
                            }
                        ),
                    )
                if n < len(existing[day]):
                    row = existing[day][n]
                    self.initial[names[0]] = clock_text(row.opens)
                    self.initial[names[1]] = clock_text(row.closes, end=True)
                slots.append(names)
            self.days.append((day, label, slots))

    def day_rows(self):
        """(label, [(opens field, closes field), ...]) per weekday for the template."""
        return [(label, [(self[a], self[b]) for a, b in slots]) for _day, label, slots in self.days]

    def clean(self):
        data = super().clean()
        rows = []
        for day, _label, slots in self.days:
            intervals = []
            for opens_name, closes_name in slots:
                opens_text = (data.get(opens_name) or "").strip()
                closes_text = (data.get(closes_name) or "").strip()
                if not opens_text and not closes_text:
                    continue
                if not opens_text or not closes_text:
                    self.add_error(
                        opens_name if not opens_text else closes_name,
                        _("Bitte geben Sie Beginn und Ende an."),
                    )
                    continue
                try:
                    opens = parse_clock(opens_text, end=False)
                except ValidationError as exc:
                    self.add_error(opens_name, exc)
                    continue
                try:
                    closes = parse_clock(closes_text, end=True)
                except ValidationError as exc:
                    self.add_error(closes_name, exc)
                    continue
                if closes != MIDNIGHT and closes <= opens:
                    self.add_error(closes_name, _("Das Ende muss nach dem Beginn liegen."))
                    continue
                intervals.append((opens, closes, closes_name))
            intervals.sort(key=lambda item: item[0])
            for first, second in zip(intervals, intervals[1:], strict=False):
                if first[1] == MIDNIGHT or second[0] < first[1]:
                    self.add_error(second[2], _("Die Zeiten dieses Tages überschneiden sich."))
            rows.extend((day, opens, closes) for opens, closes, _name in intervals)
        data["hours"] = rows
        return data


class ClosedPeriodForm(forms.Form):
    start_date = forms.DateField(label=_("von (Tag)"), widget=DATE_WIDGET)
    start_time = forms.TimeField(
        label=_("ab (Uhrzeit)"),
        required=False,
        widget=TIME_WIDGET,
        help_text=_("Ohne Angabe: ganztägig ab 00:00 Uhr."),
    )
    end_date = forms.DateField(label=_("bis (Tag)"), widget=DATE_WIDGET)
    end_time = forms.TimeField(
        label=_("bis (Uhrzeit)"),
        required=False,
        widget=TIME_WIDGET,
        help_text=_("Ohne Angabe: einschließlich des ganzen letzten Tages."),
    )
    reason = forms.CharField(
        label=_("Grund"),
        required=False,
        max_length=200,
        help_text=_("z. B. Sommerferien, Renovierung; wird öffentlich angezeigt."),
    )

    def clean(self):
        data = super().clean()
        start_date, end_date = data.get("start_date"), data.get("end_date")
        if start_date is None or end_date is None:
            return data
        start = datetime.datetime.combine(
            start_date, data.get("start_time") or MIDNIGHT, timerange.BERLIN
        )
        if data.get("end_time") is None:
            end = datetime.datetime.combine(
                end_date + datetime.timedelta(days=1), MIDNIGHT, timerange.BERLIN
            )
        else:
            end = datetime.datetime.combine(end_date, data["end_time"], timerange.BERLIN)
        if end <= start:
            self.add_error("end_date", _("Das Ende muss nach dem Beginn liegen."))
        data["start"], data["end"] = start, end
        return data


class PhotoForm(forms.Form):
    image = forms.FileField(
        label=_("Foto"),
        help_text=_("JPEG, PNG oder WebP, höchstens 8 MB und 40 Megapixel."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        error_messages={"required": _("Bitte wählen Sie ein Foto aus.")},
    )
    alt = forms.CharField(
        label=_("Bildbeschreibung"),
        max_length=300,
        help_text=_("Was auf dem Foto zu sehen ist, für Menschen, die es nicht sehen können."),
        error_messages={"required": _("Bitte beschreiben Sie, was das Foto zeigt.")},
    )


class ConfirmForm(forms.Form):
    """A destructive action's confirmation step (the button of the confirmation page)."""

    confirm = forms.BooleanField(widget=forms.HiddenInput, initial=True)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Begründung"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Die buchende Person erhält sie per E-Mail."),
        error_messages={"required": _("Bitte geben Sie eine Begründung an.")},
    )


class BookingFilterForm(forms.Form):
    STATUS_CHOICES = [("", _("alle"))] + list(BookingStatus.choices)

    start = forms.DateField(label=_("von"), required=False, widget=DATE_WIDGET)
    end = forms.DateField(label=_("bis"), required=False, widget=DATE_WIDGET)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_CHOICES)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("Das Ende muss nach dem Beginn liegen."))
        return data
