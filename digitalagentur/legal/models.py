"""Legal and accessibility pages of a region, and the messages sent through its public forms.

Texts are plain text with a few markdown-like conventions (see legal/text.py); they are never
rendered as HTML, so nothing a staff member types can inject markup.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from digitalagentur.core.models import RegionScopedModel, TimeStampedModel, VersionedModel

TEXT_LIMIT = 50_000
MESSAGE_TEXT_LIMIT = 5_000


class TextKind(models.TextChoices):
    IMPRINT = "impressum", _("Impressum")
    PRIVACY = "datenschutz", _("Datenschutzerklärung")
    EASY_LANGUAGE = "leichte-sprache", _("Leichte Sprache")
    SIGN_LANGUAGE = "gebaerdensprache", _("Gebärdensprache (DGS)")


class Compliance(models.TextChoices):
    FULL = "full", _("vollständig vereinbar")
    PARTIAL = "partial", _("teilweise vereinbar")
    NONE = "none", _("nicht vereinbar")


class DemoTextMixin(models.Model):
    is_demo_text = models.BooleanField(
        _("Beispieltext (Demo)"),
        default=False,
        help_text=_("Wird öffentlich als Beispieltext gekennzeichnet, bis Sie es abwählen."),
    )

    class Meta:
        abstract = True


class LegalText(RegionScopedModel, TimeStampedModel, VersionedModel, DemoTextMixin):
    """Impressum, Datenschutzerklärung, Leichte Sprache or the DGS page of one region."""

    kind = models.CharField(_("Art"), max_length=20, choices=TextKind.choices)
    body = models.TextField(_("Text"), blank=True, validators=[MaxLengthValidator(TEXT_LIMIT)])
    video_url = models.CharField(
        _("Video-Adresse"),
        max_length=500,
        blank=True,
        help_text=_(
            "Nur für das Video in Gebärdensprache: Pfad einer Videodatei auf diesem Server "
            "(z. B. /media/dgs.mp4) oder eine https-Adresse, die als Link angeboten wird."
        ),
    )

    class Meta:
        verbose_name = _("Rechtstext")
        verbose_name_plural = _("Rechtstexte")
        constraints = [
            models.UniqueConstraint(fields=["region", "kind"], name="legal_text_unique_kind")
        ]

    def __str__(self) -> str:
        return str(self.get_kind_display())


class AccessibilityStatement(RegionScopedModel, TimeStampedModel, VersionedModel, DemoTextMixin):
    """Erklärung zur Barrierefreiheit (BITV 2.0 § 7) with the EU model statement's parts."""

    compliance = models.CharField(
        _("Stand der Vereinbarkeit"),
        max_length=10,
        choices=Compliance.choices,
        default=Compliance.PARTIAL,
    )
    scope = models.TextField(
        _("Geltungsbereich"), blank=True, validators=[MaxLengthValidator(TEXT_LIMIT)]
    )
    known_barriers = models.TextField(
        _("Nicht barrierefreie Inhalte und Begründung"),
        blank=True,
        validators=[MaxLengthValidator(TEXT_LIMIT)],
    )
    prepared_on = models.DateField(_("Erstellt am"), null=True, blank=True)
    reviewed_on = models.DateField(_("Zuletzt überprüft am"), null=True, blank=True)
    method = models.CharField(
        _("Methode der Bewertung"),
        max_length=300,
        blank=True,
        help_text=_("z. B. Selbstbewertung, Prüfung durch Dritte"),
    )
    feedback_contact = models.TextField(
        _("Kontakt für Rückmeldungen"),
        blank=True,
        validators=[MaxLengthValidator(TEXT_LIMIT)],
        help_text=_("Wer Barrieren entgegennimmt; das Meldeformular wird immer verlinkt."),
    )
    arbitration_body = models.TextField(
        _("Schlichtungsstelle nach § 16 BGG"),
        blank=True,
        validators=[MaxLengthValidator(TEXT_LIMIT)],
        help_text=_("Name und Anschrift der Schlichtungsstelle."),
    )
    arbitration_url = models.URLField(_("Website der Schlichtungsstelle"), blank=True)

    class Meta:
        verbose_name = _("Erklärung zur Barrierefreiheit")
        verbose_name_plural = _("Erklärungen zur Barrierefreiheit")
        constraints = [
            models.UniqueConstraint(fields=["region"], name="legal_accessibility_unique_region")
        ]

    def __str__(self) -> str:
        return str(_("Erklärung zur Barrierefreiheit"))


