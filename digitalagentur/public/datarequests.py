"""Data export and deletion on request, on the public website (issue 13, section 4): the form
at /datenauskunft/ and the pages behind the link mailed to the address.

Every rule is communication.datarequests'; this module only reads the request.

* The form answers the same for every valid address (a redirect to the thanks page), whether
  data of it is stored or not; bad input is shown again with German messages (400, nothing
  sent).
* The link's page only shows (the address masked, what is stored, two buttons): the download
  (a JSON file) and the deletion are POSTs with a CSRF token, the deletion only with the box
  "Ich möchte meine Daten löschen" ticked. A link that expired answers 410, one that is not
  ours or belongs to another region 404, each with a way to ask for a new one.

No page here is cached, and the link's pages are not indexed by search engines.
"""

from __future__ import annotations

import json

from django import forms
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from digitalagentur.communication import datarequests
from digitalagentur.communication.newsletter import normalise_email
from digitalagentur.core.client_ip import client_ip

from .ideas import region_of
from .newsletter import masked, noindex
from .surveys import error_summary

TOKEN_MAX = 500  # the real ones have about 100 characters


class RequestForm(forms.Form):
    email = forms.CharField(
        label=gettext_lazy("Ihre E-Mail-Adresse"),
        help_text=gettext_lazy(
            "An diese Adresse schicken wir den Link, falls wir Daten zu ihr speichern."
        ),
        error_messages={"required": gettext_lazy("Bitte geben Sie Ihre E-Mail-Adresse an.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )

    def clean_email(self):
        return normalise_email(self.cleaned_data.get("email", ""))


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("Ich möchte meine Daten löschen"),
        error_messages={
            "required": gettext_lazy(
                "Bitte bestätigen Sie mit dem Häkchen, dass Sie Ihre Daten löschen möchten."
            )
        },
    )


def crumbs(*items):
    return [
        (_("Start"), reverse("public:home")),
        (_("Datenauskunft"), reverse("public:data_request")),
        *items,
    ]


# ---- the form -----------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def data_request(request):
    """GET: the form; POST: mail the link if data of the address is stored, and show the
    thanks page, the same for every valid address."""
    region = region_of(request)
    status = 200
    if request.method == "POST":
        form = RequestForm(request.POST)
        if form.is_valid():
            datarequests.request_link(
                region, form.cleaned_data["email"], ip=client_ip(request) or None
            )
            return HttpResponseRedirect(reverse("public:data_request_thanks"), status=303)
        status = 400
    else:
        form = RequestForm()
    errors = error_summary(form) if status == 400 else []
    heading = _("Ihre Daten: Auskunft und Löschung")
    context = {
        "form": form,
        "form_errors": errors,
        "hours": datarequests.valid_hours(),
        "title": _("Fehler: %(title)s") % {"title": heading} if errors else heading,
        "heading": heading,
        "breadcrumbs": [(_("Start"), reverse("public:home")), (_("Datenauskunft"), None)],
    }
    return render(request, "public/datarequests/form.html", context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD"])
def data_request_thanks(request):
    region_of(request)
    context = {
        "title": _("Bitte sehen Sie in Ihr Postfach"),
        "hours": datarequests.valid_hours(),
        "breadcrumbs": crumbs((_("Link per E-Mail"), None)),
    }
    return render(request, "public/datarequests/thanks.html", context)


# ---- the link -----------------------------------------------------------------------------


def _email_of(request, token: str):
    """(region, address, None) of a usable link, else (region, None, the problem page)."""
    region = region_of(request)
    try:
        return region, datarequests.email_for(region, token[:TOKEN_MAX]), None
    except datarequests.LinkProblem as problem:
        context = {
            "message": str(problem),
            "title": _("Link nicht gültig"),
            "noindex": True,
            "breadcrumbs": crumbs((_("Link"), None)),
        }
        page = render(
            request, "public/datarequests/link_problem.html", context, status=problem.status
        )
        return region, None, page


def _link_page(request, region, email, token, erase_form, *, status=200):
    errors = error_summary(erase_form) if erase_form.is_bound else []
    heading = _("Ihre gespeicherten Daten")
    context = {
        "email": masked(email),
        "token": token,
        "stored": datarequests.summary(region, email),
        "erase_form": erase_form,
        "form_errors": errors,
        "title": _("Fehler: %(title)s") % {"title": heading} if errors else heading,
        "heading": heading,
        "noindex": True,
        "breadcrumbs": crumbs((_("Ihre Daten"), None)),
    }
    return render(request, "public/datarequests/link.html", context, status=status)


@noindex
@require_http_methods(["GET", "HEAD"])
def data_request_link(request, token: str):
    """What is stored, and the two buttons; changes nothing."""
    region, email, problem = _email_of(request, token)
    if problem is not None:
        return problem
    return _link_page(request, region, email, token, EraseForm())


@noindex
@require_POST
def data_request_download(request, token: str):
    """Everything stored about the address, as a JSON file (named without the address)."""
    region, email, problem = _email_of(request, token)
    if problem is not None:
        return problem
    now = timezone.now()
    data = datarequests.export(region, email, now)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    day = timezone.localdate(now).isoformat()
    response["Content-Disposition"] = f'attachment; filename="datenauskunft-{day}.json"'
    return response


@noindex
@require_POST
def data_request_erase(request, token: str):
    """Delete (with the box ticked) and show what was deleted; 400 without the box."""
    region, email, problem = _email_of(request, token)
    if problem is not None:
        return problem
    form = EraseForm(request.POST)
    if not form.is_valid():
        return _link_page(request, region, email, token, form, status=400)
    result = datarequests.erase(region, email)
    context = {
        "email": masked(email),
        "result": result,
        "title": _("Ihre Daten sind gelöscht"),
        "noindex": True,
        "breadcrumbs": crumbs((_("Gelöscht"), None)),
    }
    return render(request, "public/datarequests/erased.html", context)
