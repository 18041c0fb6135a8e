"""An application's financing plan and budget overview as Excel or CSV files (staff area).

Every role of the region may read them, as the application's page; the application is looked
up in the request's region (404 otherwise). The files are built by funding/exports.py.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.views import View

from digitalagentur.funding import exports
from digitalagentur.funding.models import Application
from digitalagentur.funding.overview import overviews

from ..mixins import ObjectMixin


class ApplicationExport(ObjectMixin, View):
    """GET …/finanzierungsplan.xlsx|csv and …/budgetuebersicht.xlsx|csv."""

    kind = "budget"  # or "plan"

    def get_queryset(self):
        return Application.objects.filter(region=self.region).select_related("programme")

    def has_permission(self, obj) -> bool:
        return True

    def get(self, request, *args, fmt, **kwargs):
        application = self.object
        if self.kind == "plan":
            content, content_type, name = exports.financing_plan_file(application, fmt)
        else:
            overview = overviews([application])[application.pk]
            content, content_type, name = exports.budget_overview_file(overview, fmt)
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
