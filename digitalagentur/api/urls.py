"""API routes: v1 endpoints, the OpenAPI 3 schema and the self-hosted Swagger UI."""

from django.http import JsonResponse
from django.urls import include, path, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from . import (
    assessment,
    communication,
    funding,
    funding_matching,
    indicators,
    network,
    opendata,
    participation,
    radar,
    spaces,
    urls_assessment,
    views,
)
from .library import DocumentViewSet


class Router(DefaultRouter):
    include_format_suffixes = False


router = Router()
router.register("posts", network.PostViewSet, basename="api-post")
router.register("documents", DocumentViewSet, basename="api-document")
router.register("fields", views.FieldViewSet, basename="api-field")
router.register("municipalities", views.MunicipalityViewSet, basename="api-municipality")
router.register("projects", views.ProjectViewSet, basename="api-project")
router.register("indicators", indicators.IndicatorViewSet, basename="api-indicator")
router.register(
    r"indicators/(?P<indicator_id>[^/.]+)/values",
    indicators.IndicatorValueViewSet,
    basename="api-indicator-value",
)
router.register(
    r"indicators/(?P<indicator_id>[^/.]+)/targets",
    indicators.IndicatorTargetViewSet,
    basename="api-indicator-target",
)
router.register("funding/programmes", funding.ProgrammeViewSet, basename="api-funding-programme")
router.register(
    "funding/applications", funding.ApplicationViewSet, basename="api-funding-application"
)
router.register(
    r"funding/applications/(?P<application_slug>[-a-zA-Z0-9_]+)/subprojects",
    funding.SubProjectViewSet,
    basename="api-funding-subproject",
)
router.register(
    r"funding/applications/(?P<application_slug>[-a-zA-Z0-9_]+)/lines",
    funding.BudgetLineViewSet,
    basename="api-funding-budgetline",
)
router.register("spaces", spaces.SpaceViewSet, basename="api-space")
router.register("bookings", spaces.BookingViewSet, basename="api-booking")
router.register("ideas", participation.IdeaViewSet, basename="api-idea")
router.register("competitions", participation.CompetitionViewSet, basename="api-competition")
router.register("events", communication.EventViewSet, basename="api-event")
router.register("news", communication.NewsViewSet, basename="api-news")
router.register("radars", radar.RadarViewSet, basename="api-radar")
router.register(
    r"radars/(?P<radar_id>[^/.]+)/entries", radar.RadarEntryViewSet, basename="api-radar-entry"
)
router.register("strategy/versions", views.StrategyVersionViewSet, basename="api-strategy-version")


@csrf_exempt  # it changes nothing; a write to an unknown path is a JSON 404, not a CSRF page
def not_found(request, *args, **kwargs):
    """Unknown API paths (e.g. /api/v1/projects/1.5/) answer JSON, not an HTML page."""
    return JsonResponse({"detail": _("Nicht gefunden.")}, status=404)


urlpatterns = [
    path("v1/strategy/", views.StrategyView.as_view(), name="api-strategy"),
    path(
        "v1/funding/preview/",
        funding.FundingPreviewView.as_view(),
        name="api-funding-preview",
    ),
    path(
        "v1/assessment/consolidate/",
        assessment.AssessmentConsolidateView.as_view(),
        name="api-assessment-consolidate",
    ),
    path(
        "v1/funding/programmes/<str:slug>/matches/",
        funding_matching.ProgrammeMatchViewSet.as_view({"get": "list"}),
        name="api-funding-programme-matches",
    ),
    path(
        "v1/projects/<str:id>/funding-matches/",
        funding_matching.ProjectMatchViewSet.as_view({"get": "list"}),
        name="api-project-funding-matches",
    ),
    path("v1/assessment/", include(urls_assessment)),
    path(
        "v1/newsletter/segments/",
        communication.NewsletterSegmentsView.as_view(),
        name="api-newsletter-segments",
    ),
    path(
        "v1/newsletter/subscribe/",
        communication.NewsletterSubscribeView.as_view(),
        name="api-newsletter-subscribe",
    ),
    path("v1/opendata/", opendata.OpenDataListView.as_view(), name="api-opendata"),
    path(
        "v1/opendata/<str:dataset>/",
        opendata.OpenDataDatasetView.as_view(),
        name="api-opendata-dataset",
    ),
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    re_path(r"^v1/", not_found),
]
