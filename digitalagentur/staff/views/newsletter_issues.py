"""Newsletter issues in the staff area (issue 13, section 1 "Composing" and "Sending"),
mounted at /intern/newsletter/ausgaben/: the list, a new issue from the region's recent
activity, an issue's form with its items, its page with the preview and the progress of
sending, a test mail to oneself, sending with a confirmation, and deleting a draft.

Only the coordination (coordinators, region admins) composes and sends; every other role gets
403, other regions' issues 404. Only drafts are edited, sent or deleted; for an issue being
sent or sent those pages lead back to its page with a message (as the status reports do).
Writes go through core.services (change log, edit conflicts) and communication.sending.
"""

from __future__ import annotations

import logging
import smtplib

from csp.constants import NONE, SELF
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from digitalagentur.communication import rules, sending
from digitalagentur.communication.choices import DeliveryStatus, IssueStatus
from digitalagentur.communication.digest import recent_activity
from digitalagentur.communication.models import NewsletterIssue
from digitalagentur.communication.newsletter import ensure_segments
from digitalagentur.core.services import EditConflict, create_object, update_object

from ..changes import history
from ..forms_newsletter_issues import (
    IssueCreateForm,
    IssueForm,
    ItemFormSet,
    SinceForm,
    default_since,
    items_initial,
)
from ..mixins import ObjectMixin
from .base import ConfirmPage, CreatePage, DeletePage, EditPage, StaffPage
from .projects import home_crumb

logger = logging.getLogger(__name__)

ISSUES_PER_PAGE = 25
TEMPLATES = "staff/newsletter_issues/"


def list_url() -> str:
    return reverse("staff:newsletter_issue_list")


def detail_url(issue_id: int, anchor: str = "") -> str:
    return reverse("staff:newsletter_issue_detail", args=[issue_id]) + anchor


def list_crumbs(*tail):
    return [home_crumb(), (_("Newsletter-Ausgaben"), list_url()), *tail]


def issue_crumbs(issue, *tail):
    return list_crumbs((str(issue), detail_url(issue.pk)), *tail)


def public_issue_url(issue) -> str:
    """The issue's page in the public archive (once sent); empty while that page is missing."""
    try:
        return reverse("public:newsletter_issue", args=[issue.pk])
    except NoReverseMatch:
        return ""


def preview_bodies(issue) -> tuple[str, str]:
    """The issue's plain text and HTML as a recipient gets them, the unsubscribe link a dummy."""
    text, html = sending.render_bodies(issue)
    return (
        text.replace(sending.UNSUBSCRIBE_PLACEHOLDER, "#"),
        html.replace(sending.UNSUBSCRIBE_PLACEHOLDER, "#"),
    )


NOT_A_DRAFT = gettext_lazy(
    "Diese Ausgabe wird schon versandt oder ist versandt; sie kann nicht mehr geändert, "
    "versandt oder gelöscht werden."
)


class IssueSection:
    """The coordination only; the navigation highlights "Newsletter"."""

    def has_page_permission(self) -> bool:
        return rules.can_manage_newsletter(self.access)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["section"] = "newsletter"
        return context


class IssueObject(IssueSection, ObjectMixin):
    """An issue of the request's region (404 otherwise)."""

    conflict_subject = gettext_lazy("Diese Ausgabe")

    def get_queryset(self):
        return NewsletterIssue.objects.filter(region=self.region)

    def has_permission(self, obj) -> bool:
        return self.access.in_region(obj)


class DraftOnly:
    """Pages that change an issue: for one being sent or sent, back to its page."""

    def not_a_draft(self):
        if self.object.status == IssueStatus.DRAFT:
            return None
        messages.error(self.request, str(NOT_A_DRAFT))
        return redirect(detail_url(self.object.pk))

    def get(self, request, *args, **kwargs):
        return self.not_a_draft() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.not_a_draft() or super().post(request, *args, **kwargs)


# -- reading ----------------------------------------------------------------------------------


