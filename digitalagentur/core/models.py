"""Base models every domain model picks from, and the change log of the living document."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created = models.DateTimeField(_("angelegt"), auto_now_add=True)
    updated = models.DateTimeField(_("geändert"), auto_now=True)

    class Meta:
        abstract = True


class RegionScopedModel(models.Model):
    """Belongs to exactly one region; querysets are always filtered by the request's region."""

    region = models.ForeignKey(
        "tenancy.Region", on_delete=models.CASCADE, related_name="+", verbose_name=_("Region")
    )

    class Meta:
        abstract = True


class VersionedModel(models.Model):
    """Optimistic locking: `version` grows with every saved change (see core.services)."""

    version = models.PositiveIntegerField(_("Version"), default=1, editable=False)

    class Meta:
        abstract = True


class PublishableModel(models.Model):
    """Drafts are visible only to the region's staff; the public sees published objects."""

    published = models.BooleanField(_("veröffentlicht"), default=False)

    class Meta:
        abstract = True


class ObjectChange(models.Model):
    """One recorded change: who changed which fields of what, when, before and after, and why."""

    class Action(models.TextChoices):
        CREATE = "create", _("angelegt")
        UPDATE = "update", _("geändert")
        DELETE = "delete", _("gelöscht")

    region = models.ForeignKey(
        "tenancy.Region", on_delete=models.CASCADE, related_name="+", verbose_name=_("Region")
    )
    time = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("von"),
    )
    user_name = models.CharField(_("von (Name)"), max_length=150, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    object_repr = models.CharField(_("Objekt"), max_length=300)
    action = models.CharField(_("Aktion"), max_length=10, choices=Action.choices)
    # {"field": {"before": ..., "after": ...}} with JSON-safe values.
    changes = models.JSONField(_("Änderungen"), default=dict)
    reason = models.CharField(_("Begründung"), max_length=500, blank=True)
    version = models.PositiveIntegerField(_("Version danach"), null=True, blank=True)
    # Word diffs of the changed text fields, computed once (core.diff):
    # {"field": {"segments": [...], "replaced": bool}}; None = not computed yet (older rows).
    text_diffs = models.JSONField(_("Textvergleich"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("Änderung")
        verbose_name_plural = _("Änderungsprotokoll")
        ordering = ["-time", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="core_change_object"),
            models.Index(fields=["region", "-time"], name="core_change_region_time"),
        ]

    def __str__(self) -> str:
        return f"{self.object_repr}: {self.get_action_display()}"


class PendingUpload(models.Model):
    """A checked import file waiting for its confirmation (staff area): kept in the database
    under a random token, so that the confirmed file is the one checked, whatever server
    answers, without carrying megabytes in the session. One per user and kind ("indicator
    values", "programmes"); a day at most (core/uploads.py)."""

    token = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=40)
    region = models.ForeignKey("tenancy.Region", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=200)
    content = models.BinaryField()
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return self.name


class UsedFormToken(models.Model):
    """The one-time token of a form step that was submitted (core/once.py): the unique digest
    lets exactly one of two simultaneous submits through, whatever server answers them."""

    digest = models.CharField(max_length=64, unique=True)
    used = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return self.digest
