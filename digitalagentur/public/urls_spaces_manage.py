"""Landräume provider pages (issue 11) under /landraeume/verwalten/, in the `public`
namespace: spaces_manage.py, spaces_manage_details.py, spaces_manage_bookings.py."""

from django.urls import path

from . import spaces_manage, spaces_manage_bookings, spaces_manage_details

urlpatterns = [
    path("", spaces_manage.overview, name="spaces_manage"),
    path("anbieter/neu/", spaces_manage.provider_new, name="spaces_manage_provider_new"),
    path("anbieter/<int:pk>/", spaces_manage.provider_edit, name="spaces_manage_provider_edit"),
    path("raeume/neu/", spaces_manage.space_new, name="spaces_manage_space_new"),
    path("raeume/<int:pk>/", spaces_manage.space_edit, name="spaces_manage_space_edit"),
    path(
        "raeume/<int:pk>/oeffnungszeiten/",
        spaces_manage_details.hours,
        name="spaces_manage_hours",
    ),
    path(
        "raeume/<int:pk>/schliesszeiten/",
        spaces_manage_details.closed_periods,
        name="spaces_manage_closed",
    ),
    path(
        "raeume/<int:pk>/schliesszeiten/<int:period>/loeschen/",
        spaces_manage_details.closed_period_delete,
        name="spaces_manage_closed_delete",
    ),
    path("raeume/<int:pk>/fotos/", spaces_manage_details.photos, name="spaces_manage_photos"),
    path(
        "raeume/<int:pk>/fotos/<int:photo>/bild",
        spaces_manage_details.photo_image,
        name="spaces_manage_photo_image",
    ),
    path(
        "raeume/<int:pk>/fotos/<int:photo>/loeschen/",
        spaces_manage_details.photo_delete,
        name="spaces_manage_photo_delete",
    ),
    path(
        "raeume/<int:pk>/buchungen/",
        spaces_manage_bookings.space_bookings,
        name="spaces_manage_bookings",
    ),
    path(
        "buchungen/<int:pk>/bestaetigen/",
        spaces_manage_bookings.booking_confirm,
        name="spaces_manage_booking_confirm",
    ),
    path(
        "buchungen/<int:pk>/ablehnen/",
        spaces_manage_bookings.booking_decline,
        name="spaces_manage_booking_decline",
    ),
    path(
        "buchungen/<int:pk>/stornieren/",
        spaces_manage_bookings.booking_cancel,
        name="spaces_manage_booking_cancel",
    ),
]
