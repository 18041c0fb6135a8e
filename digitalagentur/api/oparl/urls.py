"""The OParl 1.1 read API (issue 10, section 3), mounted at /oparl/v1/."""

from django.urls import path, re_path

from . import views

app_name = "oparl"

urlpatterns = [
    path("system", views.system, name="system"),
    path("bodies", views.body_list, name="body-list"),
    path("body/<int:pk>", views.body_detail, name="body"),
    path("body/<int:pk>/organization", views.body_organizations, name="body-organizations"),
    path("body/<int:pk>/person", views.body_persons, name="body-persons"),
    path("body/<int:pk>/meeting", views.body_meetings, name="body-meetings"),
    path("body/<int:pk>/paper", views.body_papers, name="body-papers"),
    path("body/<int:pk>/legislativeterm", views.body_legislative_terms, name="body-terms"),
    path("organization/<int:pk>", views.organization_detail, name="organization"),
    path(
        "organization/<int:pk>/meeting", views.organization_meetings, name="organization-meetings"
    ),
    path("person/<int:pk>", views.person_detail, name="person"),
    path("membership/<int:pk>", views.membership_detail, name="membership"),
    path("meeting/<int:pk>", views.meeting_detail, name="meeting"),
    path("agendaitem/<int:pk>", views.agenda_item_detail, name="agendaitem"),
    path("paper/<int:pk>", views.paper_detail, name="paper"),
    path("consultation/<int:pk>", views.consultation_detail, name="consultation"),
    path("file/<int:pk>", views.file_detail, name="file"),
    path("file/<int:pk>/access", views.file_content, {"download": False}, name="file-access"),
    path("file/<int:pk>/download", views.file_content, {"download": True}, name="file-download"),
    path("legislativeterm/<int:pk>", views.legislative_term_detail, name="legislativeterm"),
    re_path(r"^(?P<path>.*)$", views.unknown, name="unknown"),
]
