"""The region's look (issue 7, section 6): name, logo, claim and brand colours, set by its
admins.

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
from digitalagentur.tenancy import logos
from digitalagentur.tenancy.models import Region, RegionLogo

from ..forms import reason_field
from .base import FormPageMixin, StaffPage


class RegionLookForm(forms.ModelForm):
    logo = forms.FileField(
        label=gettext_lazy("Logo"),
        required=False,
        help_text=gettext_lazy(
            "SVG oder PNG, höchstens 512 KB. SVG-Dateien werden bereinigt (keine Skripte, "
            "keine externen Verweise), PNG-Dateien neu gespeichert."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".svg,.png,image/svg+xml,image/png"}),
    )
    remove_logo = forms.BooleanField(label=gettext_lazy("Logo entfernen"), required=False)
    reason = reason_field()

    class Meta:
        model = Region
        fields = ["name", "land", "claim", "color_primary", "color_dark"]
        widgets = {
            "color_primary": forms.TextInput(attrs={"type": "color"}),
            "color_dark": forms.TextInput(attrs={"type": "color"}),
        }

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, instance=copy.copy(region), **kwargs)
        if not region.logo_type:
            del self.fields["remove_logo"]

    def clean_logo(self):
        """The cleaned file and its type, or None when no file was chosen."""
        upload = self.cleaned_data.get("logo")
        if not upload:
            return None
        if upload.size > logos.MAX_BYTES:
            raise forms.ValidationError(_("Das Logo ist größer als 512 KB."))
        return logos.cleaned_logo(upload.name, upload.read())


@transaction.atomic
def save_region_look(region: Region, form: RegionLookForm, *, user) -> Region:
    fresh = Region.objects.select_for_update().get(pk=region.pk)
    before = snapshot(fresh)
    for name in form.Meta.fields:
        setattr(fresh, name, form.cleaned_data[name])
    logo = form.cleaned_data.get("logo")
    if logo is not None:
        content, fresh.logo_type = logo
        RegionLogo.objects.update_or_create(
            region=fresh, defaults={"content": content, "content_type": fresh.logo_type}
        )
    elif form.cleaned_data.get("remove_logo"):
        RegionLogo.objects.filter(region=fresh).delete()
        fresh.logo_type = ""
    fresh.full_clean()
    fresh.save()
    after = snapshot(fresh)
    if logo is not None:
        after["logo_type"] = _("neues Logo (%(type)s)") % {"type": fresh.logo_type}
    changes = diff_snapshots(before, after)
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
            "Name, Logo, Claim und Markenfarben erscheinen auf der öffentlichen Website. Farben "
            "mit zu wenig Kontrast werden nicht gespeichert, damit alles lesbar bleibt."
        )
        return context

    def get_form(self, data=None):
        files = self.request.FILES if data is not None else None
        return self.form_class(data=data, files=files, **self.get_form_kwargs())

    def save(self, form):
        return save_region_look(self.region, form, user=self.request.user)
