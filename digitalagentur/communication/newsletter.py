"""The newsletter's list (issue 13, section 1): segments, subscription with double opt-in,
consent records, confirmation, unsubscription and the cleaning of unconfirmed requests.

* `subscribe` answers nothing about the address: the caller shows the same message whether
  the address is new, waiting, subscribed or unsubscribed. A new request (or one after an
  unsubscription) stores a consent record with the exact text and its version, the time, the
  client's address and the form, and mails a confirmation link (after commit). A request for
  an address that is waiting and was asked less than RESEND_PAUSE ago sends no second mail,
  so nobody can flood an inbox through the form.
* `confirm` is only ever called on a POST (the page behind the link shows a button), so a
  mail scanner that opens the link confirms nothing. Links expire after EXPIRY.
* `unsubscribe` takes the random key of the one-click link (RFC 8058); the consent records
  stay as proof, marked withdrawn, and the address is not mailed again.

Every change happens under a lock on the subscription's row; the unique constraint
(region, email) makes two concurrent first requests one row.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from digitalagentur.core.mail import base_url as region_base_url
from digitalagentur.core.models import ObjectChange
from digitalagentur.core.services import create_object, diff_snapshots, log_change, snapshot

from .choices import Audience, ConsentForm, SegmentKind, SubscriptionStatus
from .models import ConsentRecord, Segment, Subscription

logger = logging.getLogger(__name__)

EXPIRY = datetime.timedelta(days=7)
RESEND_PAUSE = datetime.timedelta(minutes=10)
EMAIL_MAX = 254

#: Raised with every change of the wording below; stored with each consent.
CONSENT_VERSION = "2026-12-05"


def consent_text(region) -> str:
    """The exact consent the person gives (German, as shown on the form)."""
    return (
        f"Ich möchte den Newsletter der Digitalagentur {region.name} per E-Mail erhalten "
        "(Neuigkeiten zur Digitalisierungsstrategie, zu Projekten, Veranstaltungen und "
        "Fördermitteln, für die gewählten Gruppen). Meine E-Mail-Adresse wird nur dafür "
        "verwendet. Ich kann die Einwilligung jederzeit widerrufen, über den Abmeldelink in "
        "jeder Ausgabe."
    )


class LinkProblem(Exception):
    """A confirmation link that is unknown or expired; the message says what to do."""


@dataclass(frozen=True)
class Confirmation:
    subscription: Subscription
    already: bool  # confirmed before (the button pressed twice)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normalise_email(value: str) -> str:
    """Strip and lower-case the address; raise ValidationError (German) when it is none."""
    email = (value or "").strip().lower()
    if not email:
        raise ValidationError(_("Bitte geben Sie Ihre E-Mail-Adresse an."), code="required")
    if len(email) > EMAIL_MAX:
        raise ValidationError(_("Die E-Mail-Adresse ist zu lang."), code="max_length")
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            _("Bitte geben Sie eine gültige E-Mail-Adresse an."), code="invalid"
        ) from None
    return email


# Segments ---------------------------------------------------------------------------------


def ensure_segments(region) -> None:
    """The standard segments: one per town, per field of action and per audience (idempotent).
    A name already taken gets its kind in brackets; if that is taken too, none is added."""
    from digitalagentur.strategy.models import Field
    from digitalagentur.tenancy.models import Municipality

    wanted = []
    for position, town in enumerate(Municipality.objects.filter(region=region).order_by("name")):
        wanted.append(({"municipality": town}, SegmentKind.MUNICIPALITY, town.name, position))
    fields = Field.objects.filter(strategy__region=region).order_by("position", "pk")
    for position, field in enumerate(fields):
        wanted.append(({"field": field}, SegmentKind.FIELD, field.name, position))
    for position, (value, label) in enumerate(Audience.choices):
        wanted.append(({"audience": value}, SegmentKind.AUDIENCE, str(label), position))
    existing_names = set(Segment.objects.filter(region=region).values_list("name", flat=True))
    for lookup, kind, name, position in wanted:
        if Segment.objects.filter(region=region, **lookup).exists():
            continue
        if name in existing_names:  # e.g. a field of action called like an audience
            name = f"{name} ({SegmentKind(kind).label})"
            if name in existing_names:
                continue
        try:
            with transaction.atomic():
                Segment.objects.create(
                    region=region, kind=kind, name=name, position=position, **lookup
                )
        except IntegrityError:  # created meanwhile by a concurrent request
            pass
        existing_names.add(name)


def create_segment(region, values: dict, *, user=None, reason: str = "") -> Segment:
    """A staff segment (kind "custom"); ValidationError (German) for a name already taken."""
    segment = Segment(region=region, kind=SegmentKind.CUSTOM, **values)
    try:
        return create_object(segment, user=user, reason=reason)
    except IntegrityError:  # the same name saved meanwhile by someone else
        raise ValidationError(_("Eine Gruppe mit diesem Namen gibt es schon.")) from None


@transaction.atomic
def update_segment(segment: Segment, values: dict, *, user=None, reason: str = "") -> Segment:
    """Apply name, description and visibility under a lock on the row, logged as a change.
    Segments carry no version: the last save wins (they are short and rarely edited)."""
    current = Segment.objects.select_for_update().get(pk=segment.pk)
    before = snapshot(current)
    for name, value in values.items():
        setattr(current, name, value)
    changes = diff_snapshots(before, snapshot(current))
    if not changes:
        return current
    current.full_clean()
    try:
        with transaction.atomic():
            current.save()
    except IntegrityError:
        raise ValidationError(_("Eine Gruppe mit diesem Namen gibt es schon.")) from None
    log_change(current, ObjectChange.Action.UPDATE, user=user, changes=changes, reason=reason)
    return current


def selectable_segments(region):
    return Segment.objects.filter(region=region, selectable=True).order_by(
        "kind", "position", "name", "pk"
    )


def segments_for(region, ids) -> list[Segment]:
    """The selectable segments with these ids; ValidationError naming an unknown one."""
    wanted = []
    for value in ids or ():
        try:
            wanted.append(int(value))
        except (TypeError, ValueError):
            raise ValidationError(
                _("„%(value)s“ ist keine Gruppe des Newsletters.") % {"value": value},
                code="invalid_segment",
            ) from None
    found = {segment.pk: segment for segment in selectable_segments(region).filter(pk__in=wanted)}
    unknown = [value for value in wanted if value not in found]
    if unknown:
        raise ValidationError(
            _("„%(value)s“ ist keine Gruppe des Newsletters.") % {"value": unknown[0]},
            code="invalid_segment",
        )
    return [found[value] for value in dict.fromkeys(wanted)]


# Subscribing ------------------------------------------------------------------------------


def subscribe(
    region,
    email: str,
    *,
    segments=(),
    ip: str | None = None,
    form: str = ConsentForm.WEBSITE,
    now: datetime.datetime | None = None,
) -> bool:
    """Ask for a subscription of `email` (normalised here) to `segments` (Segment objects of
    the region). True when a confirmation mail goes out; the caller never tells the person."""
    now = now or timezone.now()
    email = normalise_email(email)
    segments = list(segments)
    if any(segment.region_id != region.pk for segment in segments):
        raise ValidationError(_("Diese Gruppe gehört nicht zu dieser Region."))
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        subscription = _locked_subscription(region, email, now)
        if subscription.status == SubscriptionStatus.ACTIVE:
            return False
        waiting = subscription.status == SubscriptionStatus.PENDING and subscription.token_hash
        if waiting and subscription.requested > now - RESEND_PAUSE:
            return False
        # Unconfirmed earlier requests are no consent: only the newest one is kept.
        subscription.consents.filter(confirmed__isnull=True).delete()
        subscription.status = SubscriptionStatus.PENDING
        subscription.token_hash = token_hash(token)
        subscription.requested = now
        subscription.save(update_fields=["status", "token_hash", "requested", "updated"])
        subscription.segments.set(segments)
        ConsentRecord.objects.create(
            region=region,
            subscription=subscription,
            email=email,
            form=form,
            consent_text=consent_text(region),
            consent_version=CONSENT_VERSION,
            segments=", ".join(segment.name for segment in segments),
            requested=now,
            request_ip=ip or None,
        )
        link = region_base_url(region) + reverse("public:newsletter_confirm", args=[token])
        subscription_id = subscription.pk
        transaction.on_commit(
            lambda: send_confirmation(subscription_id, link, translation.get_language()),
            robust=True,
        )
    return True


def _locked_subscription(region, email: str, now) -> Subscription:
    """The address's row, locked; created (pending, no token yet) when there is none."""
    queryset = Subscription.objects.select_for_update()
    subscription = queryset.filter(region=region, email=email).first()
    if subscription is not None:
        return subscription
    try:
        with transaction.atomic():
            created = Subscription.objects.create(
                region=region,
                email=email,
                requested=now,
                unsubscribe_key=secrets.token_urlsafe(32),
            )
    except IntegrityError:  # a concurrent first request created it: wait for its lock
        return queryset.get(region=region, email=email)
    return queryset.get(pk=created.pk)


