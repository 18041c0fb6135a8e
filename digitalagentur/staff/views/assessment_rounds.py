"""Assessment rounds in the staff area (issue 9 §2, §3a): the list of rounds, their forms
(create, edit, delete, publish the results), a round's page with every town's status and the
reminders. The results with overrides and applying the priority groups to the strategy are in
assessment_round_results.py, the towns' answering page in assessment_answer.py.

Every role of the region reads these pages; rounds and reminders are the coordination's
(assessment.rules.manage_denial). Writes go through assessment/rounds.py.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.assessment import responses as response_services
from digitalagentur.assessment import rounds as round_services
from digitalagentur.assessment.models import ResponseStatus, Round, RoundReminder
from digitalagentur.assessment.rules import manage_denial
from digitalagentur.funding.deadlines import deadline_text

from ..changes import history
from ..forms_rounds import RoundForm
from ..mixins import StaffMixin
from .assessment_access import CoordinationOnly
from .base import CreatePage, DeletePage, EditPage, PublishPage, StaffPage
from .projects import home_crumb


def assessment_crumb():
    return (_("Bedarfsanalyse"), reverse("staff:questionnaire_list"))


def round_crumbs(*tail):
    return [
        home_crumb(),
        assessment_crumb(),
        (_("Bewertungsrunden"), reverse("staff:round_list")),
        *tail,
    ]


def is_open(round) -> bool:
    return response_services.is_open(round)


class RoundSection:
    """Marks the assessment entry of the staff navigation as current."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["section"] = "assessment"
        return context


class RoundMixin(StaffMixin):
    """Looks the round up by its slug in the request's region (404 otherwise)."""

    manage_only = False

    def prepare(self) -> None:
        self.object = self.round = get_object_or_404(
            Round.objects.filter(region=self.region).select_related("questionnaire"),
            slug=self.kwargs["slug"],
        )
        if self.manage_only and manage_denial(self.access):
            raise PermissionDenied(manage_denial(self.access))
        # Not ObjectMixin.prepare (it looks objects up by pk): the round is found by slug.
        StaffMixin.prepare(self)

    def has_permission(self, obj) -> bool:
        return not self.manage_only or manage_denial(self.access) is None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["round"] = self.round
        context["can_manage"] = manage_denial(self.access) is None
        context["is_open"] = is_open(self.round)
        context["deadline_text"] = deadline_text(self.round.deadline)
        return context


# -- list and forms ---------------------------------------------------------------------------


