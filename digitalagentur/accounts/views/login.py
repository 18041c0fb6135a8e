"""Login in one or two steps (password, then a TOTP or recovery code) and password reset."""

from __future__ import annotations

import time

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect, resolve_url
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from digitalagentur.tenancy.permissions import get_access

from ..forms import CodeForm, LoginForm, ResetForm
from ..two_factor import has_two_factor, remaining_recovery_codes, verify_code

PENDING_KEY = "accounts_pending_login"
# Where members of the public (no role in the region) land after logging in without a `next`.
PUBLIC_HOME = "public:home"
# The second step must follow the password within this many seconds.
PENDING_SECONDS = 300


class LoginView(auth_views.LoginView):
    """Step 1: user name and password. Users with 2FA continue to the code step."""

    form_class = LoginForm

    def get_default_redirect_url(self):
        """Without a `next`: staff go to the staff area, members of the public (accounts
        without a role here, e.g. self-registered ones) to the public site."""
        region = getattr(self.request, "region", None)
        user = getattr(self, "login_user", None)
        if region is not None and user is not None:
            if not get_access(user, region).is_staff_member:
                return resolve_url(PUBLIC_HOME)
        return super().get_default_redirect_url()

    def form_valid(self, form):
        user = form.get_user()
        self.login_user = user
        if not has_two_factor(user):
            return super().form_valid(form)
        # Not logged in yet: only remember who passed the first step, and for how long. Whoever
        # was logged in in this browser is logged out, so the code step checks this user.
        if self.request.user.is_authenticated:
            logout(self.request)
        self.request.session.cycle_key()
        self.request.session[PENDING_KEY] = {
            "user": user.pk,
            "backend": user.backend,
            "at": int(time.time()),
            "next": self.get_success_url(),
        }
        return redirect("login_code")


@method_decorator([sensitive_post_parameters(), csrf_protect, never_cache], name="dispatch")
class LoginCodeView(FormView):
    """Step 2: the TOTP or a recovery code; failures count against django-axes' lock-out.

    Also verifies an existing session of a user whose 2FA was set up on another device.
    """

    form_class = CodeForm
    template_name = "registration/login_code.html"

    def dispatch(self, request, *args, **kwargs):
        self.user, self.next_url = self.find_user()
        if self.user is None:
            messages.info(request, _("Bitte melden Sie sich erneut an."))
            return redirect("login")
        return super().dispatch(request, *args, **kwargs)

    def find_user(self):
        request = self.request
        if request.user.is_authenticated:
            target = request.POST.get("next") or request.GET.get("next") or ""
            if not url_has_allowed_host_and_scheme(
                target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            ):
                target = ""
            return request.user, target or resolve_url(settings.LOGIN_REDIRECT_URL)
        pending = request.session.get(PENDING_KEY)
        if not isinstance(pending, dict) or time.time() - pending.get("at", 0) > PENDING_SECONDS:
            request.session.pop(PENDING_KEY, None)
            return None, ""
        user = get_user_model().objects.filter(pk=pending.get("user"), is_active=True).first()
        if user is not None:
            user.backend = pending.get("backend")
        return user, pending.get("next") or resolve_url(settings.LOGIN_REDIRECT_URL)

    def credentials(self) -> dict:
        return {"username": self.user.get_username()}

    def post(self, request, *args, **kwargs):
        if AxesProxyHandler.is_locked(request, self.credentials()):
            request.session.pop(PENDING_KEY, None)
            return get_lockout_response(request, None, self.credentials())
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        request = self.request
        device = verify_code(self.user, form.cleaned_data["code"])
        if device is None:
            user_login_failed.send(sender=__name__, credentials=self.credentials(), request=request)
            if getattr(request, "axes_locked_out", False):
                request.session.pop(PENDING_KEY, None)
            form.add_error(
                "code",
                _(
                    "Der Code ist falsch oder abgelaufen. Bitte geben Sie den aktuellen Code "
                    "ein; nach fünf Fehlversuchen wird die Anmeldung für 15 Minuten gesperrt."
                ),
            )
            return self.form_invalid(form)
        if not request.user.is_authenticated:
            request.session.pop(PENDING_KEY, None)
            login(request, self.user, backend=self.user.backend)
        otp_login(request, device)
        if isinstance(device, StaticDevice):
            left = remaining_recovery_codes(self.user)
            messages.warning(
                request,
                ngettext(
                    "Sie haben einen Wiederherstellungscode verwendet; %(count)d Code ist noch "
                    "übrig.",
                    "Sie haben einen Wiederherstellungscode verwendet; %(count)d Codes sind noch "
                    "übrig.",
                    left,
                )
                % {"count": left},
            )
        return redirect(self.next_url)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["next"] = self.next_url if self.request.user.is_authenticated else ""
        return context


class PasswordResetView(auth_views.PasswordResetView):
    form_class = ResetForm
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    template_name = "registration/password_reset_form.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    post_reset_login = False

    def form_valid(self, form):
        """A new password set through the mailbox also lifts a lock-out after failed logins
        (of every address: the guesses were made against the old password)."""
        response = super().form_valid(form)
        axes_reset(username=form.user.get_username())
        return response


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        response = super().form_valid(form)  # keeps this session (update_session_auth_hash)
        messages.success(
            self.request,
            _("Ihr Passwort wurde geändert. Andere Sitzungen mit dem alten Passwort sind beendet."),
        )
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["access"] = self.request.access
        context["section"] = "profile"
        context["title"] = _("Passwort ändern")
        return context
