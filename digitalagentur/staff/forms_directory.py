"""Forms of the directory in the staff area: people, bodies, memberships, lines of work,
stakeholder roles and the strategy's timeline. Forms validate only; views write through
services (core.services / directory.services) with the change log."""

from __future__ import annotations

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digitalagentur.directory.models import Body, Membership, Person, StakeholderRole, WorkLine
from digitalagentur.strategy.models import TimelineEvent
from digitalagentur.tenancy.models import Municipality

from .forms import DATE_WIDGET, IdModelChoiceField, VersionedModelForm, reason_field

# A telephone number as people write it: digits, spaces, + ( ) / - (at least three digits).
PHONE = re.compile(r"\+?[\d ()/-]+")


def region_towns(region):
    return Municipality.objects.filter(region=region).order_by("name")


class ContactFilterForm(forms.Form):
    """The contact directory's filters (GET): a name, a town, a body."""

    q = forms.CharField(label=_("Name"), required=False, max_length=200)
    kommune = IdModelChoiceField(
        label=_("Stadt/Gemeinde"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("alle"),
        error_messages={"invalid_choice": _("Bitte wählen Sie eine Kommune der Liste.")},
    )
    gremium = IdModelChoiceField(
        label=_("Gremium"),
        queryset=Body.objects.none(),
        required=False,
        empty_label=_("alle"),
        error_messages={"invalid_choice": _("Bitte wählen Sie ein Gremium der Liste.")},
    )

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kommune"].queryset = region_towns(region)
        self.fields["gremium"].queryset = Body.objects.filter(region=region).order_by(
            "position", "name", "pk"
        )
        self.fields["q"].widget.attrs["type"] = "search"

    def clean_q(self):
        return " ".join((self.cleaned_data.get("q") or "").split())


class PersonForm(VersionedModelForm):
    municipality = IdModelChoiceField(
        label=_("Stadt/Gemeinde"), queryset=Municipality.objects.none(), required=False
    )

    class Meta:
        model = Person
        fields = [
            "name",
            "office",
            "organisation",
            "municipality",
            "email",
            "phone",
            "public_consent",
            "consent_date",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = region_towns(self.region)
        self.fields["municipality"].empty_label = _("– keine (Kreis oder andere Stelle) –")

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Bitte geben Sie einen Namen an."))
        return name

    def clean_phone(self):
        phone = " ".join((self.cleaned_data.get("phone") or "").split())
        if phone and not (PHONE.fullmatch(phone) and sum(c.isdigit() for c in phone) >= 3):
            raise forms.ValidationError(
                _("Bitte nur Ziffern, Leerzeichen und + ( ) / - angeben, z. B. 02541 18-0.")
            )
        return phone

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("public_consent"):
            # Without consent there is no consent date (a stale date would suggest one).
            cleaned["consent_date"] = None
        return cleaned


class BodyForm(VersionedModelForm):
    municipality = IdModelChoiceField(
        label=_("Stadt/Gemeinde"),
        queryset=Municipality.objects.none(),
        required=False,
        help_text=_("Leer für Gremien des Kreises oder der Digitalagentur."),
    )

    class Meta:
        model = Body
        fields = [
            "name",
            "slug",
            "kind",
            "municipality",
            "is_agency_body",
            "constituted_on",
            "position",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "slug": _("Kleinbuchstaben, Ziffern und Bindestriche, z. B. „lenkungskreis“.")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = region_towns(self.region)
        self.fields["municipality"].empty_label = _("– Kreis / Digitalagentur –")

    def clean_slug(self):
        slug = self.cleaned_data["slug"].lower()
        clash = Body.objects.filter(region=self.region, slug=slug)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("Dieses Kürzel ist in der Region schon vergeben."))
        return slug


class MembershipForm(VersionedModelForm):
    person = IdModelChoiceField(label=_("Person"), queryset=Person.objects.none())

    class Meta:
        model = Membership
        fields = ["person", "role", "label", "start_date", "end_date"]
        help_texts = {
            "label": _("Optional, z. B. „Sprechertrio“; sonst wird die Rolle angezeigt."),
        }

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.body = body
        if self.instance.pk is None:
            self.instance.body = body
        self.fields["person"].queryset = Person.objects.filter(region=self.region).order_by(
            "name", "pk"
        )

    def clean(self):
        cleaned = super().clean()
        person, role = cleaned.get("person"), cleaned.get("role")
        if person is not None and role:
            clash = Membership.objects.filter(body=self.body, person=person, role=role)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("role", _("Diese Person hat diese Rolle im Gremium schon."))
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Das Ende darf nicht vor dem Beginn liegen."))
        return cleaned


class WorkLineForm(VersionedModelForm):
    class Meta:
        model = WorkLine
        fields = ["position", "name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"position": _("Bestimmt die Reihenfolge (1 zuerst).")}


class StakeholderRoleForm(VersionedModelForm):
    class Meta:
        model = StakeholderRole
        fields = ["code", "name", "role", "position"]
        widgets = {"name": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"position": _("Bestimmt die Reihenfolge (kleinste zuerst).")}

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not code:
            raise forms.ValidationError(_("Bitte geben Sie ein Kürzel an."))
        clash = StakeholderRole.objects.filter(region=self.region, code__iexact=code)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("Dieses Kürzel ist in der Region schon vergeben."))
        return code


class TimelineEventForm(forms.ModelForm):
    """strategy.TimelineEvent has no version counter: no hidden version, only a reason."""

    reason = reason_field()

    class Meta:
        model = TimelineEvent
        fields = ["date", "date_precision", "title", "description", "topic", "participants"]
        widgets = {"date": DATE_WIDGET, "description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "date_precision": _("Bei „Monat“ oder „Jahr“ genügt ein beliebiger Tag darin."),
        }

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.region = region
        if self.instance.pk is None:
            self.instance.region = region

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date.year < 1900 or date.year > timezone.localdate().year + 10:
            raise forms.ValidationError(_("Bitte geben Sie ein plausibles Datum an."))
        return date

    def model_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}

    @property
    def is_edit(self) -> bool:
        return self.instance.pk is not None
