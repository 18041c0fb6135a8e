"""Forms of the employer pilot in the staff area (issue 11, section 4): employers with their
managers, contingents and their members. Forms validate only; views write through
spaces/pilot.py (change log, version lock)."""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from digitalagentur.spaces.models import Contingent, Employer

from .forms import VersionedModelForm


def find_account(name: str):
    """The one active account with this username or e-mail address (case-insensitive)."""
    found = list(
        get_user_model()
        .objects.filter(Q(username__iexact=name) | Q(email__iexact=name), is_active=True)
        .order_by("pk")[:2]
    )
    return found[0] if len(found) == 1 else None


class EmployerForm(VersionedModelForm):
    manager_names = forms.CharField(
        label=_("Ansprechpersonen"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Benutzernamen oder E-Mail-Adressen vorhandener Konten, durch Kommas getrennt. "
            "Diese Personen sehen die Nutzung der Kontingente des Arbeitgebers."
        ),
    )

    class Meta:
        model = Employer
        fields = ["name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            self.initial["manager_names"] = ", ".join(
                user.get_username() for user in self.instance.managers.order_by("username")
            )
        # keep the reason last
        self.fields["reason"] = self.fields.pop("reason")

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Bitte geben Sie einen Namen an."))
        return name

    def clean_manager_names(self):
        users, unknown = [], []
        for name in re.split(r"[\s,;]+", self.cleaned_data.get("manager_names") or ""):
            if not name:
                continue
            user = find_account(name)
            if user is None:
                unknown.append(name[:80])
            elif user not in users:
                users.append(user)
        if unknown:
            raise forms.ValidationError(
                _("Kein (eindeutiges) aktives Konto gefunden für: %(names)s"),
                params={"names": ", ".join(unknown)},
            )
        return users


class ContingentForm(VersionedModelForm):
    class Meta:
        model = Contingent
        fields = ["name", "days_per_month", "valid_from", "valid_until"]
        help_texts = {
            "days_per_month": _(
                "Eine Buchung gegen das Kontingent zählt als ein Arbeitsplatz-Tag."
            ),
            "valid_until": _("Leer lassen, wenn das Kontingent unbefristet gilt."),
        }

    def __init__(self, *args, employer, **kwargs):
        super().__init__(*args, **kwargs)
        self.employer = employer
        if self.instance.pk is None:
            self.instance.employer = employer
        self.fields["days_per_month"].error_messages["min_value"] = _(
            "Bitte geben Sie mindestens einen Tag an."
        )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Bitte geben Sie eine Bezeichnung an."))
        return name

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("valid_from"), cleaned.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("Das Ende der Gültigkeit liegt vor ihrem Beginn."))
        return cleaned


class MemberAddForm(forms.Form):
    account = forms.CharField(
        label=_("Benutzername oder E-Mail-Adresse"),
        max_length=254,
        help_text=_("Die Person braucht ein Konto; sie kann sich unter „Registrieren“ anmelden."),
    )

    def __init__(self, *args, contingent, **kwargs):
        super().__init__(*args, **kwargs)
        self.contingent = contingent

    def clean_account(self):
        name = self.cleaned_data["account"].strip()
        user = find_account(name)
        if user is None:
            raise forms.ValidationError(
                _("Kein (eindeutiges) aktives Konto gefunden für: %(names)s"),
                params={"names": name[:80]},
            )
        if self.contingent.members.filter(user=user).exists():
            raise forms.ValidationError(
                _("Diese Person ist bereits für das Kontingent freigeschaltet.")
            )
        return user