def send_confirmation(subscription_id: int, link: str, language: str | None = None) -> bool:
    """Mail the confirmation link (a failing mail server is logged, never an error page)."""
    subscription = Subscription.objects.select_related("region").filter(pk=subscription_id).first()
    if subscription is None or subscription.status != SubscriptionStatus.PENDING:
        return False
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = _("Bitte bestätigen Sie Ihre Anmeldung zum Newsletter")
        context = {
            "subject": subject,
            "greeting": _("Guten Tag,"),
            "intro": _(
                "Sie (oder jemand mit Ihrer Adresse) möchten den Newsletter der "
                "Digitalagentur %(region)s erhalten. Bitte bestätigen Sie das über den "
                "folgenden Link; dort klicken Sie auf „Anmeldung bestätigen“. Der Link gilt "
                "sieben Tage."
            )
            % {"region": subscription.region.name},
            "facts": [],
            "link": link,
            "link_label": _("Anmeldung bestätigen"),
            "calendar_note": _(
                "Wenn Sie den Newsletter nicht bestellt haben, ignorieren Sie diese E-Mail: "
                "ohne Bestätigung bekommen Sie nichts weiter, und die Anfrage wird gelöscht."
            ),
            "footer": _(
                "Diese E-Mail wurde automatisch von der Plattform der Digitalagentur "
                "(%(region)s) verschickt, weil diese Adresse im Anmeldeformular des "
                "Newsletters angegeben wurde."
            )
            % {"region": subscription.region.name},
        }
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("communication/mail/registration.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[subscription.email],
        )
        message.attach_alternative(
            render_to_string("communication/mail/registration.html", context), "text/html"
        )
    try:
        message.send()
    except Exception:
        logger.exception("Newsletter confirmation for subscription %s not sent", subscription_id)
        return False
    return True


