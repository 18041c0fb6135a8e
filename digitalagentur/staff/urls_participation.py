"""Participation in the staff area (issue 12), mounted at /intern/beteiligung/: the moderation
of ideas and comments (coordination and officers) and the competitions (coordination)."""

from django.urls import path

from .views import participation as p
from .views import participation_actions as a
from .views import participation_competitions as c
from .views import participation_parts as parts

idea = "ideen/<int:pk>"
comment = "kommentare/<int:pk>"
competition = "wettbewerbe/<int:pk>"

urlpatterns = [
    # Ideas: the queue, an idea's page and its actions
    path("", p.IdeasQueue.as_view(), name="ideas_queue"),
    path(f"{idea}/", p.IdeaModerate.as_view(), name="idea_moderate"),
    path(f"{idea}/status/<slug:status>/", a.IdeaStatusMove.as_view(), name="idea_status"),
    path(f"{idea}/bearbeiten/", a.IdeaEdit.as_view(), name="idea_moderation_edit"),
    path(f"{idea}/zusammenfuehren/", a.IdeaMerge.as_view(), name="idea_merge"),
    path(f"{idea}/in-die-strategie/", a.IdeaAdopt.as_view(), name="idea_adopt"),
    # Comments: the reported ones, hiding, showing, dismissing reports
    path("kommentare/", a.ReportedComments.as_view(), name="idea_comments_reported"),
    path(f"{comment}/", parts.CommentRedirect.as_view(), name="idea_comment"),
    path(f"{comment}/ausblenden/", a.CommentHide.as_view(), name="idea_comment_hide"),
    path(f"{comment}/einblenden/", a.CommentShow.as_view(), name="idea_comment_show"),
    path(f"{comment}/erledigt/", a.CommentDismiss.as_view(), name="idea_comment_dismiss"),
    # Competitions (coordination)
    path("wettbewerbe/", c.CompetitionList.as_view(), name="competition_list"),
    path("wettbewerbe/neu/", c.CompetitionCreate.as_view(), name="competition_create"),
    path(f"{competition}/", c.CompetitionDetail.as_view(), name="competition_detail"),
    path(f"{competition}/bearbeiten/", c.CompetitionEdit.as_view(), name="competition_edit"),
    path(
        f"{competition}/einreichungen/",
        c.SubmissionList.as_view(),
        name="competition_submissions",
    ),
    path(f"{competition}/rangliste/", c.Ranking.as_view(), name="competition_ranking"),
    path(
        f"{competition}/ergebnis-veroeffentlichen/",
        c.PublishResult.as_view(),
        name="competition_publish_result",
    ),
    path(
        f"{competition}/kriterien/neu/",
        parts.CriterionCreate.as_view(),
        name="competition_criterion_create",
    ),
    path(
        "wettbewerbe/kriterien/<int:pk>/bearbeiten/",
        parts.CriterionEdit.as_view(),
        name="competition_criterion_edit",
    ),
    path(
        "wettbewerbe/kriterien/<int:pk>/loeschen/",
        parts.CriterionDelete.as_view(),
        name="competition_criterion_delete",
    ),
    path(
        f"{competition}/preise/neu/",
        parts.PrizeCreate.as_view(),
        name="competition_prize_create",
    ),
    path(
        "wettbewerbe/preise/<int:pk>/bearbeiten/",
        parts.PrizeEdit.as_view(),
        name="competition_prize_edit",
    ),
    path(
        "wettbewerbe/preise/<int:pk>/loeschen/",
        parts.PrizeDelete.as_view(),
        name="competition_prize_delete",
    ),
    path(
        "wettbewerbe/jury/<int:pk>/entfernen/",
        parts.JurorRemove.as_view(),
        name="competition_juror_remove",
    ),
    # Change-log addresses (staff/links.py): redirects to the page showing the object.
    path(
        "wettbewerbe/kriterien/<int:pk>/",
        parts.CriterionRedirect.as_view(),
        name="competition_criterion",
    ),
    path("wettbewerbe/preise/<int:pk>/", parts.PrizeRedirect.as_view(), name="competition_prize"),
    path("wettbewerbe/jury/<int:pk>/", parts.JurorRedirect.as_view(), name="competition_juror"),
    path(
        "wettbewerbe/einreichungen/<int:pk>/",
        parts.SubmissionRedirect.as_view(),
        name="competition_submission",
    ),
    path(
        "wettbewerbe/bewertungen/<int:pk>/",
        parts.ScoreRedirect.as_view(),
        name="competition_score",
    ),
    path(
        "wettbewerbe/befangenheiten/<int:pk>/",
        parts.ConflictRedirect.as_view(),
        name="competition_conflict",
    ),
]
