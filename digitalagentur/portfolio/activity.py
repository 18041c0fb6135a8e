"""A project's last activity: a change of the project itself (Project.save), of a town's part,
a milestone, a project update or a ticked checklist point. Lists put the most recent activity
first and pages say "zuletzt aktualisiert" with it.

Children are written through core.services (and the demo loader) with ordinary saves and
deletes, so the signals below see every such write; bulk writes (generated scale data) set
the field themselves.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.utils import timezone


def touch_project(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return  # fixtures
    from .models import Project

    Project.objects.filter(pk=instance.project_id).update(last_activity=timezone.now())


def connect() -> None:
    from .models import ChecklistTick, Milestone, Participation, ProjectUpdate

    for model in (ChecklistTick, Milestone, Participation, ProjectUpdate):
        uid = f"portfolio.activity.{model._meta.model_name}"
        post_save.connect(touch_project, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(touch_project, sender=model, dispatch_uid=f"{uid}.delete")
