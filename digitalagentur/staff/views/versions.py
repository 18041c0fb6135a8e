"""Named versions of the living strategy: list, freeze, read-only view, diff."""

from __future__ import annotations

from django.db.models import Count
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.strategy.models import StrategyVersion
from digitalagentur.strategy.versions import (
    build_snapshot,
    freeze_version,
    state_diff,
    version_diff,
)
from digitalagentur.tenancy.models import Municipality

from ..forms import CURRENT, CompareForm, FreezeVersionForm
from ..mixins import ObjectMixin
from ..snapshots import present_diff, present_snapshot
from .base import CreatePage, StaffPage
from .projects import home_crumb
from .strategy import region_strategy


def version_crumbs(*tail):
    return [home_crumb(), (_("Fassungen"), reverse("staff:version_list"))] + list(tail)


def town_names(region) -> dict[str, str]:
    return dict(Municipality.objects.filter(region=region).values_list("slug", "name"))


def region_versions(region):
    return StrategyVersion.objects.filter(region=region).select_related("created_by")


class VersionList(StaffPage):
    template_name = "staff/version_list.html"
    title = gettext_lazy("Fassungen der Strategie")

    def get_breadcrumbs(self):
        return [home_crumb(), (_("Fassungen"), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        versions = list(region_versions(self.region).annotate(adoption_count=Count("adoptions")))
        strategy = region_strategy(self.region)
        context.update(
            versions=versions,
            strategy=strategy,
            can_freeze=strategy is not None and self.access.can_edit_strategy_content(strategy),
            compare_form=CompareForm(versions=versions),
        )
        return context


class VersionFreeze(CreatePage):
    form_class = FreezeVersionForm
    title = gettext_lazy("Fassung einfrieren")
    submit_label = gettext_lazy("Fassung einfrieren")
    template_name = "staff/version_freeze.html"

    def prepare(self) -> None:
        self.strategy = region_strategy(self.region)
        if self.strategy is None:
            raise Http404
        super().prepare()

    def has_page_permission(self) -> bool:
        return self.access.can_manage

    def get_breadcrumbs(self):
        return version_crumbs((_("Fassung einfrieren"), None))

    def get_form_kwargs(self):
        return {"strategy": self.strategy}

    def get_cancel_url(self):
        return reverse("staff:version_list")

    def get_success_url(self, obj):
        return reverse("staff:version_detail", args=[obj.pk])

    def save(self, form):
        self.success_message = _("Die Fassung „%(name)s“ wurde eingefroren.") % {
            "name": form.cleaned_data["name"]
        }
        return freeze_version(
            self.strategy,
            form.cleaned_data["name"],
            user=self.request.user,
            note=form.cleaned_data["note"],
        )


class VersionDetail(ObjectMixin, StaffPage):
    template_name = "staff/version_detail.html"

    def get_queryset(self):
        return region_versions(self.region)

    def has_permission(self, obj) -> bool:
        return True

    def get_title(self):
        return str(self.object)

    def get_breadcrumbs(self):
        return version_crumbs((str(self.object), None))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["version"] = self.object
        context["content"] = present_snapshot(self.object.snapshot, town_names(self.region))
        context["current"] = CURRENT
        return context


class VersionDiff(StaffPage):
    """Compare two states: frozen versions or the current state ("aktueller Stand")."""

    template_name = "staff/version_diff.html"
    title = gettext_lazy("Fassungen vergleichen")

    def get_breadcrumbs(self):
        return version_crumbs((_("Vergleich"), None))

    def state(self, key: str, versions: dict) -> tuple[str, dict]:
        if key == CURRENT:
            strategy = region_strategy(self.region)
            if strategy is None:
                return _("aktueller Stand"), {}
            return _("aktueller Stand"), build_snapshot(strategy)
        version = versions[key]
        return version.name, version.snapshot

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        versions = list(region_versions(self.region))
        bound = "a" in self.request.GET or "b" in self.request.GET
        form = CompareForm(self.request.GET if bound else None, versions=versions)
        if not bound and versions:
            form.initial = {"a": str(versions[0].pk), "b": CURRENT}
        context["form"] = form
        context["versions"] = versions
        if bound and form.is_valid():
            by_pk = {str(v.pk): v for v in versions}
            a, b = form.cleaned_data["a"], form.cleaned_data["b"]
            old_name, old = self.state(a, by_pk)
            new_name, new = self.state(b, by_pk)
            if a in by_pk and b in by_pk:  # two frozen versions: stored once computed
                diff = version_diff(by_pk[a], by_pk[b], public=False)
            else:  # the current state: cached by content
                diff = state_diff(old, new)
            context.update(
                old_name=old_name,
                new_name=new_name,
                diff=present_diff(diff, old, new, town_names(self.region)),
            )
        return context
