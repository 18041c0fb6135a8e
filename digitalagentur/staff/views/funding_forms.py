"""Funding in the staff area, the writing half: create, edit and delete funders, programmes,
calls, later deadlines and applications (sub-projects, budget lines, the towns' parts and the
plan editor: funding_plan.py).

Every write goes through funding.services (version check, change log); who may write is
decided by funding.rules: programme_write_denial for funders, programmes, calls and deadlines,
application_write_denial for applications and everything in them. Objects are looked up in
the request's region only (404 otherwise).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from digitalagentur.core.parsing import parse_id
from digitalagentur.funding import services
from digitalagentur.funding.models import Application, Call, CallDeadline, Funder, Programme
from digitalagentur.funding.rules import application_write_denial, programme_write_denial

from ..forms_funding import CallDeadlineForm, CallForm, FunderForm, ProgrammeForm, grouped_fields
from ..forms_funding_plan import ApplicationForm
from .base import CreatePage, DeletePage, EditPage
from .funding import FundingSection, overview_crumbs


def overview_url(anchor: str = "") -> str:
    return reverse("staff:funding_overview") + anchor


def programme_url(programme_id: int, anchor: str = "") -> str:
    return reverse("staff:programme_detail", args=[programme_id]) + anchor


def application_url(application_id: int, anchor: str = "") -> str:
    return reverse("staff:application_detail", args=[application_id]) + anchor


def programme_crumbs(programme, *tail):
    return overview_crumbs() + [(str(programme), programme_url(programme.pk)), *tail]


def application_crumbs(application, *tail):
    return overview_crumbs() + [(str(application), application_url(application.pk)), *tail]


class InUse(Exception):
    """The object is still referred to (PROTECT); `message` says by what."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# -- shared behaviour --------------------------------------------------------------------------


class GroupedFormPage:
    """Long forms in sections (staff/funding/object_form.html)."""

    template_name = "staff/funding/object_form.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if "form" in context:
            context["groups"] = grouped_fields(context["form"])
        return context


class ServiceCreate(GroupedFormPage, FundingSection, CreatePage):
    """A create form saved through funding.services.create."""

    def new_instance(self, form):
        return form._meta.model(region=self.region, **form.model_values())

    def links(self, form) -> dict | None:
        return form.links() if hasattr(form, "links") else None

    def save(self, form):
        return services.create(
            self.new_instance(form),
            user=self.request.user,
            reason=form.cleaned_data["reason"],
            m2m=self.links(form),
        )


class ServiceEdit(GroupedFormPage, FundingSection, EditPage):
    """An edit form saved through funding.services.update (stale versions: conflict, 409)."""

    def links(self, form) -> dict | None:
        return form.links() if hasattr(form, "links") else None

    def save(self, form):
        return services.update(
            self.object,
            form.model_values(),
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
            m2m=self.links(form),
        )


