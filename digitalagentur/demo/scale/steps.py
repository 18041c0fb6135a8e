"""The builders of the scale data, one per domain, and the list of steps the command runs.

Each builder creates its rows for all regions in ctx.regions with bulk inserts, logs them in
the change log (changelog.py) and keeps in the context what later steps need (towns, users,
fields, projects, the edit history).
"""

from __future__ import annotations

import datetime
import random

from django.contrib.auth import get_user_model

from digitalagentur.core.text import german_slugify
from digitalagentur.portfolio.choices import ParticipationRole, ProjectStatus
from digitalagentur.portfolio.models import (
    Milestone,
    Participation,
    Project,
    ProjectUpdate,
    code_sort_key,
)
from digitalagentur.portfolio.progress import progress_from_milestones
from digitalagentur.strategy.models import Field, Goal, PriorityGroup, Strategy, StrategyVersion
from digitalagentur.strategy.versions import build_snapshot, project_key
from digitalagentur.tenancy.choices import MunicipalityKind, Role
from digitalagentur.tenancy.models import Municipality, Region, RoleAssignment

from . import texts
from .base import (
    BASE_TIME,
    END_TIME,
    HOST_DOMAIN,
    PROJECTS_PER_REGION,
    SLUG_PREFIX,
    UPDATES_PER_PROJECT,
    Change,
    Context,
    Progress,
    RegionState,
    Step,
)
from .changelog import log_created, log_frozen

DAY = datetime.timedelta(days=1)
THEMES = {theme.slug: theme for theme in texts.THEMES}
#: Fixed German words (a lazy choice label would follow the active language).
KIND_NAMES = {MunicipalityKind.CITY: "Stadt", MunicipalityKind.MUNICIPALITY: "Gemeinde"}

#: The two frozen versions of every strategy.
VERSIONS = (
    (
        "Fassung 2021 (Beschluss)",
        datetime.datetime(2021, 10, 15, 10, 0, tzinfo=datetime.UTC),
        "Vom Kreistag und den Räten der Städte und Gemeinden beschlossene Fassung.",
    ),
    (
        "Fortschreibung 2024",
        datetime.datetime(2024, 11, 20, 10, 0, tzinfo=datetime.UTC),
        "Fortschreibung mit den seit dem Beschluss hinzugekommenen Projekten.",
    ),
)

STATUS_WEIGHTS = {
    ProjectStatus.IDEA: 8,
    ProjectStatus.PLANNED: 20,
    ProjectStatus.IN_PROGRESS: 45,
    ProjectStatus.COMPLETED: 17,
    ProjectStatus.PAUSED: 6,
    ProjectStatus.DISCONTINUED: 4,
}
#: The status a project had before its (logged) last status change.
PREVIOUS_STATUS = {
    ProjectStatus.PLANNED: ProjectStatus.IDEA,
    ProjectStatus.IN_PROGRESS: ProjectStatus.PLANNED,
    ProjectStatus.COMPLETED: ProjectStatus.IN_PROGRESS,
    ProjectStatus.PAUSED: ProjectStatus.IN_PROGRESS,
    ProjectStatus.DISCONTINUED: ProjectStatus.PAUSED,
}


def at_office_hours(rng: random.Random, day: datetime.date) -> datetime.datetime:
    """A time on `day` between 7 and 17 o'clock (UTC, i.e. 8/9 to 18/19 o'clock in Germany)."""
    return datetime.datetime(
        day.year, day.month, day.day, rng.randint(7, 16), rng.randint(0, 59), tzinfo=datetime.UTC
    )


def office_time(rng: random.Random, after: datetime.datetime, until: datetime.datetime):
    """Office hours on a day after `after`'s day, up to `until`'s day."""
    first = after.date() + DAY
    return at_office_hours(rng, first + rng.randint(0, (until.date() - first).days) * DAY)


# -- regions and towns ----------------------------------------------------------------------


