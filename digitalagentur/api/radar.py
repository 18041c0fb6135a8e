"""The technology radar through the API (issue 14, section 1).

- GET /api/v1/radars/: `id`, `slug`, `name`, `quadrants` and `rings` (names, in order; rings
  innermost first). Published radars for everybody, drafts too for the region's staff.
- GET /api/v1/radars/<id>/entries/: `id`, `name`, `quadrant`, `ring` (names), `is_new`,
  `moved` (1 moved in, 0, -1 moved out, against the latest edition) and `projects` (ids;
  published ones only for the public). Paginated like every list.
- GET /api/v1/radars/<id>/export/?format=byor-csv|byor-json|zalando: the radar as a file
  (radar/formats.py); CSV as text/csv.
- POST /api/v1/radars/<id>/import/?format=byor-csv|byor-json[&dry_run=true]: the file is the
  raw request body. The coordination only (401 without credentials, 403 for everybody else;
  a radar of another region is not found). Answers the report {"new", "changed",
  "unchanged", "rejected": [{"row", "reason"}]}: 200 when checked (dry run) or applied, 400
  with the same report (and a "detail") when a row is rejected; then nothing is applied.

`format` is this API's own parameter here: content negotiation always answers JSON (as the
open data files do), so DRF never reads `?format=` as a renderer's name.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import BaseParser
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from digitalagentur.radar import formats, services
from digitalagentur.radar.models import NAME_MAX, Entry, Radar
from digitalagentur.radar.rules import can_manage_radar, can_manage_radars, visible_radars

from .opendata import JSONErrors
from .permissions import is_authenticated, request_access
from .views import RegionAPIMixin, parse_id

# ---- shapes -----------------------------------------------------------------------------------


class RadarSerializer(serializers.ModelSerializer):
    quadrants = serializers.SlugRelatedField(
        slug_field="name",
        many=True,
        read_only=True,
        help_text=gettext_lazy("Die Quadranten, in ihrer Reihenfolge"),
    )
    rings = serializers.SlugRelatedField(
        slug_field="name",
        many=True,
        read_only=True,
        help_text=gettext_lazy("Die Ringe, der innerste zuerst"),
    )

    class Meta:
        model = Radar
        fields = ["id", "slug", "name", "quadrants", "rings"]


class RadarEntrySerializer(serializers.ModelSerializer):
    quadrant = serializers.CharField(source="quadrant.name", read_only=True)
    ring = serializers.CharField(source="ring.name", read_only=True)
    is_new = serializers.SerializerMethodField(
        help_text=gettext_lazy("Neu seit der letzten Ausgabe (ohne Ausgabe: immer)")
    )
    moved = serializers.SerializerMethodField(
        help_text=gettext_lazy(
            "Seit der letzten Ausgabe nach innen (1) oder außen (-1) gerückt, sonst 0"
        )
    )
    projects = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Entry
        fields = ["id", "name", "quadrant", "ring", "is_new", "moved", "projects"]

    def get_is_new(self, entry) -> bool:
        return self.context["movement"].of(entry).is_new

    @extend_schema_field({"type": "integer", "enum": [-1, 0, 1]})
    def get_moved(self, entry) -> int:
        return self.context["movement"].of(entry).moved


NAME = {"type": "string", "minLength": 1, "maxLength": 100}
IMPORT_BODY = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "name": {"type": "string", "minLength": 1, "maxLength": NAME_MAX},
            "ring": NAME,
            "quadrant": NAME,
            "isNew": {
                "oneOf": [
                    {"type": "boolean"},
                    {"type": "string", "pattern": "^([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])?$"},
                ]
            },
            "description": {"type": "string", "maxLength": 10000},
            "status": {"type": "string"},
        },
        "required": ["name", "ring", "quadrant"],
        "additionalProperties": False,
    },
}
REPORT = {
    "type": "object",
    "properties": {
        "new": {"type": "integer", "minimum": 0},
        "changed": {"type": "integer", "minimum": 0},
        "unchanged": {"type": "integer", "minimum": 0},
        "rejected": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "row": {"type": "integer", "nullable": True},
                    "reason": {"type": "string"},
                },
                "required": ["row", "reason"],
            },
        },
    },
    "required": ["new", "changed", "unchanged", "rejected"],
}
BYOR_ROW = {
    "type": "object",
    "properties": {
        key: {"type": "string"} for key in ("name", "ring", "quadrant", "isNew", "description")
    },
    "required": ["name", "ring", "quadrant", "isNew", "description"],
}
ZALANDO_SCHEMA = {
    "type": "object",
    "properties": {
        "entries": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "label": {"type": "string"},
                    "quadrant": {"type": "integer", "minimum": 0},
                    "ring": {"type": "integer", "minimum": 0},
                    "moved": {"type": "integer", "enum": [-1, 0, 1]},
                    "link": {"type": "string"},
                },
                "required": ["label", "quadrant", "ring", "moved", "link"],
            },
        }
    },
    "required": ["entries"],
}
CONTENT_TYPES = {
    formats.BYOR_CSV: "text/csv; charset=utf-8",
    formats.BYOR_JSON: "application/json",
    formats.ZALANDO: "application/json",
}


# ---- rights and the raw file ------------------------------------------------------------------


class RadarImportPermission(BasePermission):
    """Imports are the coordination's: 401 without credentials, 403 for anybody else."""

    message = gettext_lazy("Nur die Koordination darf in ein Radar importieren.")

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        if not is_authenticated(request):
            return False
        return can_manage_radars(request_access(request, view))

    def has_object_permission(self, request, view, obj):
        return request.method in SAFE_METHODS or can_manage_radar(
            request_access(request, view), obj
        )


