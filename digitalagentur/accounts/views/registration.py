"""Self-registration: the form, "mail sent", and the confirmation link (GET shows a form, only
its POST with the password chosen at registration activates the account and logs in). Logic
and writes in accounts/registration.py."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from digitalagentur.core.client_ip import client_ip
from digitalagentur.legal import spam

from .. import registration
from ..forms_registration import ConfirmationForm, RegistrationForm
from ..services import InvalidLink

# Where a confirmed or logged-in member of the public goes when no page asked for the login.
DEFAULT_NEXT = "public:home"
SENT_EMAIL_KEY = "accounts_registration_email"
BACKEND = "digitalagentur.accounts.backends.AccountBackend"


def safe_next(request, value: str) -> str:
    """`value` if it is a path on this site, else ""."""
    value = (value or "")[:500]
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value if value.startswith("/") and not value.startswith("//") else ""
    return ""


def _links(request) -> registration.Links:
    return registration.Links(
        confirm=lambda token: request.build_absolute_uri(
            reverse("accounts:register_confirm", args=[token])
        ),
        reset=lambda uid, token: request.build_absolute_uri(
            reverse("password_reset_confirm", args=[uid, token])
        ),
        login=request.build_absolute_uri(reverse("login")),
    )


@method_decorator(
    [sensitive_post_parameters("password1", "password2"), never_cache], name="dispatch"
)
class RegisterView(View):
    template_name = "accounts/register.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            messages.info(request, _("Sie sind bereits angemeldet."))
            return redirect(safe_next(request, request.GET.get("next", "")) or DEFAULT_NEXT)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        form = RegistrationForm(initial={"next": safe_next(request, request.GET.get("next", ""))})
        return self.show(form)

    def post(self, request):
        key = spam.sender_key(client_ip(request))
        form = RegistrationForm(request.POST, sender_key=key)
        if not form.is_valid():
            return self.show(form, status=400)
        data = form.cleaned_data
        registration.register(
            name=data["name"],
            email=data["email"],
            password=data["password1"],
            sender_key=key,
            links=_links(request),
            next_url=safe_next(request, data.get("next", "")),
        )
        request.session[SENT_EMAIL_KEY] = data["email"]
        return redirect("accounts:register_sent")

    def show(self, form, status=200):
        context = {
            "form": form,
            "title": _("Konto anlegen"),
            "hours": settings.DIGITALAGENTUR_REGISTRATION_HOURS,
        }
        return render(self.request, self.template_name, context, status=status)


def register_sent(request):
    """The same answer for every address: a mail is on its way."""
    context = {
        "title": _("Bitte bestätigen Sie Ihre E-Mail-Adresse"),
        "email": request.session.get(SENT_EMAIL_KEY, ""),
        "hours": settings.DIGITALAGENTUR_REGISTRATION_HOURS,
    }
    return render(request, "accounts/register_sent.html", context)


@method_decorator([sensitive_post_parameters("password"), never_cache], name="dispatch")
class RegisterConfirmView(View):
    """The link from the mail: GET shows what will happen and asks for the password chosen at
    registration; the POST activates the account when the password matches, in any browser,
    and logs that browser in (it just proved the password)."""

    template_name = "accounts/register_confirm.html"

    def get(self, request, token):
        try:
            pending = registration.read_token(token)
        except InvalidLink:
            return self.invalid()
        if pending.confirmed:
            return self.already(pending)
        return self.show(ConfirmationForm(), pending)

    def post(self, request, token):
        try:
            pending = registration.read_token(token)
        except InvalidLink:
            return self.invalid()
        if pending.confirmed:
            return self.already(pending)
        form = ConfirmationForm(request.POST)
        if not form.is_valid():
            return self.show(form, pending, status=400)
        try:
            pending = registration.confirm(
                token,
                form.cleaned_data["password"],
                sender_key=spam.sender_key(client_ip(request)),
            )
        except InvalidLink:
            return self.invalid()
        except registration.WrongPassword:
            form.add_error("password", form.wrong_password_message())
            return self.show(form, pending, status=400)
        except registration.TooManyAttempts as exc:
            form.add_error(None, form.too_many_message(per_link=exc.per_link))
            return self.show(form, pending, status=429)
        if pending.confirmed:
            return self.already(pending)
        user = pending.user
        login(request, user, backend=BACKEND)
        messages.success(
            request,
            _("Willkommen, %(name)s! Ihr Konto ist bestätigt und Sie sind angemeldet.")
            % {"name": user.first_name or user.get_username()},
        )
        return redirect(safe_next(request, pending.next_url) or resolve_url(DEFAULT_NEXT))

    def show(self, form, pending, status=200):
        context = {"title": _("Konto bestätigen"), "pending_user": pending.user, "form": form}
        return render(self.request, self.template_name, context, status=status)

    def already(self, pending):
        context = {
            "title": _("Konto bereits bestätigt"),
            "pending_user": pending.user,
            "next": pending.next_url,
        }
        return render(self.request, "accounts/register_already.html", context)

    def invalid(self):
        context = {
            "title": _("Link ungültig"),
            "hours": settings.DIGITALAGENTUR_REGISTRATION_HOURS,
        }
        return render(self.request, "accounts/register_invalid.html", context, status=400)
