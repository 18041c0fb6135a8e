"""Setting up, renewing and switching off two-factor authentication."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login

from .. import services
from ..forms import CodeForm, PasswordConfirmForm
from ..two_factor import has_two_factor, qr_svg, region_requires_two_factor, secret_text
from .profile import AccountPage


@method_decorator(never_cache, name="dispatch")
class TwoFactorSetupView(AccountPage):
    """Shows the key (QR code and text); a correct code activates it and shows recovery codes."""

    template_name = "accounts/two_factor_setup.html"

    @property
    def title(self):
        return _("Zwei-Faktor-Authentisierung einrichten")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and has_two_factor(request.user):
            messages.info(request, _("Die Zwei-Faktor-Authentisierung ist bereits eingerichtet."))
            return redirect("accounts:profile")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        device = services.pending_totp_device(self.request.user)
        context.setdefault("form", CodeForm())
        # segno writes only path data and attributes (no script, no style attribute).
        context["qr_svg"] = mark_safe(qr_svg(device))  # noqa: S308
        context["secret"] = secret_text(device)
        return context

    def post(self, request, *args, **kwargs):
        form = CodeForm(request.POST)
        device = services.pending_totp_device(request.user)
        codes = services.confirm_totp_device(device, form.data.get("code", ""))
        if codes is None:
            if form.is_valid():
                form.add_error(
                    "code",
                    _(
                        "Der Code stimmt nicht. Prüfen Sie die Uhrzeit Ihres Geräts und geben "
                        "Sie den aktuell angezeigten Code ein."
                    ),
                )
            return self.render_to_response(self.get_context_data(form=form), status=400)
        otp_login(request, device)
        messages.success(request, _("Die Zwei-Faktor-Authentisierung ist jetzt aktiv."))
        return recovery_codes_response(self, codes)


def recovery_codes_response(view, codes):
    view.template_name = "accounts/recovery_codes.html"
    context = AccountPage.get_context_data(view)  # without the setup's or the password form
    context["codes"] = codes
    context["title"] = _("Ihre Wiederherstellungscodes")
    response = view.render_to_response(context)
    response["Cache-Control"] = "no-store"
    return response


@method_decorator(never_cache, name="dispatch")
class PasswordProtectedAction(AccountPage):
    """A page asking for the current password before acting (only with 2FA active)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not has_two_factor(request.user):
            messages.info(request, _("Die Zwei-Faktor-Authentisierung ist nicht eingerichtet."))
            return redirect("accounts:profile")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", PasswordConfirmForm(user=self.request.user))
        context["region_requires"] = region_requires_two_factor(
            getattr(self.request, "region", None)
        )
        return context

    def post(self, request, *args, **kwargs):
        form = PasswordConfirmForm(request.POST, user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        return self.act(form)


class RecoveryCodesView(PasswordProtectedAction):
    template_name = "accounts/recovery_codes_renew.html"

    @property
    def title(self):
        return _("Neue Wiederherstellungscodes erzeugen")

    def act(self, form):
        codes = services.regenerate_recovery_codes(self.request.user)
        messages.success(
            self.request, _("Neue Wiederherstellungscodes erzeugt; die alten gelten nicht mehr.")
        )
        return recovery_codes_response(self, codes)


class TwoFactorDisableView(PasswordProtectedAction):
    template_name = "accounts/two_factor_disable.html"

    @property
    def title(self):
        return _("Zwei-Faktor-Authentisierung ausschalten")

    def act(self, form):
        services.disable_two_factor(self.request.user)
        messages.success(self.request, _("Die Zwei-Faktor-Authentisierung ist ausgeschaltet."))
        return redirect("accounts:profile")
