"""Landräume through the API (issue 11, section 6): the published spaces of the region with
the search filters, and bookings: book, list one's own, cancel, confirm and decline.

Everything is scoped to the request's region: another region's spaces and bookings are not
found (404). A booking is shown (GET) to its booker and to the managers of its space (the
provider's managers and the coordination, spaces/rules.py), to everyone else it is not found.
Cancel, confirm and decline answer 404 only for a booking that does not exist in the region;
one of the region the caller may not act on is 403 with the reason from spaces/rules.py (the
ids are sequential, so this shows no more than that the number is taken; no booking data).
Every write goes through spaces/booking.py: its field messages are a 400, its refusals
(already booked, contingent used up) a 409 with a German "detail", and nothing is saved.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from digitalagentur.spaces import booking as booking_service
from digitalagentur.spaces import rules
from digitalagentur.spaces.models import Booking, Contingent, OpeningHours, Space

from ..permissions import RegionRolePermission
from ..views import RegionAPIMixin, parse_id
from . import serializers as s
from .filters import SpaceFilterSet

ID_IN_PATH = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)
REFUSED = {
    409: OpenApiResponse(
        response=s.SpacesMessageSerializer,
        description=gettext_lazy("Bereits gebucht oder Kontingent ausgeschöpft"),
    )
}
ANONYMOUS = {
    401: OpenApiResponse(
        response=s.SpacesMessageSerializer, description=gettext_lazy("Keine Anmeldedaten")
    )
}
INVALID = {
    400: OpenApiResponse(
        response=s.SpacesMessageSerializer,
        description=gettext_lazy("Die Buchung lässt das nicht (mehr) zu"),
    )
}


class BookerPermission(BasePermission):
    """Any logged-in, active user (no role in the region needed); anonymous requests are 401."""

    message = gettext_lazy("Bitte melden Sie sich an, um zu buchen.")

    def has_permission(self, request, view):
        return rules.can_book(request.user)


# --- spaces ----------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary=gettext_lazy(
            "Veröffentlichte Räume der Region; mit free_from und free_until nur die in diesem"
            " Zeitraum freien"
        ),
        parameters=[
            OpenApiParameter(
                "free_from",
                s.DATETIME_SCHEMA,
                description=gettext_lazy(
                    "Beginn des Zeitraums, in dem ein Platz frei sein muss (ISO 8601 mit"
                    " Zeitzone; nur zusammen mit free_until)"
                ),
            ),
            OpenApiParameter(
                "free_until",
                s.DATETIME_SCHEMA,
                description=gettext_lazy(
                    "Ende dieses Zeitraums (ausschließlich; ISO 8601 mit Zeitzone; höchstens"
                    " 31 Tage nach free_from)"
                ),
            ),
            OpenApiParameter(
                "min_capacity",
                {"type": "integer", "minimum": 1, "maximum": s.MAX_ID},
                description=gettext_lazy("Mindestens so viele Plätze oder Personen"),
            ),
        ],
    ),
    retrieve=extend_schema(summary=gettext_lazy("Ein Raum mit Regeln und Öffnungszeiten")),
)
class SpaceViewSet(RegionAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Published spaces of the region, for everybody; never who booked them."""

    permission_classes = [RegionRolePermission]
    filterset_class = SpaceFilterSet

    def get_serializer_class(self):
        return s.SpaceDetailSerializer if self.action == "retrieve" else s.SpaceSerializer

    def get_queryset(self):
        if self.is_schema_view or self.region is None:
            return Space.objects.none()
        queryset = (
            Space.objects.filter(region=self.region, published=True)
            .select_related("municipality")
            .prefetch_related("units")
            .order_by("name", "pk")
        )
        if self.action == "retrieve":
            hours = OpeningHours.objects.order_by("weekday", "opens", "pk")
            queryset = queryset.select_related("provider").prefetch_related(
                Prefetch("opening_hours", queryset=hours)
            )
        return queryset