def build_regions(ctx: Context, progress: Progress) -> None:
    """Regions "Kreis Skala 001" ... with 27–28 towns each (11,000 over 400 regions)."""
    regions = []
    for index in range(ctx.plan.regions):
        slug = f"{SLUG_PREFIX}{index + 1:03d}"
        regions.append(
            Region(
                slug=slug,
                name=f"Kreis Skala {index + 1:03d}",
                hostname=f"{slug}.{HOST_DOMAIN}",
                website=f"https://www.{slug}.{HOST_DOMAIN}",
            )
        )
    ctx.insert(regions)
    ctx.regions = [RegionState(index=i, region=r) for i, r in enumerate(regions)]
    for chunk in ctx.chunks():
        towns = []
        for state in chunk:
            rng = ctx.rng("towns", state.index)
            seen = set()
            while len(state.towns) < ctx.plan.towns_in(state.index):
                name = texts.town_name(rng)
                slug = german_slugify(name)
                if slug in seen:
                    continue
                seen.add(slug)
                if rng.random() < 0.35:
                    kind, people = MunicipalityKind.CITY, rng.randint(4, 80) * 1000
                else:
                    kind, people = MunicipalityKind.MUNICIPALITY, rng.randint(25, 140) * 100
                state.towns.append(
                    Municipality(
                        region=state.region,
                        slug=slug,
                        name=name,
                        kind=kind,
                        description=(
                            f"{KIND_NAMES[kind]} im {state.region.name} mit rund "
                            f"{people:,} Einwohnerinnen und Einwohnern.".replace(",", ".")
                        ),
                    )
                )
            towns.extend(state.towns)
        ctx.insert(towns, Municipality)
        log_created(ctx, towns)
        progress.advance(len(chunk))


# -- users and roles ------------------------------------------------------------------------


def build_users(ctx: Context, progress: Progress) -> None:
    """A coordinator and a reader per region (unusable passwords: for benchmarks only)."""
    user_model = get_user_model()
    for chunk in ctx.chunks():
        users, roles = [], []
        for state in chunk:
            rng = ctx.rng("users", state.index)
            for role, suffix in ((Role.COORDINATOR, "koordination"), (Role.READER, "lesezugriff")):
                username = f"{state.region.slug}-{suffix}"
                user = user_model(
                    username=username,
                    first_name=rng.choice(texts.FIRST_NAMES),
                    last_name=rng.choice(texts.LAST_NAMES),
                    email=f"{username}@{HOST_DOMAIN}",
                    # "!" marks an unusable password (as set_unusable_password does).
                    password="!" + "".join(rng.choices("abcdefghijkmnpqrstuvwxyz23456789", k=40)),
                    date_joined=BASE_TIME,
                )
                state.users[role] = user
                users.append(user)
        ctx.insert(users, user_model)
        for state in chunk:
            for role, user in state.users.items():
                roles.append(RoleAssignment(user=user, region=state.region, role=role))
        ctx.insert(roles, RoleAssignment)
        log_created(ctx, roles)
        progress.advance(len(chunk))


# -- strategy -------------------------------------------------------------------------------


def build_strategy(ctx: Context, progress: Progress) -> None:
    """Strategy, priority groups I–III, 12–14 fields of action, 2–4 goals per field."""
    for chunk in ctx.chunks():
        rngs = {state.index: ctx.rng("strategy", state.index) for state in chunk}
        strategies = []
        for state in chunk:
            rng = rngs[state.index]
            created = office_time(rng, BASE_TIME, BASE_TIME + 20 * DAY)
            state.strategy = Strategy(
                region=state.region,
                title=f"{state.region.name.removeprefix('Kreis ')} digital – gemeinsam im Kreis",
                subtitle=f"Digitalisierungsstrategie für den {state.region.name}",
                vision=(
                    "Gemeinsam die digitale Zukunft gestalten.\n\n"
                    f"Der {state.region.name} und seine {len(state.towns)} Städte und "
                    "Gemeinden gestalten den digitalen Wandel gemeinsam: in der Verwaltung, "
                    "an jeder Schule, in den Dörfern, bei Mobilität, Breitband und Tourismus."
                ),
                introduction=(
                    "Die Strategie besteht aus Leitbild, Zielen, Prioritäten und Projekten. "
                    "Sie ist ein lebendes Dokument, das laufend fortgeschrieben wird."
                ),
                published=True,
                created=created,
                updated=created,
            )
            strategies.append(state.strategy)
        ctx.insert(strategies, Strategy)
        log_created(ctx, strategies)

        groups = {}
        for state in chunk:
            for number, label in ((1, "I"), (2, "II"), (3, "III")):
                groups[state.index, number] = PriorityGroup(
                    region=state.region,
                    strategy=state.strategy,
                    number=number,
                    name=f"Priorität {label}",
                    description=f"Handlungsfelder der Priorität {label} im {state.region.name}.",
                )
        ctx.insert(list(groups.values()), PriorityGroup)
        log_created(ctx, groups.values())

        fields = []
        for state in chunk:
            rng = rngs[state.index]
            themes = rng.sample(texts.THEMES, rng.randint(12, 14))
            for position, theme in enumerate(themes):
                number = 1 if position < 4 else 2 if position < 9 else 3
                created = state.strategy.created + rng.randint(1, 30) * DAY
                state.fields.append(
                    Field(
                        region=state.region,
                        strategy=state.strategy,
                        slug=theme.slug,
                        name=theme.name,
                        priority_group=groups[state.index, number],
                        position=position,
                        description=f"Das Handlungsfeld bündelt Vorhaben für {theme.focus}.",
                        guiding_principle=(
                            f"Wir stärken {theme.focus} – gemeinsam, verlässlich und für alle "
                            "Menschen im Kreis."
                        ),
                        guiding_principle_is_demo_text=True,
                        published=rng.random() < 0.92,
                        created=created,
                        updated=created,
                    )
                )
            fields.extend(state.fields)
        ctx.insert(fields, Field)
        log_created(ctx, fields)

        goals = []
        for state in chunk:
            rng = rngs[state.index]
            for field in state.fields:
                for position, template in enumerate(rng.sample(texts.GOALS, rng.randint(2, 4))):
                    goals.append(
                        Goal(
                            region=state.region,
                            field=field,
                            position=position,
                            title=template.format(year=rng.randint(2025, 2030)),
                            description=f"Ein Ziel im Handlungsfeld „{field.name}“.",
                            published=rng.random() < 0.8,
                            created=field.created,
                            updated=field.created,
                        )
                    )
        ctx.insert(goals, Goal)
        log_created(ctx, goals)
        progress.advance(len(chunk))


