"""Serializers of programmes and applications (reads) and of their writes."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    extend_schema_field,
)
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from digitalagentur.core import parsing
from digitalagentur.funding.models import (
    ApplicantType,
    Application,
    ApplicationStatus,
    Call,
    CallStatus,
    CostType,
    Funder,
    LineKind,
    Programme,
    SplitMode,
    SubProject,
)
from digitalagentur.portfolio.filtersets import SLUG_RE
from digitalagentur.portfolio.models import Project

from ..indicator_serializers import (
    FieldSlugsField,
    ProjectIdsField,
    TownSlugsField,
    VersionRequired,
    version_field,
)
from ..serializers import StrictCharField, context_can_read_internal, context_region
from .fields import (
    MAX_MONTHS,
    AmountField,
    AmountTextField,
    NamedChoiceField,
    RateField,
    ShareTextField,
    StatusField,
    amount_text,
)


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


class SplitPartSerializer(serializers.Serializer):
    municipality = serializers.CharField(
        source="municipality.slug",
        allow_null=True,
        default=None,
        help_text=_("Kürzel der Kommune; null für den Kreis"),
    )
    name = serializers.CharField(source="label")
    share = ShareTextField()
    amount = AmountTextField()


class OwnShareSplitSerializer(serializers.Serializer):
    """The municipal own share (own share − counted third-party money + ineligible costs) and
    its split across the participating towns, to the cent."""

    mode = NamedChoiceField(SplitMode, "FundingSplitModeEnum", source="application.split_mode")
    amount = AmountTextField(source="plan.municipal_own_share")
    parts = SplitPartSerializer(many=True, source="split")
    problem = serializers.CharField(
        source="split_problem", help_text=_("Warum (noch) nicht aufgeteilt werden kann")
    )


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
    own_share_split = OwnShareSplitSerializer(source="overview")
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


# --- writes -----------------------------------------------------------------------------------
#
# A write names what it links by slug (programme, towns, fields) or id (call, projects,
# sub-project), always within the request's region; amounts and rates are decimal strings
# ("1234.56", "0.65"): "1.234,56" is refused with a message that says how to write it.


class SlugOfRegionField(serializers.Field):
    """An object of the request's region given by its slug ("unknown" otherwise)."""

    model = None
    default_error_messages = {"unknown": _("Unbekannt in dieser Region: %(value)s")}

    def to_internal_value(self, data):
        region = context_region(self.context)
        found = None
        if isinstance(data, str) and SLUG_RE.match(data) and region is not None:
            found = self.model.objects.filter(region=region, slug=data).first()
        if found is None:
            raise ValidationError(
                self.error_messages["unknown"] % {"value": str(data)[:100]}, code="unknown"
            )
        return found

    def to_representation(self, value):
        return value.slug


class IdOfRegionField(SlugOfRegionField):
    """An object of the request's region given by its id."""

    def to_internal_value(self, data):
        region = context_region(self.context)
        is_int = isinstance(data, int) and not isinstance(data, bool)
        pk = parsing.parse_id(data) if is_int else None
        found = None
        if pk is not None and region is not None:
            found = self.queryset(region).filter(pk=pk).first()
        if found is None:
            raise ValidationError(
                self.error_messages["unknown"] % {"value": str(data)[:100]}, code="unknown"
            )
        return found

    def queryset(self, region):
        return self.model.objects.filter(region=region)

    def to_representation(self, value):
        return value.pk


@extend_schema_field({"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"})
class ProgrammeSlugField(SlugOfRegionField):
    model = Programme


@extend_schema_field({"type": "integer", "minimum": 1})
class CallIdField(IdOfRegionField):
    model = Call


@extend_schema_field({"type": "integer", "minimum": 1, "nullable": True})
class ProjectIdField(IdOfRegionField):
    model = Project


