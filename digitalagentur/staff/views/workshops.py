"""Workshops in the staff area (issue 9, section 5): the list (sorted by date, filtered by
field), a workshop's page with its ideas, the forms, and turning an idea into a project draft.

Every role of the region reads these pages; writing is the coordination's
(assessment.rules.manage_denial). Objects are looked up in the request's region (404
otherwise); every write goes through assessment.workshops (version check, change log).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.assessment import workshops as services
from digitalagentur.assessment.models import Workshop, WorkshopIdea
from digitalagentur.assessment.rules import manage_denial

from ..changes import history
from ..forms_workshops import IdeaForm, WorkshopFilterForm, WorkshopForm
from ..mixins import ObjectMixin
from .assessment_access import CoordinationOnly
from .base import ConfirmPage, CreatePage, DeletePage, EditPage, ObjectRedirect, StaffPage
from .projects import home_crumb


def list_url() -> str:
    return reverse("staff:workshop_list")


def detail_url(workshop_id: int, anchor: str = "") -> str:
    return reverse("staff:workshop_detail", args=[workshop_id]) + anchor


def values_of(form) -> dict:
    """The form's model values without the version (that is `expected_version`)."""
    return {k: v for k, v in form.model_values().items() if k != "version"}


def list_crumbs():
    return [home_crumb(), (_("Workshops"), list_url())]


def workshop_crumbs(workshop, *tail):
    return list_crumbs() + [(str(workshop), detail_url(workshop.pk)), *tail]


