"""The technology radar on the public website (issue 14), mounted at /radar/."""

from django.urls import path

from . import radar

urlpatterns = [
    path("", radar.radar_list, name="radar_list"),
    path("<slug:slug>/", radar.radar_detail, name="radar_detail"),
    path("<slug:slug>/ausgaben/<int:pk>/", radar.radar_edition, name="radar_edition"),
]
