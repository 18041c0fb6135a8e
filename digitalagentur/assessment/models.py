"""Needs assessment on one questionnaire engine (issue 9): questionnaires (sections, criteria,
questions), assessment rounds in which every town answers for itself, their consolidation and
priority groups, themed workshops, and public citizen surveys.

A questionnaire that has answers is never changed under them: editing it makes a new revision
(same slug, revision + 1, `predecessor` the old one; assessment/questionnaires.py). Every
response and survey submission keeps the revision it was given.
"""

from __future__ import annotations

from django.conf import settings
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

SCALE_MIN, SCALE_MAX = 1, 5


class QuestionnaireKind(models.TextChoices):
    ASSESSMENT = "assessment", _("Bedarfsanalyse")
    SURVEY = "survey", _("Umfrage")


class Dimension(models.TextChoices):
    RELEVANCE = "relevance", _("Relevanz")
    POTENTIAL = "potential", _("Potenzial")


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("Skala 1–5")
    SINGLE = "single", _("Einfachauswahl")
    MULTIPLE = "multiple", _("Mehrfachauswahl")
    NUMBER = "number", _("Zahl")
    TEXT = "text", _("Freitext")
    YESNO = "yesno", _("Ja/Nein")


class Combine(models.TextChoices):
    PRODUCT = "product", _("Produkt (Relevanz × Potenzial)")
    MEAN = "mean", _("Mittelwert")


class Questionnaire(RegionScopedModel, TimeStampedModel, VersionedModel):
    """One revision of a questionnaire. Assessment questionnaires (`per_field`) ask every
    question once for every field of action of the round."""

    slug = models.SlugField(_("Kürzel"), max_length=120)
    revision = models.PositiveIntegerField(_("Fassung"), default=1)
    predecessor = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="successor",
        verbose_name=_("Vorige Fassung"),
    )
    kind = models.CharField(
        _("Art"), max_length=20, choices=QuestionnaireKind.choices, default=QuestionnaireKind.SURVEY
    )
    title = models.CharField(_("Titel"), max_length=300)
    description = models.TextField(_("Beschreibung"), blank=True)
    per_field = models.BooleanField(_("für jedes Handlungsfeld"), default=False)

    class Meta:
        verbose_name = _("Fragebogen")
        verbose_name_plural = _("Fragebögen")
        ordering = ["title", "-revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "slug", "revision"],
                name="assessment_questionnaire_unique_revision",
                violation_error_message=_("Diese Fassung des Fragebogens gibt es schon."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.revision})" if self.revision > 1 else self.title


