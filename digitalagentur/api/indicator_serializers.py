"""Shapes and validation of the indicator API (api/indicators.py has the views).

Numbers (values and targets) are answered as JSON numbers and accepted as JSON numbers or as
strings such as "12.5". A JSON number is read as the decimal it spells, not as a binary float
(DecimalJSONParser), so 0.1 is exactly 0.1 and a number with more than four decimal places is
refused rather than rounded. Links are lists: fields and towns by slug, goals and projects by id.
"""

from __future__ import annotations

import codecs
import decimal
import re

import django_filters
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.parsers import JSONParser, get_encoding
from rest_framework.utils import json as drf_json

from digitalagentur.core import parsing
from digitalagentur.indicators.choices import IndicatorStatus
from digitalagentur.indicators.models import (
    DATE_RANGE,
    VALUE_DIGITS,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
)
from digitalagentur.indicators.queries import with_status
from digitalagentur.portfolio.filtersets import (
    SLUG_RE,
    SlugChoiceFilter,
    region_municipalities,
    visible_fields,
)
from digitalagentur.portfolio.models import Project
from digitalagentur.strategy.models import Field, Goal
from digitalagentur.tenancy.models import Municipality

from .parsers import SafeJSONParser
from .serializers import MAX_VERSION, StrictModelSerializer, context_region

# --- numbers ----------------------------------------------------------------------------------

WHOLE_DIGITS = VALUE_DIGITS["max_digits"] - VALUE_DIGITS["decimal_places"]
PLACES = VALUE_DIGITS["decimal_places"]
LARGEST = decimal.Decimal(f"{'9' * WHOLE_DIGITS}.{'9' * PLACES}")
# A number as text: what the schema's pattern says, matched in full (no trailing newline).
NUMBER_RE = re.compile(rf"-?[0-9]{{1,{WHOLE_DIGITS}}}(\.[0-9]{{1,{PLACES}}})?")
NUMBER_TEXT = f"^{NUMBER_RE.pattern}$"
NUMBER_HELP = format_lazy(
    _(
        "Zahl mit höchstens {whole} Stellen vor und {places} nach dem Dezimalpunkt; als"
        ' JSON-Zahl (12.5) oder als Text ("12.5"). Antworten geben sie als JSON-Zahl an.'
    ),
    whole=WHOLE_DIGITS,
    places=PLACES,
)


class ExactJSONParser(JSONParser):
    """JSON as DRF reads it, but a number with a fraction or exponent becomes a Decimal."""

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = get_encoding(parser_context or {})
        try:
            return drf_json.load(
                codecs.getreader(encoding)(stream),
                parse_float=decimal.Decimal,
                parse_constant=drf_json.strict_constant,
            )
        except ValueError as exc:
            raise ParseError(str(exc)) from None


class DecimalJSONParser(SafeJSONParser, ExactJSONParser):
    """SafeJSONParser (German 400 for bad or too deeply nested JSON) reading exact decimals."""


class DecimalValueField(serializers.DecimalField):
    """A value or target: a JSON number or a string of digits in, a JSON number out."""

    default_error_messages = {"invalid": NUMBER_HELP}

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", NUMBER_HELP)
        super().__init__(coerce_to_string=False, **VALUE_DIGITS, **kwargs)

    def to_internal_value(self, data):
        if isinstance(data, str):
            if not NUMBER_RE.fullmatch(data):
                self.fail("invalid")
        elif isinstance(data, decimal.Decimal):
            if not data.is_finite():
                self.fail("invalid")
            if data.as_tuple().exponent < -PLACES:
                data = data.normalize()  # 12.50000 is 12.5; 12.34567 stays too precise
        elif isinstance(data, float):  # only when not read by DecimalJSONParser
            data = repr(data)
        elif isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)

    # to_representation gives a Decimal, which DRF's JSON encoder writes as a JSON number.


class DecimalValueFieldSchema(OpenApiSerializerFieldExtension):
    target_class = DecimalValueField

    def map_serializer_field(self, auto_schema, direction):
        number = {"type": "number", "format": "double"}
        if direction == "response":
            return number
        bounded = {
            **number,
            "minimum": float(-LARGEST),
            "maximum": float(LARGEST),
            "multipleOf": float(decimal.Decimal(1).scaleb(-PLACES)),
        }
        return {"oneOf": [bounded, {"type": "string", "pattern": NUMBER_TEXT}]}


