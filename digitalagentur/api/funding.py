"""Funding API (issue 8): the stateless what-if calculation of a financing plan, and reads of
programmes (rules, calls) and applications (budget overview).

`POST /api/v1/funding/preview/` computes with funding.finance exactly what a stored plan
would show; it reads and writes nothing, so anyone may call it. Amounts travel as decimal
strings with at most two places ("40000.00"), shares and rates as decimal strings ("0.65"):
JSON numbers would pass through binary floating point on many clients.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.db.models import F, Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from digitalagentur.funding.finance import KINDS, Line, Rules, compute
from digitalagentur.funding.models import (
    ApplicantType,
    Application,
    ApplicationStatus,
    Call,
    CallDeadline,
    CallStatus,
    CostType,
    Programme,
)
from digitalagentur.funding.overview import overviews
from digitalagentur.portfolio.models import Project
from digitalagentur.tenancy.models import Municipality

from .serializers import StrictCharField, context_can_read_internal
from .views import RegionAPIMixin

# Non-negative euros below 10^12 with at most two decimal places, without leading zeros.
AMOUNT_PATTERN = r"^(0|[1-9][0-9]{0,11})(\.[0-9]{1,2})?$"
# A rate or share from 0 to 1 with at most four places.
RATE_PATTERN = r"^(0(\.[0-9]{1,4})?|1(\.0{1,4})?)$"
MAX_MONTHS = 1200


class DecimalTextField(serializers.Field):
    """A decimal number sent as a JSON string matching `pattern` (German messages)."""

    pattern = ""
    default_error_messages = {
        "not_text": _('Bitte als Zeichenkette mit Dezimalpunkt angeben, z. B. "{example}".'),
        "comma": _(
            'Bitte einen Dezimalpunkt und keine Tausendertrennzeichen verwenden, z. B. "{example}".'
        ),
        "negative": _("Der Wert darf nicht negativ sein."),
        "invalid": _("Keine gültige Zahl der Form {example}."),
    }
    example = ""

    def to_internal_value(self, data):
        context = {"example": self.example}
        if not isinstance(data, str):
            self.fail("not_text", **context)
        text = data.strip()
        if re.fullmatch(self.pattern, text):
            return Decimal(text)
        if "," in text:
            self.fail("comma", **context)
        if text.startswith("-"):
            self.fail("negative")
        self.fail("invalid", **context)

    def to_representation(self, value):
        return str(value)


@extend_schema_field(
    {
        "type": "string",
        "pattern": AMOUNT_PATTERN,
        "example": "40000.00",
        "description": "Euro, höchstens zwei Nachkommastellen, unter 10^12",
    }
)
class AmountField(DecimalTextField):
    pattern = AMOUNT_PATTERN
    example = "40000.00"
    default_error_messages = {
        "invalid": _(
            "Kein gültiger Betrag: nicht negativ, unter 1 Billion Euro, höchstens zwei "
            'Nachkommastellen, z. B. "40000.00".'
        ),
    }


@extend_schema_field(
    {
        "type": "string",
        "pattern": RATE_PATTERN,
        "example": "0.65",
        "description": "Anteil von 0 bis 1, höchstens vier Nachkommastellen",
    }
)
class RateField(DecimalTextField):
    pattern = RATE_PATTERN
    example = "0.65"
    default_error_messages = {
        "invalid": _('Kein gültiger Anteil: eine Zahl von 0 bis 1, z. B. "0.65" für 65 %.'),
    }


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


def amount_text(value: Decimal) -> str:
    return f"{value:.2f}"


def share_text(value: Decimal) -> str:
    return f"{value:.4f}"


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


# --- programmes and applications (read-only) ---------------------------------------------------
#
# Programmes with their rules and calls, applications with their budget overview. Reads only
# (writes come later, so POST and PATCH answer 405). The public sees published objects and
# never internal notes; the region's staff (any role) see everything of their region. Links to
# what the public may not see (an unpublished programme, call or project) show as null or not
# at all.

AMOUNT_OUT = {"type": "string", "pattern": r"^[0-9]+\.[0-9]{2}$", "example": "4897500.00"}
SHARE_OUT = {"type": "string", "pattern": r"^[01]\.[0-9]{4}$", "example": "0.5999"}


@extend_schema_field({**AMOUNT_OUT, "description": "Euro, genau, zwei Nachkommastellen"})
class AmountTextField(serializers.Field):
    """An amount of euros, written as a decimal string with two places."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return amount_text(value)


