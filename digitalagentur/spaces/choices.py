"""Choices of the Landräume module (issue 11): kinds, amenities, purposes, states."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProviderKind(models.TextChoices):
    TOWN = "town", _("Kommune")
    ASSOCIATION = "association", _("Verein")
    COMPANY = "company", _("Unternehmen")
    COWORKING = "coworking", _("Coworking-Betreiber")


class SpaceKind(models.TextChoices):
    COWORKING = "coworking", _("Coworking-Space")
    MEETING_ROOM = "meeting_room", _("Besprechungsraum")
    VILLAGE_HALL = "village_hall", _("Dorfgemeinschaftshaus")
    SCHOOL_ROOM = "school_room", _("Schulraum")
    SPORTS_HALL = "sports_hall", _("Sporthalle")
    CLUB_ROOM = "club_room", _("Vereinsraum")
    EMPTY_SHOP = "empty_shop", _("Leerstehendes Ladenlokal")


class UnitKind(models.TextChoices):
    ROOM = "room", _("ganzer Raum")
    DESK = "desk", _("einzelne Arbeitsplätze")


class Amenity(models.TextChoices):
    WLAN = "wlan", _("WLAN")
    SCREEN = "screen", _("Bildschirm")
    PROJECTOR = "projector", _("Beamer")
    KITCHEN = "kitchen", _("Küche")
    PARKING = "parking", _("Parkplätze")
    CHARGING = "charging", _("Ladesäule")
    PRINTER = "printer", _("Drucker")
    VIDEO = "video", _("Videokonferenztechnik")
    SOUND = "sound", _("Tonanlage")
    STAGE = "stage", _("Bühne")
    CHANGING_ROOMS = "changing_rooms", _("Umkleiden")
    BIKE_PARKING = "bike_parking", _("Fahrradstellplätze")


class Accessibility(models.TextChoices):
    STEP_FREE = "step_free", _("stufenloser Zugang")
    ACCESSIBLE_TOILET = "accessible_toilet", _("barrierefreies WC")
    INDUCTION_LOOP = "induction_loop", _("Induktionsschleife")


class Purpose(models.TextChoices):
    WORK = "work", _("Arbeiten")
    CULTURE = "culture", _("Kultur")
    EDUCATION = "education", _("Bildung")
    SPORT = "sport", _("Sport")
    OTHER = "other", _("Sonstiges")


class PriceModel(models.TextChoices):
    FREE = "free", _("kostenlos")
    HOUR = "hour", _("pro Stunde")
    DAY = "day", _("pro Tag")
    CONTINGENT = "contingent", _("nur über ein Kontingent")


class BookingMode(models.TextChoices):
    INSTANT = "instant", _("sofort bestätigt")
    REQUEST = "request", _("auf Anfrage")


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", _("angefragt")
    CONFIRMED = "confirmed", _("bestätigt")
    DECLINED = "declined", _("abgelehnt")
    CANCELLED = "cancelled", _("storniert")


# Statuses that still hold (or wait for) the time: counted against contingents and listed as
# the booker's current bookings.
ACTIVE_STATUSES = (BookingStatus.REQUESTED, BookingStatus.CONFIRMED)

WEEKDAYS = [
    (0, _("Montag")),
    (1, _("Dienstag")),
    (2, _("Mittwoch")),
    (3, _("Donnerstag")),
    (4, _("Freitag")),
    (5, _("Samstag")),
    (6, _("Sonntag")),
]