@extend_schema_field({"type": "string", "example": "BMI"})
class FunderNameField(serializers.Field):
    """A funder of the region by its name or short name."""

    default_error_messages = {
        "unknown": _(
            "Unbekannter Fördergeber „%(value)s“; bitte den Namen eines Fördergebers der Region "
            "angeben (oder ihn im internen Bereich anlegen)."
        )
    }

    def to_internal_value(self, data):
        region = context_region(self.context)
        found = None
        if isinstance(data, str) and data.strip() and region is not None:
            name = data.strip()
            found = (
                Funder.objects.filter(region=region)
                .filter(Q(name__iexact=name) | Q(short_name__iexact=name))
                .first()
            )
        if found is None:
            raise ValidationError(
                self.error_messages["unknown"] % {"value": str(data)[:100]}, code="unknown"
            )
        return found

    def to_representation(self, value):
        return value.name


def date_order_error(attrs, instance, start: str, end: str, message) -> dict | None:
    """The error when `end` lies before `start` (given now or already stored)."""
    first = attrs.get(start, getattr(instance, start, None))
    last = attrs.get(end, getattr(instance, end, None))
    if first is not None and last is not None and last < first:
        return {end: [message]}
    return None


class ProgrammeWriteSerializer(VersionRequired, serializers.Serializer):
    """A programme as written: the rules as decimal strings, the lists as codes."""

    slug_model = Programme

    name = StrictCharField(max_length=300)
    slug = serializers.SlugField(
        max_length=120, required=False, help_text=_("ohne Angabe aus dem Namen gebildet")
    )
    funder = FunderNameField(help_text=_("Name oder Kurzname eines Fördergebers der Region"))
    summary = StrictCharField(required=False, allow_blank=True, max_length=20000)
    funding_rate = RateField(required=False, allow_null=True)
    own_share_rate = RateField(required=False, allow_null=True)
    third_party_max_share_of_own = RateField(required=False, allow_null=True)
    max_grant = AmountField(required=False, allow_null=True)
    total_volume = AmountField(required=False, allow_null=True)
    max_months = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=MAX_MONTHS
    )
    cost_types = serializers.ListField(
        child=serializers.ChoiceField(CostType.choices), required=False, max_length=10
    )
    applicant_types = serializers.ListField(
        child=serializers.ChoiceField(ApplicantType.choices), required=False, max_length=10
    )
    phases = serializers.ListField(
        child=StrictCharField(max_length=300), required=False, max_length=50
    )
    funding_type = StrictCharField(required=False, allow_blank=True, max_length=200)
    funding_area = StrictCharField(required=False, allow_blank=True, max_length=300)
    funding_region = StrictCharField(required=False, allow_blank=True, max_length=200)
    eligible_recipients = StrictCharField(required=False, allow_blank=True, max_length=300)
    legal_basis = StrictCharField(required=False, allow_blank=True, max_length=300)
    contact = StrictCharField(required=False, allow_blank=True, max_length=5000)
    website = serializers.URLField(required=False, allow_blank=True, max_length=500)
    keywords = StrictCharField(required=False, allow_blank=True, max_length=5000)
    fields = FieldSlugsField(required=False, help_text=_("Kürzel der Handlungsfelder"))
    published = serializers.BooleanField(required=False)
    internal_notes = StrictCharField(required=False, allow_blank=True, max_length=20000)
    version = version_field()

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if "phases" in attrs:
            attrs["phases"] = "\n".join(p.strip() for p in attrs["phases"] if p.strip())
        return attrs


