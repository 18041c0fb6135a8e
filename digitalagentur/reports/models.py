"""Council papers of the Digitalagentur: committee meetings and status reports
(Sachstandsberichte), and the legislative terms they fall in (also served as OParl 1.1)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digitalagentur.core.models import RegionScopedModel, TimeStampedModel, VersionedModel

from .choices import GenerationState, ReportStatus


class LegislativeTerm(RegionScopedModel, TimeStampedModel, VersionedModel):
    """A council's term (Wahlperiode), e.g. of the Kreistag 2020–2025."""

    name = models.CharField(_("Name"), max_length=200)
    start_date = models.DateField(_("Beginn"))
    end_date = models.DateField(_("Ende"), null=True, blank=True)

    class Meta:
        verbose_name = _("Wahlperiode")
        verbose_name_plural = _("Wahlperioden")
        ordering = ["start_date", "pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Das Ende darf nicht vor dem Beginn liegen.")})


class Meeting(RegionScopedModel, TimeStampedModel, VersionedModel):
    """A meeting of a body (usually a council committee) that receives reports."""

    body = models.ForeignKey(
        "directory.Body",
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("Gremium"),
    )
    name = models.CharField(_("Bezeichnung"), max_length=300, blank=True)
    start = models.DateTimeField(_("Beginn"))
    end = models.DateTimeField(_("Ende"), null=True, blank=True)
    location = models.CharField(_("Ort"), max_length=300, blank=True)
    cancelled = models.BooleanField(_("abgesagt"), default=False)
    # The agenda may become public with the meeting (OParl lists the public reports as its
    # items); minutes, decisions and tasks are internal to the region's staff, always.
    agenda = models.TextField(
        _("Tagesordnung"),
        blank=True,
        help_text=_("Ein Punkt je Zeile, z. B. „1. Begrüßung“; Markdown ist möglich."),
    )
    minutes = models.TextField(_("Protokoll"), blank=True, help_text=_("Nur intern sichtbar."))
    decisions = models.TextField(
        _("Beschlüsse"), blank=True, help_text=_("Nur intern sichtbar; Markdown ist möglich.")
    )
    is_demo = models.BooleanField(_("Demo-Daten"), default=False, editable=False)

    class Meta:
        verbose_name = _("Sitzung")
        verbose_name_plural = _("Sitzungen")
        ordering = ["start", "pk"]

    def __str__(self) -> str:
        return self.name or f"{self.body} ({timezone.localtime(self.start):%d.%m.%Y})"

    def clean(self) -> None:
        super().clean()
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": _("Das Ende darf nicht vor dem Beginn liegen.")})
        if self.body_id and self.region_id and self.body.region_id != self.region_id:
            raise ValidationError({"body": _("Das Gremium gehört nicht zu dieser Region.")})


