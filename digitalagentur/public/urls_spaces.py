"""Landräume routes (issue 11), in the `public` namespace: the search, a space's page, its
photos and booking, and the booker's own bookings (public/spaces.py, spaces_booking.py).

A space's address is its slug; the words the other Landräume modules use under /landraeume/
(verwalten, kalender, arbeitgeber) and meine-buchungen are never taken as a slug, whatever
order the includes have.
"""

from django.urls import path, re_path

from . import spaces, spaces_booking

SLUG = r"(?P<slug>(?!(?:verwalten|kalender|arbeitgeber|meine-buchungen)/)[-a-zA-Z0-9_]+)"

urlpatterns = [
    path("", spaces.space_list, name="spaces"),
    path("meine-buchungen/", spaces_booking.my_bookings, name="my_bookings"),
    path("meine-buchungen/profil/", spaces_booking.booker_profile, name="booker_profile"),
    path(
        "meine-buchungen/kalender-erneuern/",
        spaces_booking.user_feed_renew,
        name="spaces_user_feed_renew",
    ),
    path("meine-buchungen/<int:pk>/", spaces_booking.my_booking, name="my_booking"),
    path(
        "meine-buchungen/<int:pk>/stornieren/",
        spaces_booking.booking_cancel,
        name="booking_cancel",
    ),
    re_path(rf"^{SLUG}/$", spaces.space_detail, name="space_detail"),
    re_path(rf"^{SLUG}/buchen/$", spaces_booking.space_book, name="space_book"),
    re_path(rf"^{SLUG}/fotos/(?P<pk>[0-9]+)/$", spaces.space_photo, name="space_photo"),
]
