"""Forms of the workshops in the staff area (issue 9, section 5): workshops, their ideas and
the list's filter. Forms validate input only; writes go through assessment.workshops."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from digitalagentur.assessment.models import Workshop, WorkshopIdea
from digitalagentur.assessment.workshops import end_date_error
from digitalagentur.strategy.models import Field

from .forms import IdModelChoiceField, VersionedModelForm


def region_fields(region):
    return (
        Field.objects.filter(region=region)
        .select_related("strategy")
        .order_by("strategy__title", "position", "name")
    )


class WorkshopForm(VersionedModelForm):
    field = IdModelChoiceField(queryset=Field.objects.none(), label=_("Handlungsfeld"))
    participants = forms.IntegerField(
        label=_("Teilnehmende"),
        required=False,
        min_value=0,
        max_value=100000,
        help_text=_("Anzahl, leer wenn unbekannt."),
        error_messages={"invalid": _("Bitte eine ganze Zahl eingeben.")},
    )

    class Meta:
        model = Workshop
        fields = [
            "title",
            "field",
            "date",
            "end_date",
            "format",
            "participants",
            "moderators",
            "description",
            "goals_discussed",
            "published",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "goals_discussed": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "end_date": _("Optional, bei mehrtägigen Workshops oder mehreren Terminen."),
            "description": _("Ablauf des Workshops."),
            "published": _(
                "Veröffentlichte Workshops erscheinen auf der Seite des Handlungsfelds."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = region_fields(self.region)
        self.fields["end_date"].label = _("Enddatum")
        self.fields["title"].widget.attrs.setdefault("autocomplete", "off")

    def clean(self):
        cleaned = super().clean()
        message = end_date_error(cleaned.get("date"), cleaned.get("end_date"))
        if message:
            self.add_error("end_date", message)
        return cleaned


class IdeaForm(VersionedModelForm):
    class Meta:
        model = WorkshopIdea
        fields = ["title", "description", "position"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"position": _("Reihenfolge auf der Seite des Workshops (leer: am Ende).")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].required = False


class WorkshopFilterForm(forms.Form):
    SORTS = [
        ("-date", _("neueste zuerst")),
        ("date", _("älteste zuerst")),
    ]

    field = IdModelChoiceField(
        queryset=Field.objects.none(),
        required=False,
        label=_("Handlungsfeld"),
        empty_label=_("alle"),
    )
    sort = forms.ChoiceField(choices=SORTS, required=False, label=_("Sortierung"))

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = region_fields(region)
