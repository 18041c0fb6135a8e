"""Forms of the newsletter's list in the staff area (issue 13, section 1): the subscriber
list's filters, a segment's form and the address whose consent records are shown. Forms only
read input; the views write (core.services: change log) and the rules are
communication.newsletter's (the address is normalised by normalise_email)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from digitalagentur.communication import newsletter
from digitalagentur.communication.choices import SegmentKind, SubscriptionStatus
from digitalagentur.communication.models import Segment

from .forms import reason_field

SEARCH_MAX = 254


class SubscriberFilterForm(forms.Form):
    """The subscriber list's filters (GET): a search in the address, the status and a
    segment."""

    q = forms.CharField(label=_("Suche in der Adresse"), required=False, max_length=SEARCH_MAX)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("alle"))] + list(SubscriptionStatus.choices),
        error_messages={"invalid_choice": _("„%(value)s“ ist kein Status der Liste.")},
    )
    gruppe = forms.TypedChoiceField(
        label=_("Gruppe"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("„%(value)s“ ist keine Gruppe dieser Region.")},
    )

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        segments = Segment.objects.filter(region=region).order_by("kind", "position", "name", "pk")
        self.fields["gruppe"].choices = [("", _("alle Gruppen"))] + [
            (str(segment.pk), f"{segment.name} ({segment.get_kind_display()})")
            for segment in segments
        ]


class SegmentForm(forms.ModelForm):
    """A segment's name, description and whether subscribers can choose it. A new one is a
    staff segment (kind "custom"); the name is unique in the region."""

    reason = reason_field()

    class Meta:
        model = Segment
        fields = ["name", "description", "selectable"]
        help_texts = {
            "name": _("So heißt die Gruppe im Anmeldeformular und bei den Ausgaben."),
            "description": _("Ein Satz für das Anmeldeformular (freiwillig)."),
            "selectable": _(
                "Ohne Haken ist die Gruppe im Anmeldeformular nicht zu sehen; wer sie schon "
                "gewählt hat, bleibt in ihr."
            ),
        }
        error_messages = {
            "name": {
                "required": _("Bitte geben Sie einen Namen an."),
                "max_length": _("Der Name darf höchstens %(limit_value)d Zeichen lang sein."),
            },
            "description": {
                "max_length": _(
                    "Die Beschreibung darf höchstens %(limit_value)d Zeichen lang sein."
                ),
            },
        }

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.region = region
        if self.instance.pk is None:
            self.instance.region = region
            self.instance.kind = SegmentKind.CUSTOM

    def clean_name(self):
        name = " ".join((self.cleaned_data.get("name") or "").split())
        if not name:
            raise ValidationError(_("Bitte geben Sie einen Namen an."))
        taken = Segment.objects.filter(region=self.region, name__iexact=name)
        if self.instance.pk is not None:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise ValidationError(_("Eine Gruppe mit diesem Namen gibt es schon."))
        return name

    def clean_description(self):
        return " ".join((self.cleaned_data.get("description") or "").split())

    def model_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class ConsentSearchForm(forms.Form):
    """The address whose consent records are shown or downloaded (GET `email`)."""

    email = forms.CharField(
        label=_("E-Mail-Adresse"),
        max_length=SEARCH_MAX + 50,
        error_messages={
            "required": _("Bitte geben Sie eine E-Mail-Adresse an."),
            "max_length": _("Die E-Mail-Adresse ist zu lang."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_email(self):
        return newsletter.normalise_email(self.cleaned_data.get("email", ""))
