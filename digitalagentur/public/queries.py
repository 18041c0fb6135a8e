"""What the public may see of a region: published content only, never internal notes.

Every function takes the request's region (which may be None on an empty installation) and
returns region-scoped querysets or plain values, so that views stay thin and the query count
of a page does not grow with the data (related rows are joined or prefetched here).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.http import Http404
from django.utils import timezone

from digitalagentur.core.parsing import parse_id
from digitalagentur.directory.choices import MembershipRole
from digitalagentur.directory.models import Body, Membership, Person, StakeholderRole, WorkLine
from digitalagentur.funding.models import Application
from digitalagentur.participation.models import Idea
from digitalagentur.portfolio import town_roles
from digitalagentur.portfolio.choices import ParticipationRole
from digitalagentur.portfolio.filtersets import SLUG_RE
from digitalagentur.portfolio.models import (
    Milestone,
    Participation,
    Project,
    ProjectUpdate,
)
from digitalagentur.portfolio.summary import StatusSummary, status_summary
from digitalagentur.portfolio.town_roles import region_towns, with_town_roles
from digitalagentur.strategy.choices import Decision
from digitalagentur.strategy.models import Adoption, Field, Goal, Strategy, TimelineEvent
from digitalagentur.tenancy.models import Municipality

from .project_support import with_support

# The Person.office text that marks a town's digitalisation officer when no membership says so.
OFFICER_OFFICE_MARKER = "Digitalisierungsbeauftragte"


def public_strategy(region) -> Strategy | None:
    """The region's strategy if it is published, else None."""
    if region is None:
        return None
    return Strategy.objects.filter(region=region, published=True).first()


def public_fields(strategy: Strategy | None) -> QuerySet[Field]:
    """Published fields of a published strategy (with their priority group joined)."""
    if strategy is None:
        return Field.objects.none()
    return (
        Field.objects.filter(strategy=strategy, region_id=strategy.region_id, published=True)
        .select_related("priority_group")
        .order_by("priority_group__number", "position", "name")
    )


@dataclass
class PriorityBlock:
    group: object
    fields: list = field(default_factory=list)


def fields_by_priority(strategy: Strategy | None) -> list[PriorityBlock]:
    """Published fields grouped by priority group, groups in order, empty groups left out."""
    blocks: dict[int, PriorityBlock] = {}
    for f in public_fields(strategy):
        blocks.setdefault(f.priority_group_id, PriorityBlock(f.priority_group)).fields.append(f)
    return list(blocks.values())


def public_field(strategy: Strategy | None, slug: str) -> Field:
    try:
        return public_fields(strategy).get(slug=slug)
    except Field.DoesNotExist:
        raise Http404("Handlungsfeld nicht gefunden") from None


def public_goals(field_obj: Field) -> QuerySet[Goal]:
    return field_obj.goals.filter(published=True, region_id=field_obj.region_id)


def published_projects(region) -> QuerySet[Project]:
    """Published projects of the region with field, priority group and towns loaded.

    The field is joined with its strategy so that `field_is_public` needs no query; the
    participating towns come with each row (portfolio/town_roles.py, read by for_display).
    """
    if region is None:
        return Project.objects.none()
    return with_town_roles(
        Project.objects.filter(region=region, published=True).select_related(
            "field", "field__priority_group", "field__strategy"
        )
    )


def field_is_public(project: Project) -> bool:
    """True if the project's field may be shown (loaded by published_projects, no query)."""
    f = project.field
    return f is not None and f.published and f.strategy.published


def public_project(region, key: str) -> Project:
    """A published project of the region by slug (or by id when the key is a number), with
    its towns' parts (project_parts) and `has_funding`: whether a published application
    carries it (the funding section then loads them; otherwise it costs no query), and
    `source_idea_pk` / `source_idea_title` of the public idea it was made from, if any."""
    applications = Application.objects.filter(published=True).filter(
        Q(projects=OuterRef("pk")) | Q(subprojects__project=OuterRef("pk"))
    )
    # The public idea it was made from (issue 12: the project links back), in the same query.
    ideas = Idea.objects.public().filter(project=OuterRef("pk"))
    projects = town_roles.with_parts(published_projects(region)).annotate(
        has_funding=Exists(applications),
        source_idea_pk=Subquery(ideas.values("pk")[:1]),
        source_idea_title=Subquery(ideas.values("title")[:1]),
    )
    projects = with_support(projects)  # reuse and phase facts (issue 14), in the same query
    project = projects.filter(slug=key).first() if SLUG_RE.fullmatch(key) else None
    if project is None and (pk := parse_id(key)) is not None:
        project = projects.filter(pk=pk).first()
    if project is None:
        raise Http404("Projekt nicht gefunden")
    return project


