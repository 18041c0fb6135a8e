"""Competitions through the API (issue 12, section 3): the published calls of the region with
their dates, criteria and prizes, and the ranking of a call's submissions.

The ranking (participation.competitions.ranking: the weighted mean of the jury's scores) is
the coordination's until the result is published (participation.rules.can_see_ranking):
before, anyone else is refused (401 without credentials, else 403); after, it is public. The
coordination also sees each juror's scores and the declared conflicts of interest. Another
region's competition, or one not published, is not found (404).
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.response import Response

from digitalagentur.participation import competitions, rules
from digitalagentur.participation.models import Competition, Criterion, Prize

from ..permissions import RegionRolePermission, is_authenticated
from ..views import RegionAPIMixin
from . import serializers as s

ID_IN_PATH = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)


@extend_schema_view(
    list=extend_schema(
        summary=gettext_lazy("Veröffentlichte Wettbewerbe der Region mit Kriterien und Preisen")
    ),
    retrieve=extend_schema(
        summary=gettext_lazy("Ein Wettbewerb mit Ausschreibung, Kriterien und Preisen")
    ),
)
class CompetitionViewSet(RegionAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Published competitions of the region, newest call first."""

    permission_classes = [RegionRolePermission]
    filter_backends = []

    def get_serializer_class(self):
        if self.action == "list":
            return s.CompetitionSerializer
        return s.CompetitionDetailSerializer

    def get_queryset(self):
        if self.is_schema_view or self.region is None:
            return Competition.objects.none()
        criteria = Criterion.objects.order_by("position", "pk")
        prizes = Prize.objects.select_related("winner").order_by("position", "pk")
        return (
            Competition.objects.filter(region=self.region, published=True)
            .prefetch_related(
                Prefetch("criteria", queryset=criteria), Prefetch("prizes", queryset=prizes)
            )
            .order_by("-submission_start", "pk")
        )

    @extend_schema(
        summary=gettext_lazy(
            "Rangliste der Einreichungen (Koordination; öffentlich, sobald das Ergebnis "
            "veröffentlicht ist)"
        ),
        parameters=[ID_IN_PATH],
        responses={
            200: s.RankingEntrySerializer(many=True),
            401: OpenApiResponse(
                response=s.ParticipationMessageSerializer,
                description=gettext_lazy("Keine Anmeldedaten (Ergebnis noch nicht veröffentlicht)"),
            ),
            403: OpenApiResponse(
                response=s.ParticipationMessageSerializer,
                description=gettext_lazy(
                    "Nur die Koordination, bis das Ergebnis veröffentlicht ist"
                ),
            ),
        },
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def ranking(self, request, pk=None):
        competition = self.get_object()
        if not rules.can_see_ranking(self.access, competition):
            if not is_authenticated(request):
                raise NotAuthenticated()
            raise PermissionDenied(
                _(
                    "Die Rangliste sieht bis zur Veröffentlichung des Ergebnisses nur die "
                    "Koordination."
                )
            )
        internal = rules.can_manage_competitions(self.access)
        entries = competitions.ranking(competition)
        return Response(s.ranking_rows(entries, internal=internal))
