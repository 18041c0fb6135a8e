"""Meetings of the bodies in the staff area (issue 14, section 3), mounted at
/intern/sitzungen/: the meetings and their tasks (views/meetings.py)."""

from django.urls import path

from .views import meetings as m

task = "aufgaben/<int:pk>"

urlpatterns = [
    path("", m.MeetingList.as_view(), name="meeting_list"),
    path("neu/", m.MeetingCreate.as_view(), name="meeting_create"),
    path("<int:pk>/", m.MeetingDetail.as_view(), name="meeting_detail"),
    path("<int:pk>/bearbeiten/", m.MeetingEdit.as_view(), name="meeting_edit"),
    path("<int:meeting_pk>/aufgaben/neu/", m.TaskCreate.as_view(), name="meeting_task_create"),
    path(f"{task}/bearbeiten/", m.TaskEdit.as_view(), name="meeting_task_edit"),
    path(f"{task}/loeschen/", m.TaskDelete.as_view(), name="meeting_task_delete"),
    path(f"{task}/erledigt/", m.TaskDone.as_view(), name="meeting_task_done"),
]
