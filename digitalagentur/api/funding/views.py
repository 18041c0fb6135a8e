"""Programmes with their rules and calls, applications with their budget overview, their
sub-projects and budget lines: read by everybody (the public sees published programmes and
applications and never internal notes; the region's staff see all of their region), written
by those funding/rules.py allows (the coordination: programmes; officers too: applications
their town takes part in). Links to what the public may not see (an unpublished programme,
call or project) show as null or not at all. Every write goes through funding/services.py
(change log); a change or deletion carries the `version` it is based on (409 when somebody
else saved in between)."""

from __future__ import annotations

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.exceptions import (
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from rest_framework.response import Response

from digitalagentur.funding import rules, services
from digitalagentur.funding.models import (
    Application,
    ApplicationStatus,
    BudgetLine,
    Call,
    CallDeadline,
    Programme,
    SubProject,
)
from digitalagentur.funding.overview import overviews
from digitalagentur.portfolio.filtersets import (
    SlugChoiceFilter,
    can_read_internal,
    region_municipalities,
)
from digitalagentur.portfolio.models import Project
from digitalagentur.tenancy.models import Municipality

from ..indicator_serializers import DecimalJSONParser
from ..indicators import CONFLICT, DELETE_VERSION, WRITE_ERRORS, WRITE_METHODS, version_to_delete
from ..permissions import is_authenticated
from ..views import RegionAPIMixin
from .serializers import (
    ApplicationSerializer,
    ApplicationWriteSerializer,
    BudgetLineSerializer,
    ProgrammeSerializer,
    ProgrammeWriteSerializer,
    SubProjectSerializer,
)

LINKS = ("municipalities", "projects", "fields")
SLUG_IN_PATH = OpenApiParameter(
    "application_slug", OpenApiTypes.STR, OpenApiParameter.PATH, description=_("Kürzel des Antrags")
)
ID_IN_PATH = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)


def split_values(data: dict) -> tuple[dict, dict, int | None]:
    """Validated data as (values, many-to-many links, version) for funding.services."""
    values = dict(data)
    version = values.pop("version", None)
    links = {name: values.pop(name) for name in LINKS if name in values}
    return values, links, version


class FundingAPIMixin(RegionAPIMixin):
    lookup_field = "slug"
    filter_backends = []
    parser_classes = [DecimalJSONParser]
    http_method_names = WRITE_METHODS

    def delete_row(self, row) -> Response:
        """Delete with the `?version=` given; what others still use is a 400 saying so."""
        try:
            services.delete(
                row, expected_version=version_to_delete(self.request), user=self.request.user
            )
        except DjangoValidationError as error:
            raise ValidationError({"detail": " ".join(error.messages)}) from error
        return Response(status=status.HTTP_204_NO_CONTENT)

    def deny(self, denial: str | None) -> None:
        """Refuse a write: 401 without credentials, 403 with the rule's German reason."""
        if not is_authenticated(self.request):
            raise NotAuthenticated()
        if denial:
            raise PermissionDenied(denial)

    def scoped(self, queryset):
        """The region's objects: published ones for the public, all for its staff."""
        if self.is_schema_view or self.region is None:
            return queryset.none()
        queryset = queryset.filter(region=self.region)
        return queryset if self.can_read_internal else queryset.filter(published=True)


class ApplicationFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ApplicationStatus.choices)
    programme = django_filters.CharFilter(
        label=_("Programm"),
        method="filter_programme",
        max_length=120,
        help_text=_("Kürzel des Programms"),
    )
    municipality = SlugChoiceFilter(
        label=_("Kommune"),
        field_name="municipalities",
        to_field_name="slug",
        queryset=region_municipalities,
        help_text=_("Kürzel einer beteiligten Stadt oder Gemeinde"),
    )
    project = django_filters.NumberFilter(
        label=_("Projekt"),
        method="filter_project",
        min_value=1,
        max_value=2**31 - 1,
        help_text=_("ID eines Projekts, das der Antrag oder eines seiner Teilprojekte trägt"),
    )

    class Meta:
        model = Application
        fields = ["status", "programme", "municipality", "project"]

    def filter_project(self, queryset, name, value):
        linked = Q(projects=value) | Q(subprojects__project=value)
        if not can_read_internal(self.request):  # no probing of drafts' links
            linked = Q(projects=value, projects__published=True) | Q(
                subprojects__project=value, subprojects__project__published=True
            )
        return queryset.filter(linked).distinct()

    def filter_programme(self, queryset, name, value):
        if not can_read_internal(self.request):
            queryset = queryset.filter(programme__published=True)
        return queryset.filter(programme__slug=value)


