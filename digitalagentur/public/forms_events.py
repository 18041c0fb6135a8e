"""Forms of the public event pages (issue 13, section 2): the calendar's filters and the
registration for an event.

The forms only read input; every rule (open for registration, seats, the waiting list, one
registration per person) is checked by communication.registrations, whose German messages
land on these forms.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from digitalagentur.communication.choices import EventKind
from digitalagentur.communication.registrations import NAME_MAX, NOTE_MAX, ORGANISATION_MAX

from .filters import LenientFilterForm, choice_lists

UPCOMING, PAST, ALL = "kommende", "vergangene", "alle"
PERIODS = [
    (UPCOMING, _("kommende Veranstaltungen")),
    (PAST, _("vergangene Veranstaltungen")),
    (ALL, _("alle Veranstaltungen")),
]


class EventFilterForm(LenientFilterForm):
    """The calendar's filters; an unknown value is reported and ignored, the others apply."""

    kind = forms.ChoiceField(label=_("Art"), required=False)
    field = forms.ChoiceField(label=_("Handlungsfeld"), required=False)
    municipality = forms.ChoiceField(label=_("Kommune"), required=False)
    zeitraum = forms.ChoiceField(label=_("Zeitraum"), required=False, choices=PERIODS)

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        lists = choice_lists(region)
        every = [("", _("alle"))]
        self.fields["kind"].choices = every + list(EventKind.choices)
        self.fields["field"].choices = every + lists["field"]
        self.fields["municipality"].choices = every + lists["municipality"]
        for name in self.fields:
            self.fields[name].error_messages["invalid_choice"] = _(
                "„%(value)s“ gibt es nicht zur Auswahl."
            )


class RegistrationForm(forms.Form):
    """Registering for an event (a logged-in account; the e-mail address is the account's)."""

    name = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=NAME_MAX,
        help_text=_("So steht es auf der Teilnehmendenliste. Leer: der Name Ihres Kontos."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={
            "max_length": _(
                "Der Name ist zu lang: höchstens %(limit_value)d Zeichen (jetzt %(show_value)d)."
            )
        },
    )
    organisation = forms.CharField(
        label=_("Organisation / Kommune (optional)"),
        required=False,
        max_length=ORGANISATION_MAX,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        error_messages={
            "max_length": _(
                "Die Angabe ist zu lang: höchstens %(limit_value)d Zeichen (jetzt %(show_value)d)."
            )
        },
    )
    note = forms.CharField(
        label=_("Anmerkung (optional)"),
        required=False,
        max_length=NOTE_MAX,
        help_text=_("Zum Beispiel Ernährungswünsche oder Hinweise zur Barrierefreiheit."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": _(
                "Die Anmerkung ist zu lang: höchstens %(limit_value)d Zeichen "
                "(jetzt %(show_value)d)."
            )
        },
    )
