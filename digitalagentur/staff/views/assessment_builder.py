"""The questionnaire builder of the staff area (issue 9 §1): questionnaires with their
sections, criteria and questions, built in the browser without code. This module holds what
the builder's pages share (addresses, breadcrumbs, the newest-revision rule, the base create,
edit and delete pages); the questionnaire pages are in assessment_questionnaires.py, the pages
of sections, criteria and questions in assessment_questionnaire_parts.py.

Every role of the region reads these pages; only the coordination writes
(assessment.rules.manage_denial). Every write goes through assessment.questionnaires, which
never changes a questionnaire revision that has answers: it copies it into a new revision
first (`writable`). When that happened, the page says so and continues on the new revision.
Earlier revisions stay readable (and read-only). Objects are looked up in the request's region
only (404 otherwise).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.assessment import questionnaires as domain
from digitalagentur.assessment.models import Questionnaire
from digitalagentur.core.services import EditConflict

from .assessment_access import CoordinationOnly
from .base import DeletePage
from .projects import home_crumb

ANSWERS_NOTICE = gettext_lazy(
    "Dieser Fragebogen hat bereits Antworten. Änderungen legen eine neue Fassung an; "
    "bestehende Antworten bleiben bei der Fassung, die beantwortet wurde."
)
TEMPLATES = "staff/assessment/builder/"

# Form fields of the question form that hold a model field's errors from the domain.
ERROR_FIELDS = {"options": "options_text", "scale_labels": "scale_label_1"}


def list_url() -> str:
    return reverse("staff:questionnaire_list")


def detail_url(questionnaire_id: int, anchor: str = "") -> str:
    return reverse("staff:questionnaire_detail", args=[questionnaire_id]) + anchor


def list_crumbs():
    return [home_crumb(), (_("Fragebögen"), list_url())]


def questionnaire_crumbs(questionnaire, *tail):
    return list_crumbs() + [(str(questionnaire), detail_url(questionnaire.pk)), *tail]


def questionnaire_of(obj) -> Questionnaire:
    return obj if isinstance(obj, Questionnaire) else obj.questionnaire


def is_newest(questionnaire: Questionnaire) -> bool:
    """No newer revision exists (one query)."""
    return not Questionnaire.objects.filter(predecessor_id=questionnaire.pk).exists()


def revision_message(before: Questionnaire, after: Questionnaire) -> str:
    return _(
        "Fassung %(old)s hat bereits Antworten; die Änderung steht deshalb in der neuen "
        "Fassung %(new)s. Die bestehenden Antworten bleiben bei Fassung %(old)s."
    ) % {"old": before.revision, "new": after.revision}


class InUse(Exception):
    """Refused by the domain (ValidationError); `message` says why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# -- shared behaviour ----------------------------------------------------------------------------


class AssessmentSection:
    """Marks the "Bedarfsanalyse" entry of the staff navigation as current."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["section"] = "assessment"
        return context


class NewestOnly:
    """Writes start from the newest revision; older revisions are read-only."""

    def target_questionnaire(self) -> Questionnaire:
        return questionnaire_of(self.object)

    def stale(self):
        questionnaire = self.target_questionnaire()
        if is_newest(questionnaire):
            return None
        messages.error(
            self.request,
            _("Fassung %(n)s ist nicht die neueste und kann nicht mehr geändert werden.")
            % {"n": questionnaire.revision},
        )
        return redirect(detail_url(domain.newest_revision(questionnaire).pk))

    def get(self, request, *args, **kwargs):
        return self.stale() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.stale() or super().post(request, *args, **kwargs)


class BuilderForm(AssessmentSection, CoordinationOnly):
    """Create and edit forms of the builder: domain errors go to their form fields; a write
    that made a new revision says so and continues there."""

    template_name = TEMPLATES + "form.html"

    def base_questionnaire(self) -> Questionnaire:
        raise NotImplementedError

    def write(self, form):
        raise NotImplementedError

    def save(self, form):
        before = self.base_questionnaire()
        obj = self.write(form)
        after = questionnaire_of(obj)
        if after.pk != before.pk:
            messages.info(self.request, revision_message(before, after))
        return obj

    def get_success_url(self, obj) -> str:
        return detail_url(questionnaire_of(obj).pk, self.anchor(obj))

    def anchor(self, obj) -> str:
        return ""

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            obj = self.save(form)
        except EditConflict as exc:
            return self.conflict_response(form, exc)
        except ObjectDoesNotExist:
            messages.error(request, _("Das Objekt wurde inzwischen gelöscht."))
            return redirect(self.get_cancel_url())
        except ValidationError as exc:
            self.add_errors(form, exc)
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(request, self.success_message)
        return redirect(self.get_success_url(obj))

    @staticmethod
    def add_errors(form, exc: ValidationError) -> None:
        if not hasattr(exc, "error_dict"):
            form.add_error(None, exc.messages)
            return
        for name, errors in exc.message_dict.items():
            target = ERROR_FIELDS.get(name, name)
            form.add_error(target if target in form.fields else None, errors)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        questionnaire = self.base_questionnaire()
        context["questionnaire"] = questionnaire
        if domain.has_answers(questionnaire):
            context["answers_notice"] = ANSWERS_NOTICE
        return context


class BuilderDelete(AssessmentSection, CoordinationOnly, NewestOnly, DeletePage):
    """Delete with confirmation; the domain's refusals are shown, never a 500."""

    template_name = TEMPLATES + "delete.html"

    def remove(self, form) -> Questionnaire | None:
        raise NotImplementedError

    def usage(self) -> str:
        return ""

    def get_cancel_url(self) -> str:
        return detail_url(questionnaire_of(self.object).pk)

    def get_success_url(self) -> str:
        changed = getattr(self, "changed", None)
        return detail_url(changed.pk) if changed is not None else self.get_cancel_url()

    def get_breadcrumbs(self):
        return questionnaire_crumbs(questionnaire_of(self.object), (self.get_title(), None))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["notice"] = self.usage()
        questionnaire = questionnaire_of(self.object)
        if not context["notice"] and domain.has_answers(questionnaire):
            context["answers_notice"] = ANSWERS_NOTICE
        return context

    def perform(self, form) -> str:
        usage = self.usage()
        if usage:
            raise InUse(usage)
        before = questionnaire_of(self.object)
        name = str(self.object)
        try:
            self.changed = self.remove(form)
        except ValidationError as exc:
            raise InUse(" ".join(exc.messages)) from exc
        if self.changed is not None and self.changed.pk != before.pk:
            messages.info(self.request, revision_message(before, self.changed))
        return _("„%(obj)s“ wurde gelöscht.") % {"obj": name}

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except InUse as exc:
            messages.error(request, exc.message)
            return redirect(self.get_cancel_url())
