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


class Registration(models.Model):
    """An account its owner created on the website (accounts/registration.py).

    Marks the account as self-registered (only these are ever deleted when left unconfirmed;
    accounts made by staff never are) and keeps when the privacy notice was accepted and when
    the address was confirmed. `requested` is the last time the form was sent for the account:
    the link of that mail is the only one that works, and it expires counted from there."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="registration",
        verbose_name=_("Benutzer/in"),
    )
    requested = models.DateTimeField(_("Registrierung gesendet"))
    consented = models.DateTimeField(_("Datenschutzhinweise akzeptiert"))
    confirmed = models.DateTimeField(_("E-Mail-Adresse bestätigt"), null=True, blank=True)

    class Meta:
        verbose_name = _("Registrierung")
        verbose_name_plural = _("Registrierungen")
        indexes = [models.Index(fields=["confirmed", "requested"], name="accounts_reg_pending")]

    def __str__(self) -> str:
        return str(self.user)


class RegistrationAttempt(models.Model):
    """One sending of the registration form, for its rate limit: only keyed hashes of the
    client's network and of the address are kept, and only for the limit's window."""

    created = models.DateTimeField(_("Zeitpunkt"), db_index=True)
    sender_key = models.CharField(_("Absender (Hash)"), max_length=64, db_index=True)
    email_key = models.CharField(_("E-Mail-Adresse (Hash)"), max_length=64, db_index=True)

    class Meta:
        verbose_name = _("Registrierungsversuch")
        verbose_name_plural = _("Registrierungsversuche")

    def __str__(self) -> str:
        return f"{self.created:%Y-%m-%d %H:%M}"
