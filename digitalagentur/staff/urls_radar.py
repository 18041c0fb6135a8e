"""The technology radar in the staff area (issue 14, section 1), mounted at /intern/radar/:
the radars, a radar's form and page, publishing an edition, the import (views/radar.py,
views/radar_import.py) and the entries (views/radar_entries.py)."""

from django.urls import path

from .views import radar as r
from .views import radar_entries as e
from .views import radar_import as i

radar = "<int:pk>"
entry = "eintraege/<int:pk>"

urlpatterns = [
    path("", r.RadarList.as_view(), name="radar_list"),
    path("neu/", r.RadarCreate.as_view(), name="radar_create"),
    path(f"{radar}/", r.RadarDetail.as_view(), name="radar_detail"),
    path(f"{radar}/bearbeiten/", r.RadarEdit.as_view(), name="radar_edit"),
    path(f"{radar}/ausgabe/", r.EditionPublish.as_view(), name="radar_publish"),
    path(f"{radar}/importieren/", i.RadarImport.as_view(), name="radar_import"),
    path(
        f"{radar}/importieren/<str:fmt>/<str:token>/",
        i.RadarImportReport.as_view(),
        name="radar_import_report",
    ),
    path("<int:radar_pk>/eintraege/neu/", e.EntryCreate.as_view(), name="radar_entry_create"),
    # The own address of an entry or edition (change-log links): the radar's page.
    path(f"{entry}/", r.EntryRedirect.as_view(), name="radar_entry"),
    path(f"{entry}/bearbeiten/", e.EntryEdit.as_view(), name="radar_entry_edit"),
    path(f"{entry}/loeschen/", e.EntryDelete.as_view(), name="radar_entry_delete"),
    path("ausgaben/<int:pk>/", r.EditionRedirect.as_view(), name="radar_edition"),
]