class MeetingTask(RegionScopedModel, TimeStampedModel, VersionedModel):
    """A task agreed in a meeting, with its owner (a user with a role in the region) and due
    date; it shows on the owner's dashboard until it is done. Internal to the staff."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("Sitzung")
    )
    title = models.CharField(_("Aufgabe"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_tasks",
        verbose_name=_("zuständig"),
    )
    due_date = models.DateField(_("fällig am"), null=True, blank=True)
    done_at = models.DateTimeField(_("erledigt am"), null=True, blank=True, editable=False)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("erledigt von"),
    )
    is_demo = models.BooleanField(_("Demo-Daten"), default=False, editable=False)

    class Meta:
        verbose_name = _("Aufgabe aus einer Sitzung")
        verbose_name_plural = _("Aufgaben aus Sitzungen")
        ordering = [models.F("due_date").asc(nulls_last=True), "pk"]
        indexes = [
            models.Index(fields=["owner", "done_at"], name="reports_task_owner_open"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    def is_overdue(self, today=None) -> bool:
        """Open and due before `today` (Berlin)."""
        today = today or timezone.localdate()
        return not self.is_done and self.due_date is not None and self.due_date < today

    def clean(self) -> None:
        super().clean()
        if self.meeting_id and self.region_id and self.meeting.region_id != self.region_id:
            raise ValidationError({"meeting": _("Die Sitzung gehört nicht zu dieser Region.")})


class StatusReport(RegionScopedModel, TimeStampedModel, VersionedModel):
    """A status report (Sachstandsbericht) to a committee, as a council paper.

    `sections` is the report's text: a list of {"key", "title", "generated", "text"}, where
    "generated" is what the generator wrote last and "text" what the report says now (equal
    until someone edits it). Regenerating replaces "generated" and, only where the two were
    equal or when the editor confirms, "text" (reports/services.py).
    """

    reference = models.CharField(
        _("Vorlagennummer"), max_length=100, blank=True, help_text=_("z. B. SV-10-0671")
    )
    title = models.CharField(_("Betreff"), max_length=500)
    date = models.DateField(_("Datum der Vorlage"))
    body = models.ForeignKey(
        "directory.Body",
        on_delete=models.PROTECT,
        related_name="status_reports",
        verbose_name=_("Ausschuss"),
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="status_reports",
        verbose_name=_("Sitzung"),
    )
    period_start = models.DateField(_("Berichtszeitraum von"))
    period_end = models.DateField(_("Berichtszeitraum bis"))
    topics = models.JSONField(_("Themen"), default=list, blank=True)
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="following",
        verbose_name=_("vorheriger Bericht"),
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    resolution = models.TextField(_("Beschlussvorschlag"), blank=True)
    sections = models.JSONField(_("Abschnitte"), default=list, blank=True)
    attachments = models.TextField(_("Anlagen"), blank=True, help_text=_("Eine Anlage je Zeile."))
    generated_at = models.DateTimeField(_("zuletzt erzeugt"), null=True, blank=True)
    generation_state = models.CharField(
        _("Erstellung"),
        max_length=10,
        choices=GenerationState.choices,
        default=GenerationState.IDLE,
        editable=False,
    )
    generation_progress = models.PositiveSmallIntegerField(
        _("Fortschritt (%)"), default=0, editable=False
    )
    generation_error = models.CharField(
        _("Fehler der Erstellung"), max_length=500, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("Sachstandsbericht")
        verbose_name_plural = _("Sachstandsberichte")
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "reference"],
                condition=~Q(reference=""),
                name="reports_statusreport_unique_reference",
                violation_error_message=_("Diese Vorlagennummer ist schon vergeben."),
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="reports_statusreport_period_order",
                violation_error_message=_(
                    "Das Ende des Berichtszeitraums darf nicht vor seinem Beginn liegen."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}".strip() if self.reference else self.title

    @property
    def is_draft(self) -> bool:
        return self.status == ReportStatus.DRAFT

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _(
                "Das Ende des Berichtszeitraums darf nicht vor seinem Beginn liegen."
            )
        if self.body_id and self.region_id and self.body.region_id != self.region_id:
            errors["body"] = _("Der Ausschuss gehört nicht zu dieser Region.")
        if self.meeting_id and self.meeting.body_id != self.body_id:
            errors["meeting"] = _("Die Sitzung gehört nicht zu diesem Ausschuss.")
        if self.previous_id and (
            self.previous_id == self.pk or self.previous.region_id != self.region_id
        ):
            errors["previous"] = _("Ungültiger vorheriger Bericht.")
        if errors:
            raise ValidationError(errors)


class Brochure(models.Model):
    """The PDF brochure of a frozen strategy version (reports/brochure.py), made once by a
    background job and kept: the version never changes, so neither does its brochure.

    `public` brochures hold only what the public may see (no drafts). No region column of its
    own (the version's region applies): making a brochure changes nothing a page shows, so it
    must not raise the region's content version (tenancy/content.py).
    """

    version = models.ForeignKey(
        "strategy.StrategyVersion",
        on_delete=models.CASCADE,
        related_name="brochures",
        verbose_name=_("Fassung"),
    )
    public = models.BooleanField(_("öffentliche Fassung"))
    pdf = models.BinaryField(_("PDF"), blank=True, default=b"", editable=False)
    made_at = models.DateTimeField(_("erstellt am"), null=True, blank=True, editable=False)
    generation_state = models.CharField(
        _("Erstellung"),
        max_length=10,
        choices=GenerationState.choices,
        default=GenerationState.IDLE,
        editable=False,
    )
    generation_progress = models.PositiveSmallIntegerField(
        _("Fortschritt (%)"), default=0, editable=False
    )
    generation_error = models.CharField(
        _("Fehler der Erstellung"), max_length=500, blank=True, editable=False
    )
    generation_changed = models.DateTimeField(
        _("Erstellung zuletzt geändert"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Wann der Auftrag eingereiht, begonnen, fortgeschritten oder gescheitert ist."),
    )
    render_version = models.PositiveSmallIntegerField(
        _("Version der Vorlage"), default=0, editable=False
    )

    class Meta:
        verbose_name = _("Broschüre")
        verbose_name_plural = _("Broschüren")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "public"], name="reports_brochure_unique_version_public"
            )
        ]

    def __str__(self) -> str:
        kind = _("öffentlich") if self.public else _("intern")
        return f"{self.version} ({kind})"

    @property
    def ready(self) -> bool:
        """Made, and with the current templates (an older PDF counts as not made)."""
        from .brochure import RENDER_VERSION

        return self.made_at is not None and self.render_version == RENDER_VERSION
