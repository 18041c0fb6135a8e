"""Landräume in the staff area (issue 11), mounted at /intern/landraeume/: the coordination's
overview and the commuting the bookings saved."""

from django.urls import path, re_path

from .views import spaces as s
from .views import spaces_links as links
from .views import spaces_pilot as pilot

urlpatterns = [
    path("", s.SpacesOverview.as_view(), name="spaces"),
    path("wirkung/", s.SpacesImpact.as_view(), name="spaces_impact"),
    re_path(
        r"^wirkung\.(?P<fmt>csv|xlsx)$",
        s.SpacesImpactExport.as_view(),
        name="spaces_impact_export",
    ),
    # The employer pilot (issue 11, section 4): employers, contingents, members.
    path("arbeitgeber/", pilot.EmployerList.as_view(), name="spaces_employers"),
    path("arbeitgeber/neu/", pilot.EmployerCreate.as_view(), name="spaces_employer_new"),
    path(
        "arbeitgeber/<int:pk>/bearbeiten/",
        pilot.EmployerEdit.as_view(),
        name="spaces_employer_edit",
    ),
    path(
        "arbeitgeber/<int:pk>/loeschen/",
        pilot.EmployerDelete.as_view(),
        name="spaces_employer_delete",
    ),
    path(
        "arbeitgeber/<int:employer_pk>/kontingente/neu/",
        pilot.ContingentCreate.as_view(),
        name="spaces_contingent_new",
    ),
    path(
        "kontingente/<int:pk>/bearbeiten/",
        pilot.ContingentEdit.as_view(),
        name="spaces_contingent_edit",
    ),
    path(
        "kontingente/<int:pk>/loeschen/",
        pilot.ContingentDelete.as_view(),
        name="spaces_contingent_delete",
    ),
    path(
        "kontingente/<int:pk>/berechtigte/<int:member_pk>/entfernen/",
        pilot.MemberRemove.as_view(),
        name="spaces_contingent_member_remove",
    ),
    # Change-log links (staff/links.py): redirects to the provider and employer pages.
    path("anbieter/<int:pk>/", links.ProviderRedirect.as_view(), name="spaces_provider"),
    path("raeume/<int:pk>/", links.SpaceRedirect.as_view(), name="spaces_space"),
    path("arbeitgeber/<int:pk>/", links.EmployerRedirect.as_view(), name="spaces_employer"),
    path("kontingente/<int:pk>/", links.ContingentRedirect.as_view(), name="spaces_contingent"),
]
