"""Landräume, the employer pilot (issue 11, section 4), in the `public` namespace, mounted at
/landraeume/arbeitgeber/."""

from django.urls import path

from . import spaces_pilot as p

urlpatterns = [
    path("", p.employer_list, name="spaces_employers"),
    path("<int:pk>/", p.employer_usage, name="spaces_employer"),
    path("<int:pk>/nutzung.csv", p.employer_usage_csv, name="spaces_employer_csv"),
    path("zustimmung/<int:pk>/", p.member_consent, name="spaces_member_consent"),
]
