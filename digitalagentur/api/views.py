"""REST API v1: strategy, fields, municipalities, projects and strategy versions.

Thin views: every queryset is scoped to request.region (published only for users without
internal read access there), writes go through portfolio.services / strategy.versions, and
permissions are the Access checks of tenancy.permissions (see api.permissions).
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _
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
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from digitalagentur.core import parsing
from digitalagentur.core.services import delete_object
from digitalagentur.portfolio.filtersets import ProjectFilterSet, visible_projects
from digitalagentur.portfolio.models import Project
from digitalagentur.portfolio.rules import part_write_denial, project_write_denial
from digitalagentur.portfolio.services import create_project, update_part, update_project
from digitalagentur.strategy.figures import strategy_counts
from digitalagentur.strategy.models import Field, Goal, Strategy, StrategyVersion
from digitalagentur.strategy.versions import freeze_version, version_diff
from digitalagentur.tenancy.models import Municipality
from digitalagentur.tenancy.pagecache import mark_cacheable

from . import projects
from . import serializers as s
from .filters import FieldFilterSet, FilterBackend
from .permissions import (
    ProjectPermission,
    VersionPermission,
    bind_access,
)


def parse_id(value) -> int:
    """A primary key from the URL; anything that cannot be one is simply not found."""
    pk = parsing.parse_id(value)
    if pk is None:
        raise NotFound()
    return pk


class RegionAPIMixin:
    """Binds `self.access` (rights of the authenticated user in request.region)."""

    access = None

    def check_permissions(self, request):
        self.access = bind_access(request)
        super().check_permissions(request)

    @property
    def region(self):
        return getattr(self.request, "region", None)

    @property
    def is_schema_view(self) -> bool:
        return getattr(self, "swagger_fake_view", False)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD"):
            mark_cacheable(request, response)
        return response

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["access"] = self.access
        return context

    def get_object(self):
        lookup = self.lookup_url_kwarg or self.lookup_field
        if self.lookup_field == "pk":
            self.kwargs[lookup] = parse_id(self.kwargs[lookup])
        return super().get_object()

    @property
    def can_read_internal(self) -> bool:
        return bool(self.access is not None and self.access.can_read_internal)


# --- strategy -------------------------------------------------------------------------------


class StrategyView(RegionAPIMixin, GenericAPIView):
    """The region's strategy: title, vision and its headline figures computed from the data."""

    serializer_class = s.StrategySerializer
    pagination_class = None
    filter_backends = []

    def get_queryset(self):
        return Strategy.objects.filter(region=self.region).select_related("region")

    def get(self, request, *args, **kwargs):
        strategy = self.get_queryset().first() if self.region is not None else None
        if strategy is None or not (strategy.published or self.can_read_internal):
            raise NotFound(_("Für diese Region gibt es keine veröffentlichte Strategie."))
        counts = strategy_counts(strategy, public=not self.can_read_internal).as_dict()
        context = {**self.get_serializer_context(), "counts": counts}
        return Response(s.StrategySerializer(strategy, context=context).data)


