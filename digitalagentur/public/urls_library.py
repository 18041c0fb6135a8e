"""The document library on the public website (issue 14), mounted at /dokumente/."""

from django.urls import path

from . import library

urlpatterns = [
    path("", library.document_list, name="library_list"),
    path(
        "<int:pk>/fassungen/<int:version_pk>/datei/",
        library.document_download,
        name="library_download",
    ),
]
