"""Loads the Coesfeld 12.0 demo (data in demo/data/) into the database, once.

Rules:

* The demo is created once per region: only when its region (slug "kreis-coesfeld") does not
  exist yet. Once the region exists, a run creates, changes, publishes and restores nothing:
  what staff deleted (a demo login, a project, an adoption) stays deleted, re-coded projects
  get no twin, and it only reports what the region holds now. Every step below, including the
  ones other modules add (legal pages, ...), runs inside that first creation.
* Within the first run, objects are looked up by a natural key (town slug, field slug,
  project code or slug, body slug, person name, ...) so that no object is created twice.
* A project's milestones, updates and participating towns are part of that project's content:
  they are created together with the project and never added to an existing one. The same
  holds for the strategy's timeline, which is loaded only into an empty timeline.
* The committee's status reports (demo/reports.py: legislative term, meetings, the three
  reports of the seeds) are looked up by name, by body and start, and by reference; each
  report's predecessor is created before it.
* Writes go through the domain services (core.services.create_object,
  portfolio.services.create_project, strategy.versions.freeze_version), so the change log
  records the demo's creation. Exceptions: the region itself (nothing to log it against),
  users (create_user), memberships and adoptions (validated, saved and logged here; see
  _log_adoption). Everything runs in one transaction.
* Demo logins get their password and role only when this loader creates them; an existing
  account of the same name (e.g. of another region) is left exactly as it is.
* The management command refuses to run under the production settings
  (DIGITALAGENTUR_ENV = "production") without --allow-production.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from digitalagentur.assessment.models import Round, Survey, Workshop
from digitalagentur.communication.choices import SubscriptionStatus
from digitalagentur.communication.models import Event, NewsPost, Subscription
from digitalagentur.core.models import ObjectChange
from digitalagentur.core.services import create_object, diff_snapshots, log_change, snapshot
from digitalagentur.directory.models import Body, Membership, Person, StakeholderRole, WorkLine
from digitalagentur.funding.models import (
    Application,
    Programme,
)
from digitalagentur.indicators.models import Indicator
from digitalagentur.participation.models import Competition, Idea
from digitalagentur.portfolio.models import Milestone, Project, ProjectUpdate
from digitalagentur.portfolio.progress import progress_from_milestones
from digitalagentur.portfolio.services import create_project
from digitalagentur.strategy.models import (
    Adoption,
    Field,
    PriorityGroup,
    Strategy,
    StrategyVersion,
    TimelineEvent,
)
from digitalagentur.strategy.versions import freeze_version
from digitalagentur.tenancy.models import Municipality, Region, RoleAssignment

from . import assessment as demo_assessment
from . import events as demo_events
from . import funding as demo_funding
from . import indicators as demo_indicators
from . import library as demo_library
from . import meetings as demo_meetings
from . import network as demo_network
from . import news as demo_news
from . import newsletter as demo_newsletter
from . import participation as demo_participation
from . import radar as demo_radar
from . import reports as demo_reports
from . import reuse as demo_reuse
from . import spaces as demo_spaces
from .data import agency, history, logins, projects, strategy
from .data.legal import load_legal_pages

REASON = "Demodaten Coesfeld 12.0 geladen (load_demo)"


@dataclass
class Login:
    username: str
    password_is_demo: bool
    roles: list[str]
    created: bool
    #: What the login does in Landräume (manages a provider, books with a contingent, ...).
    spaces: list[str] = field(default_factory=list)


@dataclass
class LoadResult:
    region: Region
    strategy: Strategy | None
    created: Counter = field(default_factory=Counter)
    logins: list[Login] = field(default_factory=list)
    #: True: the region existed already, so nothing was created or changed.
    already_loaded: bool = False

    @property
    def created_total(self) -> int:
        return sum(self.created.values())


class DemoLoader:
    def __init__(self) -> None:
        self.created: Counter = Counter()
        self.towns: dict[str, Municipality] = {}
        self.fields: dict[str, Field] = {}
        self.bodies: dict[str, Body] = {}
        self.people: dict[tuple[str, str | None], Person] = {}

    # -- helpers ------------------------------------------------------------------------------

    def _get_or_create(self, label: str, model, lookup: dict, values: dict):
        """The object matching `lookup`, or a new one (logged) made of lookup and values."""
        obj = model._default_manager.filter(**lookup).first()
        if obj is not None:
            return obj, False
        obj = create_object(model(**lookup, **values), reason=REASON)
        self.created[label] += 1
        return obj, True

    # -- steps --------------------------------------------------------------------------------

    @transaction.atomic
    def load(self) -> LoadResult:
        existing = Region.objects.filter(slug=agency.REGION["slug"]).first()
        if existing is not None:
            # Loaded before (or the region was set up by hand): change nothing at all.
            return LoadResult(
                region=existing,
                strategy=Strategy.objects.filter(region=existing).first(),
                logins=self.describe_logins(existing),
                already_loaded=True,
            )
        region = self.load_region()
        self.load_towns(region)
        strat = self.load_strategy(region)
        self.load_strategy_projects(region)
        self.load_agency(region)
        self.load_version(region, strat)
        self.load_local_projects(region)
        self.load_timeline(region, strat)
        self.load_indicators(region)
        self.load_funding(region)
        self.load_assessment(region)
        self.load_reports(region)
        load_legal_pages(region, reason=REASON, created=self.created)
        logins_now = self.load_logins(region)
        # Landräume after the logins: pendlerin, extragleis and senden take part in it.
        self.load_spaces(region, logins_now)
        # Participation (ideas, ZukunftsWandler 2023): adds the jury's demo logins to the list.
        logins_now |= demo_participation.load_participation(self, region, REASON, logins=logins_now)
        demo_events.load_events(self, region, REASON)
        # News before the newsletter: its issues are composed from recent public activity.
        demo_news.load_news(self, region)
        demo_newsletter.load_newsletter(self, region)
        # The technology radar after the projects it links to (issue 14).
        demo_radar.load_radar(self, region)
        # Reuse across towns and the phase checklists (issue 14) after the local projects.
        demo_reuse.load_reuse(self, region)
        # Meetings of the bodies with tasks for the demo logins (issue 14).
        demo_meetings.load_meetings(self, region)
        # The document library after the projects its documents belong to (issue 14).
        demo_library.load_library(self, region)
        # Posts for digitalisation against the recommendation, vacancies since June 2023.
        demo_network.load_network(self, region)
        result = LoadResult(region=region, strategy=strat, created=self.created)
        result.logins = [
            _describe_login(user, region, created=created) for user, created in logins_now.values()
        ]
        return result

    def load_region(self) -> Region:
        data = agency.REGION
        region = Region.objects.filter(slug=data["slug"]).first()
        if region is None:
            # A region has no region of its own to log against; it is created directly.
            region = Region(**data)
            region.full_clean()
            region.save()
            self.created["Region"] += 1
        return region

    def load_towns(self, region: Region) -> None:
        for slug, name, kind in agency.TOWNS:
            town, _ = self._get_or_create(
                "Kommunen",
                Municipality,
                {"region": region, "slug": slug},
                {"name": name, "kind": kind},
            )
            self.towns[slug] = town

    def load_strategy(self, region: Region) -> Strategy:
        strat, _ = self._get_or_create(
            "Strategie", Strategy, {"region": region}, {**strategy.STRATEGY, "published": True}
        )
        groups = {}
        for number, name, description in strategy.PRIORITY_GROUPS:
            groups[number], _ = self._get_or_create(
                "Prioritätengruppen",
                PriorityGroup,
                {"region": region, "strategy": strat, "number": number},
                {"name": name, "description": description},
            )
        for data in strategy.FIELDS:
            self.fields[data["slug"]], _ = self._get_or_create(
                "Handlungsfelder",
                Field,
                {"region": region, "strategy": strat, "slug": data["slug"]},
                {
                    "name": data["name"],
                    "priority_group": groups[data["priority"]],
                    "position": data["position"],
                    "description": data["description"],
                    "guiding_principle": data["guiding_principle"],
                    # The seeds give no field's guiding principle: all are demo text.
                    "guiding_principle_is_demo_text": True,
                    "published": True,
                },
            )
        return strat

    def load_strategy_projects(self, region: Region) -> None:
        # P1–P28 are the common projects of the Kreis and all eleven towns: every town takes
        # part in each of them (the seeds name no single lead town).
        all_towns = [town.pk for town in self.towns.values()]
        for code, title, field_slug in projects.STRATEGY_PROJECTS:
            if Project.objects.filter(region=region, code=code).exists():
                continue
            values = {
                "code": code,
                "title": title,
                "field": self.fields[field_slug],
                "is_strategy_project": True,
                "status": projects.STRATEGY_PROJECT_STATUS,
                "summary": projects.STRATEGY_PROJECT_SUMMARIES.get(code, ""),
                "published": True,
            }
            create_project(region=region, values=values, town_ids=all_towns, reason=REASON)
            self.created["Projekte"] += 1

    def load_local_projects(self, region: Region) -> None:
        for data in projects.LOCAL_PROJECTS:
            if Project.objects.filter(region=region, slug=data["slug"]).exists():
                continue
            milestones = data["milestones"]
            done = sum(1 for m in milestones if m["completed_on"] is not None)
            if milestones:
                progress = progress_from_milestones(len(milestones), done)
            else:
                progress = 100 if data["status"] == "completed" else 0
            values = {
                key: data[key]
                for key in (
                    "slug",
                    "title",
                    "is_lighthouse",
                    "status",
                    "lead",
                    "website",
                    "summary",
                    "description",
                    "central_benefit",
                    "challenges",
                )
            }
            values.update(
                field=self.fields[data["field"]],
                is_strategy_project=False,
                progress=progress,
                internal_notes=projects.FIELD_NOTE,
                published=True,
            )
            project = create_project(
                region=region,
                values=values,
                town_ids=[self.towns[slug].pk for slug in data["towns"]],
                lead_town_ids=[self.towns[slug].pk for slug in data["lead_towns"]],
                reason=REASON,
            )
            self.created["Projekte"] += 1
            for position, item in enumerate(milestones, start=1):
                milestone = Milestone(
                    region=region, project=project, position=position, published=True, **item
                )
                create_object(milestone, reason=REASON)
                self.created["Meilensteine"] += 1
            for item in data["updates"]:
                create_object(
                    ProjectUpdate(region=region, project=project, published=True, **item),
                    reason=REASON,
                )
                self.created["Projekt-Updates"] += 1

    def load_indicators(self, region: Region) -> None:
        demo_indicators.load_indicators(self, region, REASON)

    def load_funding(self, region: Region) -> None:
        demo_funding.load_funding(self, region, REASON)

    def load_assessment(self, region: Region) -> None:
        demo_assessment.load_assessment(self, region, REASON)

    def load_reports(self, region: Region) -> None:
        demo_reports.load_reports(self, region, REASON)

    def load_spaces(self, region: Region, logins_now: dict) -> None:
        demo_spaces.load_spaces(self, region, REASON, logins=logins_now)

    def load_agency(self, region: Region) -> None:
        for position, name, description in agency.WORK_LINES:
            self._get_or_create(
                "Arbeitsfelder",
                WorkLine,
                {"region": region, "position": position},
                {"name": name, "description": description},
            )
        for data in agency.BODIES:
            values = {k: v for k, v in data.items() if k not in ("slug", "municipality")}
            values["municipality"] = self.towns.get(data["municipality"] or "")
            self.bodies[data["slug"]], _ = self._get_or_create(
                "Gremien", Body, {"region": region, "slug": data["slug"]}, values
            )
        for data in agency.PEOPLE:
            town = self.towns.get(data["municipality"] or "")
            values = {k: v for k, v in data.items() if k not in ("name", "municipality")}
            self.people[(data["name"], data["municipality"])], _ = self._get_or_create(
                "Personen",
                Person,
                {"region": region, "name": data["name"], "municipality": town},
                values,
            )
        for body_slug, person_key, role, label, start, end in agency.MEMBERSHIPS:
            body, person = self.bodies[body_slug], self.people[person_key]
            if Membership.objects.filter(body=body, person=person, role=role).exists():
                continue
            membership = Membership(
                body=body, person=person, role=role, label=label, start_date=start, end_date=end
            )
            membership.full_clean()
            membership.save()
            # A membership has no region of its own: it is logged under its body's region.
            log_change(
                membership,
                "create",
                changes=diff_snapshots({}, snapshot(membership)),
                reason=REASON,
                region_id=region.pk,
            )
            self.created["Mitgliedschaften"] += 1
        for position, (code, name, role) in enumerate(agency.STAKEHOLDER_ROLES, start=1):
            self._get_or_create(
                "Akteursrollen",
                StakeholderRole,
                {"region": region, "code": code},
                {"name": name, "role": role, "position": position},
            )

    def load_version(self, region: Region, strat: Strategy) -> None:
        """'Fassung 2021': frozen once, right after the 28 strategy projects exist."""
        version = StrategyVersion.objects.filter(strategy=strat, name=history.VERSION["name"])
        version = version.first()
        if version is None:
            version = freeze_version(strat, history.VERSION["name"], note=history.VERSION["note"])
            self.created["Fassungen"] += 1
        for body_slug, town_slug, date, precision, decision, note in history.ADOPTIONS:
            body = self.bodies[body_slug]
            if Adoption.objects.filter(version=version, body=body).exists():
                continue
            adoption = Adoption(
                region=region,
                version=version,
                body=body,
                municipality=self.towns[town_slug] if town_slug else None,
                date=date,
                date_precision=precision,
                decision=decision,
                note=note,
            )
            adoption.full_clean()
            adoption.save()
            _log_adoption(adoption)
            self.created["Beschlüsse"] += 1

    def load_timeline(self, region: Region, strat: Strategy) -> None:
        if TimelineEvent.objects.filter(strategy=strat).exists():
            return
        for entry in history.TIMELINE:
            create_object(
                TimelineEvent(
                    region=region,
                    strategy=strat,
                    date=entry["date"],
                    date_precision=entry["precision"],
                    title=entry["title"],
                    description=entry["description"],
                    topic=entry["topic"],
                    participants=entry["participants"],
                ),
                reason=REASON,
            )
            self.created["Chronik-Einträge"] += 1

    def load_logins(self, region: Region) -> dict:
        """The demo logins as {username: (user, created by this run)}, created if missing."""
        user_model = get_user_model()
        result = {}
        for username, role, town_slug, last_name in logins.DEMO_USERS:
            user = user_model._default_manager.filter(username=username).first()
            created = user is None
            if created:
                user = user_model._default_manager.create_user(
                    username=username,
                    password=logins.DEMO_PASSWORD,
                    first_name="Demo",
                    last_name=last_name,
                )
                # The role is granted only to a login this loader created: an existing account
                # of the same name keeps exactly the roles it has. Logins of Landräume
                # (pendlerin, extragleis) have no role: they book or manage a provider.
                if role:
                    create_object(
                        RoleAssignment(
                            user=user,
                            region=region,
                            role=role,
                            municipality=self.towns[town_slug] if town_slug else None,
                        ),
                        reason=REASON,
                    )
                self.created["Demo-Zugänge"] += 1
            result[username] = (user, created)
        return result

    def describe_logins(self, region: Region) -> list[Login]:
        """The demo logins that still exist, as they are now (read only)."""
        names = [username for username, *_rest in logins.DEMO_USERS]
        users = get_user_model()._default_manager.filter(username__in=names)
        by_name = {user.get_username(): user for user in users}
        return [
            _describe_login(by_name[name], region, created=False)
            for name in names
            if name in by_name
        ]


def _describe_login(user, region: Region, *, created: bool) -> Login:
    assignments = RoleAssignment.objects.filter(user=user, region=region)
    roles = [
        a.get_role_display() + (f" ({a.municipality.name})" if a.municipality_id else "")
        for a in assignments.select_related("municipality").order_by("role", "pk")
    ]
    return Login(
        username=user.get_username(),
        # hashers.check_password never rewrites the stored hash (User.check_password may).
        password_is_demo=check_password(logins.DEMO_PASSWORD, user.password),
        roles=roles,
        created=created,
        spaces=demo_spaces.describe_user(user, region),
    )


def _log_adoption(adoption: Adoption) -> ObjectChange:
    """Log an adoption's creation like core.services.log_change does.

    core.services.log_change reads `instance.version` as the object's version counter, but on
    Adoption `version` is the StrategyVersion relation, so create_object/log_change fail for
    adoptions. Until core handles that, the entry is written here (version counter: none).
    """
    return ObjectChange.objects.create(
        region_id=adoption.region_id,
        content_type=ContentType.objects.get_for_model(Adoption),
        object_id=adoption.pk,
        object_repr=str(adoption)[:300],
        action=ObjectChange.Action.CREATE,
        changes=diff_snapshots({}, snapshot(adoption)),
        reason=REASON,
        version=None,
        text_diffs={},
    )


def load_demo() -> LoadResult:
    return DemoLoader().load()


def region_totals(region: Region) -> list[tuple[int, str, str]]:
    """What the region holds now as (count, singular, plural), for load_demo's summary."""
    projects_qs = Project.objects.filter(region=region)
    return [
        (Municipality.objects.filter(region=region).count(), "Kommune", "Kommunen"),
        (Field.objects.filter(region=region).count(), "Handlungsfeld", "Handlungsfelder"),
        (
            PriorityGroup.objects.filter(region=region).count(),
            "Prioritätengruppe",
            "Prioritätengruppen",
        ),
        (projects_qs.count(), "Projekt", "Projekte"),
        (
            projects_qs.filter(is_strategy_project=True).count(),
            "Projekt der Strategie",
            "Projekte der Strategie",
        ),
        (Milestone.objects.filter(region=region).count(), "Meilenstein", "Meilensteine"),
        (ProjectUpdate.objects.filter(region=region).count(), "Projekt-Update", "Projekt-Updates"),
        (Body.objects.filter(region=region).count(), "Gremium", "Gremien"),
        (Person.objects.filter(region=region).count(), "Person", "Personen"),
        (
            Membership.objects.filter(body__region=region).count(),
            "Mitgliedschaft",
            "Mitgliedschaften",
        ),
        (WorkLine.objects.filter(region=region).count(), "Arbeitsfeld", "Arbeitsfelder"),
        (StakeholderRole.objects.filter(region=region).count(), "Akteursrolle", "Akteursrollen"),
        (
            TimelineEvent.objects.filter(region=region).count(),
            "Chronik-Eintrag",
            "Chronik-Einträge",
        ),
        (StrategyVersion.objects.filter(region=region).count(), "Fassung", "Fassungen"),
        (Adoption.objects.filter(region=region).count(), "Beschluss", "Beschlüsse"),
        (Indicator.objects.filter(region=region).count(), "Indikator", "Indikatoren"),
        (
            Programme.objects.filter(region=region).count(),
            "Förderprogramm",
            "Förderprogramme",
        ),
        (
            Application.objects.filter(region=region).count(),
            "Förderantrag",
            "Förderanträge",
        ),
        (Round.objects.filter(region=region).count(), "Bewertungsrunde", "Bewertungsrunden"),
        (Workshop.objects.filter(region=region).count(), "Workshop", "Workshops"),
        (Survey.objects.filter(region=region).count(), "Umfrage", "Umfragen"),
        (Idea.objects.filter(region=region).count(), "Idee", "Ideen"),
        (Competition.objects.filter(region=region).count(), "Wettbewerb", "Wettbewerbe"),
        (Event.objects.filter(region=region).count(), "Veranstaltung", "Veranstaltungen"),
        (NewsPost.objects.filter(region=region).count(), "Neuigkeit", "Neuigkeiten"),
        (
            Subscription.objects.filter(region=region, status=SubscriptionStatus.ACTIVE).count(),
            "Newsletter-Abonnement",
            "Newsletter-Abonnements",
        ),
    ]
