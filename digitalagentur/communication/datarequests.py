"""Data export and deletion on request, per e-mail address (issue 13, section 4).

Anybody can ask at /datenauskunft/ for what the region stores about an e-mail address: the
newsletter subscription with its groups, the consent records, the newsletter deliveries and
the event registrations (those written with the address, and those of an account whose
address it is now). The answer is a link mailed to that address; whoever can read the mail
may download the data (JSON) or have it deleted.

* `request_link` answers nothing about the address: the caller shows the same page whether
  data exists or not, and a mail goes out only when there is data. At most one mail per
  address and region per RESEND_PAUSE (10 minutes), and at most LINKS_PER_NETWORK per hour
  from one client network; both are counted in the cache alias "ratelimit" (Redis when
  REDIS_URL is set, else a database table: shared by every worker process), under a keyed
  hash of the address or network, never the address itself.
* The link carries no database row: it is signed (django.core.signing.TimestampSigner, with
  the salt SALT and the purpose PURPOSE) over the region's id and the address, and expires
  after DIGITALAGENTUR_DATA_REQUEST_HOURS (24). Signing is no encryption: the address can
  be read from the link, which goes only to that address.
* `erase` deletes the subscription and the deliveries, cancels the registrations for events
  still to come (their seats go to the waiting list) and anonymises every registration of
  the address as the retention job does (communication.jobs.anonymise). The consent records
  stay as proof (marked withdrawn, as after an unsubscription; unconfirmed requests are no
  consent and are deleted, as newsletter.unsubscribe does). Nothing is mailed to an address
  without a subscription, so the kept records never make it a recipient again. The run is
  atomic and idempotent; it is logged (counts, region) without the address.
"""

from __future__ import annotations

import datetime
import logging
import zlib
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from digitalagentur.core.client_ip import client_network
from digitalagentur.core.mail import base_url as region_base_url

from . import jobs, registrations
from .choices import ACTIVE_STATUSES
from .models import Delivery, Registration, Subscription
from .newsletter import consent_export, consent_records, normalise_email

logger = logging.getLogger(__name__)

SALT = "digitalagentur.communication.datarequests"
PURPOSE = "datenauskunft"
CACHE_ALIAS = "ratelimit"
RESEND_PAUSE = datetime.timedelta(minutes=10)
LINKS_PER_NETWORK = 20  # link mails per hour from one client network
NETWORK_WINDOW = 3600