class ContactDetails(RegionScopedModel, TimeStampedModel, VersionedModel, DemoTextMixin):
    """The region's contact: shown on /kontakt/ and the address messages are mailed to."""

    organisation = models.CharField(_("Organisation"), max_length=300, blank=True)
    department = models.CharField(_("Stelle / Abteilung"), max_length=300, blank=True)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postal_code = models.CharField(_("Postleitzahl"), max_length=10, blank=True)
    city = models.CharField(_("Ort"), max_length=200, blank=True)
    email = models.EmailField(
        _("E-Mail"),
        blank=True,
        help_text=_(
            "Nachrichten aus dem Kontakt- und dem Barriere-Formular gehen an diese Adresse."
        ),
    )
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    office_hours = models.TextField(
        _("Erreichbarkeit"), blank=True, validators=[MaxLengthValidator(2_000)]
    )

    class Meta:
        verbose_name = _("Kontakt")
        verbose_name_plural = _("Kontakte")
        constraints = [
            models.UniqueConstraint(fields=["region"], name="legal_contact_unique_region")
        ]

    def __str__(self) -> str:
        return str(_("Kontakt"))

    @property
    def is_empty(self) -> bool:
        return not any([self.organisation, self.street, self.city, self.email, self.phone])


class MessageKind(models.TextChoices):
    CONTACT = "contact", _("Kontakt")
    BARRIER = "barrier", _("Barriere")


class MessageStatus(models.TextChoices):
    NEW = "new", _("neu")
    ANSWERED = "answered", _("beantwortet")
    CLOSED = "closed", _("erledigt")


class Message(RegionScopedModel, VersionedModel):
    """A message sent through the contact or the barrier form of the public website."""

    kind = models.CharField(_("Art"), max_length=10, choices=MessageKind.choices)
    name = models.CharField(_("Name"), max_length=200)
    email = models.EmailField(_("E-Mail"))
    subject = models.CharField(_("Betreff"), max_length=200)
    text = models.TextField(_("Nachricht"), validators=[MaxLengthValidator(MESSAGE_TEXT_LIMIT)])
    page_url = models.CharField(_("Betroffene Seite"), max_length=500, blank=True)
    created = models.DateTimeField(_("eingegangen"), auto_now_add=True, db_index=True)
    status = models.CharField(
        _("Status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.NEW
    )
    # A keyed hash of the sender's address (never the address itself), for the rate limit.
    sender_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    class Meta:
        verbose_name = _("Nachricht")
        verbose_name_plural = _("Nachrichten")
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["region", "kind", "status"], name="legal_message_filter")]

    def __str__(self) -> str:
        # No personal data: this text appears in the change log, which all staff may read.
        return f"{self.get_kind_display()}-Nachricht Nr. {self.pk}"


class Reply(models.Model):
    """An answer mailed to the sender of a message from the staff area: who, when, what."""

    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, related_name="replies", verbose_name=_("Nachricht")
    )
    text = models.TextField(_("Antwort"), validators=[MaxLengthValidator(MESSAGE_TEXT_LIMIT)])
    sent_at = models.DateTimeField(_("gesendet am"), auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gesendet von"),
    )
    sent_by_name = models.CharField(_("gesendet von (Name)"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("Antwort")
        verbose_name_plural = _("Antworten")
        ordering = ["sent_at", "pk"]

    def __str__(self) -> str:
        return str(_("Antwort auf %(message)s") % {"message": self.message})
