from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectStatus(models.TextChoices):
    IDEA = "idea", _("Idee")
    PLANNED = "planned", _("geplant")
    IN_PROGRESS = "in_progress", _("in Umsetzung")
    COMPLETED = "completed", _("abgeschlossen")
    PAUSED = "paused", _("pausiert")
    DISCONTINUED = "discontinued", _("eingestellt")


class ParticipationRole(models.TextChoices):
    LEAD = "lead", _("federführend")
    PARTNER = "partner", _("beteiligt")