class StatusField(serializers.CharField):
    """An indicator's computed status (read only), described as the enum IndicatorStatusEnum."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)


class StatusFieldSchema(OpenApiSerializerFieldExtension):
    target_class = StatusField

    def map_serializer_field(self, auto_schema, direction):
        # A component of its own: projects have a "status" too, with other choices.
        component = ResolvedComponent(
            name="IndicatorStatusEnum",
            type=ResolvedComponent.SCHEMA,
            object="IndicatorStatusEnum",
            schema={
                "type": "string",
                "enum": list(IndicatorStatus.values),
                "description": "\n".join(
                    f"* `{v}` - {label}" for v, label in IndicatorStatus.choices
                ),
            },
        )
        auto_schema.registry.register_on_missing(component)
        return component.ref


# --- links of an indicator -------------------------------------------------------------------


SLUG_LIST = {"type": "array", "items": {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"}}
ID_LIST = {
    "type": "array",
    "items": {"type": "integer", "minimum": 1, "maximum": parsing.MAX_DB_INT},
}


class LinkListField(serializers.Field):
    """Linked objects of the request's region: answered and written as a list of slugs (or
    ids); the prefetched relation decides what a reader sees (IndicatorViewSet)."""

    model = None
    key = "slug"
    default_error_messages = {
        "not_a_list": _("Bitte eine Liste angeben."),
        "unknown": _("Unbekannt in dieser Region: %(items)s"),
    }

    def to_representation(self, manager):
        return [getattr(item, self.key) for item in manager.all()]

    def parse(self, item):
        """The item as the key's type, or None when it cannot be one."""
        return item if isinstance(item, str) and SLUG_RE.match(item) else None

    def to_internal_value(self, data) -> list[int]:
        if not isinstance(data, list) or len(data) > 500:
            self.fail("not_a_list")
        parsed = [self.parse(item) for item in data]
        unknown = [str(item)[:100] for item, key in zip(data, parsed, strict=True) if key is None]
        parsed = list(dict.fromkeys(parsed))
        region = context_region(self.context)
        found = {}
        if region is not None and not unknown:
            rows = self.model.objects.filter(region=region, **{f"{self.key}__in": parsed})
            found = dict(rows.values_list(self.key, "pk"))
        unknown += [str(key) for key in parsed if key not in found]
        if unknown:
            message = self.error_messages["unknown"] % {"items": ", ".join(unknown[:20])}
            raise ValidationError(message, code="unknown")
        return [found[key] for key in parsed]


class IdListField(LinkListField):
    key = "pk"

    def parse(self, item):
        if (
            isinstance(item, decimal.Decimal)
            and item.is_finite()
            and item.adjusted() < 19  # never build a gigantic integer from 1e999999999
            and item == item.to_integral_value()
        ):
            item = int(item)  # 2.0 is the integer 2
        if isinstance(item, bool) or not isinstance(item, int) or item < 1:
            return None
        return parsing.parse_id(item)


@extend_schema_field(SLUG_LIST)
class FieldSlugsField(LinkListField):
    model = Field


@extend_schema_field(SLUG_LIST)
class TownSlugsField(LinkListField):
    model = Municipality


@extend_schema_field(ID_LIST)
class GoalIdsField(IdListField):
    model = Goal


@extend_schema_field(ID_LIST)
class ProjectIdsField(IdListField):
    model = Project


LINKS = ("fields", "goals", "projects", "municipalities")


# --- serializers ------------------------------------------------------------------------------

VERSION_HELP = _(
    "Stand, auf dem eine Änderung beruht; bei PATCH Pflicht. Ist er nicht mehr aktuell,"
    " antwortet die API mit 409."
)
VERSION_MISSING = _("Bitte die Version angeben, auf der die Änderung beruht.")


def version_field(**kwargs):
    return serializers.IntegerField(
        min_value=0, max_value=MAX_VERSION, required=False, help_text=VERSION_HELP, **kwargs
    )


