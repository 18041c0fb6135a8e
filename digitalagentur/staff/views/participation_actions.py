"""The moderators' actions on an idea and its comments (issue 12), each a page with a
confirmation (and a reason where one is needed) whose POST goes through
participation/services.py, which writes the change log: a move of the idea's status
(publish, reject in moderation, review, decline with a public reason), an edit with a note, a
merge into another idea, taking it into the strategy (coordination only), hiding and showing
comments and dismissing their reports; and the list of reported comments.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.participation import rules, services
from digitalagentur.participation.choices import TRANSITIONS, IdeaStatus
from digitalagentur.participation.models import Comment, CommentReport, Idea, Support

from ..forms_participation import HideCommentForm, IdeaEditForm, MergeForm, ReasonForm
from ..mixins import ObjectMixin
from .base import StaffPage
from .participation import (
    ActionPage,
    IdeaObject,
    ModerationSection,
    idea_crumbs,
    idea_url,
    queue_crumbs,
)

MERGE_RESULTS = 20

STATUS_TEXTS = {
    IdeaStatus.PUBLISHED: {
        "title": gettext_lazy("Idee veröffentlichen"),
        "question": gettext_lazy(
            "„%(title)s“ veröffentlichen? Danach ist die Idee auf der öffentlichen Website "
            "sichtbar und kann unterstützt und kommentiert werden."
        ),
        "label": gettext_lazy("Anmerkung"),
        "help": gettext_lazy("Optional; erscheint im Verlauf der Idee."),
        "submit": gettext_lazy("Veröffentlichen"),
        "done": gettext_lazy("„%(title)s“ ist veröffentlicht."),
    },
    IdeaStatus.REJECTED: {
        "title": gettext_lazy("In der Moderation ablehnen"),
        "question": gettext_lazy(
            "„%(title)s“ in der Moderation ablehnen (z. B. Werbung, Beleidigung, kein Bezug "
            "zur Region)? Die Idee erscheint dann nie öffentlich."
        ),
        "label": gettext_lazy("Begründung"),
        "help": gettext_lazy("Pflichtangabe; steht im Verlauf der Idee, nicht öffentlich."),
        "submit": gettext_lazy("Ablehnen"),
        "done": gettext_lazy("„%(title)s“ wurde in der Moderation abgelehnt."),
    },
    IdeaStatus.REVIEW: {
        "title": gettext_lazy("Idee in Prüfung nehmen"),
        "question": gettext_lazy(
            "„%(title)s“ in Prüfung nehmen? Öffentlich steht dann „in Prüfung“ bei der Idee."
        ),
        "label": gettext_lazy("Öffentliche Antwort"),
        "help": gettext_lazy("Optional; wird bei der Idee öffentlich angezeigt."),
        "submit": gettext_lazy("In Prüfung nehmen"),
        "done": gettext_lazy("„%(title)s“ ist in Prüfung."),
    },
    IdeaStatus.DECLINED: {
        "title": gettext_lazy("Idee nicht übernehmen"),
        "question": gettext_lazy(
            "„%(title)s“ nicht in die Strategie übernehmen? Die Idee bleibt öffentlich, mit "
            "Ihrer Begründung; unterstützt werden kann sie nicht mehr."
        ),
        "label": gettext_lazy("Öffentliche Begründung"),
        "help": gettext_lazy("Pflichtangabe; wird bei der Idee öffentlich angezeigt."),
        "submit": gettext_lazy("Nicht übernehmen"),
        "done": gettext_lazy("„%(title)s“ ist als „nicht übernommen“ beantwortet."),
    },
}


class IdeaStatusMove(IdeaObject, ActionPage):
    """…/ideen/<pk>/status/<status>/: one move of choices.TRANSITIONS."""

    def prepare(self) -> None:
        super().prepare()
        try:
            self.target = IdeaStatus(self.kwargs["status"])
        except ValueError:
            raise Http404 from None
        if self.target not in STATUS_TEXTS:
            raise Http404
        self.texts = STATUS_TEXTS[self.target]
        self.danger = self.target in (IdeaStatus.REJECTED, IdeaStatus.DECLINED)
        self.submit_label = self.texts["submit"]

    def get_title(self) -> str:
        return str(self.texts["title"])

    def get_breadcrumbs(self):
        return idea_crumbs(self.object, (self.get_title(), None))

    def make_form(self, data=None):
        return ReasonForm(
            data,
            required=self.danger,
            label=self.texts["label"],
            help_text=self.texts["help"],
        )

    def question(self) -> str:
        return str(self.texts["question"]) % {"title": self.object.title}

    def get_cancel_url(self) -> str:
        return idea_url(self.object.pk)

    def get(self, request, *args, **kwargs):
        if self.target not in TRANSITIONS[IdeaStatus(self.object.status)]:
            messages.error(request, self.refusal())
            return redirect(self.get_cancel_url())
        return super().get(request, *args, **kwargs)

    def refusal(self) -> str:
        return _("Eine Idee im Status „%(old)s“ kann nicht „%(new)s“ werden.") % {
            "old": self.object.get_status_display(),
            "new": self.target.label,
        }

    def perform(self, form) -> str:
        services.set_status(
            self.object, self.target, user=self.request.user, reason=form.cleaned_data["reason"]
        )
        return str(self.texts["done"]) % {"title": self.object.title}


class IdeaEdit(IdeaObject, ActionPage):
    """Title, text, field, town (and image description) with a required note."""

    submit_label = gettext_lazy("Änderungen speichern")

    def prepare(self) -> None:
        super().prepare()
        if self.object.status == IdeaStatus.MERGED:
            raise Http404

    def get_title(self) -> str:
        return _("Idee bearbeiten: %(title)s") % {"title": self.object.title}

    def get_breadcrumbs(self):
        return idea_crumbs(self.object, (_("Bearbeiten"), None))

    def make_form(self, data=None):
        return IdeaEditForm(data, region=self.region, idea=self.object)

    def notice(self) -> str:
        return _(
            "Ändern Sie nur, was nötig ist (Rechtschreibung, persönliche Daten, Zuordnung). Die "
            "Notiz und die Änderungen stehen im Änderungsprotokoll."
        )

    def get_cancel_url(self) -> str:
        return idea_url(self.object.pk)

    def perform(self, form) -> str:
        services.edit_idea(
            self.object, form.values(), user=self.request.user, note=form.cleaned_data["note"]
        )
        return _("Die Idee wurde gespeichert.")


def mergeable_targets(access, idea: Idea):
    """Public ideas of the region the user moderates, other than `idea` itself."""
    return rules.moderated_ideas(access, Idea.objects.public()).exclude(pk=idea.pk)


def moving_supports(source: Idea, target: Idea) -> tuple[int, int]:
    """(supports that move to the target, people who supported both and count once)."""
    theirs = Support.objects.filter(idea=target).values("user_id")
    counts = Support.objects.filter(idea=source).aggregate(
        total=Count("pk"), both=Count("pk", filter=Q(user_id__in=theirs))
    )
    return counts["total"] - counts["both"], counts["both"]


class IdeaMerge(IdeaObject, ActionPage):
    """…/zusammenfuehren/?q=…&ziel=<id>: find the target, see what moves, then merge."""

    template_name = "staff/participation/merge.html"
    submit_label = gettext_lazy("Zusammenführen")
    danger = True

    def prepare(self) -> None:
        super().prepare()
        idea = self.object
        if idea.status in (IdeaStatus.MERGED, IdeaStatus.REJECTED) or idea.project_id:
            raise Http404
        self.target = None
        self.query = (self.request.GET.get("q") or "").strip()[:200]
        chosen = (self.request.POST.get("target") or self.request.GET.get("ziel") or "").strip()
        if chosen.isdigit() and len(chosen) < 10:
            self.target = (
                mergeable_targets(self.access, idea)
                .defer("image")
                .select_related("municipality", "field")
                .filter(pk=int(chosen))
                .first()
            )

    def get_title(self) -> str:
        return _("Idee zusammenführen: %(title)s") % {"title": self.object.title}

    def get_breadcrumbs(self):
        return idea_crumbs(self.object, (_("Zusammenführen"), None))

    def make_form(self, data=None):
        return MergeForm(data, initial={"target": self.target.pk if self.target else None})

    def get_cancel_url(self) -> str:
        return idea_url(self.object.pk)

    def get_success_url(self) -> str:
        return idea_url(self.target.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        results = []
        if self.query:
            candidates = mergeable_targets(self.access, self.object)
            if self.query.isdigit() and len(self.query) < 10:
                found = candidates.filter(
                    Q(pk=int(self.query))
                    | Q(pk__in=services.search_ideas(candidates, self.query).values("pk"))
                )
            else:
                found = services.search_ideas(candidates, self.query)
            results = list(
                services.with_supporters(found)
                .defer("image", "text", "answer")
                .select_related("municipality")
                .order_by("-created", "-pk")[:MERGE_RESULTS]
            )
        moving = both = None
        if self.target is not None:
            moving, both = moving_supports(self.object, self.target)
        context.update(
            query=self.query,
            results=results,
            target=self.target,
            moving=moving,
            both=both,
            source_supporters=services.supporters(self.object),
            target_supporters=services.supporters(self.target) if self.target else None,
        )
        return context

    def perform(self, form) -> str:
        if self.target is None or self.target.pk != form.cleaned_data["target"]:
            raise ValidationError(_("Diese Idee kann nicht als Ziel gewählt werden."))
        moving, _both = moving_supports(self.object, self.target)
        services.merge_ideas(
            self.object, self.target, user=self.request.user, reason=form.cleaned_data["reason"]
        )
        return _(
            "„%(source)s“ wurde mit „%(target)s“ zusammengeführt; %(n)d Unterstützungen sind "
            "dazugekommen."
        ) % {"source": self.object.title, "target": self.target.title, "n": moving}


class IdeaAdopt(IdeaObject, ActionPage):
    """Take the idea into the strategy: a project draft; the coordination only."""

    submit_label = gettext_lazy("Als Projektentwurf übernehmen")

    def has_permission(self, obj) -> bool:
        return super().has_permission(obj) and rules.can_take_into_strategy(self.access)

    def get_title(self) -> str:
        return _("In die Strategie übernehmen: %(title)s") % {"title": self.object.title}

    def get_breadcrumbs(self):
        return idea_crumbs(self.object, (_("In die Strategie übernehmen"), None))

    def make_form(self, data=None):
        return forms.Form(data)

    def question(self) -> str:
        return _(
            "Aus „%(title)s“ einen Projektentwurf machen? Titel, Beschreibung, Handlungsfeld "
            "und Kommune werden übernommen; der Entwurf ist nicht öffentlich, bis Sie ihn "
            "veröffentlichen. Die Idee zeigt dann „in die Strategie übernommen“ mit dem "
            "Projekt, und die nächste Fassung der Strategie führt es auf."
        ) % {"title": self.object.title}

    def get_cancel_url(self) -> str:
        return idea_url(self.object.pk)

    def get_success_url(self) -> str:
        return reverse("staff:project_edit", args=[self.project.pk])

    def perform(self, form) -> str:
        self.project = services.take_into_strategy(self.object, user=self.request.user)
        return _(
            "Die Idee ist als Projektentwurf „%(title)s“ übernommen. Bitte ergänzen Sie den "
            "Steckbrief."
        ) % {"title": self.project.title}


# --- comments --------------------------------------------------------------------------------


def reports_url() -> str:
    return reverse("staff:idea_comments_reported")


class CommentObject(ModerationSection, ObjectMixin):
    """A comment on an idea of the region (404 otherwise) that the user moderates (403)."""

    template_name = "staff/participation/comment_action.html"

    def get_queryset(self):
        return Comment.objects.filter(idea__region=self.region).select_related("idea", "author")

    def has_permission(self, obj) -> bool:
        return rules.can_moderate(self.access, obj.idea)

    def get_cancel_url(self) -> str:
        if (self.request.POST.get("next") or self.request.GET.get("next")) == "meldungen":
            return reports_url()
        return idea_url(self.object.idea_id, f"#kommentar-{self.object.pk}")

    def get_breadcrumbs(self):
        return idea_crumbs(self.object.idea, (self.get_title(), None))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["comment"] = self.object
        context["comment_author"] = services.display_name(self.object.author)
        return context


class CommentHide(CommentObject, ActionPage):
    title = gettext_lazy("Kommentar ausblenden")
    submit_label = gettext_lazy("Ausblenden")
    danger = True

    def make_form(self, data=None):
        return HideCommentForm(data)

    def question(self) -> str:
        return _(
            "Diesen Kommentar ausblenden? Er erscheint dann nicht mehr öffentlich; "
            "Antworten darauf bleiben sichtbar."
        )

    def perform(self, form) -> str:
        services.hide_comment(
            self.object, user=self.request.user, reason=form.cleaned_data["reason"]
        )
        return _("Der Kommentar ist ausgeblendet.")


class CommentShow(CommentObject, ActionPage):
    title = gettext_lazy("Kommentar wieder einblenden")
    submit_label = gettext_lazy("Einblenden")

    def make_form(self, data=None):
        return ReasonForm(
            data,
            required=False,
            label=_("Grund"),
            help_text=_("Optional; erscheint im Änderungsprotokoll."),
        )

    def question(self) -> str:
        return _("Diesen Kommentar wieder öffentlich zeigen?")

    def perform(self, form) -> str:
        services.show_comment(
            self.object, user=self.request.user, reason=form.cleaned_data["reason"]
        )
        return _("Der Kommentar ist wieder sichtbar.")


class CommentDismiss(CommentObject, ActionPage):
    title = gettext_lazy("Meldungen erledigen")
    submit_label = gettext_lazy("Meldungen erledigen, Kommentar bleibt")

    def make_form(self, data=None):
        return forms.Form(data)

    def question(self) -> str:
        return _(
            "Die Meldungen zu diesem Kommentar als erledigt markieren? Der Kommentar bleibt "
            "sichtbar."
        )

    def perform(self, form) -> str:
        services.dismiss_reports(self.object, user=self.request.user)
        return _("Die Meldungen sind erledigt; der Kommentar bleibt sichtbar.")


class ReportedComments(ModerationSection, StaffPage):
    """Visible comments with open reports on the ideas the user moderates, most reported
    first."""

    template_name = "staff/participation/comments_reported.html"
    title = gettext_lazy("Gemeldete Kommentare")

    def get_breadcrumbs(self):
        return queue_crumbs((self.get_title(), None))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ideas = rules.moderated_ideas(self.access, Idea.objects.all())
        open_reports = CommentReport.objects.filter(handled=False).order_by("created", "pk")
        comments = list(
            Comment.objects.filter(idea__in=ideas, hidden=False)
            .annotate(open_reports=Count("reports", filter=Q(reports__handled=False)))
            .filter(open_reports__gt=0)
            .select_related("author", "idea")
            .defer("idea__image", "idea__text", "idea__answer")
            .prefetch_related(Prefetch("reports", queryset=open_reports, to_attr="open_list"))
            .order_by("-open_reports", "created", "pk")
        )
        for comment in comments:
            comment.shown_name = services.display_name(comment.author)
        context["comments"] = comments
        return context
