"""Events and trainings in the staff area (issue 13, section 2), mounted at
/intern/veranstaltungen/: the list, the form, an event's page, its programme, participants
(with the exports and cancelling for someone), attendance and deleting it."""

from django.urls import path

from .views import events as e
from .views import events_participants as p

event = "<int:pk>"

urlpatterns = [
    path("", e.EventList.as_view(), name="event_list"),
    path("neu/", e.EventCreate.as_view(), name="event_create"),
    path(f"{event}/", e.EventDetail.as_view(), name="event_detail"),
    path(f"{event}/bearbeiten/", e.EventEdit.as_view(), name="event_edit"),
    path(f"{event}/programm/", e.EventProgramme.as_view(), name="event_programme"),
    path(f"{event}/loeschen/", e.EventDelete.as_view(), name="event_delete"),
    path(f"{event}/teilnehmende/", p.EventParticipants.as_view(), name="event_participants"),
    path(
        f"{event}/teilnehmende.csv",
        p.ParticipantsExport.as_view(fmt="csv"),
        name="event_participants_csv",
    ),
    path(
        f"{event}/teilnehmende.xlsx",
        p.ParticipantsExport.as_view(fmt="xlsx"),
        name="event_participants_xlsx",
    ),
    path(
        f"{event}/teilnehmende/<int:registration_pk>/abmelden/",
        p.RegistrationCancel.as_view(),
        name="event_registration_cancel",
    ),
    path(f"{event}/anwesenheit/", p.EventAttendance.as_view(), name="event_attendance"),
]
