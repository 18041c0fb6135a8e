"""Communication (issue 13): events and trainings with registration, waiting list and
attendance; the newsletter's segments, subscriptions, consent records and issues; news posts.

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

from .choices import (
    ACTIVE_STATUSES,
    Audience,
    ConsentForm,
    DeliveryStatus,
    EventKind,
    IssueStatus,
    ProgrammeItemKind,
    RegistrationStatus,
    SegmentKind,
    SubscriptionStatus,
)

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


class Segment(RegionScopedModel, TimeStampedModel):
    """A group of newsletter subscribers: a town, a field of action, an audience, or one that
    staff added. Subscribers pick them; an issue can go to some segments only."""

    kind = models.CharField(_("Art"), max_length=20, choices=SegmentKind.choices)
    name = models.CharField(_("Name"), max_length=120)
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Kommune"),
    )
    field = models.ForeignKey(
        "strategy.Field",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Handlungsfeld"),
    )
    audience = models.CharField(
        _("Zielgruppe"), max_length=20, choices=Audience.choices, blank=True
    )
    description = models.CharField(_("Beschreibung"), max_length=300, blank=True)
    # Staff may hide a segment from the subscription form (it keeps its subscribers).
    selectable = models.BooleanField(_("im Anmeldeformular wählbar"), default=True)
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Newsletter-Gruppe")
        verbose_name_plural = _("Newsletter-Gruppen")
        ordering = ["kind", "position", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "name"],
                name="communication_segment_name",
                violation_error_message=_("Eine Gruppe mit diesem Namen gibt es schon."),
            ),
            models.UniqueConstraint(
                fields=["region", "municipality"],
                condition=Q(municipality__isnull=False),
                name="communication_segment_municipality",
            ),
            models.UniqueConstraint(
                fields=["region", "field"],
                condition=Q(field__isnull=False),
                name="communication_segment_field",
            ),
            models.UniqueConstraint(
                fields=["region", "audience"],
                condition=~Q(audience=""),
                name="communication_segment_audience",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Subscription(RegionScopedModel, TimeStampedModel):
    """One e-mail address on the region's newsletter list: waiting for its confirmation,
    subscribed, unsubscribed or bounced. One row per address and region; a new request after
    an unsubscription starts a new double opt-in on the same row (with a new consent record).

    Only the SHA-256 of the confirmation token is kept; the unsubscribe key is random and
    goes into every mail (a one-click link, RFC 8058)."""

    email = models.EmailField(_("E-Mail-Adresse"), max_length=254)
    status = models.CharField(
        _("Status"),
        max_length=20,
        choices=SubscriptionStatus.choices,
        default=SubscriptionStatus.PENDING,
    )
    segments = models.ManyToManyField(
        Segment, blank=True, related_name="subscriptions", verbose_name=_("Gruppen")
    )
    token_hash = models.CharField(max_length=64, blank=True, editable=False)
    requested = models.DateTimeField(_("angefragt am"))
    confirmed = models.DateTimeField(_("bestätigt am"), null=True, blank=True)
    unsubscribed = models.DateTimeField(_("abgemeldet am"), null=True, blank=True)
    bounced = models.DateTimeField(_("unzustellbar seit"), null=True, blank=True)
    bounce_count = models.PositiveIntegerField(_("Rückläufer"), default=0)
    unsubscribe_key = models.CharField(max_length=64, unique=True, editable=False)
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("Newsletter-Abonnement")
        verbose_name_plural = _("Newsletter-Abonnements")
        ordering = ["email", "pk"]
        indexes = [models.Index(fields=["region", "status"], name="comm_subscription_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "email"],
                name="communication_subscription_once",
                violation_error_message=_("Diese Adresse steht schon auf der Liste."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_status_display()})"


class ConsentRecord(RegionScopedModel):
    """Proof of one newsletter consent (double opt-in), as German case law asks: when, from
    which IP address and form, the exact text and its version, and when and from which
    address it was confirmed. Kept after an unsubscription (then `withdrawn` is set) and by
    the retention job; the address in it is never mailed again."""

    subscription = models.ForeignKey(
        Subscription,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consents",
    )
    email = models.EmailField(_("E-Mail-Adresse"), max_length=254, db_index=True)
    form = models.CharField(_("Formular"), max_length=20, choices=ConsentForm.choices)
    consent_text = models.TextField(_("Einwilligungstext"))
    consent_version = models.CharField(_("Version des Textes"), max_length=40)
    segments = models.TextField(_("gewählte Gruppen"), blank=True)
    requested = models.DateTimeField(_("angefragt am"))
    request_ip = models.GenericIPAddressField(_("IP-Adresse der Anfrage"), null=True, blank=True)
    confirmed = models.DateTimeField(_("bestätigt am"), null=True, blank=True)
    confirm_ip = models.GenericIPAddressField(
        _("IP-Adresse der Bestätigung"), null=True, blank=True
    )
    withdrawn = models.DateTimeField(_("widerrufen am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Einwilligung")
        verbose_name_plural = _("Einwilligungen")
        ordering = ["requested", "pk"]

    def __str__(self) -> str:
        return f"{self.email} ({self.requested:%d.%m.%Y})"


class NewsletterIssue(RegionScopedModel, TimeStampedModel, VersionedModel):
    """One issue of the newsletter: subject, introduction and the items picked from recent
    activity; sent to the active subscriptions of its segments (all when none is chosen) and,
    once sent, shown in the public archive."""

    subject = models.CharField(_("Betreff"), max_length=TITLE_MAX)
    intro = models.TextField(_("Einleitung"), blank=True, validators=[MaxLengthValidator(TEXT_MAX)])
    # [{"title": str, "text": str, "url": str}] in the order of the issue.
    items = models.JSONField(_("Beiträge"), default=list, blank=True)
    segments = models.ManyToManyField(
        Segment, blank=True, related_name="issues", verbose_name=_("Gruppen")
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=IssueStatus.choices, default=IssueStatus.DRAFT
    )
    send_started = models.DateTimeField(_("Versand begonnen"), null=True, blank=True)
    send_finished = models.DateTimeField(_("Versand beendet"), null=True, blank=True)
    recipients = models.PositiveIntegerField(_("Empfänger"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("angelegt von"),
    )
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("Newsletter-Ausgabe")
        verbose_name_plural = _("Newsletter-Ausgaben")
        ordering = ["-send_started", "-created", "-pk"]

    def __str__(self) -> str:
        return self.subject


class Delivery(models.Model):
    """The state of one issue for one address: the sending job works through these rows, so
    a run that stopped (crash, restart) is resumed without mailing an address twice or
    leaving one out. One row per issue and address (a unique constraint)."""

    content_region_path = "issue__region_id"

    issue = models.ForeignKey(NewsletterIssue, on_delete=models.CASCADE, related_name="deliveries")
    subscription = models.ForeignKey(
        Subscription, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    email = models.EmailField(max_length=254)
    status = models.CharField(
        max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed = models.DateTimeField(null=True, blank=True)
    sent = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("Zustellung")
        verbose_name_plural = _("Zustellungen")
        ordering = ["pk"]
        indexes = [models.Index(fields=["issue", "status"], name="comm_delivery_status")]
        constraints = [
            models.UniqueConstraint(fields=["issue", "email"], name="communication_delivery_once")
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_status_display()})"


NEWS_TITLE_MAX = 200
NEWS_TEASER_MAX = 300
NEWS_BODY_MAX = 20000
IMAGE_ALT_MAX = 300


class NewsPostQuerySet(models.QuerySet):
    def public(self, now=None):
        """Published posts: a publication time that has come (scheduled ones are not yet)."""
        return self.filter(publish_at__isnull=False, publish_at__lte=now or timezone.now())


class NewsPost(RegionScopedModel, TimeStampedModel, VersionedModel):
    """A news post of the coordination or of a town's officer, with an optional image.

    `publish_at` is the whole publication state: empty is a draft, a time in the future a
    scheduled post, a time passed a published one. Nothing runs at that time: every public
    query asks `publish_at <= now` (NewsPostQuerySet.public), and the cached pages carry the
    scheduled times passed in their keys (communication/news.py, tenancy/pagecache.py)."""

    slug = models.SlugField(_("Kürzel"), max_length=120)
    title = models.CharField(_("Titel"), max_length=NEWS_TITLE_MAX)
    teaser = models.CharField(_("Kurztext"), max_length=NEWS_TEASER_MAX, blank=True)
    # Markdown (raw HTML is not interpreted); shown through core/formatting.py.
    body = models.TextField(_("Text"), blank=True, validators=[MaxLengthValidator(NEWS_BODY_MAX)])
    image = models.BinaryField(_("Bild"), null=True, blank=True, editable=False)
    image_type = models.CharField(max_length=20, blank=True, editable=False)
    # Names the stored image (the change log records a replaced image through it, and the
    # image's address carries it, so that browsers may keep an image for long).
    image_hash = models.CharField(_("Bild (Prüfsumme)"), max_length=64, blank=True, editable=False)
    image_alt = models.CharField(_("Bildbeschreibung"), max_length=IMAGE_ALT_MAX, blank=True)
    fields = models.ManyToManyField(
        "strategy.Field", blank=True, related_name="news_posts", verbose_name=_("Handlungsfelder")
    )
    municipalities = models.ManyToManyField(
        "tenancy.Municipality", blank=True, related_name="news_posts", verbose_name=_("Kommunen")
    )
    publish_at = models.DateTimeField(
        _("Veröffentlichung"),
        null=True,
        blank=True,
        help_text=_(
            "Leer: Entwurf. Ein Zeitpunkt in der Zukunft: dann wird der Beitrag öffentlich."
        ),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verfasst von"),
    )
    is_demo = models.BooleanField(_("Demo-Daten"), default=False, editable=False)

    objects = NewsPostQuerySet.as_manager()

    class Meta:
        verbose_name = _("Neuigkeit")
        verbose_name_plural = _("Neuigkeiten")
        ordering = ["-publish_at", "-pk"]
        indexes = [models.Index(fields=["region", "publish_at"], name="comm_news_publish")]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "slug"],
                name="communication_news_slug",
                violation_error_message=_("Dieses Kürzel ist in der Region schon vergeben."),
            ),
            models.CheckConstraint(
                condition=Q(image_type="") | ~Q(image_alt=""),
                name="communication_news_image_alt",
                violation_error_message=_("Bitte beschreiben Sie das Bild in wenigen Worten."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def has_image(self) -> bool:
        return bool(self.image_type)

    def is_public(self, now=None) -> bool:
        return self.publish_at is not None and self.publish_at <= (now or timezone.now())
