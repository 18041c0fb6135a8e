"""Assessment rounds and their stored results, read-only (issue 9 §3, §7a).

`GET /api/v1/assessment/rounds/` lists the region's rounds: the public sees published rounds
only, the region's staff all of them. `GET /api/v1/assessment/rounds/<id or slug>/results/`
gives the round's consolidated results (only submitted responses of the participating towns
count): "results" with exactly the items of `POST /api/v1/assessment/consolidate/`, and next
to it "overrides", the coordination's deviating groups with their reasons. A round the caller
may not see is 404; a round whose stored group sizes no longer fit its fields is 409. Callers
without internal access see only fields published in a published strategy (in "fields" of
the list and in the results).
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.response import Response

from digitalagentur.assessment.models import Round
from digitalagentur.assessment.responses import with_counts
from digitalagentur.assessment.results import GroupingMismatch, api_payload
from digitalagentur.assessment.rules import may_see_results
from digitalagentur.core import parsing
from digitalagentur.strategy.models import Field

from .assessment import AssessmentResultSerializer
from .views import RegionAPIMixin


class RoundQuestionnaireSerializer(serializers.Serializer):
    title = serializers.CharField()
    revision = serializers.IntegerField()


class RoundSerializer(serializers.ModelSerializer):
    questionnaire = RoundQuestionnaireSerializer(read_only=True)
    municipality_count = serializers.IntegerField(
        source="town_count", read_only=True, help_text=_("Zahl der beteiligten Kommunen")
    )
    submitted_count = serializers.IntegerField(
        read_only=True,
        help_text=_("Zahl der beteiligten Kommunen, die eingereicht haben"),
    )
    fields = serializers.SerializerMethodField(
        method_name="field_slugs", help_text=_("Kürzel der bewerteten Handlungsfelder")
    )

    class Meta:
        model = Round
        fields = [
            "id",
            "slug",
            "title",
            "description",
            "deadline",
            "published",
            "combine",
            "questionnaire",
            "municipality_count",
            "submitted_count",
            "fields",
        ]

    def field_slugs(self, round) -> list[str]:
        return [field.slug for field in round.round_fields]


class RoundOverrideSerializer(serializers.Serializer):
    field = serializers.CharField(help_text=_("Kürzel des Handlungsfelds"))
    priority_group = serializers.IntegerField(
        help_text=_("Die Gruppe, in die die Koordination das Handlungsfeld eingestuft hat")
    )
    reason = serializers.CharField(help_text=_("Begründung der abweichenden Einstufung"))


class RoundResultsSerializer(serializers.Serializer):
    results = AssessmentResultSerializer(
        many=True,
        help_text=_(
            "Wie bei POST /api/v1/assessment/consolidate/; priority_group ist die berechnete Gruppe"
        ),
    )
    overrides = RoundOverrideSerializer(
        many=True,
        help_text=_("Abweichende Einstufungen der Koordination, in der Reihenfolge des Rangs"),
    )


class RoundProblemSerializer(serializers.Serializer):
    detail = serializers.CharField()


class RoundScopeMixin(RegionAPIMixin):
    def rounds(self):
        """The region's rounds: published ones for the public, all for its staff."""
        if self.is_schema_view or self.region is None:
            return Round.objects.none()
        queryset = Round.objects.filter(region=self.region)
        if not self.can_read_internal:
            queryset = queryset.filter(published=True)
        return queryset


@extend_schema(
    summary=_("Bewertungsrunden der Region (seitenweise)"),
    description=_(
        "Die Öffentlichkeit sieht veröffentlichte Runden, die Beschäftigten der Region alle."
    ),
)
class RoundListView(RoundScopeMixin, ListAPIView):
    """The region's assessment rounds, newest deadline first."""

    serializer_class = RoundSerializer
    filter_backends = []

    def get_queryset(self):
        fields = Field.objects.order_by("position", "name", "pk")
        if not self.can_read_internal:
            fields = fields.filter(published=True, strategy__published=True)
        return (
            with_counts(self.rounds())
            .select_related("questionnaire")
            .prefetch_related(Prefetch("fields", queryset=fields, to_attr="round_fields"))
            .order_by("-deadline", "pk")
        )


@extend_schema(
    summary=_("Ergebnis einer Bewertungsrunde"),
    description=_(
        "Die eingereichten Antworten der beteiligten Kommunen übereinandergelegt: "
        "„results“ in der Form von POST /api/v1/assessment/consolidate/ (field = Kürzel des "
        "Handlungsfelds), daneben „overrides“, die abweichenden Einstufungen der Koordination "
        "mit Begründung. Nicht veröffentlichte Runden sieht nur die Region (sonst 404); die "
        "Öffentlichkeit sieht nur veröffentlichte Handlungsfelder. 409, wenn die gespeicherten "
        "Gruppengrößen nicht mehr zur Zahl der Handlungsfelder passen."
    ),
    parameters=[
        OpenApiParameter(
            "round",
            OpenApiTypes.STR,
            OpenApiParameter.PATH,
            description=_("ID oder Kürzel der Runde"),
        )
    ],
    responses={
        200: RoundResultsSerializer,
        404: OpenApiResponse(description=_("Keine solche Runde, oder nicht sichtbar")),
        409: OpenApiResponse(
            RoundProblemSerializer,
            description=_("Die Gruppengrößen der Runde passen nicht mehr zu ihren Feldern"),
        ),
    },
)
class RoundResultsView(RoundScopeMixin, GenericAPIView):
    """The stored round's consolidation (only submitted responses count)."""

    serializer_class = RoundResultsSerializer
    pagination_class = None
    filter_backends = []

    def get(self, request, round):
        rounds = self.rounds()
        pk = parsing.parse_id(round)
        found = rounds.filter(pk=pk).first() if pk is not None else None
        if found is None and len(round) <= 120:
            found = rounds.filter(slug=round).first()
        if found is None or not may_see_results(self.access, found):
            raise NotFound()
        try:
            data = api_payload(found, public=not self.can_read_internal)
        except GroupingMismatch as error:
            return Response({"detail": " ".join(error.messages)}, status=status.HTTP_409_CONFLICT)
        return Response(data)
