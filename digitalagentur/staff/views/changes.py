"""The change log of the living document: who changed what, when, before and after, why."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.core.models import ObjectChange

from ..changes import describe_changes
from ..forms import ChangeLogFilterForm
from ..links import object_url
from .base import StaffPage
from .projects import home_crumb

PAGE_SIZE = 30


class ChangeList(StaffPage):
    template_name = "staff/change_list.html"
    title = gettext_lazy("Änderungsprotokoll")

    def get_breadcrumbs(self):
        return [home_crumb(), (_("Änderungsprotokoll"), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        queryset = ObjectChange.objects.filter(region=self.region).select_related(
            "user", "content_type"
        )
        form = ChangeLogFilterForm(self.request.GET, region=self.region)
        if form.is_valid():
            data = form.cleaned_data
            if data["type"]:
                app_label, model = data["type"].split(".")
                queryset = queryset.filter(
                    content_type__app_label=app_label, content_type__model=model
                )
            if data["user"]:
                queryset = queryset.filter(user=data["user"])
            if data["action"]:
                queryset = queryset.filter(action=data["action"])
        page = Paginator(queryset, PAGE_SIZE).get_page(self.request.GET.get("page"))
        entries = describe_changes(page.object_list)
        for entry in entries:
            entry.url = object_url(entry.change)
        context.update(
            form=form,
            page=page,
            entries=entries,
            is_filtered=any(v for k, v in self.request.GET.items() if k != "page"),
        )
        return context
