"""Landräume routes (issue 11): the secret calendar feeds, in the `public` namespace."""

from django.urls import path

from . import spaces_feeds

urlpatterns = [
    path("raum/<str:token>.ics", spaces_feeds.space_feed, name="spaces_space_feed"),
    path("ich/<str:token>.ics", spaces_feeds.user_feed, name="spaces_user_feed"),
]
