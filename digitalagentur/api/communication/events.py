"""Events through the API (issue 13, section 2).

- GET /api/v1/events/: the region's published events, past ones included, soonest first
  (`?upcoming=true`: only those not over yet); the region's staff also see drafts. Each with
  `id`, `title`, `start`, `end`, `capacity`, `registered`, `waitlisted`, `registration_open`
  (and more facts). GET /api/v1/events/<id>/: one event.
- POST /api/v1/events/: the coordination creates an event (`title`, `start`, `end` as ISO 8601
  with offset, `capacity` (null: no limit), `registration_open`, `published`; other fields
  optional). Without credentials 401, without the right 403, bad values 400 (German).
- POST /api/v1/events/<id>/registrations/ (a logged-in, active account): 201 with
  `"status": "registered"` or `"waitlisted"`; the same person again: 200 with the registration
  they have. An event not taking registrations: 409 with a German "detail".
- DELETE /api/v1/events/<id>/registrations/mine/: cancels the person's registration (204,
  also when there was none); the first on the waiting list moves up.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
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
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response

from digitalagentur.communication import events as event_services
from digitalagentur.communication import registrations, rules
from digitalagentur.communication.models import Event

from ..permissions import is_authenticated, request_access
from ..views import RegionAPIMixin, parse_id
from . import serializers as s

ID_IN_PATH = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)
UPCOMING = OpenApiParameter(
    "upcoming",
    OpenApiTypes.BOOL,
    OpenApiParameter.QUERY,
    description=gettext_lazy("true: nur Veranstaltungen, die noch nicht vorbei sind"),
)
TRUE_VALUES = {"true", "1", "yes", "ja"}
FALSE_VALUES = {"false", "0", "no", "nein", ""}


class EventPermission(BasePermission):
    """Reads are open; creating needs the coordination; registering a logged-in account."""

    message = gettext_lazy("Nur die Koordination darf Veranstaltungen anlegen.")

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        if not is_authenticated(request):
            return False  # 401
        if view.action in ("registrations", "my_registration"):
            self.message = gettext_lazy("Bitte melden Sie sich an, um sich anzumelden.")
            return rules.can_register(request.user)
        return rules.can_create_events(request_access(request, view))


@extend_schema_view(
    list=extend_schema(
        summary=gettext_lazy(
            "Veranstaltungen der Region (auch vergangene), die früheste zuerst; "
            "?upcoming=true nur die kommenden"
        ),
        parameters=[UPCOMING],
    ),
    retrieve=extend_schema(summary=gettext_lazy("Eine Veranstaltung")),
    create=extend_schema(
        summary=gettext_lazy("Veranstaltung anlegen (Koordination)"),
        request=s.EventCreateSerializer,
        responses={201: s.EventSerializer},
    ),
)
class EventViewSet(
    RegionAPIMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [EventPermission]
    serializer_class = s.EventSerializer

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["now"] = timezone.now()
        return context

    def visible(self):
        if self.is_schema_view or self.region is None:
            return Event.objects.none()
        return rules.visible_events(self.access, Event.objects.all())

    def get_queryset(self):
        queryset = self.visible()
        if self.action == "list":
            upcoming = (self.request.query_params.get("upcoming") or "").strip().lower()
            if upcoming in TRUE_VALUES:
                queryset = queryset.upcoming()
            elif upcoming not in FALSE_VALUES:
                raise ValidationError(
                    {"upcoming": [gettext_lazy("Bitte true oder false angeben.")]}
                )
        queryset = queryset.select_related("field").prefetch_related("municipalities")
        return registrations.with_counts(queryset).order_by("start", "pk")

    def reload(self, event: Event) -> dict:
        found = registrations.with_counts(
            Event.objects.filter(pk=event.pk)
            .select_related("field")
            .prefetch_related("municipalities")
        ).get()
        return s.EventSerializer(found, context=self.get_serializer_context()).data

    def create(self, request, *args, **kwargs):
        if self.region is None:
            raise NotFound()
        body = s.EventCreateSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        values = dict(body.validated_data)
        municipalities = values.pop("municipalities", [])
        try:
            event = event_services.create_event(
                region=self.region,
                user=request.user,
                values=values,
                municipalities=municipalities,
            )
        except DjangoValidationError as error:
            raise ValidationError(_messages(error)) from None
        return Response(self.reload(event), status=status.HTTP_201_CREATED)

    def event_of_path(self, pk) -> Event:
        event = self.visible().filter(pk=parse_id(pk)).first()
        if event is None:
            raise NotFound()
        return event

    @extend_schema(
        summary=gettext_lazy(
            "Anmelden (angemeldetes Konto): 201 angemeldet oder auf der Warteliste, "
            "200 wenn schon angemeldet"
        ),
        parameters=[ID_IN_PATH],
        request=s.RegistrationCreateSerializer,
        responses={
            201: s.RegistrationSerializer,
            200: s.RegistrationSerializer,
            409: OpenApiResponse(
                response=s.MessageSerializer,
                description=gettext_lazy("Keine Anmeldung möglich"),
            ),
        },
    )
    @action(detail=True, methods=["post"], url_path="registrations")
    def registrations(self, request, pk=None):
        event = self.event_of_path(pk)
        body = s.RegistrationCreateSerializer(data=request.data or {})
        body.is_valid(raise_exception=True)
        try:
            outcome = registrations.register(event, request.user, **body.validated_data)
        except registrations.RegistrationClosed as refusal:
            return Response({"detail": " ".join(refusal.messages)}, status=status.HTTP_409_CONFLICT)
        except DjangoValidationError as error:
            raise ValidationError(_messages(error)) from None
        code = status.HTTP_201_CREATED if outcome.created else status.HTTP_200_OK
        return Response(s.RegistrationSerializer(outcome.registration).data, status=code)

    @extend_schema(
        summary=gettext_lazy(
            "Abmelden (204, auch wenn keine Anmeldung bestand); die erste Person der "
            "Warteliste rückt nach"
        ),
        parameters=[ID_IN_PATH],
        request=None,
        responses={204: None},
    )
    @action(detail=True, methods=["delete"], url_path="registrations/mine")
    def my_registration(self, request, pk=None):
        event = self.event_of_path(pk)
        registrations.cancel(event, request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _messages(error: DjangoValidationError):
    if hasattr(error, "error_dict"):
        return {name: [str(m) for m in messages] for name, messages in error.message_dict.items()}
    return {"detail": " ".join(error.messages)}
