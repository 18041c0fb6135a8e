"""Open data through the API: the list of datasets and each dataset as a streamed file.

The datasets are those of the open data page (public/opendata.py): published content of the
request's region only, whoever asks. `?format=json|csv|xlsx` chooses the file; the answers are
the files of the page (JSON and CSV streamed), not DRF renderings, so content negotiation
always picks JSON (for errors) and `format` is read here.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from digitalagentur.public import opendata, opendata_files

from .views import RegionAPIMixin

LICENCE_SCHEMA = {
    "type": "object",
    "properties": {"name": {"type": "string"}, "url": {"type": "string", "format": "uri"}},
    "required": ["name", "url"],
}
COLUMN_SCHEMA = {
    "type": "object",
    "properties": {"key": {"type": "string"}, "description": {"type": "string"}},
    "required": ["key", "description"],
}
DOWNLOADS_SCHEMA = {
    "type": "object",
    "properties": {fmt: {"type": "string", "format": "uri"} for fmt in opendata.FORMATS},
    "required": list(opendata.FORMATS),
}
LIST_SCHEMA = {
    "type": "object",
    "properties": {
        "license": LICENCE_SCHEMA,
        "datasets": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "key": {"type": "string", "enum": list(opendata.DATASETS)},
                    "title": {"type": "string"},
                    "description": {"type": "string"},
                    "rows": {"type": "integer", "minimum": 0},
                    "last_change": {"type": "string", "format": "date-time", "nullable": True},
                    "columns": {"type": "array", "items": COLUMN_SCHEMA},
                    "api": DOWNLOADS_SCHEMA,
                    "downloads": DOWNLOADS_SCHEMA,
                },
                "required": [
                    "key",
                    "title",
                    "description",
                    "rows",
                    "last_change",
                    "columns",
                    "api",
                    "downloads",
                ],
            },
        },
    },
    "required": ["license", "datasets"],
}
FILE_SCHEMA = {
    "type": "object",
    "properties": {
        "license": LICENCE_SCHEMA,
        "dataset": {
            "type": "object",
            "properties": {
                "key": {"type": "string"},
                "title": {"type": "string"},
                "description": {"type": "string"},
                "region": {"type": "string"},
                "columns": {"type": "array", "items": COLUMN_SCHEMA},
                "source": {"type": "string", "format": "uri"},
                "generated": {"type": "string", "format": "date-time"},
            },
            "required": ["key", "title", "columns", "source", "generated"],
        },
        "items": {
            "type": "array",
            "items": {"type": "object", "additionalProperties": True},
        },
    },
    "required": ["license", "dataset", "items"],
}


class JSONErrors(BaseContentNegotiation):
    """Always JSON: the files are plain Django answers, only errors are rendered by DRF."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class OpenDataView(RegionAPIMixin, APIView):
    renderer_classes = [JSONRenderer]
    content_negotiation_class = JSONErrors

    def base_url(self) -> str:
        return self.request.build_absolute_uri("/")[:-1]


class OpenDataListView(OpenDataView):
    @extend_schema(
        operation_id="v1_opendata_list",
        summary=_("Offene Daten: Datensätze"),
        description=_(
            "Die Datensätze der Seite „Offene Daten“ mit Zeilenzahl, letzter Änderung, Spalten, "
            "Lizenz und den Adressen ihrer Dateien."
        ),
        responses={200: LIST_SCHEMA},
    )
    def get(self, request):
        base_url = self.base_url()
        datasets = []
        for item in opendata.listings(self.region, base_url):
            dataset = item.dataset
            api = base_url + reverse("api-opendata-dataset", args=[dataset.key])
            last = item.stats.last_change
            datasets.append(
                {
                    "key": dataset.key,
                    "title": str(dataset.title),
                    "description": str(dataset.description),
                    "rows": item.stats.rows,
                    "last_change": opendata_files.json_value(last) if last else None,
                    "columns": dataset.meta(self.region)["columns"],
                    "api": {fmt: f"{api}?format={fmt}" for fmt in opendata.FORMATS},
                    "downloads": item.downloads,
                }
            )
        return Response({"license": opendata.licence(), "datasets": datasets})


class OpenDataDatasetView(OpenDataView):
    @extend_schema(
        operation_id="v1_opendata_dataset",
        summary=_("Offene Daten: ein Datensatz als Datei"),
        description=_(
            "Der Datensatz als JSON (Voreinstellung) oder CSV (beide gestreamt) oder als "
            "Excel-Tabelle (XLSX). JSON nennt die Lizenz im Feld „license“, CSV im Kopf "
            "„Link“ (rel=license)."
        ),
        parameters=[
            OpenApiParameter(
                "dataset",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                enum=list(opendata.DATASETS),
                description=_("Der Datensatz"),
            ),
            OpenApiParameter(
                "format",
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                enum=list(opendata.FORMATS),
                description=_("Dateiformat (ohne Angabe: json)"),
            ),
        ],
        responses={
            (200, "application/json"): FILE_SCHEMA,
            (200, "text/csv"): {"type": "string"},
            (200, opendata_files.CONTENT_TYPES["xlsx"]): {"type": "string", "format": "binary"},
        },
    )
    def get(self, request, dataset):
        found = opendata.DATASETS.get(dataset)
        if found is None:
            raise NotFound(_("Diesen Datensatz gibt es nicht."))
        fmt = request.query_params.get("format") or "json"
        if fmt not in opendata.FORMATS:
            raise ValidationError(
                {"format": [_("Wählen Sie json, csv oder xlsx.")]}, code="invalid"
            )
        return opendata_files.file_response(found, self.region, fmt, self.base_url())
