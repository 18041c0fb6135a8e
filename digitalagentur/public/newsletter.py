"""Subscribing to the newsletter on the public website (issue 13, section 1): the form, the
thanks page, the confirmation link (double opt-in) and the unsubscribe link.

Every rule is communication.newsletter's; this module only reads the request.

* The form answers the same for every valid address (a redirect to the thanks page), whether
  it is new, waiting, subscribed or unsubscribed: the page never tells whether an address is
  on the list. Bad input is shown again with the German messages (400, nothing saved).
* The confirmation link shows the subscription and a button; only the POST of that button
  confirms, so a mail scanner that opens the link confirms nothing.
* The unsubscribe link shows a button as well; its POST needs no CSRF token, because mail
  programs send it without one (RFC 8058 one-click: `List-Unsubscribe=One-Click`). The random
  key in the link is what authenticates the request.

The form and the link pages are never cached (a CSRF token, personal data) and the link
pages are not indexed by search engines. The thanks page is the same for everybody and is
cached like every public page.
"""

from __future__ import annotations

import functools

from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from digitalagentur.communication import newsletter
from digitalagentur.communication.choices import SubscriptionStatus
from digitalagentur.communication.models import Subscription
from digitalagentur.core.client_ip import client_ip
from digitalagentur.tenancy.pagecache import cache_public

from .forms_newsletter import SubscribeForm
from .ideas import region_of
from .spaces_manage import add_errors
from .surveys import error_summary

TOKEN_MAX = 200  # longer "tokens" are no tokens (the real ones have 43 characters)


def crumbs(*items):
    return [
        (_("Start"), reverse("public:home")),
        (_("Newsletter"), reverse("public:newsletter")),
        *items,
    ]


def noindex(view):
    """Pages behind a personal link: never kept by a cache, never indexed by a search engine
    (the template adds <meta name="robots">, for crawlers that ignore the header)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return never_cache(wrapper)


def masked(email: str) -> str:
    """'ad…@example.org': enough to recognise one's own address, not to read it from a
    forwarded link."""
    local, _sep, domain = email.partition("@")
    keep = 2 if len(local) > 3 else 1
    return f"{local[:keep]}…@{domain}"


def segment_names(subscription: Subscription) -> list[str]:
    return [segment.name for segment in subscription.segments.order_by("kind", "position", "name")]


# ---- the form -----------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def newsletter_subscribe(request):
    """GET: the form; POST: ask for the subscription (the confirmation mail goes out) and
    show the thanks page, the same for every valid address."""
    region = region_of(request)
    newsletter.ensure_segments(region)
    status = 200
    if request.method == "POST":
        form = SubscribeForm(request.POST, region=region)
        if form.is_valid():
            try:
                newsletter.subscribe(
                    region,
                    form.cleaned_data["email"],
                    segments=form.cleaned_data["segments"],
                    ip=client_ip(request) or None,
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                return HttpResponseRedirect(reverse("public:newsletter_thanks"), status=303)
        status = 400
    else:
        form = SubscribeForm(region=region)
    errors = error_summary(form) if status == 400 else []
    title = _("Newsletter bestellen")
    context = {
        "form": form,
        "groups": form.groups(),
        "form_errors": errors,
        "consent_text": newsletter.consent_text(region),
        "consent_version": newsletter.CONSENT_VERSION,
        "title": _("Fehler: %(title)s") % {"title": title} if errors else title,
        "heading": title,
        "breadcrumbs": [(_("Start"), reverse("public:home")), (_("Newsletter"), None)],
    }
    return render(request, "public/newsletter/subscribe.html", context, status=status)


@require_safe
@cache_public
def newsletter_thanks(request):
    region_of(request)
    context = {
        "title": _("Fast geschafft"),
        "breadcrumbs": crumbs((_("Bestätigung per E-Mail"), None)),
    }
    return render(request, "public/newsletter/thanks.html", context)


# ---- the confirmation link ----------------------------------------------------------------


def link_problem(request, token: str, problem: newsletter.LinkProblem):
    """The page of a link that cannot be used: 410 when the link was ours (expired, replaced,
    unsubscribed meanwhile), 404 when it never was or its request is deleted."""
    known = Subscription.objects.filter(token_hash=newsletter.token_hash(token)).exists()
    context = {
        "message": str(problem),
        "title": _("Link nicht gültig"),
        "noindex": True,
        "breadcrumbs": crumbs((_("Bestätigung"), None)),
    }
    return render(
        request, "public/newsletter/link_problem.html", context, status=410 if known else 404
    )


@noindex
@require_http_methods(["GET", "HEAD", "POST"])
def newsletter_confirm(request, token: str):
    """GET: the subscription and the button (confirms nothing); POST: confirm."""
    token = token[:TOKEN_MAX]
    try:
        if request.method == "POST":
            confirmation = newsletter.confirm(token, ip=client_ip(request) or None)
            subscription, confirmed, already = (
                confirmation.subscription,
                True,
                confirmation.already,
            )
        else:
            subscription = newsletter.pending_for(token)
            already = subscription.status == SubscriptionStatus.ACTIVE
            confirmed = False
    except newsletter.LinkProblem as problem:
        return link_problem(request, token, problem)
    if confirmed or already:
        title = _("Sie sind angemeldet")
    else:
        title = _("Anmeldung bestätigen")
    context = {
        "subscription": subscription,
        "email": masked(subscription.email),
        "segments": segment_names(subscription),
        "region_name": subscription.region.name,
        "confirmed": confirmed,
        "already": already,
        "title": title,
        "noindex": True,
        "breadcrumbs": crumbs((_("Bestätigung"), None)),
    }
    return render(request, "public/newsletter/confirm.html", context)


# ---- the unsubscribe link -----------------------------------------------------------------


@csrf_exempt
@noindex
@require_http_methods(["GET", "HEAD", "POST"])
def newsletter_unsubscribe(request, key: str):
    """GET: the address and the button; POST (the button, or a mail program's one-click
    request `List-Unsubscribe=One-Click` without CSRF token): unsubscribe. Idempotent."""
    subscription = newsletter.by_unsubscribe_key(key)
    if subscription is not None and request.method == "POST":
        subscription = newsletter.unsubscribe(key)
    if subscription is None:
        context = {
            "message": _(
                "Diesen Abmeldelink kennen wir nicht. Vielleicht ist die Adresse schon seit "
                "Längerem abgemeldet und gelöscht; dann bekommen Sie keinen Newsletter mehr."
            ),
            "title": _("Link nicht gültig"),
            "noindex": True,
            "breadcrumbs": crumbs((_("Abmelden"), None)),
        }
        return render(request, "public/newsletter/link_problem.html", context, status=404)
    done = request.method == "POST"
    gone = subscription.status == SubscriptionStatus.UNSUBSCRIBED
    if done:
        title = _("Sie sind abgemeldet")
    elif gone:
        title = _("Bereits abgemeldet")
    else:
        title = _("Vom Newsletter abmelden")
    context = {
        "subscription": subscription,
        "email": masked(subscription.email),
        "region_name": subscription.region.name,
        "done": done,
        "gone": gone,
        "title": title,
        "noindex": True,
        "breadcrumbs": crumbs((_("Abmelden"), None)),
    }
    return render(request, "public/newsletter/unsubscribe.html", context)
