"""The subscription form of the newsletter (issue 13, section 1).

The form only reads input: the address is checked and normalised by
communication.newsletter.normalise_email and the chosen groups by segments_for, so the German
messages of the service land on the form. The groups are one field (`segments`, the ids of
selectable segments) that the template shows as checkboxes, grouped by kind.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from digitalagentur.communication import newsletter
from digitalagentur.communication.choices import SegmentKind

#: The headings of the checkbox groups (the plural of SegmentKind), in the order shown.
KIND_HEADINGS = [
    (SegmentKind.MUNICIPALITY, _("Kommunen")),
    (SegmentKind.FIELD, _("Handlungsfelder")),
    (SegmentKind.AUDIENCE, _("Zielgruppen")),
    (SegmentKind.CUSTOM, _("eigene Gruppen")),
]


class SubscribeForm(forms.Form):
    email = forms.CharField(
        label=_("Ihre E-Mail-Adresse"),
        help_text=_(
            "Wir verwenden die Adresse nur für den Newsletter. Jede Ausgabe enthält einen Link, "
            "mit dem Sie sich jederzeit wieder abmelden."
        ),
        error_messages={"required": _("Bitte geben Sie Ihre E-Mail-Adresse an.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    segments = forms.MultipleChoiceField(
        label=_("Themen"),
        required=False,
        error_messages={"invalid_choice": _("„%(value)s“ ist keine Gruppe des Newsletters.")},
    )

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.region = region
        self.segment_list = list(newsletter.selectable_segments(region))
        self.fields["segments"].choices = [
            (str(segment.pk), segment.name) for segment in self.segment_list
        ]
        # The error summary links to the first checkbox (public/surveys.error_summary).
        self.fields["segments"].is_group = True

    def clean_email(self):
        return newsletter.normalise_email(self.cleaned_data.get("email", ""))

    def clean_segments(self):
        ids = self.cleaned_data.get("segments") or []
        try:
            return newsletter.segments_for(self.region, ids)
        except ValidationError as error:
            raise ValidationError(error.messages) from None

    def groups(self) -> list[dict]:
        """The checkboxes grouped by kind: [{"kind", "label", "items": [{"id", "value",
        "name", "description", "checked"}]}], the groups without segments left out. The ids
        run through all groups (id_segments_0, _1, …)."""
        if self.is_bound:
            chosen = {str(value) for value in self.data.getlist(self.add_prefix("segments"))}
        else:
            chosen = {str(value) for value in self.initial.get("segments", [])}
        by_kind: dict[str, list] = {}
        for segment in self.segment_list:
            by_kind.setdefault(segment.kind, []).append(segment)
        groups, index = [], 0
        for kind, label in KIND_HEADINGS:
            items = []
            for segment in by_kind.get(kind, []):
                items.append(
                    {
                        "id": f"{self['segments'].auto_id}_{index}",
                        "value": str(segment.pk),
                        "name": segment.name,
                        "description": segment.description,
                        "checked": str(segment.pk) in chosen,
                    }
                )
                index += 1
            if items:
                groups.append({"kind": kind, "label": label, "items": items})
        return groups