@extend_schema_field({**SHARE_OUT, "description": "Anteil von 0 bis 1, vier Nachkommastellen"})
class ShareTextField(AmountTextField):
    """A rate or share, written as a decimal string with four places."""

    def to_representation(self, value):
        return share_text(value)


class StatusField(serializers.CharField):
    """A status (read only), described as an enum component of its own: projects have a
    "status" too, and a shared name would rename theirs."""

    def __init__(self, choices, enum_name: str, **kwargs):
        self.choices, self.enum_name = choices, enum_name
        super().__init__(read_only=True, **kwargs)


class StatusFieldSchema(OpenApiSerializerFieldExtension):
    target_class = StatusField

    def map_serializer_field(self, auto_schema, direction):
        field = self.target
        component = ResolvedComponent(
            name=field.enum_name,
            type=ResolvedComponent.SCHEMA,
            object=field.enum_name,
            schema={
                "type": "string",
                "enum": list(field.choices.values),
                "description": "\n".join(
                    f"* `{v}` - {label}" for v, label in field.choices.choices
                ),
            },
        )
        auto_schema.registry.register_on_missing(component)
        return component.ref


def visible_to_public(obj) -> bool:
    return obj is not None and obj.published


class StaffOnlyNotesMixin:
    """`internal_notes` is shown to the region's staff only."""

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not context_can_read_internal(self.context):
            data.pop("internal_notes", None)
        return data


class CallDeadlineSerializer(serializers.Serializer):
    title = serializers.CharField()
    due = serializers.DateTimeField()


class CallSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    opens_at = serializers.DateTimeField(allow_null=True)
    deadline = serializers.DateTimeField(
        help_text=_("Ende der Frist: „14.03.2021, 24:00 Uhr“ ist der 15.03.2021, 0:00 Uhr")
    )
    status = StatusField(
        CallStatus,
        "FundingCallStatusEnum",
        help_text=_("nach den Daten: angekündigt, offen oder abgelaufen"),
    )
    status_display = serializers.SerializerMethodField()
    website = serializers.URLField()
    published = serializers.BooleanField()
    later_deadlines = CallDeadlineSerializer(many=True)

    def get_status_display(self, call) -> str:
        return str(CallStatus(call.status).label)


class ProgrammeRulesSerializer(serializers.Serializer):
    funding_rate = ShareTextField(help_text=_("Fördersatz, z. B. 0.6500 für 65 %"))
    own_share_rate = ShareTextField(allow_null=True)
    third_party_max_share_of_own = ShareTextField(
        allow_null=True,
        help_text=_("Höchstens dieser Anteil des Eigenanteils darf aus Mitteln Dritter kommen"),
    )
    max_grant = AmountTextField(allow_null=True, help_text=_("Höchstbetrag je Antrag"))
    total_volume = AmountTextField(allow_null=True, help_text=_("Gesamtvolumen"))
    max_months = serializers.IntegerField(allow_null=True, help_text=_("Höchste Laufzeit"))
    cost_types = serializers.ListField(child=serializers.ChoiceField(CostType.choices))
    applicant_types = serializers.ListField(child=serializers.ChoiceField(ApplicantType.choices))
    phases = serializers.SerializerMethodField(help_text=_("Die Phasen, eine je Eintrag"))

    def get_phases(self, programme) -> list[str]:
        return [line.strip() for line in programme.phases.splitlines() if line.strip()]


class ProgrammeSerializer(StaffOnlyNotesMixin, serializers.Serializer):
    """A funding programme: funder, rules, the fields of the Förderdatenbank, its calls."""

    id = serializers.IntegerField()
    slug = serializers.SlugField()
    name = serializers.CharField()
    summary = serializers.CharField()
    funder = serializers.CharField(source="funder.name", help_text=_("Fördergeber"))
    funder_short_name = serializers.CharField(source="funder.short_name")
    rules = ProgrammeRulesSerializer(source="*")
    funding_type = serializers.CharField(help_text=_("Förderart (Förderdatenbank)"))
    funding_area = serializers.CharField(help_text=_("Förderbereich"))
    funding_region = serializers.CharField(help_text=_("Fördergebiet"))
    eligible_recipients = serializers.CharField(help_text=_("Förderberechtigte"))
    legal_basis = serializers.CharField(help_text=_("Rechtsgrundlage"))
    contact = serializers.CharField(help_text=_("Ansprechpunkt"))
    website = serializers.URLField()
    published = serializers.BooleanField()
    calls = CallSerializer(many=True, help_text=_("Aufrufe, die späteste Frist zuerst"))
    internal_notes = serializers.CharField(help_text=_("nur für Mitarbeitende der Region"))
    version = serializers.IntegerField()


