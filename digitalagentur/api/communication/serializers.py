"""Shapes of the events API (issue 13, section 2) and of the newsletter's subscription
(section 1).

Times are read as ISO 8601 with an offset only and written in Europe/Berlin with their offset
(as the Landräume API does).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from digitalagentur.communication import newsletter
from digitalagentur.communication.choices import EventKind, RegistrationStatus, SegmentKind
from digitalagentur.communication.events import FIRST_YEAR, LAST_YEAR, TIME_FIELDS
from digitalagentur.communication.models import TEXT_MAX, TITLE_MAX, Event, Registration, Segment
from digitalagentur.strategy.models import Field
from digitalagentur.tenancy.models import Municipality

from ..serializers import StrictCharField, context_region
from ..spaces.serializers import AwareDateTimeField

MAX_CAPACITY = 1_000_000
MAX_SEGMENTS = 200  # groups in one subscription request


class StrictBooleanField(serializers.BooleanField):
    """true or false as JSON booleans (DRF would also take "yes", 1, "on")."""

    default_error_messages = {"invalid": _("Bitte true oder false angeben.")}

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid")
        return data


@extend_schema_field({"type": "string", "format": "email", "maxLength": newsletter.EMAIL_MAX})
class EmailTextField(StrictCharField):
    """An e-mail address as text (checked by the newsletter service, German messages)."""


@extend_schema_field({"type": "string", "format": "uri", "pattern": "^https?://", "maxLength": 500})
class WebAddressField(serializers.URLField):
    """A web address (http or https)."""


@extend_schema_field(
    {"type": "string", "pattern": r"^\d{1,6}(\.\d{1,2})?$", "nullable": True, "example": "25.00"}
)
class PriceField(serializers.DecimalField):
    """A price in euros, 0 or more, as text with at most two decimals."""


@extend_schema_field({"type": "integer", "minimum": 0, "maximum": MAX_CAPACITY, "nullable": True})
class CapacityField(serializers.Field):
    """Seats as a whole number ≥ 0, or null for no limit."""

    default_error_messages = {
        "invalid": _("Bitte die Zahl der Plätze als ganze Zahl (oder null) angeben."),
        "range": _("Die Zahl der Plätze kann nicht negativ sein."),
        "too_many": _("So viele Plätze sind nicht möglich."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        if data < 0:
            self.fail("range")
        if data > MAX_CAPACITY:
            self.fail("too_many")
        return data

    def to_representation(self, value):
        return value


class EventSerializer(serializers.ModelSerializer):
    """An event as the list shows it: its facts and the state of its seats."""

    start = AwareDateTimeField()
    end = AwareDateTimeField()
    registered = serializers.IntegerField(read_only=True, help_text=_("Angemeldete"))
    waitlisted = serializers.IntegerField(read_only=True, help_text=_("auf der Warteliste"))
    registration_open = serializers.SerializerMethodField(
        help_text=_("Anmeldung jetzt möglich (eingeschaltet, in der Frist, noch nicht begonnen)")
    )
    kind = serializers.ChoiceField(choices=EventKind.choices)
    field = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    municipalities = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "id",
            "slug",
            "title",
            "kind",
            "start",
            "end",
            "capacity",
            "registered",
            "waitlisted",
            "registration_open",
            "place",
            "address",
            "online_url",
            "price",
            "summary",
            "field",
            "municipalities",
            "published",
            "url",
        ]

    def get_registration_open(self, event) -> bool:
        return event.accepts_registrations(self.context.get("now") or timezone.now())

    def get_url(self, event) -> str:
        """The event's public page."""
        request = self.context.get("request")
        path = reverse("public:event_detail", args=[event.slug])
        return request.build_absolute_uri(path) if request is not None else path


