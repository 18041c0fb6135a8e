"""Towns of the region: officers edit their own town's data, coordination every town."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.tenancy.models import Municipality

from ..forms import MunicipalityForm
from .base import EditPage, StaffPage
from .projects import home_crumb


class MunicipalityList(StaffPage):
    template_name = "staff/municipality_list.html"
    title = gettext_lazy("Städte und Gemeinden")

    def get_breadcrumbs(self):
        return [home_crumb(), (_("Städte und Gemeinden"), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        towns = Municipality.objects.filter(region=self.region).annotate(
            project_count=Count("participations")
        )
        context["rows"] = [(t, self.access.can_edit_municipality(t)) for t in towns]
        return context


class MunicipalityEdit(EditPage):
    form_class = MunicipalityForm
    conflict_subject = gettext_lazy("Die Kommune")
    success_message = gettext_lazy("Die Angaben der Kommune wurden gespeichert.")

    def get_queryset(self):
        return Municipality.objects.filter(region=self.region)

    def has_permission(self, obj) -> bool:
        return self.access.can_edit_municipality(obj)

    def get_title(self):
        return _("%(town)s bearbeiten") % {"town": self.object.display_name}

    def get_breadcrumbs(self):
        return [
            home_crumb(),
            (_("Städte und Gemeinden"), reverse("staff:municipality_list")),
            (self.get_title(), None),
        ]

    def get_cancel_url(self):
        return reverse("staff:municipality_list")
