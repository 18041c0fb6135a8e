"""Funding in the staff area (issue 8), the reading pages: the overview of deadlines,
programmes and applications, a programme's page with its rules and calls, and an
application's page with its budget overview (laid out like seed 003's table). The writing
pages are in funding_forms.py and funding_plan.py, deadlines in funding_deadlines.py, the
import in funding_import.py, the downloads in funding_exports.py.

Every role of the region may read these pages; everything is looked up in the request's
region (404 otherwise). Figures come from funding.finance and funding.overview: amounts stay
exact Decimal euros and are rounded for display only.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.funding import deadlines
from digitalagentur.funding.deadlines import region_deadlines, start_of_day
from digitalagentur.funding.display import (  # noqa: F401 (shared helpers, re-exported)
    APPLICATION_STATUS_CLASS,
    CALL_STATUS_CLASS,
    budget_table,
    euros,
    german_decimal,
    mio,
    percent,
    share_percent,
)
from digitalagentur.funding.models import (
    ApplicantType,
    Application,
    BudgetLine,
    Call,
    CallDeadline,
    CallStatus,
    CostType,
    Funder,
    OwnShareWeight,
    Programme,
    SubProject,
    call_status,
)
from digitalagentur.funding.overview import overviews
from digitalagentur.funding.rules import application_write_denial, programme_write_denial
from digitalagentur.portfolio.models import Project

from ..changes import history
from ..mixins import ObjectMixin
from .base import ObjectRedirect, StaffPage
from .projects import home_crumb

# -- display helpers (pure): funding/display.py; deadlines and labels here ------------------


def deadline_text(moment: datetime.datetime | None) -> str:
    """'14.03.2021, 24:00 Uhr' (funding.deadlines.deadline_text), "" without a moment."""
    return "" if moment is None else deadlines.deadline_text(moment)


def labels(values, choices) -> str:
    known = dict(choices.choices)
    return ", ".join(str(known.get(v, v)) for v in values or [])


@dataclass
class DeadlineRow:
    due: datetime.datetime
    title: str
    kind: str  # "Bewerbungsfrist" or "weitere Frist"
    call: Call
    status: str
    anchor: str

    @property
    def status_label(self) -> str:
        return CallStatus(self.status).label

    @property
    def status_class(self) -> str:
        return CALL_STATUS_CLASS[self.status]

    @property
    def due_text(self) -> str:
        return deadline_text(self.due)

    @property
    def url(self) -> str:
        return reverse("staff:programme_detail", args=[self.call.programme_id]) + self.anchor


def upcoming_deadlines(region, now: datetime.datetime) -> list[DeadlineRow]:
    """Application deadlines of calls and later deadlines from today on, soonest first
    (two queries; funding.deadlines)."""
    return [
        DeadlineRow(
            d.due,
            d.title,
            d.kind_label,
            d.call,
            call_status(d.call.opens_at, d.due, now),
            d.path[d.path.index("#") :],
        )
        for d in region_deadlines(region, since=start_of_day(now), milestones=False)
    ]


def programme_rules(programme: Programme) -> list[tuple[str, str]]:
    """The rules of a programme in words (label, text)."""
    own = programme.own_share_rate
    if own is None and programme.funding_rate is not None:
        own = Decimal(1) - programme.funding_rate
    rules = [
        (_("Fördersatz"), percent(programme.funding_rate) or _("nicht angegeben")),
        (_("Eigenanteil"), percent(own) or _("nicht angegeben")),
    ]
    if programme.third_party_max_share_of_own is not None:
        rules.append(
            (
                _("Mittel Dritter"),
                _("Dritte bis zu %(share)s des Eigenanteils")
                % {"share": percent(programme.third_party_max_share_of_own)},
            )
        )
    rules.append(
        (
            _("Höchstbetrag je Antrag"),
            euros(programme.max_grant) if programme.max_grant is not None else _("keiner"),
        )
    )
    if programme.total_volume is not None:
        rules.append((_("Gesamtvolumen"), euros(programme.total_volume)))
    rules.append(
        (
            _("Laufzeit"),
            _("höchstens %(months)s Monate") % {"months": programme.max_months}
            if programme.max_months
            else _("nicht begrenzt"),
        )
    )
    rules.append((_("förderfähige Kosten"), labels(programme.cost_types, CostType) or "–"))
    rules.append((_("Antragsberechtigte"), labels(programme.applicant_types, ApplicantType) or "–"))
    return rules


def programme_database_fields(programme: Programme) -> list[tuple[str, str]]:
    """The descriptive fields of the Förderdatenbank des Bundes (website and contact apart)."""
    names = ["funding_type", "funding_area", "funding_region", "eligible_recipients"]
    rows = [(_("Fördergeber"), programme.funder.name)]
    for name in [*names, "legal_basis"]:
        label = str(Programme._meta.get_field(name).verbose_name)
        rows.append((label, getattr(programme, name) or "–"))
    return rows


def with_status_chip(application: Application) -> Application:
    application.status_class = APPLICATION_STATUS_CLASS.get(application.status, "idea")
    return application


# -- pages -----------------------------------------------------------------------------------


def overview_crumbs():
    return [home_crumb(), (_("Förderung"), reverse("staff:funding_overview"))]


class FundingSection:
    """Marks the funding entry of the staff navigation as current."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["section"] = "funding"
        return context


