"""The stateless what-if consolidation of a needs assessment (issue 9 §3).

`POST /api/v1/assessment/consolidate/` computes with assessment.consolidation what a round's
results would be for the criteria, responses and grouping rule sent; it reads and writes
nothing, so anyone may call it. Weights and thresholds are JSON numbers, taken as the decimal
they were written as (0.1 is exactly 1/10); scores are whole numbers 1 to 5. The answer's
numbers are rounded half up to 4 decimals; the ranking uses the exact values.

Anonymous callers are throttled (ConsolidateThrottle: CONSOLIDATE_RATE per client address,
then 429), so the public what-if cannot keep the workers busy; signed-in callers are not.
"""

from __future__ import annotations

import math
from fractions import Fraction

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from digitalagentur.assessment.consolidation import (
    COMBINES,
    DIMENSIONS,
    SCORE_MAX,
    SCORE_MIN,
    Answer,
    Criterion,
    Grouping,
    consolidate,
)
from digitalagentur.core.client_ip import client_ip

from .serializers import StrictCharField

MAX_CRITERIA = 200
MAX_RESPONSES = 100_000
MAX_GROUPS = 100
MAX_NUMBER = 1_000_000
MAX_MESSAGES = 10  # messages per kind of mistake; the rest is summarised
CONSOLIDATE_RATE = "60/min"  # anonymous requests per client address


class ConsolidateThrottle(AnonRateThrottle):
    """At most CONSOLIDATE_RATE anonymous what-if requests per client address (the
    address as core.client_ip reads it behind the trusted proxies); the counts live in
    Django's cache. The rate is a class attribute: no REST_FRAMEWORK setting needed."""

    scope = "assessment_consolidate"
    rate = CONSOLIDATE_RATE

    def get_ident(self, request):
        return client_ip(request) or super().get_ident(request)


class ExactNumberField(serializers.Field):
    """A JSON number (not a string, not true/false), read exactly as the decimal it was
    written as; at most MAX_NUMBER in size."""

    default_error_messages = {
        "invalid": _("Bitte eine Zahl angeben (JSON-Zahl, z. B. 1 oder 0.5)."),
        "too_large": _("Die Zahl darf höchstens {limit} betragen."),
        "too_small": _("Die Zahl muss mindestens {limit} betragen."),
    }
    positive = False

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | float):
            self.fail("invalid")
        if isinstance(data, float) and not math.isfinite(data):
            self.fail("invalid")
        value = Fraction(data) if isinstance(data, int) else Fraction(repr(data))
        if value > MAX_NUMBER:
            self.fail("too_large", limit=MAX_NUMBER)
        if value < -MAX_NUMBER:
            self.fail("too_small", limit=-MAX_NUMBER)
        if self.positive and value <= 0:
            self.fail("not_positive")
        return value

    def to_representation(self, value):
        return float(value)


@extend_schema_field(
    {
        "type": "number",
        "minimum": 0,
        "exclusiveMinimum": True,
        "maximum": MAX_NUMBER,
        "example": 1,
        "description": "Gewicht des Kriteriums, größer als 0",
    }
)
class WeightField(ExactNumberField):
    positive = True
    default_error_messages = {
        "not_positive": _("Das Gewicht muss größer als 0 sein."),
    }


@extend_schema_field(
    {
        "type": "number",
        "minimum": -MAX_NUMBER,
        "maximum": MAX_NUMBER,
        "example": 9,
        "description": "Schwellenwert für den kombinierten Wert",
    }
)
class ThresholdField(ExactNumberField):
    pass


@extend_schema_field({"type": "integer", "minimum": SCORE_MIN, "maximum": SCORE_MAX})
class ScoreField(serializers.Field):
    default_error_messages = {
        "invalid": _("Die Bewertung muss eine ganze Zahl von 1 bis 5 sein."),
    }

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        if not SCORE_MIN <= data <= SCORE_MAX:
            self.fail("invalid")
        return data

    def to_representation(self, value):
        return value


@extend_schema_field({"type": "integer", "minimum": 0, "maximum": MAX_RESPONSES})
class GroupSizeField(serializers.Field):
    default_error_messages = {
        "invalid": _("Die Gruppengröße muss eine ganze Zahl ab 0 sein."),
    }

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        if not 0 <= data <= MAX_RESPONSES:
            self.fail("invalid")
        return data

    def to_representation(self, value):
        return value


