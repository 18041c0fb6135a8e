"""Events and trainings in the staff area (issue 13, section 2), mounted at
/intern/veranstaltungen/: the list, an event's form, its page, its programme and deleting it.
The participants, the exports and the attendance are in events_participants.py.

Who may do what is communication.rules with the request's access: the coordination
(coordinators, region admins) creates, edits and deletes every event of the region; a
digitalisation officer edits the events of their own town (403 for others); every other role
gets 403, other regions' events 404. Writes go through communication/events.py (change log,
the waiting list moves up when seats are added).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.communication import events, registrations, rules
from digitalagentur.communication.choices import RegistrationStatus
from digitalagentur.communication.models import Event

from ..changes import history
from ..forms_events import EventFilterForm, EventForm, ProgrammeFormSet, programme_initial
from ..mixins import ObjectMixin
from .base import CreatePage, DeletePage, EditPage, StaffPage
from .projects import home_crumb

EVENTS_PER_PAGE = 50


def list_url() -> str:
    return reverse("staff:event_list")


def detail_url(event_id: int, anchor: str = "") -> str:
    return reverse("staff:event_detail", args=[event_id]) + anchor


def list_crumbs(*tail):
    return [home_crumb(), (_("Veranstaltungen"), list_url()), *tail]


def event_crumbs(event, *tail):
    return list_crumbs((str(event), detail_url(event.pk)), *tail)


def public_url(event) -> str:
    return reverse("public:event_detail", args=[event.slug])


class EventSection:
    """The coordination and the digitalisation officers; the navigation highlights
    "Veranstaltungen"."""

    def has_page_permission(self) -> bool:
        return rules.can_create_events(self.access) or bool(self.access.officer_town_ids)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["section"] = "events"
        return context


class EventObject(EventSection, ObjectMixin):
    """An event of the request's region (404 otherwise) that the user manages (403)."""

    conflict_subject = gettext_lazy("Diese Veranstaltung")

    def get_queryset(self):
        return Event.objects.filter(region=self.region)

    def has_permission(self, obj) -> bool:
        return rules.can_manage_event(self.access, obj)