class LinkProblem(Exception):
    """A link that cannot be used; `status` 410 (expired) or 404 (never ours)."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Erased:
    """What a deletion request did (all 0 when there was nothing left to delete)."""

    subscriptions: int = 0
    deliveries: int = 0
    registrations: int = 0
    cancelled: int = 0  # of those: active registrations for events still to come
    requests: int = 0  # unconfirmed newsletter requests (no consent, so no proof) deleted
    consents_withdrawn: int = 0
    consents_kept: int = 0  # consent records kept as proof

    @property
    def changed(self) -> bool:
        values = asdict(self)
        values.pop("consents_kept")
        return any(values.values())


def valid_hours() -> int:
    return int(getattr(settings, "DIGITALAGENTUR_DATA_REQUEST_HOURS", 24))


# What is stored --------------------------------------------------------------------------


def registrations_of(region, email: str):
    """Event registrations in the region written with the address or made by the account
    that has it now (anonymised ones have neither)."""
    return Registration.objects.filter(event__region=region).filter(
        Q(email__iexact=email) | Q(user__email__iexact=email)
    )


def deliveries_of(region, email: str):
    return Delivery.objects.filter(issue__region=region, email=email)


def subscription_of(region, email: str) -> Subscription | None:
    return Subscription.objects.filter(region=region, email=email).first()


def holds_data(region, email: str) -> bool:
    return (
        Subscription.objects.filter(region=region, email=email).exists()
        or consent_records(region, email).exists()
        or registrations_of(region, email).exists()
        or deliveries_of(region, email).exists()
    )


def summary(region, email: str) -> dict:
    """Counts of what is stored, for the page behind the link."""
    subscription = subscription_of(region, email)
    return {
        "subscription": subscription.get_status_display() if subscription else "",
        "consents": consent_records(region, email).count(),
        "deliveries": deliveries_of(region, email).count(),
        "registrations": registrations_of(region, email).count(),
    }


def _moment(value) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def export(region, email: str, now: datetime.datetime | None = None) -> dict:
    """Everything stored about the address in the region, JSON-serialisable."""
    now = now or timezone.now()
    email = normalise_email(email)
    subscription = subscription_of(region, email)
    newsletter = None
    if subscription is not None:
        newsletter = {
            "email": subscription.email,
            "status": subscription.get_status_display(),
            "groups": [
                segment.name
                for segment in subscription.segments.order_by("kind", "position", "name")
            ],
            "requested": _moment(subscription.requested),
            "confirmed": _moment(subscription.confirmed),
            "unsubscribed": _moment(subscription.unsubscribed),
            "bounced": _moment(subscription.bounced),
            "bounce_count": subscription.bounce_count,
        }
    deliveries = [
        {
            "issue": delivery.issue.subject,
            "status": delivery.get_status_display(),
            "sent": _moment(delivery.sent),
        }
        for delivery in deliveries_of(region, email).select_related("issue").order_by("pk")
    ]
    registrations_ = [
        {
            "event": registration.event.title,
            "start": _moment(registration.event.start),
            "end": _moment(registration.event.end),
            "status": registration.get_status_display(),
            "name": registration.name,
            "email": registration.email,
            "organisation": registration.organisation,
            "note": registration.note,
            "attended": registration.attended,
            "registered": _moment(registration.created),
            "promoted": _moment(registration.promoted),
            "cancelled": _moment(registration.cancelled),
        }
        for registration in registrations_of(region, email)
        .select_related("event")
        .order_by("event__start", "pk")
    ]
    return {
        "region": region.name,
        "email": email,
        "created": _moment(now),
        "newsletter_subscription": newsletter,
        "newsletter_deliveries": deliveries,
        "consent_records": consent_export(region, email),
        "event_registrations": registrations_,
    }


# The link ---------------------------------------------------------------------------------


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def make_token(region, email: str) -> str:
    """The signed part of the link (valid for DIGITALAGENTUR_DATA_REQUEST_HOURS)."""
    value = {"r": region.pk, "e": normalise_email(email), "p": PURPOSE}
    return _signer().sign_object(value, compress=True)


def link_path(token: str) -> str:
    return reverse("public:data_request_link", args=[token])


def email_for(region, token: str) -> str:
    """The address of a link of this region; LinkProblem (German) when the link is not ours,
    belongs to another region (both 404) or has expired (410)."""
    unknown = LinkProblem(
        _(
            "Diesen Link kennen wir nicht. Bitte prüfen Sie, ob Sie ihn vollständig aus der "
            "E-Mail übernommen haben, oder fordern Sie einen neuen an."
        ),
        404,
    )
    try:
        value = _signer().unsign_object(token or "")
    except (signing.BadSignature, ValueError, zlib.error):
        raise unknown from None
    if not isinstance(value, dict) or value.get("p") != PURPOSE or value.get("r") != region.pk:
        raise unknown
    try:
        email = normalise_email(str(value.get("e", "")))
        _signer().unsign_object(token, max_age=datetime.timedelta(hours=valid_hours()))
    except ValidationError:
        raise unknown from None
    except signing.SignatureExpired:
        hours = valid_hours()
        raise LinkProblem(
            ngettext(
                "Dieser Link ist abgelaufen (er gilt %(hours)d Stunde). Bitte fordern Sie "
                "einen neuen an.",
                "Dieser Link ist abgelaufen (er gilt %(hours)d Stunden). Bitte fordern Sie "
                "einen neuen an.",
                hours,
            )
            % {"hours": hours},
            410,
        ) from None
    return email


# Asking for the link ----------------------------------------------------------------------


def _cache_key(kind: str, value: str) -> str:
    return f"datarequests:{kind}:{salted_hmac(SALT, value).hexdigest()[:32]}"


def _network_allows(ip: str | None) -> bool:
    """Count one link mail from this client network; False over LINKS_PER_NETWORK an hour."""
    if not ip:
        return True
    cache = caches[CACHE_ALIAS]
    key = _cache_key("network", client_network(ip))
    cache.add(key, 0, timeout=NETWORK_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=NETWORK_WINDOW)
        count = 1
    return count <= LINKS_PER_NETWORK


def request_link(region, email: str, *, ip: str | None = None) -> bool:
    """Mail the link for `email` (normalised here; ValidationError in German when it is no
    address) if the region stores data of it. True when a mail goes out; the caller never
    tells the person."""
    email = normalise_email(email)
    if not holds_data(region, email):
        return False
    # cache.add is atomic: of two requests at once, one mails.
    pause = int(RESEND_PAUSE.total_seconds())
    if not caches[CACHE_ALIAS].add(_cache_key("pause", f"{region.pk}:{email}"), 1, pause):
        return False
    if not _network_allows(ip):
        logger.warning("Data request links from one network over the hourly limit")
        return False
    link = region_base_url(region) + link_path(make_token(region, email))
    region_id, language = region.pk, translation.get_language()
    transaction.on_commit(lambda: send_link(region_id, email, link, language), robust=True)
    return True


def send_link(region_id: int, email: str, link: str, language: str | None = None) -> bool:
    """Mail the link (a failing mail server is logged, never an error page)."""
    from digitalagentur.tenancy.models import Region

    region = Region.objects.filter(pk=region_id).first()
    if region is None:
        return False
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = _("Ihre Anfrage: gespeicherte Daten herunterladen oder löschen")
        hours = valid_hours()
        context = {
            "subject": subject,
            "greeting": _("Guten Tag,"),
            "intro": ngettext(
                "Sie (oder jemand mit Ihrer Adresse) möchten wissen, welche Daten die "
                "Digitalagentur %(region)s zu dieser E-Mail-Adresse speichert. Über den "
                "folgenden Link können Sie die Daten herunterladen oder löschen lassen. Der "
                "Link gilt %(hours)d Stunde; geben Sie ihn nicht weiter.",
                "Sie (oder jemand mit Ihrer Adresse) möchten wissen, welche Daten die "
                "Digitalagentur %(region)s zu dieser E-Mail-Adresse speichert. Über den "
                "folgenden Link können Sie die Daten herunterladen oder löschen lassen. Der "
                "Link gilt %(hours)d Stunden; geben Sie ihn nicht weiter.",
                hours,
            )
            % {"region": region.name, "hours": hours},
            "facts": [],
            "link": link,
            "link_label": _("Meine Daten ansehen"),
            "calendar_note": _(
                "Wenn Sie nichts angefragt haben, ignorieren Sie diese E-Mail: ohne den Link "
                "wird nichts herausgegeben und nichts gelöscht."
            ),
            "footer": _(
                "Diese E-Mail wurde automatisch von der Plattform der Digitalagentur "
                "(%(region)s) verschickt, weil diese Adresse im Formular „Datenauskunft“ "
                "angegeben wurde."
            )
            % {"region": region.name},
        }
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("communication/mail/registration.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[email],
        )
        message.attach_alternative(
            render_to_string("communication/mail/registration.html", context), "text/html"
        )
    try:
        message.send()
    except Exception:
        logger.exception("Data request link for region %s not sent", region_id)
        return False
    return True


# Deleting ---------------------------------------------------------------------------------


def erase(region, email: str, now: datetime.datetime | None = None) -> Erased:
    """Delete the address's data in the region (see the module's text); idempotent."""
    now = now or timezone.now()
    email = normalise_email(email)
    with transaction.atomic():
        subscriptions = Subscription.objects.select_for_update().filter(region=region, email=email)
        locked = list(subscriptions)
        consents = consent_records(region, email)
        requests, _counts = consents.filter(confirmed__isnull=True).delete()
        withdrawn = consents.filter(confirmed__isnull=False, withdrawn__isnull=True).update(
            withdrawn=now
        )
        deliveries, _counts = deliveries_of(region, email).delete()
        for subscription in locked:
            subscription.delete()
        found = list(registrations_of(region, email).select_related("event"))
        cancelled = 0
        for registration in found:
            if registration.status in ACTIVE_STATUSES and registration.event.start > now:
                # The seat goes to the waiting list; the cancellation mail finds no address.
                registrations.cancel_registration(registration, now=now)
                cancelled += 1
        anonymised = jobs.anonymise(
            Registration.objects.filter(pk__in=[registration.pk for registration in found]), now
        )
        result = Erased(
            subscriptions=len(locked),
            deliveries=deliveries,
            registrations=anonymised,
            cancelled=cancelled,
            requests=requests,
            consents_withdrawn=withdrawn,
            consents_kept=consents.count(),
        )
    if result.changed:
        logger.info(
            "Personal data erased on request (region %s): %s",
            region.slug,
            {name: value for name, value in asdict(result).items() if value},
        )
    return result