class BoundedListField(serializers.ListField):
    """A list whose length is checked before its items are (a flood fails fast)."""

    def to_internal_value(self, data):
        if isinstance(data, list) and self.max_length is not None and len(data) > self.max_length:
            self.fail("max_length", max_length=self.max_length)
        return super().to_internal_value(data)


class AssessmentCriterionSerializer(serializers.Serializer):
    key = StrictCharField(max_length=100, help_text=_("Eindeutiger Schlüssel des Kriteriums"))
    dimension = serializers.ChoiceField(
        choices=[(d, d) for d in DIMENSIONS],
        error_messages={
            "invalid_choice": _(
                "Unbekannte Dimension „{input}“; erlaubt sind „relevance“ und „potential“."
            )
        },
    )
    weight = WeightField()


class AssessmentAnswerSerializer(serializers.Serializer):
    municipality = StrictCharField(max_length=200, help_text=_("Die antwortende Kommune"))
    field = StrictCharField(max_length=200, help_text=_("Das bewertete Handlungsfeld"))
    scores = serializers.DictField(
        child=ScoreField(),
        help_text=_(
            "Bewertungen je Kriterium (Schlüssel aus „criteria“), ganze Zahlen von 1 bis 5; "
            "nicht bewertete Kriterien fehlen einfach"
        ),
    )


class AssessmentGroupingSerializer(serializers.Serializer):
    sizes = serializers.ListField(
        child=GroupSizeField(),
        required=False,
        min_length=1,
        max_length=MAX_GROUPS,
        help_text=_(
            "Feste Gruppengrößen, z. B. [2, 3, 3]: füllt die Gruppen 1, 2, 3 … in der "
            "Reihenfolge des Rangs; die Summe muss die Zahl der Handlungsfelder sein. "
            "Entweder sizes oder thresholds angeben."
        ),
    )
    thresholds = serializers.ListField(
        child=ThresholdField(),
        required=False,
        min_length=2,
        max_length=2,
        help_text=_(
            "Schwellenwerte [t1, t2] mit t1 ≥ t2: kombinierter Wert ≥ t1 ergibt Gruppe 1, "
            "≥ t2 Gruppe 2, sonst (auch ohne kombinierten Wert) Gruppe 3. "
            "Entweder sizes oder thresholds angeben."
        ),
    )

    def validate(self, attrs):
        if ("sizes" in attrs) == ("thresholds" in attrs):
            raise serializers.ValidationError(
                _("Bitte genau eines angeben: „sizes“ (Gruppengrößen) oder „thresholds“.")
            )
        thresholds = attrs.get("thresholds")
        if thresholds and thresholds[0] < thresholds[1]:
            raise serializers.ValidationError(
                {"thresholds": [_("t1 darf nicht kleiner als t2 sein.")]}
            )
        return attrs


