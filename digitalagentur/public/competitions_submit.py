"""Handing in an entry to a competition (issue 12, section 2).

Only with an account (a visitor is sent to the login and back), only while the submission
phase runs; every rule and message comes from participation.competitions.submit_entry. Field
errors and spam answer 400, a closed phase 409 and a rate limit 429, each with the German
message on the page and nothing saved; a saved entry leads back to the call's page (303).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from digitalagentur.core.client_ip import client_ip
from digitalagentur.participation import competitions as competition_services
from digitalagentur.participation.choices import CompetitionPhase
from digitalagentur.participation.limits import RateLimited
from digitalagentur.participation.rules import can_take_part
from digitalagentur.participation.services import display_name

from .competitions import competition_crumbs, phase_of, public_competition
from .forms_competitions import SubmissionForm
from .surveys import error_summary

CLOSED = 409


@never_cache
def competition_submit(request, slug):
    competition = public_competition(request, slug)
    if not request.user.is_authenticated:
        messages.info(
            request,
            _(
                "Bitte melden Sie sich an, um einen Beitrag zu „%(title)s“ einzureichen. Noch "
                "kein Konto? Sie können sich mit Ihrer E-Mail-Adresse registrieren."
            )
            % {"title": competition.title},
        )
        return redirect_to_login(request.get_full_path())
    phase, phase_label = phase_of(competition)
    is_open = phase == CompetitionPhase.SUBMISSION and can_take_part(request.user)
    status, retry_after = 200, 0
    form = None
    if not is_open:
        status = CLOSED if request.method == "POST" else 200
    elif request.method == "POST":
        form = SubmissionForm(request.POST, competition=competition)
        if not form.is_valid():
            status = 400
        else:
            try:
                submission = competition_services.submit_entry(
                    competition,
                    user=request.user,
                    client_ip=client_ip(request),
                    **form.entry_values(),
                )
            except RateLimited as refusal:
                form.add_error(None, refusal.messages[0])
                status, retry_after = 429, refusal.retry_after
            except ValidationError as error:
                form.add_service_errors(error)
                status = 400 if hasattr(error, "error_dict") else CLOSED
            else:
                messages.success(
                    request,
                    _(
                        "Vielen Dank! Ihr Beitrag „%(title)s“ ist eingegangen. Die Jury bewertet "
                        "alle Beiträge nach dem Ende der Einreichung."
                    )
                    % {"title": submission.title},
                )
                return HttpResponseRedirect(
                    reverse("public:competition", args=[competition.slug]), status=303
                )
    else:
        form = SubmissionForm(competition=competition)
    errors = error_summary(form) if form is not None and status != 200 else []
    heading = _("Beitrag einreichen: %(title)s") % {"title": competition.title}
    context = {
        "competition": competition,
        "form": form,
        "phase": phase,
        "phase_label": phase_label,
        "errors": errors,
        "shown_name": display_name(request.user),
        "heading": heading,
        "title": _("Fehler: %(title)s") % {"title": heading} if errors else heading,
        "breadcrumbs": competition_crumbs(competition, (_("Beitrag einreichen"), None)),
    }
    response = render(request, "public/competitions/submit.html", context, status=status)
    if status == 429:
        response["Retry-After"] = str(retry_after)
    return response
