"""Forms of the staff area for the legal pages and the messages (validation only)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from digitalagentur.legal.models import (
    MESSAGE_TEXT_LIMIT,
    AccessibilityStatement,
    ContactDetails,
    LegalText,
    MessageStatus,
)

from .forms import VersionedModelForm

TEXT_HELP = _(
    "Absätze durch eine Leerzeile trennen. Eine Zeile mit „## “ am Anfang wird zur Überschrift, "
    "Zeilen mit „- “ werden zur Liste; Web- und E-Mail-Adressen werden verlinkt. HTML wird "
    "nicht ausgeführt."
)


class LegalTextForm(VersionedModelForm):
    class Meta:
        model = LegalText
        fields = ["body", "is_demo_text"]
        widgets = {"body": forms.Textarea(attrs={"rows": 20})}
        help_texts = {"body": TEXT_HELP}


class SignLanguageForm(VersionedModelForm):
    class Meta:
        model = LegalText
        fields = ["body", "video_url", "is_demo_text"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}
        help_texts = {"body": TEXT_HELP}

    def clean_video_url(self):
        url = self.cleaned_data["video_url"].strip()
        if not url:
            return url
        if url.startswith("/") and not url.startswith("//"):
            return url
        if url.startswith("https://"):
            return forms.URLField(assume_scheme="https").clean(url)
        raise forms.ValidationError(
            _("Bitte einen Pfad auf diesem Server (/…) oder eine https-Adresse angeben.")
        )


class AccessibilityStatementForm(VersionedModelForm):
    arbitration_url = forms.URLField(
        label=_("Website der Schlichtungsstelle"), required=False, assume_scheme="https"
    )

    class Meta:
        model = AccessibilityStatement
        fields = [
            "compliance",
            "scope",
            "known_barriers",
            "prepared_on",
            "reviewed_on",
            "method",
            "feedback_contact",
            "arbitration_body",
            "arbitration_url",
            "is_demo_text",
        ]
        widgets = {
            "scope": forms.Textarea(attrs={"rows": 4}),
            "known_barriers": forms.Textarea(attrs={"rows": 10}),
            "feedback_contact": forms.Textarea(attrs={"rows": 4}),
            "arbitration_body": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {"known_barriers": TEXT_HELP}

    def clean(self):
        cleaned = super().clean()
        prepared, reviewed = cleaned.get("prepared_on"), cleaned.get("reviewed_on")
        if prepared and reviewed and reviewed < prepared:
            self.add_error(
                "reviewed_on",
                _("Die Überprüfung kann nicht vor der Erstellung der Erklärung liegen."),
            )
        return cleaned


class ContactDetailsForm(VersionedModelForm):
    class Meta:
        model = ContactDetails
        fields = [
            "organisation",
            "department",
            "street",
            "postal_code",
            "city",
            "email",
            "phone",
            "office_hours",
            "is_demo_text",
        ]
        widgets = {"office_hours": forms.Textarea(attrs={"rows": 3})}


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Ihre Antwort"),
        max_length=MESSAGE_TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Wird per E-Mail an den Absender gesendet und hier gespeichert."),
        error_messages={"required": _("Bitte schreiben Sie eine Antwort.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=MessageStatus.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