# -- portfolio ------------------------------------------------------------------------------


def build_portfolio(ctx: Context, progress: Progress) -> None:
    """30 strategy projects per region with towns, 10 updates and 3–4 milestones each."""
    for chunk in ctx.chunks():
        plans = []  # (state, project, rng, theme, topic, towns, lead towns, milestones done)
        for state in chunk:
            rng = ctx.rng("portfolio", state.index)
            fields = list(state.fields)
            rng.shuffle(fields)
            for p in range(PROJECTS_PER_REGION):
                field = fields[p] if p < len(fields) else rng.choice(state.fields)
                plans.append(_plan_project(ctx, state, rng, p, field))
        projects = [item["project"] for item in plans]
        ctx.insert(projects, Project)

        participations, updates, milestones, towns = [], [], [], {}
        for item in plans:
            state, project = item["state"], item["project"]
            state.projects.append(project)
            towns[project.pk] = [town.pk for town in item["towns"]]
            for town in item["towns"]:
                role = (
                    ParticipationRole.LEAD if town in item["leads"] else ParticipationRole.PARTNER
                )
                participations.append(
                    Participation(
                        project=project,
                        municipality=town,
                        role=role,
                        status=project.status,  # each town's part where the project stands
                        progress=project.progress,
                        created=project.created,
                        updated=project.created,
                    )
                )
            updates.extend(_updates(ctx, item))
            milestones.extend(_milestones(ctx, item))
        ctx.insert(participations, Participation)
        ctx.insert(updates, ProjectUpdate)
        ctx.insert(milestones, Milestone)
        # As portfolio.services.create_project logs a project: with its towns' ids.
        by = ctx.coordinator_of
        log_created(ctx, projects, by=by, extra=lambda p, ids=towns: {"municipalities": ids[p.pk]})
        log_created(ctx, updates, by=by)
        log_created(ctx, milestones, by=by)
        progress.advance(len(chunk))


def _by(ctx: Context, region_id: int, change: Change) -> Change:
    """The edit made by the region's coordinator."""
    user = ctx.coordinator_of_region(region_id)
    if user is not None:
        change.user_id, change.user_name = user.pk, user.get_full_name() or user.get_username()
    return change


