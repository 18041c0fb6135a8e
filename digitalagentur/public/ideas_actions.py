"""Taking part on the public idea pages (issue 12): submitting an idea, supporting it,
commenting and answering, reporting a comment.

Each needs an account (registration confirmed by e-mail): a visitor is sent to the login,
which brings them back (?next=). Every rule is participation.services': its German messages
are shown on the form (a refused form is shown again with the input, 400) or, for the
buttons, as a message after the redirect. A rate limit (limits.RateLimited) answers 429 on a
form, a message on a button. The POST endpoints are CSRF protected like every form.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from digitalagentur.core.client_ip import client_ip
from digitalagentur.core.images import MAX_BYTES as IMAGE_MAX_BYTES
from digitalagentur.participation import services
from digitalagentur.participation.choices import PUBLIC_STATUSES
from digitalagentur.participation.limits import RateLimited
from digitalagentur.participation.models import Comment, Idea, Support
from digitalagentur.participation.rules import can_take_part
from digitalagentur.strategy.models import Field
from digitalagentur.tenancy.models import Municipality

from .forms_ideas import CommentForm, IdeaForm, ReportForm
from .ideas import crumbs, detail_context, public_ideas, region_of, similar_to
from .spaces_manage import add_errors
from .surveys import error_summary

SUPPORT, WITHDRAW = "unterstuetzen", "zurueckziehen"


def see_other(url: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(url, status=303)


def login_first(request, next_url: str, message: str):
    messages.info(request, message)
    return redirect_to_login(next_url)


# ---- submitting -----------------------------------------------------------------------------


def _initial(request, region) -> dict:
    """Field and town handed on from a field's or town's page (?field=slug&municipality=)."""
    initial = {}
    slug = request.GET.get("field", "")[:120]
    if slug:
        initial["field"] = (
            Field.objects.filter(region=region, slug=slug, published=True)
            .values_list("pk", flat=True)
            .first()
        )
    slug = request.GET.get("municipality", "")[:120]
    if slug:
        initial["municipality"] = (
            Municipality.objects.filter(region=region, slug=slug)
            .values_list("pk", flat=True)
            .first()
        )
    return {k: v for k, v in initial.items() if v}


def _image(form) -> bytes | None:
    upload = form.cleaned_data.get("image")
    if not upload:
        return None
    if upload.size is None or upload.size > IMAGE_MAX_BYTES:
        form.add_error(
            "image",
            _("Das Bild ist größer als %(mb)d MB.") % {"mb": IMAGE_MAX_BYTES // (1024 * 1024)},
        )
        return None
    return upload.read()


def _mark_similar_seen(form) -> None:
    data = form.data.copy()
    data["similar_seen"] = "1"
    form.data = data


@never_cache
def idea_new(request):
    region = region_of(request)
    if not request.user.is_authenticated:
        return login_first(
            request,
            request.get_full_path(),
            _(
                "Bitte melden Sie sich an, um eine Idee einzureichen. Noch kein Konto? Sie "
                "können sich mit Ihrer E-Mail-Adresse registrieren."
            ),
        )
    if not can_take_part(request.user):
        raise Http404
    status, similar, image_lost = 200, [], False
    if request.method == "POST":
        form = IdeaForm(request.POST, request.FILES, region=region)
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            image = _image(form)
            if not form.errors and not data["similar_seen"]:
                similar = similar_to(region, data["title"])
            if similar:
                # The similar ideas first; sending again submits the idea as it is.
                _mark_similar_seen(form)
                status, image_lost = 200, bool(data.get("image"))
            elif not form.errors:
                try:
                    idea = services.submit_idea(
                        region=region,
                        user=request.user,
                        title=data["title"],
                        text=data["text"],
                        field=data["field"],
                        municipality=data["municipality"],
                        image=image,
                        image_alt=data["image_alt"],
                        client_ip=client_ip(request),
                    )
                except RateLimited as refusal:
                    form.add_error(None, refusal.messages)
                    status = 429
                except ValidationError as error:
                    add_errors(form, error)
                else:
                    messages.success(
                        request,
                        _(
                            "Vielen Dank! Ihre Idee ist eingegangen. Sie erscheint öffentlich, "
                            "sobald die Moderation sie geprüft hat."
                        ),
                    )
                    return see_other(reverse("public:idea", args=[idea.pk]))
    else:
        form = IdeaForm(region=region, initial=_initial(request, region))
    title = _("Idee einreichen")
    context = {
        "form": form,
        "errors": error_summary(form) if status in (400, 429) else [],
        "similar": similar,
        "image_lost": image_lost,
        "similar_url": reverse("public:idea_similar"),
        "title": title,
        "breadcrumbs": crumbs((title, None)),
    }
    response = render(request, "public/ideas/new.html", context, status=status)
    if status == 429:
        response["Retry-After"] = "60"
    return response


# ---- supporting -----------------------------------------------------------------------------


def _public_idea(request, pk: int) -> Idea:
    return get_object_or_404(public_ideas(region_of(request)), pk=pk)


@require_POST
def idea_support(request, pk: int):
    """Support the idea or withdraw the support (`aktion`; without it: the other state)."""
    idea = _public_idea(request, pk)
    back = reverse("public:idea", args=[idea.pk]) + "#unterstuetzen"
    if not request.user.is_authenticated:
        return login_first(
            request, back, _("Bitte melden Sie sich an, um die Idee zu unterstützen.")
        )
    if not can_take_part(request.user):
        raise Http404
    action = request.POST.get("aktion", "")
    if action not in (SUPPORT, WITHDRAW):
        action = (
            WITHDRAW if Support.objects.filter(idea=idea, user=request.user).exists() else SUPPORT
        )
    try:
        if action == SUPPORT:
            if services.support(idea, request.user, client_ip=client_ip(request)):
                messages.success(request, _("Danke! Sie unterstützen jetzt diese Idee."))
            else:
                messages.info(request, _("Sie unterstützen diese Idee bereits."))
        elif services.withdraw_support(idea, request.user):
            messages.success(request, _("Ihre Unterstützung ist zurückgezogen."))
        else:
            messages.info(request, _("Sie hatten diese Idee nicht unterstützt."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return see_other(back)


# ---- comments -------------------------------------------------------------------------------


def _parent(idea, raw: str):
    """The comment answered (of this idea), None for a new comment; Http404 for a wrong one."""
    if not raw:
        return None
    try:
        pk = int(raw)
    except (TypeError, ValueError):
        raise Http404 from None
    return get_object_or_404(Comment, idea=idea, pk=pk)


@require_POST
def idea_comment(request, pk: int):
    idea = _public_idea(request, pk)
    back = reverse("public:idea", args=[idea.pk])
    if not request.user.is_authenticated:
        return login_first(
            request, back + "#kommentare", _("Bitte melden Sie sich an, um zu kommentieren.")
        )
    if not can_take_part(request.user):
        raise Http404
    parent = _parent(idea, request.POST.get("parent", ""))
    form = CommentForm(request.POST, parent=parent)
    status = 400
    if form.is_valid():
        try:
            comment = services.add_comment(
                idea,
                request.user,
                form.cleaned_data["text"],
                parent=parent,
                client_ip=client_ip(request),
            )
        except RateLimited as refusal:
            form.add_error(None, refusal.messages)
            status = 429
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Ihre Antwort ist veröffentlicht.")
                if parent
                else _("Ihr Kommentar ist veröffentlicht."),
            )
            return see_other(f"{back}#kommentar-{comment.pk}")
    idea = public_ideas(region_of(request)).select_related("author", "project").get(pk=idea.pk)
    if parent is not None and parent.parent_id is None and not parent.hidden:
        context = detail_context(request, idea, answer_forms={parent.pk: form})
    else:
        # An answer to an answer (or to a hidden comment): the refusal above the comments,
        # the text kept in the form for a new comment.
        if parent is not None:
            data = form.data.copy()
            data["parent"] = ""
            form.data = data
        context = detail_context(request, idea, comment_form=form)
    context["comment_errors"] = error_summary(form)
    response = render(request, "public/ideas/detail.html", context, status=status)
    if status == 429:
        response["Retry-After"] = "60"
    return response


@require_POST
def idea_comment_report(request, pk: int):
    region = region_of(request)
    comment = get_object_or_404(
        Comment.objects.select_related("idea"),
        pk=pk,
        hidden=False,
        idea__region=region,
        idea__status__in=PUBLIC_STATUSES,
    )
    back = reverse("public:idea", args=[comment.idea_id]) + f"#kommentar-{comment.pk}"
    if not request.user.is_authenticated:
        return login_first(
            request, back, _("Bitte melden Sie sich an, um einen Kommentar zu melden.")
        )
    if not can_take_part(request.user):
        raise Http404
    form = ReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("reason", [])))
        return see_other(back)
    try:
        created = services.report_comment(comment, request.user, form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if created:
            messages.success(
                request, _("Danke für Ihre Meldung. Die Moderation sieht sich den Kommentar an.")
            )
        else:
            messages.info(request, _("Sie haben diesen Kommentar bereits gemeldet."))
    return see_other(back)