class RawFileParser(BaseParser):
    """The request body as bytes, whatever its type; read up to one byte past the limit, so
    that a huge file is refused without being read."""

    media_type = "*/*"

    def parse(self, stream, media_type=None, parser_context=None):
        if stream is None:
            return b""
        return stream.read(services.import_max_bytes() + 1)


def choice_param(request, name: str, choices, *, default: str | None = None) -> str:
    raw = request.query_params.get(name)
    if raw in (None, "") and default is not None:
        return default
    if raw not in choices:
        raise ValidationError(
            {name: [_("Bitte wählen Sie %(choices)s.") % {"choices": ", ".join(choices)}]}
        )
    return raw


def dry_run_param(request) -> bool:
    raw = request.query_params.get("dry_run")
    if raw in (None, "", "false"):
        return False
    if raw == "true":
        return True
    raise ValidationError({"dry_run": [_("Bitte true oder false angeben.")]})


# ---- views ------------------------------------------------------------------------------------


class RadarAPIMixin(RegionAPIMixin):
    renderer_classes = [JSONRenderer]
    content_negotiation_class = JSONErrors

    def radars(self):
        if self.is_schema_view or self.region is None:
            return Radar.objects.none()
        return visible_radars(self.access, Radar.objects.all())


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("Technologie-Radare der Region")),
    retrieve=extend_schema(summary=gettext_lazy("Ein Technologie-Radar")),
)
class RadarViewSet(RadarAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Radars with their quadrants and rings; published ones for everybody."""

    serializer_class = RadarSerializer
    filter_backends = []

    def get_queryset(self):
        return self.radars().prefetch_related("quadrants", "rings")

    @extend_schema(
        summary=gettext_lazy("Ein Radar als Datei (BYOR-CSV, BYOR-JSON oder Zalando-JSON)"),
        parameters=[
            OpenApiParameter(
                "format",
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                enum=list(formats.EXPORT_FORMATS),
                description=gettext_lazy("Dateiformat (ohne Angabe: byor-csv)"),
            )
        ],
        responses={
            (200, "text/csv"): {"type": "string"},
            (200, "application/json"): {
                "oneOf": [{"type": "array", "items": BYOR_ROW}, ZALANDO_SCHEMA]
            },
        },
    )
    @action(detail=True, methods=["get"], url_path="export", filter_backends=[])
    def export(self, request, pk=None):
        fmt = choice_param(request, "format", formats.EXPORT_FORMATS, default=formats.BYOR_CSV)
        radar = self.get_object()
        content = services.export(radar, fmt)
        if fmt == formats.BYOR_CSV:
            response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
            response["Content-Disposition"] = f'attachment; filename="{radar.slug}.csv"'
            return response
        return Response(content)

    @extend_schema(
        summary=gettext_lazy("Einträge aus einer BYOR-Datei übernehmen (nur Koordination)"),
        description=gettext_lazy(
            "Die Datei ist der Inhalt der Anfrage: BYOR-CSV (Kopfzeile name,ring,quadrant,"
            "isNew,description; status erlaubt) oder BYOR-JSON (eine Liste solcher Objekte). "
            "Namen werden ohne Rücksicht auf Groß- und Kleinschreibung zugeordnet; ein neuer "
            "Ring wird in der Ringhistorie vermerkt. Mit dry_run=true wird nur geprüft. Ohne "
            "wird alles übernommen oder, sobald eine Zeile abgelehnt ist, nichts (400 mit "
            "demselben Bericht)."
        ),
        parameters=[
            OpenApiParameter(
                "format",
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                required=True,
                enum=list(formats.IMPORT_FORMATS),
                description=gettext_lazy("Dateiformat"),
            ),
            OpenApiParameter(
                "dry_run",
                OpenApiTypes.BOOL,
                OpenApiParameter.QUERY,
                description=gettext_lazy("Nur prüfen, nichts übernehmen"),
            ),
        ],
        request={"application/json": IMPORT_BODY, "text/csv": {"type": "string"}},
        responses={200: REPORT},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="import",
        permission_classes=[RadarImportPermission],
        parser_classes=[RawFileParser],
        filter_backends=[],
    )
    def import_file(self, request, pk=None):
        fmt = choice_param(request, "format", formats.IMPORT_FORMATS)
        dry_run = dry_run_param(request)
        radar = self.get_object()
        content = request.data if isinstance(request.data, bytes) else b""
        result = services.import_file(radar, content, fmt, user=request.user, dry_run=dry_run)
        report = result.report()
        if report["rejected"]:
            detail = _("%(count)d Zeile(n) abgelehnt; es wurde nichts übernommen.") % {
                "count": len(report["rejected"])
            }
            return Response({"detail": detail, **report}, status=status.HTTP_400_BAD_REQUEST)
        return Response(report)


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("Einträge eines Radars, mit „neu“ und „bewegt“")),
    retrieve=extend_schema(summary=gettext_lazy("Ein Eintrag eines Radars")),
)
class RadarEntryViewSet(RadarAPIMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = RadarEntrySerializer
    filter_backends = []

    def get_radar(self) -> Radar:
        radar = getattr(self, "_radar", None)
        if radar is None:
            pk = parse_id(self.kwargs["radar_id"])
            radar = self._radar = get_object_or_404(
                self.radars().prefetch_related("quadrants", "rings"), pk=pk
            )
        return radar

    def get_queryset(self):
        if self.is_schema_view or self.region is None:
            return Entry.objects.none()
        return services.entries_for_api(self.get_radar(), public=not self.can_read_internal)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if not self.is_schema_view and self.region is not None:
            radar = self.get_radar()
            context["movement"] = services.movement_context(
                radar, quadrants=list(radar.quadrants.all()), rings=list(radar.rings.all())
            )
        return context