class ServiceDelete(FundingSection, DeletePage):
    """A delete confirmation; objects still in use are named instead of a generic refusal."""

    template_name = "staff/funding/delete_confirm.html"

    def usage(self) -> str:
        """Why the object cannot be deleted now ("" when it can)."""
        return ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["notice"] = self.usage()
        return context

    def perform(self, form) -> str:
        usage = self.usage()
        if usage:
            raise InUse(usage)
        try:
            services.delete(
                self.object,
                expected_version=form.cleaned_data["version"],
                user=self.request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:  # something new refers to it since usage() looked
            raise InUse(self.usage() or " ".join(exc.messages)) from exc
        return _("„%(obj)s“ wurde gelöscht.") % {"obj": self.object}

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except InUse as exc:
            messages.error(request, exc.message)
            return redirect(self.get_cancel_url())


# -- funders -------------------------------------------------------------------------------------


class ProgrammeWriter:
    """Funders, programmes, calls and deadlines are the coordination's."""

    def has_page_permission(self) -> bool:
        return programme_write_denial(self.access) is None

    def has_permission(self, obj) -> bool:
        return programme_write_denial(self.access) is None


class FunderMixin(ProgrammeWriter):
    form_class = FunderForm
    conflict_subject = gettext_lazy("Dieser Fördergeber")

    def get_queryset(self):
        return Funder.objects.filter(region=self.region)

    def get_cancel_url(self):
        return overview_url("#foerdergeber")


class FunderCreate(FunderMixin, ServiceCreate):
    title = gettext_lazy("Neuer Fördergeber")
    success_message = gettext_lazy("Der Fördergeber wurde angelegt.")

    def get_breadcrumbs(self):
        return overview_crumbs() + [(self.title, None)]


class FunderEdit(FunderMixin, ServiceEdit):
    success_message = gettext_lazy("Der Fördergeber wurde gespeichert.")

    def get_title(self):
        return _("Fördergeber bearbeiten: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return overview_crumbs() + [(self.get_title(), None)]


class FunderDelete(FunderMixin, ServiceDelete):
    def get_breadcrumbs(self):
        return overview_crumbs() + [(self.get_title(), None)]

    def usage(self) -> str:
        count = self.object.programmes.count()
        if not count:
            return ""
        return ngettext(
            "„%(obj)s“ kann nicht gelöscht werden: %(count)s Förderprogramm gehört zu diesem "
            "Fördergeber. Ordnen Sie es zuerst einem anderen Fördergeber zu oder löschen Sie es.",
            "„%(obj)s“ kann nicht gelöscht werden: %(count)s Förderprogramme gehören zu diesem "
            "Fördergeber. Ordnen Sie sie zuerst einem anderen Fördergeber zu oder löschen Sie sie.",
            count,
        ) % {"obj": self.object, "count": count}


# -- programmes ----------------------------------------------------------------------------------


class ProgrammeMixin(ProgrammeWriter):
    form_class = ProgrammeForm
    conflict_subject = gettext_lazy("Dieses Programm")

    def get_queryset(self):
        return Programme.objects.filter(region=self.region).select_related("funder")

    def get_cancel_url(self):
        return programme_url(self.object.pk)

    def get_success_url(self, obj):
        return programme_url(obj.pk)


class ProgrammeCreate(ProgrammeMixin, ServiceCreate):
    title = gettext_lazy("Neues Förderprogramm")
    success_message = gettext_lazy("Das Förderprogramm wurde angelegt.")

    def get_breadcrumbs(self):
        return overview_crumbs() + [(self.title, None)]

    def get_cancel_url(self):
        return overview_url("#programme")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not Funder.objects.filter(region=self.region).exists():
            context["intro"] = _(
                "Es gibt noch keinen Fördergeber. Legen Sie zuerst einen an (Förderung → "
                "Neuer Fördergeber)."
            )
        return context


class ProgrammeEdit(ProgrammeMixin, ServiceEdit):
    success_message = gettext_lazy("Das Förderprogramm wurde gespeichert.")

    def get_title(self):
        return _("Förderprogramm bearbeiten: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return programme_crumbs(self.object, (_("Bearbeiten"), None))


class ProgrammeDelete(ProgrammeMixin, ServiceDelete):
    question = gettext_lazy(
        "Wollen Sie das Förderprogramm „{obj}“ wirklich löschen? Das lässt sich nicht "
        "rückgängig machen."
    )

    def get_breadcrumbs(self):
        return programme_crumbs(self.object, (_("Löschen"), None))

    def get_success_url(self):
        return overview_url("#programme")

    def usage(self) -> str:
        applications = self.object.applications.count()
        calls = self.object.calls.count()
        if not applications and not calls:
            return ""
        return _(
            "Das Förderprogramm „%(obj)s“ kann nicht gelöscht werden, solange %(uses)s darauf "
            "verweisen. Löschen Sie zuerst diese oder ordnen Sie sie einem anderen Programm zu."
        ) % {"obj": self.object, "uses": uses_text(applications=applications, calls=calls)}


def uses_text(*, applications: int, calls: int = 0) -> str:
    parts = []
    if applications:
        parts.append(
            ngettext("%(n)s Förderantrag", "%(n)s Förderanträge", applications)
            % {"n": applications}
        )
    if calls:
        parts.append(ngettext("%(n)s Aufruf", "%(n)s Aufrufe", calls) % {"n": calls})
    return _(" und ").join(parts)


# -- calls and later deadlines -------------------------------------------------------------------


class ProgrammeChild(ProgrammeWriter):
    """A call under its programme (the programme from the URL when creating)."""

    def get_queryset(self):
        return Call.objects.filter(region=self.region).select_related("programme")

    def get_cancel_url(self):
        return programme_url(self.object.programme_id, f"#aufruf-{self.object.pk}")


class CallMixin(ProgrammeChild):
    form_class = CallForm
    conflict_subject = gettext_lazy("Dieser Aufruf")


class CallCreate(CallMixin, ServiceCreate):
    title = gettext_lazy("Neuer Förderaufruf")
    success_message = gettext_lazy("Der Aufruf wurde angelegt.")

    def prepare(self) -> None:
        self.programme = get_object_or_404(
            Programme.objects.filter(region=self.region), pk=self.kwargs["programme_pk"]
        )
        super().prepare()

    def get_form(self, data=None):
        form = super().get_form(data)
        form.fields["programme"].initial = self.programme.pk
        return form

    def get_breadcrumbs(self):
        return programme_crumbs(self.programme, (self.title, None))

    def get_cancel_url(self):
        return programme_url(self.programme.pk, "#aufrufe")

    def get_success_url(self, obj):
        return programme_url(obj.programme_id, f"#aufruf-{obj.pk}")


class CallEdit(CallMixin, ServiceEdit):
    success_message = gettext_lazy("Der Aufruf wurde gespeichert.")

    def get_title(self):
        return _("Aufruf bearbeiten: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return programme_crumbs(self.object.programme, (self.get_title(), None))

    def get_success_url(self, obj):
        return programme_url(obj.programme_id, f"#aufruf-{obj.pk}")


class CallDelete(CallMixin, ServiceDelete):
    question = gettext_lazy(
        "Wollen Sie den Aufruf „{obj}“ mit seinen weiteren Fristen wirklich löschen? Das lässt "
        "sich nicht rückgängig machen."
    )

    def get_breadcrumbs(self):
        return programme_crumbs(self.object.programme, (_("Löschen"), None))

    def get_success_url(self):
        return programme_url(self.object.programme_id, "#aufrufe")

    def usage(self) -> str:
        applications = self.object.applications.count()
        if not applications:
            return ""
        return _(
            "Der Aufruf „%(obj)s“ kann nicht gelöscht werden, solange %(uses)s darauf "
            "verweisen. Löschen Sie zuerst diese oder ordnen Sie sie einem anderen Aufruf zu."
        ) % {"obj": self.object, "uses": uses_text(applications=applications)}


class DeadlineMixin(ProgrammeWriter):
    form_class = CallDeadlineForm
    conflict_subject = gettext_lazy("Diese Frist")

    def get_queryset(self):
        return CallDeadline.objects.filter(region=self.region).select_related("call__programme")

    def get_cancel_url(self):
        return programme_url(self.object.call.programme_id, f"#frist-{self.object.pk}")

    def get_breadcrumbs(self):
        return programme_crumbs(self.object.call.programme, (self.get_title(), None))


class DeadlineCreate(DeadlineMixin, ServiceCreate):
    title = gettext_lazy("Weitere Frist")
    success_message = gettext_lazy("Die Frist wurde angelegt.")

    def prepare(self) -> None:
        self.call = get_object_or_404(
            Call.objects.filter(region=self.region).select_related("programme"),
            pk=self.kwargs["call_pk"],
        )
        super().prepare()

    def get_title(self):
        return _("Weitere Frist zum Aufruf „%(call)s“") % {"call": self.call}

    def get_breadcrumbs(self):
        return programme_crumbs(self.call.programme, (self.get_title(), None))

    def get_cancel_url(self):
        return programme_url(self.call.programme_id, f"#aufruf-{self.call.pk}")

    def get_success_url(self, obj):
        return programme_url(self.call.programme_id, f"#frist-{obj.pk}")

    def new_instance(self, form):
        return CallDeadline(region=self.region, call=self.call, **form.model_values())


class DeadlineEdit(DeadlineMixin, ServiceEdit):
    success_message = gettext_lazy("Die Frist wurde gespeichert.")

    def get_title(self):
        return _("Frist bearbeiten: %(obj)s") % {"obj": self.object}


class DeadlineDelete(DeadlineMixin, ServiceDelete):
    def get_success_url(self):
        return programme_url(self.object.call.programme_id, f"#aufruf-{self.object.call_id}")


# -- applications --------------------------------------------------------------------------------


class ApplicationMixin:
    form_class = ApplicationForm
    conflict_subject = gettext_lazy("Dieser Förderantrag")

    def get_queryset(self):
        return Application.objects.filter(region=self.region).select_related("programme", "call")

    def has_permission(self, obj) -> bool:
        return application_write_denial(self.access, obj) is None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "access": self.access}

    def get_cancel_url(self):
        return application_url(self.object.pk)

    def get_success_url(self, obj):
        return application_url(obj.pk)


class ApplicationCreate(ApplicationMixin, ServiceCreate):
    title = gettext_lazy("Neuer Förderantrag")
    success_message = gettext_lazy("Der Förderantrag wurde angelegt.")

    def has_page_permission(self) -> bool:
        return self.access.can_manage or bool(self.access.officer_town_ids)

    def get_breadcrumbs(self):
        return overview_crumbs() + [(self.title, None)]

    def get_cancel_url(self):
        return overview_url("#antraege")

    def get_form(self, data=None):
        form = super().get_form(data)
        # ?aufruf=<id> or ?programm=<id> preselect (only the region's; anything else is ignored).
        for param, name, model in (("aufruf", "call", Call), ("programm", "programme", Programme)):
            pk = parse_id(self.request.GET.get(param, ""))
            if pk and model.objects.filter(region=self.region, pk=pk).exists():
                form.fields[name].initial = pk
        return form


class ApplicationEdit(ApplicationMixin, ServiceEdit):
    success_message = gettext_lazy("Der Förderantrag wurde gespeichert.")

    def get_title(self):
        return _("Förderantrag bearbeiten: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return application_crumbs(self.object, (_("Bearbeiten"), None))


class ApplicationDelete(ApplicationMixin, ServiceDelete):
    question = gettext_lazy(
        "Wollen Sie den Förderantrag „{obj}“ mit seinen Teilprojekten und Budgetzeilen wirklich "
        "löschen? Das lässt sich nicht rückgängig machen."
    )

    def get_breadcrumbs(self):
        return application_crumbs(self.object, (_("Löschen"), None))

    def get_success_url(self):
        return overview_url("#antraege")