class WorkshopSection:
    """Marks the workshops entry of the staff navigation as current."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["section"] = "workshops"
        context["can_manage"] = manage_denial(self.access) is None
        return context


# -- reading ----------------------------------------------------------------------------------


class WorkshopList(WorkshopSection, StaffPage):
    template_name = "staff/workshops/list.html"
    title = gettext_lazy("Workshops")

    def get_breadcrumbs(self):
        return [home_crumb(), (_("Workshops"), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = WorkshopFilterForm(self.request.GET or None, region=self.region)
        workshops = Workshop.objects.filter(region=self.region).select_related("field")
        sort = "-date"
        field = None
        if form.is_bound and form.is_valid():
            field = form.cleaned_data["field"]
            sort = form.cleaned_data["sort"] or sort
        if field is not None:
            workshops = workshops.filter(field=field)
        order = ["-date", "-pk"] if sort == "-date" else ["date", "pk"]
        context.update(
            filter_form=form,
            workshops=list(workshops.order_by(*order)),
            is_filtered=field is not None,
            total=Workshop.objects.filter(region=self.region).count() if field else None,
        )
        return context


class WorkshopObject:
    conflict_subject = gettext_lazy("Dieser Workshop")

    def get_queryset(self):
        return Workshop.objects.filter(region=self.region).select_related("field")

    def get_cancel_url(self):
        return detail_url(self.object.pk)


class WorkshopDetail(WorkshopSection, WorkshopObject, ObjectMixin, StaffPage):
    template_name = "staff/workshops/detail.html"

    def has_permission(self, obj) -> bool:
        return True

    def get_title(self):
        return str(self.object)

    def get_breadcrumbs(self):
        return list_crumbs() + [(str(self.object), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        workshop = self.object
        context.update(
            workshop=workshop,
            ideas=list(workshop.ideas.select_related("project")),
            history=history(workshop),
        )
        return context


# -- workshops: writing ---------------------------------------------------------------------------


class WorkshopCreate(CoordinationOnly, WorkshopSection, CreatePage):
    form_class = WorkshopForm
    title = gettext_lazy("Neuer Workshop")
    success_message = gettext_lazy("Der Workshop wurde angelegt.")

    def get_breadcrumbs(self):
        return list_crumbs() + [(self.title, None)]

    def get_cancel_url(self):
        return list_url()

    def get_success_url(self, obj):
        return detail_url(obj.pk)

    def save(self, form):
        return services.create_workshop(
            self.region,
            values_of(form),
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )


class WorkshopEdit(CoordinationOnly, WorkshopSection, WorkshopObject, EditPage):
    form_class = WorkshopForm
    success_message = gettext_lazy("Der Workshop wurde gespeichert.")

    def get_title(self):
        return _("Workshop bearbeiten: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return workshop_crumbs(self.object, (_("Bearbeiten"), None))

    def get_success_url(self, obj):
        return detail_url(obj.pk)

    def save(self, form):
        return services.update_workshop(
            self.object,
            values_of(form),
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )


class WorkshopDelete(CoordinationOnly, WorkshopSection, WorkshopObject, DeletePage):
    def get_breadcrumbs(self):
        return workshop_crumbs(self.object, (_("Löschen"), None))

    def get_success_url(self):
        return list_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        made = self.object.ideas.filter(project__isnull=False).count()
        if made:
            context["notice"] = _(
                "Die Ideen dieses Workshops werden mitgelöscht; die %(n)s daraus angelegten "
                "Projekte bleiben erhalten."
            ) % {"n": made}
        return context

    def perform(self, form) -> str:
        services.delete_workshop(
            self.object,
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )
        return _("„%(obj)s“ wurde gelöscht.") % {"obj": self.object}


# -- ideas ----------------------------------------------------------------------------------------


class IdeaCreate(CoordinationOnly, WorkshopSection, WorkshopObject, ObjectMixin, CreatePage):
    form_class = IdeaForm
    success_message = gettext_lazy("Die Idee wurde angelegt.")

    def get_title(self):
        return _("Neue Idee im Workshop „%(obj)s“") % {"obj": self.object}

    def get_breadcrumbs(self):
        return workshop_crumbs(self.object, (_("Neue Idee"), None))

    def get_cancel_url(self):
        return detail_url(self.object.pk, "#ideen")

    def save(self, form):
        return services.create_idea(
            self.object,
            values_of(form),
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )


class IdeaObject:
    conflict_subject = gettext_lazy("Diese Idee")
    pk_url_kwarg = "idea_pk"

    def get_queryset(self):
        return WorkshopIdea.objects.filter(
            region=self.region, workshop_id=self.kwargs["pk"]
        ).select_related("workshop", "project")

    def get_cancel_url(self):
        return detail_url(self.object.workshop_id, f"#idee-{self.object.pk}")


class IdeaEdit(CoordinationOnly, WorkshopSection, IdeaObject, EditPage):
    form_class = IdeaForm
    success_message = gettext_lazy("Die Idee wurde gespeichert.")

    def get_title(self):
        return _("Idee bearbeiten: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return workshop_crumbs(self.object.workshop, (_("Idee bearbeiten"), None))

    def save(self, form):
        return services.update_idea(
            self.object,
            values_of(form),
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )


class IdeaDelete(CoordinationOnly, WorkshopSection, IdeaObject, DeletePage):
    def get_breadcrumbs(self):
        return workshop_crumbs(self.object.workshop, (_("Idee löschen"), None))

    def get_success_url(self):
        return detail_url(self.object.workshop_id, "#ideen")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object.project_id:
            context["notice"] = _("Das aus dieser Idee angelegte Projekt bleibt erhalten.")
        return context

    def perform(self, form) -> str:
        services.delete_idea(
            self.object,
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )
        return _("„%(obj)s“ wurde gelöscht.") % {"obj": self.object}


class IdeaToProject(CoordinationOnly, WorkshopSection, IdeaObject, ConfirmPage):
    """Confirm (GET) and create (POST) the project draft of an idea, once."""

    submit_label = gettext_lazy("Als Projektentwurf anlegen")

    def get_title(self):
        return _("Projektentwurf aus Idee: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return workshop_crumbs(self.object.workshop, (_("Als Projektentwurf anlegen"), None))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        workshop = self.object.workshop
        if self.object.project_id:
            context["notice"] = services.already_made_message()
        context["question"] = _(
            "Aus der Idee „%(obj)s“ ein unveröffentlichtes Projekt (Status „Idee“) im "
            "Handlungsfeld „%(field)s“ anlegen? Titel und Beschreibung werden übernommen."
        ) % {"obj": self.object, "field": workshop.field}
        return context

    def perform(self, form) -> str:
        try:
            project = services.make_project_draft(
                self.object, user=self.request.user, reason=form.cleaned_data["reason"]
            )
        except services.ProjectAlreadyMade as exc:
            self.made = exc.project
            raise
        self.made = project
        return _("Der Projektentwurf „%(obj)s“ wurde angelegt.") % {"obj": project}

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(self.get_cancel_url())

    def get_success_url(self):
        made = getattr(self, "made", None)
        if made is not None:
            return reverse("staff:project_detail", args=[made.pk])
        return self.get_cancel_url()


class IdeaRedirect(ObjectRedirect):
    """An idea's own address (change-log links): its workshop's page, at the idea."""

    model = WorkshopIdea

    def target(self, obj) -> str:
        return detail_url(obj.workshop_id, f"#idee-{obj.pk}")
