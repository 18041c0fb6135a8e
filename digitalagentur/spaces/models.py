"""Landräume (issue 11): spaces of providers, their bookable units, opening hours and closed
periods, bookings, the employer pilot's contingents and the places used for the commuting
impact.

No double booking: two confirmed bookings of one unit never overlap. On PostgreSQL an
exclusion constraint says so (migration 0002, `btree_gist` and `tstzrange(start, "end",
'[)')`); on SQLite the booking services check and insert in one write transaction (BEGIN
IMMEDIATE, see settings). Times are stored as aware datetimes (UTC in the database) together
with the time zone they were booked in.
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digitalagentur.core.models import (
    PublishableModel,
    RegionScopedModel,
    TimeStampedModel,
    VersionedModel,
)

from .choices import (
    WEEKDAYS,
    BookingMode,
    BookingStatus,
    PriceModel,
    ProviderKind,
    Purpose,
    SpaceKind,
    UnitKind,
)


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Provider(RegionScopedModel, TimeStampedModel, VersionedModel):
    """Who offers spaces: a town, an association, a company or a co-working operator. Its
    managers (user accounts, no role in the region needed) manage its spaces and bookings."""

    name = models.CharField(_("Name"), max_length=200)
    kind = models.CharField(_("Art"), max_length=20, choices=ProviderKind.choices)
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Kommune"),
    )
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    website = models.URLField(_("Website"), blank=True)
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="space_providers",
        verbose_name=_("Verwaltet von"),
    )
    is_demo = models.BooleanField(_("Demo-Daten"), default=False)

    class Meta:
        verbose_name = _("Anbieter")
        verbose_name_plural = _("Anbieter")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Space(RegionScopedModel, TimeStampedModel, VersionedModel, PublishableModel):
    """A bookable place: a whole room, or a co-working space whose desks are booked singly."""

    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="spaces", verbose_name=_("Anbieter")
    )
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Kommune"),
    )
    slug = models.SlugField(_("Kürzel"), max_length=80)
    name = models.CharField(_("Name"), max_length=200)
    kind = models.CharField(_("Art"), max_length=20, choices=SpaceKind.choices)
    description = models.TextField(_("Beschreibung"), blank=True)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("PLZ"), max_length=10, blank=True)
    city = models.CharField(_("Ort"), max_length=100, blank=True)
    latitude = models.DecimalField(
        _("Breitengrad"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("Längengrad"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    capacity = models.PositiveIntegerField(
        _("Kapazität"),
        validators=[MinValueValidator(1)],
        help_text=_("Plätze oder Personen"),
    )
    unit_kind = models.CharField(
        _("Buchbar als"), max_length=10, choices=UnitKind.choices, default=UnitKind.ROOM
    )
    # Lists of slugs (choices.Amenity, choices.Accessibility, choices.Purpose).
    amenities = models.JSONField(_("Ausstattung"), default=list, blank=True)
    accessibility = models.JSONField(_("Barrierefreiheit"), default=list, blank=True)
    purposes = models.JSONField(_("Nutzungszwecke"), default=list, blank=True)
    house_rules = models.TextField(_("Hausordnung"), blank=True)
    price_model = models.CharField(
        _("Preismodell"), max_length=12, choices=PriceModel.choices, default=PriceModel.FREE
    )
    price = models.DecimalField(
        _("Preis (Euro)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    booking_mode = models.CharField(
        _("Buchungsart"), max_length=10, choices=BookingMode.choices, default=BookingMode.REQUEST
    )
    min_minutes = models.PositiveIntegerField(
        _("Mindestdauer (Minuten)"), default=60, validators=[MinValueValidator(15)]
    )
    max_minutes = models.PositiveIntegerField(
        _("Höchstdauer (Minuten)"), default=600, validators=[MinValueValidator(15)]
    )
    max_days_ahead = models.PositiveIntegerField(
        _("Buchbar bis (Tage im Voraus)"), default=90, validators=[MinValueValidator(1)]
    )
    cancel_hours = models.PositiveIntegerField(
        _("Stornierung bis (Stunden vor Beginn)"), default=24
    )
    # Spaces in which the employer pilot's contingents can be used.
    in_pilot = models.BooleanField(_("nimmt am Arbeitgeber-Pilot teil"), default=False)
    # Secret of the free/busy calendar feed; a new token invalidates the old address.
    feed_token = models.CharField(max_length=64, default=new_token, unique=True, editable=False)
    is_demo = models.BooleanField(_("Demo-Daten"), default=False)

    class Meta:
        verbose_name = _("Raum")
        verbose_name_plural = _("Räume")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "slug"],
                name="spaces_space_unique_slug",
                violation_error_message=_("Dieses Kürzel ist in der Region schon vergeben."),
            ),
            models.CheckConstraint(
                condition=Q(min_minutes__lte=F("max_minutes")),
                name="spaces_space_min_le_max",
                violation_error_message=_(
                    "Die Mindestdauer darf nicht länger als die Höchstdauer sein."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_instant(self) -> bool:
        return self.booking_mode == BookingMode.INSTANT


class ActiveUnits(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(retired__isnull=True)


class Unit(models.Model):
    """One bookable unit of a space: the whole room, or one desk. A desk removed from a space
    that has bookings on record is retired, not deleted: the bookings keep their unit, and
    `objects` (also `space.units`) no longer lists it; `every` does."""

    space = models.ForeignKey(
        Space, on_delete=models.CASCADE, related_name="units", verbose_name=_("Raum")
    )
    name = models.CharField(_("Bezeichnung"), max_length=100)
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    retired = models.DateTimeField(_("entfernt am"), null=True, blank=True, editable=False)

    every = models.Manager()
    objects = ActiveUnits()

    class Meta:
        default_manager_name = "objects"
        base_manager_name = "every"
        verbose_name = _("buchbare Einheit")
        verbose_name_plural = _("buchbare Einheiten")
        ordering = ["space", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.space}: {self.name}"


class OpeningHours(models.Model):
    """One opening interval on a weekday; several per day are allowed (e.g. 8–12 and 17–22).
    `closes` 00:00 means midnight at the end of the day (24:00)."""

    space = models.ForeignKey(
        Space, on_delete=models.CASCADE, related_name="opening_hours", verbose_name=_("Raum")
    )
    weekday = models.PositiveSmallIntegerField(_("Wochentag"), choices=WEEKDAYS)
    opens = models.TimeField(_("von"))
    closes = models.TimeField(_("bis"))

    class Meta:
        verbose_name = _("Öffnungszeit")
        verbose_name_plural = _("Öffnungszeiten")
        ordering = ["space", "weekday", "opens"]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class ClosedPeriod(models.Model):
    """A time the space cannot be booked (holidays, maintenance): [start, end)."""

    space = models.ForeignKey(
        Space, on_delete=models.CASCADE, related_name="closed_periods", verbose_name=_("Raum")
    )
    start = models.DateTimeField(_("von"))
    end = models.DateTimeField(_("bis"))
    reason = models.CharField(_("Grund"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("Schließzeit")
        verbose_name_plural = _("Schließzeiten")
        ordering = ["space", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="spaces_closed_end_after_start",
                violation_error_message=_("Das Ende muss nach dem Beginn liegen."),
            )
        ]

    def __str__(self) -> str:
        start, end = timezone.localtime(self.start), timezone.localtime(self.end)
        last_day = timezone.localtime(self.end - datetime.timedelta(microseconds=1))
        if start.time() == end.time() == datetime.time(0):  # whole days
            return f"{self.space}: {start:%d.%m.%Y}–{last_day:%d.%m.%Y}"
        return f"{self.space}: {start:%d.%m.%Y %H:%M}–{end:%d.%m.%Y %H:%M}"


class SpacePhoto(models.Model):
    """A photo, re-encoded on upload (no metadata, no active content) and served by a view."""

    space = models.ForeignKey(
        Space, on_delete=models.CASCADE, related_name="photos", verbose_name=_("Raum")
    )
    content = models.BinaryField(_("Datei"))
    content_type = models.CharField(_("Dateityp"), max_length=20)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    alt = models.CharField(_("Bildbeschreibung"), max_length=300)
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Foto")
        verbose_name_plural = _("Fotos")
        ordering = ["space", "position", "pk"]

    def __str__(self) -> str:
        return self.alt


class Place(RegionScopedModel):
    """A town centre for the commuting estimate (issue 11, section 5): the region's towns and
    the places their people commute to. Never an address."""

    name = models.CharField(_("Ort"), max_length=100)
    slug = models.SlugField(_("Kürzel"), max_length=80)
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Kommune der Region"),
    )
    latitude = models.DecimalField(
        _("Breitengrad"),
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("Längengrad"),
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    class Meta:
        verbose_name = _("Ort")
        verbose_name_plural = _("Orte")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "slug"], name="spaces_place_unique_slug")
        ]

    def __str__(self) -> str:
        return self.name


class BookerProfile(models.Model):
    """What a booker chose to tell (all optional) and the secret of their calendar feed."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="booker_profile"
    )
    home_place = models.ForeignKey(
        Place,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Wohnort"),
    )
    work_place = models.ForeignKey(
        Place,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("üblicher Arbeitsort"),
    )
    feed_token = models.CharField(max_length=64, default=new_token, unique=True, editable=False)

    class Meta:
        verbose_name = _("Buchungsprofil")
        verbose_name_plural = _("Buchungsprofile")

    def __str__(self) -> str:
        return str(self.user)


