from django.db import models
from django.utils.translation import gettext_lazy as _


class MunicipalityKind(models.TextChoices):
    CITY = "stadt", _("Stadt")
    MUNICIPALITY = "gemeinde", _("Gemeinde")


class Land(models.TextChoices):
    """The German Länder (a region lies in one; funding programmes are often limited to one)."""

    BW = "Baden-Württemberg", "Baden-Württemberg"
    BY = "Bayern", "Bayern"
    BE = "Berlin", "Berlin"
    BB = "Brandenburg", "Brandenburg"
    HB = "Bremen", "Bremen"
    HH = "Hamburg", "Hamburg"
    HE = "Hessen", "Hessen"
    MV = "Mecklenburg-Vorpommern", "Mecklenburg-Vorpommern"
    NI = "Niedersachsen", "Niedersachsen"
    NW = "Nordrhein-Westfalen", "Nordrhein-Westfalen"
    RP = "Rheinland-Pfalz", "Rheinland-Pfalz"
    SL = "Saarland", "Saarland"
    SN = "Sachsen", "Sachsen"
    ST = "Sachsen-Anhalt", "Sachsen-Anhalt"
    SH = "Schleswig-Holstein", "Schleswig-Holstein"
    TH = "Thüringen", "Thüringen"


class Role(models.TextChoices):
    """Roles are held per region; an officer's role is also tied to one town."""

    ADMIN = "admin", _("Regionsadministration")
    COORDINATOR = "coordinator", _("Koordination")
    OFFICER = "officer", _("Digitalisierungsbeauftragte/r")
    READER = "reader", _("Lesezugriff (Lenkungskreis, Ausschuss)")
