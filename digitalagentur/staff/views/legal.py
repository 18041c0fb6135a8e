"""Legal pages and public messages in the staff area: the coordination's, nobody else's.

Officers and readers get 403 on every page here (messages hold personal data of the senders);
objects of other regions are never found (404).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from digitalagentur.core.services import EditConflict
from digitalagentur.legal import rules, services
from digitalagentur.legal.models import (
    AccessibilityStatement,
    ContactDetails,
    LegalText,
    Message,
    MessageKind,
    MessageStatus,
    TextKind,
)

from ..changes import conflict_context, history
from ..legal_forms import (
    AccessibilityStatementForm,
    AnswerForm,
    ContactDetailsForm,
    LegalTextForm,
    SignLanguageForm,
    StatusForm,
)
from ..mixins import StaffMixin
from .base import FormPageMixin, StaffPage
from .projects import home_crumb

MESSAGES_PER_PAGE = 25


@dataclass(frozen=True)
class PageSpec:
    slug: str
    label: str
    model: type
    form_class: type
    public_url: str
    kind: str | None = None


def page_specs() -> list[PageSpec]:
    return [
        PageSpec(
            "impressum", _("Impressum"), LegalText, LegalTextForm, "public:imprint", "impressum"
        ),
        PageSpec(
            "datenschutz",
            _("Datenschutzerklärung"),
            LegalText,
            LegalTextForm,
            "public:privacy",
            TextKind.PRIVACY,
        ),
        PageSpec(
            "barrierefreiheit",
            _("Erklärung zur Barrierefreiheit"),
            AccessibilityStatement,
            AccessibilityStatementForm,
            "public:accessibility",
        ),
        PageSpec("kontakt", _("Kontakt"), ContactDetails, ContactDetailsForm, "public:contact"),
        PageSpec(
            "leichte-sprache",
            _("Leichte Sprache"),
            LegalText,
            LegalTextForm,
            "public:easy_language",
            TextKind.EASY_LANGUAGE,
        ),
        PageSpec(
            "gebaerdensprache",
            _("Gebärdensprache (DGS)"),
            LegalText,
            SignLanguageForm,
            "public:sign_language",
            TextKind.SIGN_LANGUAGE,
        ),
    ]


def legal_crumb():
    return (_("Rechtstexte und Kontakt"), reverse("staff:legal_overview"))


class CoordinationMixin:
    def has_page_permission(self) -> bool:
        return rules.can_handle_messages(self.access)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["section"] = "legal"
        return context


class LegalOverview(CoordinationMixin, StaffPage):
    template_name = "staff/legal/overview.html"
    title = gettext_lazy("Rechtstexte und Kontakt")

    def get_breadcrumbs(self):
        return [home_crumb(), (self.get_title(), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        texts = {t.kind: t for t in LegalText.objects.filter(region=self.region)}
        singles = {
            AccessibilityStatement: AccessibilityStatement.objects.filter(
                region=self.region
            ).first(),
            ContactDetails: ContactDetails.objects.filter(region=self.region).first(),
        }
        rows = []
        for spec in page_specs():
            obj = texts.get(spec.kind) if spec.model is LegalText else singles[spec.model]
            rows.append((spec, obj))
        context["rows"] = rows
        counts = Message.objects.filter(region=self.region).aggregate(
            new=Count("pk", filter=Q(status=MessageStatus.NEW)), total=Count("pk")
        )
        context["message_counts"] = counts
        return context


class LegalPageEdit(CoordinationMixin, FormPageMixin, StaffPage):
    template_name = "staff/legal/page_form.html"

    def prepare(self) -> None:
        specs = {s.slug: s for s in page_specs()}
        self.spec = specs.get(self.kwargs["slug"])
        if self.spec is None:
            raise Http404
        self.form_class = self.spec.form_class
        self.object = services.find_page(self.spec.model, self.region, self.spec.kind)

    def get_title(self) -> str:
        return _("%(page)s bearbeiten") % {"page": self.spec.label}

    def get_breadcrumbs(self):
        return [home_crumb(), legal_crumb(), (self.get_title(), None)]

    def get_cancel_url(self) -> str:
        return reverse("staff:legal_overview")

    def get_form_kwargs(self) -> dict:
        if self.object is not None:
            instance = copy.copy(self.object)
        else:
            extra = {"kind": self.spec.kind} if self.spec.model is LegalText else {}
            instance = self.spec.model(region=self.region, **extra)
        return {"region": self.region, "instance": instance}

    def save(self, form):
        try:
            return services.save_page(
                self.spec.model,
                self.region,
                form.model_values(),
                kind=self.spec.kind,
                expected_version=form.cleaned_data.get("version"),
                user=self.request.user,
                reason=form.cleaned_data.get("reason", ""),
            )
        except IntegrityError as exc:
            # Someone else created the page at the same moment: nothing of ours was saved.
            current = services.find_page(self.spec.model, self.region, self.spec.kind)
            raise EditConflict(current, None) from exc

    def conflict_response(self, form, exc: EditConflict):
        self.object = exc.instance
        data = form.data.copy()
        data["version"] = str(exc.current_version)
        fresh = self.get_form(data)
        fresh.is_valid()
        names = [n for n in fresh.fields if n not in ("version", "reason")]
        conflict = conflict_context(exc, str(self.spec.label), names)
        return self.render_to_response(
            self.get_context_data(form=fresh, conflict=conflict), status=409
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["spec"] = self.spec
        context["object"] = self.object
        context["history"] = history(self.object) if self.object is not None else None
        context["public_url"] = reverse(self.spec.public_url)
        return context


class MessageList(CoordinationMixin, StaffPage):
    template_name = "staff/legal/message_list.html"
    title = gettext_lazy("Nachrichten")

    def get_breadcrumbs(self):
        return [home_crumb(), legal_crumb(), (self.get_title(), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        kind = params.get("art", "")
        status = params.get("status", "")
        invalid = []
        if kind and kind not in MessageKind.values:
            invalid.append(_("Art"))
            kind = ""
        if status and status not in MessageStatus.values:
            invalid.append(_("Status"))
            status = ""
        rows = Message.objects.filter(region=self.region).only(
            "pk", "region_id", "kind", "name", "subject", "created", "status"
        )
        if kind:
            rows = rows.filter(kind=kind)
        if status:
            rows = rows.filter(status=status)
        page = Paginator(rows.order_by("-created", "-pk"), MESSAGES_PER_PAGE).get_page(
            params.get("page")
        )
        context.update(
            page=page,
            kind=kind,
            status=status,
            kinds=MessageKind.choices,
            statuses=MessageStatus.choices,
            invalid_filters=invalid,
        )
        return context


class MessageObjectMixin(CoordinationMixin, StaffMixin):
    def prepare(self) -> None:
        self.object = get_object_or_404(
            Message.objects.filter(region=self.region), pk=self.kwargs["pk"]
        )
        if not rules.can_handle_messages(self.access, self.object):
            raise PermissionDenied


class MessageDetail(MessageObjectMixin, StaffPage):
    template_name = "staff/legal/message_detail.html"

    def get_title(self) -> str:
        return _("Nachricht: %(subject)s") % {"subject": self.object.subject}

    def get_breadcrumbs(self):
        return [
            home_crumb(),
            legal_crumb(),
            (_("Nachrichten"), reverse("staff:message_list")),
            (self.object.subject, None),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        message = self.object
        context.setdefault("answer_form", AnswerForm(initial={"version": message.version}))
        context.setdefault(
            "status_form",
            StatusForm(initial={"version": message.version, "status": message.status}),
        )
        context.update(
            message=message,
            replies=list(message.replies.select_related("sent_by")),
            history=history(message),
        )
        return context


class MessageAnswer(MessageObjectMixin, View):
    """POST: mail the answer to the sender and store it (who, when); 409 when stale."""

    http_method_names = ["post"]

    def post(self, request, pk):
        form = AnswerForm(request.POST)
        if not form.is_valid():
            return self.render_detail(answer_form=form, status=400)
        try:
            services.answer_message(
                self.object,
                form.cleaned_data["text"],
                expected_version=form.cleaned_data["version"],
                user=request.user,
            )
        except EditConflict:
            self.object.refresh_from_db()
            data = form.data.copy()
            data["version"] = str(self.object.version)
            fresh = AnswerForm(data)
            fresh.is_valid()
            fresh.add_error(
                None,
                _(
                    "Die Nachricht wurde inzwischen bearbeitet oder beantwortet. Bitte lesen Sie "
                    "den aktuellen Stand; Ihre Antwort wurde nicht gesendet."
                ),
            )
            return self.render_detail(answer_form=fresh, status=409)
        messages.success(
            request, _("Die Antwort wurde an %(email)s gesendet.") % {"email": self.object.email}
        )
        return redirect("staff:message_detail", pk=self.object.pk)

    def render_detail(self, status: int, **forms):
        view = MessageDetail()
        view.setup(self.request, pk=self.object.pk)
        view.access, view.region, view.object = self.access, self.region, self.object
        context = view.get_context_data(**forms)
        return render(self.request, MessageDetail.template_name, context, status=status)


class MessageStatusChange(MessageAnswer):
    """POST: set the message's status (new, answered, closed); logged."""

    def post(self, request, pk):
        form = StatusForm(request.POST)
        if not form.is_valid():
            return self.render_detail(status_form=form, status=400)
        try:
            services.set_message_status(
                self.object,
                form.cleaned_data["status"],
                expected_version=form.cleaned_data["version"],
                user=request.user,
            )
        except EditConflict:
            messages.error(
                request,
                _("Die Nachricht wurde inzwischen geändert; bitte prüfen Sie den Status erneut."),
            )
            return redirect("staff:message_detail", pk=self.object.pk)
        messages.success(request, _("Der Status wurde gespeichert."))
        return redirect("staff:message_detail", pk=self.object.pk)
