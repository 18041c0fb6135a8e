"""The strategy as a living document: vision, fields, guiding principles, goals, versions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from digitalagentur.core.models import (
    PublishableModel,
    RegionScopedModel,
    TimeStampedModel,
    VersionedModel,
)

from .choices import DatePrecision, Decision, Topic


class Strategy(RegionScopedModel, TimeStampedModel, VersionedModel, PublishableModel):
    """A region's digitalisation strategy (one per region) with its vision."""

    title = models.CharField(_("Titel"), max_length=300)
    subtitle = models.CharField(_("Untertitel"), max_length=300, blank=True)
    vision = models.TextField(_("Vision"))
    introduction = models.TextField(_("Einleitung"), blank=True)

    class Meta:
        verbose_name = _("Strategie")
        verbose_name_plural = _("Strategien")
        constraints = [
            models.UniqueConstraint(
                fields=["region"],
                name="strategy_strategy_one_per_region",
                violation_error_message=_("Die Region hat bereits eine Strategie."),
            )
        ]

    def __str__(self) -> str:
        return self.title


class PriorityGroup(RegionScopedModel):
    """Priority group I, II or III of the fields of action."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="priority_groups")
    number = models.PositiveSmallIntegerField(_("Nummer"))
    name = models.CharField(_("Name"), max_length=100)
    description = models.TextField(_("Beschreibung"), blank=True)

    class Meta:
        verbose_name = _("Prioritätengruppe")
        verbose_name_plural = _("Prioritätengruppen")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "number"],
                name="strategy_prioritygroup_unique_number",
                violation_error_message=_("Diese Prioritätengruppe gibt es schon."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Field(RegionScopedModel, TimeStampedModel, VersionedModel, PublishableModel):
    """A field of action (Handlungsfeld) with its guiding principle (Leitbild)."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="fields")
    slug = models.SlugField(_("Kürzel"))
    name = models.CharField(_("Name"), max_length=200)
    priority_group = models.ForeignKey(
        PriorityGroup,
        on_delete=models.PROTECT,
        related_name="fields",
        verbose_name=_("Prioritätengruppe"),
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    description = models.TextField(_("Beschreibung"), blank=True)
    guiding_principle = models.TextField(_("Leitbild"), blank=True)
    # True where the source documents give no text and the demo wrote a placeholder.
    guiding_principle_is_demo_text = models.BooleanField(_("Leitbild ist Demo-Text"), default=False)
    internal_notes = models.TextField(_("interne Notizen"), blank=True)

    class Meta:
        verbose_name = _("Handlungsfeld")
        verbose_name_plural = _("Handlungsfelder")
        ordering = ["priority_group__number", "position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "slug"],
                name="strategy_field_unique_slug",
                violation_error_message=_("Dieses Kürzel ist schon vergeben."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Goal(RegionScopedModel, TimeStampedModel, VersionedModel, PublishableModel):
    """A goal (Ziel) within a field of action."""

    field = models.ForeignKey(
        Field, on_delete=models.CASCADE, related_name="goals", verbose_name=_("Handlungsfeld")
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    title = models.CharField(_("Ziel"), max_length=300)
    description = models.TextField(_("Beschreibung"), blank=True)

    class Meta:
        verbose_name = _("Ziel")
        verbose_name_plural = _("Ziele")
        ordering = ["field", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class StrategyVersion(RegionScopedModel):
    """A frozen, named state of the strategy (e.g. "Fassung 2021 (Beschluss)").

    `snapshot` holds the whole content at freezing time (see strategy.versions), so a version
    can be shown and compared long after the live data has moved on.
    """

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="versions")
    name = models.CharField(_("Name"), max_length=200)
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
        verbose_name = _("Fassung")
        verbose_name_plural = _("Fassungen")
        ordering = ["-created", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "name"],
                name="strategy_version_unique_name",
                violation_error_message=_("Eine Fassung mit diesem Namen gibt es schon."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Adoption(RegionScopedModel, TimeStampedModel):
    """A council's (or committee's) decision on a version of the strategy."""

    version = models.ForeignKey(
        StrategyVersion,
        on_delete=models.PROTECT,
        related_name="adoptions",
        verbose_name=_("Fassung"),
    )
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="adoptions",
        verbose_name=_("Stadt/Gemeinde"),
        help_text=_("Leer für den Kreis (Kreistag)."),
    )
    body = models.ForeignKey(
        "directory.Body",
        on_delete=models.PROTECT,
        related_name="adoptions",
        verbose_name=_("Gremium"),
    )
    date = models.DateField(_("Sitzungsdatum"))
    date_precision = models.CharField(
        _("Genauigkeit des Datums"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    decision = models.CharField(
        _("Beschluss"), max_length=20, choices=Decision.choices, default=Decision.ADOPTED
    )
    paper_reference = models.CharField(_("Vorlage"), max_length=100, blank=True)
    note = models.TextField(_("Anmerkung"), blank=True)

    class Meta:
        verbose_name = _("Beschluss")
        verbose_name_plural = _("Beschlüsse")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.body}: {self.get_decision_display()} ({self.date:%d.%m.%Y})"


class TimelineEvent(RegionScopedModel):
    """A step in the strategy's history (kick-off, workshops, decisions)."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="timeline")
    date = models.DateField(_("Datum"))
    date_precision = models.CharField(
        _("Genauigkeit"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    title = models.CharField(_("Titel"), max_length=300)
    description = models.TextField(_("Beschreibung"), blank=True)
    topic = models.CharField(
        _("Thema"),
        max_length=20,
        choices=Topic.choices,
        default=Topic.STRATEGY,
        help_text=_("Unter welchem Thema ein Sachstandsbericht diesen Eintrag nennt."),
    )
    participants = models.PositiveIntegerField(
        _("Teilnehmende"), null=True, blank=True, help_text=_("Bei Veranstaltungen.")
    )

    class Meta:
        verbose_name = _("Meilenstein der Strategie")
        verbose_name_plural = _("Chronik der Strategie")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return self.title


class VersionDiff(RegionScopedModel):
    """The stored comparison of two frozen versions (snapshots never change: computed once).

    `public` tells whether it compares the public parts of the snapshots (no drafts) or all.
    """

    old = models.ForeignKey(StrategyVersion, on_delete=models.CASCADE, related_name="+")
    new = models.ForeignKey(StrategyVersion, on_delete=models.CASCADE, related_name="+")
    public = models.BooleanField(_("öffentlicher Teil"))
    diff = models.JSONField(_("Unterschied"))
    created = models.DateTimeField(_("berechnet am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Vergleich zweier Fassungen")
        verbose_name_plural = _("Vergleiche von Fassungen")
        constraints = [
            models.UniqueConstraint(
                fields=["old", "new", "public"], name="strategy_versiondiff_unique_pair"
            )
        ]

    def __str__(self) -> str:
        return f"{self.old} → {self.new}"
