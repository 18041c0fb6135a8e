"""The document library through the API (issue 14, section 2).

- GET /api/v1/documents/[?q=...&kind=...]: `id`, `title`, `description`, `kind`,
  `visibility`, `tags` (names), `fields` and `municipalities` (ids), `project` (id; for the
  public only a published project), `current_version` (`number`, `filename`,
  `content_type`, `size`, `sha256`, `uploaded_at`, `download_url`). Public documents for
  everybody; the region's staff also see internal ones (their download address is then the
  staff area's). `q` searches in German (library/search.py). Paginated like every list.
- GET /api/v1/documents/<id>/: one of them; an internal document is not found for the public.
Read-only: uploads go through the staff area, whose forms take files.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer

from digitalagentur.library import rules
from digitalagentur.library.choices import DocumentKind
from digitalagentur.library.models import Document, DocumentVersion
from digitalagentur.library.search import search_documents

from .opendata import JSONErrors
from .views import RegionAPIMixin


class DocumentVersionSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField(
        help_text=gettext_lazy("Adresse der Datei (für die Öffentlichkeit: die öffentliche)")
    )

    class Meta:
        model = DocumentVersion
        fields = ["number", "filename", "content_type", "size", "sha256", "uploaded_at"]
        fields += ["download_url"]

    def get_download_url(self, version) -> str:
        document = self.context["document"]
        name = "public:library_download"
        if not document.is_public:
            name = "staff:library_download"
        return self.context["request"].build_absolute_uri(
            reverse(name, args=[document.pk, version.pk])
        )


class DocumentSerializer(serializers.ModelSerializer):
    tags = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    fields = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    municipalities = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    project = serializers.SerializerMethodField(
        help_text=gettext_lazy("Das Projekt (für die Öffentlichkeit nur ein veröffentlichtes)")
    )
    current_version = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = [
            "id",
            "title",
            "description",
            "kind",
            "visibility",
            "tags",
            "fields",
            "municipalities",
            "project",
            "current_version",
        ]

    def get_project(self, document) -> int | None:
        project = document.project
        if project is None:
            return None
        if not project.published and not self.context["access"].can_read_internal:
            return None
        return project.pk

    @extend_schema_field(DocumentVersionSerializer(allow_null=True))
    def get_current_version(self, document):
        version = document.current_version
        if version is None:
            return None
        context = {**self.context, "document": document}
        return DocumentVersionSerializer(version, context=context).data


@extend_schema_view(
    list=extend_schema(
        summary=gettext_lazy("Dokumente der Region"),
        parameters=[
            OpenApiParameter(
                "q",
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                description=gettext_lazy("Suchbegriffe (alle müssen vorkommen)"),
            ),
            OpenApiParameter(
                "kind",
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                enum=list(DocumentKind.values),
                description=gettext_lazy("Art des Dokuments"),
            ),
        ],
    ),
    retrieve=extend_schema(summary=gettext_lazy("Ein Dokument")),
)
class DocumentViewSet(RegionAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Public documents for everybody; internal ones too for the region's staff."""

    serializer_class = DocumentSerializer
    renderer_classes = [JSONRenderer]
    content_negotiation_class = JSONErrors
    filter_backends = []

    def get_queryset(self):
        if self.is_schema_view or self.region is None:
            return Document.objects.none()
        documents = rules.visible_documents(self.access, Document.objects.all())
        if self.action == "list":
            kind = self.request.query_params.get("kind")
            if kind not in (None, ""):
                if kind not in DocumentKind.values:
                    raise ValidationError(
                        {
                            "kind": [
                                _("Bitte wählen Sie %(choices)s.")
                                % {"choices": ", ".join(DocumentKind.values)}
                            ]
                        }
                    )
                documents = documents.filter(kind=kind)
            text = self.request.query_params.get("q")
            if text:
                documents = search_documents(documents, text[:200])
        return (
            documents.select_related("current_version", "project")
            .prefetch_related(
                Prefetch("tags"),
                "fields",
                "municipalities",
            )
            .order_by("title", "pk")
        )
