"""Reuse across towns and the phase checklists in the staff area (issue 14, section 2):
offering a project for reuse ("zur Nachnutzung"), another town joining or copying it, the
region's solutions to reuse, the checklist a project ticks off and the coordination's
checklist points. Rights: portfolio.rules; writes: portfolio/reuse.py, portfolio/checklists.py.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from digitalagentur.core.services import EditConflict, create_object, delete_object
from digitalagentur.portfolio import checklists, reuse, rules
from digitalagentur.portfolio.choices import ReuseKind
from digitalagentur.portfolio.models import ChecklistItem, Project, Reuse, ReuseOffer

from ..forms_reuse import ChecklistItemForm, ReuseOfferForm, ReuseTakeForm
from ..mixins import StaffMixin
from .base import CreatePage, DeletePage, EditPage, ObjectRedirect, StaffPage
from .projects import list_crumbs, project_crumbs


def detail_url(project_pk: int, anchor: str = "") -> str:
    url = reverse("staff:project_detail", args=[project_pk])
    return f"{url}#{anchor}" if anchor else url


class ProjectScoped(StaffMixin):
    """The project of the URL, looked up in the request's region (404 otherwise). No other
    object lookup follows (the pages below find their own object themselves)."""

    def prepare(self) -> None:
        self.project = get_object_or_404(
            Project.objects.filter(region=self.region), pk=self.kwargs["project_pk"]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(project=self.project, section="projects")
        return context


class OfferEdit(ProjectScoped, EditPage):
    """Offer the project for reuse, or change the offer (who edits the project, else 403)."""

    form_class = ReuseOfferForm
    conflict_subject = gettext_lazy("Dieses Angebot")
    success_message = gettext_lazy("Das Angebot zur Nachnutzung wurde gespeichert.")

    def prepare(self) -> None:
        ProjectScoped.prepare(self)
        if not rules.can_offer_reuse(self.access, self.project):
            raise PermissionDenied
        self.object = ReuseOffer.objects.filter(project=self.project).first()

    def get_form_kwargs(self) -> dict:
        instance = self.object or ReuseOffer(region=self.region, project=self.project)
        return {"region": self.region, "instance": instance}

    def get_title(self) -> str:
        return _("Zur Nachnutzung anbieten: %(project)s") % {"project": self.project}

    def get_breadcrumbs(self):
        return project_crumbs(self.project, (_("Nachnutzung"), None))

    def get_cancel_url(self) -> str:
        return detail_url(self.project.pk, "nachnutzung")

    def get_context_data(self, **kwargs):
        if self.object is None:  # a new offer has no history yet
            self.show_history = False
        context = super().get_context_data(**kwargs)
        context["intro"] = _(
            "Beschreiben Sie, was entstanden ist, damit andere Kommunen es übernehmen können. "
            "Vorlagen, Ausschreibungen, Datenschutz-Folgenabschätzungen und Verträge legen Sie "
            "in der Dokumentenbibliothek beim Projekt ab."
        )
        return context

    def save(self, form):
        return reuse.save_offer(
            self.project,
            form.model_values(),
            expected_version=form.cleaned_data.get("version"),
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )


class OfferRedirect(ObjectRedirect):
    """An offer's own address (change-log links): its project's page, at the reuse panel."""

    model = ReuseOffer

    def target(self, obj) -> str:
        return detail_url(obj.project_id, "nachnutzung")


class OfferWithdraw(DeletePage):
    """End the offer; towns that reuse the project keep their part or their copy."""

    question = gettext_lazy(
        "Wollen Sie „{obj}“ nicht mehr zur Nachnutzung anbieten? Kommunen, die das Projekt "
        "schon nachnutzen, behalten ihre Beteiligung oder ihr eigenes Projekt."
    )
    submit_label = gettext_lazy("Angebot beenden")

    def get_queryset(self):
        return ReuseOffer.objects.filter(region=self.region).select_related("project")

    def has_permission(self, obj) -> bool:
        return rules.can_offer_reuse(self.access, obj.project)

    def get_title(self) -> str:
        return _("Angebot zur Nachnutzung beenden: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return project_crumbs(self.object.project, (_("Angebot beenden"), None))

    def get_cancel_url(self) -> str:
        return detail_url(self.object.project_id, "nachnutzung")

    def perform(self, form) -> str:
        delete_object(
            self.object,
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )
        return _("„%(obj)s“ wird nicht mehr zur Nachnutzung angeboten.") % {"obj": self.object}


class ReuseTake(ProjectScoped, CreatePage):
    """Another town joins or copies the offered project (for the towns the user acts for)."""

    form_class = ReuseTakeForm
    template_name = "staff/reuse/take.html"
    submit_label = gettext_lazy("Nachnutzen")

    def prepare(self) -> None:
        ProjectScoped.prepare(self)
        self.offer = ReuseOffer.objects.filter(project=self.project).first()
        if self.offer is None:
            raise PermissionDenied
        candidates = reuse.candidate_town_ids(self.project)
        self.town_ids = rules.reuse_town_ids(self.access, self.project, candidates)

    def get_form_kwargs(self) -> dict:
        return {"town_ids": self.town_ids}

    def get_title(self) -> str:
        return _("Nachnutzen: %(project)s") % {"project": self.project}

    def get_breadcrumbs(self):
        return project_crumbs(self.project, (_("Nachnutzen"), None))

    def get_cancel_url(self) -> str:
        return detail_url(self.project.pk, "nachnutzung")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["offer"] = self.offer
        return context

    def post(self, request, *args, **kwargs):
        if not self.town_ids:
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def save(self, form):
        town, kind = form.cleaned_data["town"], form.cleaned_data["kind"]
        if kind == ReuseKind.COPY:
            return reuse.copy_project(self.project, town, user=self.request.user)
        return reuse.join(self.project, town, user=self.request.user)

    @property
    def success_message(self):
        return _("Die Nachnutzung ist eingetragen.")

    def get_success_url(self, obj: Reuse) -> str:
        if obj.copy_id:
            return detail_url(obj.copy_id)
        return detail_url(self.project.pk, "nachnutzung")


class ReuseList(StaffPage):
    """The region's solutions to reuse, with who reuses them."""

    template_name = "staff/reuse/list.html"
    title = gettext_lazy("Lösungen zur Nachnutzung")

    def get_breadcrumbs(self):
        return list_crumbs() + [(_("Lösungen zur Nachnutzung"), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        offers = (
            ReuseOffer.objects.filter(region=self.region)
            .select_related("project", "project__field")
            .prefetch_related(
                Prefetch(
                    "project__reuses",
                    queryset=Reuse.objects.select_related("municipality").order_by(
                        "municipality__name"
                    ),
                ),
                "project__participations__municipality",
            )
            .order_by("project__title", "pk")
        )
        context.update(offers=list(offers), section="projects")
        return context


class ChecklistTickToggle(ProjectScoped, View):
    """POST: tick off (done=1) or reopen a checklist point of the project."""

    def post(self, request, *args, **kwargs):
        if not rules.can_tick_checklist(self.access, self.project):
            raise PermissionDenied
        item = get_object_or_404(
            ChecklistItem.objects.filter(region=self.region), pk=self.kwargs["item_pk"]
        )
        done = request.POST.get("done") == "1"
        try:
            changed = checklists.set_done(self.project, item, done, user=request.user)
        except (ValidationError, EditConflict):
            changed = False
        if changed:
            text = _("„%(item)s“ ist erledigt.") if done else _("„%(item)s“ ist wieder offen.")
            messages.success(request, text % {"item": item.text})
        return redirect(detail_url(self.project.pk, "checkliste"))


class ChecklistSection:
    """The coordination's checklist points (403 for other roles; other regions 404)."""

    def has_page_permission(self) -> bool:
        return rules.can_manage_checklist(self.access)

    def has_permission(self, obj) -> bool:
        return rules.can_manage_checklist(self.access)

    def get_queryset(self):
        return ChecklistItem.objects.filter(region=self.region)

    def get_cancel_url(self) -> str:
        return reverse("staff:checklist_items")

    def get_breadcrumbs(self):
        return list_crumbs() + [
            (_("Checkliste der Projektphasen"), reverse("staff:checklist_items")),
            (self.get_title(), None),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["section"] = "projects"
        return context


class ChecklistItems(StaffPage):
    """The region's checklist, phase by phase (every staff role reads it)."""

    template_name = "staff/reuse/checklist_items.html"
    title = gettext_lazy("Checkliste der Projektphasen")

    def get_breadcrumbs(self):
        return list_crumbs() + [(_("Checkliste der Projektphasen"), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = ChecklistItem.objects.filter(region=self.region)
        context.update(
            checklist=checklists.checklist(items, ()),
            can_manage=rules.can_manage_checklist(self.access),
            section="projects",
        )
        return context


class ChecklistItemCreate(ChecklistSection, CreatePage):
    form_class = ChecklistItemForm
    title = gettext_lazy("Prüfpunkt hinzufügen")
    success_message = gettext_lazy("Der Prüfpunkt wurde hinzugefügt.")

    def save(self, form):
        item = ChecklistItem(region=self.region, **form.model_values())
        return create_object(item, user=self.request.user, reason=form.cleaned_data["reason"])


class ChecklistItemEdit(ChecklistSection, EditPage):
    form_class = ChecklistItemForm
    conflict_subject = gettext_lazy("Dieser Prüfpunkt")
    success_message = gettext_lazy("Der Prüfpunkt wurde gespeichert.")

    def get_title(self) -> str:
        return _("Prüfpunkt bearbeiten: %(obj)s") % {"obj": self.object}


class ChecklistItemDelete(ChecklistSection, DeletePage):
    question = gettext_lazy(
        "Wollen Sie den Prüfpunkt „{obj}“ wirklich löschen? Er verschwindet aus den "
        "Checklisten aller Projekte, auch wo er schon abgehakt ist."
    )
