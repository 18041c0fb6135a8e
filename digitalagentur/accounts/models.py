"""Security state of accounts: a region's policy (2FA required?) and per-user session state."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from digitalagentur.tenancy.models import Region


class SecurityPolicy(models.Model):
    """A region's login rules; a region without a row requires nothing beyond the password."""

    region = models.OneToOneField(
        Region,
        on_delete=models.CASCADE,
        related_name="security_policy",
        verbose_name=_("Region"),
    )
    require_two_factor = models.BooleanField(
        _("Zwei-Faktor-Authentisierung für alle Mitarbeitenden verlangen"), default=False
    )

    class Meta:
        verbose_name = _("Sicherheitsrichtlinie")
        verbose_name_plural = _("Sicherheitsrichtlinien")

    def __str__(self) -> str:
        return str(_("Sicherheitsrichtlinie %(region)s") % {"region": self.region})


class AccountSecurity(models.Model):
    """Per-user session state: raising the generation ends every session of the user."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="account_security",
        verbose_name=_("Benutzer/in"),
    )
    session_generation = models.PositiveIntegerField(_("Sitzungsgeneration"), default=0)
    # Counts confirmed address changes: a confirmation link carries the count it was made at,
    # so it works once even if the address later changes back (A → B → A).
    email_changes = models.PositiveIntegerField(_("Geänderte E-Mail-Adressen"), default=0)

    class Meta:
        verbose_name = _("Kontosicherheit")
        verbose_name_plural = _("Kontosicherheit")

    def __str__(self) -> str:
        return str(self.user)
