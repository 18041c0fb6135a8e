"""The employer pilot in the staff area (issue 11, section 4): the coordination creates and
edits the region's employers (with their managers), their contingents of desk-days and the
named staff who may book against them. Every write goes through spaces/pilot.py (change log,
version lock); coordination only (coordinators, region admins), other regions 404.

Whether a member is named in the employer's report is their own decision
(/landraeume/arbeitgeber/); it is shown here, never set.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.spaces import pilot
from digitalagentur.spaces.models import Contingent, ContingentMember, Employer

from ..forms import ConfirmForm
from ..forms_spaces import ContingentForm, EmployerForm, MemberAddForm
from .base import ConfirmPage, CreatePage, DeletePage, EditPage
from .spaces import SpacesPage, _crumbs


def pilot_crumbs(*tail):
    return _crumbs(
        (_("Landräume"), reverse("staff:spaces")),
        (_("Arbeitgeber und Kontingente"), reverse("staff:spaces_employers")),
        *tail,
    )


class PilotSection:
    """Coordination only; the navigation highlights the Landräume."""

    def has_page_permission(self) -> bool:
        return self.access.can_manage

    def has_permission(self, obj) -> bool:
        return pilot.manages_employer(self.request.user, self.access, self.employer_of(obj))

    def employer_of(self, obj):
        return obj

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["section"] = "spaces"
        return context


class EmployerList(SpacesPage):
    template_name = "staff/spaces/pilot/employer_list.html"
    title = gettext_lazy("Arbeitgeber und Kontingente")

    def get_breadcrumbs(self):
        return _crumbs(
            (_("Landräume"), reverse("staff:spaces")), (_("Arbeitgeber und Kontingente"), None)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        contingents = Contingent.objects.annotate(member_count=Count("members")).order_by(
            "valid_from", "name", "pk"
        )
        context["employers"] = list(
            Employer.objects.filter(region=self.region)
            .prefetch_related(Prefetch("contingents", queryset=contingents), "managers")
            .order_by("name", "pk")
        )
        return context


# --- employers -------------------------------------------------------------------------------


class EmployerMixin(PilotSection):
    conflict_subject = gettext_lazy("Dieser Arbeitgeber")
    template_name = "staff/spaces/pilot/employer_form.html"

    def get_queryset(self):
        return Employer.objects.filter(region=self.region)

    def get_cancel_url(self) -> str:
        return reverse("staff:spaces_employers")

    def get_breadcrumbs(self):
        return pilot_crumbs((self.get_title(), None))


class EmployerCreate(EmployerMixin, CreatePage):
    form_class = EmployerForm
    title = gettext_lazy("Neuer Arbeitgeber")
    success_message = gettext_lazy("Der Arbeitgeber wurde angelegt.")

    def save(self, form):
        employer = Employer(region=self.region, name=form.cleaned_data["name"])
        return pilot.create_employer(
            employer, user=self.request.user, managers=form.cleaned_data["manager_names"]
        )

    def get_success_url(self, obj) -> str:
        return reverse("staff:spaces_employer_edit", args=[obj.pk])


class EmployerEdit(EmployerMixin, EditPage):
    form_class = EmployerForm
    success_message = gettext_lazy("Der Arbeitgeber wurde gespeichert.")

    def get_title(self):
        return _("Arbeitgeber bearbeiten: %(obj)s") % {"obj": self.object}

    def save(self, form):
        return pilot.update_employer(
            self.object,
            form.model_values(),
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            managers=form.cleaned_data["manager_names"],
            reason=form.cleaned_data["reason"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["contingents"] = list(
            self.object.contingents.annotate(member_count=Count("members")).order_by(
                "valid_from", "name", "pk"
            )
        )
        return context


class EmployerDelete(EmployerMixin, DeletePage):
    template_name = "staff/confirm.html"
    show_refusal = True  # booked against: the reason on the page, 400
    question = gettext_lazy(
        "Wollen Sie den Arbeitgeber „{obj}“ mit seinen Kontingenten und Berechtigungen wirklich "
        "löschen? Das geht nur, solange niemand gegen eines seiner Kontingente gebucht hat."
    )

    def get_cancel_url(self) -> str:
        return reverse("staff:spaces_employer_edit", args=[self.object.pk])

    def get_success_url(self) -> str:
        return reverse("staff:spaces_employers")

    def perform(self, form) -> str:
        pilot.delete_employer(
            self.object,
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )
        return _("Der Arbeitgeber „%(obj)s“ wurde gelöscht.") % {"obj": self.object}


# --- contingents -----------------------------------------------------------------------------


class ContingentMixin(PilotSection):
    conflict_subject = gettext_lazy("Dieses Kontingent")
    template_name = "staff/spaces/pilot/contingent_form.html"

    def get_queryset(self):
        return Contingent.objects.filter(region=self.region).select_related("employer")

    def employer_of(self, obj):
        return obj.employer

    def prepare(self) -> None:
        super().prepare()
        if getattr(self, "object", None) is not None:
            self.employer = self.object.employer

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "employer": self.employer}

    def get_cancel_url(self) -> str:
        return reverse("staff:spaces_employers") + f"#arbeitgeber-{self.employer.pk}"

    def get_breadcrumbs(self):
        return pilot_crumbs(
            (str(self.employer), reverse("staff:spaces_employer_edit", args=[self.employer.pk])),
            (self.get_title(), None),
        )


class ContingentCreate(ContingentMixin, CreatePage):
    form_class = ContingentForm
    success_message = gettext_lazy("Das Kontingent wurde angelegt.")

    def prepare(self) -> None:
        self.employer = get_object_or_404(
            Employer.objects.filter(region=self.region), pk=self.kwargs["employer_pk"]
        )
        super().prepare()

    def get_title(self):
        return _("Neues Kontingent für: %(employer)s") % {"employer": self.employer}

    def save(self, form):
        contingent = Contingent(region=self.region, employer=self.employer, **form.model_values())
        return pilot.create_contingent(contingent, user=self.request.user)

    def get_success_url(self, obj) -> str:
        return reverse("staff:spaces_contingent_edit", args=[obj.pk])


class ContingentEdit(ContingentMixin, EditPage):
    """The contingent's data and, below, its members (add here, remove with confirmation)."""

    form_class = ContingentForm
    success_message = gettext_lazy("Das Kontingent wurde gespeichert.")

    def get_title(self):
        return _("Kontingent bearbeiten: %(obj)s") % {"obj": self.object.name}

    def save(self, form):
        return pilot.update_contingent(
            self.object,
            form.model_values(),
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )

    def get_success_url(self, obj) -> str:
        return reverse("staff:spaces_contingent_edit", args=[obj.pk])

    def post(self, request, *args, **kwargs):
        if "add_member" in request.POST:
            return self.add_member(request)
        return super().post(request, *args, **kwargs)

    def add_member(self, request):
        member_form = MemberAddForm(request.POST, contingent=self.object)
        if member_form.is_valid():
            user = member_form.cleaned_data["account"]
            try:
                pilot.add_member(self.object, user, user=request.user)
            except ValidationError as exc:
                member_form.add_error("account", exc.messages)
            else:
                messages.success(
                    request,
                    _("%(name)s ist für das Kontingent freigeschaltet.")
                    % {"name": user.get_username()},
                )
                return redirect(self.get_success_url(self.object) + "#berechtigte")
        context = self.get_context_data(form=self.get_form(), member_form=member_form)
        return self.render_to_response(context, status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("member_form", MemberAddForm(contingent=self.object))
        context["members"] = list(
            ContingentMember.objects.filter(contingent=self.object)
            .select_related("user")
            .order_by("user__username", "pk")
        )
        return context


class ContingentDelete(ContingentMixin, DeletePage):
    template_name = "staff/confirm.html"
    show_refusal = True  # booked against: the reason on the page, 400
    question = gettext_lazy(
        "Wollen Sie das Kontingent „{obj}“ mit seinen Berechtigungen wirklich löschen? Das geht "
        "nur, solange niemand dagegen gebucht hat."
    )

    def get_title(self) -> str:
        return _("Löschen: %(obj)s") % {"obj": self.object.name}

    def get_cancel_url(self) -> str:
        return reverse("staff:spaces_contingent_edit", args=[self.object.pk])

    def get_success_url(self) -> str:
        return reverse("staff:spaces_employer_edit", args=[self.employer.pk]) + "#kontingente"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["question"] = str(self.question).format(obj=self.object.name)
        return context

    def perform(self, form) -> str:
        pilot.delete_contingent(
            self.object,
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )
        return _("Das Kontingent „%(obj)s“ wurde gelöscht.") % {"obj": self.object.name}


class MemberRemove(PilotSection, ConfirmPage):
    danger = True
    submit_label = gettext_lazy("Entfernen")

    def get_queryset(self):
        return Contingent.objects.filter(region=self.region).select_related("employer")

    def employer_of(self, obj):
        return obj.employer

    def prepare(self) -> None:
        super().prepare()
        self.contingent = self.object
        self.employer = self.contingent.employer
        self.member = get_object_or_404(
            ContingentMember.objects.select_related("user"),
            contingent=self.contingent,
            pk=self.kwargs["member_pk"],
        )

    def get_title(self) -> str:
        return _("Berechtigung entfernen: %(name)s") % {"name": self.member.user.get_username()}

    def get_breadcrumbs(self):
        return pilot_crumbs(
            (str(self.employer), reverse("staff:spaces_employer_edit", args=[self.employer.pk])),
            (
                self.contingent.name,
                reverse("staff:spaces_contingent_edit", args=[self.contingent.pk]),
            ),
            (self.get_title(), None),
        )

    def get_cancel_url(self) -> str:
        return reverse("staff:spaces_contingent_edit", args=[self.contingent.pk]) + "#berechtigte"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["question"] = _(
            "Soll %(name)s nicht mehr gegen das Kontingent „%(contingent)s“ buchen dürfen? "
            "Bereits gemachte Buchungen bleiben bestehen und zählen weiter."
        ) % {"name": self.member.user.get_username(), "contingent": self.contingent.name}
        return context

    def post(self, request, *args, **kwargs):
        # Removing a member does not change the contingent's version: no version needed.
        form = ConfirmForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            pilot.remove_member(
                self.contingent,
                self.member.user,
                user=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("%(name)s ist nicht mehr für das Kontingent freigeschaltet.")
                % {"name": self.member.user.get_username()},
            )
        return redirect(self.get_cancel_url())
