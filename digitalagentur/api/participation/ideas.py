"""Ideas through the API (issue 12, section 3): the public list with its filters, one idea,
submitting one, and supporting it.

- Reads show the public ideas of the request's region only (Idea.objects.public(): published,
  in review, taken into the strategy, declined with their answer); an idea waiting for the
  moderation, refused in it or merged into another is not found (404), whoever asks.
- Writes need a logged-in, active account (participation.rules.can_take_part): without
  credentials 401. A new idea is "received" and public only once a moderator published it.
- Support: POST is 201 when the support is new and 200 when the person supported the idea
  already; DELETE withdraws it and is 204 whether or not there was one. Both only on an idea
  still open (published or in review): a decided one (taken over, declined) is a 409 with a
  German "detail".
- Every write goes through participation.services: its field messages are a 400; a rate
  limit (participation.limits) is a 429 with a German "detail" and Retry-After.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Exists, OuterRef, Prefetch
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
from rest_framework.exceptions import NotFound
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response

from digitalagentur.core.client_ip import client_ip
from digitalagentur.participation import rules, services
from digitalagentur.participation.choices import OPEN_STATUSES
from digitalagentur.participation.limits import RateLimited
from digitalagentur.participation.models import Idea, IdeaStatusChange, Support

from ..views import RegionAPIMixin, parse_id
from . import serializers as s
from .filters import IdeaFilterSet

ID_IN_PATH = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)
MESSAGE = s.ParticipationMessageSerializer
RATE_LIMITED = {
    429: OpenApiResponse(
        response=MESSAGE,
        description=gettext_lazy("Zu viele Aktionen in kurzer Zeit; später erneut versuchen"),
    )
}
DECIDED = {
    409: OpenApiResponse(
        response=MESSAGE,
        description=gettext_lazy("Über die Idee ist entschieden: keine Unterstützung mehr"),
    )
}


class ParticipantPermission(BasePermission):
    """Reads are open; writes need a logged-in, active account (anonymous requests are 401)."""

    message = gettext_lazy("Bitte melden Sie sich an, um mitzumachen.")

    def has_permission(self, request, view):
        return request.method in SAFE_METHODS or rules.can_take_part(request.user)


def rate_limited(refusal: RateLimited) -> Response:
    return Response(
        {"detail": " ".join(refusal.messages)},
        status=status.HTTP_429_TOO_MANY_REQUESTS,
        headers={"Retry-After": str(refusal.retry_after)},
    )


def decided() -> Response:
    return Response(
        {"detail": _("Über diese Idee ist entschieden: sie kann nicht mehr unterstützt werden.")},
        status=status.HTTP_409_CONFLICT,
    )


@extend_schema_view(
    list=extend_schema(
        summary=gettext_lazy(
            "Öffentliche Ideen der Region (gefiltert, sortiert, seitenweise); ohne Sortierung "
            "die neuesten zuerst"
        ),
    ),
    retrieve=extend_schema(
        summary=gettext_lazy("Eine öffentliche Idee mit Text, Antwort und ihrem Weg"),
    ),
    create=extend_schema(
        summary=gettext_lazy(
            'Idee einreichen (angemeldet): "received", öffentlich erst nach der Moderation'
        ),
        request=s.IdeaCreateSerializer,
        responses={201: s.IdeaDetailSerializer, **RATE_LIMITED},
    ),
)
class IdeaViewSet(
    RegionAPIMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Ideas of the region: read by everybody, submitted and supported by participants."""

    permission_classes = [ParticipantPermission]
    filterset_class = IdeaFilterSet

    def get_serializer_class(self):
        if self.action == "list":
            return s.IdeaSerializer
        if self.action == "create":
            return s.IdeaCreateSerializer
        return s.IdeaDetailSerializer

    def public_ideas(self):
        if self.is_schema_view or self.region is None:
            return Idea.objects.none()
        return Idea.objects.public().filter(region=self.region)

    def get_queryset(self):
        queryset = self.public_ideas().select_related("field", "field__strategy", "municipality")
        if self.action == "retrieve":
            steps = IdeaStatusChange.objects.order_by("time", "pk")
            queryset = queryset.select_related("author", "project").prefetch_related(
                Prefetch("status_changes", queryset=steps)
            )
            if rules.can_take_part(self.request.user):
                own = Support.objects.filter(idea=OuterRef("pk"), user=self.request.user)
                queryset = queryset.annotate(supported=Exists(own))
        return services.with_supporters(queryset)

    def detail_of(self, idea: Idea) -> dict:
        """The idea as GET on it would show it (also right after it was submitted)."""
        found = services.with_supporters(
            Idea.objects.filter(pk=idea.pk).select_related(
                "field", "field__strategy", "municipality", "author", "project"
            )
        ).get()
        return s.IdeaDetailSerializer(found, context=self.get_serializer_context()).data

    def create(self, request, *args, **kwargs):
        if self.region is None:
            raise NotFound()
        context = self.get_serializer_context()
        serializer = s.IdeaCreateSerializer(data=request.data, context=context)
        serializer.is_valid(raise_exception=True)
        values = serializer.validated_data
        try:
            idea = services.submit_idea(
                region=self.region,
                user=request.user,
                title=values["title"],
                text=values["text"],
                field=values.get("field"),
                municipality=values.get("municipality"),
                client_ip=client_ip(request),
            )
        except RateLimited as refusal:
            return rate_limited(refusal)
        return Response(self.detail_of(idea), status=status.HTTP_201_CREATED)

    def open_idea(self) -> Idea:
        """The public idea of the path in the request's region (404 otherwise)."""
        pk = parse_id(self.kwargs[self.lookup_url_kwarg or self.lookup_field])
        idea = self.public_ideas().filter(pk=pk).first()
        if idea is None:
            raise NotFound()
        return idea

    @extend_schema(
        summary=gettext_lazy("Idee unterstützen (angemeldet): 201 neu, 200 wenn schon unterstützt"),
        parameters=[ID_IN_PATH],
        methods=["POST"],
        request=None,
        responses={
            201: s.SupportStateSerializer,
            200: s.SupportStateSerializer,
            **DECIDED,
            **RATE_LIMITED,
        },
    )
    @extend_schema(
        summary=gettext_lazy("Unterstützung zurückziehen (204, auch wenn es keine gab)"),
        parameters=[ID_IN_PATH],
        methods=["DELETE"],
        request=None,
        responses={204: None, **DECIDED},
    )
    @action(detail=True, methods=["post", "delete"], url_path="support")
    def support(self, request, pk=None):
        idea = self.open_idea()
        if idea.status not in OPEN_STATUSES:
            return decided()
        if request.method == "DELETE":
            services.withdraw_support(idea, request.user)
            return Response(status=status.HTTP_204_NO_CONTENT)
        try:
            created = services.support(idea, request.user, client_ip=client_ip(request))
        except RateLimited as refusal:
            return rate_limited(refusal)
        except DjangoValidationError as refusal:  # decided or withdrawn in the meantime
            return Response({"detail": " ".join(refusal.messages)}, status=status.HTTP_409_CONFLICT)
        data = {"supporters": services.supporters(idea), "supported": True}
        code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return Response(s.SupportStateSerializer(data).data, status=code)
