"""Meetings of the bodies in the staff area (issue 14, section 3), mounted at
/intern/sitzungen/: the region's meetings (upcoming first, then past; filter by body), a
meeting's form, its page (agenda, minutes, decisions, tasks) and the tasks: add, edit, delete
with a confirmation, tick done and reopen (POST).

The meetings are those of reports.models.Meeting, the ones status reports go to and OParl
serves; minutes, decisions and tasks are internal and never leave the staff area. Who may do
what is reports.rules with the request's access: every role of the region reads; the
coordination writes meetings and tasks (403 for the other roles); a task's owner may tick it;
other regions' meetings and tasks are 404. Writes go through reports/services.py.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from digitalagentur.core.formatting import render_markdown
from digitalagentur.reports import rules, services
from digitalagentur.reports.models import Meeting, MeetingTask

from ..forms_meetings import MeetingFilterForm, MeetingForm, TaskForm
from ..mixins import ObjectMixin
from .base import CreatePage, DeletePage, EditPage, StaffPage
from .projects import home_crumb

PAGE_SIZE = 20


def list_url() -> str:
    return reverse("staff:meeting_list")


def detail_url(pk: int) -> str:
    return reverse("staff:meeting_detail", args=[pk])


def list_crumbs(*tail):
    return [home_crumb(), (_("Sitzungen"), list_url()), *tail]


def meeting_crumbs(meeting, *tail):
    return list_crumbs((str(meeting), detail_url(meeting.pk)), *tail)


def upcoming_first(meetings, today=None):
    """Meetings from today on in date order, then the past ones, latest first."""
    start_of_today = timezone.make_aware(
        datetime.datetime.combine(today or timezone.localdate(), datetime.time.min)
    )
    upcoming = Q(start__gte=start_of_today)
    return meetings.annotate(
        is_past=Case(When(upcoming, then=Value(0)), default=Value(1), output_field=IntegerField()),
    ).order_by(
        "is_past",
        Case(When(upcoming, then=F("start"))).asc(nulls_last=True),
        F("start").desc(),
        "pk",
    )


class MeetingSection:
    """The navigation highlights "Sitzungen"."""

    conflict_subject = gettext_lazy("Diese Sitzung")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["section"] = "meetings"
        return context


class SavingFormMixin:
    """Invalid input comes back with 400 (nothing saved), the service's German messages at
    their fields; a stale version shows the conflict (409)."""

    invalid_status = 400
    errors_at_fields = True


# ---- meetings -------------------------------------------------------------------------------


class MeetingList(MeetingSection, StaffPage):
    template_name = "staff/meetings/list.html"
    title = gettext_lazy("Sitzungen")

    def get_breadcrumbs(self):
        return [home_crumb(), (_("Sitzungen"), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filter_form = MeetingFilterForm(self.request.GET or None, region=self.region)
        meetings = Meeting.objects.filter(region=self.region).select_related("body")
        body = None
        if filter_form.is_valid():
            body = filter_form.cleaned_data["gremium"]
            if body is not None:
                meetings = meetings.filter(body=body)
        meetings = upcoming_first(
            meetings.annotate(
                open_tasks=Count("tasks", filter=Q(tasks__done_at__isnull=True)),
                task_count=Count("tasks"),
            )
        )
        page = Paginator(meetings, PAGE_SIZE).get_page(self.request.GET.get("page"))
        context.update(
            filter_form=filter_form,
            page=page,
            body=body,
            can_create=rules.can_manage_meetings(self.access),
        )
        return context


class MeetingObject(MeetingSection, ObjectMixin):
    """A meeting of the request's region (404 otherwise) the user may manage (403)."""

    def get_queryset(self):
        return Meeting.objects.filter(region=self.region).select_related("body")

    def has_permission(self, obj) -> bool:
        return rules.can_manage_meeting(self.access, obj)


class MeetingCreate(MeetingSection, SavingFormMixin, CreatePage):
    form_class = MeetingForm
    template_name = "staff/meetings/form.html"
    title = gettext_lazy("Neue Sitzung")
    success_message = gettext_lazy("Die Sitzung wurde angelegt.")

    def has_page_permission(self) -> bool:
        return rules.can_manage_meetings(self.access)

    def get_form(self, data=None):
        form = super().get_form(data)
        body = self.request.GET.get("gremium", "")
        if data is None and body.isdigit():
            form.initial["body"] = body
        return form

    def get_breadcrumbs(self):
        return list_crumbs((self.get_title(), None))

    def get_cancel_url(self) -> str:
        return list_url()

    def get_success_url(self, obj) -> str:
        return detail_url(obj.pk)

    def save(self, form):
        return services.create_meeting(
            self.region,
            form.model_values(),
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )


