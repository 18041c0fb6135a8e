"""staff/urls_surveys routes (issue 9): citizen surveys under /intern/umfragen/."""

from django.urls import path, re_path

from .views import surveys

urlpatterns = [
    path("", surveys.SurveyList.as_view(), name="survey_list"),
    path("neu/", surveys.SurveyCreate.as_view(), name="survey_create"),
    path("<int:pk>/bearbeiten/", surveys.SurveyEdit.as_view(), name="survey_edit"),
    path("<int:pk>/loeschen/", surveys.SurveyDelete.as_view(), name="survey_delete"),
    path("<int:pk>/", surveys.SurveyResults.as_view(), name="survey_results"),
    re_path(
        r"^(?P<pk>[0-9]+)/antworten\.(?P<fmt>csv|xlsx)$",
        surveys.SurveyExport.as_view(),
        name="survey_export",
    ),
]
