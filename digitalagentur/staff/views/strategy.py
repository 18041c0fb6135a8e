"""Strategy content (coordination and region admins): strategy, fields of action, goals."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.core.services import create_object
from digitalagentur.strategy.figures import strategy_counts
from digitalagentur.strategy.models import Field, Goal, Strategy

from ..forms import FieldForm, GoalForm, StrategyForm
from ..services import create_field
from .base import CreatePage, DeletePage, EditPage, PublishPage, StaffPage
from .projects import home_crumb


def strategy_crumbs(*tail):
    return [home_crumb(), (_("Strategie"), reverse("staff:strategy"))] + list(tail)


def region_strategy(region) -> Strategy | None:
    return Strategy.objects.filter(region=region).first()


class StrategyOverview(StaffPage):
    template_name = "staff/strategy.html"
    title = gettext_lazy("Strategie")

    def get_breadcrumbs(self):
        return [home_crumb(), (_("Strategie"), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        strategy = region_strategy(self.region)
        context["strategy"] = strategy
        if strategy is not None:
            context["fields"] = list(
                strategy.fields.select_related("priority_group")
                .annotate(project_count=Count("projects"))
                .prefetch_related(Prefetch("goals", queryset=Goal.objects.order_by("position")))
            )
            context["counts"] = strategy_counts(strategy, public=False)
            context["public_counts"] = strategy_counts(strategy, public=True)
            context["can_edit"] = self.access.can_edit_strategy_content(strategy)
        return context


class StrategyContentMixin:
    """Objects of the strategy: coordination and admins only (officers and readers: 403)."""

    def has_permission(self, obj) -> bool:
        return self.access.can_edit_strategy_content(obj)

    def get_cancel_url(self):
        return reverse("staff:strategy")


class StrategyEdit(StrategyContentMixin, EditPage):
    form_class = StrategyForm
    conflict_subject = gettext_lazy("Die Strategie")
    title = gettext_lazy("Strategie bearbeiten")
    success_message = gettext_lazy("Die Strategie wurde gespeichert.")

    def prepare(self) -> None:
        strategy = region_strategy(self.region)
        if strategy is None:
            raise Http404
        self.kwargs["pk"] = strategy.pk
        super().prepare()

    def get_queryset(self):
        return Strategy.objects.filter(region=self.region)

    def get_breadcrumbs(self):
        return strategy_crumbs((_("Bearbeiten"), None))


class FieldMixin(StrategyContentMixin):
    conflict_subject = gettext_lazy("Dieses Handlungsfeld")

    def get_queryset(self):
        return Field.objects.filter(region=self.region).select_related("strategy")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "strategy": self.strategy}

    def get_breadcrumbs(self):
        return strategy_crumbs((self.get_title(), None))


class FieldCreate(FieldMixin, CreatePage):
    form_class = FieldForm
    title = gettext_lazy("Neues Handlungsfeld")
    success_message = gettext_lazy("Das Handlungsfeld wurde angelegt.")

    def prepare(self) -> None:
        self.strategy = region_strategy(self.region)
        if self.strategy is None:
            raise Http404
        if not self.access.can_edit_strategy_content(self.strategy):
            raise PermissionDenied
        super().prepare()

    def save(self, form):
        return create_field(
            self.strategy,
            form.model_values(),
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )


class FieldEdit(FieldMixin, EditPage):
    form_class = FieldForm
    template_name = "staff/field_form.html"
    success_message = gettext_lazy("Das Handlungsfeld wurde gespeichert.")

    def prepare(self) -> None:
        super().prepare()
        self.strategy = self.object.strategy

    def get_title(self):
        return _("Handlungsfeld bearbeiten: %(obj)s") % {"obj": self.object}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["goals"] = list(self.object.goals.order_by("position", "pk"))
        context["goal_field"] = self.object
        context["can_edit_goals"] = True  # has_permission() admitted only the coordination
        return context


class FieldDelete(FieldMixin, DeletePage):
    question = gettext_lazy(
        "Wollen Sie das Handlungsfeld „{obj}“ mit seinen Zielen wirklich löschen? Projekte "
        "müssen vorher einem anderen Handlungsfeld zugeordnet werden."
    )


class FieldPublish(FieldMixin, PublishPage):
    pass


class GoalMixin(StrategyContentMixin):
    conflict_subject = gettext_lazy("Dieses Ziel")

    def get_queryset(self):
        return Goal.objects.filter(region=self.region).select_related("field")

    def get_cancel_url(self):
        return reverse("staff:field_edit", args=[self.field.pk]) + "#ziele"

    def get_breadcrumbs(self):
        field_url = reverse("staff:field_edit", args=[self.field.pk])
        return strategy_crumbs((str(self.field), field_url), (self.get_title(), None))

    def prepare(self) -> None:
        super().prepare()
        if getattr(self, "object", None) is not None:
            self.field = self.object.field


class GoalCreate(GoalMixin, CreatePage):
    form_class = GoalForm
    title = gettext_lazy("Neues Ziel")
    success_message = gettext_lazy("Das Ziel wurde angelegt.")

    def prepare(self) -> None:
        self.field = get_object_or_404(
            Field.objects.filter(region=self.region), pk=self.kwargs["field_pk"]
        )
        if not self.access.can_edit_strategy_content(self.field):
            raise PermissionDenied
        super().prepare()

    def save(self, form):
        goal = Goal(region=self.region, field=self.field, **form.model_values())
        return create_object(goal, user=self.request.user, reason=form.cleaned_data["reason"])


class GoalEdit(GoalMixin, EditPage):
    form_class = GoalForm
    success_message = gettext_lazy("Das Ziel wurde gespeichert.")

    def get_title(self):
        return _("Ziel bearbeiten: %(obj)s") % {"obj": self.object}


class GoalDelete(GoalMixin, DeletePage):
    pass


class GoalPublish(GoalMixin, PublishPage):
    pass