# Confirming and unsubscribing -------------------------------------------------------------


def pending_for(token: str, now: datetime.datetime | None = None) -> Subscription:
    """The subscription a confirmation link belongs to; LinkProblem when unknown or expired
    (a confirmed one is returned as it is: its page says so)."""
    now = now or timezone.now()
    subscription = (
        Subscription.objects.filter(token_hash=token_hash(token or ""))
        .exclude(token_hash="")
        .select_related("region")
        .first()
    )
    if subscription is None:
        raise LinkProblem(
            _(
                "Diesen Bestätigungslink kennen wir nicht (mehr). Bitte melden Sie sich "
                "noch einmal zum Newsletter an."
            )
        )
    if subscription.status == SubscriptionStatus.PENDING and subscription.requested < now - EXPIRY:
        raise LinkProblem(
            _(
                "Dieser Bestätigungslink ist abgelaufen (er gilt sieben Tage). Bitte melden Sie "
                "sich noch einmal zum Newsletter an."
            )
        )
    return subscription


def confirm(
    token: str, *, ip: str | None = None, now: datetime.datetime | None = None
) -> Confirmation:
    """Confirm the subscription of a link (POST only); idempotent for a confirmed one."""
    now = now or timezone.now()
    with transaction.atomic():
        found = pending_for(token, now)
        subscription = Subscription.objects.select_for_update().get(pk=found.pk)
        if subscription.token_hash != found.token_hash:  # replaced by a newer request
            raise LinkProblem(
                _(
                    "Dieser Bestätigungslink wurde durch eine neuere Anmeldung ersetzt. "
                    "Bitte nutzen Sie den Link aus der neuesten E-Mail."
                )
            )
        if subscription.status == SubscriptionStatus.ACTIVE:
            return Confirmation(subscription, already=True)
        if subscription.status != SubscriptionStatus.PENDING:
            raise LinkProblem(
                _(
                    "Diese Anmeldung wurde inzwischen abgemeldet. Bitte melden Sie sich noch "
                    "einmal zum Newsletter an."
                )
            )
        subscription.status = SubscriptionStatus.ACTIVE
        subscription.confirmed = now
        subscription.unsubscribed = None
        subscription.bounced = None
        subscription.bounce_count = 0
        subscription.save(
            update_fields=[
                "status",
                "confirmed",
                "unsubscribed",
                "bounced",
                "bounce_count",
                "updated",
            ]
        )
        subscription.consents.filter(confirmed__isnull=True).update(
            confirmed=now, confirm_ip=ip or None
        )
    return Confirmation(subscription, already=False)


