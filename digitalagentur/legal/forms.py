"""The public contact and barrier forms (validation and spam checks; writes in services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from . import spam
from .models import MESSAGE_TEXT_LIMIT, MessageKind

REJECTED = _(
    "Ihre Nachricht konnte nicht gesendet werden. Bitte versuchen Sie es später erneut oder "
    "schreiben Sie uns eine E-Mail."
)


class MessageForm(forms.Form):
    name = forms.CharField(
        label=_("Ihr Name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Bitte geben Sie Ihren Namen an.")},
    )
    email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"),
        max_length=254,
        help_text=_("An diese Adresse senden wir eine Bestätigung und unsere Antwort."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Bitte geben Sie Ihre E-Mail-Adresse an."),
            "invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@example.org."),
        },
    )
    subject = forms.CharField(
        label=_("Betreff"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("Bitte geben Sie einen Betreff an.")},
    )
    page_url = forms.CharField(
        label=_("Auf welcher Seite ist die Barriere?"),
        max_length=500,
        required=False,
        help_text=_("Adresse oder Titel der Seite; optional."),
        widget=forms.TextInput(attrs={"autocomplete": "url"}),
    )
    text = forms.CharField(
        label=_("Ihre Nachricht"),
        max_length=MESSAGE_TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Höchstens 5.000 Zeichen."),
        error_messages={
            "required": _("Bitte schreiben Sie Ihre Nachricht."),
            "max_length": _(
                "Der Text ist zu lang: höchstens %(limit_value)d Zeichen (jetzt %(show_value)d)."
            ),
        },
    )
    # Honeypot: hidden from people (hidden attribute on its wrapper), filled by bots.
    homepage = forms.CharField(
        label=_("Dieses Feld bitte leer lassen"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    timestamp = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, kind: str, sender_key: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.sender_key = sender_key
        if kind != MessageKind.BARRIER:
            del self.fields["page_url"]
        else:
            self.fields["text"].label = _("Beschreibung der Barriere")
        if not self.is_bound:
            self.fields["timestamp"].initial = spam.issue_token()

    @property
    def honeypot(self):
        return self["homepage"]

    def visible_fields(self):
        return [f for f in super().visible_fields() if f.name != "homepage"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("homepage"):
            self.spam_reason = "honeypot"
            raise forms.ValidationError(REJECTED, code="spam")
        if self._errors:
            # Field errors first: the person corrects them and sends again (nothing is stored).
            return cleaned
        problem = spam.token_problem(self.data.get("timestamp", ""))
        if problem:
            self.spam_reason = "timestamp"
            # A fresh token, so that a person can simply send again.
            data = self.data.copy()
            data["timestamp"] = spam.issue_token()
            self.data = data
            raise forms.ValidationError(problem, code="timestamp")
        if spam.rate_limited(self.sender_key, cleaned.get("email", "")):
            self.spam_reason = "rate"
            raise forms.ValidationError(
                _(
                    "Von Ihnen sind in der letzten Stunde schon mehrere Nachrichten eingegangen. "
                    "Bitte versuchen Sie es später erneut."
                ),
                code="rate",
            )
        return cleaned

    def message_values(self) -> dict:
        data = self.cleaned_data
        values = {k: data[k].strip() for k in ("name", "email", "subject", "text")}
        values["page_url"] = data.get("page_url", "").strip()
        return values
