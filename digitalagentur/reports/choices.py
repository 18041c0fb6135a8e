from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    FINAL = "final", _("abgeschlossen")
    NOTED = "noted", _("zur Kenntnis genommen")


class GenerationState(models.TextChoices):
    IDLE = "idle", _("bereit")
    QUEUED = "queued", _("wartet")
    RUNNING = "running", _("wird erstellt")
    FAILED = "failed", _("fehlgeschlagen")
