"""A town's part of a project: its officer (or the coordination) says where the town stands.

The project's status and progress follow from the parts (portfolio/rollup.py). The form
answers JSON to a script (the dashboard's quick update) and a normal page otherwise.
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import JsonResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.core.services import EditConflict
from digitalagentur.portfolio.models import Participation
from digitalagentur.portfolio.rules import part_write_denial
from digitalagentur.portfolio.services import update_part

from ..forms import PartForm
from .base import EditPage
from .projects import project_crumbs


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


class PartEdit(EditPage):
    form_class = PartForm
    conflict_subject = gettext_lazy("Der Teil dieser Kommune")
    success_message = gettext_lazy("Der Stand der Kommune wurde gespeichert.")

    def get_queryset(self):
        parts = Participation.objects.filter(project__region=self.region)
        return parts.select_related("project", "municipality")

    def has_permission(self, obj) -> bool:
        return part_write_denial(self.access, obj) is None

    def get_title(self):
        return _("Stand von %(town)s: %(project)s") % {
            "town": self.object.municipality.name,
            "project": self.object.project,
        }

    def get_breadcrumbs(self):
        return project_crumbs(self.object.project, (self.object.municipality.name, None))

    def next_url(self) -> str | None:
        target = self.request.POST.get("next") or self.request.GET.get("next")
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return target
        return None

    def get_cancel_url(self):
        return self.next_url() or reverse("staff:project_detail", args=[self.object.project_id])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["intro"] = _(
            "Status und Fortschritt des ganzen Projekts ergeben sich aus den Teilen aller "
            "beteiligten Kommunen."
        )
        context["next"] = self.next_url()
        return context

    def save(self, form):
        values = form.model_values()
        return update_part(
            self.object,
            values,
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
            publish_note=form.cleaned_data["publish_update"],
        )

    def post(self, request, *args, **kwargs):
        if not wants_json(request):
            return super().post(request, *args, **kwargs)
        form = self.get_form(request.POST)
        if not form.is_valid():
            return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
        try:
            part = self.save(form)
        except ValidationError as exc:
            messages = [{"message": m} for m in exc.messages]
            return JsonResponse({"errors": {"__all__": messages}}, status=400)
        except ObjectDoesNotExist:
            return JsonResponse(
                {"errors": {"__all__": [{"message": _("Das Objekt wurde inzwischen gelöscht.")}]}},
                status=404,
            )
        except EditConflict as exc:
            return JsonResponse(
                {
                    "errors": {
                        "__all__": [
                            {
                                "message": _(
                                    "Inzwischen hat jemand anderes diesen Stand geändert. "
                                    "Bitte laden Sie die Seite neu."
                                )
                            }
                        ]
                    },
                    "version": exc.current_version,
                },
                status=409,
            )
        project = part.project
        return JsonResponse(
            {
                "message": str(self.success_message),
                "version": part.version,
                "status": part.status,
                "status_display": part.get_status_display(),
                "progress": part.progress,
                "project": {
                    "status": project.status,
                    "status_display": project.get_status_display(),
                    "progress": project.progress,
                },
            }
        )