def public_milestones(project: Project) -> QuerySet[Milestone]:
    return project.milestones.filter(published=True, region_id=project.region_id)


def public_updates(project: Project, limit: int = 10) -> list[ProjectUpdate]:
    return list(project.updates.filter(published=True, region_id=project.region_id)[:limit])


def field_projects(region, field_obj: Field) -> QuerySet[Project]:
    return published_projects(region).filter(field=field_obj)


def region_summary(region, *, strategy_only: bool = False) -> StatusSummary:
    """Status distribution and overall progress of the region's published projects (of the
    strategy's only, with `strategy_only`): one query."""
    projects = Project.objects.filter(region=region, published=True)
    if strategy_only:
        projects = projects.filter(is_strategy_project=True)
    return status_summary(projects)


def lighthouse_projects(region, limit: int = 6) -> list[Project]:
    return list(published_projects(region).filter(is_lighthouse=True)[:limit])


# --- towns -------------------------------------------------------------------------------


def public_towns(region) -> QuerySet[Municipality]:
    """The region's towns with the number of published projects each takes part in."""
    if region is None:
        return Municipality.objects.none()
    return Municipality.objects.filter(region=region).annotate(
        project_count=Count(
            "participations",
            filter=Q(
                participations__project__published=True,
                participations__project__region=region,
            ),
        )
    )


def public_town(region, slug: str) -> Municipality:
    try:
        return Municipality.objects.get(region=region, slug=slug)
    except Municipality.DoesNotExist:
        raise Http404("Kommune nicht gefunden") from None


def town_projects(region, town: Municipality) -> tuple[list[Project], list[Project]]:
    """(strategy projects, local projects) the town takes part in, published only, each
    with the town's part: `part_status` and `part_progress`."""
    part = Participation.objects.filter(project=OuterRef("pk"), municipality=town)
    projects = (
        published_projects(region)
        .filter(participations__municipality=town)
        .annotate(
            part_status=Subquery(part.values("status")[:1]),
            part_progress=Subquery(part.values("progress")[:1]),
        )
    )
    strategy_projects, local_projects = [], []
    for p in projects:
        (strategy_projects if p.is_strategy_project else local_projects).append(p)
    return strategy_projects, local_projects


def project_parts(region, project: Project) -> list[town_roles.Part]:
    """The towns' parts of a project from public_project() (read with its row), leading
    towns first, then by name."""
    towns = region_towns(region) if region is not None else town_roles.Towns([])
    return town_roles.parts(project.parts_json, towns)


def last_updated(project: Project, updates) -> datetime.date:
    """The day of the project's last activity (portfolio/activity.py) or its latest
    (published) update, whichever is later."""
    days = [timezone.localdate(project.last_activity), *(u.date for u in updates)]
    return max(days)


def town_role(project: Project, town: Municipality) -> str:
    """'lead' or 'partner' for a town in a project (after for_display, no query)."""
    for participation in project.participation_list:
        if participation.municipality.pk == town.pk:
            return participation.role
    return ""


def town_officers(town: Municipality) -> list[Person]:
    """The town's digitalisation officer(s) who consented to be named publicly: by membership
    role, else by their office. People without consent (or "N. N.") are never listed."""
    public = Person.objects.filter(region_id=town.region_id, municipality=town, public_consent=True)
    people = list(public.filter(memberships__role=MembershipRole.OFFICER).distinct())
    if not people:
        people = list(public.filter(office__icontains=OFFICER_OFFICE_MARKER))
    return [p for p in people if p.shown_publicly]


def town_adoptions(town: Municipality) -> QuerySet[Adoption]:
    """The town's decisions on the strategy, only while the strategy is published.

    An unpublished strategy's versions are internal (their names too), like the API's.
    """
    return Adoption.objects.filter(
        region_id=town.region_id,
        municipality=town,
        version__strategy__published=True,
        version__strategy__region_id=town.region_id,
    ).select_related("body", "version")


