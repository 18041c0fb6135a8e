"""Forms of reuse across towns and the phase checklists in the staff area (issue 14,
section 2). They validate input only; views write through portfolio/reuse.py and
portfolio/checklists.py."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from digitalagentur.portfolio.choices import ReuseKind
from digitalagentur.portfolio.models import ChecklistItem, ReuseOffer
from digitalagentur.tenancy.models import Municipality

from .forms import IdModelChoiceField, VersionedModelForm

LENGTH_MESSAGE = _("Bitte höchstens %(limit_value)d Zeichen (jetzt %(show_value)d).")


class ReuseOfferForm(VersionedModelForm):
    class Meta:
        model = ReuseOffer
        fields = ["built", "cost_eur", "cost_note", "lessons", "contact", "contact_email"]
        widgets = {
            "built": forms.Textarea(attrs={"rows": 5}),
            "lessons": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "built": {
                "required": _("Bitte beschreiben Sie, was entstanden ist."),
                "max_length": LENGTH_MESSAGE,
            },
            "contact": {
                "required": _("Bitte nennen Sie einen Ansprechpartner."),
                "max_length": LENGTH_MESSAGE,
            },
            "cost_eur": {
                "invalid": _("Bitte geben Sie die Kosten als Zahl in Euro an, z. B. 12000,50."),
                "min_value": _("Die Kosten können nicht negativ sein."),
                "max_digits": _("Bitte geben Sie höchstens 10 Stellen vor dem Komma an."),
                "max_decimal_places": _("Bitte geben Sie höchstens 2 Nachkommastellen an."),
                "max_whole_digits": _("Bitte geben Sie höchstens 10 Stellen vor dem Komma an."),
            },
            "cost_note": {"max_length": LENGTH_MESSAGE},
            "contact_email": {"invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse an.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cost_eur"].localize = True
        self.fields["cost_eur"].widget.is_localized = True


class ReuseTakeForm(forms.Form):
    """Which town reuses the project, and how: joining it or copying it."""

    town = IdModelChoiceField(
        label=_("Stadt/Gemeinde"),
        queryset=Municipality.objects.none(),
        empty_label=None,
        error_messages={
            "required": _("Bitte wählen Sie die Kommune."),
            "invalid_choice": _("Für diese Kommune können Sie das Projekt nicht übernehmen."),
        },
    )
    kind = forms.ChoiceField(
        label=_("Art der Nachnutzung"),
        choices=ReuseKind.choices,
        initial=ReuseKind.JOIN,
        widget=forms.RadioSelect,
        help_text=_(
            "Beitreten: Ihre Kommune wird am Projekt beteiligt. Übernehmen: ein eigenes, lokales "
            "Projekt Ihrer Kommune als Entwurf, mit dem Original verknüpft und mit dessen "
            "Dokumenten."
        ),
        error_messages={
            "required": _("Bitte wählen Sie, wie Sie das Projekt nachnutzen."),
            "invalid_choice": _("Bitte wählen Sie „beitreten“ oder „übernehmen“."),
        },
    )

    def __init__(self, *args, town_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["town"].queryset = Municipality.objects.filter(pk__in=town_ids).order_by("name")


class ChecklistItemForm(VersionedModelForm):
    class Meta:
        model = ChecklistItem
        fields = ["phase", "text", "position"]
        error_messages = {
            "phase": {
                "required": _("Bitte wählen Sie die Phase."),
                "invalid_choice": _("Bitte wählen Sie eine der Phasen."),
            },
            "text": {
                "required": _("Bitte beschreiben Sie den Prüfpunkt."),
                "max_length": LENGTH_MESSAGE,
            },
            "position": {
                "invalid": _("Bitte geben Sie eine ganze Zahl an."),
                "min_value": _("Die Reihenfolge kann nicht negativ sein."),
                "max_value": _("Bitte geben Sie höchstens 32767 an."),
            },
        }