class MeetingEdit(MeetingObject, SavingFormMixin, EditPage):
    form_class = MeetingForm
    template_name = "staff/meetings/form.html"
    success_message = gettext_lazy("Die Sitzung wurde gespeichert.")

    def get_title(self) -> str:
        return _("Sitzung bearbeiten: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return meeting_crumbs(self.object, (_("Bearbeiten"), None))

    def get_cancel_url(self) -> str:
        return detail_url(self.object.pk)

    def save(self, form):
        return services.update_meeting(
            self.object,
            form.model_values(),
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )


class MeetingDetail(MeetingObject, StaffPage):
    """Agenda, minutes, decisions and tasks; every role of the region reads them."""

    template_name = "staff/meetings/detail.html"

    def has_permission(self, obj) -> bool:
        return rules.can_read_meetings(self.access) and self.access.in_region(obj)

    def get_title(self) -> str:
        return str(self.object)

    def get_breadcrumbs(self):
        return list_crumbs((str(self.object), None))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.object
        today = timezone.localdate()
        tasks = list(
            meeting.tasks.select_related("owner", "done_by").order_by(
                F("done_at").asc(nulls_first=True), F("due_date").asc(nulls_last=True), "pk"
            )
        )
        user = self.request.user
        for task in tasks:
            task.overdue = task.is_overdue(today)
            task.can_tick = rules.can_tick_task(self.access, task, user)
        context.update(
            meeting=meeting,
            agenda=render_markdown(meeting.agenda),
            minutes=render_markdown(meeting.minutes),
            decisions=render_markdown(meeting.decisions),
            tasks=tasks,
            reports=list(meeting.status_reports.order_by("date", "pk")),
            can_manage=rules.can_manage_meeting(self.access, meeting),
            here=self.request.path,
        )
        return context


# ---- tasks ----------------------------------------------------------------------------------


class TaskObject(MeetingSection, ObjectMixin):
    """A task of the request's region (404 otherwise) whose meeting the user manages (403)."""

    conflict_subject = gettext_lazy("Diese Aufgabe")

    def get_queryset(self):
        return MeetingTask.objects.filter(region=self.region).select_related(
            "meeting", "meeting__body", "owner"
        )

    def has_permission(self, obj) -> bool:
        return rules.can_manage_meeting(self.access, obj.meeting)

    @property
    def meeting(self) -> Meeting:
        return self.object.meeting


class TaskFormMixin(SavingFormMixin):
    form_class = TaskForm
    template_name = "staff/meetings/task_form.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["meeting"] = self.meeting
        return context

    def get_cancel_url(self) -> str:
        return detail_url(self.meeting.pk) + "#aufgaben"

    def get_success_url(self, obj) -> str:
        return detail_url(self.meeting.pk) + f"#aufgabe-{obj.pk}"


class TaskCreate(MeetingSection, TaskFormMixin, CreatePage):
    success_message = gettext_lazy("Die Aufgabe wurde angelegt.")

    def prepare(self) -> None:
        self.meeting = get_object_or_404(
            Meeting.objects.filter(region=self.region).select_related("body"),
            pk=self.kwargs["meeting_pk"],
        )
        if not rules.can_manage_meeting(self.access, self.meeting):
            raise PermissionDenied
        super().prepare()

    def get_form_kwargs(self) -> dict:
        return {"region": self.region, "instance": MeetingTask(meeting=self.meeting)}

    def get_title(self) -> str:
        return _("Aufgabe hinzufügen: %(meeting)s") % {"meeting": self.meeting}

    def get_breadcrumbs(self):
        return meeting_crumbs(self.meeting, (_("Aufgabe hinzufügen"), None))

    def save(self, form):
        return services.create_task(
            self.meeting,
            form.model_values(),
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )


class TaskEdit(TaskObject, TaskFormMixin, EditPage):
    success_message = gettext_lazy("Die Aufgabe wurde gespeichert.")

    def get_title(self) -> str:
        return _("Aufgabe bearbeiten: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return meeting_crumbs(self.meeting, (str(self.object), None))

    def save(self, form):
        return services.update_task(
            self.object,
            form.model_values(),
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )


class TaskDelete(TaskObject, DeletePage):
    question = gettext_lazy("Wollen Sie die Aufgabe „{obj}“ wirklich löschen?")

    def get_breadcrumbs(self):
        return meeting_crumbs(self.meeting, (str(self.object), None), (_("Löschen"), None))

    def get_cancel_url(self) -> str:
        return detail_url(self.meeting.pk) + f"#aufgabe-{self.object.pk}"

    def get_success_url(self) -> str:
        return detail_url(self.object.meeting_id) + "#aufgaben"

    def perform(self, form) -> str:
        services.delete_task(
            self.object,
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )
        return _("Die Aufgabe „%(obj)s“ wurde gelöscht.") % {"obj": self.object}


class TaskDone(MeetingSection, ObjectMixin, View):
    """Tick a task done (done=1) or reopen it (done=0), then back to where the button was
    (the dashboard or the meeting's page). The owner or the coordination (403 otherwise)."""

    http_method_names = ["post"]

    def get_queryset(self):
        return MeetingTask.objects.filter(region=self.region)

    def has_permission(self, obj) -> bool:
        return rules.can_tick_task(self.access, obj, self.request.user)

    def next_url(self) -> str:
        target = self.request.POST.get("next", "")
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return target
        return detail_url(self.object.meeting_id) + f"#aufgabe-{self.object.pk}"

    def post(self, request, *args, **kwargs):
        done = request.POST.get("done")
        if done not in ("0", "1"):
            messages.error(request, _("Unbekannte Aktion: Die Aufgabe wurde nicht geändert."))
            return redirect(self.next_url())
        try:
            task = services.set_task_done(self.object, done == "1", user=request.user)
        except ObjectDoesNotExist:
            messages.error(request, _("Die Aufgabe wurde inzwischen gelöscht."))
            return redirect(self.next_url())
        if task.is_done:
            messages.success(request, _("„%(obj)s“ ist erledigt.") % {"obj": task})
        else:
            messages.success(request, _("„%(obj)s“ ist wieder offen.") % {"obj": task})
        return redirect(self.next_url())
