"""The document library in the staff area (issue 14, section 2), mounted at /intern/dokumente/
(views/library.py)."""

from django.urls import path

from .views import library as v

document = "<int:pk>"

urlpatterns = [
    path("", v.DocumentList.as_view(), name="library_list"),
    path("neu/", v.DocumentCreate.as_view(), name="library_create"),
    path(f"{document}/", v.DocumentDetail.as_view(), name="library_detail"),
    path(f"{document}/bearbeiten/", v.DocumentEdit.as_view(), name="library_edit"),
    path(f"{document}/loeschen/", v.DocumentDelete.as_view(), name="library_delete"),
    path(f"{document}/fassungen/neu/", v.VersionUpload.as_view(), name="library_version_create"),
    path(
        f"{document}/fassungen/<int:version_pk>/datei/",
        v.VersionDownload.as_view(),
        name="library_download",
    ),
    # The own address of a version (change-log links): its document's page.
    path("fassungen/<int:pk>/", v.DocumentRedirect.as_view(), name="library_version"),
]