class AssessmentConsolidateSerializer(serializers.Serializer):
    criteria = BoundedListField(
        child=AssessmentCriterionSerializer(),
        allow_empty=False,
        min_length=1,
        max_length=MAX_CRITERIA,
        error_messages={
            "empty": _("Bitte mindestens ein Kriterium angeben."),
            "min_length": _("Bitte mindestens ein Kriterium angeben."),
        },
    )
    responses = BoundedListField(
        child=AssessmentAnswerSerializer(),
        max_length=MAX_RESPONSES,
        help_text=_("Je Kommune und Handlungsfeld höchstens eine Antwort"),
    )
    grouping = AssessmentGroupingSerializer()
    combine = serializers.ChoiceField(
        choices=[(c, c) for c in COMBINES],
        help_text=_("product: Relevanz × Potenzial; mean: ihr Mittelwert"),
        error_messages={
            "invalid_choice": _(
                "Unbekannte Verknüpfung „{input}“; erlaubt sind „product“ und „mean“."
            )
        },
    )

    def validate(self, attrs):
        errors: dict[str, list] = {}

        def add(name, message):
            messages = errors.setdefault(name, [])
            if len(messages) < MAX_MESSAGES:
                messages.append(message)

        keys = set()
        for criterion in attrs["criteria"]:
            if criterion["key"] in keys:
                add("criteria", _("Der Schlüssel „%(key)s“ kommt mehrfach vor.") % criterion)
            keys.add(criterion["key"])

        seen = set()
        fields = set()
        for number, answer in enumerate(attrs["responses"], start=1):
            where = {
                "number": number,
                "municipality": answer["municipality"],
                "field": answer["field"],
            }
            pair = (answer["municipality"], answer["field"])
            if pair in seen:
                add(
                    "responses",
                    _(
                        "Antwort %(number)s: die Kommune „%(municipality)s“ hat das "
                        "Handlungsfeld „%(field)s“ schon einmal bewertet."
                    )
                    % where,
                )
            seen.add(pair)
            fields.add(answer["field"])
            for key in sorted(set(answer["scores"]) - keys):
                add(
                    "responses",
                    _("Antwort %(number)s: unbekanntes Kriterium „%(key)s“ in „scores“.")
                    % {**where, "key": key},
                )

        sizes = attrs["grouping"].get("sizes")
        if sizes is not None and sum(sizes) != len(fields):
            errors["grouping"] = {
                "sizes": [
                    _(
                        "Die Gruppengrößen ergeben zusammen %(sum)s, es gibt aber "
                        "%(count)s Handlungsfelder."
                    )
                    % {"sum": sum(sizes), "count": len(fields)}
                ]
            }
        if errors:
            raise serializers.ValidationError(errors)
        return attrs

    def results(self):
        data = self.validated_data
        criteria = [Criterion(**c) for c in data["criteria"]]
        answers = (Answer(**a) for a in data["responses"])
        grouping = data["grouping"]
        rule = Grouping(
            sizes=tuple(grouping["sizes"]) if "sizes" in grouping else None,
            thresholds=tuple(grouping["thresholds"]) if "thresholds" in grouping else None,
        )
        return consolidate(criteria, answers, rule, data["combine"])


class AssessmentResultSerializer(serializers.Serializer):
    """One field's consolidation; numbers rounded half up to 4 decimals. Without any
    relevance (or potential) score, that value, its standard deviation and "combined" are
    null, and the field ranks after all fields with a combined value."""

    field = serializers.CharField()
    relevance = serializers.FloatField(
        allow_null=True,
        help_text=_("Mittel der Kommunen; null, wenn keine Kommune die Relevanz bewertet hat"),
    )
    potential = serializers.FloatField(
        allow_null=True,
        help_text=_("Mittel der Kommunen; null, wenn keine Kommune das Potenzial bewertet hat"),
    )
    combined = serializers.FloatField(
        allow_null=True,
        help_text=_(
            "Relevanz × Potenzial oder ihr Mittelwert; null ohne Relevanz oder Potenzial – "
            "solche Handlungsfelder stehen im Rang hinter allen anderen"
        ),
    )
    n = serializers.IntegerField(help_text=_("Zahl der Kommunen mit mindestens einer Bewertung"))
    std_relevance = serializers.FloatField(allow_null=True)
    std_potential = serializers.FloatField(allow_null=True)
    rank = serializers.IntegerField()
    priority_group = serializers.IntegerField()


class AssessmentResultsSerializer(serializers.Serializer):
    results = AssessmentResultSerializer(many=True)


class AssessmentConsolidateView(APIView):
    """The towns' answers laid over each other: scores, ranking and priority groups per field."""

    permission_classes = [AllowAny]
    throttle_classes = [ConsolidateThrottle]

    @extend_schema(
        summary=_("Bedarfsanalyse konsolidieren (speichert nichts)"),
        request=AssessmentConsolidateSerializer,
        responses={
            200: AssessmentResultsSerializer,
            400: OpenApiResponse(description=_("Ungültige Angaben, je Feld benannt")),
            429: OpenApiResponse(
                description=_("Zu viele Anfragen ohne Anmeldung (höchstens 60 je Minute)")
            ),
        },
    )
    def post(self, request, *args, **kwargs):
        serializer = AssessmentConsolidateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response({"results": [r.as_json() for r in serializer.results()]})