# --- the strategy and the Digitalagentur ---------------------------------------------------


@dataclass
class AdoptionRow:
    """One row of the adoption matrix: the Kreis (town None) or a town, and its decision."""

    label: str
    town: Municipality | None
    adoption: Adoption | None


def adoption_matrix(region) -> list[AdoptionRow]:
    """The Kreis and each town with its latest adoption (decision 'adopted'), if any."""
    if region is None:
        return []
    adopted: dict[int | None, Adoption] = {}
    adoptions = Adoption.objects.filter(region=region, decision=Decision.ADOPTED).select_related(
        "body", "version"
    )
    for adoption in adoptions.order_by("date", "pk"):
        adopted[adoption.municipality_id] = adoption  # later decisions win
    rows = [AdoptionRow(region.name, None, adopted.get(None))]
    for town in Municipality.objects.filter(region=region):
        rows.append(AdoptionRow(town.display_name, town, adopted.get(town.pk)))
    return rows


# Who comes first in a body's list of members.
MEMBERSHIP_ROLE_ORDER = [
    MembershipRole.CHAIR,
    MembershipRole.SPEAKER,
    MembershipRole.COORDINATOR,
    MembershipRole.OFFICER,
    MembershipRole.MEMBER,
]


def work_lines(region) -> QuerySet[WorkLine]:
    return WorkLine.objects.filter(region=region) if region else WorkLine.objects.none()


def agency_bodies(region) -> tuple[list[Body], list[Body]]:
    """(bodies of the Digitalagentur, other bodies) with their memberships and people loaded;
    each body's `named_members` and `open_roles` (memberships whose holder is "N. N.")."""
    if region is None:
        return [], []
    role_rank = Case(
        *[When(role=r, then=Value(i)) for i, r in enumerate(MEMBERSHIP_ROLE_ORDER)],
        default=Value(len(MEMBERSHIP_ROLE_ORDER)),
        output_field=IntegerField(),
    )
    memberships = Membership.objects.select_related("person", "person__municipality").order_by(
        role_rank, "person__name", "pk"
    )
    bodies = (
        Body.objects.filter(region=region)
        .select_related("municipality")
        .prefetch_related(Prefetch("memberships", queryset=memberships))
    )
    agency, others = [], []
    for body in bodies:
        members = list(body.memberships.all())
        # Roles nobody holds yet ("N. N.") are summed up in one sentence, not listed as rows.
        body.named_members = [m for m in members if not m.person.is_placeholder]
        body.open_roles = [m for m in members if m.person.is_placeholder]
        (agency if body.is_agency_body else others).append(body)
    return agency, others


def stakeholder_roles(region) -> QuerySet[StakeholderRole]:
    if region is None:
        return StakeholderRole.objects.none()
    return StakeholderRole.objects.filter(region=region)


def timeline(strategy: Strategy | None) -> QuerySet[TimelineEvent]:
    if strategy is None:
        return TimelineEvent.objects.none()
    return TimelineEvent.objects.filter(strategy=strategy, region_id=strategy.region_id)


def for_display(region, projects, *, mark_all_towns: bool = True) -> list[Project]:
    """Evaluate projects (from published_projects) and attach what templates show, without
    further queries.

    `public_field` is the field if the public may see it (else None); `participation_list` the
    participating towns with their roles (leads first), `towns` the towns, `lead_towns` the
    leading ones, and `all_towns` is True when every town of the region takes part (shown as
    "alle Kommunen"; only with `mark_all_towns`).
    """
    towns_by_id = region_towns(region) if region is not None else town_roles.Towns([])
    town_count = len(towns_by_id) if mark_all_towns else 0
    projects = list(projects)
    for p in projects:
        p.public_field = p.field if field_is_public(p) else None
        p.participation_list = town_roles.parse(p.town_roles, towns_by_id)
        p.towns = [pa.municipality for pa in p.participation_list]
        p.lead_towns = [
            pa.municipality for pa in p.participation_list if pa.role == ParticipationRole.LEAD
        ]
        p.all_towns = bool(town_count) and len(p.towns) >= town_count > 1
    return projects