class IssueList(IssueSection, StaffPage):
    """The region's issues, newest first: drafts, those being sent (with their progress) and
    the sent ones (with the date and the number of recipients)."""

    template_name = TEMPLATES + "list.html"
    title = gettext_lazy("Newsletter-Ausgaben")

    def get_breadcrumbs(self):
        return [home_crumb(), (_("Newsletter-Ausgaben"), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        issues = NewsletterIssue.objects.filter(region=self.region).order_by("-created", "-pk")
        page = Paginator(issues, ISSUES_PER_PAGE).get_page(self.request.GET.get("page"))
        rows = []
        for issue in page.object_list:
            progress = sending.progress(issue) if issue.status == IssueStatus.SENDING else None
            rows.append(
                {
                    "issue": issue,
                    "progress": progress,
                    "item_count": len(sending.shown_items(issue)),
                }
            )
        context.update(page=page, rows=rows)
        return context


class IssueDetail(IssueObject, StaffPage):
    """An issue at a glance: facts, actions, the preview (HTML in a sandboxed frame, plain
    text below) and, while it is being sent, the progress (refreshing itself)."""

    template_name = TEMPLATES + "detail.html"

    def get_title(self) -> str:
        return str(self.object)

    def get_breadcrumbs(self):
        return list_crumbs((str(self.object), None))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        issue = self.object
        is_draft = issue.status == IssueStatus.DRAFT
        progress = None if is_draft else sending.progress(issue)
        text, _html = preview_bodies(issue)
        context.update(
            issue=issue,
            object=issue,
            is_draft=is_draft,
            is_sending=issue.status == IssueStatus.SENDING,
            is_sent=issue.status == IssueStatus.SENT,
            segments=list(issue.segments.order_by("kind", "position", "name")),
            items=sending.shown_items(issue),
            expected=sending.recipients(issue).count() if is_draft else None,
            progress=progress,
            statuses=[
                (label, progress[value] if progress else 0, value)
                for value, label in DeliveryStatus.choices
            ],
            preview_text=text,
            public_url=public_issue_url(issue) if issue.status == IssueStatus.SENT else "",
            user_email=self.request.user.email,
            history=history(issue),
        )
        return context


class IssuePreview(IssueObject, View):
    """The issue's mail as it is sent: HTML (shown in a sandboxed frame of the issue's page,
    so it may be framed by our own pages only) or plain text."""

    fmt = "html"

    def get(self, request, *args, **kwargs):
        text, html = preview_bodies(self.object)
        if self.fmt == "text":
            response = HttpResponse(text, content_type="text/plain; charset=utf-8")
        else:
            response = HttpResponse(html, content_type="text/html; charset=utf-8")
            response["X-Frame-Options"] = "SAMEORIGIN"
            # Framed by the issue's page only; nothing in a mail runs as a script.
            response._csp_replace = {"frame-ancestors": [SELF], "script-src": [NONE]}
        response["Cache-Control"] = "no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response


# -- writing ----------------------------------------------------------------------------------


class IssueCreate(IssueSection, CreatePage):
    """Step 1 of an issue: the date the suggestions start from, then subject, introduction,
    groups and the suggestions to take over (edited afterwards on the issue's form)."""

    template_name = TEMPLATES + "create.html"
    title = gettext_lazy("Neue Newsletter-Ausgabe")
    success_message = gettext_lazy(
        "Die Ausgabe wurde als Entwurf angelegt. Prüfen Sie die Vorschau, bearbeiten Sie die "
        "Beiträge und schicken Sie sich einen Testversand."
    )
    submit_label = gettext_lazy("Entwurf anlegen")

    def get_breadcrumbs(self):
        return list_crumbs((self.get_title(), None))

    def get_cancel_url(self) -> str:
        return list_url()

    def get_success_url(self, obj) -> str:
        return detail_url(obj.pk)

    def prepare(self) -> None:
        ensure_segments(self.region)
        super().prepare()

    def since_from(self, data, *, required: bool):
        """(date, error message) from `seit` in `data`; the default date when missing or bad."""
        if "seit" not in data and not required:
            return default_since(), ""
        form = SinceForm(data)
        if form.is_valid():
            return form.cleaned_data["seit"], ""
        return default_since(), " ".join(form.errors.get("seit", []))

    def get_form(self, data=None):
        source = data if data is not None else self.request.GET
        self.since, self.since_error = self.since_from(source, required=data is not None)
        self.candidates = recent_activity(self.region, self.since)
        initial = {"seit": self.since.isoformat()}
        return IssueCreateForm(
            data=data, initial=initial, candidates=self.candidates, **self.get_form_kwargs()
        )

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        if response.status_code == 200:  # the form is shown again with its errors
            response.status_code = 400
        return response

    def save(self, form):
        issue = NewsletterIssue(
            region=self.region,
            subject=form.cleaned_data["subject"],
            intro=form.cleaned_data["intro"],
            items=form.items(),
            created_by=self.request.user,
        )
        return create_object(issue, user=self.request.user, m2m={"segments": form.segment_ids()})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        picked = form["picks"].value() or []
        context.update(
            since=self.since,
            since_form=SinceForm(initial={"seit": self.since.isoformat()}),
            since_error=self.since_error,
            candidates=self.candidates,
            picked=[str(p) for p in picked] if isinstance(picked, list) else [],
        )
        return context


class IssueEdit(IssueObject, DraftOnly, EditPage):
    """A draft's subject, introduction, groups and items (rows with an order, deletable)."""

    template_name = TEMPLATES + "form.html"
    form_class = IssueForm
    success_message = gettext_lazy("Die Ausgabe wurde gespeichert.")

    def get_title(self) -> str:
        return _("Ausgabe bearbeiten: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return issue_crumbs(self.object, (_("Bearbeiten"), None))

    def get_cancel_url(self) -> str:
        return detail_url(self.object.pk)

    def get_formset(self, data=None):
        return ItemFormSet(data, initial=items_initial(self.object), prefix="beitrag")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("formset", getattr(self, "formset", None) or self.get_formset())
        return context

    def post(self, request, *args, **kwargs):
        blocked = self.not_a_draft()
        if blocked:
            return blocked
        form = self.get_form(request.POST)
        self.formset = self.get_formset(request.POST)
        form_ok, rows_ok = form.is_valid(), self.formset.is_valid()
        if not (form_ok and rows_ok):
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            update_object(
                self.object,
                {**form.model_values(), "items": self.formset.items()},
                expected_version=form.cleaned_data["version"],
                user=request.user,
                reason=form.cleaned_data["reason"],
                m2m={"segments": form.segment_ids()},
                m2m_before={"segments": list(self.object.segments.values_list("pk", flat=True))},
            )
        except EditConflict as exc:
            return self.conflict_response(form, exc)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(request, str(self.success_message))
        return redirect(detail_url(self.object.pk))


class IssueTestSend(IssueObject, View):
    """POST: the issue to the user's own address, marked as a test."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        issue = self.object
        email = (request.user.email or "").strip()
        if not email:
            messages.error(
                request,
                _(
                    "Ihr Konto hat keine E-Mail-Adresse. Tragen Sie unter „Mein Konto“ eine "
                    "ein, um sich einen Testversand zu schicken."
                ),
            )
            return redirect(detail_url(issue.pk))
        try:
            sending.send_test(issue, email)
        except (smtplib.SMTPException, OSError):
            logger.exception("Test mail of newsletter issue %s failed", issue.pk)
            messages.error(
                request,
                _(
                    "Der Testversand ist fehlgeschlagen: Der Mailserver war nicht erreichbar "
                    "oder hat die Mail abgelehnt. Bitte versuchen Sie es später erneut."
                ),
            )
            return redirect(detail_url(issue.pk))
        messages.success(request, _("Testversand an %(email)s verschickt.") % {"email": email})
        return redirect(detail_url(issue.pk))


class IssueSend(IssueObject, DraftOnly, ConfirmPage):
    """The confirmation (GET, with the number of recipients) and the start of sending (POST):
    the deliveries are written and the background job sends them."""

    template_name = TEMPLATES + "confirm.html"
    submit_label = gettext_lazy("Jetzt versenden")

    def get_title(self) -> str:
        return _("Versenden: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return issue_crumbs(self.object, (_("Versenden"), None))

    def get_cancel_url(self) -> str:
        return detail_url(self.object.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        count = sending.recipients(self.object).count()
        context["recipient_count"] = count
        context["question"] = _("An %(n)d Empfängerinnen und Empfänger senden?") % {"n": count}
        segments = list(self.object.segments.order_by("kind", "position", "name"))
        if not count:
            context["notice"] = _(
                "Niemand hat diese Gruppen abonniert: die Ausgabe hätte keine Empfänger. "
                "Wählen Sie unter „Bearbeiten“ andere Gruppen."
            )
        elif segments:
            context["notice"] = _(
                "Die Ausgabe geht an alle angemeldeten Adressen der Gruppen %(groups)s. Ein "
                "Versand kann nicht zurückgenommen werden."
            ) % {"groups": ", ".join(f"„{s.name}“" for s in segments)}
        else:
            context["notice"] = _(
                "Die Ausgabe geht an alle angemeldeten Adressen. Ein Versand kann nicht "
                "zurückgenommen werden."
            )
        return context

    def perform(self, form) -> str:
        expected = form.cleaned_data["version"]
        current = NewsletterIssue.objects.filter(pk=self.object.pk).first()
        if current is None or current.version != expected:
            # Changed since the confirmation was shown: what would go out is not what was seen.
            raise EditConflict(current or self.object, expected)
        count = sending.start_sending(current)
        return _(
            "Der Versand an %(n)d Empfängerinnen und Empfänger hat begonnen. Der Fortschritt "
            "wird auf dieser Seite angezeigt."
        ) % {"n": count}

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(detail_url(self.object.pk))


class IssueDelete(IssueObject, DraftOnly, DeletePage):
    template_name = TEMPLATES + "confirm.html"
    question = gettext_lazy("Wollen Sie den Entwurf „{obj}“ wirklich löschen?")

    def get_breadcrumbs(self):
        return issue_crumbs(self.object, (_("Löschen"), None))

    def get_cancel_url(self) -> str:
        return detail_url(self.object.pk)

    def get_success_url(self) -> str:
        return list_url()

    def perform(self, form) -> str:
        super().perform(form)
        return _("Der Entwurf „%(obj)s“ wurde gelöscht.") % {"obj": self.object}