class EventCreateSerializer(serializers.Serializer):
    """The body of POST /api/v1/events/ (coordination)."""

    title = StrictCharField(max_length=TITLE_MAX)
    start = AwareDateTimeField()
    end = AwareDateTimeField()
    capacity = CapacityField()
    registration_open = StrictBooleanField()
    published = StrictBooleanField()
    kind = serializers.ChoiceField(choices=EventKind.choices, required=False)
    summary = StrictCharField(max_length=500, required=False, allow_blank=True)
    description = StrictCharField(max_length=TEXT_MAX, required=False, allow_blank=True)
    place = StrictCharField(max_length=200, required=False, allow_blank=True)
    address = StrictCharField(max_length=300, required=False, allow_blank=True)
    online_url = WebAddressField(max_length=500, required=False, allow_blank=True)
    registration_starts = AwareDateTimeField(required=False, allow_null=True)
    registration_ends = AwareDateTimeField(required=False, allow_null=True)
    price = PriceField(
        max_digits=8, decimal_places=2, min_value=Decimal(0), required=False, allow_null=True
    )
    contact_email = serializers.EmailField(required=False, allow_blank=True)
    field = serializers.SlugRelatedField(
        slug_field="slug", queryset=Field.objects.none(), required=False, allow_null=True
    )
    municipalities = serializers.SlugRelatedField(
        slug_field="slug", queryset=Municipality.objects.none(), many=True, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        region = context_region(self.context)
        if region is not None:
            self.fields["field"].queryset = Field.objects.filter(region=region)
            self.fields["municipalities"].child_relation.queryset = Municipality.objects.filter(
                region=region
            )

    def validate_title(self, value):
        value = " ".join(value.split())
        if not value:
            raise serializers.ValidationError(_("Bitte geben Sie einen Titel an."))
        return value

    def validate(self, attrs):
        for name in TIME_FIELDS:
            moment = attrs.get(name)
            if moment is not None and not FIRST_YEAR <= moment.year <= LAST_YEAR:
                message = _("Bitte ein Datum zwischen %(first)d und %(last)d angeben.")
                raise serializers.ValidationError(
                    {name: [message % {"first": FIRST_YEAR, "last": LAST_YEAR}]}
                )
        if attrs["end"] <= attrs["start"]:
            raise serializers.ValidationError({"end": [_("Das Ende muss nach dem Beginn liegen.")]})
        starts, ends = attrs.get("registration_starts"), attrs.get("registration_ends")
        if starts and ends and ends <= starts:
            raise serializers.ValidationError(
                {
                    "registration_ends": [
                        _("Das Ende der Anmeldefrist muss nach ihrem Beginn liegen.")
                    ]
                }
            )
        return attrs


class RegistrationSerializer(serializers.ModelSerializer):
    """A registration as its person sees it."""

    event = serializers.IntegerField(source="event_id", read_only=True)
    status = serializers.ChoiceField(choices=RegistrationStatus.choices, read_only=True)
    position = serializers.SerializerMethodField(
        help_text=_("Platz auf der Warteliste (1 = als Nächstes dran); null, wenn angemeldet")
    )
    created = serializers.DateTimeField(read_only=True)

    class Meta:
        model = Registration
        fields = ["id", "event", "status", "position", "name", "organisation", "created"]

    def get_position(self, registration) -> int | None:
        from digitalagentur.communication.registrations import waitlist_position

        return waitlist_position(registration)


class RegistrationCreateSerializer(serializers.Serializer):
    """The optional body of a registration."""

    name = StrictCharField(max_length=200, required=False, allow_blank=True)
    organisation = StrictCharField(max_length=200, required=False, allow_blank=True)
    note = StrictCharField(max_length=500, required=False, allow_blank=True)


class MessageSerializer(serializers.Serializer):
    detail = serializers.CharField()


# --- newsletter (issue 13, section 1) -------------------------------------------------------


class SegmentSerializer(serializers.ModelSerializer):
    """A group of the newsletter that a subscriber can choose."""

    kind = serializers.ChoiceField(choices=SegmentKind.choices, read_only=True)

    class Meta:
        model = Segment
        fields = ["id", "name", "kind", "description"]
        read_only_fields = fields


class SegmentIdsField(serializers.ListField):
    """The ids of segments as a JSON list of whole numbers."""

    child = serializers.IntegerField(
        error_messages={
            "invalid": _("Bitte die Gruppen als Liste ganzer Zahlen (ihre ids) angeben."),
            "max_string_length": _("Diese Zahl ist zu lang."),
            "max_value": _("„{max_value}“ ist die größte mögliche id."),
            "min_value": _("Eine id ist mindestens 1."),
        },
        min_value=1,
        max_value=2**31 - 1,
    )
    default_error_messages = {
        "not_a_list": _("Bitte die Gruppen als Liste ihrer ids angeben (z. B. [3, 7])."),
        "empty": _("Bitte mindestens eine Gruppe angeben."),
        "min_length": _("Bitte mindestens {min_length} Gruppen angeben."),
        "max_length": _("Bitte höchstens {max_length} Gruppen angeben."),
    }


class NewsletterSubscribeSerializer(serializers.Serializer):
    """An address and optionally the groups (ids of the region's selectable segments)."""

    email = EmailTextField(
        max_length=newsletter.EMAIL_MAX,
        help_text=_("Die E-Mail-Adresse; an sie geht der Bestätigungslink (Double-Opt-in)."),
        error_messages={
            "required": _("Bitte geben Sie Ihre E-Mail-Adresse an."),
            "blank": _("Bitte geben Sie Ihre E-Mail-Adresse an."),
            "null": _("Bitte geben Sie Ihre E-Mail-Adresse an."),
            "invalid": _("Bitte geben Sie die E-Mail-Adresse als Text an."),
            "max_length": _("Die E-Mail-Adresse ist zu lang."),
        },
    )
    segments = SegmentIdsField(
        required=False,
        max_length=MAX_SEGMENTS,
        help_text=_(
            "Die gewählten Gruppen (ids aus GET /api/v1/newsletter/segments/); ohne Angabe "
            "keine bestimmte Gruppe."
        ),
    )

    def validate_email(self, value):
        try:
            return newsletter.normalise_email(value)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None

    def validate_segments(self, value):
        try:
            return newsletter.segments_for(context_region(self.context), value)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None
