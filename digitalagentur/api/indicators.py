"""Indicators in the API: the indicators of the region with status, their values and targets.

Reads are open (published indicators; drafts for the region's staff), as every list of the
API. Indicators and targets are written by the coordination, values also by the officers of
the town they belong to (indicators/rules.py); every write goes through indicators/services.py
and a change or deletion carries the `version` it is based on (409 when somebody else saved in
between). Shapes, numbers and filters: api/indicator_serializers.py.
"""

from __future__ import annotations

from django.db.models import F, Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import status, viewsets
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response

from digitalagentur.core import parsing
from digitalagentur.indicators import rules, services
from digitalagentur.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from digitalagentur.indicators.queries import visible_indicators, with_status
from digitalagentur.portfolio.models import Project
from digitalagentur.strategy.models import Field, Goal
from digitalagentur.tenancy.models import Municipality

from .indicator_serializers import (
    DecimalJSONParser,
    IndicatorFilterSet,
    IndicatorSerializer,
    IndicatorTargetSerializer,
    IndicatorValueFilterSet,
    IndicatorValueSerializer,
)
from .permissions import is_authenticated, request_access
from .serializers import MAX_VERSION
from .views import RegionAPIMixin, parse_id

# --- permissions -----------------------------------------------------------------------------


class IndicatorPermission(BasePermission):
    """Reads are open (the querysets decide); indicators and targets are the coordination's."""

    message = _("Indikatoren und Zielwerte legt die Koordination fest.")

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        if not is_authenticated(request):
            return False  # DRF answers 401 when no credentials were sent
        denial = rules.indicator_write_denial(request_access(request, view))
        if denial:
            self.message = denial
        return denial is None


class ValuePermission(BasePermission):
    """Values: the coordination any, officers those of their town (checked per value)."""

    message = _("Sie dürfen in dieser Region keine Werte eintragen.")

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        if not is_authenticated(request):
            return False
        return rules.can_write_any_value(request_access(request, view))


# --- views ------------------------------------------------------------------------------------

WRITE_ERRORS = {
    401: OpenApiResponse(description=_("Keine Anmeldedaten")),
    403: OpenApiResponse(description=_("Keine Berechtigung")),
}
CONFLICT = {409: OpenApiResponse(description=_("Inzwischen von jemand anderem geändert"))}
DELETE_VERSION = OpenApiParameter(
    "version",
    int,
    required=True,
    description=_(
        "Pflicht: Stand, auf dem das Löschen beruht; ist er nicht mehr aktuell, antwortet die"
        " API mit 409"
    ),
)
INDICATOR_IN_PATH = OpenApiParameter(
    "indicator_id", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("ID des Indikators")
)
ID_IN_PATH = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)
WRITE_METHODS = ["get", "post", "patch", "delete", "head", "options"]


def version_to_delete(request) -> int:
    """The required `?version=` of a DELETE."""
    raw = request.query_params.get("version")
    if raw in (None, ""):
        raise ValidationError(
            {"version": [_("Bitte die Version angeben, auf der das Löschen beruht.")]}
        )
    expected = parsing.parse_id(raw, maximum=MAX_VERSION)
    if expected is None:
        raise ValidationError({"version": [_("Die Version muss eine ganze Zahl sein.")]})
    return expected


class IndicatorAPIMixin(RegionAPIMixin):
    parser_classes = [DecimalJSONParser]
    http_method_names = WRITE_METHODS

    def visible(self):
        if self.is_schema_view or self.region is None:
            return Indicator.objects.none()
        return visible_indicators(self.region, internal=self.can_read_internal)


