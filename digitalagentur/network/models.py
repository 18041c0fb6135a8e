"""Staff resources of the Digitalagentur (issue 14, section 3): the posts (Stellen) for
digitalisation in the towns and at the district, and their vacancies.

A post belongs to a town, or to the district level when it has no town ("Kreisebene"). Its
planned and filled full-time equivalents (FTE, "Vollzeitäquivalente") are measured against the
working group's recommendation in network/staffing.py: at least 0.5 per town, 1.0 at the district.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from digitalagentur.core.models import RegionScopedModel, TimeStampedModel, VersionedModel

TITLE_MAX = 200
NOTE_MAX = 5000
CAUSE_MAX = 300
FTE_MESSAGE = _("Bitte geben Sie einen Wert ab 0 an (z. B. 0,5).")


def fte_field(label):
    return models.DecimalField(
        label,
        max_digits=4,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"), message=FTE_MESSAGE)],
    )


class Post(RegionScopedModel, TimeStampedModel, VersionedModel):
    """A post for digitalisation in a town (or, without a town, at the district level)."""

    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="posts",
        verbose_name=_("Stadt/Gemeinde"),
        help_text=_("Leer: eine Stelle auf Kreisebene."),
    )
    title = models.CharField(_("Bezeichnung"), max_length=TITLE_MAX)
    planned_fte = fte_field(_("Stellenanteil geplant (VZÄ)"))
    filled_fte = fte_field(_("Stellenanteil besetzt (VZÄ)"))
    holder = models.ForeignKey(
        "directory.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Stelleninhaber/in"),
    )
    # The current holder's term: informative only, the figures count vacancies (staffing.py).
    since = models.DateField(_("besetzt seit"), null=True, blank=True)
    until = models.DateField(_("befristet bis"), null=True, blank=True)
    note = models.TextField(_("Anmerkung"), blank=True, validators=[MaxLengthValidator(NOTE_MAX)])
    is_demo = models.BooleanField(_("Demo-Daten"), default=False, editable=False)

    class Meta:
        verbose_name = _("Stelle")
        verbose_name_plural = _("Stellen")
        ordering = ["municipality__name", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_fte__gte=0) & Q(filled_fte__gte=0),
                name="network_post_fte_not_negative",
                violation_error_message=_("Stellenanteile dürfen nicht negativ sein."),
            ),
            models.CheckConstraint(
                condition=Q(filled_fte__lte=F("planned_fte")),
                name="network_post_filled_within_planned",
                violation_error_message=_(
                    "Der besetzte Stellenanteil darf den geplanten nicht übersteigen."
                ),
            ),
            models.CheckConstraint(
                condition=Q(since__isnull=True) | Q(until__isnull=True) | Q(until__gte=F("since")),
                name="network_post_until_after_since",
                violation_error_message=_("„befristet bis“ darf nicht vor „besetzt seit“ liegen."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def level(self) -> str:
        return self.municipality.name if self.municipality_id else str(_("Kreisebene"))

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list] = {}
        self.title = " ".join((self.title or "").split())
        if not self.title:
            errors["title"] = [_("Bitte geben Sie eine Bezeichnung an.")]
        planned, filled = self.planned_fte, self.filled_fte
        if planned is not None and filled is not None and filled > planned:
            errors["filled_fte"] = [
                _("Der besetzte Stellenanteil darf den geplanten nicht übersteigen.")
            ]
        if self.since and self.until and self.until < self.since:
            errors["until"] = [_("„befristet bis“ darf nicht vor „besetzt seit“ liegen.")]
        if self.municipality_id and self.municipality.region_id != self.region_id:
            errors["municipality"] = [_("Diese Kommune gehört nicht zur Region.")]
        if self.holder_id and self.holder.region_id != self.region_id:
            errors["holder"] = [_("Diese Person gehört nicht zur Region.")]
        if errors:
            raise ValidationError(errors)


class Vacancy(RegionScopedModel, TimeStampedModel, VersionedModel):
    """A time in which a post is (or was) vacant; without an end it is still vacant."""

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="vacancies", verbose_name=_("Stelle")
    )
    start = models.DateField(_("vakant seit"))
    # The last vacant day; empty while the post is still vacant.
    end = models.DateField(_("vakant bis"), null=True, blank=True)
    # "cause", not "reason": `reason` is the change log's word for why an edit was made.
    cause = models.CharField(_("Grund der Vakanz"), max_length=CAUSE_MAX)
    is_demo = models.BooleanField(_("Demo-Daten"), default=False, editable=False)

    class Meta:
        verbose_name = _("Vakanz")
        verbose_name_plural = _("Vakanzen")
        ordering = ["-start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="network_vacancy_end_after_start",
                violation_error_message=_("Das Ende darf nicht vor dem Beginn liegen."),
            ),
        ]

    def __str__(self) -> str:
        return _("Vakanz %(post)s ab %(start)s") % {
            "post": self.post,
            "start": self.start.strftime("%d.%m.%Y") if self.start else "?",
        }

    def is_open_on(self, day) -> bool:
        """Vacant on `day`: begun and not yet ended (the end day still counts as vacant)."""
        return self.start <= day and (self.end is None or day <= self.end)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list] = {}
        self.cause = " ".join((self.cause or "").split())
        if not self.cause:
            errors["cause"] = [_("Bitte geben Sie den Grund der Vakanz an.")]
        if self.start and self.end and self.end < self.start:
            errors["end"] = [_("Das Ende darf nicht vor dem Beginn liegen.")]
        if self.post_id and self.post.region_id != self.region_id:
            errors["post"] = [_("Diese Stelle gehört nicht zur Region.")]
        if self.start and self.post_id and not errors:
            others = Vacancy.objects.filter(post_id=self.post_id).exclude(pk=self.pk)
            others = others.filter(Q(end__isnull=True) | Q(end__gte=self.start))
            if self.end is not None:
                others = others.filter(start__lte=self.end)
            if others.exists():
                errors["start"] = [
                    _("Diese Zeit überschneidet sich mit einer anderen Vakanz der Stelle.")
                ]
        if errors:
            raise ValidationError(errors)