def by_unsubscribe_key(key: str) -> Subscription | None:
    if not key or len(key) > 100:
        return None
    return Subscription.objects.select_related("region").filter(unsubscribe_key=key).first()


def unsubscribe(key: str, *, now: datetime.datetime | None = None) -> Subscription | None:
    """Take the address off the list (one-click link); None for an unknown key. Idempotent."""
    now = now or timezone.now()
    with transaction.atomic():
        subscription = (
            Subscription.objects.select_for_update().filter(unsubscribe_key=key or "-").first()
        )
        if subscription is None:
            return None
        if subscription.status == SubscriptionStatus.UNSUBSCRIBED:
            return subscription
        subscription.status = SubscriptionStatus.UNSUBSCRIBED
        subscription.unsubscribed = now
        subscription.token_hash = ""
        subscription.save(update_fields=["status", "unsubscribed", "token_hash", "updated"])
        subscription.consents.filter(confirmed__isnull=False, withdrawn__isnull=True).update(
            withdrawn=now
        )
        subscription.consents.filter(confirmed__isnull=True).delete()
    return subscription


def unsubscribe_url(subscription: Subscription) -> str:
    return region_base_url(subscription.region) + reverse(
        "public:newsletter_unsubscribe", args=[subscription.unsubscribe_key]
    )


# Retention ---------------------------------------------------------------------------------


def purge_expired(now: datetime.datetime | None = None) -> int:
    """Drop requests not confirmed within EXPIRY: their unconfirmed consent records, and the
    row itself unless it holds an earlier confirmed consent (then it is unsubscribed again).
    The number of requests dropped."""
    now = now or timezone.now()
    dropped = 0
    stale = Subscription.objects.filter(
        status=SubscriptionStatus.PENDING, requested__lt=now - EXPIRY
    ).values_list("pk", flat=True)
    for pk in list(stale):
        with transaction.atomic():
            subscription = (
                Subscription.objects.select_for_update()
                .filter(pk=pk, status=SubscriptionStatus.PENDING, requested__lt=now - EXPIRY)
                .first()
            )
            if subscription is None:
                continue
            subscription.consents.filter(confirmed__isnull=True).delete()
            if subscription.consents.exists():
                subscription.status = SubscriptionStatus.UNSUBSCRIBED
                subscription.token_hash = ""
                subscription.save(update_fields=["status", "token_hash", "updated"])
            else:
                subscription.delete()
            dropped += 1
    return dropped


def purge_unsubscribed(now: datetime.datetime | None = None) -> int:
    """Delete subscriptions unsubscribed (or bounced) longer than
    DIGITALAGENTUR_NEWSLETTER_RETENTION_DAYS ago; their consent records stay as proof."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(days=settings.DIGITALAGENTUR_NEWSLETTER_RETENTION_DAYS)
    old = Subscription.objects.filter(
        status=SubscriptionStatus.UNSUBSCRIBED, unsubscribed__lt=limit
    ) | Subscription.objects.filter(status=SubscriptionStatus.BOUNCED, bounced__lt=limit)
    deleted, _counts = old.delete()
    return deleted


# Proof -------------------------------------------------------------------------------------


def consent_records(region, email: str):
    """Every consent record of an address in the region (oldest first)."""
    return ConsentRecord.objects.filter(region=region, email=(email or "").strip().lower())


def consent_export(region, email: str) -> list[dict]:
    """The consent records of an address as plain values (for CSV and JSON)."""

    def moment(value):
        return timezone.localtime(value).isoformat() if value else None

    return [
        {
            "email": record.email,
            "form": record.get_form_display(),
            "requested": moment(record.requested),
            "request_ip": record.request_ip,
            "consent_version": record.consent_version,
            "consent_text": record.consent_text,
            "segments": record.segments,
            "confirmed": moment(record.confirmed),
            "confirm_ip": record.confirm_ip,
            "withdrawn": moment(record.withdrawn),
        }
        for record in consent_records(region, email)
    ]
