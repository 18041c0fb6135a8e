"""Public citizen surveys (issue 9, section 6): the list of published surveys, a survey's
form, the thanks page, the e-mail confirmation and, when published, the results.

The rules (one answer per person, rate limit, opening times, e-mail confirmation) live in
assessment/surveys.py; this module only reads the request: the participant cookie of
anonymous surveys (HttpOnly, SameSite=Lax, Secure on HTTPS) and the client's address (only
ever as a keyed hash). Nothing here is cached: the form carries a CSRF token and the
participant's state, the results change with every answer.
"""

from __future__ import annotations

from django import forms
from django.forms.utils import ErrorDict
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from digitalagentur.assessment import survey_results as survey_figures
from digitalagentur.assessment import surveys
from digitalagentur.assessment.models import Identification, Submission, Survey
from digitalagentur.core.client_ip import client_ip


def _crumbs(*items):
    return [(_("Start"), reverse("public:home")), *items]


def _list_crumb():
    return (_("Umfragen"), reverse("public:survey_list"))


def public_survey(request, slug: str) -> Survey:
    if getattr(request, "region", None) is None:
        raise Http404
    return get_object_or_404(
        surveys.public_surveys(request.region).select_related("questionnaire"), slug=slug
    )


def cookie_name(survey: Survey) -> str:
    return f"{surveys.COOKIE_PREFIX}{survey.pk}"


class EmailForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Ihre E-Mail-Adresse"),
        max_length=254,
        help_text=gettext_lazy(
            "Wir senden Ihnen einen Link, mit dem Sie Ihre Teilnahme bestätigen. Die Adresse "
            "wird nicht gespeichert; sie sorgt nur dafür, dass jede Person einmal antwortet."
        ),
        error_messages={
            "required": gettext_lazy("Bitte geben Sie Ihre E-Mail-Adresse an."),
            "invalid": gettext_lazy("Bitte geben Sie eine gültige E-Mail-Adresse an."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


def survey_list(request):
    now = timezone.now()
    items = []
    region = getattr(request, "region", None)
    queryset = surveys.public_surveys(region) if region is not None else Survey.objects.none()
    for survey in queryset:
        items.append(
            {
                "survey": survey,
                "state": surveys.state(survey, now),
                "opens": surveys.moment_text(survey.opens_at),
                "closes": surveys.moment_text(survey.closes_at),
            }
        )
    context = {
        "items": items,
        "title": _("Umfragen"),
        "breadcrumbs": _crumbs((_("Umfragen"), None)),
    }
    return render(request, "public/surveys/list.html", context)


def error_summary(*forms_) -> list[tuple[str, str]]:
    """(anchor, "label: message") of every field error, in the order of the page."""
    entries = []
    for form in forms_:
        if form is None or not form.is_bound:
            continue
        for error in form.non_field_errors():
            entries.append(("", str(error)))
        for bound in form:
            if bound.errors:
                group = getattr(bound.field, "is_group", False)
                anchor = f"{bound.auto_id}_0" if group else bound.auto_id
                entries.append((anchor, f"{bound.label}: {' '.join(bound.errors)}"))
    return entries


def freeze(form):
    """Mark a bound form as shown only to give the person their input back (the survey
    closed meanwhile): no validation, no error messages."""
    if form is not None:
        form._errors = ErrorDict()
    return form


@never_cache
def survey_detail(request, slug):
    survey = public_survey(request, slug)
    now = timezone.now()
    email_mode = survey.identification == Identification.EMAIL
    token = request.COOKIES.get(cookie_name(survey), "")
    new_cookie = ""
    if not email_mode and not (token and 20 <= len(token) <= 64):
        token = new_cookie = surveys.new_token()
    revision = survey.questionnaire
    form = email_form = None
    notice, status, frozen = "", 200, False
    answered = (
        not email_mode
        and Submission.objects.filter(
            survey=survey, person_key=surveys.person_key(survey, token=token)
        ).exists()
    )
    closed = surveys.closed_message(survey, now)
    thanks = reverse("public:survey_thanks", args=[survey.slug])
    if request.method == "POST":
        revision = surveys.revision_for(survey, request.POST.get("fragebogen"))
        form = surveys.answer_form(survey, request.POST, questionnaire=revision)
        email_form = EmailForm(request.POST) if email_mode else None
        if closed:
            notice, status, frozen = closed, 403, True
        elif answered:
            # Sent twice (a double click, back and send again): the first answer counts.
            return HttpResponseRedirect(thanks, status=303)
        else:
            forms_valid = form.is_valid() & (email_form is None or email_form.is_valid())
            if forms_valid:
                email = email_form.cleaned_data["email"] if email_form else None
                key = surveys.person_key(survey, token=token, email=email)
                try:
                    surveys.submit(
                        survey,
                        request.POST,
                        person_key=key,
                        ip=client_ip(request),
                        email=email,
                        questionnaire=revision,
                        base_url=request.build_absolute_uri("/")[:-1],
                        now=now,
                    )
                except surveys.InvalidAnswers as exc:
                    form = exc.form
                except surveys.AlreadyAnswered:
                    # Anonymous: the same browser sent twice. E-mail: the address took part
                    # already; the page must not tell (the thanks page says a link is sent
                    # unless the address has taken part), and no mail goes out.
                    return with_cookie(
                        request, HttpResponseRedirect(thanks, status=303), survey, new_cookie
                    )
                except surveys.SurveyClosed as exc:
                    notice, status, frozen = exc.message, exc.status, True
                except surveys.SurveyError as exc:
                    notice, status = exc.message, exc.status
                else:
                    # The same answer (303, see other) as for AlreadyAnswered above: in
                    # e-mail mode nothing tells a new address from one that took part.
                    response = HttpResponseRedirect(thanks, status=303)
                    return with_cookie(request, response, survey, new_cookie)
            if not notice:
                status = 400
    elif not closed and not answered:
        form = surveys.answer_form(survey, questionnaire=revision)
        email_form = EmailForm() if email_mode else None
    if frozen:
        # Closed while the person was filling in: nothing is stored, but their input is
        # shown again (without a send button), so that they can copy their texts.
        freeze(form)
        freeze(email_form)
    elif form is not None and (closed or answered):
        form = email_form = None  # nothing to fill in; the notice says why
    errors = error_summary(email_form, form) if status == 400 else []
    title = survey.title
    if errors:
        title = _("Fehler: %(title)s") % {"title": survey.title}
    context = {
        "survey": survey,
        "form": form,
        "email_form": email_form,
        "frozen": frozen,
        "revision": revision,
        "layout": form.layout() if form is not None else [],
        "errors": errors,
        "notice": notice,
        "closed": closed,
        "answered": answered,
        "state": surveys.state(survey, now),
        "closes": surveys.moment_text(survey.closes_at),
        "title": title,
        "breadcrumbs": _crumbs(_list_crumb(), (survey.title, None)),
    }
    response = render(request, "public/surveys/detail.html", context, status=status)
    # The participant token is only handed out with a form to fill in.
    return with_cookie(
        request, response, survey, new_cookie if form is not None and not frozen else ""
    )


def with_cookie(request, response, survey: Survey, token: str):
    """Set the anonymous participant's token for this survey (when a new one was made)."""
    if token:
        response.set_cookie(
            cookie_name(survey),
            token,
            max_age=surveys.COOKIE_MAX_AGE,
            path=reverse("public:survey_detail", args=[survey.slug]),
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
    return response


def survey_thanks(request, slug):
    survey = public_survey(request, slug)
    context = {
        "survey": survey,
        "email_mode": survey.identification == Identification.EMAIL,
        "title": _("Vielen Dank"),
        "breadcrumbs": _crumbs(
            _list_crumb(),
            (survey.title, reverse("public:survey_detail", args=[survey.slug])),
            (_("Vielen Dank"), None),
        ),
    }
    return render(request, "public/surveys/thanks.html", context)


@never_cache
def survey_confirm(request, slug, token):
    survey = public_survey(request, slug)
    refused = ""
    try:
        submission = surveys.confirm(survey, token[:200])
    except surveys.SurveyClosed as exc:
        submission, refused = None, exc.message
    if submission is not None:
        title, status = _("Teilnahme bestätigt"), 200
    elif refused:
        title, status = _("Umfrage beendet"), 403
    else:
        title, status = _("Link ungültig"), 404
    context = {
        "survey": survey,
        "confirmed": submission is not None,
        "refused": refused,
        "title": title,
        "breadcrumbs": _crumbs(
            _list_crumb(),
            (survey.title, reverse("public:survey_detail", args=[survey.slug])),
            (_("Bestätigung"), None),
        ),
    }
    return render(request, "public/surveys/confirm.html", context, status=status)


def survey_results(request, slug):
    survey = public_survey(request, slug)
    if not survey.results_public:
        raise Http404
    # Public: counts only, no free texts (personal data, nothing moderated), no count of
    # unconfirmed answers; the staff results page shows the texts.
    results = survey_figures.results(survey, public=True)
    context = {
        "survey": survey,
        "results": results,
        "state": surveys.state(survey),
        "title": _("Ergebnisse: %(title)s") % {"title": survey.title},
        "breadcrumbs": _crumbs(
            _list_crumb(),
            (survey.title, reverse("public:survey_detail", args=[survey.slug])),
            (_("Ergebnisse"), None),
        ),
    }
    return render(request, "public/surveys/results.html", context)
