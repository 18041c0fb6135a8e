from django.db import models
from django.utils.translation import gettext_lazy as _


class MunicipalityKind(models.TextChoices):
    CITY = "stadt", _("Stadt")
    MUNICIPALITY = "gemeinde", _("Gemeinde")


class Role(models.TextChoices):
    """Roles are held per region; an officer's role is also tied to one town."""

    ADMIN = "admin", _("Regionsadministration")
    COORDINATOR = "coordinator", _("Koordination")
    OFFICER = "officer", _("Digitalisierungsbeauftragte/r")
    READER = "reader", _("Lesezugriff (Lenkungskreis, Ausschuss)")
