"""Staff resources through the API (issue 14, section 3), read-only and internal: only
authenticated users with a role in the request's region (401 without credentials, 403
otherwise).

- GET /api/v1/posts/: `id`, `municipality` (the town's slug; null at the district level),
  `title`, `planned_fte`, `filled_fte` (decimal strings), `vacant` (a vacancy open today) and
  `holder` (the holder's name or null). Paginated like every list.
- GET /api/v1/posts/staffing/: the figures of network/staffing.py as of today: one line per
  town (every town of the region) and the district (`municipality` null), with `planned_fte`,
  `filled_fte` (a vacant post counts 0), `recommendation`, `gap`, `met`, and the totals.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from digitalagentur.network import rules, services
from digitalagentur.network.models import Post
from digitalagentur.tenancy.models import Municipality

from .permissions import is_authenticated, request_access
from .views import RegionAPIMixin


class StaffReadPermission(BasePermission):
    """The posts are internal: a role in the region is needed even to read them."""

    message = gettext_lazy("Die Stellen sehen nur Mitarbeitende der Region.")

    def has_permission(self, request, view):
        if not is_authenticated(request):
            return False  # DRF answers 401 when no credentials were sent
        return rules.can_read_posts(request_access(request, view))


class PostSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    vacant = serializers.BooleanField(
        read_only=True, help_text=gettext_lazy("Heute vakant (zählt als unbesetzt)")
    )
    holder = serializers.CharField(source="holder.name", read_only=True, allow_null=True)

    class Meta:
        model = Post
        fields = ["id", "municipality", "title", "planned_fte", "filled_fte", "vacant", "holder"]


FIGURES = {
    "posts": serializers.IntegerField(),
    "vacant_posts": serializers.IntegerField(),
    "planned_fte": serializers.DecimalField(max_digits=8, decimal_places=2),
    "filled_fte": serializers.DecimalField(max_digits=8, decimal_places=2),
    "recommendation": serializers.DecimalField(max_digits=8, decimal_places=2),
    "gap": serializers.DecimalField(max_digits=8, decimal_places=2),
}
LINE_FIELDS = {
    "municipality": serializers.CharField(allow_null=True),
    "name": serializers.CharField(),
    **FIGURES,
    "met": serializers.BooleanField(),
}
STAFFING = inline_serializer(
    "Staffing",
    {
        "date": serializers.DateField(),
        "town_recommendation": serializers.DecimalField(max_digits=8, decimal_places=2),
        "district_recommendation": serializers.DecimalField(max_digits=8, decimal_places=2),
        "lines": inline_serializer("StaffingLine", LINE_FIELDS, many=True),
        "totals": inline_serializer(
            "StaffingTotals", {**FIGURES, "met_count": serializers.IntegerField()}
        ),
    },
)


def amount(value) -> str:
    return f"{value:.2f}"


# Internal: without credentials 401, without a role in the region 403.
READ_ERRORS = {
    401: OpenApiResponse(description=gettext_lazy("Keine Anmeldedaten")),
    403: OpenApiResponse(description=gettext_lazy("Keine Berechtigung")),
}


@extend_schema_view(
    list=extend_schema(
        summary=gettext_lazy("Stellen der Region (intern)"),
        responses={200: PostSerializer(many=True), **READ_ERRORS},
    )
)
class PostViewSet(RegionAPIMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = PostSerializer
    permission_classes = [StaffReadPermission]
    filter_backends = []

    def get_queryset(self):
        if self.is_schema_view or self.region is None:
            return Post.objects.none()
        return services.posts_with_state(self.region)

    @extend_schema(
        summary=gettext_lazy("Stellenanteile je Kommune und Kreisebene gegen die Empfehlung"),
        responses={200: STAFFING, **READ_ERRORS},
    )
    @action(detail=False, methods=["get"], url_path="staffing", pagination_class=None)
    def staffing(self, request):
        today = timezone.localdate()
        figures = services.region_staffing(self.region, today)
        slugs = dict(Municipality.objects.filter(region=self.region).values_list("pk", "slug"))

        def line(item) -> dict:
            return {
                "municipality": None if item.is_district else slugs[item.key],
                "name": item.name,
                "posts": item.posts,
                "vacant_posts": item.vacant_posts,
                "planned_fte": amount(item.planned),
                "filled_fte": amount(item.filled),
                "recommendation": amount(item.recommendation),
                "gap": amount(item.gap),
                "met": item.met,
            }

        return Response(
            {
                "date": today.isoformat(),
                "town_recommendation": amount(figures.town_recommendation),
                "district_recommendation": amount(figures.district_recommendation),
                "lines": [line(item) for item in figures.lines],
                "totals": {
                    "posts": figures.posts,
                    "vacant_posts": figures.vacant_posts,
                    "planned_fte": amount(figures.planned),
                    "filled_fte": amount(figures.filled),
                    "recommendation": amount(figures.recommendation),
                    "gap": amount(figures.gap),
                    "met_count": figures.met_count,
                },
            }
        )
