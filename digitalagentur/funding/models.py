"""Funding acquisition: funders, programmes with their rules, calls with deadlines,
applications with sub-projects and budget lines (issue 8).

Amounts are Decimal euros with cents; rates and shares are Decimal fractions (0.65 for 65 %).
funding/finance.py computes every figure from the budget lines; nothing computed is stored.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digitalagentur.core.models import (
    PublishableModel,
    RegionScopedModel,
    TimeStampedModel,
    VersionedModel,
)

from .finance import CONSUMPTIVE, INVESTIVE

MAX_AMOUNT = 10**12  # euros: anything above is a typing error
AMOUNT = {"max_digits": 15, "decimal_places": 2}
RATE = {"max_digits": 5, "decimal_places": 4}
NOT_NEGATIVE = [MinValueValidator(0, _("Der Betrag darf nicht negativ sein."))]
AMOUNT_RANGE = [
    *NOT_NEGATIVE,
    MaxValueValidator(
        Decimal(MAX_AMOUNT) - Decimal("0.01"), _("Der Betrag muss unter einer Billion Euro liegen.")
    ),
]
RATE_RANGE = [
    MinValueValidator(0, _("Der Anteil liegt zwischen 0 und 1.")),
    MaxValueValidator(1, _("Der Anteil liegt zwischen 0 und 1.")),
]


class ApplicantType(models.TextChoices):
    TOWN = "town", _("Städte und Gemeinden")
    DISTRICT = "district", _("Kreise")
    ASSOCIATION = "association", _("Gemeindeverbände")
    COOPERATION = "cooperation", _("interkommunale Kooperationen")


class CostType(models.TextChoices):
    PERSONNEL = "personnel", _("Personalkosten")
    MATERIAL = "material", _("Sachkosten")
    INVESTMENT = "investment", _("Investitionen")


class LineKind(models.TextChoices):
    INVESTIVE = INVESTIVE, _("investiv")
    CONSUMPTIVE = CONSUMPTIVE, _("konsumtiv")


class ApplicationStatus(models.TextChoices):
    IDEA = "idea", _("Idee")
    PREPARING = "preparing", _("in Vorbereitung")
    SUBMITTED = "submitted", _("eingereicht")
    APPROVED = "approved", _("bewilligt")
    REJECTED = "rejected", _("abgelehnt")
    WITHDRAWN = "withdrawn", _("zurückgezogen")


class SplitMode(models.TextChoices):
    """How the own share is split across the participating towns."""

    EQUAL = "equal", _("zu gleichen Teilen")
    POPULATION = "population", _("nach Einwohnerzahl")
    MANUAL = "manual", _("nach festgelegten Anteilen")


class CallStatus(models.TextChoices):
    FORTHCOMING = "forthcoming", _("angekündigt")
    OPEN = "open", _("offen")
    CLOSED = "closed", _("abgelaufen")


class Funder(RegionScopedModel, TimeStampedModel, VersionedModel):
    """Who gives the money (Fördergeber): BMI, BMEL, Land NRW, EU, a foundation."""

    name = models.CharField(_("Name"), max_length=200)
    short_name = models.CharField(_("Kurzname"), max_length=40, blank=True)
    website = models.URLField(_("Website"), blank=True)

    class Meta:
        verbose_name = _("Fördergeber")
        verbose_name_plural = _("Fördergeber")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "name"],
                name="funding_funder_unique_name",
                violation_error_message=_("Diesen Fördergeber gibt es in der Region schon."),
            )
        ]

    def __str__(self) -> str:
        return self.short_name or self.name


class Programme(RegionScopedModel, TimeStampedModel, VersionedModel, PublishableModel):
    """A funding programme with its rules and the descriptive fields of the
    Förderdatenbank des Bundes (so that its exports can be imported)."""

    funder = models.ForeignKey(
        Funder, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("Fördergeber")
    )
    slug = models.SlugField(_("Kürzel"), max_length=120)
    name = models.CharField(_("Name"), max_length=300)
    summary = models.TextField(_("Kurzbeschreibung"), blank=True)
    # The rules (funding/finance.py).
    funding_rate = models.DecimalField(
        _("Fördersatz"),
        **RATE,
        validators=RATE_RANGE,
        null=True,
        blank=True,
        help_text=_("0,65 für 65 %; leer, solange er nicht bekannt ist"),
    )
    own_share_rate = models.DecimalField(
        _("Eigenanteil"), **RATE, validators=RATE_RANGE, null=True, blank=True
    )
    third_party_max_share_of_own = models.DecimalField(
        _("Mittel Dritter: höchstens dieser Anteil des Eigenanteils"),
        **RATE,
        validators=RATE_RANGE,
        null=True,
        blank=True,
        help_text=_("0,5: Dritte dürfen den Eigenanteil um bis zu die Hälfte verringern"),
    )
    max_grant = models.DecimalField(
        _("Höchstbetrag je Antrag (€)"), **AMOUNT, validators=AMOUNT_RANGE, null=True, blank=True
    )
    total_volume = models.DecimalField(
        _("Gesamtvolumen (€)"), **AMOUNT, validators=AMOUNT_RANGE, null=True, blank=True
    )
    max_months = models.PositiveSmallIntegerField(
        _("höchste Laufzeit (Monate)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(1200)],
    )
    cost_types = models.JSONField(_("förderfähige Kosten"), default=list, blank=True)
    applicant_types = models.JSONField(_("Antragsberechtigte"), default=list, blank=True)
    phases = models.TextField(_("Phasen"), blank=True, help_text=_("Eine Phase je Zeile"))
    # Förderdatenbank des Bundes.
    funding_type = models.CharField(_("Förderart"), max_length=200, blank=True)
    funding_area = models.CharField(_("Förderbereich"), max_length=300, blank=True)
    funding_region = models.CharField(_("Fördergebiet"), max_length=200, blank=True)
    eligible_recipients = models.CharField(_("Förderberechtigte"), max_length=300, blank=True)
    legal_basis = models.CharField(_("Rechtsgrundlage"), max_length=300, blank=True)
    contact = models.TextField(_("Ansprechpunkt"), blank=True)
    website = models.URLField(_("Website"), blank=True, max_length=500)
    external_id = models.CharField(
        _("Kennung in der Förderdatenbank"),
        max_length=200,
        blank=True,
        help_text=_("Damit ein erneuter Import das Programm wiedererkennt"),
    )
    # Matching projects and programmes (funding/matching.py).
    keywords = models.TextField(
        _("Schlagwörter"),
        blank=True,
        help_text=_("Themen, durch Kommas getrennt; für den Abgleich mit Projekten"),
    )
    fields = models.ManyToManyField(
        "strategy.Field",
        blank=True,
        related_name="funding_programmes",
        verbose_name=_("Handlungsfelder"),
    )
    internal_notes = models.TextField(
        _("interne Notizen"), blank=True, help_text=_("Nie öffentlich sichtbar.")
    )

    class Meta:
        verbose_name = _("Förderprogramm")
        verbose_name_plural = _("Förderprogramme")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "slug"],
                name="funding_programme_unique_slug",
                violation_error_message=_("Dieses Kürzel ist in der Region schon vergeben."),
            ),
            models.UniqueConstraint(
                fields=["region", "external_id"],
                condition=~Q(external_id=""),
                name="funding_programme_unique_external_id",
                violation_error_message=_(
                    "Ein Programm mit dieser Kennung der Förderdatenbank gibt es schon."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name


def call_status(
    opens_at: datetime.datetime | None, due: datetime.datetime, moment: datetime.datetime
) -> str:
    """Forthcoming before the call opens, open until `due`, closed from then on."""
    if opens_at is not None and moment < opens_at:
        return CallStatus.FORTHCOMING
    return CallStatus.OPEN if moment < due else CallStatus.CLOSED


def end_of_day(day: datetime.date) -> datetime.datetime:
    """'14.03.2021, 24:00 Uhr': the first moment after that day, Europe/Berlin."""
    return timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
    )


class Call(RegionScopedModel, TimeStampedModel, VersionedModel, PublishableModel):
    """A call for applications (Förderaufruf) of a programme, with its dates."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="calls", verbose_name=_("Programm")
    )
    title = models.CharField(_("Titel"), max_length=300)
    opens_at = models.DateTimeField(_("Beginn"), null=True, blank=True)
    deadline = models.DateTimeField(
        _("Bewerbungsfrist"), help_text=_("„14.03.2021, 24:00 Uhr“ ist der 15.03.2021, 0:00 Uhr")
    )
    website = models.URLField(_("Website"), blank=True, max_length=500)

    class Meta:
        verbose_name = _("Förderaufruf")
        verbose_name_plural = _("Förderaufrufe")
        ordering = ["-deadline", "pk"]
        indexes = [models.Index(fields=["region", "deadline"], name="funding_call_deadline")]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True) | Q(opens_at__lt=models.F("deadline")),
                name="funding_call_opens_before_deadline",
                violation_error_message=_("Der Beginn muss vor der Bewerbungsfrist liegen."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def status_at(self, moment: datetime.datetime) -> str:
        return call_status(self.opens_at, self.deadline, moment)

    @property
    def status(self) -> str:
        return self.status_at(timezone.now())


class CallDeadline(RegionScopedModel, TimeStampedModel, VersionedModel):
    """A later deadline of a call, e.g. council decisions on the own share."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="later_deadlines", verbose_name=_("Aufruf")
    )
    title = models.CharField(_("Titel"), max_length=300)
    due = models.DateTimeField(_("Frist"))

    class Meta:
        verbose_name = _("weitere Frist")
        verbose_name_plural = _("weitere Fristen")
        ordering = ["due", "pk"]

    def __str__(self) -> str:
        return self.title


class Application(RegionScopedModel, TimeStampedModel, VersionedModel, PublishableModel):
    """A bid to a call by the district and/or towns, with its sub-projects (work packages)."""

    call = models.ForeignKey(
        Call,
        on_delete=models.PROTECT,
        related_name="applications",
        null=True,
        blank=True,
        verbose_name=_("Aufruf"),
    )
    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        related_name="applications",
        null=True,
        blank=True,
        verbose_name=_("Programm"),
        help_text=_("Leer, solange das Programm nicht feststeht"),
    )
    slug = models.SlugField(_("Kürzel"), max_length=120)
    title = models.CharField(_("Titel"), max_length=300)
    summary = models.TextField(_("Kurzbeschreibung"), blank=True)
    status = models.CharField(
        _("Status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.IDEA,
    )
    district_applies = models.BooleanField(_("Der Kreis beantragt"), default=True)
    municipalities = models.ManyToManyField(
        "tenancy.Municipality",
        blank=True,
        related_name="funding_applications",
        verbose_name=_("beteiligte Kommunen"),
    )
    projects = models.ManyToManyField(
        "portfolio.Project",
        blank=True,
        related_name="funding_applications",
        verbose_name=_("Projekte"),
    )
    partners = models.CharField(_("Partner"), max_length=500, blank=True)
    submitted_on = models.DateField(_("eingereicht am"), null=True, blank=True)
    decided_on = models.DateField(_("entschieden am"), null=True, blank=True)
    start_date = models.DateField(_("Beginn"), null=True, blank=True)
    end_date = models.DateField(_("Ende"), null=True, blank=True)
    requested_amount = models.DecimalField(
        _("beantragt (€)"), **AMOUNT, validators=AMOUNT_RANGE, null=True, blank=True
    )
    granted_amount = models.DecimalField(
        _("bewilligt (€)"), **AMOUNT, validators=AMOUNT_RANGE, null=True, blank=True
    )
    third_party = models.DecimalField(
        _("Mittel Dritter (€)"), **AMOUNT, validators=AMOUNT_RANGE, default=Decimal("0.00")
    )
    split_mode = models.CharField(
        _("Aufteilung des Eigenanteils"),
        max_length=20,
        choices=SplitMode.choices,
        default=SplitMode.EQUAL,
    )
    internal_notes = models.TextField(
        _("interne Notizen"), blank=True, help_text=_("Nie öffentlich sichtbar.")
    )

    class Meta:
        verbose_name = _("Förderantrag")
        verbose_name_plural = _("Förderanträge")
        ordering = ["-submitted_on", "title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "slug"],
                name="funding_application_unique_slug",
                violation_error_message=_("Dieses Kürzel ist in der Region schon vergeben."),
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(start_date__lte=models.F("end_date")),
                name="funding_application_start_before_end",
                violation_error_message=_("Das Ende liegt vor dem Beginn."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class OwnShareWeight(RegionScopedModel, TimeStampedModel, VersionedModel):
    """A town's fixed part of an application's own share (split mode "manual"); the parts
    of one application are weights, shown as percent, and need not add up to 100."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="own_share_weights",
        verbose_name=_("Antrag"),
    )
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("Kommune"),
    )
    weight = models.DecimalField(
        _("Anteil (%)"),
        max_digits=7,
        decimal_places=4,
        validators=[
            MinValueValidator(0, _("Der Anteil darf nicht negativ sein.")),
            MaxValueValidator(100, _("Der Anteil liegt zwischen 0 und 100 %.")),
        ],
    )

    class Meta:
        verbose_name = _("Anteil am Eigenanteil")
        verbose_name_plural = _("Anteile am Eigenanteil")
        ordering = ["application", "municipality__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "municipality"],
                name="funding_ownshareweight_unique_town",
                violation_error_message=_("Für diese Kommune ist schon ein Anteil festgelegt."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.weight} %"


class SubProject(RegionScopedModel, TimeStampedModel, VersionedModel):
    """A work package of an application, optionally carrying a project of the portfolio."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="subprojects",
        verbose_name=_("Antrag"),
    )
    title = models.CharField(_("Titel"), max_length=300)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    project = models.ForeignKey(
        "portfolio.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="funding_subprojects",
        verbose_name=_("Projekt"),
    )

    class Meta:
        verbose_name = _("Teilprojekt")
        verbose_name_plural = _("Teilprojekte")
        ordering = ["application", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class BudgetLine(RegionScopedModel, TimeStampedModel, VersionedModel):
    """One line of a sub-project's financing plan, in exact euros."""

    subproject = models.ForeignKey(
        SubProject, on_delete=models.CASCADE, related_name="lines", verbose_name=_("Teilprojekt")
    )
    label = models.CharField(_("Bezeichnung"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(
        _("Jahr"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
    )
    kind = models.CharField(_("Art"), max_length=20, choices=LineKind.choices)
    eligible = models.BooleanField(_("förderfähig"), default=True)
    amount = models.DecimalField(_("Betrag (€)"), **AMOUNT, validators=AMOUNT_RANGE)

    class Meta:
        verbose_name = _("Budgetzeile")
        verbose_name_plural = _("Budgetzeilen")
        ordering = ["subproject", "year", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="funding_budgetline_not_negative",
                violation_error_message=_("Der Betrag darf nicht negativ sein."),
            )
        ]

    def __str__(self) -> str:
        return self.label or f"{self.get_kind_display()} {self.year or ''}".strip()


def default_remind_days() -> list[int]:
    return [14, 3]


class DeadlinePreference(models.Model):
    """A user's deadline settings in a region: reminder mails (days before a deadline) and
    the secret address of their iCalendar feed (only its SHA-256 is kept)."""

    region = models.ForeignKey("tenancy.Region", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deadline_preferences"
    )
    reminders_enabled = models.BooleanField(_("Erinnerungen per E-Mail"), default=True)
    remind_days = models.JSONField(
        _("Tage vorher"), default=default_remind_days, help_text=_("z. B. 14 und 3")
    )
    feed_token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    feed_created = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("Fristen-Einstellung")
        verbose_name_plural = _("Fristen-Einstellungen")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "user"], name="funding_deadlinepreference_unique_user"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.region})"


class DeadlineReminder(models.Model):
    """A reminder mail that was sent: the unique key makes each reminder go out once, even
    when the job runs twice at the same time or again after an interruption."""

    region = models.ForeignKey("tenancy.Region", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=100, help_text="e.g. call-12, calldeadline-5")
    due = models.DateTimeField()
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("verschickte Erinnerung")
        verbose_name_plural = _("verschickte Erinnerungen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key", "due", "days_before"],
                name="funding_deadlinereminder_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.days_before}"