@extend_schema_view(
    list=extend_schema(summary=_("Förderprogramme mit Regeln und Aufrufen (seitenweise)")),
    retrieve=extend_schema(summary=_("Ein Förderprogramm mit Regeln und Aufrufen")),
    create=extend_schema(
        summary=_("Förderprogramm anlegen (nur Koordination)"),
        request=ProgrammeWriteSerializer,
        responses={201: ProgrammeSerializer, **WRITE_ERRORS},
    ),
    partial_update=extend_schema(
        summary=_(
            'Förderprogramm ändern (nur Koordination); "version" ist Pflicht, 409 bei'
            " veraltetem Stand"
        ),
        request=ProgrammeWriteSerializer,
        responses={200: ProgrammeSerializer, **CONFLICT, **WRITE_ERRORS},
    ),
    destroy=extend_schema(
        summary=_(
            "Förderprogramm löschen (nur Koordination; nicht, solange es Aufrufe oder Anträge hat)"
        ),
        parameters=[DELETE_VERSION],
        responses={204: None, **CONFLICT, **WRITE_ERRORS},
    ),
)
class ProgrammeViewSet(FundingAPIMixin, viewsets.ModelViewSet):
    """Funding programmes of the region with their rules (rates and amounts as decimal
    strings), the fields of the Förderdatenbank and their calls with deadlines."""

    serializer_class = ProgrammeSerializer

    def get_queryset(self):
        calls = self.scoped(Call.objects.all()).order_by("-deadline", "pk")
        calls = calls.prefetch_related(
            Prefetch("later_deadlines", queryset=CallDeadline.objects.order_by("due", "pk"))
        )
        return (
            self.scoped(Programme.objects.all())
            .select_related("funder")
            .prefetch_related(Prefetch("calls", queryset=calls))
            .order_by("name", "pk")
        )

    def answer(self, programme, code=status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=programme.pk)
        headers = {}
        if code == status.HTTP_201_CREATED:
            url = reverse("api-funding-programme-detail", args=[fresh.slug])
            headers["Location"] = self.request.build_absolute_uri(url)
        return Response(self.get_serializer(fresh).data, status=code, headers=headers)

    def write_serializer(self, instance=None):
        self.deny(rules.programme_write_denial(self.access))
        serializer = ProgrammeWriteSerializer(
            instance,
            data=self.request.data,
            partial=instance is not None,
            context=self.get_serializer_context(),
        )
        serializer.is_valid(raise_exception=True)
        return split_values(serializer.validated_data)

    def create(self, request, *args, **kwargs):
        values, links, _version = self.write_serializer()
        programme = services.create(
            Programme(region=self.region, **values), user=request.user, m2m=links
        )
        return self.answer(programme, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        programme = self.get_object()
        values, links, version = self.write_serializer(programme)
        saved = services.update(
            programme, values, expected_version=version, user=request.user, m2m=links
        )
        return self.answer(saved)

    def destroy(self, request, *args, **kwargs):
        programme = self.get_object()
        self.deny(rules.programme_write_denial(self.access))
        return self.delete_row(programme)


@extend_schema_view(
    list=extend_schema(summary=_("Förderanträge mit Budgetübersicht (gefiltert, seitenweise)")),
    retrieve=extend_schema(summary=_("Ein Förderantrag mit Budgetübersicht")),
    create=extend_schema(
        summary=_("Förderantrag anlegen (Koordination; Beauftragte mit ihrer Kommune)"),
        request=ApplicationWriteSerializer,
        responses={201: ApplicationSerializer, **WRITE_ERRORS},
    ),
    partial_update=extend_schema(
        summary=_('Förderantrag ändern; "version" ist Pflicht, 409 bei veraltetem Stand'),
        request=ApplicationWriteSerializer,
        responses={200: ApplicationSerializer, **CONFLICT, **WRITE_ERRORS},
    ),
    destroy=extend_schema(
        summary=_("Förderantrag mit Teilprojekten und Budgetzeilen löschen"),
        parameters=[DELETE_VERSION],
        responses={204: None, **CONFLICT, **WRITE_ERRORS},
    ),
)
class ApplicationViewSet(FundingAPIMixin, viewsets.ModelViewSet):
    """Applications (bids) of the region with their budget overview in exact euros: one row
    per sub-project, totals, shares, grant and own share as the programme's rules give them,
    and the split of the municipal own share across the participating towns."""

    serializer_class = ApplicationSerializer
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend]
    filterset_class = ApplicationFilterSet

    def get_queryset(self):
        towns = Municipality.objects.only("pk", "slug").order_by("name", "pk")
        projects = Project.objects.only("pk").order_by("pk")
        if not self.can_read_internal:
            projects = projects.filter(published=True)
        return (
            self.scoped(Application.objects.all())
            .select_related("programme", "call")
            .prefetch_related(
                Prefetch("municipalities", queryset=towns),
                Prefetch("projects", queryset=projects),
            )
            .order_by(F("submitted_on").desc(nulls_last=True), "title", "pk")
        )

    def with_overviews(self, applications):
        """The applications with their budget overview attached (four queries for all)."""
        found = overviews(applications)
        for application in applications:
            application.overview = found[application.pk]
        return applications

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.with_overviews(self.paginate_queryset(queryset))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        application = self.with_overviews([self.get_object()])[0]
        return Response(self.get_serializer(application).data)

    def answer(self, application, code=status.HTTP_200_OK) -> Response:
        fresh = self.with_overviews([self.get_queryset().get(pk=application.pk)])[0]
        headers = {}
        if code == status.HTTP_201_CREATED:
            url = reverse("api-funding-application-detail", args=[fresh.slug])
            headers["Location"] = self.request.build_absolute_uri(url)
        return Response(self.get_serializer(fresh).data, status=code, headers=headers)

    def write_serializer(self, instance=None):
        # A new one: whoever could write an application with their town may try (the towns
        # sent are checked below).
        towns = self.access.officer_town_ids if instance is None else None
        self.deny(rules.application_write_denial(self.access, instance, towns))
        serializer = ApplicationWriteSerializer(
            instance,
            data=self.request.data,
            partial=instance is not None,
            context=self.get_serializer_context(),
        )
        serializer.is_valid(raise_exception=True)
        values, links, version = split_values(serializer.validated_data)
        if "published" in values and values["published"] != getattr(instance, "published", False):
            self.deny(rules.publish_denial(self.access))
        if "municipalities" in links or instance is None:
            # An officer's application must keep their town among the participants.
            town_ids = links.get("municipalities", [])
            self.deny(rules.application_write_denial(self.access, None, town_ids))
        return values, links, version

    def create(self, request, *args, **kwargs):
        values, links, _version = self.write_serializer()
        application = services.create(
            Application(region=self.region, **values), user=request.user, m2m=links
        )
        return self.answer(application, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        application = self.get_object()
        values, links, version = self.write_serializer(application)
        saved = services.update(
            application, values, expected_version=version, user=request.user, m2m=links
        )
        return self.answer(saved)

    def destroy(self, request, *args, **kwargs):
        application = self.get_object()
        self.deny(rules.application_write_denial(self.access, application))
        return self.delete_row(application)


class ApplicationPartMixin(FundingAPIMixin):
    """Sub-projects and budget lines below /funding/applications/<slug>/: the application
    must be visible to the reader; writing them is writing the application."""

    lookup_field = "pk"
    _application = None
    detail_name = ""

    @property
    def application(self) -> Application:
        if self._application is None:
            found = self.scoped(Application.objects.all()).filter(
                slug=self.kwargs.get("application_slug")
            )
            self._application = found.first()
            if self._application is None:
                raise NotFound()
        return self._application

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if not self.is_schema_view:
            context["application"] = self.application
        return context

    def deny_unless_may_write(self):
        self.deny(rules.application_write_denial(self.access, self.application))

    def reply(self, row, code=status.HTTP_200_OK) -> Response:
        data = self.get_serializer(row).data
        headers = {}
        if code == status.HTTP_201_CREATED:
            url = reverse(self.detail_name, args=[self.application.slug, row.pk])
            headers["Location"] = self.request.build_absolute_uri(url)
        return Response(data, status=code, headers=headers)

    def validated(self, instance=None) -> tuple[dict, int | None]:
        self.deny_unless_may_write()
        serializer = self.get_serializer(
            instance, data=self.request.data, partial=instance is not None
        )
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        return values, values.pop("version", None)

    def create(self, request, *args, **kwargs):
        values, _version = self.validated()
        row = services.create(self.new_row(values), user=request.user)
        return self.reply(row, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        row = self.get_object()
        values, version = self.validated(row)
        saved = services.update(row, values, expected_version=version, user=request.user)
        return self.reply(saved)

    def destroy(self, request, *args, **kwargs):
        row = self.get_object()
        self.deny_unless_may_write()
        return self.delete_row(row)


def part_docs(what: str, serializer):
    return extend_schema_view(
        list=extend_schema(summary=_("%s eines Antrags") % what, parameters=[SLUG_IN_PATH]),
        retrieve=extend_schema(parameters=[SLUG_IN_PATH, ID_IN_PATH]),
        create=extend_schema(
            parameters=[SLUG_IN_PATH], responses={201: serializer, **WRITE_ERRORS}
        ),
        partial_update=extend_schema(
            parameters=[SLUG_IN_PATH, ID_IN_PATH],
            responses={200: serializer, **CONFLICT, **WRITE_ERRORS},
        ),
        destroy=extend_schema(
            parameters=[SLUG_IN_PATH, ID_IN_PATH, DELETE_VERSION],
            responses={204: None, **CONFLICT, **WRITE_ERRORS},
        ),
    )


@part_docs("Teilprojekte", SubProjectSerializer)
class SubProjectViewSet(ApplicationPartMixin, viewsets.ModelViewSet):
    """The sub-projects (work packages) of an application, in their order."""

    serializer_class = SubProjectSerializer
    detail_name = "api-funding-subproject-detail"

    def get_queryset(self):
        if self.is_schema_view:
            return SubProject.objects.none()
        return (
            SubProject.objects.filter(application=self.application)
            .select_related("project")
            .order_by("position", "pk")
        )

    def new_row(self, values):
        return SubProject(region=self.region, application=self.application, **values)


@part_docs("Budgetzeilen", BudgetLineSerializer)
class BudgetLineViewSet(ApplicationPartMixin, viewsets.ModelViewSet):
    """The budget lines of an application's sub-projects, in exact euros."""

    serializer_class = BudgetLineSerializer
    detail_name = "api-funding-budgetline-detail"

    def get_queryset(self):
        if self.is_schema_view:
            return BudgetLine.objects.none()
        return BudgetLine.objects.filter(subproject__application=self.application).order_by(
            "subproject__position", "subproject_id", "year", "kind", "pk"
        )

    def new_row(self, values):
        return BudgetLine(region=self.region, **values)
