"""public/urls_assessment routes (issue 9): the published assessment rounds, mounted at
/bedarfsanalyse/ (public/assessment.py)."""

from django.urls import path

from . import assessment

urlpatterns = [
    path("", assessment.assessment_list, name="assessment_list"),
    path("<slug:slug>/", assessment.assessment_round, name="assessment_round"),
    path("<slug:slug>/matrix.svg", assessment.assessment_matrix_svg, name="assessment_matrix_svg"),
    path(
        "<slug:slug>/ergebnisse.csv",
        assessment.assessment_results_csv,
        name="assessment_results_csv",
    ),
    path(
        "<slug:slug>/<slug:town_slug>/",
        assessment.assessment_round_town,
        name="assessment_round_town",
    ),
    path(
        "<slug:slug>/<slug:town_slug>/matrix.svg",
        assessment.assessment_matrix_svg,
        name="assessment_matrix_svg",
    ),
    path(
        "<slug:slug>/<slug:town_slug>/ergebnisse.csv",
        assessment.assessment_results_csv,
        name="assessment_results_csv",
    ),
]
