"""Status reports (Sachstandsberichte) in the staff area (issue 10, section 1): the list, a
report as a council paper, creating a draft, editing it, regenerating it without losing edits,
the exports (Markdown, DOCX, PDF) and deleting drafts.

Reports, drafts above all, are internal: every role of the region reads them; writing is the
coordination's (reports.rules). Reports are looked up in the request's region (404
otherwise); every write goes through reports.services (version check, change log).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from digitalagentur.core.parsing import parse_id
from digitalagentur.core.services import EditConflict
from digitalagentur.reports import exports, rules, services
from digitalagentur.reports.choices import GenerationState
from digitalagentur.reports.models import StatusReport
from digitalagentur.strategy.choices import Topic

from ..changes import conflict_context, history
from ..forms_reports import RegenerateForm, ReportCreateForm, ReportEditForm, VersionForm
from ..mixins import ObjectMixin
from .base import ConfirmPage, CreatePage, EditPage, StaffPage
from .projects import home_crumb

PAGE_SIZE = 20

EXPORTS = {
    "md": "text/markdown; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def list_url() -> str:
    return reverse("staff:report_list")


def detail_url(report_id: int) -> str:
    return reverse("staff:report_detail", args=[report_id])


def list_crumbs():
    return [home_crumb(), (_("Sachstandsberichte"), list_url())]


def report_crumbs(report, *tail):
    return list_crumbs() + [(str(report), detail_url(report.pk)), *tail]


def text_blocks(text: str) -> list[dict]:
    """A section's plain text as blocks for the template: paragraphs (split at blank lines,
    their lines kept) and bullet lists (lines starting with "- "). The template escapes."""
    blocks: list[dict] = []
    for chunk in (text or "").replace("\r\n", "\n").split("\n\n"):
        lines = [line.rstrip() for line in chunk.split("\n") if line.strip()]
        for line in lines:
            if line.lstrip().startswith("- "):
                item = line.lstrip()[2:].strip()
                if blocks and blocks[-1]["kind"] == "list" and blocks[-1]["open"]:
                    blocks[-1]["items"].append(item)
                else:
                    blocks.append({"kind": "list", "items": [item], "open": True})
            elif blocks and blocks[-1]["kind"] == "paragraph" and blocks[-1]["open"]:
                blocks[-1]["lines"].append(line.strip())
            else:
                blocks.append({"kind": "paragraph", "lines": [line.strip()], "open": True})
        for block in blocks:
            block["open"] = False
    return blocks


def is_generating(report) -> bool:
    return report.generation_state in (GenerationState.QUEUED, GenerationState.RUNNING)


class ReportSection:
    """Marks the reports entry of the staff navigation as current; reading is checked here."""

    def has_page_permission(self) -> bool:
        return rules.view_denial(self.access) is None and super().has_page_permission()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["section"] = "reports"
        context["can_manage"] = rules.edit_denial(self.access) is None
        return context


class CoordinationOnly:
    """Writing is the coordination's (reports.rules.edit_denial), page and object alike."""

    def has_page_permission(self) -> bool:
        return rules.edit_denial(self.access) is None and super().has_page_permission()

    def has_permission(self, obj) -> bool:
        return rules.edit_denial(self.access, obj) is None


class ReportObject:
    conflict_subject = gettext_lazy("Dieser Sachstandsbericht")

    def get_queryset(self):
        return StatusReport.objects.filter(region=self.region).select_related(
            "body", "meeting", "previous"
        )

    def has_permission(self, obj) -> bool:
        return self.access.in_region(obj)

    def get_cancel_url(self):
        return detail_url(self.object.pk)


# -- reading ----------------------------------------------------------------------------------


