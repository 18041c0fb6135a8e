"""public/urls_surveys routes (issue 9): citizen surveys under /umfragen/."""

from django.urls import path

from . import surveys

urlpatterns = [
    path("", surveys.survey_list, name="survey_list"),
    path("<slug:slug>/", surveys.survey_detail, name="survey_detail"),
    path("<slug:slug>/danke/", surveys.survey_thanks, name="survey_thanks"),
    path(
        "<slug:slug>/bestaetigen/<str:token>/",
        surveys.survey_confirm,
        name="survey_confirm",
    ),
    path("<slug:slug>/ergebnisse/", surveys.survey_results, name="survey_results"),
]
