"""Matching projects and funding programmes in the API (issue 8 §5, funding/matching.py).

- `GET /api/v1/funding/programmes/<slug>/matches/`: the projects a programme fits.
- `GET /api/v1/projects/<id>/funding-matches/`: the programmes that fit a project.

Both list what fits, best first (ties by name), each with its score and the reasons that make
it up (signal, German text, points); programmes or projects the rules exclude are left out.
Reads are open like every list of the API: the region's staff (any role) match everything of
their region, everybody else published programmes (with their published calls) and published
projects only. The programme or project asked about is looked up in the request's region and
must be visible to the reader (404 otherwise). Constant queries: 5, whatever the numbers.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound

from digitalagentur.funding import matching

from .funding.fields import StatusField
from .views import RegionAPIMixin, parse_id


class MatchSignal(models.TextChoices):
    FIELD = "field", _("Handlungsfeld")
    KEYWORDS = "keywords", _("Schlagwörter")
    APPLICANT = "applicant", _("Antragsberechtigung")
    REGION = "region", _("Fördergebiet")
    CALL = "call", _("Förderaufruf")


class FundingMatchReasonSerializer(serializers.Serializer):
    signal = StatusField(MatchSignal, "FundingMatchSignalEnum", help_text=_("Welches Signal"))
    text = serializers.CharField(help_text=_("Der Grund in Worten, z. B. „Handlungsfeld …“"))
    points = serializers.IntegerField(help_text=_("Beitrag zur Punktzahl (auch negativ)"))


class MatchSerializer(serializers.Serializer):
    score = serializers.IntegerField(help_text=_("Summe der Punkte der Gründe"))
    reasons = FundingMatchReasonSerializer(many=True)


class FundingProjectMatchSerializer(MatchSerializer):
    """A project a programme fits."""

    id = serializers.IntegerField(source="project.pk")
    title = serializers.CharField(source="project.title")
    label = serializers.CharField(
        source="project.label", help_text=_("Mit Kennung, z. B. „P5: Lernen 12.0“")
    )
    published = serializers.BooleanField(source="project.published")


class FundingProgrammeMatchSerializer(MatchSerializer):
    """A programme that fits a project."""

    slug = serializers.SlugField(source="programme.slug")
    name = serializers.CharField(source="programme.name")
    published = serializers.BooleanField(source="programme.published")


PROGRAMME_IN_PATH = OpenApiParameter(
    "slug", OpenApiTypes.STR, OpenApiParameter.PATH, description=_("Kürzel des Förderprogramms")
)
PROJECT_IN_PATH = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("ID des Projekts")
)


class MatchAPIMixin(RegionAPIMixin):
    filter_backends = []

    def get_queryset(self):  # the lists are computed, not queried; for the schema only
        return []

    def respond(self, ranking) -> object:
        if ranking is None:  # no such programme or project visible to the reader
            raise NotFound()
        page = self.paginate_queryset(ranking.matches)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema_view(
    list=extend_schema(
        summary=_("Projekte, die zu einem Förderprogramm passen (beste zuerst, seitenweise)"),
        parameters=[PROGRAMME_IN_PATH],
    )
)
class ProgrammeMatchViewSet(MatchAPIMixin, viewsets.GenericViewSet):
    """The projects of the region a funding programme fits, with score and reasons."""

    serializer_class = FundingProjectMatchSerializer

    def list(self, request, *args, slug: str, **kwargs):
        if self.region is None:
            raise NotFound()
        public = not self.can_read_internal
        return self.respond(matching.matches_for_programme(self.region, slug=slug, public=public))


@extend_schema_view(
    list=extend_schema(
        summary=_("Förderprogramme, die zu einem Projekt passen (beste zuerst, seitenweise)"),
        parameters=[PROJECT_IN_PATH],
    )
)
class ProjectMatchViewSet(MatchAPIMixin, viewsets.GenericViewSet):
    """The funding programmes of the region that fit a project, with score and reasons."""

    serializer_class = FundingProgrammeMatchSerializer

    def list(self, request, *args, id: str, **kwargs):
        pk = parse_id(id)
        if self.region is None or pk is None:
            raise NotFound()
        public = not self.can_read_internal
        return self.respond(matching.matches_for_project(self.region, pk, public=public))
