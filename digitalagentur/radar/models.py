"""Technology radar (issue 14, section 1): radars with their quadrants and rings, the entries
(blips) with their ring history, and the dated editions that freeze what readers saw.

Rings and quadrants are rows, not choices, so that every radar names its own (the district's
default or the Thoughtworks preset, radar/presets.py). Position 0 of the rings is the innermost
ring ("Einsetzen" / "Adopt"): "moved in" means a smaller position (radar/movement.py).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from digitalagentur.core.models import (
    PublishableModel,
    RegionScopedModel,
    TimeStampedModel,
    VersionedModel,
)

NAME_MAX = 200
DESCRIPTION_MAX = 10000
MAX_QUADRANTS = 4
MAX_RINGS = 4


class Radar(RegionScopedModel, TimeStampedModel, VersionedModel, PublishableModel):
    """A technology radar of the region (e.g. the administration's, or P12 "Chancen-Radar")."""

    slug = models.SlugField(_("Kürzel"), max_length=120)
    name = models.CharField(_("Name"), max_length=NAME_MAX)
    description = models.TextField(
        _("Beschreibung"), blank=True, validators=[MaxLengthValidator(DESCRIPTION_MAX)]
    )
    is_demo = models.BooleanField(_("Demo-Daten"), default=False, editable=False)

    class Meta:
        verbose_name = _("Technologie-Radar")
        verbose_name_plural = _("Technologie-Radare")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "slug"],
                name="radar_radar_slug",
                violation_error_message=_("Dieses Kürzel ist in der Region schon vergeben."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Quadrant(models.Model):
    """One of a radar's (at most four) sectors, e.g. "Infrastruktur"."""

    radar = models.ForeignKey(Radar, on_delete=models.CASCADE, related_name="quadrants")
    name = models.CharField(_("Name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"))

    class Meta:
        verbose_name = _("Quadrant")
        verbose_name_plural = _("Quadranten")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["radar", "position"],
                name="radar_quadrant_position",
                violation_error_message=_("Diese Position ist schon vergeben."),
            ),
            models.UniqueConstraint(
                Lower("name"),
                "radar",
                name="radar_quadrant_name",
                violation_error_message=_("Diesen Quadranten gibt es schon."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Ring(models.Model):
    """One of a radar's rings, innermost (position 0, e.g. "Einsetzen") first."""

    radar = models.ForeignKey(Radar, on_delete=models.CASCADE, related_name="rings")
    name = models.CharField(_("Name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"))

    class Meta:
        verbose_name = _("Ring")
        verbose_name_plural = _("Ringe")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["radar", "position"],
                name="radar_ring_position",
                violation_error_message=_("Diese Position ist schon vergeben."),
            ),
            models.UniqueConstraint(
                Lower("name"),
                "radar",
                name="radar_ring_name",
                violation_error_message=_("Diesen Ring gibt es schon."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Entry(RegionScopedModel, TimeStampedModel, VersionedModel):
    """A blip: a technology in a quadrant and a ring, with the fields of action, projects and
    towns that use or test it. Its name is unique in the radar, case aside."""

    radar = models.ForeignKey(Radar, on_delete=models.CASCADE, related_name="entries")
    name = models.CharField(_("Name"), max_length=NAME_MAX)
    quadrant = models.ForeignKey(
        Quadrant, on_delete=models.RESTRICT, related_name="entries", verbose_name=_("Quadrant")
    )
    ring = models.ForeignKey(
        Ring, on_delete=models.RESTRICT, related_name="entries", verbose_name=_("Ring")
    )
    description = models.TextField(
        _("Beschreibung"), blank=True, validators=[MaxLengthValidator(DESCRIPTION_MAX)]
    )
    # A list of web addresses (checked by radar.services), the first is the main link.
    links = models.JSONField(_("Links"), default=list, blank=True)
    fields = models.ManyToManyField(
        "strategy.Field",
        blank=True,
        related_name="radar_entries",
        verbose_name=_("Handlungsfelder"),
    )
    projects = models.ManyToManyField(
        "portfolio.Project", blank=True, related_name="radar_entries", verbose_name=_("Projekte")
    )
    municipalities = models.ManyToManyField(
        "tenancy.Municipality",
        blank=True,
        related_name="radar_entries",
        verbose_name=_("Kommunen, die es einsetzen"),
    )
    contact = models.CharField(_("Ansprechperson"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("Demo-Daten"), default=False, editable=False)

    class Meta:
        verbose_name = _("Radar-Eintrag")
        verbose_name_plural = _("Radar-Einträge")
        ordering = ["quadrant__position", "ring__position", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "radar",
                name="radar_entry_name",
                violation_error_message=_("Einen Eintrag mit diesem Namen gibt es schon."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class RingChange(RegionScopedModel):
    """A step in an entry's ring history; `old_ring` is empty when the entry was added."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="ring_changes")
    date = models.DateField(_("Datum"))
    old_ring = models.ForeignKey(
        Ring,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bisheriger Ring"),
    )
    new_ring = models.ForeignKey(
        Ring, on_delete=models.RESTRICT, related_name="+", verbose_name=_("neuer Ring")
    )
    reason = models.CharField(_("Begründung"), max_length=500, blank=True)
    created = models.DateTimeField(_("erfasst"), auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("von"),
    )

    class Meta:
        verbose_name = _("Ringwechsel")
        verbose_name_plural = _("Ringwechsel")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.entry}: {self.old_ring or '–'} → {self.new_ring}"


class Edition(RegionScopedModel):
    """A dated, published state of a radar, frozen like the strategy's versions.

    `snapshot` keeps what readers saw, whatever happens to the live entries later:
    {"quadrants": [names], "rings": [names, innermost first],
     "entries": [{"name", "quadrant", "ring", "description"}]}.
    """

    radar = models.ForeignKey(Radar, on_delete=models.CASCADE, related_name="editions")
    date = models.DateField(_("Datum"))
    note = models.TextField(_("Anmerkung"), blank=True)
    created = models.DateTimeField(_("eingefroren am"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("eingefroren von"),
    )
    snapshot = models.JSONField(_("Inhalt"))

    class Meta:
        verbose_name = _("Ausgabe")
        verbose_name_plural = _("Ausgaben")
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["radar", "date"],
                name="radar_edition_date",
                violation_error_message=_("An diesem Tag gibt es schon eine Ausgabe."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.radar} ({self.date:%d.%m.%Y})"
