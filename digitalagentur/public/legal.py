"""Legal and accessibility pages of the public website, and the contact and barrier forms.

A page the region has not written yet answers 200 with a clear notice (never 404): the link
in the footer must always lead somewhere.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from digitalagentur.core.client_ip import client_ip
from digitalagentur.legal import services, spam
from digitalagentur.legal.forms import MessageForm
from digitalagentur.legal.models import (
    AccessibilityStatement,
    LegalText,
    MessageKind,
    TextKind,
)
from digitalagentur.tenancy.pagecache import cache_public

TEXT_TEMPLATES = {
    TextKind.IMPRINT: "public/legal/text_page.html",
    TextKind.PRIVACY: "public/legal/text_page.html",
    TextKind.EASY_LANGUAGE: "public/legal/text_page.html",
    TextKind.SIGN_LANGUAGE: "public/legal/sign_language.html",
}


def _crumbs(label):
    return [(_("Start"), reverse("public:home")), (label, None)]


@cache_public
def text_page(request, kind: str):
    kind = TextKind(kind)
    page = services.find_page(LegalText, request.region, kind)
    context = {
        "page": page,
        "kind": kind,
        "title": kind.label,
        "breadcrumbs": _crumbs(kind.label),
        "contact": services.contact_details(request.region),
    }
    if kind == TextKind.SIGN_LANGUAGE and page is not None:
        context["video"] = video_source(page.video_url)
    return render(request, TEXT_TEMPLATES[kind], context)


def video_source(url: str) -> dict | None:
    """How to offer the DGS video: a same-site file is embedded (<video>, loads nothing until
    played); any other address is only linked, never embedded without the visitor's consent."""
    url = (url or "").strip()
    if not url:
        return None
    parts = urlsplit(url)
    if not parts.scheme and not parts.netloc and url.startswith("/") and not url.startswith("//"):
        return {"embed": True, "url": url}
    if parts.scheme in ("http", "https") and parts.netloc:
        return {"embed": False, "url": url, "host": parts.hostname or ""}
    return None


@cache_public
def accessibility(request):
    label = _("Erklärung zur Barrierefreiheit")
    context = {
        "statement": services.find_page(AccessibilityStatement, request.region),
        "contact": services.contact_details(request.region),
        "title": label,
        "breadcrumbs": _crumbs(label),
    }
    return render(request, "public/legal/accessibility.html", context)


def _message_form(request, kind: str, template: str, title: str, extra: dict):
    key = spam.sender_key(client_ip(request))
    if request.method == "POST":
        form = MessageForm(request.POST, kind=kind, sender_key=key)
        if form.is_valid():
            services.submit_message(request.region, kind, form.message_values(), sender_key=key)
            messages.success(
                request,
                _(
                    "Vielen Dank, Ihre Nachricht ist eingegangen. Sie erhalten eine Bestätigung "
                    "per E-Mail."
                ),
            )
            return redirect(request.path)
    else:
        initial = {}
        if kind == MessageKind.BARRIER:
            initial["page_url"] = _same_site_path(request.GET.get("seite", ""))
        form = MessageForm(kind=kind, initial=initial)
    context = {"form": form, "title": title, "breadcrumbs": _crumbs(title), **extra}
    return render(request, template, context)


def _same_site_path(value: str) -> str:
    """The page a barrier report is about, from ?seite= (a path on this site only)."""
    value = (value or "")[:500]
    if value == reverse("public:barrier_report"):
        return ""
    return value if value.startswith("/") and not value.startswith("//") else ""


def contact(request):
    return _message_form(
        request,
        MessageKind.CONTACT,
        "public/legal/contact.html",
        _("Kontakt"),
        {"contact": services.contact_details(request.region)},
    )


def barrier_report(request):
    return _message_form(
        request,
        MessageKind.BARRIER,
        "public/legal/barrier_form.html",
        _("Barriere melden"),
        {"contact": services.contact_details(request.region)},
    )