class RoundList(RoundSection, StaffPage):
    template_name = "staff/assessment/rounds/list.html"
    title = gettext_lazy("Bewertungsrunden")

    def get_breadcrumbs(self):
        return [home_crumb(), assessment_crumb(), (_("Bewertungsrunden"), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rounds = response_services.with_counts(
            Round.objects.filter(region=self.region).select_related("questionnaire")
        )
        own = self.access.officer_town_ids
        if own:
            rounds = rounds.prefetch_related("municipalities")
        now = timezone.now()
        rows = [
            {
                "round": r,
                "deadline": deadline_text(r.deadline),
                "open": r.deadline > now,
                # The officer's own participating towns: links to their answering pages.
                "own_towns": [m for m in r.municipalities.all() if m.pk in own] if own else [],
            }
            for r in rounds
        ]
        context.update(rows=rows, can_manage=manage_denial(self.access) is None)
        return context


class RoundCreate(RoundSection, CoordinationOnly, CreatePage):
    form_class = RoundForm
    template_name = "staff/assessment/rounds/form.html"
    title = gettext_lazy("Neue Bewertungsrunde")
    success_message = gettext_lazy("Die Bewertungsrunde ist angelegt.")

    def get_breadcrumbs(self):
        return round_crumbs((_("Neu"), None))

    def get_cancel_url(self):
        return reverse("staff:round_list")

    def get_success_url(self, obj):
        return reverse("staff:round_detail", args=[obj.slug])

    def save(self, form):
        return round_services.create_round(
            self.region,
            form.model_values(),
            municipalities=form.m2m_values()["municipalities"],
            fields=form.m2m_values()["fields"],
            user=self.request.user,
        )


class RoundEdit(RoundSection, RoundMixin, EditPage):
    form_class = RoundForm
    template_name = "staff/assessment/rounds/form.html"
    manage_only = True
    conflict_subject = gettext_lazy("Diese Bewertungsrunde")

    def get_title(self):
        return _("Bearbeiten: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return round_crumbs(
            (str(self.object), reverse("staff:round_detail", args=[self.object.slug])),
            (_("Bearbeiten"), None),
        )

    def get_cancel_url(self):
        return reverse("staff:round_detail", args=[self.object.slug])

    def get_success_url(self, obj):
        return reverse("staff:round_detail", args=[obj.slug])

    def save(self, form):
        return round_services.update_round(
            self.object,
            form.model_values(),
            municipalities=form.m2m_values()["municipalities"],
            fields=form.m2m_values()["fields"],
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )


class RoundDelete(RoundSection, RoundMixin, DeletePage):
    manage_only = True
    conflict_subject = gettext_lazy("Diese Bewertungsrunde")

    def get_cancel_url(self):
        return reverse("staff:round_detail", args=[self.object.slug])

    def get_success_url(self):
        return reverse("staff:round_list")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        submitted = self.object.responses.filter(status=ResponseStatus.SUBMITTED).count()
        drafts = self.object.responses.exclude(status=ResponseStatus.SUBMITTED).count()
        if submitted:
            context["notice"] = _(
                "%(count)s Kommunen haben in dieser Runde schon eingereicht; eine Runde mit "
                "eingereichten Antworten kann nicht gelöscht werden."
            ) % {"count": submitted}
        elif drafts:
            context["notice"] = _(
                "Mit der Runde werden auch die Entwürfe von %(count)s Kommunen gelöscht."
            ) % {"count": drafts}
        return context

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect(self.get_cancel_url())

    def perform(self, form):
        round_services.delete_round(
            self.object,
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )
        return _("„%(obj)s“ wurde gelöscht.") % {"obj": self.object}


class RoundPublish(RoundSection, RoundMixin, PublishPage):
    """Publish (or withdraw) the round's results on the public website (confirmation)."""

    manage_only = True
    conflict_subject = gettext_lazy("Diese Bewertungsrunde")

    def get_breadcrumbs(self):
        return round_crumbs(
            (str(self.object), reverse("staff:round_detail", args=[self.object.slug])),
            (self.get_title(), None),
        )

    def get_cancel_url(self):
        return reverse("staff:round_detail", args=[self.object.slug])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.publish:
            context["question"] = _(
                "Die Ergebnisse der Bewertungsrunde „%(obj)s“ veröffentlichen? Danach sind die "
                "Ergebnistabelle und die Portfoliomatrix (ohne die Antworten einzelner "
                "Kommunen) auf der öffentlichen Website und über die Schnittstelle sichtbar."
            ) % {"obj": self.object}
        else:
            context["question"] = _(
                "Die Ergebnisse der Bewertungsrunde „%(obj)s“ zurückziehen? Danach sind sie nur "
                "noch im internen Bereich sichtbar."
            ) % {"obj": self.object}
        return context

    def write(self, values: dict, form):
        return round_services.update_round(
            self.object,
            values,
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect(self.get_cancel_url())


# -- a round's page and the reminders -----------------------------------------------------------


class RoundDetail(RoundSection, RoundMixin, StaffPage):
    template_name = "staff/assessment/rounds/detail.html"

    def get_title(self):
        return str(self.round)

    def get_breadcrumbs(self):
        return round_crumbs((str(self.round), None))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        statuses = list(response_services.town_statuses(self.round))
        context.update(
            statuses=statuses,
            missing=response_services.missing_municipalities(self.round),
            reminders=list(
                RoundReminder.objects.filter(round=self.round).select_related("requested_by")
            ),
            towns=len(statuses),
            submitted=sum(
                1
                for _town, response, _label in statuses
                if response is not None and response.status == ResponseStatus.SUBMITTED
            ),
            own_town_ids=self.access.officer_town_ids,
            history=history(self.round),
        )
        return context


class RoundRemind(RoundSection, RoundMixin, StaffPage):
    """Confirmation (GET) and request (POST) of a reminder to the missing towns."""

    template_name = "staff/assessment/rounds/remind.html"
    manage_only = True

    def get_title(self):
        return _("Erinnerung senden: %(obj)s") % {"obj": self.round}

    def get_breadcrumbs(self):
        return round_crumbs(
            (str(self.round), reverse("staff:round_detail", args=[self.round.slug])),
            (_("Erinnerung"), None),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["missing"] = response_services.missing_municipalities(self.round)
        context["cancel_url"] = reverse("staff:round_detail", args=[self.round.slug])
        return context

    def post(self, request, *args, **kwargs):
        target = reverse("staff:round_detail", args=[self.round.slug])
        if not is_open(self.round):
            messages.error(
                request, _("Die Frist ist abgelaufen; Erinnerungen werden nicht mehr versandt.")
            )
            return redirect(target)
        from digitalagentur.assessment.reminders import request_reminder

        try:
            request_reminder(self.round, user=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect(target)
        messages.success(
            request,
            _(
                "Die Erinnerung ist angefordert. Die E-Mails an die fehlenden Kommunen werden "
                "im Hintergrund versandt."
            ),
        )
        return redirect(target)
