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


class SegmentKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Kommune")
    FIELD = "field", _("Handlungsfeld")
    AUDIENCE = "audience", _("Zielgruppe")
    CUSTOM = "custom", _("eigene Gruppe")


class Audience(models.TextChoices):
    CITIZENS = "citizens", _("Bürgerinnen und Bürger")
    BUSINESSES = "businesses", _("Unternehmen")
    ADMINISTRATION = "administration", _("Verwaltung")


class SubscriptionStatus(models.TextChoices):
    PENDING = "pending", _("unbestätigt")
    ACTIVE = "active", _("angemeldet")
    UNSUBSCRIBED = "unsubscribed", _("abgemeldet")
    BOUNCED = "bounced", _("unzustellbar")


class ConsentForm(models.TextChoices):
    WEBSITE = "website", _("Formular auf der Website")
    API = "api", _("Programmierschnittstelle (API)")
    STAFF = "staff", _("Eintrag durch die Verwaltung")


class IssueStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    SENDING = "sending", _("wird versandt")
    SENT = "sent", _("versandt")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("wartet")
    SENT = "sent", _("versandt")
    FAILED = "failed", _("fehlgeschlagen")
    SKIPPED = "skipped", _("übersprungen")