# --- fields and municipalities -----------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary=_("Handlungsfelder der Strategie")),
    retrieve=extend_schema(summary=_("Ein Handlungsfeld")),
)
class FieldViewSet(RegionAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Fields of action with priority group, guiding principle and goals (drafts: staff only)."""

    serializer_class = s.FieldSerializer
    filterset_class = FieldFilterSet
    lookup_field = "slug"

    def get_queryset(self):
        if self.is_schema_view or self.region is None:
            return Field.objects.none()
        goals = Goal.objects.order_by("position", "pk")
        fields = Field.objects.filter(region=self.region)
        if not self.can_read_internal:
            goals = goals.filter(published=True)
            fields = fields.filter(published=True, strategy__published=True)
        return (
            fields.select_related("priority_group")
            .prefetch_related(Prefetch("goals", queryset=goals))
            .order_by("priority_group__number", "position", "name", "pk")
        )


@extend_schema_view(
    list=extend_schema(summary=_("Städte und Gemeinden der Region")),
    retrieve=extend_schema(summary=_("Eine Stadt oder Gemeinde")),
)
class MunicipalityViewSet(RegionAPIMixin, viewsets.ReadOnlyModelViewSet):
    """The member towns of the region (the district itself is the region, not a member)."""

    serializer_class = s.MunicipalitySerializer
    lookup_field = "slug"
    filter_backends = []

    def get_queryset(self):
        if self.is_schema_view or self.region is None:
            return Municipality.objects.none()
        return Municipality.objects.filter(region=self.region).order_by("name", "pk")


# --- projects -----------------------------------------------------------------------------

TOWN_IN_PATH = OpenApiParameter(
    "town",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description=_("Kürzel der beteiligten Kommune"),
)
WRITE_ERRORS = {
    401: OpenApiResponse(description=_("Keine Anmeldedaten")),
    403: OpenApiResponse(description=_("Keine Berechtigung")),
}


@extend_schema_view(
    list=extend_schema(summary=_("Projekte (gefiltert, sortiert, seitenweise)")),
    retrieve=extend_schema(summary=_("Ein Projekt (Steckbrief) mit den Teilen der Kommunen")),
    create=extend_schema(
        summary=_('Projekt anlegen (unveröffentlicht, außer mit "published": true)'),
        request=s.ProjectSerializer,
        responses={201: s.ProjectDetailSerializer, **WRITE_ERRORS},
    ),
    partial_update=extend_schema(
        summary=_('Projekt ändern; "version" ist Pflicht, 409 bei veraltetem Stand'),
        request=s.ProjectSerializer,
        responses={
            200: s.ProjectDetailSerializer,
            409: OpenApiResponse(description=_("Inzwischen von jemand anderem geändert")),
            **WRITE_ERRORS,
        },
    ),
    update=extend_schema(
        summary=_('Projekt ändern (wie PATCH; "title" und "version" sind Pflicht)'),
        request=s.ProjectSerializer,
        responses={
            200: s.ProjectDetailSerializer,
            409: OpenApiResponse(description=_("Inzwischen von jemand anderem geändert")),
            **WRITE_ERRORS,
        },
    ),
    destroy=extend_schema(
        summary=_("Projekt löschen (nur Koordination)"),
        parameters=[
            OpenApiParameter(
                "version",
                int,
                required=True,
                description=_(
                    "Pflicht: Stand, auf dem das Löschen beruht; ist er nicht mehr aktuell,"
                    " antwortet die API mit 409"
                ),
            )
        ],
        responses={204: None, 409: OpenApiResponse(description=_("veraltet")), **WRITE_ERRORS},
    ),
)
class ProjectViewSet(RegionAPIMixin, viewsets.ModelViewSet):
    """Projects of the region: published ones for everybody, drafts and internal notes for
    the region's staff. Writes need a token or session; a change must carry the `version` it
    is based on and is refused with 409 when somebody else saved in between."""

    serializer_class = s.ProjectSerializer
    permission_classes = [ProjectPermission]
    filterset_class = ProjectFilterSet

    def get_serializer_class(self):
        if self.action == "list":
            return s.ProjectSerializer
        if self.action == "part":
            return s.ProjectPartSerializer
        return s.ProjectDetailSerializer

    def get_queryset(self):
        if self.is_schema_view:
            return Project.objects.none()
        return visible_projects(self.request)

    def list(self, request, *args, **kwargs):
        represent = projects.ProjectRepresentation(request, internal=self.can_read_internal)
        page = self.unfiltered_first_page(request)
        if page is None:
            queryset = self.filter_queryset(visible_projects(request, related=False))
            page = self.paginate_queryset(projects.rows(queryset))
        return self.get_paginated_response(represent(page))

    def unfiltered_first_page(self, request) -> list[dict] | None:
        """The first page of a list without filters, from the precompiled read (one
        query; counted separately only if the page is full); None for any other list."""
        if request.region is None or FilterBackend.has_parameters(request, self):
            return None
        if request.query_params.get(self.paginator.page_query_param, "1") not in ("", "1"):
            return None
        limit = self.paginator.get_page_size(request)
        found = projects.first_rows(request.region, internal=self.can_read_internal, limit=limit)
        everything = visible_projects(request, related=False)
        return self.paginator.first_page_of(found, everything, request, limit)

    def retrieve(self, request, *args, **kwargs):
        pk = parse_id(kwargs[self.lookup_url_kwarg or self.lookup_field])
        found = None
        if request.region is not None:
            found = projects.row_by_id(request.region, pk, internal=self.can_read_internal)
        if found is None:
            raise NotFound()
        represent = projects.ProjectRepresentation(request, internal=self.can_read_internal)
        data = represent([found])[0]
        data["parts"] = [represent.part(row) for row in projects.part_rows(pk)]
        return Response(data)

    def reload(self, project: Project) -> Project:
        return visible_projects(self.request).get(pk=project.pk)

    def split_values(self, serializer):
        values = dict(serializer.validated_data)
        version = values.pop("version", None)
        towns = values.pop("municipalities", None)
        town_ids = [town.pk for town in towns] if towns is not None else None
        return values, version, town_ids

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values, _version, town_ids = self.split_values(serializer)
        town_ids = town_ids or []
        denial = project_write_denial(self.access, values, town_ids)
        if denial:
            raise PermissionDenied(denial)
        project = create_project(
            region=self.region, values=values, town_ids=town_ids, user=request.user
        )
        data = self.get_serializer(self.reload(project)).data
        return Response(
            data, status=status.HTTP_201_CREATED, headers={"Location": str(data["url"])}
        )

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        project = self.get_object()
        serializer = self.get_serializer(project, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        values, version, town_ids = self.split_values(serializer)
        denial = project_write_denial(self.access, values, town_ids, project)
        if denial:
            raise PermissionDenied(denial)
        update_project(
            project, values, expected_version=version, town_ids=town_ids, user=request.user
        )
        return Response(self.get_serializer(self.reload(project)).data)

    def destroy(self, request, *args, **kwargs):
        project = self.get_object()
        raw = request.query_params.get("version")
        if raw in (None, ""):
            raise ValidationError(
                {"version": [_("Bitte die Version angeben, auf der das Löschen beruht.")]}
            )
        expected = parsing.parse_id(raw, maximum=s.MAX_VERSION)
        if expected is None:
            raise ValidationError({"version": [_("Die Version muss eine ganze Zahl sein.")]})
        delete_object(project, expected_version=expected, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary=_("Teil einer Kommune an einem Projekt: Status, Fortschritt, Notiz"),
        parameters=[TOWN_IN_PATH],
        methods=["GET"],
        responses={200: s.ProjectPartSerializer},
    )
    @extend_schema(
        summary=_(
            'Teil einer Kommune ändern (ihre Beauftragten und die Koordination); "version" ist'
            " Pflicht, 409 bei veraltetem Stand"
        ),
        parameters=[TOWN_IN_PATH],
        methods=["PATCH"],
        request=s.ProjectPartSerializer,
        responses={
            200: s.ProjectPartSerializer,
            409: OpenApiResponse(description=_("Inzwischen von jemand anderem geändert")),
            **WRITE_ERRORS,
        },
    )
    @action(detail=True, methods=["get", "patch"], url_path=r"parts/(?P<town>[^/]+)")
    def part(self, request, pk=None, town=None):
        """A town's part; the project's status and progress follow from the parts
        (portfolio/rollup.py) unless the coordination has set them."""
        project = self.get_object()
        found = [p for p in project.participations.all() if p.municipality.slug == town]
        if not found:
            raise NotFound(_("Diese Kommune ist an dem Projekt nicht beteiligt."))
        part = found[0]
        if request.method == "GET":
            return Response(self.get_serializer(part).data)
        denial = part_write_denial(self.access, part)
        if denial:
            raise PermissionDenied(denial)
        serializer = self.get_serializer(part, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        version = values.pop("version")
        saved = update_part(part, values, expected_version=version, user=request.user)
        saved.municipality = part.municipality
        return Response(self.get_serializer(saved).data)


# --- strategy versions --------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary=_("Eingefrorene Fassungen der Strategie")),
    retrieve=extend_schema(
        summary=_("Eine Fassung mit ihrem Inhalt (Entwürfe nur für die Region intern)")
    ),
    create=extend_schema(
        summary=_("Aktuellen Stand als benannte Fassung einfrieren (Koordination)"),
        request=s.StrategyVersionSerializer,
        responses={201: s.StrategyVersionDetailSerializer, **WRITE_ERRORS},
    ),
)
class StrategyVersionViewSet(
    RegionAPIMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Frozen, named versions of the strategy; the public sees them without drafts."""

    permission_classes = [VersionPermission]
    filter_backends = []

    def get_serializer_class(self):
        if self.action in ("retrieve", "create"):
            return s.StrategyVersionDetailSerializer
        return s.StrategyVersionSerializer

    def get_queryset(self):
        if self.is_schema_view or self.region is None:
            return StrategyVersion.objects.none()
        queryset = StrategyVersion.objects.filter(region=self.region).select_related("created_by")
        if not self.access.can_read_internal:
            queryset = queryset.filter(strategy__published=True)
        if self.action == "list":
            queryset = queryset.defer("snapshot")
        return queryset.order_by("-created", "-pk")

    def get_strategy(self) -> Strategy:
        strategy = Strategy.objects.filter(region=self.region).first() if self.region else None
        if strategy is None:
            raise NotFound(_("Für diese Region gibt es keine Strategie."))
        return strategy

    def create(self, request, *args, **kwargs):
        strategy = self.get_strategy()
        context = {**self.get_serializer_context(), "strategy": strategy}
        serializer = s.StrategyVersionSerializer(data=request.data, context=context)
        serializer.is_valid(raise_exception=True)
        version = freeze_version(
            strategy,
            serializer.validated_data["name"],
            user=request.user,
            note=serializer.validated_data.get("note", ""),
        )
        data = s.StrategyVersionDetailSerializer(version, context=context).data
        return Response(
            data, status=status.HTTP_201_CREATED, headers={"Location": str(data["url"])}
        )

    @extend_schema(
        summary=_("Unterschied zwischen zwei Fassungen"),
        parameters=[
            OpenApiParameter(
                "other_id",
                OpenApiTypes.INT,
                OpenApiParameter.PATH,
                description=_("ID der Fassung, mit der verglichen wird (neuerer Stand)"),
            )
        ],
        responses={200: s.StrategyVersionDiffSerializer},
    )
    @action(detail=True, methods=["get"], url_path=r"diff/(?P<other_id>[^/.]+)")
    def diff(self, request, pk=None, other_id=None):
        version = self.get_object()
        other = self.get_queryset().filter(pk=parse_id(other_id)).first()
        if other is None:
            raise NotFound()
        diff = version_diff(version, other, public=not self.access.can_read_internal)
        return Response(
            {
                "from": {"id": version.pk, "name": version.name, "created": version.created},
                "to": {"id": other.pk, "name": other.name, "created": other.created},
                **diff,
            }
        )