class ApplicationWriteSerializer(VersionRequired, serializers.Serializer):
    """An application as written. The programme defaults to the call's."""

    slug_model = Application

    title = StrictCharField(max_length=300)
    slug = serializers.SlugField(
        max_length=120, required=False, help_text=_("ohne Angabe aus dem Titel gebildet")
    )
    summary = StrictCharField(required=False, allow_blank=True, max_length=20000)
    call = CallIdField(required=False, allow_null=True, help_text=_("ID des Aufrufs"))
    programme = ProgrammeSlugField(
        required=False, allow_null=True, help_text=_("Kürzel des Programms")
    )
    status = NamedChoiceField(ApplicationStatus, "FundingApplicationStatusEnum", required=False)
    district_applies = serializers.BooleanField(required=False)
    municipalities = TownSlugsField(required=False, help_text=_("Kürzel der Kommunen"))
    projects = ProjectIdsField(required=False, help_text=_("IDs der Projekte"))
    partners = StrictCharField(required=False, allow_blank=True, max_length=500)
    submitted_on = serializers.DateField(required=False, allow_null=True)
    decided_on = serializers.DateField(required=False, allow_null=True)
    start_date = serializers.DateField(required=False, allow_null=True)
    end_date = serializers.DateField(required=False, allow_null=True)
    requested_amount = AmountField(required=False, allow_null=True)
    granted_amount = AmountField(required=False, allow_null=True)
    third_party = AmountField(required=False)
    split_mode = NamedChoiceField(SplitMode, "FundingSplitModeEnum", required=False)
    published = serializers.BooleanField(required=False)
    internal_notes = StrictCharField(required=False, allow_blank=True, max_length=20000)
    version = version_field()

    def validate(self, attrs):
        attrs = super().validate(attrs)
        instance = self.instance
        call = attrs.get("call", getattr(instance, "call", None))
        programme = attrs.get("programme", getattr(instance, "programme", None))
        if call is not None and programme is None:  # the call's programme, as in the forms
            attrs["programme"] = programme = call.programme
        if call is not None and programme is not None and call.programme_id != programme.pk:
            raise ValidationError(
                {"call": [_("Der Aufruf gehört zu einem anderen Programm als dem angegebenen.")]}
            )
        error = date_order_error(
            attrs, instance, "start_date", "end_date", _("Das Ende liegt vor dem Beginn.")
        ) or date_order_error(
            attrs,
            instance,
            "submitted_on",
            "decided_on",
            _("Die Entscheidung liegt vor der Einreichung."),
        )
        if error:
            raise ValidationError(error)
        return attrs


class SubProjectSerializer(VersionRequired, serializers.Serializer):
    """A sub-project (work package) of an application."""

    id = serializers.IntegerField(read_only=True)
    title = StrictCharField(max_length=300)
    position = serializers.IntegerField(required=False, min_value=0, max_value=32767)
    project = ProjectIdField(
        required=False,
        allow_null=True,
        help_text=_("ID des Projekts der Strategie; null, wenn es (noch) nicht veröffentlicht ist"),
    )
    version = version_field()

    def to_representation(self, sub):
        data = super().to_representation(sub)
        project = sub.project
        if project is not None and not (
            context_can_read_internal(self.context) or project.published
        ):
            data["project"] = None
        return data


@extend_schema_field({"type": "integer", "minimum": 1})
class SubProjectIdField(IdOfRegionField):
    """A sub-project of the application in the address."""

    model = SubProject

    def queryset(self, region):
        return SubProject.objects.filter(region=region, application=self.context["application"])


class BudgetLineSerializer(VersionRequired, serializers.Serializer):
    """A line of a sub-project's financing plan, in exact euros."""

    id = serializers.IntegerField(read_only=True)
    subproject = SubProjectIdField(help_text=_("ID des Teilprojekts dieses Antrags"))
    label = StrictCharField(required=False, allow_blank=True, max_length=300)
    year = serializers.IntegerField(required=False, allow_null=True, min_value=1990, max_value=2100)
    kind = serializers.ChoiceField(LineKind.choices)
    eligible = serializers.BooleanField(required=False)
    amount = AmountField()
    version = version_field()

    def to_representation(self, line):
        return {
            "id": line.pk,
            "subproject": line.subproject_id,
            "label": line.label,
            "year": line.year,
            "kind": line.kind,
            "eligible": line.eligible,
            "amount": amount_text(line.amount),
            "version": line.version,
        }

    def to_internal_value(self, data):
        # A boolean must be a JSON boolean ("yes" or 1 would be read as true by DRF).
        if isinstance(data, dict) and "eligible" in data and not isinstance(data["eligible"], bool):
            raise ValidationError({"eligible": [_("Bitte true oder false angeben.")]})
        return super().to_internal_value(data)