@extend_schema_view(
    list=extend_schema(summary=_("Indikatoren mit Status (gefiltert, seitenweise)")),
    retrieve=extend_schema(summary=_("Ein Indikator mit Status und Zielwerten")),
    create=extend_schema(
        summary=_("Indikator anlegen (nur Koordination)"),
        responses={201: IndicatorSerializer, **WRITE_ERRORS},
    ),
    partial_update=extend_schema(
        summary=_(
            'Indikator ändern (nur Koordination); "version" ist Pflicht, 409 bei veraltetem Stand'
        ),
        responses={200: IndicatorSerializer, **CONFLICT, **WRITE_ERRORS},
    ),
    destroy=extend_schema(
        summary=_("Indikator mit seinen Werten und Zielwerten löschen (nur Koordination)"),
        parameters=[DELETE_VERSION],
        responses={204: None, **CONFLICT, **WRITE_ERRORS},
    ),
)
class IndicatorViewSet(IndicatorAPIMixin, viewsets.ModelViewSet):
    """Indicators of the region: published ones for everybody, drafts for the region's staff.
    Each carries its status (the region's latest value against the target path), its latest
    value and its targets. Links are written as lists: fields and municipalities by slug,
    goals and projects by id."""

    serializer_class = IndicatorSerializer
    permission_classes = [IndicatorPermission]
    filterset_class = IndicatorFilterSet

    def get_queryset(self):
        internal = self.can_read_internal
        fields = Field.objects.only("pk", "slug").order_by(
            "priority_group__number", "position", "name", "pk"
        )
        goals = Goal.objects.only("pk").order_by("pk")
        projects = Project.objects.only("pk").order_by("pk")
        if not internal:  # links to drafts do not show through
            fields = fields.filter(published=True, strategy__published=True)
            goals = goals.filter(
                published=True, field__published=True, field__strategy__published=True
            )
            projects = projects.filter(published=True)
        towns = Municipality.objects.only("pk", "slug").order_by("name", "pk")
        return self.visible().prefetch_related(
            Prefetch("fields", queryset=fields),
            Prefetch("goals", queryset=goals),
            Prefetch("projects", queryset=projects),
            Prefetch("municipalities", queryset=towns),
        )

    def with_rows(self, indicators):
        """The indicators with their IndicatorRow attached (for the serializer)."""
        for row in with_status(indicators):
            row.indicator.row = row
        return indicators

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset()).order_by("name", "pk")
        page = self.with_rows(self.paginate_queryset(queryset))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def get_object(self):
        return self.with_rows([super().get_object()])[0]

    def retrieve(self, request, *args, **kwargs):
        return Response(self.get_serializer(self.get_object()).data)

    def answer(self, indicator, code=status.HTTP_200_OK) -> Response:
        """The indicator as stored now (read back with links and status)."""
        fresh = self.with_rows([self.get_queryset().get(pk=indicator.pk)])[0]
        data = self.get_serializer(fresh).data
        headers = {}
        if code == status.HTTP_201_CREATED:
            url = reverse("api-indicator-detail", args=[indicator.pk])
            headers["Location"] = str(self.request.build_absolute_uri(url))
        return Response(data, status=code, headers=headers)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values, links, _version = serializer.split()
        indicator = services.create_indicator(
            region=self.region, values=values, links=links, user=request.user
        )
        return self.answer(indicator, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        indicator = super().get_object()
        serializer = self.get_serializer(indicator, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        values, links, version = serializer.split()
        services.update_indicator(
            indicator, values, expected_version=version, links=links, user=request.user
        )
        return self.answer(indicator)

    def destroy(self, request, *args, **kwargs):
        indicator = super().get_object()
        expected = version_to_delete(request)
        services.delete_indicator(indicator, expected_version=expected, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class IndicatorPartMixin(IndicatorAPIMixin):
    """Values and targets below /indicators/<indicator_id>/: the indicator must be visible."""

    _indicator = None

    @property
    def indicator(self) -> Indicator:
        if self._indicator is None:
            pk = parse_id(self.kwargs.get("indicator_id"))
            found = self.visible().filter(pk=pk).first()
            if found is None:
                raise NotFound()
            self._indicator = found
        return self._indicator

    def reply(self, serializer_class, row, code=status.HTTP_200_OK) -> Response:
        data = serializer_class(row, context=self.get_serializer_context()).data
        headers = {}
        if code == status.HTTP_201_CREATED:
            url = reverse(self.detail_name, args=[self.indicator.pk, row.pk])
            headers["Location"] = str(self.request.build_absolute_uri(url))
        return Response(data, status=code, headers=headers)


PART_SCHEMA = [INDICATOR_IN_PATH]


@extend_schema_view(
    list=extend_schema(
        summary=_("Messwerte eines Indikators nach Stichtag (der Region und der Kommunen)"),
        parameters=PART_SCHEMA,
    ),
    retrieve=extend_schema(summary=_("Ein Messwert"), parameters=[*PART_SCHEMA, ID_IN_PATH]),
    create=extend_schema(
        summary=_("Messwert eintragen (Koordination: jeden; Beauftragte: nur für ihre Kommune)"),
        parameters=PART_SCHEMA,
        responses={201: IndicatorValueSerializer, **WRITE_ERRORS},
    ),
    partial_update=extend_schema(
        summary=_('Messwert ändern; "version" ist Pflicht, 409 bei veraltetem Stand'),
        parameters=[*PART_SCHEMA, ID_IN_PATH],
        responses={200: IndicatorValueSerializer, **CONFLICT, **WRITE_ERRORS},
    ),
    destroy=extend_schema(
        summary=_("Messwert löschen"),
        parameters=[*PART_SCHEMA, ID_IN_PATH, DELETE_VERSION],
        responses={204: None, **CONFLICT, **WRITE_ERRORS},
    ),
)
class IndicatorValueViewSet(IndicatorPartMixin, viewsets.ModelViewSet):
    """Measured values of an indicator: of the whole region (municipality null) and of the
    towns, by date. The coordination writes every value, an officer those of their town."""

    serializer_class = IndicatorValueSerializer
    permission_classes = [ValuePermission]
    filterset_class = IndicatorValueFilterSet
    detail_name = "api-indicator-value-detail"

    def get_queryset(self):
        if self.is_schema_view:
            return IndicatorValue.objects.none()
        return (
            IndicatorValue.objects.filter(indicator=self.indicator)
            .select_related("municipality")
            .order_by("date", F("municipality__name").asc(nulls_first=True), "pk")
        )

    def deny_unless_may_write(self, town) -> None:
        denial = rules.value_write_denial(self.access, town.pk if town is not None else None)
        if denial:
            raise PermissionDenied(denial)

    def create(self, request, *args, **kwargs):
        indicator = self.indicator
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        values.pop("version", None)
        self.deny_unless_may_write(values.get("municipality"))
        row = services.add_value(indicator, user=request.user, **values)
        return self.reply(IndicatorValueSerializer, row, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        row = self.get_object()
        serializer = self.get_serializer(row, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        version = values.pop("version")
        self.deny_unless_may_write(row.municipality)
        if "municipality" in values:
            self.deny_unless_may_write(values["municipality"])
        saved = services.update_value(row, values, expected_version=version, user=request.user)
        return self.reply(IndicatorValueSerializer, self.get_queryset().get(pk=saved.pk))

    def destroy(self, request, *args, **kwargs):
        row = self.get_object()
        self.deny_unless_may_write(row.municipality)
        expected = version_to_delete(request)
        services.delete_value(row, expected_version=expected, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(summary=_("Zielwerte eines Indikators nach Datum"), parameters=PART_SCHEMA),
    retrieve=extend_schema(summary=_("Ein Zielwert"), parameters=[*PART_SCHEMA, ID_IN_PATH]),
    create=extend_schema(
        summary=_("Zielwert anlegen (nur Koordination)"),
        parameters=PART_SCHEMA,
        responses={201: IndicatorTargetSerializer, **WRITE_ERRORS},
    ),
    partial_update=extend_schema(
        summary=_(
            'Zielwert ändern (nur Koordination); "version" ist Pflicht, 409 bei veraltetem Stand'
        ),
        parameters=[*PART_SCHEMA, ID_IN_PATH],
        responses={200: IndicatorTargetSerializer, **CONFLICT, **WRITE_ERRORS},
    ),
    destroy=extend_schema(
        summary=_("Zielwert löschen (nur Koordination)"),
        parameters=[*PART_SCHEMA, ID_IN_PATH, DELETE_VERSION],
        responses={204: None, **CONFLICT, **WRITE_ERRORS},
    ),
)
class IndicatorTargetViewSet(IndicatorPartMixin, viewsets.ModelViewSet):
    """Targets of an indicator: values to reach by a date (the coordination's)."""

    serializer_class = IndicatorTargetSerializer
    permission_classes = [IndicatorPermission]
    filter_backends = []
    detail_name = "api-indicator-target-detail"

    def get_queryset(self):
        if self.is_schema_view:
            return IndicatorTarget.objects.none()
        return IndicatorTarget.objects.filter(indicator=self.indicator).order_by("date", "pk")

    def create(self, request, *args, **kwargs):
        indicator = self.indicator
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        values.pop("version", None)
        row = services.add_target(indicator, user=request.user, **values)
        return self.reply(IndicatorTargetSerializer, row, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        row = self.get_object()
        serializer = self.get_serializer(row, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        version = values.pop("version")
        saved = services.update_target(row, values, expected_version=version, user=request.user)
        return self.reply(IndicatorTargetSerializer, saved)

    def destroy(self, request, *args, **kwargs):
        row = self.get_object()
        expected = version_to_delete(request)
        services.delete_target(row, expected_version=expected, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
