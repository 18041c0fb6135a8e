"""The Digitalagentur's directory (coordination and region admins write, all staff read):
people with their consent to be named publicly, bodies and their memberships, lines of work
and stakeholder roles. The strategy's timeline is in timeline.py."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.core.services import create_object
from digitalagentur.directory import services
from digitalagentur.directory.models import Body, Membership, Person, StakeholderRole, WorkLine
from digitalagentur.directory.rules import can_edit_directory
from digitalagentur.reports.models import Meeting
from digitalagentur.strategy.models import Strategy, TimelineEvent

from ..forms_directory import (
    BodyForm,
    ContactFilterForm,
    MembershipForm,
    PersonForm,
    StakeholderRoleForm,
    WorkLineForm,
)
from .base import CreatePage, DeletePage, EditPage, StaffPage
from .projects import home_crumb

PAGE_SIZE = 30


def directory_crumbs(*tail):
    return [home_crumb(), (_("Digitalagentur"), reverse("staff:directory"))] + list(tail)


class DirectorySection:
    """Highlights the directory in the navigation; writes are the coordination's."""

    list_url_name = "staff:directory"
    list_label = gettext_lazy("Digitalagentur")

    def has_permission(self, obj) -> bool:
        return can_edit_directory(self.access, obj)

    def get_cancel_url(self) -> str:
        return reverse(self.list_url_name)

    def get_breadcrumbs(self):
        if self.list_url_name == "staff:directory":
            return directory_crumbs((self.get_title(), None))
        return directory_crumbs(
            (str(self.list_label), reverse(self.list_url_name)), (self.get_title(), None)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["section"] = "directory"
        context["can_edit"] = self.access.can_manage
        return context


class DirectoryCreate(DirectorySection, CreatePage):
    """Creating needs the coordination's right in the request's region."""

    def has_page_permission(self) -> bool:
        return self.access.can_manage


class DirectoryHome(DirectorySection, StaffPage):
    template_name = "staff/directory/home.html"
    title = gettext_lazy("Digitalagentur")

    def get_breadcrumbs(self):
        return [home_crumb(), (_("Digitalagentur"), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        region = self.region
        context["counts"] = {
            "people": Person.objects.filter(region=region).count(),
            "bodies": Body.objects.filter(region=region).count(),
            "work_lines": WorkLine.objects.filter(region=region).count(),
            "stakeholders": StakeholderRole.objects.filter(region=region).count(),
            "timeline": TimelineEvent.objects.filter(region=region).count(),
        }
        context["has_strategy"] = Strategy.objects.filter(region=region).exists()
        return context


def paginate(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


# --- people ----------------------------------------------------------------------------------


class PersonMixin(DirectorySection):
    list_url_name = "staff:person_list"
    list_label = gettext_lazy("Personen")
    conflict_subject = gettext_lazy("Diese Person")

    def get_queryset(self):
        return Person.objects.filter(region=self.region).select_related("municipality")


class PersonList(PersonMixin, StaffPage):
    template_name = "staff/directory/person_list.html"
    title = gettext_lazy("Personen")

    def get_breadcrumbs(self):
        return directory_crumbs((_("Personen"), None))

    def get_context_data(self, **kwargs):
        """The contact directory: people with office, organisation, town, e-mail, phone and
        their roles in bodies; filtered by name, town and body (a constant number of
        queries however many people and roles)."""
        context = super().get_context_data(**kwargs)
        filter_form = ContactFilterForm(self.request.GET or None, region=self.region)
        people = self.get_queryset()
        if filter_form.is_valid():
            data = filter_form.cleaned_data
            if data["q"]:
                people = people.filter(name__icontains=data["q"])
            if data["kommune"] is not None:
                people = people.filter(municipality=data["kommune"])
            if data["gremium"] is not None:
                people = people.filter(
                    pk__in=Membership.objects.filter(body=data["gremium"]).values("person")
                )
        people = people.prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("body").order_by(
                    "body__position", "body__name", "role", "pk"
                ),
                to_attr="roles",
            )
        )
        context["page"] = paginate(self.request, people.order_by("name", "pk"))
        context["filter_form"] = filter_form
        context["filtered"] = filter_form.is_bound and any(
            self.request.GET.get(k) for k in ("q", "kommune", "gremium")
        )
        return context


class PersonCreate(PersonMixin, DirectoryCreate):
    form_class = PersonForm
    title = gettext_lazy("Neue Person")
    success_message = gettext_lazy("Die Person wurde angelegt.")

    def save(self, form):
        return services.create_person(
            self.region,
            form.model_values(),
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )


class PersonEdit(PersonMixin, EditPage):
    form_class = PersonForm
    success_message = gettext_lazy("Die Person wurde gespeichert.")

    def get_title(self):
        return _("Person bearbeiten: %(obj)s") % {"obj": self.object}


class PersonDelete(PersonMixin, DeletePage):
    question = gettext_lazy("Wollen Sie „{obj}“ mit allen Rollen in Gremien wirklich löschen?")

    def perform(self, form) -> str:
        services.delete_person(
            self.object,
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )
        return _("„%(obj)s“ wurde gelöscht.") % {"obj": self.object}


# --- bodies and memberships --------------------------------------------------------------------


class BodyMixin(DirectorySection):
    list_url_name = "staff:body_list"
    list_label = gettext_lazy("Gremien")
    conflict_subject = gettext_lazy("Dieses Gremium")

    def get_queryset(self):
        return Body.objects.filter(region=self.region).select_related("municipality")


class BodyList(BodyMixin, StaffPage):
    template_name = "staff/directory/body_list.html"
    title = gettext_lazy("Gremien")

    def get_breadcrumbs(self):
        return directory_crumbs((_("Gremien"), None))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bodies = self.get_queryset().annotate(member_count=Count("memberships"))
        context["page"] = paginate(self.request, bodies.order_by("position", "name", "pk"))
        return context


class BodyCreate(BodyMixin, DirectoryCreate):
    form_class = BodyForm
    title = gettext_lazy("Neues Gremium")
    success_message = gettext_lazy("Das Gremium wurde angelegt.")

    def save(self, form):
        return services.create_body(
            self.region,
            form.model_values(),
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )

    def get_success_url(self, obj) -> str:
        return reverse("staff:body_detail", args=[obj.pk])


class BodyDetail(BodyMixin, EditPage):
    """The body's data (editable by the coordination) and its members."""

    form_class = BodyForm
    template_name = "staff/directory/body_detail.html"
    success_message = gettext_lazy("Das Gremium wurde gespeichert.")

    def has_permission(self, obj) -> bool:
        return self.access.in_region(obj)  # every staff role reads; post() checks the right

    def post(self, request, *args, **kwargs):
        if not can_edit_directory(self.access, self.object):
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def get_title(self):
        return str(self.object)

    def get_success_url(self, obj) -> str:
        return reverse("staff:body_detail", args=[obj.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["memberships"] = list(
            Membership.objects.filter(body=self.object)
            .select_related("person", "person__municipality")
            .order_by("role", "person__name", "pk")
        )
        context["can_edit_body"] = can_edit_directory(self.access, self.object)
        context["meeting_count"] = Meeting.objects.filter(
            region=self.region, body=self.object
        ).count()
        return context


class BodyDelete(BodyMixin, DeletePage):
    question = gettext_lazy(
        "Wollen Sie das Gremium „{obj}“ mit allen Mitgliedschaften wirklich löschen? Gremien, "
        "die Beschlüsse gefasst haben, können nicht gelöscht werden."
    )

    def perform(self, form) -> str:
        services.delete_body(
            self.object,
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )
        return _("„%(obj)s“ wurde gelöscht.") % {"obj": self.object}


class MembershipMixin(DirectorySection):
    conflict_subject = gettext_lazy("Diese Mitgliedschaft")

    def get_queryset(self):
        return Membership.objects.filter(body__region=self.region).select_related("body", "person")

    def prepare(self) -> None:
        super().prepare()
        if getattr(self, "object", None) is not None:
            self.body = self.object.body

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "body": self.body}

    def get_cancel_url(self):
        return reverse("staff:body_detail", args=[self.body.pk]) + "#mitglieder"

    def get_breadcrumbs(self):
        return directory_crumbs(
            (_("Gremien"), reverse("staff:body_list")),
            (str(self.body), reverse("staff:body_detail", args=[self.body.pk])),
            (self.get_title(), None),
        )


class MembershipCreate(MembershipMixin, DirectoryCreate):
    form_class = MembershipForm
    success_message = gettext_lazy("Die Mitgliedschaft wurde angelegt.")

    def prepare(self) -> None:
        self.body = get_object_or_404(
            Body.objects.filter(region=self.region), pk=self.kwargs["body_pk"]
        )
        if not can_edit_directory(self.access, self.body):
            raise PermissionDenied
        super().prepare()

    def get_title(self):
        return _("Neue Mitgliedschaft in: %(body)s") % {"body": self.body}

    def save(self, form):
        return services.create_membership(
            self.body,
            form.model_values(),
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )


class MembershipEdit(MembershipMixin, EditPage):
    form_class = MembershipForm
    success_message = gettext_lazy("Die Mitgliedschaft wurde gespeichert.")

    def get_title(self):
        return _("Mitgliedschaft bearbeiten: %(obj)s") % {"obj": self.object}


class MembershipDelete(MembershipMixin, DeletePage):
    submit_label = gettext_lazy("Mitgliedschaft entfernen")
    question = gettext_lazy("Wollen Sie die Mitgliedschaft „{obj}“ wirklich entfernen?")

    def get_title(self):
        return _("Mitgliedschaft entfernen: %(obj)s") % {"obj": self.object}


# --- lines of work and stakeholder roles -------------------------------------------------------


class WorkLineMixin(DirectorySection):
    list_url_name = "staff:workline_list"
    list_label = gettext_lazy("Arbeitsfelder")
    conflict_subject = gettext_lazy("Dieses Arbeitsfeld")

    def get_queryset(self):
        return WorkLine.objects.filter(region=self.region)


class WorkLineList(WorkLineMixin, StaffPage):
    template_name = "staff/directory/workline_list.html"
    title = gettext_lazy("Arbeitsfelder der Digitalagentur")

    def get_breadcrumbs(self):
        return directory_crumbs((_("Arbeitsfelder"), None))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page"] = paginate(self.request, self.get_queryset().order_by("position", "pk"))
        return context


class WorkLineCreate(WorkLineMixin, DirectoryCreate):
    form_class = WorkLineForm
    title = gettext_lazy("Neues Arbeitsfeld")
    success_message = gettext_lazy("Das Arbeitsfeld wurde angelegt.")

    def save(self, form):
        line = WorkLine(region=self.region, **form.model_values())
        return create_object(line, user=self.request.user, reason=form.cleaned_data["reason"])


class WorkLineEdit(WorkLineMixin, EditPage):
    form_class = WorkLineForm
    success_message = gettext_lazy("Das Arbeitsfeld wurde gespeichert.")

    def get_title(self):
        return _("Arbeitsfeld bearbeiten: %(obj)s") % {"obj": self.object}


class WorkLineDelete(WorkLineMixin, DeletePage):
    pass


class StakeholderMixin(DirectorySection):
    list_url_name = "staff:stakeholder_list"
    list_label = gettext_lazy("Akteure")
    conflict_subject = gettext_lazy("Diese Akteursrolle")

    def get_queryset(self):
        return StakeholderRole.objects.filter(region=self.region)


class StakeholderList(StakeholderMixin, StaffPage):
    template_name = "staff/directory/stakeholder_list.html"
    title = gettext_lazy("Akteure im Strategieprozess")

    def get_breadcrumbs(self):
        return directory_crumbs((_("Akteure"), None))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page"] = paginate(self.request, self.get_queryset().order_by("position", "pk"))
        return context


class StakeholderCreate(StakeholderMixin, DirectoryCreate):
    form_class = StakeholderRoleForm
    title = gettext_lazy("Neue Akteursrolle")
    success_message = gettext_lazy("Die Akteursrolle wurde angelegt.")

    def save(self, form):
        role = StakeholderRole(region=self.region, **form.model_values())
        return create_object(role, user=self.request.user, reason=form.cleaned_data["reason"])


class StakeholderEdit(StakeholderMixin, EditPage):
    form_class = StakeholderRoleForm
    success_message = gettext_lazy("Die Akteursrolle wurde gespeichert.")

    def get_title(self):
        return _("Akteursrolle bearbeiten: %(obj)s") % {"obj": self.object.code}


class StakeholderDelete(StakeholderMixin, DeletePage):
    pass
