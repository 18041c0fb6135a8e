"""The project portfolio: strategy projects (P1–P28) and local projects of single towns."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digitalagentur.core.models import (
    PublishableModel,
    RegionScopedModel,
    TimeStampedModel,
    VersionedModel,
)

from .choices import ParticipationRole, ProjectPhase, ProjectStatus, ReuseKind

CODE_TAKEN_MESSAGE = _("Diese Kennung ist in der Region schon vergeben.")


class Project(RegionScopedModel, TimeStampedModel, VersionedModel, PublishableModel):
    """A project with its profile (Steckbrief); strategy projects carry a code such as P7."""

    code = models.CharField(
        _("Kennung"), max_length=20, blank=True, help_text=_("z. B. P7 für Strategieprojekte")
    )
    slug = models.SlugField(_("Kürzel"), max_length=120)
    title = models.CharField(_("Titel"), max_length=300)
    field = models.ForeignKey(
        "strategy.Field",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("Handlungsfeld"),
    )
    is_strategy_project = models.BooleanField(_("Projekt der Strategie"), default=False)
    is_lighthouse = models.BooleanField(_("Leuchtturmprojekt"), default=False)
    summary = models.CharField(_("Kurzbeschreibung"), max_length=500, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    central_benefit = models.TextField(_("Zentraler Nutzen"), blank=True)
    challenges = models.TextField(_("Vermutete Herausforderungen"), blank=True)
    lead = models.CharField(
        _("Kümmerer"), max_length=300, blank=True, help_text=_("Person oder Stelle")
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )
    progress = models.PositiveSmallIntegerField(
        _("Fortschritt (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    progress_is_override = models.BooleanField(
        _("Status und Fortschritt von der Koordination festgelegt"),
        default=False,
        help_text=_(
            "Sonst ergeben sich Status und Fortschritt eines Projekts mehrerer Kommunen aus den "
            "Teilen der Kommunen."
        ),
    )
    start_date = models.DateField(_("Beginn"), null=True, blank=True)
    end_date = models.DateField(_("Ende"), null=True, blank=True)
    last_activity = models.DateTimeField(
        _("zuletzt aktualisiert"),
        default=timezone.now,
        editable=False,
        help_text=_(
            "Letzte Änderung am Projekt, an einem Teil einer Kommune, einem Meilenstein oder "
            "einem Projekt-Update (portfolio/activity.py)."
        ),
    )
    website = models.URLField(_("Website"), blank=True)
    internal_notes = models.TextField(
        _("interne Notizen"), blank=True, help_text=_("Nie öffentlich sichtbar.")
    )
    municipalities = models.ManyToManyField(
        "tenancy.Municipality",
        through="Participation",
        related_name="projects",
        blank=True,
        verbose_name=_("beteiligte Kommunen"),
    )

    class Meta:
        verbose_name = _("Projekt")
        verbose_name_plural = _("Projekte")
        ordering = ["-is_strategy_project", "sort_key", "title"]
        # Every filter and sort of the project lists, within a region (docs/performance.md).
        indexes = [
            models.Index(
                "region",
                "published",
                models.F("is_strategy_project").desc(),
                "sort_key",
                "code",
                name="portfolio_project_by_code",
            ),
            models.Index(fields=["region", "status"], name="portfolio_project_status"),
            models.Index(fields=["region", "progress"], name="portfolio_project_progress"),
            models.Index(fields=["region", "title"], name="portfolio_project_title"),
            models.Index(fields=["region", "updated"], name="portfolio_project_updated"),
            models.Index(
                "region", models.F("last_activity").desc(), name="portfolio_project_activity"
            ),
            models.Index(fields=["region", "field"], name="portfolio_project_field"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "slug"],
                name="portfolio_project_unique_slug",
                violation_error_message=_("Dieses Kürzel ist in der Region schon vergeben."),
            ),
            # One rule for the staff area, the API and imports: codes are unique per region
            # whatever their case ("P7" and "p7" are the same project code).
            models.UniqueConstraint(
                "region",
                Lower("code"),
                condition=~Q(code=""),
                name="portfolio_project_unique_code_ci",
                violation_error_message=CODE_TAKEN_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100),
                name="portfolio_project_progress_max_100",
                violation_error_message=_("Der Fortschritt liegt zwischen 0 und 100 %."),
            ),
        ]

    sort_key = models.PositiveIntegerField(default=0, editable=False)

    @property
    def is_finished(self) -> bool:
        """Completed or discontinued: open milestones and old updates no longer matter."""
        return self.status in (ProjectStatus.COMPLETED, ProjectStatus.DISCONTINUED)

    def __str__(self) -> str:
        return f"{self.code}: {self.title}" if self.code else self.title

    def save(self, *args, **kwargs):
        self.sort_key = code_sort_key(self.code)
        self.last_activity = timezone.now()
        super().save(*args, **kwargs)

    def participating_town_ids(self) -> set[int]:
        return set(self.participations.values_list("municipality_id", flat=True))


def code_sort_key(code: str) -> int:
    """P2 before P10: the number in a code, 0 for none."""
    digits = "".join(ch for ch in code if "0" <= ch <= "9")[:9]
    return int(digits) if digits else 0


class Participation(TimeStampedModel, VersionedModel):
    """A town taking part in a project, as lead or partner, with its part of the project:
    the town's own status, progress and a short note (portfolio/rollup.py adds them up)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="participations")
    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.CASCADE, related_name="participations"
    )
    role = models.CharField(
        _("Rolle"),
        max_length=10,
        choices=ParticipationRole.choices,
        default=ParticipationRole.PARTNER,
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )
    progress = models.PositiveSmallIntegerField(
        _("Fortschritt (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    note = models.CharField(
        _("Notiz"), max_length=500, blank=True, help_text=_("Kurz: wo die Kommune steht")
    )

    class Meta:
        verbose_name = _("Teil der Kommune")
        verbose_name_plural = _("Teile der Kommunen")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "municipality"],
                name="portfolio_participation_unique",
                violation_error_message=_("Diese Kommune ist schon beteiligt."),
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100),
                name="portfolio_participation_progress_max_100",
                violation_error_message=_("Der Fortschritt liegt zwischen 0 und 100 %."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} – {self.project} ({self.get_role_display()})"

    @property
    def region_id(self) -> int:
        """The project's region (the change log and the content version file a part there)."""
        return self.project.region_id