class Section(RegionScopedModel, TimeStampedModel, VersionedModel):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="sections"
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    title = models.CharField(_("Titel"), max_length=300)
    description = models.TextField(_("Beschreibung"), blank=True)

    class Meta:
        verbose_name = _("Abschnitt")
        verbose_name_plural = _("Abschnitte")
        ordering = ["questionnaire", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class Criterion(RegionScopedModel, TimeStampedModel, VersionedModel):
    """A criterion of a dimension (relevance or potential) with its weight; its scale
    questions give a town's score on it (the mean of their answers)."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="criteria"
    )
    key = models.SlugField(_("Schlüssel"), max_length=60)
    name = models.CharField(_("Name"), max_length=200)
    dimension = models.CharField(_("Dimension"), max_length=20, choices=Dimension.choices)
    weight = models.DecimalField(
        _("Gewicht"),
        max_digits=7,
        decimal_places=3,
        default=1,
        validators=[MinValueValidator(0.001, _("Das Gewicht muss größer als 0 sein."))],
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Kriterium")
        verbose_name_plural = _("Kriterien")
        ordering = ["questionnaire", "dimension", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "key"],
                name="assessment_criterion_unique_key",
                violation_error_message=_("Diesen Schlüssel hat schon ein Kriterium."),
            ),
            models.CheckConstraint(
                condition=Q(weight__gt=0),
                name="assessment_criterion_weight_positive",
                violation_error_message=_("Das Gewicht muss größer als 0 sein."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Question(RegionScopedModel, TimeStampedModel, VersionedModel):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions"
    )
    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="questions", verbose_name=_("Abschnitt")
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    text = models.CharField(_("Frage"), max_length=500)
    help_text = models.CharField(_("Hinweis"), max_length=500, blank=True)
    kind = models.CharField(_("Art"), max_length=20, choices=QuestionKind.choices)
    required = models.BooleanField(_("Pflichtfrage"), default=False)
    criterion = models.ForeignKey(
        Criterion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("Kriterium"),
    )
    # Choices of single and multiple choice questions: a list of strings.
    options = models.JSONField(_("Antwortmöglichkeiten"), default=list, blank=True)
    # Labels of the scale's five points (1 … 5); empty strings where none is given.
    scale_labels = models.JSONField(_("Beschriftung der Skala"), default=list, blank=True)
    min_value = models.DecimalField(
        _("kleinster Wert"), max_digits=15, decimal_places=2, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("größter Wert"), max_digits=15, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("Frage")
        verbose_name_plural = _("Fragen")
        ordering = ["questionnaire", "section__position", "section", "position", "pk"]

    def __str__(self) -> str:
        return self.text


class Round(RegionScopedModel, TimeStampedModel, VersionedModel, PublishableModel):
    """An assessment round: a questionnaire, the participating towns, the fields assessed, a
    deadline, and how the consolidation groups the fields. Published: its results are public."""

    slug = models.SlugField(_("Kürzel"), max_length=120)
    title = models.CharField(_("Titel"), max_length=300)
    description = models.TextField(_("Beschreibung"), blank=True)
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("Fragebogen")
    )
    municipalities = models.ManyToManyField(
        "tenancy.Municipality", related_name="assessment_rounds", verbose_name=_("Kommunen")
    )
    fields = models.ManyToManyField(
        "strategy.Field", related_name="assessment_rounds", verbose_name=_("Handlungsfelder")
    )
    deadline = models.DateTimeField(_("Frist"))
    combine = models.CharField(
        _("Gesamtwert"), max_length=10, choices=Combine.choices, default=Combine.PRODUCT
    )
    # Either group sizes (e.g. [2, 3, 3], adding up to the number of fields) or two
    # thresholds [t1, t2] on the combined score; exactly one of them is set.
    group_sizes = models.JSONField(_("Gruppengrößen"), null=True, blank=True)
    thresholds = models.JSONField(_("Schwellenwerte"), null=True, blank=True)
    applied_version = models.ForeignKey(
        "strategy.StrategyVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("übernommen in Fassung"),
    )
    applied_at = models.DateTimeField(_("übernommen am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Bewertungsrunde")
        verbose_name_plural = _("Bewertungsrunden")
        ordering = ["-deadline", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "slug"],
                name="assessment_round_unique_slug",
                violation_error_message=_("Dieses Kürzel ist schon vergeben."),
            )
        ]

    def __str__(self) -> str:
        return self.title


class GroupOverride(RegionScopedModel, TimeStampedModel, VersionedModel):
    """The coordination's decision to put a field into another priority group than the
    consolidation says, with its reason."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="overrides")
    field = models.ForeignKey("strategy.Field", on_delete=models.CASCADE, related_name="+")
    priority_group = models.PositiveSmallIntegerField(
        _("Prioritätengruppe"), validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    reason = models.CharField(_("Begründung"), max_length=500)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Abweichende Einstufung")
        verbose_name_plural = _("Abweichende Einstufungen")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "field"],
                name="assessment_override_one_per_field",
                violation_error_message=_(
                    "Für dieses Handlungsfeld gibt es schon eine Abweichung."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.field}: {self.priority_group}"


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    SUBMITTED = "submitted", _("eingereicht")


class Response(RegionScopedModel, TimeStampedModel, VersionedModel):
    """One town's answer in a round, tied to the questionnaire revision it was given."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="responses")
    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("Status"), max_length=20, choices=ResponseStatus.choices, default=ResponseStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("eingereicht am"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Antwort einer Kommune")
        verbose_name_plural = _("Antworten der Kommunen")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "municipality"],
                name="assessment_response_one_per_town",
                violation_error_message=_("Diese Kommune hat in dieser Runde schon eine Antwort."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.round}: {self.municipality}"


class Answer(models.Model):
    """The answer to one question (for one field of action, in per-field questionnaires).
    `value`: an int (scale), a string (single choice, text), a list of strings (multiple
    choice), a number as string (number), a bool (yes/no)."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    field = models.ForeignKey(
        "strategy.Field", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    value = models.JSONField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question", "field"],
                condition=Q(field__isnull=False),
                name="assessment_answer_unique_per_field",
            ),
            models.UniqueConstraint(
                fields=["response", "question"],
                condition=Q(field__isnull=True),
                name="assessment_answer_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.response}: {self.question_id}"


class ResponseRevision(models.Model):
    """A frozen copy of a response at every save after its first submission (and at the
    submission itself): submitted answers are never lost or changed silently."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    created = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(max_length=20, choices=ResponseStatus.choices)
    # [{"question": pk, "field": pk | None, "value": ...}]
    answers = models.JSONField(default=list)

    class Meta:
        ordering = ["response", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "number"], name="assessment_revision_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.response} ({self.number})"


class RoundReminder(models.Model):
    """A reminder the coordination asked for: the background job mails the officers of the
    towns still missing, each at most once per reminder (RoundReminderDelivery)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="reminders")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.round}: {self.requested_at:%Y-%m-%d %H:%M}"


