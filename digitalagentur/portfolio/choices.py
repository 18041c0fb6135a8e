from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectStatus(models.TextChoices):
    IDEA = "idea", _("Idee")
    PLANNED = "planned", _("geplant")
    IN_PROGRESS = "in_progress", _("in Umsetzung")
    COMPLETED = "completed", _("abgeschlossen")
    PAUSED = "paused", _("pausiert")
    DISCONTINUED = "discontinued", _("eingestellt")


# The order of a project's life: for sorting by status and for the status bar.
STATUS_ORDER = (
    ProjectStatus.IDEA,
    ProjectStatus.PLANNED,
    ProjectStatus.IN_PROGRESS,
    ProjectStatus.COMPLETED,
    ProjectStatus.PAUSED,
    ProjectStatus.DISCONTINUED,
)


class ParticipationRole(models.TextChoices):
    LEAD = "lead", _("federführend")
    PARTNER = "partner", _("beteiligt")


class ProjectPhase(models.TextChoices):
    """The phases of a project's checklist (issue 14), in the order a project passes them."""

    IDEA = "idea", _("Idee")
    FUNDING = "funding", _("Förderung")
    TENDER = "tender", _("Ausschreibung")
    DATA_PROTECTION = "data_protection", _("Datenschutz")
    GO_LIVE = "go_live", _("Inbetriebnahme")
    EVALUATION = "evaluation", _("Evaluation")


class ReuseKind(models.TextChoices):
    JOIN = "join", _("beigetreten")
    COPY = "copy", _("als eigenes Projekt übernommen")
