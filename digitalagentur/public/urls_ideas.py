"""Idea routes (issue 12), in the `public` namespace, under /ideen/: the list, submitting,
an idea's page with its image, support, comments and reports, the suggestions while typing
a title, and the Atom feeds (public/ideas.py, ideas_actions.py, ideas_feeds.py)."""

from django.urls import path

from . import ideas, ideas_actions, ideas_feeds

urlpatterns = [
    path("", ideas.idea_list, name="ideas"),
    path("neu/", ideas_actions.idea_new, name="idea_new"),
    path("aehnliche/", ideas.idea_similar, name="idea_similar"),
    path("feed/", ideas_feeds.IdeasFeed(), name="ideas_feed"),
    path("feed/antworten/", ideas_feeds.IdeaAnswersFeed(), name="ideas_answers_feed"),
    path("<int:pk>/", ideas.idea_detail, name="idea"),
    path("<int:pk>/bild/", ideas.idea_image, name="idea_image"),
    path("<int:pk>/unterstuetzen/", ideas_actions.idea_support, name="idea_support"),
    path("<int:pk>/kommentare/", ideas_actions.idea_comment, name="idea_comment"),
    path(
        "kommentare/<int:pk>/melden/",
        ideas_actions.idea_comment_report,
        name="idea_comment_report",
    ),
]
