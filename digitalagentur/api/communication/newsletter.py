"""The newsletter's subscription through the API (issue 13, section 1).

- GET /api/v1/newsletter/segments/ (anyone): the groups of the request's region a subscriber
  can choose (`id`, `name`, `kind`, `description`); the standard groups (towns, fields of
  action, audiences) are created on the first request.
- POST /api/v1/newsletter/subscribe/ (anyone): `email` and optionally `segments` (a list of
  ids from the list above). The answer is the same 202 for a new, waiting, subscribed or
  unsubscribed address, so nobody learns through the API whether an address is on the list;
  a new request gets the confirmation mail (double opt-in) and a consent record with the
  client's address and the form "api". Bad input is a 400 with German messages per field,
  and nothing is saved. Every rule is communication.newsletter's.

The POST needs no CSRF token without a session (DRF's APIView is exempt; a browser's session
is checked by its authentication class, as for every write). Anonymous callers are
throttled per client address (SubscribeThrottle, as the what-if consolidation in
api/assessment.py): a form cannot be used to flood the mail server, and the service sends no
second mail to a waiting address within newsletter.RESEND_PAUSE anyway.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from digitalagentur.communication import newsletter
from digitalagentur.communication.choices import ConsentForm
from digitalagentur.core.client_ip import client_ip

from ..views import RegionAPIMixin
from . import serializers as s

SUBSCRIBE_RATE = "30/min"  # anonymous subscription requests per client address


class SubscribeThrottle(AnonRateThrottle):
    """At most SUBSCRIBE_RATE anonymous subscription requests per client address (read by
    core.client_ip behind the trusted proxies); the counts live in Django's cache."""

    scope = "newsletter_subscribe"
    rate = SUBSCRIBE_RATE

    def get_ident(self, request):
        return client_ip(request) or super().get_ident(request)


def accepted_message() -> str:
    return _(
        "Vielen Dank. Wenn diese Adresse noch nicht angemeldet ist, haben wir eine E-Mail mit "
        "einem Bestätigungslink an sie geschickt. Erst wenn Sie diesen Link öffnen und die "
        "Anmeldung bestätigen, erhalten Sie den Newsletter. Der Link gilt sieben Tage."
    )


class NewsletterSegmentsView(RegionAPIMixin, APIView):
    """The groups of the region's newsletter that a subscriber can choose."""

    permission_classes = [AllowAny]

    @extend_schema(
        summary=gettext_lazy("Wählbare Gruppen des Newsletters der Region"),
        responses={200: s.SegmentSerializer(many=True)},
    )
    def get(self, request, *args, **kwargs):
        if self.region is None:
            raise NotFound()
        newsletter.ensure_segments(self.region)
        segments = newsletter.selectable_segments(self.region)
        return Response(s.SegmentSerializer(segments, many=True).data)


class NewsletterSubscribeView(RegionAPIMixin, APIView):
    """Ask for the newsletter: the confirmation mail goes to a new address (double opt-in)."""

    permission_classes = [AllowAny]
    throttle_classes = [SubscribeThrottle]

    @extend_schema(
        summary=gettext_lazy(
            "Newsletter bestellen (ohne Anmeldung): immer 202, ob die Adresse neu, "
            "unbestätigt, angemeldet oder abgemeldet ist; eine neue Adresse erhält den "
            "Bestätigungslink"
        ),
        request=s.NewsletterSubscribeSerializer,
        responses={
            202: OpenApiResponse(
                response=s.MessageSerializer,
                description=gettext_lazy("Angenommen (dieselbe Antwort für jede Adresse)"),
            ),
            429: OpenApiResponse(
                response=s.MessageSerializer,
                description=gettext_lazy(
                    "Zu viele Anfragen ohne Anmeldung (höchstens 30 je Minute)"
                ),
            ),
        },
    )
    def post(self, request, *args, **kwargs):
        if self.region is None:
            raise NotFound()
        body = s.NewsletterSubscribeSerializer(
            data=request.data, context={"request": request, "view": self}
        )
        body.is_valid(raise_exception=True)
        try:
            newsletter.subscribe(
                self.region,
                body.validated_data["email"],
                segments=body.validated_data.get("segments", []),
                ip=client_ip(request) or None,
                form=ConsentForm.API,
            )
        except DjangoValidationError as error:
            raise ValidationError({"email": error.messages}) from None
        return Response({"detail": accepted_message()}, status=status.HTTP_202_ACCEPTED)
