"""What is inside an application, in the staff area: sub-projects, budget lines, the towns'
manual parts of the own share, and the plan editor (every budget line of the application in
one form whose figures static/js/funding-plan.js recomputes while typing; the server checks
the same rules, funding.finance.compute, before anything is kept).

Who may write is decided by funding.rules.application_write_denial (coordination; officers
for the applications their town takes part in). Every write goes through funding.services.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.core.parsing import parse_id
from digitalagentur.core.services import EditConflict
from digitalagentur.funding import services
from digitalagentur.funding.finance import Plan
from digitalagentur.funding.models import (
    Application,
    BudgetLine,
    OwnShareWeight,
    SplitMode,
    SubProject,
)
from digitalagentur.funding.overview import overviews
from digitalagentur.funding.rules import application_write_denial

from ..changes import conflict_context
from ..forms_funding_plan import (
    BudgetLineForm,
    OwnShareWeightsForm,
    PlanForm,
    PlanLineFormSet,
    SubProjectForm,
    line_initial,
)
from ..mixins import ObjectMixin
from .base import StaffPage
from .funding import FundingSection
from .funding_forms import (
    ServiceCreate,
    ServiceDelete,
    ServiceEdit,
    application_crumbs,
    application_url,
)
from .funding_plan_figures import EMPTY_SUMS, plan_context

LINE_FIELDS = ("label", "year", "kind", "eligible", "amount")


class ApplicationChild:
    """Sub-projects and lines: writable by whoever may write their application."""

    def application_of(self, obj) -> Application:
        raise NotImplementedError

    def has_permission(self, obj) -> bool:
        return application_write_denial(self.access, self.application_of(obj)) is None

    def parent_application(self) -> Application:
        return self.application_of(self.object)

    def get_breadcrumbs(self):
        return application_crumbs(self.parent_application(), (self.get_title(), None))


def writable_application(view, pk) -> Application:
    """The region's application `pk` (404) that the user may write (403)."""
    application = get_object_or_404(
        Application.objects.filter(region=view.region).select_related("programme"), pk=pk
    )
    if application_write_denial(view.access, application):
        raise PermissionDenied
    return application


# -- sub-projects --------------------------------------------------------------------------------


class SubProjectMixin(ApplicationChild):
    form_class = SubProjectForm
    conflict_subject = gettext_lazy("Dieses Teilprojekt")

    def get_queryset(self):
        return SubProject.objects.filter(region=self.region).select_related("application")

    def application_of(self, obj):
        return obj.application

    def get_cancel_url(self):
        return application_url(self.object.application_id, "#teilprojekte")


class SubProjectCreate(SubProjectMixin, ServiceCreate):
    title = gettext_lazy("Neues Teilprojekt")
    success_message = gettext_lazy("Das Teilprojekt wurde angelegt.")

    def prepare(self) -> None:
        self.application = writable_application(self, self.kwargs["application_pk"])
        super().prepare()

    def parent_application(self):
        return self.application

    def get_form(self, data=None):
        form = super().get_form(data)
        last = SubProject.objects.filter(application=self.application).order_by("-position")
        form.fields["position"].initial = (last.values_list("position", flat=True).first() or 0) + 1
        return form

    def get_cancel_url(self):
        return application_url(self.application.pk, "#teilprojekte")

    def new_instance(self, form):
        return SubProject(region=self.region, application=self.application, **form.model_values())


class SubProjectEdit(SubProjectMixin, ServiceEdit):
    success_message = gettext_lazy("Das Teilprojekt wurde gespeichert.")

    def get_title(self):
        return _("Teilprojekt bearbeiten: %(obj)s") % {"obj": self.object}


class SubProjectDelete(SubProjectMixin, ServiceDelete):
    question = gettext_lazy(
        "Wollen Sie das Teilprojekt „{obj}“ mit seinen Budgetzeilen wirklich löschen? Das lässt "
        "sich nicht rückgängig machen."
    )


