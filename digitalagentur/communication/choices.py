from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    CONFERENCE = "conference", _("Konferenz")
    WORKSHOP = "workshop", _("Workshop")
    SEMINAR = "seminar", _("Seminar")
    TRAINING = "training", _("Schulung")
    INFORMATION_EVENING = "information_evening", _("Informationsabend")


class ProgrammeItemKind(models.TextChoices):
    TALK = "talk", _("Vortrag")
    WORLD_CAFE = "world_cafe", _("World-Café-Tisch")
    MARKET_STAND = "market_stand", _("Marktstand")
    PANEL = "panel", _("Podium")
    WORKSHOP = "workshop", _("Workshop")
    BREAK = "break", _("Pause")
    OTHER = "other", _("Sonstiges")


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("angemeldet")
    WAITLISTED = "waitlisted", _("auf der Warteliste")
    CANCELLED = "cancelled", _("abgesagt")


#: Registrations that hold a seat or a place in the queue (one per person and event).
ACTIVE_STATUSES = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED)
