"""Public funding pages (issue 8): the programmes the region uses and the funding won, an
application's budget overview (laid out like seed 003's table, with charts), its export, and
the funding section of a project's profile.

The public sees published programmes, calls and applications of the request's region only,
never drafts, internal notes or unpublished projects. "Funding won" is what approved
applications were granted: the granted amount, or the grant the financing plan gives when
none is entered. Every list is read in a fixed number of queries (prefetch, overviews()).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from digitalagentur.funding import exports
from digitalagentur.funding.display import (
    APPLICATION_STATUS_CLASS,
    BudgetTable,
    budget_table,
    euros,
    mio,
)
from digitalagentur.funding.models import Application, ApplicationStatus, Call, Programme
from digitalagentur.funding.overview import Overview, overviews
from digitalagentur.portfolio.models import Project
from digitalagentur.tenancy.models import Municipality
from digitalagentur.tenancy.pagecache import cache_public

from .shared import render_shared

ZERO = Decimal("0.00")


def _crumbs(*items):
    return [(_("Start"), reverse("public:home")), *items]


# --- reading ---------------------------------------------------------------------------------


def public_projects_qs(region) -> QuerySet[Project]:
    return Project.objects.filter(region=region, published=True).order_by("code", "title", "pk")


def published_applications(region) -> QuerySet[Application]:
    """The region's published applications with what their public pages show (published
    programme and call checked in Python, towns and published projects prefetched)."""
    if region is None:
        return Application.objects.none()
    return (
        Application.objects.filter(region=region, published=True)
        .select_related("programme__funder", "call")
        .prefetch_related(
            Prefetch("municipalities", Municipality.objects.order_by("name", "pk")),
            Prefetch("projects", public_projects_qs(region), to_attr="public_projects"),
        )
    )


def won_amount(application: Application, overview: Overview | None) -> tuple[Decimal | None, bool]:
    """(amount won, computed?) of an approved application: the granted amount, else the
    grant of its financing plan; (None, False) when not approved or no amount is known."""
    if application.status != ApplicationStatus.APPROVED:
        return None, False
    if application.granted_amount is not None:
        return application.granted_amount, False
    if overview is not None and overview.plan.grant > 0:
        return overview.plan.grant, True
    return None, False


@dataclass
class PublicApplication:
    """An application as the public pages show it."""

    application: Application
    overview: Overview
    programme: Programme | None  # None unless published
    call: Call | None  # None unless published
    towns: list[Municipality]
    projects: list[Project]  # published, linked directly or through a sub-project
    won: Decimal | None = None
    won_is_computed: bool = False
    # (title, Mio. € text) of the sub-projects carrying the project (set by project_funding)
    subprojects_of_project: list = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.application.title

    @property
    def url(self) -> str:
        return reverse("public:funding_application", args=[self.application.slug])

    @property
    def status_label(self) -> str:
        return self.application.get_status_display()

    @property
    def status_class(self) -> str:
        return APPLICATION_STATUS_CLASS.get(self.application.status, "idea")

    @property
    def is_approved(self) -> bool:
        return self.application.status == ApplicationStatus.APPROVED

    @property
    def won_text(self) -> str:
        return euros(self.won)

    @property
    def has_budget(self) -> bool:
        return bool(self.overview.rows)


def prepare(region, applications) -> list[PublicApplication]:
    """PublicApplications of `applications` (from published_applications): two queries for
    the budgets and one for the projects of their sub-projects, whatever their number."""
    applications = list(applications)
    if not applications:
        return []
    budgets = overviews(applications)
    sub_project_ids = {
        row.subproject.project_id
        for overview in budgets.values()
        for row in overview.rows
        if row.subproject.project_id
    }
    through_subprojects = {}
    if sub_project_ids:
        through_subprojects = {
            p.pk: p for p in public_projects_qs(region).filter(pk__in=sub_project_ids)
        }
    result = []
    for application in applications:
        overview = budgets[application.pk]
        projects = {p.pk: p for p in application.public_projects}
        for row in overview.rows:
            project = through_subprojects.get(row.subproject.project_id)
            if project is not None:
                projects.setdefault(project.pk, project)
        programme = application.programme
        call = application.call
        won, computed = won_amount(application, overview)
        result.append(
            PublicApplication(
                application=application,
                overview=overview,
                programme=programme if programme is not None and programme.published else None,
                call=call if call is not None and call.published else None,
                towns=list(application.municipalities.all()),
                projects=sorted(projects.values(), key=lambda p: (p.code, p.title, p.pk)),
                won=won,
                won_is_computed=computed,
            )
        )
    return result


def programmes_used(region) -> QuerySet[Programme]:
    """Published programmes with at least one published application or published call."""
    if region is None:
        return Programme.objects.none()
    return (
        Programme.objects.filter(region=region, published=True)
        .filter(
            Q(applications__published=True, applications__region=region)
            | Q(calls__published=True, calls__region=region)
        )
        .distinct()
        .select_related("funder")
        .order_by("name", "pk")
    )


@dataclass
class ProgrammeRow:
    programme: Programme
    applications: int = 0
    won: Decimal = ZERO
    won_count: int = 0

    @property
    def won_text(self) -> str:
        return euros(self.won) if self.won_count else "–"


@dataclass
class FundingSummary:
    won: list[PublicApplication]
    others: list[PublicApplication]
    programmes: list[ProgrammeRow]
    total_won: Decimal
    unknown_amounts: int  # approved applications without a known amount

    @property
    def total_won_text(self) -> str:
        return euros(self.total_won)

    @property
    def known_amounts(self) -> int:
        return len(self.won) - self.unknown_amounts

    @property
    def is_empty(self) -> bool:
        return not (self.won or self.others or self.programmes)


def funding_summary(region) -> FundingSummary:
    """What the funding page shows (a fixed number of queries)."""
    shown = prepare(region, published_applications(region))
    won = [a for a in shown if a.is_approved]
    others = [a for a in shown if not a.is_approved]
    rows = {p.pk: ProgrammeRow(p) for p in programmes_used(region)}
    for item in shown:
        row = rows.get(item.programme.pk) if item.programme is not None else None
        if row is None:
            continue
        row.applications += 1
        if item.won is not None:
            row.won += item.won
            row.won_count += 1
    return FundingSummary(
        won=won,
        others=others,
        programmes=list(rows.values()),
        total_won=sum((a.won for a in won if a.won is not None), ZERO),
        unknown_amounts=sum(1 for a in won if a.won is None),
    )


def project_funding(region, project: Project) -> list[PublicApplication]:
    """The published applications of a project (linked directly or through a sub-project),
    each with the sub-projects that carry the project."""
    if region is None or project is None:
        return []
    applications = (
        published_applications(region)
        .filter(Q(projects=project) | Q(subprojects__project=project))
        .distinct()
        .order_by("-submitted_on", "title", "pk")
    )
    items = prepare(region, applications)
    for item in items:
        item.subprojects_of_project = [
            (row.label, mio(row.total))
            for row in item.overview.rows
            if row.subproject.project_id == project.pk
        ]
    return items


def public_application(region, slug: str) -> PublicApplication:
    if region is None:
        raise Http404("Förderantrag nicht gefunden")
    application = get_object_or_404(published_applications(region), slug=slug)
    return prepare(region, [application])[0]


# --- views -----------------------------------------------------------------------------------


@cache_public
def funding_overview(request):
    def build():
        return {
            "summary": funding_summary(request.region),
            "breadcrumbs": _crumbs((_("Förderung"), None)),
        }

    return render_shared(request, "public/funding.html", build)


def budget_context(item: PublicApplication) -> dict:
    table: BudgetTable = budget_table(item.overview)
    return {"budget": table, "rows": table.rows, "plan": table.plan}


@cache_public
def funding_application(request, slug):
    def build():
        item = public_application(request.region, slug)
        return {
            "item": item,
            "application": item.application,
            **budget_context(item),
            "breadcrumbs": _crumbs(
                (_("Förderung"), reverse("public:funding")), (item.application.title, None)
            ),
        }

    return render_shared(request, "public/funding_application.html", build)


def funding_application_export(request, slug, fmt):
    """A published application's budget overview as XLSX or CSV."""
    item = public_application(request.region, slug)
    content, content_type, filename = exports.budget_overview_file(item.overview, fmt, public=True)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