class VersionRequired:
    """A change (an instance is given) must name the version it is based on; a new object
    with a slug must not take one its region already uses (`slug_model`)."""

    slug_model = None

    def validate(self, attrs):
        if self.instance is not None and attrs.get("version") is None:
            raise ValidationError({"version": [VERSION_MISSING]})
        return attrs

    def validate_slug(self, value):
        region = context_region(self.context)
        taken = self.slug_model.objects.filter(region=region, slug=value)
        if self.instance is not None:
            taken = taken.exclude(pk=self.instance.pk)
        if region is None or taken.exists():
            raise ValidationError(_("Dieses Kürzel ist in der Region schon vergeben."))
        return value


class VersionedSerializer(VersionRequired, StrictModelSerializer):
    """A model serializer whose changes name their version (VersionRequired)."""


@extend_schema_field(
    {
        "type": "string",
        "format": "date",
        "pattern": r"^(19|20|21)[0-9]{2}-",
        "description": "1900-01-01 bis 2199-12-31",
    }
)
class BoundedDateField(serializers.DateField):
    """A date of a target or value: the years the model allows (indicators.models)."""

    def __init__(self, **kwargs):
        super().__init__(validators=list(DATE_RANGE), **kwargs)


class IndicatorTargetSerializer(VersionedSerializer):
    """A value the indicator should reach by a date (for the whole region)."""

    date = BoundedDateField()
    value = DecimalValueField()
    version = version_field()

    class Meta:
        model = IndicatorTarget
        fields = ["id", "date", "value", "note", "version"]
        read_only_fields = ["id"]
        validators = []  # one target per date: the service answers with the German message


class TownSlugField(serializers.SlugRelatedField):
    """A town of the request's region by slug, or null for the whole region."""

    def __init__(self, **kwargs):
        super().__init__(slug_field="slug", queryset=Municipality.objects.none(), **kwargs)

    def get_queryset(self):
        region = context_region(self.context)
        return Municipality.objects.filter(region=region) if region else Municipality.objects.none()

    def run_validation(self, data=serializers.empty):
        if data == "":  # DRF would read "" as null, which is a different answer (the region)
            self.fail("does_not_exist", slug_name="slug", value="")
        return super().run_validation(data)

    def to_internal_value(self, data):
        if not isinstance(data, str) or not SLUG_RE.match(data):
            self.fail("does_not_exist", slug_name=self.slug_field, value=str(data)[:100])
        return super().to_internal_value(data)


class IndicatorValueSerializer(VersionedSerializer):
    """A measured value on a date, of the whole region (municipality null) or of one town."""

    date = BoundedDateField()
    value = DecimalValueField()
    municipality = TownSlugField(
        allow_null=True,
        required=False,
        help_text=_("Kürzel der Kommune; null (oder weggelassen) für die ganze Region"),
    )
    municipality_name = serializers.CharField(
        source="municipality.name", read_only=True, allow_null=True
    )
    version = version_field()

    class Meta:
        model = IndicatorValue
        fields = ["id", "date", "value", "municipality", "municipality_name", "note", "version"]
        read_only_fields = ["id"]
        validators = []  # one value per date and town: see IndicatorTargetSerializer


class LatestValueSerializer(serializers.Serializer):
    date = serializers.DateField()
    value = DecimalValueField()


