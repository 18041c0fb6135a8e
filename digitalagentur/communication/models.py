"""Communication (issue 13): events and trainings with registration, waiting list and
attendance (the newsletter and news follow in their own models).

Seats are never given twice: a registration is written only under a lock on its event's row
(communication.registrations), and one person holds at most one active registration per event
(communication_registration_once, a partial unique constraint).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
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

from .choices import ACTIVE_STATUSES, EventKind, ProgrammeItemKind, RegistrationStatus

TITLE_MAX = 200
TEXT_MAX = 10000


class EventQuerySet(models.QuerySet):
    def public(self):
        return self.filter(published=True)

    def upcoming(self, now=None):
        """Events not over yet (running ones included)."""
        return self.filter(end__gt=now or timezone.now())


class Event(RegionScopedModel, TimeStampedModel, VersionedModel, PublishableModel):
    """A conference, workshop, seminar, training or information evening of the region."""

    slug = models.SlugField(_("Kürzel"), max_length=120)
    title = models.CharField(_("Titel"), max_length=TITLE_MAX)
    kind = models.CharField(
        _("Art"), max_length=30, choices=EventKind.choices, default=EventKind.CONFERENCE
    )
    summary = models.CharField(_("Kurzbeschreibung"), max_length=500, blank=True)
    description = models.TextField(
        _("Beschreibung"), blank=True, validators=[MaxLengthValidator(TEXT_MAX)]
    )
    start = models.DateTimeField(_("Beginn"))
    end = models.DateTimeField(_("Ende"))
    place = models.CharField(_("Ort"), max_length=200, blank=True)
    address = models.CharField(_("Adresse"), max_length=300, blank=True)
    online_url = models.URLField(_("Online-Link"), max_length=500, blank=True)
    field = models.ForeignKey(
        "strategy.Field",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("Handlungsfeld"),
    )
    municipalities = models.ManyToManyField(
        "tenancy.Municipality", blank=True, related_name="events", verbose_name=_("Kommunen")
    )
    workshop = models.ForeignKey(
        "assessment.Workshop",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("Workshop der Bedarfsanalyse"),
    )
    capacity = models.PositiveIntegerField(
        _("Plätze"), null=True, blank=True, help_text=_("Leer: ohne Begrenzung.")
    )
    registration_open = models.BooleanField(_("Anmeldung möglich"), default=False)
    registration_starts = models.DateTimeField(_("Anmeldung ab"), null=True, blank=True)
    registration_ends = models.DateTimeField(_("Anmeldung bis"), null=True, blank=True)
    price = models.DecimalField(
        _("Preis (Euro)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leer: kostenlos."),
    )
    contact_email = models.EmailField(_("Kontakt (E-Mail)"), blank=True)
    is_demo = models.BooleanField(_("Demo-Daten"), default=False, editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")
        ordering = ["start", "pk"]
        indexes = [models.Index(fields=["region", "published", "start"], name="comm_event_list")]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "slug"],
                name="communication_event_slug",
                violation_error_message=_("Dieses Kürzel ist in der Region schon vergeben."),
            ),
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")),
                name="communication_event_ends_after_start",
                violation_error_message=_("Das Ende muss nach dem Beginn liegen."),
            ),
            models.CheckConstraint(
                condition=Q(registration_starts__isnull=True)
                | Q(registration_ends__isnull=True)
                | Q(registration_ends__gt=models.F("registration_starts")),
                name="communication_event_registration_period",
                violation_error_message=_(
                    "Das Ende der Anmeldefrist muss nach ihrem Beginn liegen."
                ),
            ),
            models.CheckConstraint(
                condition=Q(price__isnull=True) | Q(price__gte=0),
                name="communication_event_price",
                violation_error_message=_("Der Preis kann nicht negativ sein."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def accepts_registrations(self, now=None) -> bool:
        """Open for registration now: switched on, within the period, not begun yet."""
        now = now or timezone.now()
        if not (self.published and self.registration_open) or now >= self.start:
            return False
        if self.registration_starts and now < self.registration_starts:
            return False
        return not (self.registration_ends and now >= self.registration_ends)

    @property
    def is_online(self) -> bool:
        return bool(self.online_url) and not self.place


class ProgrammeItem(models.Model):
    """A part of an event's programme: a talk, a World Café table, a market stand, ..."""

    # Pages showing it are cached per region (tenancy/content.py): the way to its region.
    content_region_path = "event__region_id"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="programme")
    position = models.PositiveIntegerField(_("Position"), default=0)
    kind = models.CharField(
        _("Art"), max_length=20, choices=ProgrammeItemKind.choices, default=ProgrammeItemKind.TALK
    )
    title = models.CharField(_("Titel"), max_length=TITLE_MAX)
    start = models.TimeField(_("Beginn"), null=True, blank=True)
    end = models.TimeField(_("Ende"), null=True, blank=True)
    host = models.CharField(_("Leitung"), max_length=200, blank=True)
    description = models.TextField(
        _("Beschreibung"), blank=True, validators=[MaxLengthValidator(2000)]
    )

    class Meta:
        verbose_name = _("Programmpunkt")
        verbose_name_plural = _("Programmpunkte")
        ordering = ["position", "start", "pk"]

    def __str__(self) -> str:
        return self.title


class Registration(TimeStampedModel):
    """A person's registration for an event: holding a seat, waiting for one, or cancelled.

    The waiting list is ordered by `created` (then pk): the order of registration.
    """

    content_region_path = "event__region_id"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
    )
    name = models.CharField(_("Name"), max_length=200)
    email = models.EmailField(_("E-Mail-Adresse"))
    organisation = models.CharField(_("Organisation / Kommune"), max_length=200, blank=True)
    note = models.CharField(_("Anmerkung"), max_length=500, blank=True)
    status = models.CharField(
        _("Status"),
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.REGISTERED,
    )
    promoted = models.DateTimeField(_("nachgerückt am"), null=True, blank=True)
    cancelled = models.DateTimeField(_("abgesagt am"), null=True, blank=True)
    reminded = models.DateTimeField(_("erinnert am"), null=True, blank=True)
    attended = models.BooleanField(_("teilgenommen"), null=True, blank=True)
    # Set once the retention period removed the name and address (communication/jobs.py).
    anonymised = models.DateTimeField(_("anonymisiert am"), null=True, blank=True)
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")
        ordering = ["created", "pk"]
        indexes = [models.Index(fields=["event", "status", "created"], name="comm_registration")]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(status__in=ACTIVE_STATUSES),
                name="communication_registration_once",
                violation_error_message=_("Sie sind für diese Veranstaltung schon angemeldet."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES
