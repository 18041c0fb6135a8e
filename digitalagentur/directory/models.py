"""Who is who: people in their public office, bodies, memberships, the Digitalagentur's work."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from digitalagentur.core.models import RegionScopedModel, TimeStampedModel

from .choices import BodyKind, MembershipRole


class Person(RegionScopedModel, TimeStampedModel):
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

    class Meta:
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Body(RegionScopedModel, TimeStampedModel):
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
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "slug"],
                name="directory_body_unique_slug",
                violation_error_message=_("Dieses Kürzel ist in der Region schon vergeben."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Membership(TimeStampedModel):
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


class WorkLine(RegionScopedModel):
    """One of the Digitalagentur's lines of work (e.g. Fördermittel-Akquise)."""

    position = models.PositiveSmallIntegerField(_("Nr."))
    name = models.CharField(_("Name"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)

    class Meta:
        verbose_name = _("Arbeitsfeld der Digitalagentur")
        verbose_name_plural = _("Arbeitsfelder der Digitalagentur")
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name


class StakeholderRole(RegionScopedModel):
    """A stakeholder group of the strategy process with its abbreviation (e.g. BMK) and role."""

    code = models.CharField(_("Kürzel"), max_length=10)
    name = models.TextField(_("Bezeichnung"))
    role = models.CharField(_("Rolle"), max_length=300)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Akteursrolle")
        verbose_name_plural = _("Akteursrollen")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "code"],
                name="directory_stakeholderrole_unique_code",
                violation_error_message=_("Dieses Kürzel ist in der Region schon vergeben."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.role}"