def _plan_project(ctx: Context, state: RegionState, rng: random.Random, p: int, field) -> dict:
    theme = THEMES[field.slug]
    topic = rng.choice(theme.topics)
    code = f"P{p + 1}"
    title = texts.project_title(rng, topic)
    if rng.random() < 0.1:
        towns, leads = list(state.towns), []
    else:
        towns = rng.sample(state.towns, min(len(state.towns), rng.randint(1, 5)))
        leads = towns[:1]
    lead_town = (leads or towns)[0].name
    status = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0]
    total = ctx.plan.milestones_of(state.index * PROJECTS_PER_REGION + p)
    if status == ProjectStatus.COMPLETED:
        done = total
    elif status in (ProjectStatus.IDEA, ProjectStatus.PLANNED):
        done = 0
    else:
        done = rng.randint(0 if status != ProjectStatus.IN_PROGRESS else 1, total - 1)
    progress = progress_from_milestones(total, done)
    if status == ProjectStatus.DISCONTINUED:
        progress = 0  # as portfolio/rollup.py gives it: discontinued parts count for nothing
    # Two thirds of the projects are in the adopted version of 2021, the rest came later.
    if rng.random() < 2 / 3:
        created = office_time(rng, BASE_TIME + 30 * DAY, VERSIONS[0][1] - 5 * DAY)
    else:
        created = office_time(rng, VERSIONS[0][1] + 10 * DAY, END_TIME - 240 * DAY)
    start = end = None
    if status != ProjectStatus.IDEA:
        start = created.date() + rng.randint(0, 150) * DAY
        end = start + rng.randint(365, 1460) * DAY
    benefit = rng.choice(texts.BENEFITS)
    published = rng.random() < 0.5
    project = Project(
        region=state.region,
        code=code,
        slug=german_slugify(f"{code} {title}")[:100],
        title=title,
        field=field,
        is_strategy_project=True,
        is_lighthouse=rng.random() < 0.1,
        summary=texts.project_summary(rng, theme, topic, benefit=benefit),
        description=texts.project_description(rng, theme, topic, lead_town),
        central_benefit=benefit,
        challenges=texts.challenges(rng),
        lead=texts.lead(rng, lead_town),
        status=status,
        progress=progress,
        start_date=start,
        end_date=end,
        website=(
            f"https://www.{state.region.slug}.{HOST_DOMAIN}/projekte/{code.lower()}"
            if rng.random() < 0.15
            else ""
        ),
        internal_notes=(
            "Abstimmung mit dem Datenschutz steht noch aus." if rng.random() < 0.2 else ""
        ),
        published=published,
        sort_key=code_sort_key(code),  # Project.save() would compute it; bulk_create does not
        created=created,
    )
    history = []
    previous = PREVIOUS_STATUS.get(status)
    if previous is not None and rng.random() < 0.6:
        if previous in (ProjectStatus.IDEA, ProjectStatus.PLANNED):
            before_done = 0
        else:
            before_done = done if previous == ProjectStatus.PAUSED else done - 1
        changes = {"status": {"before": previous.value, "after": status.value}}
        before_progress = progress_from_milestones(total, max(0, before_done))
        if before_progress != progress:
            changes["progress"] = {"before": before_progress, "after": progress}
        history.append(Change(time=created, changes=changes, reason="Sachstand aktualisiert"))
    if rng.random() < 0.3:
        old = texts.project_summary(
            rng, theme, topic, benefit=rng.choice([b for b in texts.BENEFITS if b != benefit])
        )
        if old != project.summary:
            changes = {"summary": {"before": old, "after": project.summary}}
            history.append(Change(time=created, changes=changes, reason="Text überarbeitet"))
    if published and rng.random() < 0.25:
        changes = {"published": {"before": False, "after": True}}
        history.append(Change(time=created, changes=changes, reason="Freigabe veröffentlicht"))
    times = sorted(office_time(rng, created, END_TIME) for _ in history)
    for change, when in zip(history, times, strict=True):
        change.time = when
        _by(ctx, state.region.pk, change)
    project.version = 1 + len(history)
    project.updated = times[-1] if times else created
    project.last_activity = project.updated  # bulk inserts: no save(), no signals
    ctx.edited_later(project, history)
    return {
        "state": state,
        "project": project,
        "rng": rng,
        "theme": theme,
        "topic": topic,
        "towns": towns,
        "leads": leads,
        "done": done,
        "total": total,
    }


