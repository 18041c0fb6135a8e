"""Shapes of the Landräume API (issue 11, section 6): spaces as found by the search, bookings
as their booker sees them, and the bodies of the booking writes.

Times are read as ISO 8601 with an offset only (a time without one is ambiguous for a whole
district with summer time) and written in Europe/Berlin with their offset.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from digitalagentur.spaces.choices import (
    Accessibility,
    Amenity,
    BookingMode,
    BookingStatus,
    PriceModel,
    Purpose,
    SpaceKind,
    UnitKind,
)
from digitalagentur.spaces.models import Booking, Space
from digitalagentur.spaces.timerange import BERLIN

from ..funding.fields import NamedChoiceField, StatusField
from ..serializers import StrictCharField

MAX_ID = 2**31 - 1
MAX_ATTENDEES = 100_000
DATETIME_SCHEMA = {
    "type": "string",
    "format": "date-time",
    "example": "2026-12-07T09:00:00+01:00",
    "description": "ISO 8601 mit Zeitzone, z. B. 2026-12-07T09:00:00+01:00",
}


class TimeError(ValueError):
    """A time that cannot be used: the German message says why."""


def invalid_time_message() -> str:
    return str(
        _(
            "Bitte Datum und Uhrzeit nach ISO 8601 mit Zeitzone angeben, "
            "z. B. 2026-12-07T09:00:00+01:00."
        )
    )


def naive_time_message() -> str:
    return str(
        _(
            "Bitte geben Sie die Zeit mit Zeitzone an (z. B. 2026-12-07T09:00:00+01:00); "
            "ohne sie ist die Uhrzeit nicht eindeutig."
        )
    )


def parse_aware(text: object) -> datetime.datetime:
    """An aware datetime in Europe/Berlin from ISO 8601 text with an offset (TimeError)."""
    if not isinstance(text, str) or not text.strip() or len(text) > 64:
        raise TimeError(invalid_time_message())
    try:
        value = datetime.datetime.fromisoformat(text.strip().upper())
    except ValueError:
        raise TimeError(invalid_time_message()) from None
    if timezone.is_naive(value):
        raise TimeError(naive_time_message())
    try:
        return value.astimezone(BERLIN)
    except (OverflowError, ValueError):  # the first or last day Python can represent
        raise TimeError(
            str(_("Dieser Zeitpunkt liegt außerhalb des möglichen Bereichs."))
        ) from None


def berlin_text(value: datetime.datetime, time_zone: str = "Europe/Berlin") -> str:
    """ISO 8601 with the offset of the booking's time zone (Europe/Berlin)."""
    try:
        tz = ZoneInfo(time_zone) if time_zone else BERLIN
    except (ValueError, ZoneInfoNotFoundError):
        tz = BERLIN
    return value.astimezone(tz).isoformat()


@extend_schema_field(DATETIME_SCHEMA)
class AwareDateTimeField(serializers.Field):
    def to_internal_value(self, data):
        try:
            return parse_aware(data)
        except TimeError as error:
            raise serializers.ValidationError(str(error)) from None

    def to_representation(self, value):
        return berlin_text(value)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdField(serializers.Field):
    """An id given as a JSON number (no strings, no booleans, no fractions)."""

    default_error_messages = {"invalid": _("Bitte eine ID als ganze Zahl angeben.")}

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int) or not 1 <= data <= MAX_ID:
            self.fail("invalid")
        return data

    def to_representation(self, value):
        return value


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ATTENDEES})
class AttendeesField(serializers.Field):
    default_error_messages = {
        "invalid": _("Bitte die Zahl der Personen als ganze Zahl angeben."),
        "range": _("Bitte geben Sie mindestens eine Person an."),
        "too_many": _("So viele Personen fasst kein Raum."),
    }

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        if data < 1:
            self.fail("range")
        if data > MAX_ATTENDEES:
            self.fail("too_many")
        return data

    def to_representation(self, value):
        return value


# --- spaces -----------------------------------------------------------------------------------


class SpaceSerializer(serializers.ModelSerializer):
    """A space in the search list: what it is, where, how many, how it is booked."""

    kind = StatusField(SpaceKind, "SpaceKindEnum")
    municipality = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text=_("Kürzel der Kommune")
    )
    units = serializers.SerializerMethodField(
        help_text=_("Zahl der buchbaren Einheiten (1 für einen ganzen Raum, sonst Plätze)")
    )
    booking_mode = StatusField(BookingMode, "SpaceBookingModeEnum")
    amenities = serializers.ListField(
        child=StatusField(Amenity, "SpaceAmenityEnum"),
        read_only=True,
        help_text=_("Ausstattung (Kürzel)"),
    )

    class Meta:
        model = Space
        fields = [
            "id",
            "slug",
            "name",
            "kind",
            "municipality",
            "capacity",
            "units",
            "booking_mode",
            "amenities",
        ]
        read_only_fields = fields

    def get_units(self, space) -> int:
        return len(space.units.all())


