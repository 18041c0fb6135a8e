"""Participation in the staff area (issue 12), mounted at /intern/beteiligung/: the moderation
queue and an idea's moderation page. The coordination (coordinators, region admins) moderates
every idea of the region, a digitalisation officer the ideas of their own town
(participation/rules.py); every other role gets 403, other regions' ideas 404. The actions
(participation_actions.py) write through participation/services.py, which logs them.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.participation import rules, services
from digitalagentur.participation.choices import TRANSITIONS, IdeaStatus
from digitalagentur.participation.models import Comment, CommentReport, Idea, IdeaStatusChange

from ..changes import history
from ..forms_participation import IdeaFilterForm, ReasonForm, region_towns
from ..mixins import ObjectMixin
from .base import StaffPage
from .projects import home_crumb

IDEAS_PER_PAGE = 50
# Statuses from which a coordinator may take an idea into the strategy (services check too).
ADOPTABLE = (IdeaStatus.PUBLISHED, IdeaStatus.REVIEW, IdeaStatus.DECLINED)
# Moves shown as a button on the idea's page without a confirmation page (nothing is lost).
QUICK = (IdeaStatus.PUBLISHED, IdeaStatus.REVIEW)


def queue_url() -> str:
    return reverse("staff:ideas_queue")


def idea_url(idea_id: int, anchor: str = "") -> str:
    return reverse("staff:idea_moderate", args=[idea_id]) + anchor


def queue_crumbs(*tail):
    return [home_crumb(), (_("Beteiligung"), queue_url()), *tail]


def idea_crumbs(idea, *tail):
    return queue_crumbs((str(idea), idea_url(idea.pk)), *tail)


def open_reports(comment_ref: str = "pk"):
    """The number of unhandled reports of the comment (or of an idea's comments)."""
    return Coalesce(
        Subquery(
            CommentReport.objects.filter(**{comment_ref: OuterRef("pk")}, handled=False)
            .order_by()
            .values(comment_ref)
            .annotate(n=Count("pk"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


class ModerationSection:
    """Moderators only (coordination, officers); the navigation highlights "Beteiligung"."""

    def has_page_permission(self) -> bool:
        return rules.can_moderate_any(self.access)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["section"] = "participation"
        return context


class IdeaObject(ModerationSection, ObjectMixin):
    """An idea of the request's region (404 otherwise) that the user moderates (403)."""

    def get_queryset(self):
        return (
            Idea.objects.filter(region=self.region)
            .defer("image")
            .select_related("field", "municipality", "author", "merged_into", "project")
        )

    def has_permission(self, obj) -> bool:
        return rules.can_moderate(self.access, obj)


class IdeasQueue(ModerationSection, StaffPage):
    """The ideas waiting for moderation first (oldest waiting longest on top), then the
    others, newest first; filters by status, town and field, and a search."""

    template_name = "staff/participation/queue.html"
    title = gettext_lazy("Beteiligung: Moderation der Ideen")

    def get_breadcrumbs(self):
        return [home_crumb(), (_("Beteiligung"), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        mine = rules.moderated_ideas(self.access, Idea.objects.all())
        towns = region_towns(self.region)
        if not self.access.can_manage:
            towns = towns.filter(pk__in=self.access.officer_town_ids)
        form = IdeaFilterForm(self.request.GET or None, region=self.region, towns=towns)
        ideas = mine
        filtered = False
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            if data["status"]:
                ideas = ideas.filter(status=data["status"])
            if data["town"] is not None:
                ideas = ideas.filter(municipality=data["town"])
            if data["field"] is not None:
                ideas = ideas.filter(field=data["field"])
            query = data["q"].strip()
            if query:
                ideas = self.search(ideas, query)
            filtered = bool(data["status"] or data["town"] or data["field"] or query)
        ideas = (
            services.with_supporters(ideas)
            .annotate(
                open_reports=open_reports("comment__idea"),
                waiting=Case(
                    When(status=IdeaStatus.RECEIVED, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                ),
            )
            .defer("image", "text", "answer")
            .select_related("field", "municipality", "author")
        )
        ideas = ideas.order_by("waiting", "-created", "-pk")
        page = Paginator(ideas, IDEAS_PER_PAGE).get_page(self.request.GET.get("page"))
        counts = mine.aggregate(
            waiting=Count("pk", filter=Q(status=IdeaStatus.RECEIVED)),
            total=Count("pk"),
        )
        context.update(
            filter_form=form,
            page=page,
            filtered=filtered,
            counts=counts,
            reported=CommentReport.objects.filter(
                handled=False, comment__idea__in=mine, comment__hidden=False
            )
            .values("comment")
            .distinct()
            .count(),
            can_manage=self.access.can_manage,
        )
        return context

    @staticmethod
    def search(ideas, query: str):
        if query.isdigit() and len(query) < 10:
            return ideas.filter(Q(pk=int(query)) | Q(pk__in=services.search_ideas(ideas, query)))
        return services.search_ideas(ideas, query)


def comment_rows(idea: Idea) -> list[Comment]:
    """The idea's comments with their answers (one level), hidden ones included, each with
    its number of open and of all reports."""
    comments = list(
        Comment.objects.filter(idea=idea)
        .select_related("author", "hidden_by")
        .annotate(
            open_reports=Count("reports", filter=Q(reports__handled=False)),
            all_reports=Count("reports"),
        )
        .order_by("created", "pk")
    )
    answers: dict[int, list[Comment]] = {}
    for comment in comments:
        comment.shown_name = services.display_name(comment.author)
        if comment.parent_id:
            answers.setdefault(comment.parent_id, []).append(comment)
    top = [c for c in comments if not c.parent_id]
    known = {c.pk for c in top}
    for comment in top:
        comment.answer_list = answers.get(comment.pk, [])
    # Answers whose comment moved elsewhere (a merge keeps the pairs together; defensive).
    top += [c for c in comments if c.parent_id and c.parent_id not in known]
    return top


def status_actions(idea: Idea) -> list[dict]:
    """The moves a moderator may make from the idea's status, with their labels."""
    labels = {
        IdeaStatus.PUBLISHED: _("Veröffentlichen"),
        IdeaStatus.REJECTED: _("In der Moderation ablehnen"),
        IdeaStatus.REVIEW: _("In Prüfung nehmen"),
        IdeaStatus.DECLINED: _("Nicht übernehmen (mit Begründung)"),
    }
    return [
        {
            "status": status.value,
            "label": labels.get(status, status.label),
            "quick": status in QUICK,
            "danger": status in (IdeaStatus.REJECTED, IdeaStatus.DECLINED),
            "url": reverse("staff:idea_status", args=[idea.pk, status.value]),
        }
        for status in TRANSITIONS[IdeaStatus(idea.status)]
    ]


class IdeaModerate(IdeaObject, StaffPage):
    """The idea, its supporters, its way so far and its comments, with every action a
    moderator may take on it."""

    template_name = "staff/participation/idea.html"

    def get_title(self) -> str:
        return _("Idee moderieren: %(title)s") % {"title": self.object.title}

    def get_breadcrumbs(self):
        return queue_crumbs((self.object.title, None))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        idea = self.object
        can_adopt = (
            rules.can_take_into_strategy(self.access)
            and idea.status in ADOPTABLE
            and not idea.project_id
        )
        context.update(
            idea=idea,
            object=idea,
            author_name=services.display_name(idea.author),
            supporters=services.supporters(idea),
            steps=list(IdeaStatusChange.objects.filter(idea=idea).select_related("user")),
            comments=comment_rows(idea),
            merged_ideas=list(idea.merged_ideas.only("pk", "title", "region_id")),
            actions=status_actions(idea),
            can_edit=idea.status != IdeaStatus.MERGED,
            can_merge=idea.status not in (IdeaStatus.MERGED, IdeaStatus.REJECTED)
            and not idea.project_id,
            can_adopt=can_adopt,
            adopt_hint=not rules.can_take_into_strategy(self.access)
            and idea.status in ADOPTABLE
            and not idea.project_id,
            history=history(idea),
        )
        return context


# --- the actions' shared page ----------------------------------------------------------------


class ActionPage(StaffPage):
    """A page asking for a confirmation (and a reason where one is needed) whose POST runs
    the action through a service. A version sent along that is no longer the object's
    refuses the action (someone else moderated meanwhile)."""

    template_name = "staff/participation/action.html"
    submit_label = gettext_lazy("Bestätigen")
    danger = False

    def make_form(self, data=None):
        return ReasonForm(data, required=False)

    def question(self) -> str:
        return ""

    def notice(self) -> str:
        return ""

    def perform(self, form) -> str:
        """Do the action; return the success message."""
        raise NotImplementedError

    def get_cancel_url(self) -> str:
        raise NotImplementedError

    def get_success_url(self) -> str:
        return self.get_cancel_url()

    def current_version(self):
        return getattr(getattr(self, "object", None), "version", None)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.make_form())
        context.update(
            question=self.question(),
            notice=self.notice(),
            submit_label=self.submit_label,
            danger=self.danger,
            cancel_url=self.get_cancel_url(),
            version=self.current_version(),
            next_value=self.request.POST.get("next") or self.request.GET.get("next") or "",
        )
        return context

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data())

    def invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        if not form.is_valid():
            return self.invalid(form)
        posted, current = (request.POST.get("version") or "").strip(), self.current_version()
        if posted and current is not None and posted != str(current):
            messages.warning(
                request,
                _(
                    "Inzwischen hat jemand anderes hier etwas geändert; es wurde nichts "
                    "gespeichert. Bitte prüfen Sie den aktuellen Stand."
                ),
            )
            return redirect(self.get_cancel_url())
        try:
            message = self.perform(form)
        except ValidationError as exc:
            add_errors(form, exc)
            return self.invalid(form)
        messages.success(request, message)
        return redirect(self.get_success_url())


def add_errors(form, exc: ValidationError) -> None:
    """A service's errors on the form: by field where the form has that field."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
