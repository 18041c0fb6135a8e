"""staff/urls_assessment routes (issue 9): the questionnaire builder under /intern/bedarfsanalyse/.

Paths start with a fixed word ("fragebogen", "abschnitte", ...) so that they never catch the
rounds mounted at /intern/bedarfsanalyse/runden/.
"""

from django.urls import path

from .views import assessment_builder as b

urlpatterns = [
    path("", b.QuestionnaireList.as_view(), name="questionnaire_list"),
    path("fragebogen/neu/", b.QuestionnaireCreate.as_view(), name="questionnaire_create"),
    path("fragebogen/<int:pk>/", b.QuestionnaireDetail.as_view(), name="questionnaire_detail"),
    path(
        "fragebogen/<int:pk>/bearbeiten/",
        b.QuestionnaireEdit.as_view(),
        name="questionnaire_edit",
    ),
    path(
        "fragebogen/<int:pk>/loeschen/",
        b.QuestionnaireDelete.as_view(),
        name="questionnaire_delete",
    ),
    path(
        "fragebogen/<int:pk>/vorschau/",
        b.QuestionnairePreview.as_view(),
        name="questionnaire_preview",
    ),
    path(
        "fragebogen/<int:pk>/kopieren/",
        b.QuestionnaireCopy.as_view(),
        name="questionnaire_copy",
    ),
    path(
        "fragebogen/<int:pk>/abschnitte/neu/",
        b.SectionCreate.as_view(),
        name="questionnaire_section_create",
    ),
    # Own addresses of sections, criteria and questions (change-log links): redirects to the
    # questionnaire's builder page, at the object.
    path("abschnitte/<int:pk>/", b.SectionRedirect.as_view(), name="questionnaire_section"),
    path("kriterien/<int:pk>/", b.CriterionRedirect.as_view(), name="questionnaire_criterion"),
    path("fragen/<int:pk>/", b.QuestionRedirect.as_view(), name="questionnaire_question"),
    path(
        "abschnitte/<int:pk>/bearbeiten/",
        b.SectionEdit.as_view(),
        name="questionnaire_section_edit",
    ),
    path(
        "abschnitte/<int:pk>/loeschen/",
        b.SectionDelete.as_view(),
        name="questionnaire_section_delete",
    ),
    path(
        "abschnitte/<int:pk>/verschieben/",
        b.SectionMove.as_view(),
        name="questionnaire_section_move",
    ),
    path(
        "fragebogen/<int:pk>/kriterien/neu/",
        b.CriterionCreate.as_view(),
        name="questionnaire_criterion_create",
    ),
    path(
        "kriterien/<int:pk>/bearbeiten/",
        b.CriterionEdit.as_view(),
        name="questionnaire_criterion_edit",
    ),
    path(
        "kriterien/<int:pk>/loeschen/",
        b.CriterionDelete.as_view(),
        name="questionnaire_criterion_delete",
    ),
    path(
        "kriterien/<int:pk>/verschieben/",
        b.CriterionMove.as_view(),
        name="questionnaire_criterion_move",
    ),
    path(
        "fragebogen/<int:pk>/fragen/neu/",
        b.QuestionCreate.as_view(),
        name="questionnaire_question_create",
    ),
    path(
        "fragen/<int:pk>/bearbeiten/",
        b.QuestionEdit.as_view(),
        name="questionnaire_question_edit",
    ),
    path(
        "fragen/<int:pk>/loeschen/",
        b.QuestionDelete.as_view(),
        name="questionnaire_question_delete",
    ),
    path(
        "fragen/<int:pk>/verschieben/",
        b.QuestionMove.as_view(),
        name="questionnaire_question_move",
    ),
]