class IndicatorSerializer(VersionedSerializer):
    """An indicator with its links, status and targets. The computed parts come from the
    IndicatorRow (indicators/queries.py) the view attaches as `row`."""

    slug_model = Indicator

    slug = serializers.SlugField(
        max_length=120,
        required=False,
        help_text=_("Kürzel; ohne Angabe beim Anlegen aus dem Namen gebildet"),
    )
    direction_display = serializers.CharField(source="get_direction_display", read_only=True)
    fields = FieldSlugsField(required=False, help_text=_("Kürzel der Handlungsfelder"))
    goals = GoalIdsField(required=False, help_text=_("IDs der Ziele"))
    projects = ProjectIdsField(required=False, help_text=_("IDs der Projekte"))
    municipalities = TownSlugsField(required=False, help_text=_("Kürzel der Kommunen"))
    status = StatusField(
        source="row.status", help_text=_("Letzter Wert der Region im Vergleich zum Zielpfad")
    )
    status_display = serializers.SerializerMethodField()
    latest = serializers.SerializerMethodField(
        help_text=_("Letzter Wert der ganzen Region (Stichtag und Wert) oder null")
    )
    is_current = serializers.SerializerMethodField(
        help_text=_(
            "Ob der letzte Wert (der Region oder einer Kommune) jünger ist als das Intervall"
        )
    )
    targets = serializers.SerializerMethodField(help_text=_("Zielwerte nach Datum"))
    version = version_field()

    class Meta:
        model = Indicator
        fields = [
            "id",
            "slug",
            "name",
            "unit",
            "direction",
            "direction_display",
            "decimals",
            "description",
            "source",
            "owner",
            "interval_months",
            "is_demo",
            "published",
            "fields",
            "goals",
            "projects",
            "municipalities",
            "status",
            "status_display",
            "latest",
            "is_current",
            "targets",
            "updated",
            "version",
        ]
        read_only_fields = ["id", "updated"]
        validators = []  # the slug is checked within the region in validate_slug()

    @extend_schema_field(OpenApiTypes.STR)
    def get_status_display(self, indicator) -> str:
        return str(IndicatorStatus(indicator.row.status).label)

    @extend_schema_field(LatestValueSerializer(allow_null=True))
    def get_latest(self, indicator) -> dict | None:
        values = indicator.row.values
        if not values:
            return None
        return LatestValueSerializer(values[-1]).data

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_is_current(self, indicator) -> bool:
        return indicator.row.is_current

    @extend_schema_field(IndicatorTargetSerializer(many=True))
    def get_targets(self, indicator) -> list[dict]:
        return IndicatorTargetSerializer(indicator.row.targets, many=True).data

    def split(self) -> tuple[dict, dict, int | None]:
        """The validated data as (values, links, version) for the services."""
        values = dict(self.validated_data)
        version = values.pop("version", None)
        links = {name: values.pop(name) for name in LINKS if name in values}
        return values, links, version


# --- filters ---------------------------------------------------------------------------------


class IndicatorFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Suche"),
        method="filter_search",
        max_length=200,
        help_text=_("Sucht in Name, Beschreibung, Einheit, Quelle und Verantwortlichen."),
    )
    field = SlugChoiceFilter(
        label=_("Handlungsfeld"),
        field_name="fields",
        to_field_name="slug",
        queryset=visible_fields,
        help_text=_("Kürzel des Handlungsfelds"),
    )
    municipality = SlugChoiceFilter(
        label=_("Kommune"),
        field_name="municipalities",
        to_field_name="slug",
        queryset=region_municipalities,
        help_text=_("Kürzel der Stadt oder Gemeinde, der der Indikator zugeordnet ist"),
    )
    # Last: the status is computed from the rows the other filters leave (three queries).
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=IndicatorStatus.choices, method="filter_status"
    )

    class Meta:
        model = Indicator
        fields = ["q", "field", "municipality", "status"]

    def filter_search(self, queryset, name, value):
        words = value.split()
        for word in words[:10]:
            queryset = queryset.filter(
                Q(name__icontains=word)
                | Q(description__icontains=word)
                | Q(unit__icontains=word)
                | Q(source__icontains=word)
                | Q(owner__icontains=word)
            )
        return queryset

    def filter_status(self, queryset, name, value):
        plain = queryset.select_related(None).prefetch_related(None)
        ids = [row.indicator.pk for row in with_status(plain) if row.status == value]
        return queryset.filter(pk__in=ids)


class IndicatorValueFilterSet(django_filters.FilterSet):
    municipality = SlugChoiceFilter(
        label=_("Kommune"),
        to_field_name="slug",
        queryset=region_municipalities,
        help_text=_("Nur die Werte dieser Kommune (Kürzel)"),
    )
    scope = django_filters.ChoiceFilter(
        label=_("Ebene"),
        choices=[
            ("region", _("nur Werte der ganzen Region")),
            ("towns", _("nur Werte der Kommunen")),
        ],
        method="filter_scope",
        help_text=_("region: nur Werte der ganzen Region; towns: nur Werte der Kommunen"),
    )

    class Meta:
        model = IndicatorValue
        fields = ["municipality", "scope"]

    def filter_scope(self, queryset, name, value):
        return queryset.filter(municipality__isnull=value == "region")
