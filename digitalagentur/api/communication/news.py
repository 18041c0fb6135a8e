"""News posts through the API (issue 13, section 3), read only.

- GET /api/v1/news/: the region's published posts, the newest first, with `id`, `slug`,
  `title`, `teaser`, `body_html` (the text formatted and cleaned, core/formatting.py),
  `published` (ISO 8601 with offset, Europe/Berlin), `fields` and `municipalities` (slugs),
  `url` (the public page) and `image_url` (null without an image). Paginated like every list.
- GET /api/v1/news/<id>/: one post.

Drafts and scheduled posts do not exist here, for staff neither (communication.news
.public_posts): what the API shows is what the website shows.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets

from digitalagentur.communication.models import NewsPost
from digitalagentur.communication.news import public_posts, with_tags
from digitalagentur.core.formatting import markdown_html

from ..views import RegionAPIMixin
from .serializers import AwareDateTimeField


class NewsPostSerializer(serializers.ModelSerializer):
    body_html = serializers.SerializerMethodField(
        help_text=_("Der Text als HTML (nur p, br, strong, em, ul, ol, li, a, h3, h4, blockquote)")
    )
    published = AwareDateTimeField(source="publish_at", read_only=True)
    # Not get_fields: that name is the serializer's own method.
    fields = serializers.SerializerMethodField(
        method_name="field_slugs", help_text=_("Handlungsfelder (Kürzel)")
    )
    municipalities = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    url = serializers.SerializerMethodField(help_text=_("Die öffentliche Seite des Beitrags"))
    image_url = serializers.SerializerMethodField(help_text=_("Das Bild; null ohne Bild"))

    class Meta:
        model = NewsPost
        fields = [
            "id",
            "slug",
            "title",
            "teaser",
            "body_html",
            "published",
            "fields",
            "municipalities",
            "url",
            "image_url",
        ]

    def _absolute(self, path: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path

    def get_body_html(self, post) -> str:
        return markdown_html(post.body)

    def field_slugs(self, post) -> list[str]:
        return [field.slug for field in post.public_fields]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, post) -> str:
        return self._absolute(reverse("public:news_detail", args=[post.slug]))

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_image_url(self, post) -> str | None:
        if not post.has_image:
            return None
        path = reverse("public:news_image", args=[post.slug])
        return self._absolute(f"{path}?v={post.image_hash[:16]}")


@extend_schema_view(
    list=extend_schema(summary=_("Veröffentlichte Neuigkeiten der Region, die neueste zuerst")),
    retrieve=extend_schema(summary=_("Eine Neuigkeit")),
)
class NewsViewSet(RegionAPIMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = NewsPostSerializer
    filter_backends = []

    def get_queryset(self):
        if self.is_schema_view or self.region is None:
            return NewsPost.objects.none()
        return with_tags(public_posts(self.region))