class RoundReminderDelivery(models.Model):
    reminder = models.ForeignKey(RoundReminder, on_delete=models.CASCADE, related_name="deliveries")
    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["reminder", "user"], name="assessment_reminder_once_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reminder}: {self.user_id}"


class WorkshopFormat(models.TextChoices):
    IN_PERSON = "in_person", _("in Präsenz")
    DIGITAL = "digital", _("digital")
    HYBRID = "hybrid", _("hybrid")


class Workshop(RegionScopedModel, TimeStampedModel, VersionedModel, PublishableModel):
    """A themed workshop on a field of action and what came out of it."""

    slug = models.SlugField(_("Kürzel"), max_length=120)
    title = models.CharField(_("Titel"), max_length=300)
    field = models.ForeignKey(
        "strategy.Field",
        on_delete=models.PROTECT,
        related_name="workshops",
        verbose_name=_("Handlungsfeld"),
    )
    date = models.DateField(_("Datum"))
    end_date = models.DateField(_("bis"), null=True, blank=True)
    format = models.CharField(_("Format"), max_length=20, choices=WorkshopFormat.choices)
    participants = models.PositiveIntegerField(_("Teilnehmende"), null=True, blank=True)
    moderators = models.CharField(_("Moderation"), max_length=500, blank=True)
    description = models.TextField(_("Ablauf"), blank=True)
    goals_discussed = models.TextField(_("Besprochene Ziele"), blank=True)

    class Meta:
        verbose_name = _("Workshop")
        verbose_name_plural = _("Workshops")
        ordering = ["date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "slug"],
                name="assessment_workshop_unique_slug",
                violation_error_message=_("Dieses Kürzel ist schon vergeben."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("date")),
                name="assessment_workshop_end_after_start",
                violation_error_message=_("Das Ende liegt vor dem Beginn."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class WorkshopIdea(RegionScopedModel, TimeStampedModel, VersionedModel):
    """A project idea from a workshop; `project` is the project draft made from it."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="ideas")
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    title = models.CharField(_("Titel"), max_length=300)
    description = models.TextField(_("Beschreibung"), blank=True)
    project = models.OneToOneField(
        "portfolio.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workshop_idea",
        verbose_name=_("Projekt"),
    )

    class Meta:
        verbose_name = _("Projektidee")
        verbose_name_plural = _("Projektideen")
        ordering = ["workshop", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class Identification(models.TextChoices):
    ANONYMOUS = "anonymous", _("anonym")
    EMAIL = "email", _("mit Bestätigung per E-Mail")


class Survey(RegionScopedModel, TimeStampedModel, VersionedModel, PublishableModel):
    """A public citizen survey on a questionnaire. Published: its page is public (answers are
    taken between `opens_at` and `closes_at`); `results_public`: its results too."""

    slug = models.SlugField(_("Kürzel"), max_length=120)
    title = models.CharField(_("Titel"), max_length=300)
    introduction = models.TextField(_("Einleitung"), blank=True)
    questionnaire = models.ForeignKey(
        Questionnaire,
        on_delete=models.PROTECT,
        related_name="surveys",
        verbose_name=_("Fragebogen"),
    )
    opens_at = models.DateTimeField(_("beginnt am"))
    closes_at = models.DateTimeField(_("endet am"))
    identification = models.CharField(
        _("Teilnahme"),
        max_length=20,
        choices=Identification.choices,
        default=Identification.ANONYMOUS,
    )
    results_public = models.BooleanField(_("Ergebnisse veröffentlicht"), default=False)
    is_demo = models.BooleanField(_("Demo-Umfrage"), default=False)

    class Meta:
        verbose_name = _("Umfrage")
        verbose_name_plural = _("Umfragen")
        ordering = ["-opens_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "slug"],
                name="assessment_survey_unique_slug",
                violation_error_message=_("Dieses Kürzel ist schon vergeben."),
            ),
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="assessment_survey_closes_after_opening",
                violation_error_message=_("Die Umfrage muss nach ihrem Beginn enden."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Submission(models.Model):
    """One person's answer to a survey. `person_key` is a keyed hash (HMAC) of the confirmed
    e-mail address or of the anonymous participant's browser token, never the address
    itself: unique per survey, it enforces one answer per person. `source_key` is a keyed
    hash of the client address and the day, for the rate limit. E-mail answers count once
    confirmed (`confirmed_at`)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="submissions")
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="+")
    person_key = models.CharField(max_length=64)
    source_key = models.CharField(max_length=64, db_index=True, blank=True)
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "person_key"], name="assessment_submission_one_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey}: {self.pk}"


class SubmissionAnswer(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    value = models.JSONField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "question"], name="assessment_submission_answer_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.submission}: {self.question_id}"
