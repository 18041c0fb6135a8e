"""The region's look (issue 7, section 6): name, claim and brand colours, set by its admins.

The colours are checked for WCAG AA contrast on save (tenancy.models.Region.clean), so the
public site stays readable whatever is chosen; public/views.region_css serves them.
"""

from __future__ import annotations

import copy

from django import forms
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.core.models import ObjectChange
from digitalagentur.core.services import diff_snapshots, log_change, snapshot
from digitalagentur.tenancy.models import Region

from ..forms import reason_field
from .base import FormPageMixin, StaffPage


class RegionLookForm(forms.ModelForm):
    reason = reason_field()

    class Meta:
        model = Region
        fields = ["name", "claim", "color_primary", "color_dark"]
        widgets = {
            "color_primary": forms.TextInput(attrs={"type": "color"}),
            "color_dark": forms.TextInput(attrs={"type": "color"}),
        }

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, instance=copy.copy(region), **kwargs)


@transaction.atomic
def save_region_look(region: Region, form: RegionLookForm, *, user) -> Region:
    fresh = Region.objects.select_for_update().get(pk=region.pk)
    before = snapshot(fresh)
    for name in form.Meta.fields:
        setattr(fresh, name, form.cleaned_data[name])
    fresh.full_clean()
    fresh.save()
    changes = diff_snapshots(before, snapshot(fresh))
    if changes:
        log_change(
            fresh,
            ObjectChange.Action.UPDATE,
            user=user,
            changes=changes,
            reason=form.cleaned_data["reason"],
            region_id=fresh.pk,
        )
    return fresh


class RegionLook(FormPageMixin, StaffPage):
    """Edits the request's region itself (not versioned: the row is locked while saving)."""

    form_class = RegionLookForm
    title = gettext_lazy("Erscheinungsbild der Region")
    success_message = gettext_lazy("Das Erscheinungsbild wurde gespeichert.")

    def has_page_permission(self) -> bool:
        return self.access.can_admin

    def get_breadcrumbs(self):
        return [(_("Interner Bereich"), reverse("staff:dashboard")), (self.get_title(), None)]

    def get_cancel_url(self):
        return reverse("staff:dashboard")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["intro"] = _(
            "Name, Claim und Markenfarben erscheinen auf der öffentlichen Website. Farben mit "
            "zu wenig Kontrast werden nicht gespeichert, damit alles lesbar bleibt."
        )
        return context

    def save(self, form):
        return save_region_look(self.region, form, user=self.request.user)
