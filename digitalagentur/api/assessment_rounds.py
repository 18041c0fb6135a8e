"""Assessment rounds and their stored results, read-only (issue 9 §3, §7a).

`GET /api/v1/assessment/rounds/` lists the region's rounds: the public sees published rounds
only, the region's staff all of them. `GET /api/v1/assessment/rounds/<id or slug>/results/`
gives the round's consolidated results (only submitted responses count) in the shape of
`POST /api/v1/assessment/consolidate/`, plus "override_group" per field; a round the caller
may not see is 404.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.response import Response

from digitalagentur.assessment.models import ResponseStatus, Round
from digitalagentur.assessment.results import api_results
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
        read_only=True, help_text=_("Zahl der beteiligten Kommunen")
    )
    submitted_count = serializers.IntegerField(
        read_only=True, help_text=_("Zahl der Kommunen, die eingereicht haben")
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


class RoundResultSerializer(AssessmentResultSerializer):
    override_group = serializers.IntegerField(
        allow_null=True,
        help_text=_(
            "Abweichende Einstufung der Koordination (null, wenn keine); priority_group bleibt "
            "die berechnete Gruppe"
        ),
    )


class RoundResultsSerializer(serializers.Serializer):
    results = RoundResultSerializer(many=True)


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
        return (
            self.rounds()
            .select_related("questionnaire")
            .prefetch_related(
                Prefetch(
                    "fields",
                    queryset=Field.objects.order_by("position", "name", "pk"),
                    to_attr="round_fields",
                )
            )
            .annotate(
                municipality_count=Count("municipalities", distinct=True),
                submitted_count=Count(
                    "responses",
                    filter=Q(responses__status=ResponseStatus.SUBMITTED),
                    distinct=True,
                ),
            )
            .order_by("-deadline", "pk")
        )


@extend_schema(
    summary=_("Ergebnis einer Bewertungsrunde"),
    description=_(
        "Die eingereichten Antworten übereinandergelegt, in der Form von "
        "POST /api/v1/assessment/consolidate/ (field = Kürzel des Handlungsfelds), dazu "
        "override_group. Nicht veröffentlichte Runden sieht nur die Region (sonst 404)."
    ),
    parameters=[
        OpenApiParameter(
            "round",
            OpenApiTypes.STR,
            OpenApiParameter.PATH,
            description=_("ID oder Kürzel der Runde"),
        )
    ],
    responses={200: RoundResultsSerializer},
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
            data = api_results(found)
        except DjangoValidationError as error:
            raise ValidationError({"detail": " ".join(error.messages)}) from error
        return Response({"results": data})
