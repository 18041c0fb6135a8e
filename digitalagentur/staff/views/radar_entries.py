"""Entries (blips) of a radar in the staff area (issue 14, section 1): add, edit (a new ring
needs a reason, which goes into the ring history) and delete with a confirmation. The
coordination only (radar.rules.can_manage_radar, 403 for other roles); entries of other
regions are 404. Writes go through radar/services.py."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.radar import rules, services
from digitalagentur.radar.models import Entry, Radar

from ..forms_radar import EntryForm
from ..mixins import ObjectMixin
from .base import CreatePage, DeletePage, EditPage
from .radar import RadarSection, detail_url, list_url, radar_crumbs

# The service's names -> the form's
RENAMES = {"municipalities": "towns"}


class EntryObject(RadarSection, ObjectMixin):
    """An entry of the request's region (404 otherwise) whose radar the user manages (403)."""

    conflict_subject = gettext_lazy("Dieser Eintrag")

    def get_queryset(self):
        return Entry.objects.filter(region=self.region).select_related("radar")

    def has_permission(self, obj) -> bool:
        return rules.can_manage_radar(self.access, obj.radar)

    @property
    def radar(self) -> Radar:
        return self.object.radar


class EntryFormMixin:
    form_class = EntryForm
    template_name = "staff/radar/entry_form.html"
    invalid_status = 400
    errors_at_fields = True
    error_renames = RENAMES
    deleted_message = gettext_lazy("Der Eintrag wurde inzwischen gelöscht.")

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "radar": self.radar}

    def get_cancel_url(self) -> str:
        return detail_url(self.radar.pk)

    def get_success_url(self, obj) -> str:
        return detail_url(self.radar.pk) + f"#eintrag-{obj.pk}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["radar"] = self.radar
        return context


class EntryCreate(RadarSection, EntryFormMixin, CreatePage):
    success_message = gettext_lazy("Der Eintrag wurde aufgenommen.")

    def prepare(self) -> None:
        self.radar = get_object_or_404(Radar, region=self.region, pk=self.kwargs["radar_pk"])
        if not rules.can_manage_radar(self.access, self.radar):
            raise PermissionDenied
        super().prepare()

    def get_form_kwargs(self) -> dict:
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Entry(region=self.region, radar=self.radar)
        return kwargs

    def get_title(self) -> str:
        return _("Eintrag hinzufügen: %(radar)s") % {"radar": self.radar}

    def get_breadcrumbs(self):
        return radar_crumbs(self.radar, (_("Eintrag hinzufügen"), None))

    def save(self, form):
        return services.create_entry(
            self.radar,
            user=self.request.user,
            values=form.model_values(),
            reason=form.cleaned_data["reason"].strip(),
            **form.relations(),
        )


class EntryEdit(EntryObject, EntryFormMixin, EditPage):
    success_message = gettext_lazy("Der Eintrag wurde gespeichert.")

    def get_title(self) -> str:
        return _("Eintrag bearbeiten: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return radar_crumbs(self.radar, (str(self.object), None))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["ring_changes"] = list(
            self.object.ring_changes.select_related("old_ring", "new_ring", "user").order_by(
                "-date", "-pk"
            )
        )
        return context

    def save(self, form):
        return services.update_entry(
            self.object,
            form.model_values(),
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"].strip(),
            **form.relations(),
        )


class EntryDelete(EntryObject, DeletePage):
    question = gettext_lazy(
        "Wollen Sie den Eintrag „{obj}“ wirklich löschen? Seine Ringhistorie wird mit "
        "gelöscht; bereits veröffentlichte Ausgaben behalten ihn."
    )

    def get_breadcrumbs(self):
        return radar_crumbs(self.radar, (str(self.object), None), (_("Löschen"), None))

    def get_cancel_url(self) -> str:
        return detail_url(self.radar.pk) + f"#eintrag-{self.object.pk}"

    def get_success_url(self) -> str:
        radar_id = getattr(self.object, "radar_id", None)
        return detail_url(radar_id) if radar_id else list_url()

    def perform(self, form) -> str:
        services.delete_entry(
            self.object,
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )
        return _("Der Eintrag „%(obj)s“ wurde gelöscht.") % {"obj": self.object}