class Employer(RegionScopedModel, TimeStampedModel, VersionedModel):
    """An employer of the pilot (e.g. wfc Kreis Coesfeld): its managers see the usage."""

    name = models.CharField(_("Name"), max_length=200)
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="space_employers",
        verbose_name=_("Ansprechpersonen"),
    )
    is_demo = models.BooleanField(_("Demo-Daten"), default=False)

    class Meta:
        verbose_name = _("Arbeitgeber")
        verbose_name_plural = _("Arbeitgeber")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Contingent(RegionScopedModel, TimeStampedModel, VersionedModel):
    """Desk-days per calendar month for an employer's named staff, usable in the spaces that
    take part in the pilot. One booking against it is one desk-day (one unit, one day)."""

    employer = models.ForeignKey(
        Employer,
        on_delete=models.CASCADE,
        related_name="contingents",
        verbose_name=_("Arbeitgeber"),
    )
    name = models.CharField(_("Bezeichnung"), max_length=200)
    days_per_month = models.PositiveIntegerField(
        _("Arbeitsplatz-Tage pro Monat"), validators=[MinValueValidator(1)]
    )
    valid_from = models.DateField(_("gültig ab"))
    valid_until = models.DateField(_("gültig bis"), null=True, blank=True)

    class Meta:
        verbose_name = _("Kontingent")
        verbose_name_plural = _("Kontingente")
        ordering = ["employer", "name"]

    def __str__(self) -> str:
        return f"{self.employer}: {self.name}"


