"""The shared document library of a region (issue 14, section 2): documents with their tags,
fields of action, towns and optional project, and the uploaded versions of each.

A new upload is a new DocumentVersion; the newest is the current one (`Document.
current_version`, set by library.services), older ones stay downloadable for the staff. The
file bytes live in the database (VersionContent, kept apart so that no list ever reads them),
like the photos of the Landräume and the region logos: they are never reachable through
MEDIA_URL or the static files, only through the views that check who may read them, and every
app process on every machine sees the same files.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from digitalagentur.core.models import RegionScopedModel, TimeStampedModel, VersionedModel

from .choices import DocumentKind, ScanStatus, Visibility

TITLE_MAX = 200
DESCRIPTION_MAX = 5000
TAG_MAX = 40
FILENAME_MAX = 150


class Tag(RegionScopedModel):
    """A keyword of the region's documents ("Vergabe", "KI"), unique in the region, case
    aside."""

    name = models.CharField(_("Schlagwort"), max_length=TAG_MAX)

    class Meta:
        verbose_name = _("Schlagwort")
        verbose_name_plural = _("Schlagwörter")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "region",
                name="library_tag_name",
                violation_error_message=_("Dieses Schlagwort gibt es schon."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Document(RegionScopedModel, TimeStampedModel, VersionedModel):
    """A document of the library: its description and who it concerns; the files are its
    versions."""

    title = models.CharField(_("Titel"), max_length=TITLE_MAX)
    description = models.TextField(
        _("Beschreibung"), blank=True, validators=[MaxLengthValidator(DESCRIPTION_MAX)]
    )
    kind = models.CharField(
        _("Art"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.OTHER
    )
    visibility = models.CharField(
        _("Sichtbarkeit"), max_length=20, choices=Visibility.choices, default=Visibility.INTERNAL
    )
    tags = models.ManyToManyField(
        Tag, blank=True, related_name="documents", verbose_name=_("Schlagwörter")
    )
    fields = models.ManyToManyField(
        "strategy.Field", blank=True, related_name="documents", verbose_name=_("Handlungsfelder")
    )
    municipalities = models.ManyToManyField(
        "tenancy.Municipality",
        blank=True,
        related_name="documents",
        verbose_name=_("Kommunen"),
    )
    project = models.ForeignKey(
        "portfolio.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("Projekt"),
    )
    # The newest version (set by library.services with every upload): lists and the public
    # download read it without looking at the other versions.
    current_version = models.ForeignKey(
        "DocumentVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("aktuelle Fassung"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("angelegt von"),
    )
    is_demo = models.BooleanField(_("Demo-Daten"), default=False, editable=False)

    class Meta:
        verbose_name = _("Dokument")
        verbose_name_plural = _("Dokumente")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC


class DocumentVersion(RegionScopedModel):
    """One uploaded file of a document, numbered 1, 2, ... The file was checked by
    library.uploads (type from its content, size, name) and the virus-scan hook."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("Fassung"))
    filename = models.CharField(_("Dateiname"), max_length=FILENAME_MAX)
    content_type = models.CharField(_("Dateityp"), max_length=120)
    size = models.PositiveBigIntegerField(_("Größe (Bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    note = models.CharField(_("Änderungshinweis"), max_length=500, blank=True)
    scan_status = models.CharField(
        _("Virenprüfung"),
        max_length=20,
        choices=ScanStatus.choices,
        default=ScanStatus.NOT_SCANNED,
    )
    uploaded_at = models.DateTimeField(_("hochgeladen am"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hochgeladen von"),
    )

    class Meta:
        verbose_name = _("Fassung")
        verbose_name_plural = _("Fassungen")
        ordering = ["-number", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"],
                name="library_version_number",
                violation_error_message=_("Diese Fassung gibt es schon."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.filename} ({self.number})"


class VersionContent(models.Model):
    """The bytes of a version, kept apart: only a download reads them."""

    version = models.OneToOneField(
        DocumentVersion, on_delete=models.CASCADE, primary_key=True, related_name="stored"
    )
    content = models.BinaryField(_("Datei"))

    class Meta:
        verbose_name = _("Dateiinhalt")
        verbose_name_plural = _("Dateiinhalte")

    def __str__(self) -> str:
        return f"Datei {self.version_id}"
