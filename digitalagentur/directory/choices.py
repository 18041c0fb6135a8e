from django.db import models
from django.utils.translation import gettext_lazy as _


class BodyKind(models.TextChoices):
    STEERING = "steering", _("Lenkungskreis")
    COORDINATION = "coordination", _("Koordinierungskreis")
    MAYORS = "mayors", _("Bürgermeisterkonferenz")
    WORKING_GROUP = "working_group", _("Arbeitsgruppe")
    COUNCIL = "council", _("Rat / Kreistag")
    COMMITTEE = "committee", _("Ausschuss")


class MembershipRole(models.TextChoices):
    CHAIR = "chair", _("Vorsitz")
    SPEAKER = "speaker", _("Sprecher/in")
    COORDINATOR = "coordinator", _("Koordination")
    OFFICER = "officer", _("Digitalisierungsbeauftragte/r")
    MEMBER = "member", _("Mitglied")
