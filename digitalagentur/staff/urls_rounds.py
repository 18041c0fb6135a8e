"""Assessment rounds in the staff area (issue 9 §2, §3, §3a), mounted at
/intern/bedarfsanalyse/runden/: views/assessment_rounds.py, views/assessment_round_results.py and
views/assessment_answer.py."""

from django.urls import path

from .views import assessment_answer as answer
from .views import assessment_links as links
from .views import assessment_round_results as results
from .views import assessment_rounds as rounds

urlpatterns = [
    path("", rounds.RoundList.as_view(), name="round_list"),
    path("neu/", rounds.RoundCreate.as_view(), name="round_create"),
    # Change-log links by number (redirects to the pages by slug).
    path("nr/<int:pk>/", links.RoundRedirect.as_view(), name="round_by_pk"),
    path("antworten/<int:pk>/", links.ResponseRedirect.as_view(), name="round_response"),
    path("abweichungen/<int:pk>/", links.OverrideRedirect.as_view(), name="round_groupoverride"),
    path("<slug:slug>/", rounds.RoundDetail.as_view(), name="round_detail"),
    path("<slug:slug>/bearbeiten/", rounds.RoundEdit.as_view(), name="round_edit"),
    path("<slug:slug>/loeschen/", rounds.RoundDelete.as_view(), name="round_delete"),
    path(
        "<slug:slug>/veroeffentlichen/",
        rounds.RoundPublish.as_view(publish=True),
        name="round_publish",
    ),
    path(
        "<slug:slug>/zurueckziehen/",
        rounds.RoundPublish.as_view(publish=False),
        name="round_unpublish",
    ),
    path("<slug:slug>/erinnerung/", rounds.RoundRemind.as_view(), name="round_remind"),
    path("<slug:slug>/antwort/<slug:town>/", answer.RoundAnswer.as_view(), name="round_answer"),
    path(
        "<slug:slug>/antwort/<slug:town>/stand/<int:number>/",
        answer.ResponseRevisionPage.as_view(),
        name="round_answer_revision",
    ),
    path("<slug:slug>/ergebnisse/", results.RoundResults.as_view(), name="round_results"),
    path(
        "<slug:slug>/ergebnisse/ergebnisse.csv",
        results.ResultsCsv.as_view(),
        name="round_results_csv",
    ),
    path(
        "<slug:slug>/ergebnisse/abweichung/<int:field>/",
        results.OverrideSet.as_view(),
        name="round_override",
    ),
    path(
        "<slug:slug>/ergebnisse/abweichung/<int:field>/aufheben/",
        results.OverrideClear.as_view(),
        name="round_override_clear",
    ),
    path(
        "<slug:slug>/ergebnisse/uebernehmen/",
        results.RoundApply.as_view(),
        name="round_apply",
    ),
]
