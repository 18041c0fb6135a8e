"""The questionnaire pages of the builder (issue 9 §1): the list of questionnaires, a
questionnaire's builder page with its sections, criteria and revisions, the preview as
respondents see it, and create, edit, delete and copy of a questionnaire. What the builder's
pages share is in assessment_builder.py; sections, criteria and questions are in
assessment_questionnaire_parts.py.

Every role of the region reads these pages; only the coordination writes
(assessment.rules.manage_denial). Writes go through assessment.questionnaires.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.assessment import questionnaires as domain
from digitalagentur.assessment.forms import AnswerForm
from digitalagentur.assessment.models import (
    Criterion,
    Dimension,
    Question,
    QuestionKind,
    Questionnaire,
    Round,
    Section,
    Survey,
)
from digitalagentur.assessment.rules import manage_denial
from digitalagentur.strategy.models import Field

from ..forms_assessment import CopyForm, QuestionnaireForm
from .assessment_access import CoordinationOnly
from .assessment_builder import (
    ANSWERS_NOTICE,
    TEMPLATES,
    AssessmentSection,
    BuilderDelete,
    BuilderForm,
    NewestOnly,
    detail_url,
    list_crumbs,
    list_url,
    questionnaire_crumbs,
)
from .base import CreatePage, EditPage, StaffPage
from .projects import home_crumb


def example_field(region):
    """A field of action of the region for the preview of per-field questionnaires."""
    return (
        Field.objects.filter(region=region)
        .order_by("priority_group__number", "position", "pk")
        .first()
    )


# -- reading pages -------------------------------------------------------------------------------


class QuestionnaireList(AssessmentSection, StaffPage):
    template_name = TEMPLATES + "list.html"
    title = gettext_lazy("Fragebögen")

    def get_breadcrumbs(self):
        return [home_crumb(), (_("Fragebögen"), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = (
            domain.latest_revisions(self.region)
            .annotate(
                question_count=Count("questions", distinct=True),
                criterion_count=Count("criteria", distinct=True),
            )
            .prefetch_related(
                Prefetch("rounds", queryset=Round.objects.order_by("-deadline", "pk")),
                Prefetch("surveys", queryset=Survey.objects.order_by("-opens_at", "pk")),
            )
        )
        context.update(
            questionnaires=list(rows),
            can_manage=manage_denial(self.access) is None,
        )
        return context


class QuestionnaireMixin:
    def get_queryset(self):
        return Questionnaire.objects.filter(region=self.region)


class QuestionnaireDetail(AssessmentSection, QuestionnaireMixin, StaffPage):
    """The builder page: sections with their questions, criteria per dimension, revisions.
    An older revision is shown read-only."""

    template_name = TEMPLATES + "detail.html"

    def prepare(self):
        self.object = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        super().prepare()

    def get_title(self):
        return str(self.object)

    def get_breadcrumbs(self):
        return list_crumbs() + [(str(self.object), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        questionnaire = self.object
        sections = list(
            Section.objects.filter(questionnaire=questionnaire).prefetch_related(
                Prefetch(
                    "questions",
                    queryset=Question.objects.select_related("criterion").order_by(
                        "position", "pk"
                    ),
                )
            )
        )
        criteria = list(
            Criterion.objects.filter(questionnaire=questionnaire)
            .annotate(question_count=Count("questions"))
            .order_by("position", "pk")
        )
        dimensions = [
            (value, label, [c for c in criteria if c.dimension == value])
            for value, label in Dimension.choices
        ]
        revisions = list(
            Questionnaire.objects.filter(region=self.region, slug=questionnaire.slug).order_by(
                "-revision"
            )
        )
        newest = revisions[0] if revisions else questionnaire
        answered = domain.has_answers(questionnaire)
        can_manage = manage_denial(self.access) is None
        context.update(
            questionnaire=questionnaire,
            sections=sections,
            dimensions=dimensions,
            criteria_count=len(criteria),
            question_count=sum(len(s.questions.all()) for s in sections),
            revisions=revisions,
            newest=newest,
            is_newest=newest.pk == questionnaire.pk,
            has_answers=answered,
            answers_notice=ANSWERS_NOTICE if answered else "",
            rounds=list(questionnaire.rounds.order_by("-deadline", "pk")),
            surveys=list(questionnaire.surveys.order_by("-opens_at", "pk")),
            can_edit=can_manage and newest.pk == questionnaire.pk,
            can_manage=can_manage,
            scale_kind=QuestionKind.SCALE,
            choice_kinds=(QuestionKind.SINGLE, QuestionKind.MULTIPLE),
            number_kind=QuestionKind.NUMBER,
        )
        return context


class QuestionnairePreview(AssessmentSection, QuestionnaireMixin, StaffPage):
    """The questionnaire as respondents see it, every input disabled."""

    template_name = TEMPLATES + "preview.html"

    def prepare(self):
        self.object = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        super().prepare()

    def get_title(self):
        return _("Vorschau: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return questionnaire_crumbs(self.object, (_("Vorschau"), None))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        questionnaire = self.object
        field = example_field(self.region) if questionnaire.per_field else None
        # Without a field of action AnswerForm shows a per-field questionnaire once.
        fields = [field] if field is not None else None
        form = AnswerForm(questionnaire=questionnaire, fields=fields)
        for form_field in form.fields.values():
            form_field.disabled = True
        context.update(
            questionnaire=questionnaire,
            form=form,
            layout=form.layout(),
            example_field=field,
            missing_field=questionnaire.per_field and field is None,
        )
        return context


# -- questionnaires ------------------------------------------------------------------------------


class QuestionnaireCreate(BuilderForm, CreatePage):
    form_class = QuestionnaireForm
    title = gettext_lazy("Neuer Fragebogen")
    success_message = gettext_lazy("Der Fragebogen wurde angelegt.")

    def base_questionnaire(self):
        return None

    def get_breadcrumbs(self):
        return list_crumbs() + [(self.title, None)]

    def get_cancel_url(self):
        return list_url()

    def save(self, form):
        return self.write(form)

    def write(self, form):
        return domain.create_questionnaire(self.region, form.model_values(), user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super(BuilderForm, self).get_context_data(**kwargs)
        context["intro"] = _(
            "Legen Sie zuerst den Fragebogen an; Abschnitte, Kriterien und Fragen fügen Sie "
            "danach auf seiner Seite hinzu."
        )
        return context


class QuestionnaireEdit(QuestionnaireMixin, NewestOnly, BuilderForm, EditPage):
    form_class = QuestionnaireForm
    conflict_subject = gettext_lazy("Dieser Fragebogen")
    success_message = gettext_lazy("Der Fragebogen wurde gespeichert.")

    def base_questionnaire(self):
        return self.object

    def get_form(self, data=None):
        form = super().get_form(data)
        form.fields.pop("kind", None)  # the kind of a questionnaire stays
        return form

    def get_title(self):
        return _("Fragebogen bearbeiten: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return questionnaire_crumbs(self.object, (_("Bearbeiten"), None))

    def get_cancel_url(self):
        return detail_url(self.object.pk)

    def write(self, form):
        return domain.update_questionnaire(
            self.object,
            form.model_values(),
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )


class QuestionnaireDelete(QuestionnaireMixin, BuilderDelete):
    conflict_subject = gettext_lazy("Dieser Fragebogen")

    def usage(self) -> str:
        denial = domain.delete_denial(self.object)
        if not denial:
            return ""
        users = [_("Runde „%(t)s“") % {"t": r.title} for r in self.object.rounds.all()]
        users += [_("Umfrage „%(t)s“") % {"t": s.title} for s in self.object.surveys.all()]
        if users:
            return _("%(denial)s Verwendet in: %(users)s.") % {
                "denial": denial,
                "users": ", ".join(users),
            }
        return denial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.pop("answers_notice", None)
        return context

    def get_success_url(self) -> str:
        return list_url()

    def remove(self, form):
        domain.delete_questionnaire(
            self.object,
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )
        return None


class QuestionnaireCopy(AssessmentSection, CoordinationOnly, QuestionnaireMixin, StaffPage):
    """A new questionnaire (revision 1) with copies of this one's sections, criteria and
    questions, e.g. for the next assessment or another survey."""

    template_name = TEMPLATES + "copy.html"

    def prepare(self):
        self.object = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        super().prepare()

    def get_title(self):
        return _("Als Vorlage verwenden: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return questionnaire_crumbs(self.object, (_("Als Vorlage verwenden"), None))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault(
            "form",
            CopyForm(initial={"title": _("Kopie von %(t)s") % {"t": self.object.title}}),
        )
        context.update(questionnaire=self.object, cancel_url=detail_url(self.object.pk))
        return context

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        form = CopyForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            new = domain.copy_questionnaire(
                self.object, title=form.cleaned_data["title"], user=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(
            request,
            _("Der Fragebogen „%(new)s“ wurde als Kopie von „%(old)s“ angelegt.")
            % {"new": new.title, "old": self.object},
        )
        return redirect(detail_url(new.pk))
