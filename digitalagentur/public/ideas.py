"""Ideas on the public website (issue 12, sections 1 and 4): the list with filters, sorting
and search, an idea's page with its way through moderation, supports and comments, its image
and the similar ideas suggested while someone types a title.

Only public ideas (participation.choices.PUBLIC_STATUSES) of the request's region exist here:
a received, rejected or merged idea is 404 for everyone (a merged one leads to the idea it
joined), except that its author sees their own idea waiting for moderation. Hidden comments
never reach a page: their text is not even handed to the template.

The pages show supporter counts and the visitor's own support, so they are never cached.
The writes (submitting, supporting, commenting, reporting) are in ideas_actions.py.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from digitalagentur.participation import services
from digitalagentur.participation.choices import (
    ANSWER_STATUSES,
    OPEN_STATUSES,
    IdeaOrdering,
    IdeaStatus,
)
from digitalagentur.participation.models import Comment, CommentReport, Idea, Support
from digitalagentur.participation.rules import can_take_part

from .forms_ideas import CommentForm, IdeaFilterForm
from .views import _page_notice

IDEAS_PER_PAGE = 20
SIMILAR_MIN_LENGTH = 3
# Types the upload (core/images.py) writes; anything else is served as bytes.
IMAGE_TYPES = {"image/jpeg", "image/png", "image/webp"}
# Statuses of an idea's way that the public sees (a moderation refusal it recovered from, or
# its merge, are the moderators' business).
HISTORY_HIDDEN = {IdeaStatus.REJECTED, IdeaStatus.MERGED}


def crumbs(*items):
    return [
        (_("Start"), reverse("public:home")),
        (_("Ideen"), reverse("public:ideas")),
        *items,
    ]


def region_of(request):
    region = getattr(request, "region", None)
    if region is None:
        raise Http404
    return region


def public_ideas(region):
    """The region's public ideas without their image bytes, with field and town."""
    return (
        Idea.objects.public()
        .filter(region=region)
        .defer("image")
        .select_related("field__strategy", "municipality")
    )