def leads_first(parts: models.QuerySet) -> models.QuerySet:
    """Participations with leading towns first, then by the town's name (the order in which
    every list and page names a project's towns)."""
    lead_rank = models.Case(
        models.When(role=ParticipationRole.LEAD, then=models.Value(0)),
        default=models.Value(1),
        output_field=models.IntegerField(),
    )
    return parts.order_by(lead_rank, "municipality__name", "municipality_id")


class Milestone(RegionScopedModel, TimeStampedModel, VersionedModel, PublishableModel):
    """A milestone of a project; completed milestones drive the computed progress."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("Projekt")
    )
    title = models.CharField(_("Titel"), max_length=300)
    description = models.TextField(_("Beschreibung"), blank=True)
    due_date = models.DateField(_("geplant für"), null=True, blank=True)
    completed_on = models.DateField(_("erreicht am"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Meilenstein")
        verbose_name_plural = _("Meilensteine")
        ordering = ["project", "position", "due_date", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_completed(self) -> bool:
        return self.completed_on is not None

    @property
    def is_overdue(self) -> bool:
        """Its date has passed (Europe/Berlin) and it is not reached (pages show it only
        while the project is not finished: Project.is_finished)."""
        return (
            self.completed_on is None
            and self.due_date is not None
            and self.due_date < timezone.localdate()
        )


class ProjectUpdate(RegionScopedModel, TimeStampedModel, VersionedModel, PublishableModel):
    """A dated progress note on a project (Sachstand)."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="updates", verbose_name=_("Projekt")
    )
    date = models.DateField(_("Datum"))
    title = models.CharField(_("Titel"), max_length=300)
    text = models.TextField(_("Text"))
    source = models.CharField(_("Quelle"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Projekt-Update")
        verbose_name_plural = _("Projekt-Updates")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["project", "-date"], name="portfolio_update_latest")]

    def __str__(self) -> str:
        return self.title