# -- budget lines ----------------------------------------------------------------------------------


class LineMixin(ApplicationChild):
    form_class = BudgetLineForm
    conflict_subject = gettext_lazy("Diese Budgetzeile")

    def get_queryset(self):
        return BudgetLine.objects.filter(region=self.region).select_related(
            "subproject__application"
        )

    def application_of(self, obj):
        return obj.subproject.application

    def get_cancel_url(self):
        return application_url(self.parent_application().pk, "#budget")


class LineCreate(LineMixin, ServiceCreate):
    title = gettext_lazy("Neue Budgetzeile")
    success_message = gettext_lazy("Die Budgetzeile wurde angelegt.")

    def prepare(self) -> None:
        self.subproject = get_object_or_404(
            SubProject.objects.filter(region=self.region).select_related("application"),
            pk=self.kwargs["subproject_pk"],
        )
        if application_write_denial(self.access, self.subproject.application):
            raise PermissionDenied
        super().prepare()

    def parent_application(self):
        return self.subproject.application

    def get_title(self):
        return _("Neue Budgetzeile in „%(sub)s“") % {"sub": self.subproject}

    def new_instance(self, form):
        return BudgetLine(region=self.region, subproject=self.subproject, **form.model_values())


class LineEdit(LineMixin, ServiceEdit):
    success_message = gettext_lazy("Die Budgetzeile wurde gespeichert.")

    def get_title(self):
        return _("Budgetzeile bearbeiten: %(obj)s") % {"obj": self.object}


class LineDelete(LineMixin, ServiceDelete):
    pass


# -- the towns' parts of the own share -----------------------------------------------------------


class OwnShareWeights(FundingSection, ObjectMixin, StaffPage):
    """One field per participating town: its fixed part of the own share (split "manual")."""

    template_name = "staff/funding/weights_form.html"

    def get_queryset(self):
        return Application.objects.filter(region=self.region)

    def has_permission(self, obj) -> bool:
        return application_write_denial(self.access, obj) is None

    def get_title(self):
        return _("Anteile am Eigenanteil: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return application_crumbs(self.object, (_("Anteile am Eigenanteil"), None))

    def get_form(self, data=None):
        towns = self.object.municipalities.order_by("name", "pk")
        weights = {
            w.municipality_id: w
            for w in OwnShareWeight.objects.filter(application=self.object).select_related(
                "municipality"
            )
        }
        self.stray = [w for town_id, w in weights.items() if town_id not in {t.pk for t in towns}]
        return OwnShareWeightsForm(data, towns=towns, weights=weights)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            application=self.object,
            cancel_url=application_url(self.object.pk, "#aufteilung"),
            manual=self.object.split_mode == SplitMode.MANUAL,
            stray=self.stray,
        )
        return context

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            self.save(form)
        except EditConflict as exc:
            data = request.POST.copy()
            data[f"version_{exc.instance.municipality_id}"] = str(exc.current_version)
            fresh = self.get_form(data)
            fresh.is_valid()
            conflict = conflict_context(exc, _("Dieser Anteil"), ["weight"])
            context = self.get_context_data(form=fresh, conflict=conflict)
            return self.render_to_response(context, status=409)
        except ValidationError as exc:  # another person set this town's first part meanwhile
            form.add_error(None, exc.messages)
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(request, _("Die Anteile am Eigenanteil wurden gespeichert."))
        return redirect(application_url(self.object.pk, "#aufteilung"))

    @transaction.atomic
    def save(self, form) -> None:
        user, reason = self.request.user, form.cleaned_data["reason"]
        for town, weight, version in form.parts():
            stored = form.weights.get(town.pk)
            if stored is None and weight is not None:
                services.create(
                    OwnShareWeight(
                        region=self.region,
                        application=self.object,
                        municipality=town,
                        weight=weight,
                    ),
                    user=user,
                    reason=reason,
                )
            elif stored is not None and weight is None:
                services.delete(stored, expected_version=version, user=user, reason=reason)
            elif stored is not None and stored.weight != weight:
                services.update(
                    stored, {"weight": weight}, expected_version=version, user=user, reason=reason
                )
        for stored in self.stray:  # towns that no longer take part
            services.delete(stored, expected_version=stored.version, user=user, reason=reason)


