"""The profile page: e-mail change (confirmed), sessions, 2FA status and the region policy."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from .. import services
from ..forms import EmailChangeForm, LogoutEverywhereForm, PolicyForm
from ..two_factor import has_two_factor, region_requires_two_factor, remaining_recovery_codes


class AccountPage(LoginRequiredMixin, TemplateView):
    """Base of the account pages: shown inside the staff layout for every logged-in user."""

    title = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["access"] = self.request.access
        context["section"] = "profile"
        context["title"] = str(self.title)
        return context


class ProfileView(AccountPage):
    template_name = "accounts/profile.html"

    @property
    def title(self):
        return _("Mein Konto")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        region = getattr(self.request, "region", None)
        context.setdefault("email_form", EmailChangeForm(user=user))
        context.setdefault("logout_form", LogoutEverywhereForm())
        context["two_factor"] = has_two_factor(user)
        context["recovery_left"] = remaining_recovery_codes(user) if context["two_factor"] else 0
        context["region_requires"] = region_requires_two_factor(region)
        context["idle_minutes"] = settings.DIGITALAGENTUR_SESSION_IDLE_MINUTES
        if region is not None and self.request.access.can_admin:
            context.setdefault(
                "policy_form",
                PolicyForm(initial={"require_two_factor": context["region_requires"]}),
            )
        return context


class EmailChangeView(ProfileView):
    """POST: mail a confirmation link to the new address (the address changes only then)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = EmailChangeForm(request.POST, user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(email_form=form), status=400)
        services.request_email_change(
            request.user,
            form.cleaned_data["email"],
            lambda token: request.build_absolute_uri(
                reverse("accounts:email_confirm", args=[token])
            ),
        )
        messages.success(
            request,
            _(
                "Wir haben einen Bestätigungslink an %(email)s geschickt. Ihre Adresse ändert "
                "sich erst, wenn Sie diesen Link öffnen."
            )
            % {"email": form.cleaned_data["email"]},
        )
        return redirect("accounts:profile")


class EmailConfirmView(AccountPage):
    """The link from the mail: GET shows a confirmation button, POST applies the change."""

    template_name = "accounts/email_confirm.html"

    @property
    def title(self):
        return _("Neue E-Mail-Adresse bestätigen")

    def get(self, request, *args, **kwargs):
        try:
            new_email = services.read_email_change_token(kwargs["token"], request.user)
        except services.InvalidLink:
            return self.invalid()
        return self.render_to_response(self.get_context_data(new_email=new_email))

    def post(self, request, *args, **kwargs):
        try:
            new_email = services.confirm_email_change(request.user, kwargs["token"])
        except services.InvalidLink:
            return self.invalid()
        messages.success(
            request, _("Ihre E-Mail-Adresse ist jetzt %(email)s.") % {"email": new_email}
        )
        return redirect("accounts:profile")

    def invalid(self):
        self.template_name = "accounts/email_invalid.html"
        return self.render_to_response(self.get_context_data(), status=400)


class LogoutEverywhereView(ProfileView):
    """POST: end every session of the user on every device, this one included."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = LogoutEverywhereForm(request.POST)
        delete_token = form.is_valid() and form.cleaned_data["delete_token"]
        services.end_all_sessions(request.user, delete_token=delete_token)
        logout(request)
        messages.success(
            request,
            _("Sie wurden auf allen Geräten abgemeldet.")
            + (" " + _("Ihr API-Token wurde gelöscht.") if delete_token else ""),
        )
        return redirect("login")


class PolicyView(ProfileView):
    """POST: a region admin switches the 2FA requirement of the request's region (logged)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        region = getattr(request, "region", None)
        if region is None or not request.access.can_admin:
            raise PermissionDenied
        form = PolicyForm(request.POST)
        form.is_valid()  # a checkbox: always valid
        require = bool(form.cleaned_data.get("require_two_factor"))
        services.set_two_factor_policy(region, require, user=request.user)
        if require:
            messages.success(
                request,
                _(
                    "Alle Mitarbeitenden von %(region)s brauchen jetzt die "
                    "Zwei-Faktor-Authentisierung."
                )
                % {"region": region.name},
            )
        else:
            messages.success(
                request,
                _("%(region)s verlangt keine Zwei-Faktor-Authentisierung mehr.")
                % {"region": region.name},
            )
        return redirect("accounts:profile")