class ReuseOffer(RegionScopedModel, TimeStampedModel, VersionedModel):
    """A project offered to the other towns for reuse ("zur Nachnutzung", issue 14): what was
    built, what it cost, what the town would do differently, and whom to ask. Its documents are
    the library's documents of the project (library.Document.project)."""

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, related_name="reuse_offer", verbose_name=_("Projekt")
    )
    built = models.TextField(
        _("Was entstanden ist"),
        help_text=_("Was die Kommune aufgebaut hat und was andere davon übernehmen können."),
    )
    cost_eur = models.DecimalField(
        _("Kosten (Euro)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    cost_note = models.CharField(
        _("Erläuterung der Kosten"),
        max_length=300,
        blank=True,
        help_text=_("z. B. einmalig für die Einführung, dazu 1.500 Euro im Jahr für den Betrieb"),
    )
    lessons = models.TextField(_("Was wir heute anders machen würden"), blank=True)
    contact = models.CharField(
        _("Ansprechpartner"),
        max_length=300,
        help_text=_("Stelle oder Person; wird mit dem Projekt öffentlich angezeigt."),
    )
    contact_email = models.EmailField(_("E-Mail des Ansprechpartners"), blank=True)

    class Meta:
        verbose_name = _("Angebot zur Nachnutzung")
        verbose_name_plural = _("Angebote zur Nachnutzung")
        ordering = ["project__title", "pk"]

    def __str__(self) -> str:
        return str(self.project)

    def clean(self) -> None:
        super().clean()
        if self.project_id and self.region_id and self.project.region_id != self.region_id:
            raise ValidationError({"project": _("Das Projekt gehört nicht zu dieser Region.")})


class Reuse(RegionScopedModel, TimeStampedModel):
    """Another town reusing an offered project: it joined the project (kind join) or copied it
    into a local project of its own (kind copy, linked by `copy`)."""

    original = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="reuses", verbose_name=_("Original")
    )
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.CASCADE,
        related_name="reuses",
        verbose_name=_("Stadt/Gemeinde"),
    )
    kind = models.CharField(_("Art"), max_length=10, choices=ReuseKind.choices)
    copy = models.OneToOneField(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reused_from",
        verbose_name=_("eigenes Projekt"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("angelegt von"),
    )

    class Meta:
        verbose_name = _("Nachnutzung")
        verbose_name_plural = _("Nachnutzungen")
        ordering = ["created", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["original", "municipality"],
                name="portfolio_reuse_once_per_town",
                violation_error_message=_("Diese Kommune nutzt das Projekt bereits nach."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} – {self.original}"


class ChecklistItem(RegionScopedModel, TimeStampedModel, VersionedModel):
    """A point of the region's checklist for a project phase, defined once by the
    coordination and ticked off per project (ChecklistTick)."""

    phase = models.CharField(_("Phase"), max_length=20, choices=ProjectPhase.choices)
    text = models.CharField(_("Prüfpunkt"), max_length=300)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Prüfpunkt")
        verbose_name_plural = _("Prüfpunkte")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text


class ChecklistTick(models.Model):
    """A project has done a checklist point: who ticked it off, and when."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="checklist_ticks")
    item = models.ForeignKey(ChecklistItem, on_delete=models.CASCADE, related_name="ticks")
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    done_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("erledigter Prüfpunkt")
        verbose_name_plural = _("erledigte Prüfpunkte")
        constraints = [
            models.UniqueConstraint(fields=["project", "item"], name="portfolio_tick_once")
        ]

    def __str__(self) -> str:
        return str(self.item)

    @property
    def region_id(self) -> int | None:
        return self.item.region_id if self.item_id else None
