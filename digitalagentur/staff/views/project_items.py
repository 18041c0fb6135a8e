"""Milestones and project updates, edited on the project's staff page.

They need the same right as their project (request.access.can_edit_project).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.core.services import create_object
from digitalagentur.portfolio.models import Milestone, Project, ProjectUpdate

from ..forms import MilestoneForm, ProjectUpdateForm
from .base import CreatePage, DeletePage, EditPage, PublishPage
from .projects import project_crumbs


class ProjectChildMixin:
    """Resolves the project from the URL (region-scoped, 404) and requires its edit right."""

    model = None

    def prepare(self) -> None:
        self.project = get_object_or_404(
            Project.objects.filter(region=self.region), pk=self.kwargs["project_pk"]
        )
        if not self.access.can_edit_project(self.project):
            raise PermissionDenied
        super().prepare()

    def get_queryset(self):
        return self.model.objects.filter(region=self.region, project=self.project)

    def has_permission(self, obj) -> bool:
        return True  # the project's right was checked in prepare()

    def get_cancel_url(self):
        return reverse("staff:project_detail", args=[self.project.pk]) + self.anchor

    def get_breadcrumbs(self):
        return project_crumbs(self.project, (self.get_title(), None))


class ChildCreate(ProjectChildMixin, CreatePage):
    def save(self, form):
        instance = form.instance
        for name, value in form.model_values().items():
            setattr(instance, name, value)
        instance.region = self.region
        instance.project = self.project
        return create_object(instance, user=self.request.user, reason=form.cleaned_data["reason"])


class ChildEdit(ProjectChildMixin, EditPage):
    """Edits a milestone or update with EditPage's versioned save."""


class MilestoneMixin:
    model = Milestone
    form_class = MilestoneForm
    anchor = "#meilensteine"
    conflict_subject = gettext_lazy("Dieser Meilenstein")


class UpdateMixin:
    model = ProjectUpdate
    form_class = ProjectUpdateForm
    anchor = "#updates"
    conflict_subject = gettext_lazy("Dieses Projekt-Update")


class MilestoneCreate(MilestoneMixin, ChildCreate):
    title = gettext_lazy("Neuer Meilenstein")
    success_message = gettext_lazy("Der Meilenstein wurde angelegt.")


class MilestoneEdit(MilestoneMixin, ChildEdit):
    success_message = gettext_lazy("Der Meilenstein wurde gespeichert.")

    def get_title(self):
        return _("Meilenstein bearbeiten: %(obj)s") % {"obj": self.object}


class MilestoneDelete(MilestoneMixin, ProjectChildMixin, DeletePage):
    pass


class MilestonePublish(MilestoneMixin, ProjectChildMixin, PublishPage):
    pass


class UpdateCreate(UpdateMixin, ChildCreate):
    title = gettext_lazy("Neues Projekt-Update")
    success_message = gettext_lazy("Das Update wurde angelegt.")


class UpdateEdit(UpdateMixin, ChildEdit):
    success_message = gettext_lazy("Das Update wurde gespeichert.")

    def get_title(self):
        return _("Update bearbeiten: %(obj)s") % {"obj": self.object}


class UpdateDelete(UpdateMixin, ProjectChildMixin, DeletePage):
    pass


class UpdatePublish(UpdateMixin, ProjectChildMixin, PublishPage):
    pass
