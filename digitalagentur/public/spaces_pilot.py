"""Landräume, the employer pilot (issue 11, section 4): the employers a user manages, the usage
of an employer's contingents per month (page and CSV), and the members' own consent to be
named in it.

Only an employer's managers and the coordination (coordinators, region admins) see its usage;
an employer of another region is not found (404), anyone else of the region gets 403. Nothing
here is cached: the pages are personal.
"""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from digitalagentur.core.text import spreadsheet_safe
from digitalagentur.spaces import pilot, usage
from digitalagentur.spaces.models import ContingentMember, Employer


def _crumbs(*items):
    return [(_("Start"), reverse("public:home")), *items]


def _list_crumb():
    return (_("Arbeitgeber-Kontingente"), reverse("public:spaces_employers"))


def _region(request):
    region = getattr(request, "region", None)
    if region is None:
        raise Http404
    return region


def _employer(request, pk: int) -> Employer:
    region = _region(request)
    employer = get_object_or_404(Employer.objects.filter(region=region), pk=pk)
    if not pilot.manages_employer(request.user, request.access, employer):
        raise PermissionDenied
    return employer


def _month(request):
    """The month asked for (?monat=YYYY-MM), the current one when absent; None when invalid."""
    text = request.GET.get("monat")
    if not text:
        return timezone.localdate().replace(day=1)
    return usage.parse_month(text)


@never_cache
@login_required
def employer_list(request):
    region = _region(request)
    employers = list(
        pilot.managed_employers(request.user, request.access).prefetch_related("contingents")
    )
    member_rows = list(pilot.memberships(request.user, region))
    context = {
        "title": _("Arbeitgeber-Kontingente"),
        "breadcrumbs": _crumbs((_("Arbeitgeber-Kontingente"), None)),
        "employers": employers,
        "member_rows": member_rows,
        "is_coordination": request.access.can_manage,
        "month": timezone.localdate().replace(day=1),
    }
    return render(request, "public/spaces/pilot/list.html", context)


@never_cache
@login_required
def employer_usage(request, pk: int):
    employer = _employer(request, pk)
    month = _month(request)
    if month is None:
        context = {
            "title": employer.name,
            "breadcrumbs": _crumbs(_list_crumb(), (employer.name, None)),
            "employer": employer,
            "month_error": _("Bitte geben Sie den Monat als JJJJ-MM an, z. B. 2027-03."),
        }
        return render(request, "public/spaces/pilot/usage.html", context, status=400)
    report = usage.usage_report(employer, month)
    context = {
        "title": employer.name,
        "breadcrumbs": _crumbs(_list_crumb(), (employer.name, None)),
        "employer": employer,
        "report": report,
        "month_value": f"{month:%Y-%m}",
        "previous_value": f"{report.previous:%Y-%m}",
        "next_value": f"{report.next:%Y-%m}",
    }
    return render(request, "public/spaces/pilot/usage.html", context)


@never_cache
@login_required
def employer_usage_csv(request, pk: int):
    employer = _employer(request, pk)
    month = _month(request)
    if month is None:
        return HttpResponse(
            _("Bitte geben Sie den Monat als JJJJ-MM an, z. B. 2027-03."),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    report = usage.usage_report(employer, month)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    for row in usage.csv_rows(report):
        writer.writerow([v if isinstance(v, int) else spreadsheet_safe(v) for v in row])
    response = HttpResponse(
        ("\ufeff" + out.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="kontingent-nutzung-{employer.pk}-{month:%Y-%m}.csv"'
    )
    return response


@never_cache
@login_required
@require_POST
def member_consent(request, pk: int):
    """The member's own choice whether the employer sees their usage by name."""
    region = _region(request)
    member = get_object_or_404(
        ContingentMember.objects.filter(
            contingent__region=region, user=request.user
        ).select_related("contingent"),
        pk=pk,
    )
    consent = request.POST.get("report_consent") == "1"
    pilot.set_report_consent(member, request.user, consent)
    if consent:
        messages.success(
            request,
            _("Ihr Arbeitgeber sieht Ihre Nutzung des Kontingents „%(name)s“ jetzt namentlich.")
            % {"name": member.contingent.name},
        )
    else:
        messages.success(
            request,
            _(
                "Ihr Arbeitgeber sieht Ihre Nutzung des Kontingents „%(name)s“ nur noch "
                "zusammengefasst, ohne Ihren Namen."
            )
            % {"name": member.contingent.name},
        )
    return redirect("public:spaces_employers")
