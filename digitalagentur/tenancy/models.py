"""Regions (the tenants: a district with its towns), towns and the roles people hold there."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from digitalagentur.core.colors import AA_TEXT, HEX_COLOUR, SURFACE, TINT, WHITE, contrast_ratio

from .choices import Land, MunicipalityKind, Role
from .hostnames import normalise_hostname


class Region(models.Model):
    """A district (Kreis): the tenant every domain object belongs to."""

    slug = models.SlugField(_("Kürzel"), unique=True)
    name = models.CharField(_("Name"), max_length=200)
    hostname = models.CharField(
        _("Hostname"),
        max_length=253,
        blank=True,
        help_text=_("Unter diesem Hostnamen wird die Region ausgeliefert, z. B. digital.kreis.de."),
    )
    website = models.URLField(_("Website"), blank=True)
    land = models.CharField(
        _("Bundesland"),
        max_length=40,
        choices=Land.choices,
        blank=True,
        help_text=_("Für den Abgleich mit Förderprogrammen, die auf ein Land beschränkt sind"),
    )
    claim = models.CharField(
        _("Claim"), max_length=200, blank=True, help_text=_("z. B. „Gemeinsam. Digital.“")
    )
    color_primary = models.CharField(
        _("Markenfarbe für Links und Schaltflächen"),
        max_length=7,
        default="#005a87",
        validators=[RegexValidator(HEX_COLOUR, _("Bitte eine Farbe als #rrggbb angeben."))],
        help_text=_(
            "Braucht zu Weiß und den hellen Flächen der Seite mindestens 4,5 : 1 Kontrast."
        ),
    )
    color_dark = models.CharField(
        _("dunkle Markenfarbe für die Kopfzeile"),
        max_length=7,
        default="#003b5c",
        validators=[RegexValidator(HEX_COLOUR, _("Bitte eine Farbe als #rrggbb angeben."))],
        help_text=_(
            "Braucht zu weißer Schrift und den hellen Flächen mindestens 4,5 : 1 Kontrast."
        ),
    )
    # "", "image/svg+xml" or "image/png": whether pages link a logo, without reading it
    # (the file itself is a RegionLogo; tenancy/logos.py cleans it before it is stored).
    logo_type = models.CharField(_("Logo"), max_length=20, blank=True, editable=False)
    # Raised after every committed change of the region's content (tenancy/content.py): part
    # of every cache key of its pages, so no process or server ever serves an outdated page.
    content_version = models.PositiveBigIntegerField(default=1, editable=False)
    content_changed = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("Region (Kreis)")
        verbose_name_plural = _("Regionen (Kreise)")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["hostname"],
                condition=~Q(hostname=""),
                name="tenancy_region_unique_hostname",
                violation_error_message=_("Dieser Hostname gehört bereits zu einer Region."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # Stored as requests name it ("Digital.Kreis.de." is "digital.kreis.de"), so that the
        # region of a request is found by an exact, indexed comparison.
        self.hostname = normalise_hostname(self.hostname)
        if self.pk is not None and not self._state.adding and kwargs.get("update_fields") is None:
            # The content version is raised by tenancy/content.py alone: a region loaded
            # earlier (an admin form) must never write an older version back.
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name not in ("content_version", "content_changed")
            ]
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        for name, colour, against in (
            ("color_primary", self.color_primary, (WHITE, SURFACE, TINT)),
            ("color_dark", self.color_dark, (WHITE, TINT)),
        ):
            if not HEX_COLOUR.match(colour or ""):
                continue  # the field's own validator says so
            ratio = min(contrast_ratio(colour, other) for other in against)
            if ratio < AA_TEXT:
                errors[name] = _(
                    "Zu wenig Kontrast: %(ratio)s : 1 zum hellen Hintergrund oder zu weißer "
                    "Schrift, nötig sind mindestens 4,5 : 1 (WCAG 2.1 AA). Bitte eine dunklere "
                    "Farbe wählen."
                ) % {"ratio": number_format(ratio, 2)}
        if errors:
            raise ValidationError(errors)


class RegionLogo(models.Model):
    """The cleaned logo file of a region (kept apart: every request reads the region row)."""

    region = models.OneToOneField(
        Region, on_delete=models.CASCADE, primary_key=True, related_name="logo"
    )
    content = models.BinaryField(_("Datei"))
    content_type = models.CharField(_("Dateityp"), max_length=20)
    updated = models.DateTimeField(_("geändert"), auto_now=True)

    class Meta:
        verbose_name = _("Logo")
        verbose_name_plural = _("Logos")

    def __str__(self) -> str:
        return f"Logo {self.region_id}"


class Municipality(models.Model):
    """A member town (Stadt oder Gemeinde) of a region."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="municipalities", verbose_name=_("Region")
    )
    slug = models.SlugField(_("Kürzel"))
    name = models.CharField(_("Name"), max_length=200)
    kind = models.CharField(
        _("Art"), max_length=20, choices=MunicipalityKind.choices, default=MunicipalityKind.CITY
    )
    description = models.TextField(_("Beschreibung"), blank=True)
    website = models.URLField(_("Website"), blank=True)
    population = models.PositiveIntegerField(
        _("Einwohnerzahl"),
        null=True,
        blank=True,
        help_text=_("Für die Aufteilung von Eigenanteilen nach Einwohnerzahl"),
    )
    version = models.PositiveIntegerField(_("Version"), default=1, editable=False)

    class Meta:
        verbose_name = _("Stadt/Gemeinde")
        verbose_name_plural = _("Städte und Gemeinden")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "slug"],
                name="tenancy_municipality_unique_slug",
                violation_error_message=_("Diese Kommune gibt es in der Region bereits."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return f"{self.get_kind_display()} {self.name}"


class RoleAssignment(models.Model):
    """A user's role in one region; officers are bound to one town of that region."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        verbose_name=_("Benutzer/in"),
    )
    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("Region")
    )
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("Stadt/Gemeinde"),
    )

    class Meta:
        verbose_name = _("Rollenzuweisung")
        verbose_name_plural = _("Rollenzuweisungen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "region", "role", "municipality"],
                condition=Q(municipality__isnull=False),
                name="tenancy_roleassignment_unique",
                violation_error_message=_("Diese Rolle ist bereits vergeben."),
            ),
            # NULLs are distinct in a unique index: roles without a town need their own.
            models.UniqueConstraint(
                fields=["user", "region", "role"],
                condition=Q(municipality__isnull=True),
                name="tenancy_roleassignment_unique_without_town",
                violation_error_message=_("Diese Rolle ist bereits vergeben."),
            ),
            models.CheckConstraint(
                condition=Q(role=Role.OFFICER, municipality__isnull=False)
                | (~Q(role=Role.OFFICER) & Q(municipality__isnull=True)),
                name="tenancy_roleassignment_officer_has_town",
                violation_error_message=_(
                    "Digitalisierungsbeauftragte brauchen eine Kommune; andere Rollen keine."
                ),
            ),
        ]

    def __str__(self) -> str:
        town = f" ({self.municipality})" if self.municipality_id else ""
        return f"{self.user} – {self.get_role_display()}{town} – {self.region}"


class InvitationQuerySet(models.QuerySet):
    def open(self):
        """Neither accepted nor withdrawn (expired ones included: they can be resent)."""
        return self.filter(accepted_at__isnull=True, withdrawn_at__isnull=True)


class Invitation(models.Model):
    """A role offered to an account, accepted through a single-use link sent by e-mail.

    Only a hash of the link's token is stored. Name and e-mail address are those the admin
    typed: the list of invitations never shows the data of an account outside the region.
    """

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("Region")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("Benutzerkonto"),
    )
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("Stadt/Gemeinde"),
    )
    username = models.CharField(_("Benutzername"), max_length=150)
    first_name = models.CharField(_("Vorname"), max_length=150, blank=True)
    last_name = models.CharField(_("Nachname"), max_length=150, blank=True)
    email = models.EmailField(_("E-Mail-Adresse"))
    token_hash = models.CharField(_("Prüfwert des Links"), max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("eingeladen von"),
    )
    created = models.DateTimeField(_("angelegt"), auto_now_add=True)
    sent_at = models.DateTimeField(_("verschickt"))
    expires_at = models.DateTimeField(_("gültig bis"))
    accepted_at = models.DateTimeField(_("angenommen"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("zurückgezogen"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(role=Role.OFFICER, municipality__isnull=False)
                | (~Q(role=Role.OFFICER) & Q(municipality__isnull=True)),
                name="tenancy_invitation_officer_has_town",
                violation_error_message=_(
                    "Digitalisierungsbeauftragte brauchen eine Kommune; andere Rollen keine."
                ),
            ),
        ]

    def __str__(self) -> str:
        return _("Einladung an %(name)s als %(role)s") % {
            "name": self.username,
            "role": self.get_role_display(),
        }

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.withdrawn_at is None

    def is_expired(self, now=None) -> bool:
        return self.expires_at <= (now or timezone.now())