def _updates(ctx: Context, item: dict) -> list[ProjectUpdate]:
    state, project, rng = item["state"], item["project"], item["rng"]
    first = project.created.date() + DAY
    days = (END_TIME.date() - first).days
    dates = sorted(first + rng.randint(0, days) * DAY for _ in range(UPDATES_PER_PROJECT))
    result = []
    for date in dates:
        town = rng.choice(item["towns"]).name
        created = at_office_hours(rng, date)
        update = ProjectUpdate(
            region=state.region,
            project=project,
            date=date,
            title=texts.update_title(rng, town, date),
            text=texts.update_text(rng, item["topic"], town, date),
            source=texts.update_source(rng, date),
            published=rng.random() < 0.5,
            created=created,
            updated=created,
        )
        if rng.random() < 0.05:
            # A sentence added a few days later: one logged edit of the text.
            shorter = update.text.rsplit(". ", 1)[0] + "."
            when = min(created + rng.randint(1, 20) * DAY, END_TIME)
            change = Change(
                time=when,
                changes={"text": {"before": shorter, "after": update.text}},
                reason="Ergänzt",
            )
            update.version, update.updated = 2, when
            ctx.edited_later(update, [_by(ctx, state.region.pk, change)])
        result.append(update)
    return result


def _milestones(ctx: Context, item: dict) -> list[Milestone]:
    state, project, rng = item["state"], item["project"], item["rng"]
    total, done = item["total"], item["done"]
    indices = sorted(rng.sample(range(len(texts.MILESTONE_TITLES)), total))
    town = rng.choice(item["towns"]).name
    due = project.start_date or project.created.date() + 60 * DAY
    result = []
    for position, index in enumerate(indices, start=1):
        due = due + rng.randint(60, 240) * DAY
        completed = None
        if position <= done:
            completed = due + rng.randint(-30, 30) * DAY
            completed = max(project.created.date() + DAY, min(completed, END_TIME.date()))
        created = project.created + rng.randint(1, 600) * datetime.timedelta(minutes=1)
        milestone = Milestone(
            region=state.region,
            project=project,
            title=texts.MILESTONE_TITLES[index].format(town=town),
            description=f"Meilenstein {position} von {total} im Projekt {project.code}.",
            due_date=due,
            completed_on=completed,
            position=position,
            published=rng.random() < 0.5,
            created=created,
            updated=created,
        )
        if completed is not None and rng.random() < 0.5:
            when = max(created + datetime.timedelta(minutes=1), at_office_hours(rng, completed))
            change = Change(
                time=when,
                changes={"completed_on": {"before": None, "after": completed.isoformat()}},
                reason="Meilenstein erreicht",
            )
            milestone.version, milestone.updated = 2, when
            ctx.edited_later(milestone, [_by(ctx, state.region.pk, change)])
        result.append(milestone)
    return result


# -- frozen versions ------------------------------------------------------------------------


def build_versions(ctx: Context, progress: Progress) -> None:
    """Two frozen versions per strategy, with snapshots as strategy.versions builds them.

    The current state is read once per region (build_snapshot); each version gets that state
    as it was at its date: projects created later left out, later edits undone.
    """
    project_history = ctx.history.get(Project, {})
    for chunk in ctx.chunks():
        versions = []
        for state in chunk:
            current = build_snapshot(state.strategy)
            coordinator = state.users.get(Role.COORDINATOR)
            for name, when, note in VERSIONS:
                versions.append(
                    StrategyVersion(
                        region=state.region,
                        strategy=state.strategy,
                        name=name,
                        note=note,
                        created=when,
                        created_by=coordinator,
                        snapshot=snapshot_at(current, state.projects, project_history, when),
                    )
                )
        ctx.insert(versions, StrategyVersion)
        log_frozen(ctx, versions)
        progress.advance(len(chunk))


def snapshot_at(current: dict, projects, history: dict, when: datetime.datetime) -> dict:
    """A snapshot of `current` as it was at `when` (generated edits are undone)."""
    items = {}
    for project in projects:
        key = project_key(project)
        if project.created > when or key not in current["projects"]:
            continue
        item = dict(current["projects"][key])
        for change in reversed(history.get(project.pk, [])):
            if change.time <= when:
                break
            for name, values in change.changes.items():
                if name in item:
                    item[name] = values["before"]
        items[key] = item
    return {**current, "projects": items}


#: The core's steps, in order. A module adds its own Step in scale/__init__.py's STEPS (its
#: builder, in a module of its own, reads ctx.regions and what earlier steps left there).
STEPS: list[Step] = [
    Step("regions", "Regionen und Kommunen", build_regions),
    Step("users", "Zugänge und Rollen", build_users),
    Step("strategy", "Strategien", build_strategy),
    Step("portfolio", "Projekte", build_portfolio),
    Step("versions", "Fassungen", build_versions),
]
