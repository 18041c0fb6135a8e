"""Event routes (issue 13, section 2), in the `public` namespace, under /veranstaltungen/:
the calendar, its iCalendar feed, an event's page with its .ics, registering and cancelling
(public/events.py, events_actions.py). The feed comes before the <slug>/ pattern."""

from django.urls import path

from . import events, events_actions

urlpatterns = [
    path("", events.event_list, name="event_list"),
    path("kalender.ics", events.events_ical, name="events_ical"),
    path("<slug:slug>/", events.event_detail, name="event_detail"),
    path("<slug:slug>/termin.ics", events.event_ical, name="event_ical"),
    path("<slug:slug>/anmelden/", events_actions.event_register, name="event_register"),
    path("<slug:slug>/abmelden/", events_actions.event_cancel, name="event_cancel"),
]