# -- the plan editor -----------------------------------------------------------------------------


class PlanRejected(Exception):
    """The plan breaks a rule (funding.finance errors): nothing was kept."""

    def __init__(self, plan: Plan):
        super().__init__("; ".join(plan.errors))
        self.plan = plan


class PlanEdit(FundingSection, ObjectMixin, StaffPage):
    """Every budget line of the application in one form, one formset per sub-project."""

    template_name = "staff/funding/plan_form.html"

    def get_queryset(self):
        return Application.objects.filter(region=self.region).select_related(
            "programme__funder", "call"
        )

    def has_permission(self, obj) -> bool:
        return application_write_denial(self.access, obj) is None

    def get_title(self):
        return _("Finanzierungsplan bearbeiten: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return application_crumbs(self.object, (_("Finanzierungsplan bearbeiten"), None))

    def subprojects(self) -> list[SubProject]:
        lines = BudgetLine.objects.order_by("year", "kind", "pk")
        return list(
            SubProject.objects.filter(application=self.object)
            .order_by("position", "pk")
            .prefetch_related(Prefetch("lines", lines))
        )

    def build(self, data=None):
        """The application's form and one formset per sub-project (only the sub-projects the
        posted form knew are bound; one added meanwhile is shown unbound)."""
        plan_form = PlanForm(data, application=self.object)
        sets = []
        for sub in self.subprojects():
            prefix = f"tp{sub.pk}"
            if data is not None and f"{prefix}-TOTAL_FORMS" in data:
                formset = PlanLineFormSet(data, prefix=prefix)
            else:
                initial = [line_initial(line) for line in sub.lines.all()]
                formset = PlanLineFormSet(prefix=prefix, initial=initial)
            sets.append((sub, formset))
        return plan_form, sets

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(plan_context(self.object, kwargs.get("rejected")))
        for sub, _formset in kwargs.get("sets", ()):
            sub.sums = context["sums"].get(sub.pk, EMPTY_SUMS)
        context.update(
            application=self.object,
            cancel_url=application_url(self.object.pk, "#budget"),
            new_subproject_url=reverse("staff:subproject_create", args=[self.object.pk]),
        )
        return context

    def get(self, request, *args, **kwargs):
        plan_form, sets = self.build()
        return self.render_to_response(self.get_context_data(form=plan_form, sets=sets))

    def post(self, request, *args, **kwargs):
        plan_form, sets = self.build(request.POST)
        gone = self.unknown_rows(sets)
        if gone:
            return self.lines_gone(request, gone)
        valid = plan_form.is_valid()
        for _sub, formset in sets:
            if formset.is_bound:
                valid = formset.is_valid() and valid
        if not valid:
            return self.render_to_response(self.get_context_data(form=plan_form, sets=sets))
        try:
            plan = self.save(plan_form, sets)
        except EditConflict as exc:
            return self.conflict(request, exc)
        except PlanRejected as exc:
            plan_form.add_error(None, exc.plan.errors)
            context = self.get_context_data(form=plan_form, sets=sets, rejected=exc.plan)
            return self.render_to_response(context)
        except ValidationError as exc:  # e.g. a twin saved at the same moment
            plan_form.add_error(None, exc.messages)
            return self.render_to_response(self.get_context_data(form=plan_form, sets=sets))
        messages.success(request, _("Der Finanzierungsplan wurde gespeichert."))
        for warning in plan.warnings:
            messages.warning(request, warning)
        return redirect(application_url(self.object.pk, "#budget"))

    def unknown_rows(self, sets) -> list[str]:
        """The prefixes of posted rows naming a line that is not (or no longer) one of their
        sub-project: deleted meanwhile, or never this application's."""
        gone = []
        for sub, formset in sets:
            if not formset.is_bound or not formset.management_form.is_valid():
                continue
            known = {line.pk for line in sub.lines.all()}
            for form in formset.forms:
                line_id = parse_id(form.data.get(form.add_prefix("line"), ""))
                if line_id is not None and line_id not in known:
                    gone.append(form.prefix)
        return gone

    def lines_gone(self, request, prefixes: list[str]):
        """Nothing is saved; the rows are shown again as new lines (saved again, they are
        created anew)."""
        data = request.POST.copy()
        for prefix in prefixes:
            data[f"{prefix}-line"] = data[f"{prefix}-version"] = ""
        plan_form, sets = self.build(data)
        plan_form.is_valid()
        for _sub, formset in sets:
            formset.is_valid()
        plan_form.add_error(
            None,
            _(
                "Budgetzeilen, die Sie bearbeitet haben, wurden inzwischen gelöscht. Es wurde "
                "nichts gespeichert; Ihre Eingaben sind erhalten. Speichern Sie erneut, um sie "
                "als neue Zeilen anzulegen."
            ),
        )
        return self.render_to_response(self.get_context_data(form=plan_form, sets=sets), status=409)

    def save(self, plan_form, sets) -> Plan:
        """Apply every change in one transaction; keep it only if the plan keeps the rules."""
        user, reason = self.request.user, plan_form.cleaned_data["reason"]
        with transaction.atomic():
            application = self.object
            if plan_form.values_changed():
                application = services.update(
                    application,
                    plan_form.values(),
                    expected_version=plan_form.cleaned_data["version"],
                    user=user,
                    reason=reason,
                )
            for sub, formset in sets:
                if not formset.is_bound:
                    continue  # added since the editor was loaded: nothing typed for it
                lines = {line.pk: line for line in sub.lines.all()}
                for form in formset.forms:
                    self.save_line(sub, lines, formset, form, user=user, reason=reason)
            fresh = self.get_queryset().get(pk=application.pk)
            plan = overviews([fresh])[fresh.pk].plan
            if plan.errors:
                raise PlanRejected(plan)
        return plan

    def save_line(self, sub, lines, formset, form, *, user, reason) -> None:
        data = getattr(form, "cleaned_data", None) or {}
        line = lines.get(data.get("line"))
        if data.get("DELETE"):
            if line is not None:
                services.delete(
                    line, expected_version=data.get("version"), user=user, reason=reason
                )
            return
        if line is not None:
            values = form.values()
            if any(getattr(line, name) != value for name, value in values.items()):
                services.update(
                    line, values, expected_version=data["version"], user=user, reason=reason
                )
        elif data and form.has_changed():
            services.create(
                BudgetLine(region=self.region, subproject=sub, **form.values()),
                user=user,
                reason=reason,
            )

    def conflict(self, request, exc: EditConflict):
        """Keep the input, based on the current version of what someone else changed."""
        data = request.POST.copy()
        obj = exc.instance
        if isinstance(obj, Application):
            data["version"] = str(exc.current_version)
            names, subject = ["start_date", "end_date", "third_party"], _("Der Förderantrag")
        else:
            gone = not BudgetLine.objects.filter(pk=obj.pk).exists()
            for key, value in list(data.items()):
                if key.endswith("-line") and value == str(obj.pk):
                    version_key = key.removesuffix("-line") + "-version"
                    data[version_key] = "" if gone else str(exc.current_version)
                    if gone:
                        data[key] = ""  # saved again, the line is created anew
            names = list(LINE_FIELDS)
            subject = _("Die Budgetzeile „%(line)s“") % {"line": obj}
        plan_form, sets = self.build(data)
        plan_form.is_valid()
        for _sub, formset in sets:
            formset.is_valid()
        conflict = conflict_context(exc, subject, names)
        context = self.get_context_data(form=plan_form, sets=sets, conflict=conflict)
        return self.render_to_response(context, status=409)
