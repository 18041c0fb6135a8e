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
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
    notice, status = "", 200
    answered = (
        not email_mode
        and Submission.objects.filter(
            survey=survey, person_key=surveys.person_key(survey, token=token)
        ).exists()
    )
    closed = surveys.closed_message(survey, now)
    if request.method == "POST":
        revision = surveys.revision_for(survey, request.POST.get("fragebogen"))
        form = surveys.answer_form(survey, request.POST, questionnaire=revision)
        email_form = EmailForm(request.POST) if email_mode else None
        if closed:
            notice, status = closed, 403
        elif answered:
            notice, status = surveys.already_answered_message(), 409
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
                        source_key=surveys.source_key(client_ip(request)),
                        email=email,
                        questionnaire=revision,
                        base_url=request.build_absolute_uri("/")[:-1],
                        now=now,
                    )
                except surveys.InvalidAnswers as exc:
                    form = exc.form
                except surveys.SurveyError as exc:
                    notice, status = exc.message, exc.status
                else:
                    response = redirect("public:survey_thanks", slug=survey.slug)
                    return with_cookie(request, response, survey, new_cookie)
            if not notice:
                status = 400
    elif not closed and not answered:
        form = surveys.answer_form(survey, questionnaire=revision)
        email_form = EmailForm() if email_mode else None
    if form is not None and (closed or answered):
        form = email_form = None  # nothing to fill in; the notice says why
    context = {
        "survey": survey,
        "form": form,
        "email_form": email_form,
        "revision": revision,
        "layout": form.layout() if form is not None else [],
        "errors": error_summary(email_form, form) if status == 400 else [],
        "notice": notice,
        "closed": closed,
        "answered": answered,
        "state": surveys.state(survey, now),
        "closes": surveys.moment_text(survey.closes_at),
        "title": survey.title,
        "breadcrumbs": _crumbs(_list_crumb(), (survey.title, None)),
    }
    response = render(request, "public/surveys/detail.html", context, status=status)
    # The participant token is only handed out with a form to fill in.
    return with_cookie(request, response, survey, new_cookie if form is not None else "")


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


def survey_confirm(request, slug, token):
    survey = public_survey(request, slug)
    submission = surveys.confirm(survey, token[:200])
    context = {
        "survey": survey,
        "confirmed": submission is not None,
        "title": _("Teilnahme bestätigt") if submission else _("Link ungültig"),
        "breadcrumbs": _crumbs(
            _list_crumb(),
            (survey.title, reverse("public:survey_detail", args=[survey.slug])),
            (_("Bestätigung"), None),
        ),
    }
    return render(
        request, "public/surveys/confirm.html", context, status=200 if submission else 404
    )


def survey_results(request, slug):
    survey = public_survey(request, slug)
    if not survey.results_public:
        raise Http404
    results = surveys.paginate_texts(surveys.results(survey), request.GET.get("page"))
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
