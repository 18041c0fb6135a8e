from django.db import models
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    DAY = "day", _("Tag")
    MONTH = "month", _("Monat")
    YEAR = "year", _("Jahr")


class Decision(models.TextChoices):
    ADOPTED = "adopted", _("beschlossen")
    RECOMMENDED = "recommended", _("zur Annahme empfohlen (Vorberatung)")
    REJECTED = "rejected", _("abgelehnt")
    DEFERRED = "deferred", _("vertagt")


class Topic(models.TextChoices):
    """What a chronicle entry (and a status report's section) is about."""

    STRATEGY = "strategy", _("Digitalisierungsstrategie")
    AGENCY = "agency", _("Digitalagentur")
    PROJECTS = "projects", _("Projekte")
    FUNDING = "funding", _("Fördermittel")
    EVENTS = "events", _("Veranstaltungen")
    STAFFING = "staffing", _("Personal")
