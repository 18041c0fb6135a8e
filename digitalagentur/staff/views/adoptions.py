"""Adoptions of a strategy version: the matrix "Kreis + each town × adopted" and new entries."""

from __future__ import annotations

from collections import defaultdict

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.core.parsing import parse_id
from digitalagentur.strategy.choices import Decision
from digitalagentur.strategy.models import Adoption, StrategyVersion
from digitalagentur.tenancy.models import Municipality

from ..forms import AdoptionForm
from ..services import create_adoption, delete_adoption
from .base import CreatePage, DeletePage, StaffPage
from .projects import home_crumb


def adoption_crumbs(*tail):
    return [home_crumb(), (_("Beschlüsse"), reverse("staff:adoption_matrix"))] + list(tail)


def matrix_url(version_pk) -> str:
    return f"{reverse('staff:adoption_matrix')}?fassung={version_pk}"


def adoption_matrix(region, version) -> list[dict]:
    """One row for the Kreis and one per town, each with its decisions on `version`."""
    by_town = defaultdict(list)
    for adoption in (
        Adoption.objects.filter(region=region, version=version)
        .select_related("body")
        .order_by("date", "pk")
    ):
        by_town[adoption.municipality_id].append(adoption)
    rows = [{"label": _("Kreis"), "town": None, "adoptions": by_town.get(None, [])}]
    for town in Municipality.objects.filter(region=region):
        rows.append({"label": town.display_name, "town": town, "adoptions": by_town[town.pk]})
    for row in rows:
        adopted = [a for a in row["adoptions"] if a.decision == Decision.ADOPTED]
        row["adopted"] = adopted[-1] if adopted else None
    return rows


class AdoptionMatrix(StaffPage):
    template_name = "staff/adoption_matrix.html"
    title = gettext_lazy("Beschlüsse")

    def get_breadcrumbs(self):
        return [home_crumb(), (_("Beschlüsse"), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        versions = list(StrategyVersion.objects.filter(region=self.region))
        version = versions[0] if versions else None
        wanted = self.request.GET.get("fassung")
        if wanted:
            version = next((v for v in versions if str(v.pk) == wanted), None)
            if version is None:
                raise Http404(_("Diese Fassung gibt es nicht."))
        context.update(versions=versions, version=version, can_edit=self.access.can_manage)
        if version is not None:
            rows = adoption_matrix(self.region, version)
            context["rows"] = rows
            context["adopted_count"] = sum(1 for r in rows if r["adopted"])
        return context


class AdoptionCreate(CreatePage):
    form_class = AdoptionForm
    title = gettext_lazy("Beschluss erfassen")
    success_message = gettext_lazy("Der Beschluss wurde erfasst.")

    def has_page_permission(self) -> bool:
        return self.access.can_manage

    def get_breadcrumbs(self):
        return adoption_crumbs((_("Beschluss erfassen"), None))

    def get_form(self, data=None):
        form = super().get_form(data)
        wanted = self.request.GET.get("fassung")
        if data is None and parse_id(wanted) is not None:
            form.initial["version"] = wanted
        return form

    def get_cancel_url(self):
        return reverse("staff:adoption_matrix")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not StrategyVersion.objects.filter(region=self.region).exists():
            context["intro"] = _(
                "Es gibt noch keine Fassung. Frieren Sie zuerst den Stand der Strategie als "
                "Fassung ein; ein Beschluss bezieht sich immer auf eine Fassung."
            )
        return context

    def get_success_url(self, obj):
        return matrix_url(obj.version_id)

    def save(self, form):
        return create_adoption(form.instance, user=self.request.user)


class AdoptionDelete(DeletePage):
    def get_queryset(self):
        return Adoption.objects.filter(region=self.region).select_related("body", "version")

    def has_permission(self, obj) -> bool:
        return self.access.can_edit_strategy_content(obj)

    def get_breadcrumbs(self):
        return adoption_crumbs((self.get_title(), None))

    def get_cancel_url(self):
        return matrix_url(self.object.version_id)

    def perform(self, form) -> str:
        delete_adoption(self.object, user=self.request.user, reason=form.cleaned_data["reason"])
        return _("Der Beschluss „%(obj)s“ wurde gelöscht.") % {"obj": self.object}
