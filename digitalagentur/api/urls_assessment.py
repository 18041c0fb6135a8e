"""api/urls_assessment routes (issue 9): stored assessment rounds, read-only."""

from django.urls import path

from . import assessment_rounds

urlpatterns = [
    path("rounds/", assessment_rounds.RoundListView.as_view(), name="api-assessment-rounds"),
    path(
        "rounds/<str:round>/results/",
        assessment_rounds.RoundResultsView.as_view(),
        name="api-assessment-round-results",
    ),
]
