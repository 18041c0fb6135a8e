"""The staff area's start page: what needs attention, roles, what the user may edit, recent
changes, quick links."""

from __future__ import annotations

from django.db.models import Case, Count, F, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.core.models import ObjectChange
from digitalagentur.indicators.queries import without_current_value
from digitalagentur.portfolio.attention import needs_attention
from digitalagentur.portfolio.choices import ProjectStatus
from digitalagentur.portfolio.filtersets import visible_projects
from digitalagentur.portfolio.models import Participation, Project
from digitalagentur.portfolio.summary import status_summary
from digitalagentur.reports.models import MeetingTask
from digitalagentur.strategy.models import StrategyVersion
from digitalagentur.tenancy.choices import Role
from digitalagentur.tenancy.models import Municipality

from ..changes import by_people, describe_changes
from ..links import object_url
from .base import StaffPage
from .funding_deadlines import next_deadlines
from .strategy import region_strategy

RECENT_CHANGES = 10
OWN_PROJECTS = 10
MY_PARTS = 60  # every part of a district's town fits (28 shared projects and local ones)
STALE_INDICATORS = 5
MY_TASKS = 20


class Dashboard(StaffPage):
    template_name = "staff/dashboard.html"
    title = gettext_lazy("Interner Bereich")

    def get_breadcrumbs(self):
        return []

    def roles(self, towns) -> list[str]:
        labels = []
        if self.access.is_superuser and not self.access.roles:
            labels.append(_("Plattform-Administration"))
        for role in Role:
            if role not in self.access.roles:
                continue
            if role == Role.OFFICER:
                for town in towns:
                    labels.append(f"{role.label} – {town.display_name}")
            else:
                labels.append(str(role.label))
        return labels

    def my_parts(self, towns) -> list:
        """The officer's towns' parts of visible projects: local projects (the town alone)
        first, then shared ones, each group with the most recent activity first."""
        visible = visible_projects(self.request, related=False)
        parts = (
            Participation.objects.filter(municipality__in=towns, project__in=visible)
            .select_related("project", "municipality")
            .annotate(town_count=Count("project__participations"))
            .order_by(
                Case(When(town_count=1, then=Value(0)), default=Value(1)),
                "-project__last_activity",
                "project_id",
            )
        )
        return list(parts[:MY_PARTS])

    def looked_after_projects(self, towns):
        """The coordination looks after every project; an officer after the town's own."""
        projects = visible_projects(self.request, related=False)
        if self.access.can_manage or not towns:
            return projects
        return projects.filter(
            pk__in=Participation.objects.filter(municipality__in=towns).values("project")
        )

    def stale_indicators(self) -> dict:
        """Indicators without a current value, oldest first (two queries, any number)."""
        items = list(without_current_value(self.region)[: STALE_INDICATORS + 1])
        return {"items": items[:STALE_INDICATORS], "more": len(items) > STALE_INDICATORS}

    def my_tasks(self) -> dict:
        """The user's open tasks from the region's meetings, the most urgent first (one
        query, any number)."""
        today = timezone.localdate()
        tasks = list(
            MeetingTask.objects.filter(
                region=self.region, owner=self.request.user, done_at__isnull=True
            )
            .select_related("meeting", "meeting__body")
            .order_by(F("due_date").asc(nulls_last=True), "meeting__start", "pk")[: MY_TASKS + 1]
        )
        for task in tasks:
            task.overdue = task.is_overdue(today)
        return {"items": tasks[:MY_TASKS], "more": len(tasks) > MY_TASKS}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        access = self.access
        towns = list(
            Municipality.objects.filter(pk__in=access.officer_town_ids, region=self.region)
        )
        show_automatic = self.request.GET.get("automatisch") == "1"
        changes = ObjectChange.objects.filter(region=self.region)
        if not show_automatic:
            changes = by_people(changes)
        changes = changes.select_related("user", "content_type").order_by("-time", "-pk")[
            :RECENT_CHANGES
        ]
        entries = describe_changes(changes, values=False)
        for entry in entries:
            entry.url = object_url(entry.change)
        context.update(
            roles=self.roles(towns), towns=towns, recent=entries, show_automatic=show_automatic
        )
        if towns and not access.can_manage:
            own = self.looked_after_projects(towns)
            context["own_projects"] = list(own[:OWN_PROJECTS])
            context["own_project_count"] = own.count()
            context["town_filter"] = towns[0].slug if len(towns) == 1 else ""
            context["my_parts"] = self.my_parts(towns)
            context["statuses"] = ProjectStatus.choices
        context["attention"] = needs_attention(self.looked_after_projects(towns))
        context["stale_indicators"] = self.stale_indicators()
        context["my_tasks"] = self.my_tasks()
        context["next_deadlines"] = next_deadlines(self.region, access)
        projects = Project.objects.filter(region=self.region)
        context["summary"] = status_summary(projects)
        context["project_count"] = projects.count()
        context["draft_count"] = projects.filter(published=False).count()
        context["strategy"] = region_strategy(self.region)
        context["latest_version"] = (
            StrategyVersion.objects.filter(region=self.region).order_by("-created", "-pk").first()
        )
        context["can_create_project"] = access.can_manage or bool(access.officer_town_ids)
        return context
