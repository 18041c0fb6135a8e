"""Projects in the staff area: list (drafts included), create, edit, publish, delete."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.library.models import Document
from digitalagentur.participation.models import Idea
from digitalagentur.portfolio import rules
from digitalagentur.portfolio.attention import progress_warning
from digitalagentur.portfolio.checklists import project_checklist
from digitalagentur.portfolio.filtersets import ActivityFirstFilterSet, visible_projects
from digitalagentur.portfolio.models import Project, Reuse, ReuseOffer
from digitalagentur.portfolio.progress import progress_from_milestones
from digitalagentur.portfolio.reuse import candidate_town_ids, shared_project_ids
from digitalagentur.portfolio.rules import figures_denial, part_write_denial
from digitalagentur.portfolio.services import create_project, update_project
from digitalagentur.strategy.models import PriorityGroup
from digitalagentur.tenancy.models import Municipality

from .. import exports
from ..changes import history
from ..forms import ProjectForm
from ..mixins import ObjectMixin
from .base import ConfirmPage, CreatePage, DeletePage, EditPage, PublishPage, StaffPage

PAGE_SIZE = 25


def home_crumb():
    return (_("Interner Bereich"), reverse("staff:dashboard"))


def list_crumbs():
    return [home_crumb(), (_("Projekte"), reverse("staff:project_list"))]


def project_crumbs(project, *tail):
    crumbs = list_crumbs() + [(str(project), reverse("staff:project_detail", args=[project.pk]))]
    return crumbs + list(tail)


def town_ids(project) -> set[int]:
    """Participating towns from the prefetched participations (no extra query)."""
    return {p.municipality_id for p in project.participations.all()}


def towns_label(project, region_town_count: int) -> str:
    """Participating towns in a list cell: all, a few by name, or a few and a count."""
    participations = list(project.participations.all())
    if not participations:
        return "–"
    if region_town_count > 3 and len(participations) == region_town_count:
        return _("alle %(n)s Kommunen") % {"n": region_town_count}
    names = [
        f"{p.municipality.name} ({_('federführend')})" if p.role == "lead" else p.municipality.name
        for p in participations
    ]
    if len(names) > 4:
        return _("%(names)s und %(n)s weitere") % {
            "names": ", ".join(names[:3]),
            "n": len(names) - 3,
        }
    return ", ".join(names)


def milestone_progress(project) -> dict:
    milestones = list(project.milestones.all())
    total = len(milestones)
    completed = sum(1 for m in milestones if m.is_completed)
    return {
        "total": total,
        "completed": completed,
        "value": progress_from_milestones(total, completed),
    }


def label_empty_choices(form) -> None:
    """Filter selects say "alle" instead of Django's "---------"."""
    for name, f in form.fields.items():
        if not hasattr(f, "empty_label"):
            continue
        label = _("Standard (zuletzt aktualisiert zuerst)") if name == "ordering" else _("alle")
        f.empty_label = label
        if getattr(f, "queryset", None) is None:
            f.widget.choices = [("", label)] + [c for c in f.widget.choices if c[0] != ""]


