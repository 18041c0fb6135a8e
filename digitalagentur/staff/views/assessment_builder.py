"""The questionnaire builder of the staff area (issue 9 §1): questionnaires with their
sections, criteria and questions, built in the browser without code.

Every role of the region reads these pages; only the coordination writes
(assessment.rules.manage_denial). Every write goes through assessment.questionnaires, which
never changes a questionnaire revision that has answers: it copies it into a new revision
first (`writable`). When that happened, the page says so and continues on the new revision.
Earlier revisions stay readable (and read-only). Objects are looked up in the request's region
only (404 otherwise).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db.models import Count, Prefetch
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.assessment import questionnaire_parts as parts
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
from digitalagentur.core.services import EditConflict
from digitalagentur.strategy.models import Field

from ..forms_assessment import (
    CopyForm,
    CriterionForm,
    MoveForm,
    QuestionForm,
    QuestionnaireForm,
    SectionForm,
)
from .assessment_access import CoordinationOnly
from .base import CreatePage, DeletePage, EditPage, ObjectRedirect, StaffPage
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


def example_field(region):
    """A field of action of the region for the preview of per-field questionnaires."""
    return (
        Field.objects.filter(region=region)
        .order_by("priority_group__number", "position", "pk")
        .first()
    )


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
