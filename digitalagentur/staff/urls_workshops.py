"""Workshops in the staff area (issue 9, section 5), mounted at /intern/workshops/."""

from django.urls import path

from .views import workshops as w

urlpatterns = [
    path("", w.WorkshopList.as_view(), name="workshop_list"),
    path("neu/", w.WorkshopCreate.as_view(), name="workshop_create"),
    path("<int:pk>/", w.WorkshopDetail.as_view(), name="workshop_detail"),
    path("<int:pk>/bearbeiten/", w.WorkshopEdit.as_view(), name="workshop_edit"),
    path("<int:pk>/loeschen/", w.WorkshopDelete.as_view(), name="workshop_delete"),
    path("<int:pk>/ideen/neu/", w.IdeaCreate.as_view(), name="idea_create"),
    path(
        "<int:pk>/ideen/<int:idea_pk>/bearbeiten/",
        w.IdeaEdit.as_view(),
        name="idea_edit",
    ),
    path(
        "<int:pk>/ideen/<int:idea_pk>/loeschen/",
        w.IdeaDelete.as_view(),
        name="idea_delete",
    ),
    path(
        "<int:pk>/ideen/<int:idea_pk>/projekt/",
        w.IdeaToProject.as_view(),
        name="idea_to_project",
    ),
    path("ideen/<int:pk>/", w.IdeaRedirect.as_view(), name="workshop_idea"),
]