class ProjectList(StaffPage):
    template_name = "staff/project_list.html"
    title = gettext_lazy("Projekte")

    def get_breadcrumbs(self):
        return [home_crumb(), (_("Projekte"), None)]

    def filterset(self) -> ActivityFirstFilterSet:
        return ActivityFirstFilterSet(
            self.request.GET, queryset=visible_projects(self.request), request=self.request
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.filterset()
        label_empty_choices(filterset.form)
        page = Paginator(filterset.qs, PAGE_SIZE).get_page(self.request.GET.get("page"))
        town_count = Municipality.objects.filter(region=self.region).count()
        groups = PriorityGroup.objects.filter(region=self.region).order_by("number")
        context.update(
            filterset=filterset,
            priority_choices=[(str(g.number), g.name) for g in groups],
            boolean_filters=[
                ("published", _("Sichtbarkeit"), _("veröffentlicht"), _("Entwurf")),
                ("is_strategy_project", _("Art"), _("Strategieprojekt"), _("lokales Projekt")),
                ("is_lighthouse", _("Leuchtturm"), _("Leuchtturmprojekt"), _("kein Leuchtturm")),
            ],
            page=page,
            rows=[
                (p, self.access.can_edit_project(p, town_ids(p)), towns_label(p, town_count))
                for p in page
            ],
            can_create=self.access.can_manage or bool(self.access.officer_town_ids),
            is_filtered=any(v for k, v in self.request.GET.items() if k != "page"),
            export_query=self.request.GET.urlencode(),
        )
        return context


class ProjectExport(ProjectList):
    """The list with its filters and order as a CSV or Excel file (every page at once)."""

    formats = {
        "csv": ("text/csv; charset=utf-8", exports.as_csv),
        "xlsx": (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            exports.as_xlsx,
        ),
    }

    def get(self, request, *args, fmt, **kwargs):
        filterset = self.filterset()
        town_count = Municipality.objects.filter(region=self.region).count()
        projects = ((p, towns_label(p, town_count)) for p in filterset.qs)
        content_type, write = self.formats[fmt]
        response = HttpResponse(write(projects), content_type=content_type)
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="projekte-{stamp}.{fmt}"'
        return response


class ProjectDetail(ObjectMixin, StaffPage):
    template_name = "staff/project_detail.html"

    def get_queryset(self):
        return visible_projects(self.request).prefetch_related("milestones", "updates")

    def has_permission(self, obj) -> bool:
        return True

    def get_title(self):
        return str(self.object)

    def get_breadcrumbs(self):
        return list_crumbs() + [(str(self.object), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project = self.object
        progress = milestone_progress(project)
        participations = list(project.participations.all())
        can_edit = self.access.can_edit_project(project, town_ids(project))
        context.update(
            project=project,
            participations=participations,
            parts=[(p, part_write_denial(self.access, p) is None) for p in participations],
            can_write_figures=can_edit and figures_denial(self.access, project) is None,
            milestones=list(project.milestones.all()),
            updates=list(project.updates.all()),
            can_edit=can_edit,
            can_manage=self.access.can_manage,
            progress=progress,
            progress_differs=progress["total"] > 0 and progress["value"] != project.progress,
            history=history(project),
            source_idea=Idea.objects.filter(project=project).only("pk", "title").first(),
            **support_context(self.access, project),
        )
        return context


def support_context(access, project: Project) -> dict:
    """The project's checklist and reuse panel (issue 14): its phase, the offer, who reuses
    it, where it was copied from, and what the user may do there."""
    offer = ReuseOffer.objects.filter(project=project).first()
    reused_from = Reuse.objects.filter(copy=project).select_related("original").first()
    can_take = offer is not None and bool(
        rules.reuse_town_ids(access, project, candidate_town_ids(project))
    )
    documents = (
        Document.objects.filter(
            region_id=project.region_id, project_id__in=shared_project_ids(project)
        )
        .select_related("current_version")
        .order_by("title", "pk")
    )
    return {
        "documents": list(documents),
        "checklist": project_checklist(project),
        "can_tick": rules.can_tick_checklist(access, project),
        "offer": offer,
        "reuses": list(project.reuses.select_related("municipality").order_by("created", "pk")),
        "can_offer": rules.can_offer_reuse(access, project),
        "can_take": can_take,
        "reused_from": reused_from,
        "reused_from_url": (
            reverse("staff:project_detail", args=[reused_from.original_id]) if reused_from else ""
        ),
    }


class ProjectCreate(CreatePage):
    form_class = ProjectForm
    title = gettext_lazy("Neues Projekt")
    success_message = gettext_lazy("Das Projekt wurde als Entwurf angelegt.")

    def has_page_permission(self) -> bool:
        return self.access.can_manage or bool(self.access.officer_town_ids)

    def get_breadcrumbs(self):
        return list_crumbs() + [(_("Neues Projekt"), None)]

    def get_form_kwargs(self):
        return {"region": self.region, "access": self.access}

    def get_cancel_url(self):
        return reverse("staff:project_list")

    def get_success_url(self, obj):
        return reverse("staff:project_detail", args=[obj.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.access.can_manage:
            context["intro"] = _(
                "Sie legen ein lokales Projekt Ihrer Kommune an. Es bleibt ein Entwurf, bis die "
                "Koordination es veröffentlicht."
            )
        return context

    def warnings(self, obj) -> list[str]:
        return project_warnings(obj)

    def save(self, form):
        lead = form.cleaned_data.get("lead_town")
        return create_project(
            region=self.region,
            values=form.model_values(),
            town_ids=form.town_ids() or [],
            lead_town_ids=[lead.pk] if lead else [],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )


def project_warnings(project: Project) -> list[str]:
    warning = progress_warning(project.status, project.progress)
    return [warning] if warning else []


class ProjectObjectMixin:
    conflict_subject = gettext_lazy("Dieses Projekt")

    def get_queryset(self):
        return Project.objects.filter(region=self.region)

    def get_cancel_url(self):
        return reverse("staff:project_detail", args=[self.object.pk])


class ProjectEdit(ProjectObjectMixin, EditPage):
    form_class = ProjectForm
    success_message = gettext_lazy("Das Projekt wurde gespeichert.")

    def has_permission(self, obj) -> bool:
        return self.access.can_edit_project(obj)

    def get_title(self):
        return _("Projekt bearbeiten: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return project_crumbs(self.object, (_("Bearbeiten"), None))

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "access": self.access}

    def warnings(self, obj) -> list[str]:
        return project_warnings(obj)

    def save(self, form):
        return update_project(
            self.object,
            form.model_values(),
            expected_version=form.cleaned_data["version"],
            town_ids=form.town_ids(),
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )


class ProjectPublish(ProjectObjectMixin, PublishPage):
    def has_permission(self, obj) -> bool:
        return self.access.can_manage

    def get_breadcrumbs(self):
        return project_crumbs(self.object, (self.get_title(), None))

    def write(self, values, form):
        return update_project(
            self.object,
            values,
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )


class ProjectDelete(ProjectObjectMixin, DeletePage):
    question = gettext_lazy(
        "Wollen Sie das Projekt „{obj}“ mit seinen Meilensteinen und Updates wirklich löschen? "
        "Das lässt sich nicht rückgängig machen."
    )

    def has_permission(self, obj) -> bool:
        return self.access.can_manage

    def get_breadcrumbs(self):
        return project_crumbs(self.object, (_("Löschen"), None))

    def get_success_url(self):
        return reverse("staff:project_list")


class ProjectProgressFromMilestones(ProjectObjectMixin, ConfirmPage):
    """Take over the progress computed from the milestones (confirmation, then POST)."""

    submit_label = gettext_lazy("Fortschritt übernehmen")

    def get_queryset(self):
        return super().get_queryset().prefetch_related("milestones")

    def has_permission(self, obj) -> bool:
        return self.access.can_edit_project(obj) and figures_denial(self.access, obj) is None

    def get_title(self):
        return _("Fortschritt aus Meilensteinen übernehmen")

    def get_breadcrumbs(self):
        return project_crumbs(self.object, (self.get_title(), None))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        progress = milestone_progress(self.object)
        context["question"] = _(
            "%(completed)s von %(total)s Meilensteinen sind erreicht. Den Fortschritt von "
            "%(old)s %% auf %(new)s %% setzen?"
        ) % {
            "completed": progress["completed"],
            "total": progress["total"],
            "old": self.object.progress,
            "new": progress["value"],
        }
        return context

    def perform(self, form) -> str:
        value = milestone_progress(self.object)["value"]
        update_project(
            self.object,
            {"progress": value},
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"] or _("Fortschritt aus Meilensteinen übernommen"),
        )
        return _("Der Fortschritt steht jetzt auf %(value)s %%.") % {"value": value}
