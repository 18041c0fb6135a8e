"""Forms of the login, the profile and two-factor authentication (German messages)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.db import transaction
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Benutzername oder Passwort ist falsch. Bitte prüfen Sie Ihre Eingabe; nach fünf "
            "Fehlversuchen wird die Anmeldung für 15 Minuten gesperrt."
        ),
        "inactive": _("Dieses Konto ist deaktiviert. Bitte wenden Sie sich an die Koordination."),
    }


class ResetForm(PasswordResetForm):
    """Django's reset form; the mail leaves after the commit (no mail for a rolled-back request)."""

    email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Bitte geben Sie Ihre E-Mail-Adresse ein."),
            "invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse ein."),
        },
    )

    def send_mail(self, *args, **kwargs):
        transaction.on_commit(lambda: super(ResetForm, self).send_mail(*args, **kwargs))


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        help_text=_(
            "Der sechsstellige Code aus Ihrer Authenticator-App oder einer Ihrer "
            "Wiederherstellungscodes."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
        error_messages={"required": _("Bitte geben Sie den Code ein.")},
    )


class PasswordConfirmForm(forms.Form):
    """Asks for the current password before a security-relevant change."""

    password = forms.CharField(
        label=_("Ihr aktuelles Passwort"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Bitte geben Sie Ihr aktuelles Passwort ein.")},
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Das Passwort ist nicht richtig."))
        return password


class EmailChangeForm(PasswordConfirmForm):
    email = forms.EmailField(
        label=_("Neue E-Mail-Adresse"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Bitte geben Sie die neue E-Mail-Adresse ein."),
            "invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse ein."),
        },
    )
    field_order = ["email", "password"]

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if email.lower() == (self.user.email or "").lower():
            raise forms.ValidationError(_("Das ist bereits Ihre E-Mail-Adresse."))
        return email


class LogoutEverywhereForm(forms.Form):
    delete_token = forms.BooleanField(
        label=_("Auch meinen API-Token löschen (Skripte mit diesem Token verlieren den Zugriff)"),
        required=False,
    )


class PolicyForm(forms.Form):
    require_two_factor = forms.BooleanField(
        label=_("Zwei-Faktor-Authentisierung für alle Mitarbeitenden dieser Region verlangen"),
        required=False,
    )