class ReportList(ReportSection, StaffPage):
    template_name = "staff/reports/list.html"
    title = gettext_lazy("Sachstandsberichte")

    def get_breadcrumbs(self):
        return [home_crumb(), (_("Sachstandsberichte"), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reports = (
            StatusReport.objects.filter(region=self.region)
            .select_related("body", "meeting")
            .order_by("-date", "-pk")
        )
        page = Paginator(reports, PAGE_SIZE).get_page(self.request.GET.get("page"))
        context.update(page=page, reports=list(page.object_list))
        return context


class ReportDetail(ReportSection, ReportObject, ObjectMixin, StaffPage):
    template_name = "staff/reports/detail.html"

    def get_title(self):
        return str(self.object)

    def get_breadcrumbs(self):
        return list_crumbs() + [(str(self.object), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.object
        topics = dict(Topic.choices)
        context.update(
            report=report,
            sections=[
                {
                    "key": section.get("key", ""),
                    "title": section.get("title", ""),
                    "edited": section.get("text", "") != section.get("generated", ""),
                    "blocks": text_blocks(section.get("text", "")),
                }
                for section in report.sections or []
            ],
            topic_labels=[str(topics.get(key, key)) for key in report.topics or []],
            attachments=[line for line in report.attachments.splitlines() if line.strip()],
            generating=is_generating(report),
            exports=[
                (fmt, reverse("staff:report_export", args=[report.pk, fmt]))
                for fmt in ("pdf", "docx", "md")
            ],
            history=history(report),
        )
        return context


class ReportExport(ReportSection, ReportObject, ObjectMixin, View):
    """The report as a file: Markdown, DOCX or PDF, named by exports.filename."""

    def get(self, request, *args, **kwargs):
        fmt = self.kwargs["fmt"]
        report = self.object
        if fmt == "md":
            content = exports.as_markdown(report).encode()
        elif fmt == "docx":
            content = exports.as_docx(report)
        else:
            content = exports.as_pdf(report)
        response = HttpResponse(content, content_type=EXPORTS[fmt])
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=exports.filename(report, fmt)
        )
        response["Cache-Control"] = "private, no-store"
        return response


# -- writing ----------------------------------------------------------------------------------


class ReportCreate(CoordinationOnly, ReportSection, CreatePage):
    form_class = ReportCreateForm
    title = gettext_lazy("Neuer Sachstandsbericht")
    submit_label = gettext_lazy("Entwurf erstellen")
    success_message = gettext_lazy(
        "Der Entwurf wurde erstellt. Prüfen und bearbeiten Sie den Text vor dem Export."
    )

    def get_breadcrumbs(self):
        return list_crumbs() + [(self.title, None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["intro"] = _(
            "Die Plattform schreibt einen Entwurf in der Form einer Sitzungsvorlage aus dem, was "
            "im Berichtszeitraum geschehen ist. Der Entwurf bleibt intern, bis Sie ihn "
            "exportieren; Ihre Bearbeitungen bleiben beim Neu-Erzeugen erhalten."
        )
        return context

    def get_cancel_url(self):
        return list_url()

    def get_success_url(self, obj):
        return detail_url(obj.pk)

    def get_form(self, data=None):
        form = super().get_form(data)
        if data is None:
            bodies = form.fields["body"].queryset
            chosen = parse_id(self.request.GET.get("body"))
            body = (bodies.filter(pk=chosen).first() if chosen else None) or bodies.first()
            if body is not None:
                since, _previous = services.default_period(self.region, body)
                form.initial.update(body=body.pk, since=since)
        return form

    def save(self, form):
        data = form.cleaned_data
        since = data["since"]
        if since is None:
            since, _previous = services.default_period(
                self.region, data["body"], data["meeting_date"]
            )
            if since is None or since > data["until"]:
                raise ValidationError(
                    _(
                        "Für diesen Ausschuss gibt es keinen früheren Bericht: "
                        "bitte den Beginn des Berichtszeitraums angeben."
                    )
                )
        return services.create_report(
            self.region,
            body=data["body"],
            meeting_date=data["meeting_date"],
            since=since,
            until=data["until"],
            topics=data["topics"],
            reference=data["reference"],
            date=data["date"],
            user=self.request.user,
        )


class ReportEdit(CoordinationOnly, ReportSection, ReportObject, EditPage):
    form_class = ReportEditForm
    template_name = "staff/reports/edit.html"
    success_message = gettext_lazy("Der Sachstandsbericht wurde gespeichert.")
    show_history = False

    def get_title(self):
        return _("Sachstandsbericht bearbeiten: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return report_crumbs(self.object, (_("Bearbeiten"), None))

    def get_success_url(self, obj):
        return detail_url(obj.pk)

    def save(self, form):
        values = form.report_values()
        status = values.pop("status", self.object.status)
        with transaction.atomic():
            report = services.update_report(
                self.object,
                data=values,
                sections=form.section_texts(),
                expected_version=form.cleaned_data["version"],
                user=self.request.user,
            )
            if status != report.status:
                report = services.set_status(
                    report, status, user=self.request.user, expected_version=report.version
                )
        return report

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["generating"] = is_generating(self.object)
        return context


class ReportRegenerate(CoordinationOnly, ReportSection, ReportObject, ConfirmPage):
    """Confirm (GET) and queue (POST) a new generation; edited sections are kept unless the
    editor explicitly chooses to overwrite them."""

    template_name = "staff/reports/regenerate.html"
    submit_label = gettext_lazy("Neu erzeugen")

    def get_title(self):
        return _("Neu erzeugen: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return report_crumbs(self.object, (_("Neu erzeugen"), None))

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", RegenerateForm(initial={"version": self.object.version}))
        context = super().get_context_data(**kwargs)
        edited = set(services.edited_sections(self.object))
        context.update(
            edited=[s for s in self.object.sections or [] if s.get("key") in edited],
            generating=is_generating(self.object),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = RegenerateForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        report = self.object
        if form.cleaned_data["version"] != report.version:
            exc = EditConflict(report, form.cleaned_data["version"])
            fresh = RegenerateForm(
                initial={"version": report.version, "overwrite": form.cleaned_data["overwrite"]}
            )
            conflict = conflict_context(exc, str(self.conflict_subject), [], kept_input=False)
            context = self.get_context_data(form=fresh, conflict=conflict)
            return self.render_to_response(context, status=409)
        if not report.is_draft:
            messages.error(request, services.NOT_A_DRAFT)
            return redirect(detail_url(report.pk))
        services.request_generation(
            report,
            overwrite_edits=form.overwrite_edits(),
            confirmed_version=form.cleaned_data["version"],
            user=request.user,
        )
        messages.success(
            request,
            _("Der Bericht wird neu erzeugt. Der Fortschritt wird auf dieser Seite angezeigt."),
        )
        return redirect(detail_url(report.pk))


class ReportDelete(CoordinationOnly, ReportSection, ReportObject, ConfirmPage):
    danger = True
    submit_label = gettext_lazy("Endgültig löschen")

    def get_title(self):
        return _("Löschen: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return report_crumbs(self.object, (_("Löschen"), None))

    def get_success_url(self):
        return list_url()

    def refused(self):
        denial = rules.delete_denial(self.access, self.object)
        if denial:
            messages.error(self.request, denial)
            return redirect(detail_url(self.object.pk))
        return None

    def get(self, request, *args, **kwargs):
        return self.refused() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.refused() or super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", VersionForm(initial={"version": self.object.version}))
        context = super().get_context_data(**kwargs)
        context["question"] = _("Wollen Sie den Entwurf „%(obj)s“ wirklich löschen?") % {
            "obj": self.object
        }
        return context

    def perform(self, form) -> str:
        report = self.object
        services.delete_report(
            report, self.request.user, expected_version=form.cleaned_data["version"]
        )
        return _("„%(obj)s“ wurde gelöscht.") % {"obj": report}
