"""News routes (issue 13, section 3), in the `public` namespace, under /neuigkeiten/: the
list, the Atom feed, a post's page and its image (public/news.py). The feed comes before the
<slug>/ pattern."""

from django.urls import path

from . import news

urlpatterns = [
    path("", news.news_list, name="news_list"),
    path("feed/", news.NewsFeed(), name="news_feed"),
    path("<slug:slug>/", news.news_detail, name="news_detail"),
    path("<slug:slug>/bild/", news.news_image, name="news_image"),
]