CLOCK_SCHEMA = {"type": "string", "pattern": r"^([01][0-9]|2[0-4]):[0-5][0-9]$", "example": "08:00"}


class OpeningHoursSerializer(serializers.Serializer):
    weekday = serializers.IntegerField(
        read_only=True, help_text=_("Wochentag: 0 Montag bis 6 Sonntag")
    )
    opens = serializers.SerializerMethodField(help_text=_("Beginn, Ortszeit (HH:MM)"))
    closes = serializers.SerializerMethodField(
        help_text=_('Ende, Ortszeit (HH:MM; "24:00" für Mitternacht)')
    )

    @extend_schema_field(CLOCK_SCHEMA)
    def get_opens(self, hours) -> str:
        return f"{hours.opens:%H:%M}"

    @extend_schema_field(CLOCK_SCHEMA)
    def get_closes(self, hours) -> str:
        return "24:00" if hours.closes == datetime.time(0) else f"{hours.closes:%H:%M}"


class SpaceDetailSerializer(SpaceSerializer):
    """A space with its address, rules, equipment and opening hours (never its bookings)."""

    provider = serializers.CharField(source="provider.name", read_only=True)
    unit_kind = StatusField(UnitKind, "SpaceUnitKindEnum")
    accessibility = serializers.ListField(
        child=StatusField(Accessibility, "SpaceAccessibilityEnum"), read_only=True
    )
    purposes = serializers.ListField(child=StatusField(Purpose, "SpacePurposeEnum"), read_only=True)
    price_model = StatusField(PriceModel, "SpacePriceModelEnum")
    price = serializers.DecimalField(
        max_digits=8, decimal_places=2, read_only=True, allow_null=True
    )
    latitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, read_only=True, allow_null=True
    )
    longitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, read_only=True, allow_null=True
    )
    opening_hours = OpeningHoursSerializer(many=True, read_only=True)

    class Meta(SpaceSerializer.Meta):
        fields = [
            *SpaceSerializer.Meta.fields,
            "provider",
            "description",
            "street",
            "postcode",
            "city",
            "latitude",
            "longitude",
            "unit_kind",
            "accessibility",
            "purposes",
            "house_rules",
            "price_model",
            "price",
            "min_minutes",
            "max_minutes",
            "max_days_ahead",
            "cancel_hours",
            "opening_hours",
        ]
        read_only_fields = fields


# --- bookings ---------------------------------------------------------------------------------


class BookingSerializer(serializers.ModelSerializer):
    """A booking as its booker and the space's managers see it."""

    space = serializers.IntegerField(source="space_id", read_only=True, help_text=_("ID des Raums"))
    start = serializers.SerializerMethodField()
    end = serializers.SerializerMethodField()
    status = StatusField(BookingStatus, "BookingStatusEnum")
    purpose = StatusField(Purpose, "SpacePurposeEnum")

    class Meta:
        model = Booking
        fields = ["id", "space", "start", "end", "status", "purpose", "attendees", "note", "reason"]
        read_only_fields = fields

    @extend_schema_field(DATETIME_SCHEMA)
    def get_start(self, booking) -> str:
        return berlin_text(booking.start, booking.time_zone)

    @extend_schema_field(DATETIME_SCHEMA)
    def get_end(self, booking) -> str:
        return berlin_text(booking.end, booking.time_zone)


class BookingRequestSerializer(serializers.Serializer):
    """What a booking asks for; the space's rules are checked by spaces/booking.py."""

    space = IdField(help_text=_("ID eines veröffentlichten Raums der Region"))
    start = AwareDateTimeField(help_text=_("Beginn"))
    end = AwareDateTimeField(help_text=_("Ende (ausschließlich)"))
    purpose = NamedChoiceField(Purpose, "SpacePurposeEnum", help_text=_("Zweck"))
    attendees = AttendeesField(help_text=_("Zahl der Personen"))
    note = StrictCharField(
        required=False, allow_blank=True, max_length=500, help_text=_("Hinweis an den Anbieter")
    )
    contingent = IdField(
        required=False,
        allow_null=True,
        help_text=_("ID eines Arbeitgeber-Kontingents, über das gebucht wird"),
    )


class CancelSerializer(serializers.Serializer):
    reason = StrictCharField(
        required=False,
        allow_blank=True,
        max_length=500,
        help_text=_("Begründung (freiwillig, auch für den Anbieter und die Koordination)"),
    )


class DeclineSerializer(serializers.Serializer):
    reason = StrictCharField(max_length=500, help_text=_("Begründung der Ablehnung"))


class SpacesMessageSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text=_("Meldung auf Deutsch"))
