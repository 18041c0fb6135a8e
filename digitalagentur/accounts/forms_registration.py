"""The registration form: name to show, address, password twice, consent; spam checks as in
the public contact forms (legal/spam.py): a honeypot, a signed timestamp, a rate limit. And the
confirmation form: the password chosen at registration."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from digitalagentur.legal import spam

from . import registration


class RegistrationForm(forms.Form):
    name = forms.CharField(
        label=_("Angezeigter Name"),
        max_length=150,
        help_text=_(
            "So erscheinen Sie für andere, z. B. bei Ihren Ideen und Kommentaren oder bei "
            "Anbietern von Räumen. Ein Pseudonym ist erlaubt."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
        error_messages={
            "required": _("Bitte geben Sie einen Namen an (ein Pseudonym genügt)."),
            "max_length": _("Der Name ist zu lang: höchstens %(limit_value)d Zeichen."),
        },
    )
    email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        max_length=254,
        help_text=_(
            "An diese Adresse schicken wir den Bestätigungslink. Sie wird anderen nicht "
            "angezeigt und ist Ihr Benutzername für die Anmeldung."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Bitte geben Sie Ihre E-Mail-Adresse an."),
            "invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@example.org."),
        },
    )
    password1 = forms.CharField(
        label=_("Passwort"),
        strip=False,
        help_text=_("Mindestens 8 Zeichen, nicht nur Ziffern und kein häufig benutztes Passwort."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Bitte wählen Sie ein Passwort.")},
    )
    password2 = forms.CharField(
        label=_("Passwort wiederholen"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Bitte geben Sie das Passwort ein zweites Mal ein.")},
    )
    privacy = forms.BooleanField(
        label=_(
            "Ich habe die Datenschutzerklärung gelesen und bin einverstanden, dass meine "
            "Angaben für mein Konto gespeichert werden."
        ),
        error_messages={
            "required": _("Bitte stimmen Sie der Datenschutzerklärung zu, um ein Konto anzulegen.")
        },
    )
    # Honeypot: hidden from people (hidden attribute on its wrapper), filled by bots.
    homepage = forms.CharField(
        label=_("Dieses Feld bitte leer lassen"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    timestamp = forms.CharField(widget=forms.HiddenInput, required=False)
    next = forms.CharField(widget=forms.HiddenInput, required=False, max_length=500)

    def __init__(self, *args, sender_key: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.sender_key = sender_key
        self.spam_reason = ""
        self.fields["privacy"].help_text = format_html(
            '<a href="{}">{}</a>', reverse("public:privacy"), gettext("Datenschutzerklärung lesen")
        )
        if not self.is_bound:
            self.fields["timestamp"].initial = spam.issue_token()

    @property
    def honeypot(self):
        return self["homepage"]

    def visible_fields(self):
        return [f for f in super().visible_fields() if f.name != "homepage"]

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Bitte geben Sie einen Namen an (ein Pseudonym genügt)."))
        return name

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("homepage"):
            self.spam_reason = "honeypot"
            raise forms.ValidationError(
                _("Die Registrierung konnte nicht gesendet werden. Bitte versuchen Sie es später."),
                code="spam",
            )
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("Die beiden Passwörter stimmen nicht überein."))
        elif first:
            user = get_user_model()(
                username=cleaned.get("email", ""),
                email=cleaned.get("email", ""),
                first_name=cleaned.get("name", ""),
            )
            try:
                password_validation.validate_password(first, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        if self._errors:
            # Field errors first: the person corrects them and sends again (nothing is stored).
            return cleaned
        problem = spam.token_problem(self.data.get("timestamp", ""))
        if problem:
            self.spam_reason = "timestamp"
            data = self.data.copy()
            data["timestamp"] = spam.issue_token()  # a person simply sends again
            self.data = data
            raise forms.ValidationError(problem, code="timestamp")
        if registration.rate_limited(self.sender_key, cleaned.get("email", "")):
            self.spam_reason = "rate"
            raise forms.ValidationError(
                _(
                    "Von Ihrem Anschluss oder für diese Adresse kamen in der letzten Stunde "
                    "schon mehrere Registrierungen. Bitte versuchen Sie es später erneut."
                ),
                code="rate",
            )
        return cleaned


class ConfirmationForm(forms.Form):
    """The confirmation page: the password chosen at registration (checked in
    registration.confirm against the pending account)."""

    password = forms.CharField(
        label=_("Passwort"),
        strip=False,
        help_text=_(
            "Bitte geben Sie zur Bestätigung das Passwort ein, das Sie bei der Registrierung "
            "gewählt haben."
        ),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Bitte geben Sie Ihr Passwort ein.")},
    )

    @staticmethod
    def wrong_password_message() -> str:
        return gettext(
            "Das Passwort ist nicht richtig. Es muss das Passwort sein, das Sie bei der "
            "Registrierung gewählt haben. Haben Sie es vergessen, registrieren Sie sich einfach "
            "noch einmal; dann gilt nur der Link aus der neuen E-Mail."
        )

    @staticmethod
    def too_many_message(*, per_link: bool) -> str:
        if per_link:
            return gettext(
                "Für diesen Link wurde zu oft ein falsches Passwort eingegeben; er kann nicht "
                "mehr bestätigt werden. Bitte registrieren Sie sich noch einmal; dann gilt nur "
                "der Link aus der neuen E-Mail."
            )
        return gettext(
            "Von Ihrem Anschluss wurde zu oft ein falsches Passwort eingegeben. Bitte versuchen "
            "Sie es in einer Stunde erneut."
        )