class EventList(EventSection, StaffPage):
    """The events the user manages: upcoming (and running) ones first, soonest on top, then
    the past ones, latest on top; filters for the period and a search in the title."""

    template_name = "staff/events/list.html"
    title = gettext_lazy("Veranstaltungen")

    def get_breadcrumbs(self):
        return [home_crumb(), (_("Veranstaltungen"), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        mine = rules.managed_events(self.access, Event.objects.all())
        form = EventFilterForm(self.request.GET or None)
        found = mine
        filtered = False
        if form.is_bound and form.is_valid():
            period, query = form.cleaned_data["zeit"], form.cleaned_data["q"].strip()
            if period == EventFilterForm.UPCOMING:
                found = found.filter(end__gt=now)
            elif period == EventFilterForm.PAST:
                found = found.filter(end__lte=now)
            if query:
                found = found.filter(title__icontains=query)
            filtered = bool(query) or period in (EventFilterForm.UPCOMING, EventFilterForm.PAST)
        found = (
            registrations.with_counts(found)
            .annotate(
                is_past=Case(
                    When(end__lte=now, then=Value(1)), default=Value(0), output_field=IntegerField()
                ),
                upcoming_start=Case(When(end__gt=now, then=F("start")), default=None),
            )
            .order_by("is_past", "upcoming_start", "-start", "pk")
        )
        page = Paginator(found, EVENTS_PER_PAGE).get_page(self.request.GET.get("page"))
        context.update(
            filter_form=form,
            page=page,
            filtered=filtered,
            now=now,
            can_create=rules.can_create_events(self.access),
        )
        return context


class EventFormMixin:
    """An event's form: invalid input comes back with status 400 (nothing saved)."""

    form_class = EventForm
    template_name = "staff/events/form.html"

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "access": self.access}

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        if response.status_code == 200:  # the form is shown again with its errors
            response.status_code = 400
        return response


class EventCreate(EventSection, EventFormMixin, CreatePage):
    title = gettext_lazy("Neue Veranstaltung")
    success_message = gettext_lazy(
        "Die Veranstaltung wurde angelegt. Ergänzen Sie nun das Programm."
    )

    def has_page_permission(self) -> bool:
        return rules.can_create_events(self.access)

    def get_breadcrumbs(self):
        return list_crumbs((self.get_title(), None))

    def get_cancel_url(self) -> str:
        return list_url()

    def get_success_url(self, obj) -> str:
        return detail_url(obj.pk)

    def save(self, form):
        return events.create_event(
            region=self.region,
            user=self.request.user,
            values=form.model_values(),
            municipalities=form.cleaned_data["towns"],
        )


class EventEdit(EventObject, EventFormMixin, EditPage):
    success_message = gettext_lazy("Die Veranstaltung wurde gespeichert.")

    def get_title(self) -> str:
        return _("Veranstaltung bearbeiten: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return event_crumbs(self.object, (_("Bearbeiten"), None))

    def get_cancel_url(self) -> str:
        return detail_url(self.object.pk)

    def save(self, form):
        before = registrations.seats_taken(self.object)
        saved = events.update_event(
            self.object,
            form.model_values(),
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            municipalities=form.cleaned_data["towns"],
            reason=form.cleaned_data["reason"],
        )
        moved = registrations.seats_taken(saved) - before
        if moved > 0:
            messages.info(
                self.request,
                _("%(n)d Person(en) sind von der Warteliste nachgerückt.") % {"n": moved},
            )
        return saved


class EventDetail(EventObject, StaffPage):
    """The event at a glance: facts, programme, the numbers of registrations, and the ways
    to its form, programme, participants, attendance and public page."""

    template_name = "staff/events/detail.html"

    def get_queryset(self):
        return registrations.with_counts(super().get_queryset()).select_related("field", "workshop")

    def get_title(self) -> str:
        return str(self.object)

    def get_breadcrumbs(self):
        return list_crumbs((str(self.object), None))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.object
        counts = event.registrations.aggregate(
            cancelled=Count("pk", filter=Q(status=RegistrationStatus.CANCELLED)),
            attended=Count("pk", filter=Q(status=RegistrationStatus.REGISTERED, attended=True)),
        )
        now = timezone.now()
        context.update(
            event=event,
            object=event,
            programme=list(event.programme.all()),
            towns=list(event.municipalities.order_by("name")),
            counts=counts,
            seats_left=None
            if event.capacity is None
            else max(0, event.capacity - event.registered),
            accepts=event.accepts_registrations(now),
            started=event.start <= now,
            past=event.end <= now,
            public_url=public_url(event) if event.published else "",
            can_delete=rules.can_delete_event(self.access, event),
            history=history(event),
        )
        return context


class EventProgramme(EventObject, StaffPage):
    """The programme as rows (with empty rows to add more); saving replaces the programme."""

    template_name = "staff/events/programme.html"

    def get_title(self) -> str:
        return _("Programm: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return event_crumbs(self.object, (_("Programm"), None))

    def get_formset(self, data=None):
        return ProgrammeFormSet(data, initial=programme_initial(self.object), prefix="programm")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("formset", self.get_formset())
        context.update(event=self.object, cancel_url=detail_url(self.object.pk))
        return context

    def post(self, request, *args, **kwargs):
        formset = self.get_formset(request.POST)
        if not formset.is_valid():
            return self.render_to_response(self.get_context_data(formset=formset), status=400)
        items = formset.items()
        events.replace_programme(self.object, items)
        messages.success(
            request,
            _("Das Programm wurde gespeichert (%(n)d Programmpunkte).") % {"n": len(items)},
        )
        return redirect(detail_url(self.object.pk, "#programm"))


class EventDelete(EventObject, DeletePage):
    template_name = "staff/events/confirm.html"
    question = gettext_lazy("Wollen Sie die Veranstaltung „{obj}“ wirklich löschen?")

    def has_permission(self, obj) -> bool:
        return rules.can_delete_event(self.access, obj)

    def get_breadcrumbs(self):
        return event_crumbs(self.object, (_("Löschen"), None))

    def get_cancel_url(self) -> str:
        return detail_url(self.object.pk)

    def get_success_url(self) -> str:
        return list_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        registered = self.object.registrations.count()
        context["notice"] = _(
            "Mit ihr werden ihr Programm und %(n)d Anmeldung(en) gelöscht (auch die Warteliste "
            "und die Absagen). Die Angemeldeten werden nicht benachrichtigt."
        ) % {"n": registered}
        context["registration_count"] = registered
        return context

    def perform(self, form) -> str:
        events.delete_event(
            self.object, expected_version=form.cleaned_data["version"], user=self.request.user
        )
        return _("Die Veranstaltung „%(obj)s“ wurde gelöscht.") % {"obj": self.object}