class OverviewRowSerializer(serializers.Serializer):
    label = serializers.CharField(help_text=_("Teilprojekt"))
    investive = AmountTextField()
    consumptive = AmountTextField()
    total = AmountTextField()


class BudgetOverviewSerializer(serializers.Serializer):
    """Seed 003's "Budgetübersicht" in exact euros: one row per sub-project, the totals and
    the split into grant and own share under the programme's rules (funding/finance.py)."""

    rows = OverviewRowSerializer(many=True)
    investive = AmountTextField(source="plan.investive")
    consumptive = AmountTextField(source="plan.consumptive")
    total = AmountTextField(source="plan.total")
    investive_share = ShareTextField(source="plan.investive_share")
    consumptive_share = ShareTextField(source="plan.consumptive_share")
    grant = AmountTextField(source="plan.grant", help_text=_("Förderung (gedeckelt)"))
    own_share = AmountTextField(source="plan.own_share", help_text=_("Eigenanteil"))


class ApplicationSerializer(StaffOnlyNotesMixin, serializers.Serializer):
    """An application (bid) with its budget overview; links to what the reader may not see
    (an unpublished programme or call, a draft project) are null or left out."""

    id = serializers.IntegerField()
    slug = serializers.SlugField()
    title = serializers.CharField()
    status = StatusField(ApplicationStatus, "FundingApplicationStatusEnum")
    status_display = serializers.CharField(source="get_status_display")
    programme = serializers.SerializerMethodField(
        help_text=_("Kürzel des Programms; null, wenn es (noch) nicht veröffentlicht ist")
    )
    call = serializers.SerializerMethodField(
        help_text=_(
            "Titel des Aufrufs; null ohne Aufruf oder wenn er (noch) nicht veröffentlicht ist"
        )
    )
    submitted_on = serializers.DateField(allow_null=True)
    granted_amount = AmountTextField(allow_null=True, help_text=_("bewilligt"))
    municipalities = serializers.SerializerMethodField(help_text=_("beteiligte Kommunen"))
    projects = serializers.SerializerMethodField(
        help_text=_("IDs der verknüpften (sichtbaren) Projekte")
    )
    budget_overview = BudgetOverviewSerializer(source="overview")
    published = serializers.BooleanField()
    internal_notes = serializers.CharField(help_text=_("nur für Mitarbeitende der Region"))
    version = serializers.IntegerField()

    def shown(self, obj):
        return obj if context_can_read_internal(self.context) or visible_to_public(obj) else None

    def get_municipalities(self, application) -> list[str]:
        return [town.slug for town in application.municipalities.all()]

    def get_projects(self, application) -> list[int]:
        return [project.pk for project in application.projects.all()]

    @extend_schema_field({"type": "string", "nullable": True})
    def get_programme(self, application) -> str | None:
        programme = self.shown(application.programme)
        return programme.slug if programme is not None else None

    @extend_schema_field({"type": "string", "nullable": True})
    def get_call(self, application) -> str | None:
        call = self.shown(application.call)
        return call.title if call is not None else None


class FundingAPIMixin(RegionAPIMixin):
    lookup_field = "slug"
    filter_backends = []

    def scoped(self, queryset):
        """The region's objects: published ones for the public, all for its staff."""
        if self.is_schema_view or self.region is None:
            return queryset.none()
        queryset = queryset.filter(region=self.region)
        return queryset if self.can_read_internal else queryset.filter(published=True)


@extend_schema_view(
    list=extend_schema(summary=_("Förderprogramme mit Regeln und Aufrufen (seitenweise)")),
    retrieve=extend_schema(summary=_("Ein Förderprogramm mit Regeln und Aufrufen")),
)
class ProgrammeViewSet(FundingAPIMixin, viewsets.ReadOnlyModelViewSet):
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


@extend_schema_view(
    list=extend_schema(summary=_("Förderanträge mit Budgetübersicht (seitenweise)")),
    retrieve=extend_schema(summary=_("Ein Förderantrag mit Budgetübersicht")),
)
class ApplicationViewSet(FundingAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Applications (bids) of the region with their budget overview in exact euros: one row
    per sub-project, totals, shares, grant and own share as the programme's rules give them."""

    serializer_class = ApplicationSerializer

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
        """The applications with their budget overview attached (two queries for all)."""
        found = overviews(applications)
        for application in applications:
            application.overview = found[application.pk]
        return applications

    def list(self, request, *args, **kwargs):
        page = self.with_overviews(self.paginate_queryset(self.get_queryset()))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        application = self.with_overviews([self.get_object()])[0]
        return Response(self.get_serializer(application).data)
