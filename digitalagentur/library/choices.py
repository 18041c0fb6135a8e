"""Choices of the document library (issue 14, section 2)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    TEMPLATE = "vorlage", _("Vorlage")
    TENDER = "ausschreibung", _("Ausschreibung")
    DPIA = "dsfa", _("Datenschutz-Folgenabschätzung")
    CONTRACT = "vertrag", _("Vertrag")
    CONCEPT = "konzept", _("Konzept")
    OTHER = "sonstiges", _("Sonstiges")


class Visibility(models.TextChoices):
    """Internal documents never leave the staff area (pages, search, API, file addresses)."""

    INTERNAL = "intern", _("intern")
    PUBLIC = "oeffentlich", _("öffentlich")


class ScanStatus(models.TextChoices):
    """What the virus-scan hook said; a file it refused is never stored, so there is no
    "infected" state."""

    NOT_SCANNED = "nicht_geprueft", _("nicht geprüft")
    CLEAN = "unbedenklich", _("geprüft, unbedenklich")
