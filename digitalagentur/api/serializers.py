"""Shapes of the API (the contract in issue 2, section 4) and validation of writes.

Serializers only read and validate; writes go through portfolio.services and
strategy.versions in the views. Visibility (published, internal notes) depends on the
`access` passed in the serializer context.
"""

from __future__ import annotations

from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from digitalagentur.portfolio.choices import ParticipationRole, ProjectStatus
from digitalagentur.portfolio.filtersets import SLUG_RE
from digitalagentur.portfolio.models import CODE_TAKEN_MESSAGE, Participation, Project
from digitalagentur.portfolio.services import code_taken
from digitalagentur.strategy.models import Field, StrategyVersion
from digitalagentur.strategy.versions import public_snapshot
from digitalagentur.tenancy.models import Municipality

MAX_VERSION = 2**31 - 1


def context_can_read_internal(context) -> bool:
    access = context.get("access")
    return bool(access is not None and access.can_read_internal)


def public_page_url(context, name: str, *args) -> str | None:
    """Absolute address of the public page of an object (None if there is no such page)."""
    try:
        path = reverse(name, args=args)
    except NoReverseMatch:
        return None
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


class PublicPageMixin(metaclass=serializers.SerializerMetaclass):
    page_url = serializers.SerializerMethodField(
        help_text=_("Adresse der öffentlichen Seite (nur sichtbar, wenn veröffentlicht)")
    )
    page_name = ""
    page_key = "slug"

    @extend_schema_field(OpenApiTypes.URI)
    def get_page_url(self, obj) -> str | None:
        return public_page_url(self.context, self.page_name, getattr(obj, self.page_key))


class StrictCharField(serializers.CharField):
    """Text must be sent as a JSON string: DRF would turn 12 or 1e308 into "12" silently."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictModelSerializer(serializers.ModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: StrictCharField,
        models.TextField: StrictCharField,
    }


def context_region(context):
    request = context.get("request")
    return getattr(request, "region", None) if request is not None else None


# --- strategy -------------------------------------------------------------------------------


class StrategyCountsSerializer(serializers.Serializer):
    municipalities = serializers.IntegerField()
    visions = serializers.IntegerField()
    fields = serializers.IntegerField()
    guiding_principles = serializers.IntegerField()
    priority_groups = serializers.IntegerField()
    projects = serializers.IntegerField()


class RegionSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class StrategySerializer(serializers.Serializer):
    title = serializers.CharField()
    subtitle = serializers.CharField()
    vision = serializers.CharField()
    introduction = serializers.CharField()
    published = serializers.BooleanField()
    version = serializers.IntegerField()
    region = RegionSerializer()
    counts = serializers.SerializerMethodField()

    @extend_schema_field(StrategyCountsSerializer)
    def get_counts(self, obj) -> dict:
        return self.context["counts"]


# --- fields and municipalities ----------------------------------------------------------------


class GoalSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()


class FieldSerializer(PublicPageMixin, serializers.ModelSerializer):
    page_name = "public:field_detail"
    priority_group = serializers.IntegerField(
        source="priority_group.number", help_text=_("Prioritätengruppe 1, 2 oder 3")
    )
    priority_group_name = serializers.CharField(source="priority_group.name")
    goals = GoalSerializer(many=True)
    url = serializers.HyperlinkedIdentityField(
        view_name="api-field-detail", lookup_field="slug", read_only=True
    )

    class Meta:
        model = Field
        fields = [
            "id",
            "slug",
            "name",
            "priority_group",
            "priority_group_name",
            "guiding_principle",
            "guiding_principle_is_demo_text",
            "description",
            "position",
            "goals",
            "published",
            "version",
            "internal_notes",
            "url",
            "page_url",
        ]
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not context_can_read_internal(self.context):
            data.pop("internal_notes", None)
        return data


class MunicipalitySerializer(PublicPageMixin, serializers.ModelSerializer):
    page_name = "public:municipality_detail"
    kind_display = serializers.CharField(source="get_kind_display")
    url = serializers.HyperlinkedIdentityField(
        view_name="api-municipality-detail", lookup_field="slug", read_only=True
    )

    class Meta:
        model = Municipality
        fields = [
            "id",
            "slug",
            "name",
            "kind",
            "kind_display",
            "website",
            "description",
            "url",
            "page_url",
        ]
        read_only_fields = fields


# --- projects -----------------------------------------------------------------------------


class FieldSlugField(serializers.SlugRelatedField):
    """A field of the request's region by slug; shown as null to the public while a draft."""

    def __init__(self, **kwargs):
        kwargs.setdefault("slug_field", "slug")
        kwargs.setdefault("queryset", Field.objects.none())
        super().__init__(**kwargs)

    def get_queryset(self):
        region = context_region(self.context)
        return Field.objects.filter(region=region) if region else Field.objects.none()

    def run_validation(self, data=serializers.empty):
        # DRF turns "" into null for relations; the schema says a slug or null, so "" is bad.
        if data == "":
            self.fail("does_not_exist", slug_name=self.slug_field, value="")
        return super().run_validation(data)

    def to_internal_value(self, data):
        if not isinstance(data, str) or not SLUG_RE.match(data):
            self.fail("does_not_exist", slug_name=self.slug_field, value=str(data)[:100])
        return super().to_internal_value(data)

    def to_representation(self, value):
        if not context_can_read_internal(self.context):
            if not (value.published and value.strategy.published):
                return None
        return value.slug


