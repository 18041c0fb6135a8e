"""Who is who: people in their public office, bodies, memberships, the Digitalagentur's work."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digitalagentur.core.models import RegionScopedModel, TimeStampedModel, VersionedModel

from .choices import BodyKind, MembershipRole

# Names that stand for "not named yet" (N. N.); never shown as a name on public pages.
PLACEHOLDER_NAMES = {"NN", ""}


class Person(RegionScopedModel, TimeStampedModel, VersionedModel):
    """A person in their public office (only people named in public sources in the demo)."""

    name = models.CharField(_("Name"), max_length=200)
    office = models.CharField(_("Funktion"), max_length=300, blank=True)
    organisation = models.CharField(_("Organisation"), max_length=300, blank=True)
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("Stadt/Gemeinde"),
    )
    email = models.EmailField(_("E-Mail"), blank=True)
    # For the staff's contact directory only: never on public pages or in the public API.
    phone = models.CharField(
        _("Telefon"), max_length=50, blank=True, help_text=_("Nur intern sichtbar.")
    )
    # Without recorded consent a person is never named on public pages or in the public API;
    # the public sees the role with a contact hint instead.
    public_consent = models.BooleanField(
        _("Einwilligung in die Veröffentlichung"),
        default=False,
        help_text=_("Nur mit Einwilligung werden Name und Kontakt öffentlich angezeigt."),
    )
    consent_date = models.DateField(
        _("Einwilligung erteilt am"),
        null=True,
        blank=True,
        help_text=_("Pflichtangabe, wenn eine Einwilligung vorliegt."),
    )

    class Meta:
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if not self.public_consent:
            self.consent_date = None  # no consent, no date: nothing left that suggests one
            return
        if self.consent_date is None:
            raise ValidationError(
                {"consent_date": _("Bitte geben Sie an, wann die Einwilligung erteilt wurde.")}
            )
        if self.consent_date > timezone.localdate():
            raise ValidationError(
                {"consent_date": _("Das Datum der Einwilligung darf nicht in der Zukunft liegen.")}
            )

    @property
    def shown_publicly(self) -> bool:
        """May the public see this person's name? Only with consent, never a placeholder."""
        return self.public_consent and not self.is_placeholder

    @property
    def is_placeholder(self) -> bool:
        """A role whose holder is not known yet ("N. N." = nomen nescio)."""
        return self.name.replace(" ", "").replace(".", "").upper() in PLACEHOLDER_NAMES


class Body(RegionScopedModel, TimeStampedModel, VersionedModel):
    """A body: Lenkungskreis, Koordinierungskreis, a council or committee of the Kreis or a town."""

    slug = models.SlugField(_("Kürzel"))
    name = models.CharField(_("Name"), max_length=300)
    kind = models.CharField(_("Art"), max_length=20, choices=BodyKind.choices)
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="bodies",
        verbose_name=_("Stadt/Gemeinde"),
        help_text=_("Leer für Gremien des Kreises oder der Digitalagentur."),
    )
    description = models.TextField(_("Beschreibung"), blank=True)
    constituted_on = models.DateField(_("konstituiert am"), null=True, blank=True)
    is_agency_body = models.BooleanField(_("Gremium der Digitalagentur"), default=False)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Gremium")
        verbose_name_plural = _("Gremien")
        ordering = ["position", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "slug"],
                name="directory_body_unique_slug",
                violation_error_message=_("Dieses Kürzel ist in der Region schon vergeben."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Membership(TimeStampedModel, VersionedModel):
    """A person's role in a body."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("Gremium")
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("Person")
    )
    role = models.CharField(
        _("Rolle"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    label = models.CharField(_("Bezeichnung"), max_length=200, blank=True)
    start_date = models.DateField(_("seit"), null=True, blank=True)
    end_date = models.DateField(_("bis"), null=True, blank=True)

    class Meta:
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        ordering = ["body", "role", "person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "person", "role"],
                name="directory_membership_unique",
                violation_error_message=_("Diese Person hat diese Rolle im Gremium schon."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.label or self.get_role_display()} ({self.body})"

    @property
    def region_id(self) -> int | None:
        """A membership belongs to its body's region (used by the change log and rights)."""
        return self.body.region_id if self.body_id else None

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Das Ende darf nicht vor dem Beginn liegen.")})
        if self.body_id and self.person_id and self.person.region_id != self.body.region_id:
            raise ValidationError(
                {"person": _("Die Person gehört nicht zur Region dieses Gremiums.")}
            )


class WorkLine(RegionScopedModel, VersionedModel):
    """One of the Digitalagentur's lines of work (e.g. Fördermittel-Akquise)."""

    position = models.PositiveSmallIntegerField(_("Nr."))
    name = models.CharField(_("Name"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)

    class Meta:
        verbose_name = _("Arbeitsfeld der Digitalagentur")
        verbose_name_plural = _("Arbeitsfelder der Digitalagentur")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name


class StakeholderRole(RegionScopedModel, VersionedModel):
    """A stakeholder group of the strategy process with its abbreviation (e.g. BMK) and role."""

    code = models.CharField(_("Kürzel"), max_length=10)
    name = models.TextField(_("Bezeichnung"))
    role = models.CharField(_("Rolle"), max_length=300)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Akteursrolle")
        verbose_name_plural = _("Akteursrollen")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "code"],
                name="directory_stakeholderrole_unique_code",
                violation_error_message=_("Dieses Kürzel ist in der Region schon vergeben."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.role}"
