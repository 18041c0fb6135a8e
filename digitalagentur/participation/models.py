"""Participation (issue 12): ideas from everyone with supports and comments, their moderation
and their way into the strategy, and competitions such as the ZukunftsWandler with a jury.

Supports are unique per person and idea in the database (participation_support_once), so
concurrent clicks cannot count anyone twice; the number shown is always a COUNT of those rows.
Jury scores are 0–10 by a check constraint and unique per juror, submission and criterion.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digitalagentur.core.models import RegionScopedModel, TimeStampedModel, VersionedModel

from .choices import PUBLIC_STATUSES, CompetitionPhase, IdeaStatus

TITLE_MAX = 150
TEXT_MAX = 5000
COMMENT_MAX = 2000
REASON_MAX = 2000


class IdeaQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status__in=PUBLIC_STATUSES)


class Idea(RegionScopedModel, TimeStampedModel, VersionedModel):
    """An idea for the strategy, submitted by a member of the public (or staff)."""

    title = models.CharField(_("Titel"), max_length=TITLE_MAX)
    text = models.TextField(_("Beschreibung"), validators=[MaxLengthValidator(TEXT_MAX)])
    field = models.ForeignKey(
        "strategy.Field",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("Handlungsfeld"),
    )
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("Kommune"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("eingereicht von"),
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=IdeaStatus.choices, default=IdeaStatus.RECEIVED
    )
    answer = models.TextField(
        _("Antwort"),
        blank=True,
        validators=[MaxLengthValidator(REASON_MAX)],
        help_text=_("Öffentliche Antwort bzw. Begründung der Koordination."),
    )
    answered = models.DateTimeField(_("beantwortet am"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("veröffentlicht am"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_ideas",
        verbose_name=_("zusammengeführt mit"),
    )
    project = models.OneToOneField(
        "portfolio.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="source_idea",
        verbose_name=_("Projekt"),
    )
    image = models.BinaryField(_("Bild"), null=True, blank=True, editable=False)
    image_type = models.CharField(max_length=20, blank=True, editable=False)
    image_alt = models.CharField(_("Bildbeschreibung"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("Demo-Daten"), default=False, editable=False)

    objects = IdeaQuerySet.as_manager()

    class Meta:
        verbose_name = _("Idee")
        verbose_name_plural = _("Ideen")
        ordering = ["-created", "-pk"]
        indexes = [
            models.Index(fields=["region", "status", "-created"], name="participation_idea_list"),
            models.Index(fields=["region", "status", "-answered"], name="participation_answered"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(merged_into=models.F("pk")),
                name="participation_idea_not_merged_into_itself",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES


class IdeaStatusChange(models.Model):
    """One step of an idea's way, shown on its page with the date (the reason is public)."""

    # Pages showing it are cached per region (tenancy/content.py): the way to its region.
    content_region_path = "idea__region_id"

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(_("Status"), max_length=20, choices=IdeaStatus.choices)
    reason = models.TextField(_("Begründung"), blank=True)
    time = models.DateTimeField(_("Zeitpunkt"), default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["time", "pk"]
        verbose_name = _("Statusänderung")
        verbose_name_plural = _("Statusänderungen")

    def __str__(self) -> str:
        return f"{self.idea_id}: {self.status}"


class Support(models.Model):
    """One person's support of an idea ("Unterstützen"): at most one per person and idea."""

    # Pages showing it are cached per region (tenancy/content.py): the way to its region.
    content_region_path = "idea__region_id"

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_supports"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Unterstützung")
        verbose_name_plural = _("Unterstützungen")
        constraints = [
            models.UniqueConstraint(fields=["idea", "user"], name="participation_support_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.idea_id}"


class Comment(TimeStampedModel):
    """A comment on an idea, or an answer to one (one level deep: answers have no answers)."""

    # Pages showing it are cached per region (tenancy/content.py): the way to its region.
    content_region_path = "idea__region_id"

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name=_("Antwort auf"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="idea_comments",
    )
    text = models.TextField(_("Kommentar"), validators=[MaxLengthValidator(COMMENT_MAX)])
    hidden = models.BooleanField(_("ausgeblendet"), default=False)
    hidden_reason = models.CharField(_("Grund für das Ausblenden"), max_length=500, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("Kommentar")
        verbose_name_plural = _("Kommentare")
        ordering = ["created", "pk"]


class CommentReport(models.Model):
    """A user's report of a comment to the moderators (one per user and comment)."""

    # Pages showing it are cached per region (tenancy/content.py): the way to its region.
    content_region_path = "comment__idea__region_id"

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("Grund"), max_length=500, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    handled = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "user"], name="participation_report_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.comment_id}"


class Competition(RegionScopedModel, TimeStampedModel, VersionedModel):
    """A call such as the ZukunftsWandler: dates, who may submit, criteria, prizes, a jury."""

    slug = models.SlugField(_("Kürzel"), max_length=120)
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    eligibility = models.TextField(_("Wer darf einreichen?"), blank=True)
    submission_start = models.DateTimeField(_("Einreichung ab"))
    submission_end = models.DateTimeField(_("Einreichung bis"))
    jury_end = models.DateTimeField(_("Jury-Phase bis"))
    award_date = models.DateField(_("Preisverleihung"), null=True, blank=True)
    # Extra fields of a submission: [{"key": "team", "label": "Team", "required": true}, ...]
    extra_fields = models.JSONField(_("zusätzliche Felder"), default=list, blank=True)
    published = models.BooleanField(_("veröffentlicht"), default=False)
    result_published = models.BooleanField(_("Ergebnis veröffentlicht"), default=False)
    is_demo = models.BooleanField(_("Demo-Daten"), default=False, editable=False)

    class Meta:
        verbose_name = _("Wettbewerb")
        verbose_name_plural = _("Wettbewerbe")
        ordering = ["-submission_start", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "slug"],
                name="participation_competition_slug",
                violation_error_message=_("Dieses Kürzel ist in der Region schon vergeben."),
            ),
            models.CheckConstraint(
                condition=Q(submission_end__gt=models.F("submission_start"))
                & Q(jury_end__gte=models.F("submission_end")),
                name="participation_competition_dates",
                violation_error_message=_(
                    "Die Einreichung endet nach ihrem Beginn, die Jury-Phase nach der Einreichung."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def phase(self, now=None) -> str:
        now = now or timezone.now()
        if self.result_published:
            return CompetitionPhase.RESULT
        if now < self.submission_start:
            return CompetitionPhase.UPCOMING
        if now < self.submission_end:
            return CompetitionPhase.SUBMISSION
        if now < self.jury_end:
            return CompetitionPhase.JURY
        return CompetitionPhase.AWAITING


class Criterion(models.Model):
    # Pages showing it are cached per region (tenancy/content.py): the way to its region.
    content_region_path = "competition__region_id"
    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("Kriterium"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    weight = models.DecimalField(
        _("Gewicht"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        ordering = ["competition", "position", "pk"]
        verbose_name = _("Kriterium")
        verbose_name_plural = _("Kriterien")
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gt=0), name="participation_criterion_weight_positive"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Prize(models.Model):
    # Pages showing it are cached per region (tenancy/content.py): the way to its region.
    content_region_path = "competition__region_id"
    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="prizes")
    position = models.PositiveSmallIntegerField(_("Platz"))
    name = models.CharField(_("Preis"), max_length=200)
    description = models.CharField(_("Beschreibung"), max_length=500, blank=True)
    winner = models.ForeignKey(
        "Submission",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="prizes",
        verbose_name=_("Gewinner"),
    )

    class Meta:
        ordering = ["competition", "position", "pk"]
        verbose_name = _("Preis")
        verbose_name_plural = _("Preise")
        constraints = [
            models.UniqueConstraint(
                fields=["competition", "position"], name="participation_prize_position"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Juror(models.Model):
    # Pages showing it are cached per region (tenancy/content.py): the way to its region.
    content_region_path = "competition__region_id"
    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="jurors")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="juror_seats"
    )

    class Meta:
        verbose_name = _("Jurymitglied")
        verbose_name_plural = _("Jury")
        constraints = [
            models.UniqueConstraint(fields=["competition", "user"], name="participation_juror_once")
        ]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()


class Submission(TimeStampedModel):
    """An entry to a competition: like an idea, with the extra fields the call defines."""

    # Pages showing it are cached per region (tenancy/content.py): the way to its region.
    content_region_path = "competition__region_id"

    competition = models.ForeignKey(
        Competition, on_delete=models.CASCADE, related_name="submissions"
    )
    title = models.CharField(_("Titel"), max_length=TITLE_MAX)
    text = models.TextField(_("Beschreibung"), validators=[MaxLengthValidator(TEXT_MAX)])
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Kommune"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="competition_submissions",
    )
    submitter_name = models.CharField(_("Einreichende"), max_length=200)
    extra = models.JSONField(_("weitere Angaben"), default=dict, blank=True)
    withdrawn = models.BooleanField(_("zurückgezogen"), default=False)
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("Einreichung")
        verbose_name_plural = _("Einreichungen")
        ordering = ["competition", "created", "pk"]

    def __str__(self) -> str:
        return self.title


class Conflict(models.Model):
    """A juror's declared conflict of interest: they cannot score that submission."""

    # Pages showing it are cached per region (tenancy/content.py): the way to its region.
    content_region_path = "submission__competition__region_id"

    juror = models.ForeignKey(Juror, on_delete=models.CASCADE, related_name="conflicts")
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="conflicts")
    note = models.CharField(_("Anmerkung"), max_length=500, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["juror", "submission"], name="participation_conflict_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.juror_id} ≠ {self.submission_id}"


class Score(models.Model):
    # Pages showing it are cached per region (tenancy/content.py): the way to its region.
    content_region_path = "submission__competition__region_id"
    juror = models.ForeignKey(Juror, on_delete=models.CASCADE, related_name="scores")
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.PositiveSmallIntegerField(
        _("Punkte"), validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    comment = models.TextField(_("Kommentar"), blank=True, validators=[MaxLengthValidator(2000)])
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Bewertung")
        verbose_name_plural = _("Bewertungen")
        constraints = [
            models.UniqueConstraint(
                fields=["juror", "submission", "criterion"], name="participation_score_once"
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0) & Q(value__lte=10), name="participation_score_0_10"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.juror_id}/{self.submission_id}/{self.criterion_id}: {self.value}"
