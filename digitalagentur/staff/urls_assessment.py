"""staff/urls_assessment routes (issue 9): the questionnaire builder under /intern/bedarfsanalyse/
(views/assessment_questionnaires.py and views/assessment_questionnaire_parts.py).

Paths start with a fixed word ("fragebogen", "abschnitte", ...) so that they never catch the
rounds mounted at /intern/bedarfsanalyse/runden/.
"""

from django.urls import path

from .views import assessment_questionnaire_parts as parts
from .views import assessment_questionnaires as q

urlpatterns = [
    path("", q.QuestionnaireList.as_view(), name="questionnaire_list"),
    path("fragebogen/neu/", q.QuestionnaireCreate.as_view(), name="questionnaire_create"),
    path("fragebogen/<int:pk>/", q.QuestionnaireDetail.as_view(), name="questionnaire_detail"),
    path(
        "fragebogen/<int:pk>/bearbeiten/",
        q.QuestionnaireEdit.as_view(),
        name="questionnaire_edit",
    ),
    path(
        "fragebogen/<int:pk>/loeschen/",
        q.QuestionnaireDelete.as_view(),
        name="questionnaire_delete",
    ),
    path(
        "fragebogen/<int:pk>/vorschau/",
        q.QuestionnairePreview.as_view(),
        name="questionnaire_preview",
    ),
    path(
        "fragebogen/<int:pk>/kopieren/",
        q.QuestionnaireCopy.as_view(),
        name="questionnaire_copy",
    ),
    path(
        "fragebogen/<int:pk>/abschnitte/neu/",
        parts.SectionCreate.as_view(),
        name="questionnaire_section_create",
    ),
    # Own addresses of sections, criteria and questions (change-log links): redirects to the
    # questionnaire's builder page, at the object.
    path("abschnitte/<int:pk>/", parts.SectionRedirect.as_view(), name="questionnaire_section"),
    path("kriterien/<int:pk>/", parts.CriterionRedirect.as_view(), name="questionnaire_criterion"),
    path("fragen/<int:pk>/", parts.QuestionRedirect.as_view(), name="questionnaire_question"),
    path(
        "abschnitte/<int:pk>/bearbeiten/",
        parts.SectionEdit.as_view(),
        name="questionnaire_section_edit",
    ),
    path(
        "abschnitte/<int:pk>/loeschen/",
        parts.SectionDelete.as_view(),
        name="questionnaire_section_delete",
    ),
    path(
        "abschnitte/<int:pk>/verschieben/",
        parts.SectionMove.as_view(),
        name="questionnaire_section_move",
    ),
    path(
        "fragebogen/<int:pk>/kriterien/neu/",
        parts.CriterionCreate.as_view(),
        name="questionnaire_criterion_create",
    ),
    path(
        "kriterien/<int:pk>/bearbeiten/",
        parts.CriterionEdit.as_view(),
        name="questionnaire_criterion_edit",
    ),
    path(
        "kriterien/<int:pk>/loeschen/",
        parts.CriterionDelete.as_view(),
        name="questionnaire_criterion_delete",
    ),
    path(
        "kriterien/<int:pk>/verschieben/",
        parts.CriterionMove.as_view(),
        name="questionnaire_criterion_move",
    ),
    path(
        "fragebogen/<int:pk>/fragen/neu/",
        parts.QuestionCreate.as_view(),
        name="questionnaire_question_create",
    ),
    path(
        "fragen/<int:pk>/bearbeiten/",
        parts.QuestionEdit.as_view(),
        name="questionnaire_question_edit",
    ),
    path(
        "fragen/<int:pk>/loeschen/",
        parts.QuestionDelete.as_view(),
        name="questionnaire_question_delete",
    ),
    path(
        "fragen/<int:pk>/verschieben/",
        parts.QuestionMove.as_view(),
        name="questionnaire_question_move",
    ),
]