def visible_comment_count():
    counted = (
        Comment.objects.filter(idea=OuterRef("pk"), hidden=False)
        .order_by()
        .values("idea")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def shown_field(idea):
    """The idea's field of action if the public may see it (published, in the published
    strategy), else None: a draft field's name never reaches a public page."""
    f = idea.field
    if f is not None and f.published and f.strategy.published:
        return f
    return None


def for_display(ideas) -> list:
    """The ideas with `public_field` set (no query: field and strategy are joined)."""
    ideas = list(ideas)
    for idea in ideas:
        idea.public_field = shown_field(idea)
    return ideas


ORDERINGS = {
    IdeaOrdering.NEWEST: (F("published_at").desc(nulls_last=True), "-created", "-pk"),
    IdeaOrdering.SUPPORTED: ("-supporters", F("published_at").desc(nulls_last=True), "-pk"),
    IdeaOrdering.ANSWERED: (F("answered").desc(nulls_last=True), "-created", "-pk"),
}


def filtered_ideas(region, values: dict):
    queryset = public_ideas(region)
    if values.get("field"):
        queryset = queryset.filter(field__slug=values["field"])
    if values.get("municipality"):
        queryset = queryset.filter(municipality__slug=values["municipality"])
    if values.get("status"):
        queryset = queryset.filter(status=values["status"])
    if values.get("q"):
        queryset = services.search_ideas(queryset, values["q"])
    queryset = services.with_supporters(queryset).annotate(comment_count=visible_comment_count())
    ordering = values.get("ordering") or IdeaOrdering.NEWEST
    return queryset.order_by(*ORDERINGS[IdeaOrdering(ordering)])


@never_cache
def idea_list(request):
    region = region_of(request)
    form = IdeaFilterForm(request.GET or None, region=region)
    values = form.values() if form.is_bound else {}
    problems = form.problems() if form.is_bound else []
    paginator = Paginator(filtered_ideas(region, values), IDEAS_PER_PAGE)
    raw_page = request.GET.get("page")
    page = paginator.get_page(raw_page)
    notice = _page_notice(raw_page, page)
    if notice:
        problems.append(notice)
    active = any(name != "ordering" for name in values)
    context = {
        "form": form,
        "page": page,
        "ideas": for_display(page.object_list),
        "problems": problems,
        "filters_active": active,
        "searching": bool(values.get("q")),
        "can_submit": can_take_part(request.user),
        "title": _("Ideen für die Region"),
        "breadcrumbs": [(_("Start"), reverse("public:home")), (_("Ideen"), None)],
    }
    return render(request, "public/ideas/list.html", context)


# ---- an idea's page -------------------------------------------------------------------------


def own_waiting_idea(request, pk: int):
    """The author's own idea while it waits for moderation (or None)."""
    user = request.user
    if not user.is_authenticated:
        return None
    return (
        Idea.objects.filter(
            region=region_of(request), pk=pk, author=user, status=IdeaStatus.RECEIVED
        )
        .defer("image")
        .select_related("field__strategy", "municipality")
        .first()
    )


def find_idea(request, pk: int):
    """(idea, pending) for the page: a public idea, or the author's own idea waiting for
    moderation; a merged idea raises a redirect to the idea it joined; otherwise 404."""
    region = region_of(request)
    queryset = public_ideas(region).select_related("author", "project")
    idea = queryset.filter(pk=pk).first()
    if idea is not None:
        return idea, False
    own = own_waiting_idea(request, pk)
    if own is not None:
        return own, True
    merged = Idea.objects.filter(region=region, pk=pk, status=IdeaStatus.MERGED).first()
    if merged is not None and merged.merged_into_id:
        target = public_ideas(region).filter(pk=merged.merged_into_id).first()
        if target is not None:
            raise MergedIdea(target)
    raise Http404


class MergedIdea(Exception):
    def __init__(self, target: Idea):
        super().__init__(target.pk)
        self.target = target


@dataclass
class CommentView:
    """What a page shows of a comment: a hidden one keeps its place for its answers, without
    its text or author."""

    pk: int
    hidden: bool
    author: str = ""
    text: str = ""
    created: object = None
    reported: bool = False
    is_answer: bool = False
    answers: list = field(default_factory=list)


def comment_threads(idea, reported_ids: set[int]) -> list[CommentView]:
    comments = list(idea.comments.select_related("author").order_by("created", "pk"))
    answers = defaultdict(list)
    for comment in comments:
        if comment.parent_id is not None and not comment.hidden:
            answers[comment.parent_id].append(
                CommentView(
                    pk=comment.pk,
                    hidden=False,
                    author=services.display_name(comment.author),
                    text=comment.text,
                    created=comment.created,
                    reported=comment.pk in reported_ids,
                    is_answer=True,
                )
            )
    threads = []
    for comment in comments:
        if comment.parent_id is not None:
            continue
        replies = answers.get(comment.pk, [])
        if comment.hidden:
            if replies:
                threads.append(CommentView(pk=comment.pk, hidden=True, answers=replies))
            continue
        threads.append(
            CommentView(
                pk=comment.pk,
                hidden=False,
                author=services.display_name(comment.author),
                text=comment.text,
                created=comment.created,
                reported=comment.pk in reported_ids,
                answers=replies,
            )
        )
    return threads


def project_link(idea) -> tuple[str, str]:
    """(url, title) of the project the idea became: the page when it is published."""
    project = idea.project if idea.project_id else None
    if project is None:
        return "", ""
    if project.published:
        return reverse("public:project_detail", args=[project.slug or project.pk]), project.title
    return "", project.title


def history(idea) -> list:
    changes = [c for c in idea.status_changes.all() if c.status not in HISTORY_HIDDEN]
    for change in changes:
        change.public_reason = change.reason if change.status in ANSWER_STATUSES else ""
        change.label = IdeaStatus(change.status).label
    return changes


def detail_context(request, idea, *, pending=False, comment_form=None, answer_forms=None):
    """Everything the idea's page shows; the comment forms given are shown with their errors
    (a sent form that was refused)."""
    user = request.user
    participant = can_take_part(user)
    reported: set[int] = set()
    supported = False
    if participant and not pending:
        reported = set(
            CommentReport.objects.filter(user=user, comment__idea=idea).values_list(
                "comment_id", flat=True
            )
        )
        supported = Support.objects.filter(idea=idea, user=user).exists()
    threads = [] if pending else comment_threads(idea, reported)
    answer_forms = answer_forms or {}
    for thread in threads:
        if not thread.hidden:
            thread.form = answer_forms.get(thread.pk) or CommentForm(parent=thread)
    url = reverse("public:idea", args=[idea.pk])
    project_url, project_title = project_link(idea)
    idea.public_field = shown_field(idea)
    return {
        "idea": idea,
        "pending": pending,
        "author_name": services.display_name(idea.author) if idea.author_id else _("Anonym"),
        "history": history(idea),
        "supporters": 0 if pending else services.supporters(idea),
        "supported": supported,
        "open": idea.status in OPEN_STATUSES,
        "participant": participant,
        "threads": threads,
        "comment_count": sum((0 if t.hidden else 1) + len(t.answers) for t in threads),
        "comment_form": comment_form or CommentForm(),
        "answer_open": next(iter(answer_forms), None),
        "project_url": project_url,
        "project_title": project_title,
        "has_image": bool(idea.image_type),
        "idea_url": url,
        "title": idea.title,
        "breadcrumbs": crumbs((idea.title, None)),
    }


@never_cache
def idea_detail(request, pk: int):
    try:
        idea, pending = find_idea(request, pk)
    except MergedIdea as merged:
        return redirect("public:idea", merged.target.pk, permanent=True)
    return render(
        request, "public/ideas/detail.html", detail_context(request, idea, pending=pending)
    )


def idea_image(request, pk: int):
    """An idea's image: re-encoded on upload, served sandboxed, so that even a file opened on
    its own can run nothing and load nothing. Public ideas, and the author's waiting one."""
    region = region_of(request)
    idea = Idea.objects.public().filter(region=region, pk=pk).only("image", "image_type").first()
    public = idea is not None
    if idea is None and request.user.is_authenticated:
        idea = (
            Idea.objects.filter(
                region=region, pk=pk, author=request.user, status=IdeaStatus.RECEIVED
            )
            .only("image", "image_type")
            .first()
        )
    if idea is None or not idea.image:
        raise Http404
    content_type = idea.image_type if idea.image_type in IMAGE_TYPES else "application/octet-stream"
    response = HttpResponse(bytes(idea.image), content_type=content_type)
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    # Short: an idea refused later must not stay in shared caches for long.
    response["Cache-Control"] = "public, max-age=300" if public else "private, no-store"
    return response


# ---- similar ideas while typing -------------------------------------------------------------


def similar_to(region, title: str) -> list[Idea]:
    title = (title or "").strip()[:200]
    if len(title) < SIMILAR_MIN_LENGTH:
        return []
    return services.similar_ideas(region, title)


@never_cache
def idea_similar(request):
    """The public ideas most like ?title=: JSON for the script of the submit form (asked
    with Accept: application/json), else an HTML fragment (escaped like any page)."""
    region = region_of(request)
    ideas = similar_to(region, request.GET.get("title", ""))
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse(
            {
                "ideas": [
                    {
                        "id": idea.pk,
                        "title": idea.title,
                        "url": reverse("public:idea", args=[idea.pk]),
                        "status": str(IdeaStatus(idea.status).label),
                    }
                    for idea in ideas
                ]
            }
        )
    html = render_to_string("public/ideas/_similar.html", {"similar": ideas}, request)
    return HttpResponse(html, content_type="text/html; charset=utf-8")
