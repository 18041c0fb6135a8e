"""The jury's pages of a competition (issue 12, section 2): the entries with the juror's own
progress, and one entry with the conflict declaration and the scoring form.

Only for the jurors of that competition: a visitor is sent to the login, any other account
gets 403, a competition of another region (or a withdrawn entry) is 404. A juror sees their
own scores only, never another juror's, and no ranking. Rules and messages come from
participation.competitions: after a declared conflict or once the result is published a
score is refused (409, German message, nothing saved); bad points or comments answer 400.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from digitalagentur.participation import competitions as competition_services
from digitalagentur.participation.models import Conflict, Criterion, Score
from digitalagentur.participation.rules import juror_of

from .competitions import competition_crumbs, entries, phase_of, region_competition
from .forms_competitions import ConflictForm, ScoreForm
from .surveys import error_summary

CONFLICT = "befangen"  # the conflict form's button; the scoring form sends "bewerten"
REFUSED = 409


def jury_seat(request, slug):
    """(competition, the user's juror seat, None), or (competition, None, the login redirect);
    404 for a competition not in the request's region, 403 for anyone not in its jury."""
    competition = region_competition(request, slug)
    if not request.user.is_authenticated:
        return competition, None, redirect_to_login(request.get_full_path())
    juror = juror_of(request.user, competition)
    if juror is None:
        if not competition.published:
            raise Http404  # an unpublished call is nobody's business but its jury's
        raise PermissionDenied
    return competition, juror, None


def progress(criteria_count: int, scored: int, conflict: bool) -> tuple[str, str]:
    """(state, German label) of a juror's work on one entry."""
    if conflict:
        return "conflict", _("befangen: nicht bewertet")
    if criteria_count and scored >= criteria_count:
        return "done", _("bewertet")
    if scored:
        return "partial", _("%(n)d von %(total)d Kriterien bewertet") % {
            "n": scored,
            "total": criteria_count,
        }
    return "open", _("noch nicht bewertet")


@never_cache
def jury_overview(request, slug):
    competition, juror, login = jury_seat(request, slug)
    if login is not None:
        return login
    criteria_count = Criterion.objects.filter(competition=competition).count()
    scored: dict[int, int] = {}
    for submission_id in Score.objects.filter(juror=juror).values_list("submission_id", flat=True):
        scored[submission_id] = scored.get(submission_id, 0) + 1
    conflicts = set(Conflict.objects.filter(juror=juror).values_list("submission_id", flat=True))
    rows = []
    for submission in entries(competition).select_related("municipality").order_by("title", "pk"):
        state, label = progress(
            criteria_count, scored.get(submission.pk, 0), submission.pk in conflicts
        )
        rows.append({"submission": submission, "state": state, "label": label})
    phase, phase_label = phase_of(competition)
    context = {
        "competition": competition,
        "rows": rows,
        "done": sum(1 for row in rows if row["state"] in ("done", "conflict")),
        "criteria_count": criteria_count,
        "phase": phase,
        "phase_label": phase_label,
        "title": _("Jury: %(title)s") % {"title": competition.title},
        "breadcrumbs": competition_crumbs(competition, (_("Jury"), None)),
    }
    return render(request, "public/competitions/jury.html", context)


def _save_scores(juror, submission, form: ScoreForm) -> int:
    """Save every given score or none (the first refusal rolls back the others): 200 when
    saved, 400 for bad values, 409 when the service refuses the scoring itself."""
    try:
        with transaction.atomic():
            for criterion, value, comment in form.given():
                try:
                    competition_services.score(juror, submission, criterion, value, comment)
                except ValidationError as error:
                    form.add_service_errors(error, criterion)
                    raise
    except ValidationError as error:
        return 400 if hasattr(error, "error_dict") else REFUSED
    return 200


@never_cache
def jury_entry(request, slug, pk):
    competition, juror, login = jury_seat(request, slug)
    if login is not None:
        return login
    submission = get_object_or_404(entries(competition).select_related("municipality"), pk=pk)
    criteria = list(Criterion.objects.filter(competition=competition))
    own = {s.criterion_id: s for s in Score.objects.filter(juror=juror, submission=submission)}
    conflict = Conflict.objects.filter(juror=juror, submission=submission).first()
    jury_url = reverse("public:competition_jury", args=[competition.slug])
    score_form = conflict_form = None
    status = 200
    if request.method == "POST" and request.POST.get("aktion") == CONFLICT:
        conflict_form = ConflictForm(request.POST)
        if not conflict_form.is_valid():
            status = 400
        else:
            try:
                competition_services.declare_conflict(
                    juror, submission, conflict_form.cleaned_data["note"]
                )
            except ValidationError as error:
                conflict_form.add_error(None, " ".join(error.messages))
                status = REFUSED
            else:
                messages.success(
                    request,
                    _(
                        "Ihre Befangenheit bei „%(title)s“ ist erklärt. Sie bewerten diese "
                        "Einreichung nicht."
                    )
                    % {"title": submission.title},
                )
                return HttpResponseRedirect(jury_url, status=303)
    elif request.method == "POST":
        score_form = ScoreForm(request.POST, criteria=criteria, scores=own)
        status = _save_scores(juror, submission, score_form) if score_form.is_valid() else 400
        if status == 200:
            messages.success(
                request,
                _("Ihre Bewertung von „%(title)s“ ist gespeichert.") % {"title": submission.title},
            )
            return HttpResponseRedirect(f"{jury_url}#einreichung-{submission.pk}", status=303)
    can_change = conflict is None and not competition.result_published
    if score_form is None and can_change:
        score_form = ScoreForm(criteria=criteria, scores=own)
    if conflict_form is None and can_change:
        conflict_form = ConflictForm()
    errors = error_summary(score_form, conflict_form) if status != 200 else []
    phase, phase_label = phase_of(competition)
    heading = submission.title
    context = {
        "competition": competition,
        "submission": submission,
        "extra": [
            (item["label"], submission.extra.get(item["key"], ""))
            for item in competition.extra_fields or []
            if submission.extra.get(item["key"])
        ],
        "own": [(c, own.get(c.pk)) for c in criteria],
        "conflict": conflict,
        "can_change": can_change,
        "score_form": score_form,
        "conflict_form": conflict_form,
        "errors": errors,
        "phase": phase,
        "phase_label": phase_label,
        "jury_url": jury_url,
        "heading": heading,
        "title": _("Fehler: %(title)s") % {"title": heading} if errors else heading,
        "breadcrumbs": competition_crumbs(
            competition, (_("Jury"), jury_url), (submission.title, None)
        ),
    }
    return render(request, "public/competitions/jury_entry.html", context, status=status)
