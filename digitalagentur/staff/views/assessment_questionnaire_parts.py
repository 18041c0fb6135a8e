"""The parts of a questionnaire in the builder (issue 9 §1): create, edit, delete and move
its sections, criteria and questions, and their own addresses (change-log links). What the
builder's pages share is in assessment_builder.py; the questionnaire pages are in
assessment_questionnaires.py.

Only the coordination writes (assessment.rules.manage_denial); the own addresses are readable
by every role of the region. Writes go through assessment.questionnaire_parts; a write on an
answered revision continues on the new revision it made.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.assessment import questionnaire_parts as parts
from digitalagentur.assessment.models import Criterion, Dimension, Question, Questionnaire, Section

from ..forms_assessment import CriterionForm, MoveForm, QuestionForm, SectionForm
from .assessment_access import CoordinationOnly
from .assessment_builder import (
    TEMPLATES,
    AssessmentSection,
    BuilderDelete,
    BuilderForm,
    NewestOnly,
    detail_url,
    questionnaire_crumbs,
    revision_message,
)
from .base import CreatePage, EditPage, ObjectRedirect, StaffPage

# -- sections ------------------------------------------------------------------------------------


class SectionMixin:
    form_class = SectionForm
    conflict_subject = gettext_lazy("Dieser Abschnitt")

    def get_queryset(self):
        return Section.objects.filter(region=self.region).select_related("questionnaire")

    def anchor(self, obj):
        return f"#abschnitt-{obj.pk}"


class ParentQuestionnaire:
    """Create pages under a questionnaire (pk in the URL)."""

    def prepare(self):
        self.questionnaire = get_object_or_404(
            Questionnaire.objects.filter(region=self.region), pk=self.kwargs["pk"]
        )
        super().prepare()

    def base_questionnaire(self):
        return self.questionnaire

    def target_questionnaire(self):
        return self.questionnaire

    def get_cancel_url(self):
        return detail_url(self.questionnaire.pk)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "questionnaire": self.questionnaire}

    def get_breadcrumbs(self):
        return questionnaire_crumbs(self.questionnaire, (self.get_title(), None))


class ChildEdit:
    """Edit pages of a section, criterion or question."""

    def base_questionnaire(self):
        return self.object.questionnaire

    def get_cancel_url(self):
        return detail_url(self.object.questionnaire_id, self.anchor(self.object))

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "questionnaire": self.object.questionnaire}

    def get_breadcrumbs(self):
        return questionnaire_crumbs(self.object.questionnaire, (self.get_title(), None))


class SectionCreate(SectionMixin, ParentQuestionnaire, NewestOnly, BuilderForm, CreatePage):
    title = gettext_lazy("Neuer Abschnitt")
    success_message = gettext_lazy("Der Abschnitt wurde angelegt.")

    def write(self, form):
        return parts.create_section(self.questionnaire, form.model_values(), user=self.request.user)


class SectionEdit(SectionMixin, ChildEdit, NewestOnly, BuilderForm, EditPage):
    success_message = gettext_lazy("Der Abschnitt wurde gespeichert.")

    def get_title(self):
        return _("Abschnitt bearbeiten: %(obj)s") % {"obj": self.object}

    def write(self, form):
        return parts.update_section(
            self.object,
            form.model_values(),
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )


class SectionDelete(SectionMixin, BuilderDelete):
    question = gettext_lazy("Wollen Sie den Abschnitt „{obj}“ mit allen seinen Fragen löschen?")

    def remove(self, form):
        return parts.delete_section(
            self.object,
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )


# -- criteria ------------------------------------------------------------------------------------


class CriterionMixin:
    form_class = CriterionForm
    conflict_subject = gettext_lazy("Dieses Kriterium")

    def get_queryset(self):
        return Criterion.objects.filter(region=self.region).select_related("questionnaire")

    def anchor(self, obj):
        return f"#kriterium-{obj.pk}"


class CriterionCreate(CriterionMixin, ParentQuestionnaire, NewestOnly, BuilderForm, CreatePage):
    title = gettext_lazy("Neues Kriterium")
    success_message = gettext_lazy("Das Kriterium wurde angelegt.")

    def get_form(self, data=None):
        form = super().get_form(data)
        dimension = self.request.GET.get("dimension")
        if data is None and dimension in Dimension.values:
            form.fields["dimension"].initial = dimension
        return form

    def write(self, form):
        return parts.create_criterion(
            self.questionnaire, form.model_values(), user=self.request.user
        )


class CriterionEdit(CriterionMixin, ChildEdit, NewestOnly, BuilderForm, EditPage):
    success_message = gettext_lazy("Das Kriterium wurde gespeichert.")

    def get_title(self):
        return _("Kriterium bearbeiten: %(obj)s") % {"obj": self.object}

    def write(self, form):
        return parts.update_criterion(
            self.object,
            form.model_values(),
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )


class CriterionDelete(CriterionMixin, BuilderDelete):
    question = gettext_lazy(
        "Wollen Sie das Kriterium „{obj}“ löschen? Seine Fragen bleiben, gehören danach aber "
        "zu keinem Kriterium mehr."
    )

    def remove(self, form):
        return parts.delete_criterion(
            self.object,
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )


# -- questions -----------------------------------------------------------------------------------


class QuestionMixin:
    form_class = QuestionForm
    conflict_subject = gettext_lazy("Diese Frage")
    template_name = TEMPLATES + "question_form.html"

    def get_queryset(self):
        return Question.objects.filter(region=self.region).select_related(
            "questionnaire", "section", "criterion"
        )

    def anchor(self, obj):
        return f"#frage-{obj.pk}"


class QuestionCreate(QuestionMixin, ParentQuestionnaire, NewestOnly, BuilderForm, CreatePage):
    title = gettext_lazy("Neue Frage")
    success_message = gettext_lazy("Die Frage wurde angelegt.")

    def get(self, request, *args, **kwargs):
        if not self.questionnaire.sections.exists():
            messages.error(request, _("Legen Sie zuerst einen Abschnitt an."))
            return redirect(detail_url(self.questionnaire.pk))
        return super().get(request, *args, **kwargs)

    def get_form(self, data=None):
        form = super().get_form(data)
        section = self.request.GET.get("abschnitt")
        if data is None and section and section.isdigit():
            form.fields["section"].initial = int(section)
        return form

    def write(self, form):
        values = form.model_values()
        section = values.pop("section")
        return parts.create_question(section, values, user=self.request.user)


class QuestionEdit(QuestionMixin, ChildEdit, NewestOnly, BuilderForm, EditPage):
    success_message = gettext_lazy("Die Frage wurde gespeichert.")

    def get_title(self):
        return _("Frage bearbeiten: %(obj)s") % {"obj": self.object}

    def write(self, form):
        return parts.update_question(
            self.object,
            form.model_values(),
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )


class QuestionDelete(QuestionMixin, BuilderDelete):
    question = gettext_lazy("Wollen Sie die Frage „{obj}“ löschen?")
    template_name = TEMPLATES + "delete.html"

    def remove(self, form):
        return parts.delete_question(
            self.object,
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )


# -- order ---------------------------------------------------------------------------------------


class MoveView(AssessmentSection, CoordinationOnly, NewestOnly, StaffPage):
    """POST: move a section, criterion or question one place up or down."""

    model = None
    anchor_prefix = ""

    def prepare(self):
        self.object = get_object_or_404(
            self.model.objects.filter(region=self.region).select_related("questionnaire"),
            pk=self.kwargs["pk"],
        )
        if not self.has_permission(self.object):
            raise PermissionDenied
        super().prepare()

    def get(self, request, *args, **kwargs):
        return HttpResponseNotAllowed(["POST"])

    def post(self, request, *args, **kwargs):
        stale = self.stale()
        if stale:
            return stale
        form = MoveForm(request.POST)
        before = self.object.questionnaire
        if not form.is_valid():
            messages.error(request, _("Unbekannte Richtung."))
            return redirect(detail_url(before.pk))
        try:
            moved = parts.move(self.object, form.cleaned_data["direction"], user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(detail_url(before.pk))
        after = moved.questionnaire
        if after.pk != before.pk:
            messages.info(request, revision_message(before, after))
        return redirect(detail_url(after.pk, f"#{self.anchor_prefix}-{moved.pk}"))


class SectionMove(MoveView):
    model = Section
    anchor_prefix = "abschnitt"


class CriterionMove(MoveView):
    model = Criterion
    anchor_prefix = "kriterium"


class QuestionMove(MoveView):
    model = Question
    anchor_prefix = "frage"


# -- own addresses (change-log links) ------------------------------------------------------------


class SectionRedirect(ObjectRedirect):
    """A section's own address: its questionnaire's builder page, at the section (readable
    by every role of the region, unlike the edit page)."""

    model = Section

    def target(self, obj) -> str:
        return detail_url(obj.questionnaire_id, f"#abschnitt-{obj.pk}")


class CriterionRedirect(ObjectRedirect):
    """A criterion's own address: the builder page, at the criterion."""

    model = Criterion

    def target(self, obj) -> str:
        return detail_url(obj.questionnaire_id, f"#kriterium-{obj.pk}")


class QuestionRedirect(ObjectRedirect):
    """A question's own address: the builder page, at the question."""

    model = Question

    def target(self, obj) -> str:
        return detail_url(obj.questionnaire_id, f"#frage-{obj.pk}")
