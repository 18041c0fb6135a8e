"""Citizen surveys in the staff area (issue 9, section 6): the list with answer counts and
open/closed state, create, edit, delete (with how many answers go with it), the results with
charts and the raw answers as CSV and Excel.

Every role of the region reads; the coordination writes (assessment.rules.manage_denial).
Surveys are looked up in the request's region only (404 otherwise). Writes go through
assessment.surveys (core.services: version check, change log).
"""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View

from digitalagentur.assessment import survey_exports, survey_results, surveys
from digitalagentur.assessment.models import Survey
from digitalagentur.assessment.rules import manage_denial

from ..forms_surveys import SurveyForm
from ..mixins import ObjectMixin
from .assessment_access import CoordinationOnly
from .base import CreatePage, DeletePage, EditPage, StaffPage
from .funding_forms import GroupedFormPage
from .projects import home_crumb


def list_url() -> str:
    return reverse("staff:survey_list")


def list_crumbs(*tail):
    return [home_crumb(), (_("Umfragen"), list_url()), *tail]


class SurveySection:
    """Marks the surveys entry of the staff navigation as current; loads surveys.css."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["section"] = "surveys"
        context["may_manage"] = manage_denial(self.access) is None
        return context


class SurveyList(SurveySection, StaffPage):
    template_name = "staff/surveys/list.html"
    title = gettext_lazy("Umfragen")

    def get_breadcrumbs(self):
        return [home_crumb(), (_("Umfragen"), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        rows = []
        queryset = survey_results.with_counts(
            Survey.objects.filter(region=self.region).select_related("questionnaire")
        ).order_by("-opens_at", "pk")
        for survey in queryset:
            rows.append(
                {
                    "survey": survey,
                    "state": surveys.state(survey, now),
                    "opens": surveys.moment_text(survey.opens_at),
                    "closes": surveys.moment_text(survey.closes_at),
                }
            )
        context["rows"] = rows
        return context


class SurveyMixin(CoordinationOnly):
    form_class = SurveyForm
    conflict_subject = gettext_lazy("Diese Umfrage")

    def get_queryset(self):
        return Survey.objects.filter(region=self.region).select_related("questionnaire")

    def get_cancel_url(self):
        return list_url()


class SurveyCreate(SurveyMixin, GroupedFormPage, SurveySection, CreatePage):
    title = gettext_lazy("Neue Umfrage")
    success_message = gettext_lazy("Die Umfrage wurde angelegt.")

    def get_breadcrumbs(self):
        return list_crumbs((self.title, None))

    def save(self, form):
        survey = Survey(region=self.region, **form.model_values())
        return surveys.create_survey(
            survey, user=self.request.user, reason=form.cleaned_data["reason"]
        )

    def get_success_url(self, obj):
        return reverse("staff:survey_results", args=[obj.pk])


class SurveyEdit(SurveyMixin, GroupedFormPage, SurveySection, EditPage):
    success_message = gettext_lazy("Die Umfrage wurde gespeichert.")

    def get_title(self):
        return _("Umfrage bearbeiten: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return list_crumbs((self.get_title(), None))

    def save(self, form):
        return surveys.update_survey(
            self.object,
            form.model_values(),
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )


class SurveyDelete(SurveyMixin, SurveySection, DeletePage):
    """Deleting a survey deletes its answers too; the page says how many."""

    def get_breadcrumbs(self):
        return list_crumbs((self.get_title(), None))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        count = self.object.submissions.count()
        if count:
            context["notice"] = ngettext(
                "Mit der Umfrage wird %(count)s Antwort endgültig gelöscht.",
                "Mit der Umfrage werden %(count)s Antworten endgültig gelöscht.",
                count,
            ) % {"count": count}
        else:
            context["notice"] = _("Die Umfrage hat noch keine Antworten.")
        return context

    def perform(self, form) -> str:
        count = self.object.submissions.count()
        surveys.delete_survey(
            self.object,
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )
        return ngettext(
            "„%(obj)s“ wurde mit %(count)s Antwort gelöscht.",
            "„%(obj)s“ wurde mit %(count)s Antworten gelöscht.",
            count,
        ) % {"obj": self.object, "count": count}


class SurveyResults(SurveySection, ObjectMixin, StaffPage):
    template_name = "staff/surveys/results.html"

    def get_queryset(self):
        return Survey.objects.filter(region=self.region).select_related("questionnaire")

    def has_permission(self, obj) -> bool:
        return True

    def get_title(self):
        return _("Ergebnisse: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return list_crumbs((self.get_title(), None))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        survey = self.object
        context.update(
            survey=survey,
            results=survey_results.paginate_texts(
                survey_results.results(survey), self.request.GET.get("page")
            ),
            state=surveys.state(survey),
            opens=surveys.moment_text(survey.opens_at),
            closes=surveys.moment_text(survey.closes_at),
        )
        return context


class SurveyExport(ObjectMixin, View):
    """GET …/antworten.csv|xlsx: the raw answers (staff only, every role of the region)."""

    def get_queryset(self):
        return Survey.objects.filter(region=self.region)

    def has_permission(self, obj) -> bool:
        return True

    def get(self, request, *args, fmt, **kwargs):
        content, content_type, name = survey_exports.export_file(self.object, fmt)
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