class ContingentMember(models.Model):
    """A named member of staff who may book against a contingent; `report_consent` allows the
    employer to see their usage by name."""

    contingent = models.ForeignKey(Contingent, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="space_contingents"
    )
    report_consent = models.BooleanField(
        _("Einverstanden, dass der Arbeitgeber die Nutzung namentlich sieht"), default=False
    )

    class Meta:
        verbose_name = _("Berechtigte Person")
        verbose_name_plural = _("Berechtigte Personen")
        constraints = [
            models.UniqueConstraint(
                fields=["contingent", "user"], name="spaces_contingent_member_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.contingent}: {self.user}"


class BookingSeries(models.Model):
    """Weekly recurring bookings made in one step (all or nothing)."""

    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Serienbuchung")
        verbose_name_plural = _("Serienbuchungen")

    def __str__(self) -> str:
        return f"Serie {self.pk}"


class Booking(RegionScopedModel, TimeStampedModel):
    """One unit of a space for [start, end). Confirmed bookings of a unit never overlap."""

    space = models.ForeignKey(
        Space, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("Raum")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("Einheit")
    )
    # Null once the retention period anonymised the booking (spaces/retention.py).
    booker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="space_bookings",
        verbose_name=_("gebucht von"),
    )
    start = models.DateTimeField(_("Beginn"), db_index=True)
    end = models.DateTimeField(_("Ende"))
    time_zone = models.CharField(_("Zeitzone"), max_length=40, default="Europe/Berlin")
    status = models.CharField(
        _("Status"), max_length=10, choices=BookingStatus.choices, db_index=True
    )
    purpose = models.CharField(_("Zweck"), max_length=10, choices=Purpose.choices)
    attendees = models.PositiveIntegerField(_("Personen"), default=1)
    note = models.CharField(_("Hinweis an den Anbieter"), max_length=500, blank=True)
    reason = models.CharField(_("Begründung (Ablehnung/Stornierung)"), max_length=500, blank=True)
    series = models.ForeignKey(
        BookingSeries,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("Serie"),
    )
    contingent = models.ForeignKey(
        Contingent,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("Kontingent"),
    )
    # Copied from the booker's profile when booking, so that the impact of a booking stays
    # what it was when the profile changes or the booking is anonymised.
    home_place = models.ForeignKey(
        Place, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    work_place = models.ForeignKey(
        Place, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided = models.DateTimeField(_("entschieden"), null=True, blank=True)
    cancelled = models.DateTimeField(_("storniert am"), null=True, blank=True)
    # Set in the transaction that sends the reminder: one reminder per booking, ever.
    reminded = models.DateTimeField(null=True, blank=True, editable=False)
    anonymised = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("Buchung")
        verbose_name_plural = _("Buchungen")
        ordering = ["start", "pk"]
        indexes = [models.Index(fields=["unit", "start"], name="spaces_booking_unit_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="spaces_booking_end_after_start",
                violation_error_message=_("Das Ende muss nach dem Beginn liegen."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.space}: {timezone.localtime(self.start):%d.%m.%Y %H:%M}"

    @property
    def is_confirmed(self) -> bool:
        return self.status == BookingStatus.CONFIRMED