class FundingOverview(FundingSection, StaffPage):
    template_name = "staff/funding/overview.html"
    title = gettext_lazy("Förderung")

    def get_breadcrumbs(self):
        return [home_crumb(), (_("Förderung"), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programmes = Programme.objects.filter(region=self.region).select_related("funder")
        applications = Application.objects.filter(region=self.region).select_related(
            "programme", "call"
        )
        context.update(
            deadlines=upcoming_deadlines(self.region, timezone.now()),
            funders=list(Funder.objects.filter(region=self.region)),
            can_manage_programmes=programme_write_denial(self.access) is None,
            can_create_application=self.access.can_manage or bool(self.access.officer_town_ids),
            programmes=[
                (p, percent(p.funding_rate) or "–", euros(p.max_grant) if p.max_grant else "–")
                for p in programmes
            ],
            applications=[
                (
                    with_status_chip(a),
                    euros(a.requested_amount) or "–",
                    euros(a.granted_amount) or "–",
                )
                for a in applications
            ],
        )
        return context


class ProgrammeDetail(FundingSection, ObjectMixin, StaffPage):
    template_name = "staff/funding/programme_detail.html"

    def get_queryset(self):
        return Programme.objects.filter(region=self.region).select_related("funder")

    def has_permission(self, obj) -> bool:
        return True

    def get_title(self):
        return str(self.object)

    def get_breadcrumbs(self):
        return overview_crumbs() + [(str(self.object), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programme = self.object
        now = timezone.now()
        calls = list(
            Call.objects.filter(region=self.region, programme=programme)
            .prefetch_related(
                Prefetch("later_deadlines", CallDeadline.objects.order_by("due", "pk"))
            )
            .order_by("-deadline", "pk")
        )
        for call in calls:
            call.current_status = call.status_at(now)
            call.status_label = CallStatus(call.current_status).label
            call.status_class = CALL_STATUS_CLASS[call.current_status]
            call.deadline_text = deadline_text(call.deadline)
            call.opens_text = deadline_text(call.opens_at)
            call.later = [(d, deadline_text(d.due)) for d in call.later_deadlines.all()]
        applications = Application.objects.filter(
            region=self.region, programme=programme
        ).select_related("call")
        context.update(
            programme=programme,
            rules=programme_rules(programme),
            database_fields=programme_database_fields(programme),
            phases=[line for line in programme.phases.splitlines() if line.strip()],
            calls=calls,
            applications=[with_status_chip(a) for a in applications],
            history=history(programme),
            can_manage=programme_write_denial(self.access) is None,
            can_create_application=self.access.can_manage or bool(self.access.officer_town_ids),
        )
        return context


class ApplicationDetail(FundingSection, ObjectMixin, StaffPage):
    template_name = "staff/funding/application_detail.html"

    def get_queryset(self):
        return (
            Application.objects.filter(region=self.region)
            .select_related("programme__funder", "call")
            .prefetch_related("municipalities", "projects")
        )

    def has_permission(self, obj) -> bool:
        return True

    def get_title(self):
        return str(self.object)

    def get_breadcrumbs(self):
        return overview_crumbs() + [(str(self.object), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = with_status_chip(self.object)
        overview = overviews([application])[application.pk]
        table = budget_table(overview)
        programme = application.programme
        subprojects = with_budget_lines([r.subproject for r in overview.rows])
        project_ids = {s.project_id for s in subprojects if s.project_id}
        projects = {p.pk: p for p in Project.objects.filter(region=self.region, pk__in=project_ids)}
        context.update(
            application=application,
            programme=programme,
            call_deadline=deadline_text(application.call.deadline) if application.call else "",
            requested=euros(application.requested_amount) or "–",
            granted=euros(application.granted_amount) or "–",
            third_party=euros(application.third_party),
            subprojects=[(s, projects.get(s.project_id)) for s in subprojects],
            rows=table.rows,
            totals=table.totals,
            investive_share=table.investive_share,
            consumptive_share=table.consumptive_share,
            funding_rate=table.funding_rate_text,
            own_rate=table.own_rate_text,
            grant=table.grant,
            own_share=table.own_share,
            plan=table.plan,
            plan_amounts=table.plan_amounts,
            history=history(application),
            can_edit=application_write_denial(self.access, application) is None,
            split=[(row.label, euros(row.amount)) for row in overview.split],
            split_problem=overview.split_problem,
        )
        return context


def with_budget_lines(subprojects: list[SubProject]) -> list[SubProject]:
    """The sub-projects, each with its budget lines as `budget_lines` (one query)."""
    by_id = {sub.pk: sub for sub in subprojects}
    for sub in subprojects:
        sub.budget_lines = []
    for line in BudgetLine.objects.filter(subproject__in=list(by_id)):
        line.amount_text = euros(line.amount)
        by_id[line.subproject_id].budget_lines.append(line)
    return subprojects


# -- the own addresses of calls, deadlines, sub-projects and lines (change-log links) ---------


class CallRedirect(ObjectRedirect):
    model = Call

    def target(self, obj):
        return reverse("staff:programme_detail", args=[obj.programme_id]) + f"#aufruf-{obj.pk}"


class CallDeadlineRedirect(ObjectRedirect):
    model = CallDeadline

    def get_queryset(self):
        return super().get_queryset().select_related("call")

    def target(self, obj):
        return reverse("staff:programme_detail", args=[obj.call.programme_id]) + f"#frist-{obj.pk}"


class SubProjectRedirect(ObjectRedirect):
    model = SubProject

    def target(self, obj):
        url = reverse("staff:application_detail", args=[obj.application_id])
        return f"{url}#teilprojekt-{obj.pk}"


class BudgetLineRedirect(ObjectRedirect):
    model = BudgetLine

    def get_queryset(self):
        return super().get_queryset().select_related("subproject")

    def target(self, obj):
        url = reverse("staff:application_detail", args=[obj.subproject.application_id])
        return f"{url}#teilprojekt-{obj.subproject_id}"


class OwnShareWeightRedirect(ObjectRedirect):
    model = OwnShareWeight

    def target(self, obj):
        return reverse("staff:application_detail", args=[obj.application_id]) + "#aufteilung"
