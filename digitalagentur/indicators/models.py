"""Indicators: what measures whether the strategy's goals are reached.

An indicator has targets (values to reach by a date) and measured values over time, for the
whole region or for one town. Its status (indicators/status.py) compares the latest value of
the whole region with the target path.
"""

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from digitalagentur.core.models import (
    PublishableModel,
    RegionScopedModel,
    TimeStampedModel,
    VersionedModel,
)

from .choices import Direction
from .numbers import VALUE_DIGITS, plain

# Dates of targets and values: anything else is a typing error (and would break the charts).
FIRST_DATE, LAST_DATE = datetime.date(1900, 1, 1), datetime.date(2199, 12, 31)
DATE_RANGE = [
    MinValueValidator(FIRST_DATE, _("Bitte ein Datum ab dem Jahr 1900 angeben.")),
    MaxValueValidator(LAST_DATE, _("Bitte ein Datum bis zum Jahr 2199 angeben.")),
]


class Indicator(RegionScopedModel, TimeStampedModel, VersionedModel, PublishableModel):
    slug = models.SlugField(_("Kürzel"), max_length=120)
    name = models.CharField(_("Name"), max_length=200)
    unit = models.CharField(
        _("Einheit"), max_length=40, blank=True, help_text=_("z. B. %, Anzahl, Minuten")
    )
    direction = models.CharField(
        _("Richtung"),
        max_length=10,
        choices=Direction.choices,
        default=Direction.HIGHER_IS_BETTER,
    )
    decimals = models.PositiveSmallIntegerField(
        _("Nachkommastellen"),
        default=0,
        validators=[MaxValueValidator(4)],
        help_text=_("So viele Stellen zeigen Seiten und Diagramme."),
    )
    description = models.TextField(_("Beschreibung"), blank=True)
    source = models.CharField(
        _("Quelle"), max_length=300, blank=True, help_text=_("Woher die Werte stammen")
    )
    owner = models.CharField(
        _("Verantwortlich"), max_length=300, blank=True, help_text=_("Person oder Stelle")
    )
    interval_months = models.PositiveSmallIntegerField(
        _("Erhebung alle … Monate"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Ist der letzte Wert älter, erscheint der Indikator unter „Handlungsbedarf“."),
    )
    is_demo = models.BooleanField(
        _("Demodaten"),
        default=False,
        help_text=_("Beispielwerte, keine echten Messungen; Seiten weisen darauf hin."),
    )
    fields = models.ManyToManyField(
        "strategy.Field", blank=True, related_name="indicators", verbose_name=_("Handlungsfelder")
    )
    goals = models.ManyToManyField(
        "strategy.Goal", blank=True, related_name="indicators", verbose_name=_("Ziele")
    )
    projects = models.ManyToManyField(
        "portfolio.Project", blank=True, related_name="indicators", verbose_name=_("Projekte")
    )
    municipalities = models.ManyToManyField(
        "tenancy.Municipality",
        blank=True,
        related_name="indicators",
        verbose_name=_("Kommunen"),
    )

    class Meta:
        verbose_name = _("Indikator")
        verbose_name_plural = _("Indikatoren")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "slug"],
                name="indicators_indicator_unique_slug",
                violation_error_message=_("Dieses Kürzel ist in der Region schon vergeben."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def higher_is_better(self) -> bool:
        return self.direction == Direction.HIGHER_IS_BETTER


class IndicatorTarget(RegionScopedModel, TimeStampedModel, VersionedModel):
    """A value the indicator should reach by a date (for the whole region)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="targets", verbose_name=_("Indikator")
    )
    date = models.DateField(_("bis"), validators=DATE_RANGE)
    value = models.DecimalField(_("Zielwert"), **VALUE_DIGITS)
    note = models.CharField(_("Anmerkung"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Zielwert")
        verbose_name_plural = _("Zielwerte")
        ordering = ["indicator", "date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "date"],
                name="indicators_target_unique_date",
                violation_error_message=_("Für dieses Datum gibt es schon einen Zielwert."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {plain(self.value)} bis {self.date:%d.%m.%Y}"


class IndicatorValue(RegionScopedModel, TimeStampedModel, VersionedModel):
    """A measured value on a date, for the whole region or for one town."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("Indikator")
    )
    date = models.DateField(_("Stichtag"), validators=DATE_RANGE)
    value = models.DecimalField(_("Wert"), **VALUE_DIGITS)
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicator_values",
        verbose_name=_("Kommune"),
        help_text=_("Leer: Wert für die ganze Region"),
    )
    note = models.CharField(_("Anmerkung"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Messwert")
        verbose_name_plural = _("Messwerte")
        ordering = ["indicator", "date", "pk"]
        indexes = [
            models.Index(fields=["indicator", "municipality", "-date"], name="indicators_latest")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "date"],
                condition=Q(municipality__isnull=True),
                name="indicators_value_unique_region_date",
                violation_error_message=_(
                    "Für diesen Stichtag gibt es schon einen Wert der Region."
                ),
            ),
            models.UniqueConstraint(
                fields=["indicator", "municipality", "date"],
                condition=Q(municipality__isnull=False),
                name="indicators_value_unique_town_date",
                violation_error_message=_(
                    "Für diesen Stichtag gibt es schon einen Wert dieser Kommune."
                ),
            ),
        ]

    def __str__(self) -> str:
        where = f" ({self.municipality})" if self.municipality_id else ""
        return f"{self.indicator}{where}: {plain(self.value)} am {self.date:%d.%m.%Y}"