# --- bookings ----------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary=gettext_lazy("Die eigenen Buchungen in der Region"),
        responses={200: s.BookingSerializer(many=True), **ANONYMOUS},
    ),
    retrieve=extend_schema(
        summary=gettext_lazy("Eine Buchung (der buchenden Person oder dem Anbieter sichtbar)"),
        responses={200: s.BookingSerializer, **ANONYMOUS},
    ),
    create=extend_schema(
        summary=gettext_lazy(
            'Raum buchen: "confirmed" bei Sofortbuchung, sonst "requested" (Anfrage)'
        ),
        request=s.BookingRequestSerializer,
        responses={201: s.BookingSerializer, **REFUSED},
    ),
)
class BookingViewSet(
    RegionAPIMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Bookings: one's own, and those of the spaces one manages (for the decisions)."""

    permission_classes = [BookerPermission]
    serializer_class = s.BookingSerializer
    filter_backends = []

    def get_queryset(self):
        if self.is_schema_view or self.region is None:
            return Booking.objects.none()
        return Booking.objects.filter(region=self.region, booker=self.request.user).order_by(
            "-start", "-pk"
        )

    def region_booking(self) -> Booking:
        """The booking of the path in the request's region (404 when missing or elsewhere)."""
        pk = parse_id(self.kwargs[self.lookup_url_kwarg or self.lookup_field])
        if self.region is None:
            raise NotFound()
        found = (
            Booking.objects.filter(region=self.region, pk=pk)
            .select_related("space", "space__provider")
            .first()
        )
        if found is None:
            raise NotFound()
        return found

    def get_object(self) -> Booking:
        """A booking of the region the caller may see (else 404, whoever else may see it)."""
        found = self.region_booking()
        if not rules.can_view_booking(self.request.user, self.access, found):
            raise NotFound()
        return found

    def answer(self, booking: Booking, code=status.HTTP_200_OK, headers=None) -> Response:
        return Response(s.BookingSerializer(booking).data, status=code, headers=headers)

    def create(self, request, *args, **kwargs):
        if self.region is None:
            raise NotFound()
        serializer = s.BookingRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = serializer.validated_data
        space = (
            Space.objects.filter(region=self.region, published=True, pk=values["space"])
            .prefetch_related("units", "opening_hours", "closed_periods")
            .first()
        )
        errors = {}
        if space is None:
            errors["space"] = [_("Diesen Raum gibt es in dieser Region nicht (oder nicht mehr).")]
        contingent = None
        if values.get("contingent") is not None:
            contingent = Contingent.objects.filter(
                region=self.region, pk=values["contingent"]
            ).first()
            if contingent is None:
                errors["contingent"] = [_("Dieses Kontingent gibt es in dieser Region nicht.")]
        if errors:
            raise ValidationError(errors)
        try:
            booking = booking_service.book(
                space,
                request.user,
                values["start"],
                values["end"],
                purpose=values["purpose"],
                attendees=values["attendees"],
                note=values.get("note", ""),
                contingent=contingent,
            )
        except booking_service.BookingRefused as refusal:
            return Response({"detail": refusal.message}, status=status.HTTP_409_CONFLICT)
        location = request.build_absolute_uri(reverse("api-booking-detail", args=[booking.pk]))
        return self.answer(booking, status.HTTP_201_CREATED, {"Location": location})

    @extend_schema(
        summary=gettext_lazy(
            "Buchung stornieren (buchende Person bis zur Frist; Anbieter und Koordination"
            " jederzeit, Begründung freiwillig)"
        ),
        parameters=[ID_IN_PATH],
        request=s.CancelSerializer,
        responses={200: s.BookingSerializer},
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        booking = self.region_booking()
        denial, as_provider = rules.cancel_denial(request.user, self.access, booking)
        if denial:
            raise PermissionDenied(denial)
        serializer = s.CancelSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        booking = booking_service.cancel(
            booking,
            request.user,
            serializer.validated_data.get("reason", ""),
            as_provider=as_provider,
        )
        return self.answer(booking)

    @extend_schema(
        summary=gettext_lazy("Anfrage bestätigen (Anbieter des Raums und Koordination)"),
        parameters=[ID_IN_PATH],
        request=None,
        responses={200: s.BookingSerializer, **INVALID, **REFUSED},
    )
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        booking = self.region_booking()
        self.check_decision(booking)
        try:
            booking = booking_service.confirm(booking, request.user)
        except booking_service.BookingRefused as refusal:
            return Response({"detail": refusal.message}, status=status.HTTP_409_CONFLICT)
        return self.answer(booking)

    @extend_schema(
        summary=gettext_lazy(
            "Anfrage mit Begründung ablehnen (Anbieter des Raums und Koordination)"
        ),
        parameters=[ID_IN_PATH],
        request=s.DeclineSerializer,
        responses={200: s.BookingSerializer},
    )
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        booking = self.region_booking()
        self.check_decision(booking)
        serializer = s.DeclineSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        booking = booking_service.decline(
            booking, request.user, serializer.validated_data["reason"]
        )
        return self.answer(booking)

    def check_decision(self, booking: Booking) -> None:
        denial = rules.decide_denial(self.request.user, self.access, booking)
        if denial:
            raise PermissionDenied(denial)