@extend_schema_field(serializers.ListField(child=serializers.SlugField()))
class MunicipalitySlugsField(serializers.Field):
    """Participating towns as a list of slugs (leading towns first)."""

    default_error_messages = {
        "not_a_list": _("Bitte eine Liste von Kürzeln angeben."),
        "unknown": _("Diese Kommunen gibt es in der Region nicht: {slugs}"),
    }

    def __init__(self, *, lead_only: bool = False, **kwargs):
        self.lead_only = lead_only
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, project):
        rows = project.participations.all()
        if self.lead_only:
            rows = [p for p in rows if p.role == ParticipationRole.LEAD]
        return [p.municipality.slug for p in rows]

    def to_internal_value(self, data):
        if not isinstance(data, list) or not all(isinstance(s, str) for s in data):
            self.fail("not_a_list")
        slugs = list(dict.fromkeys(s.strip() for s in data))
        if len(slugs) > 500 or not all(SLUG_RE.match(s) for s in slugs):
            self.fail("unknown", slugs=", ".join(s[:100] for s in slugs[:20]))
        region = context_region(self.context)
        towns = Municipality.objects.none()
        if region is not None:
            towns = Municipality.objects.filter(region=region, slug__in=slugs)
        found = {m.slug: m for m in towns}
        missing = [s for s in slugs if s not in found]
        if missing:
            self.fail("unknown", slugs=", ".join(missing[:20]))
        return [found[s] for s in slugs]


class ProjectSerializer(PublicPageMixin, StrictModelSerializer):
    page_name = "public:project_detail"
    field = FieldSlugField(
        allow_null=True, required=False, help_text=_("Kürzel des Handlungsfelds oder null")
    )
    municipalities = MunicipalitySlugsField(
        required=False, help_text=_("Kürzel der beteiligten Kommunen")
    )
    lead_municipalities = MunicipalitySlugsField(
        lead_only=True, read_only=True, help_text=_("Kürzel der federführenden Kommunen")
    )
    progress = serializers.IntegerField(
        min_value=0, max_value=100, required=False, help_text=_("Fortschritt in Prozent, 0–100")
    )
    version = serializers.IntegerField(
        min_value=0,
        max_value=MAX_VERSION,
        required=False,
        help_text=_(
            "Stand, auf dem eine Änderung beruht; bei PATCH Pflicht. Ist er nicht mehr aktuell,"
            " antwortet die API mit 409."
        ),
    )
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="api-project-detail", read_only=True)

    class Meta:
        model = Project
        fields = [
            "id",
            "code",
            "slug",
            "title",
            "field",
            "status",
            "status_display",
            "progress",
            "progress_is_override",
            "municipalities",
            "lead_municipalities",
            "is_lighthouse",
            "is_strategy_project",
            "published",
            "version",
            "summary",
            "description",
            "central_benefit",
            "challenges",
            "lead",
            "start_date",
            "end_date",
            "website",
            "internal_notes",
            "created",
            "updated",
            "last_activity",
            "url",
            "page_url",
        ]
        read_only_fields = ["id", "slug", "created", "updated", "last_activity"]
        validators = []  # uniqueness is checked in validate() within the region

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not context_can_read_internal(self.context):
            data.pop("internal_notes", None)
        return data

    def validate_code(self, value):
        value = value.strip()
        region = context_region(self.context)
        exclude = self.instance.pk if self.instance is not None else None
        if region is not None and code_taken(region.pk, value, exclude):
            raise serializers.ValidationError(CODE_TAKEN_MESSAGE)
        return value

    def validate(self, attrs):
        if self.instance is not None and attrs.get("version") is None:
            raise serializers.ValidationError(
                {"version": [_("Bitte die Version angeben, auf der die Änderung beruht.")]}
            )
        start = attrs.get("start_date", getattr(self.instance, "start_date", None))
        end = attrs.get("end_date", getattr(self.instance, "end_date", None))
        if start and end and end < start:
            raise serializers.ValidationError({"end_date": [_("Das Ende liegt vor dem Beginn.")]})
        return attrs


