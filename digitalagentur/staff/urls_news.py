"""News posts in the staff area (issue 13, section 3), mounted at /intern/neuigkeiten/: the
list, the form, a post's page with its image, publishing and withdrawing, the texts for
social media and deleting it (staff/views/news.py)."""

from django.urls import path

from .views import news as n

post = "<int:pk>"

urlpatterns = [
    path("", n.NewsList.as_view(), name="news_list"),
    path("neu/", n.NewsCreate.as_view(), name="news_create"),
    path(f"{post}/", n.NewsDetail.as_view(), name="news_detail"),
    path(f"{post}/bearbeiten/", n.NewsEdit.as_view(), name="news_edit"),
    path(f"{post}/bild/", n.NewsImage.as_view(), name="news_image"),
    path(f"{post}/veroeffentlichen/", n.NewsPublish.as_view(), name="news_publish"),
    path(f"{post}/zurueckziehen/", n.NewsUnpublish.as_view(), name="news_unpublish"),
    path(f"{post}/soziale-medien/", n.NewsSocial.as_view(), name="news_social"),
    path(f"{post}/loeschen/", n.NewsDelete.as_view(), name="news_delete"),
]
