"""The stateless what-if calculation of a financing plan (issue 8 §3).

`POST /api/v1/funding/preview/` computes with funding.finance exactly what a stored plan
would show; it reads and writes nothing, so anyone may call it. Amounts travel as decimal
strings with at most two places ("40000.00"), shares and rates as decimal strings ("0.65"):
JSON numbers would pass through binary floating point on many clients.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
)
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from digitalagentur.funding.finance import KINDS, Line, Rules, compute

from ..serializers import StrictCharField
from .fields import MAX_MONTHS, AmountField, RateField, amount_text, share_text


class RulesSerializer(serializers.Serializer):
    funding_rate = RateField(help_text=_("Fördersatz, z. B. 0.65 für 65 %"))
    max_grant = AmountField(
        required=False, allow_null=True, default=None, help_text=_("Höchstbetrag je Antrag")
    )
    third_party_max_share_of_own = RateField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_(
            "Höchstens dieser Anteil des Eigenanteils darf aus Mitteln Dritter kommen "
            "(ohne Angabe: der ganze Eigenanteil)"
        ),
    )
    max_months = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=1,
        max_value=MAX_MONTHS,
        help_text=_("Höchste Laufzeit in Monaten"),
    )


class LineSerializer(serializers.Serializer):
    label = StrictCharField(max_length=300, required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(choices=[(k, k) for k in KINDS])
    amount = AmountField()
    eligible = serializers.BooleanField(required=False, default=True)

    def to_internal_value(self, data):
        # A boolean must be a JSON boolean ("yes" or 1 would be read as true by DRF).
        if isinstance(data, dict) and "eligible" in data and not isinstance(data["eligible"], bool):
            raise serializers.ValidationError({"eligible": [_("Bitte true oder false angeben.")]})
        return super().to_internal_value(data)


class PreviewRequestSerializer(serializers.Serializer):
    rules = RulesSerializer()
    duration_months = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=0, max_value=MAX_MONTHS
    )
    third_party = AmountField(
        required=False, default=Decimal("0.00"), help_text=_("Angebotene Mittel Dritter")
    )
    lines = LineSerializer(many=True, max_length=1000)

    def plan(self):
        data = self.validated_data
        rules = Rules(**data["rules"])
        lines = [Line(**line) for line in data["lines"]]
        return compute(
            rules,
            lines,
            duration_months=data["duration_months"],
            third_party=data["third_party"],
        )


class PreviewResponseSerializer(serializers.Serializer):
    """The computed plan: amounts as decimal strings with two places, shares with four."""

    total = serializers.CharField()
    eligible_total = serializers.CharField()
    investive = serializers.CharField()
    consumptive = serializers.CharField()
    investive_share = serializers.CharField()
    consumptive_share = serializers.CharField()
    grant = serializers.CharField()
    own_share = serializers.CharField()
    third_party = serializers.CharField(help_text=_("Die angerechneten Mittel Dritter"))
    municipal_own_share = serializers.CharField()
    warnings = serializers.ListField(child=serializers.CharField())
    errors = serializers.ListField(child=serializers.CharField())


AMOUNTS = (
    "total",
    "eligible_total",
    "investive",
    "consumptive",
    "grant",
    "own_share",
    "third_party",
    "municipal_own_share",
)


def plan_as_json(plan) -> dict:
    result = {name: amount_text(getattr(plan, name)) for name in AMOUNTS}
    result["investive_share"] = share_text(plan.investive_share)
    result["consumptive_share"] = share_text(plan.consumptive_share)
    result["warnings"] = [str(w) for w in plan.warnings]
    result["errors"] = [str(e) for e in plan.errors]
    return result


class FundingPreviewView(APIView):
    """What a financing plan would give, computed by the rules of funding.finance."""

    permission_classes = [AllowAny]

    @extend_schema(
        summary=_("Finanzierungsplan durchrechnen (speichert nichts)"),
        request=PreviewRequestSerializer,
        responses={
            200: PreviewResponseSerializer,
            400: OpenApiResponse(description=_("Ungültige Angaben, je Feld benannt")),
        },
    )
    def post(self, request, *args, **kwargs):
        serializer = PreviewRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(plan_as_json(serializer.plan()))