class ProjectPartSerializer(StrictModelSerializer):
    """A participating town's part of a project: its own status, progress and note."""

    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    municipality_name = serializers.CharField(source="municipality.name", read_only=True)
    status = serializers.ChoiceField(choices=ProjectStatus.choices, required=False)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    progress = serializers.IntegerField(
        min_value=0, max_value=100, required=False, help_text=_("Fortschritt in Prozent, 0–100")
    )
    version = serializers.IntegerField(
        min_value=0,
        max_value=MAX_VERSION,
        help_text=_(
            "Stand des Teils, auf dem die Änderung beruht (Pflicht). Ist er nicht mehr aktuell,"
            " antwortet die API mit 409."
        ),
    )

    class Meta:
        model = Participation
        fields = [
            "municipality",
            "municipality_name",
            "role",
            "status",
            "status_display",
            "progress",
            "note",
            "updated",
            "version",
        ]
        read_only_fields = ["municipality", "municipality_name", "role", "updated"]
        validators = []

    def validate(self, attrs):
        if attrs.get("version") is None:
            raise serializers.ValidationError(
                {"version": [_("Bitte die Version angeben, auf der die Änderung beruht.")]}
            )
        return attrs


class ProjectDetailSerializer(ProjectSerializer):
    """One project with its towns' parts (leading towns first, then by name)."""

    parts = serializers.SerializerMethodField(
        help_text=_("Teile der beteiligten Kommunen: Status und Fortschritt jeder Kommune")
    )

    class Meta(ProjectSerializer.Meta):
        fields = [*ProjectSerializer.Meta.fields, "parts"]

    @extend_schema_field(ProjectPartSerializer(many=True))
    def get_parts(self, project) -> list[dict]:
        parts = project.participations.all()  # prefetched in this order: visible_projects()
        return ProjectPartSerializer(parts, many=True, context=self.context).data


# --- strategy versions --------------------------------------------------------------------------


class StrategyVersionSerializer(StrictModelSerializer):
    created_by = serializers.SerializerMethodField()
    url = serializers.HyperlinkedIdentityField(
        view_name="api-strategy-version-detail", read_only=True
    )

    class Meta:
        model = StrategyVersion
        fields = ["id", "name", "note", "created", "created_by", "url"]
        read_only_fields = ["id", "created", "created_by", "url"]
        validators = []  # the name is checked against the region's strategy in the view

    @extend_schema_field(OpenApiTypes.STR)
    def get_created_by(self, obj) -> str:
        """Staff names are internal: the public gets an empty string."""
        access = self.context.get("access")
        user = obj.created_by
        if user is None or access is None or not access.can_read_internal:
            return ""
        return user.get_full_name() or user.get_username()

    def validate_name(self, value):
        value = value.strip()
        if not value:
            raise serializers.ValidationError(_("Bitte einen Namen angeben."))
        strategy = self.context.get("strategy")
        if strategy is not None and strategy.versions.filter(name=value).exists():
            raise serializers.ValidationError(_("Eine Fassung mit diesem Namen gibt es schon."))
        return value


class StrategyVersionDetailSerializer(StrategyVersionSerializer):
    snapshot = serializers.SerializerMethodField()

    class Meta(StrategyVersionSerializer.Meta):
        fields = [*StrategyVersionSerializer.Meta.fields, "snapshot"]
        read_only_fields = [*StrategyVersionSerializer.Meta.read_only_fields, "snapshot"]

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_snapshot(self, obj) -> dict:
        access = self.context.get("access")
        if access is not None and access.can_read_internal:
            return obj.snapshot
        return public_snapshot(obj.snapshot)


class VersionRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    created = serializers.DateTimeField()


class StrategyVersionDiffSerializer(serializers.Serializer):
    """ "from"/"to" versions and what changed: strategy attributes, fields and projects.

    The keys "strategy", "fields" and "projects" are strategy.versions.diff_snapshots' result.
    """

    def get_fields(self):
        changes = serializers.DictField(child=serializers.ListField(child=serializers.DictField()))
        return {
            "from": VersionRefSerializer(),
            "to": VersionRefSerializer(),
            "strategy": serializers.ListField(child=serializers.DictField()),
            "fields": changes,
            "projects": serializers.DictField(
                child=serializers.ListField(child=serializers.DictField())
            ),
        }
