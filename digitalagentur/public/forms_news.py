"""The filters of the public news list (issue 13, section 3): a field of action and a town.
An unknown value is reported and ignored, the other filter applies (LenientFilterForm)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .filters import LenientFilterForm, choice_lists


class NewsFilterForm(LenientFilterForm):
    field = forms.ChoiceField(label=_("Handlungsfeld"), required=False)
    municipality = forms.ChoiceField(label=_("Kommune"), required=False)

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        lists = choice_lists(region)
        every = [("", _("alle"))]
        self.fields["field"].choices = every + lists["field"]
        self.fields["municipality"].choices = every + lists["municipality"]
        for name in self.fields:
            self.fields[name].error_messages["invalid_choice"] = _(
                "„%(value)s“ gibt es nicht zur Auswahl."
            )
