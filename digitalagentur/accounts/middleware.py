"""Session expiry and two-factor enforcement for the staff area and the account pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from . import sessions
from .two_factor import Gate, gate

# Pages a user who still has to verify or set up 2FA may reach (besides logging out).
SETUP_ALLOWED = {
    "accounts:two_factor_setup",
    "accounts:profile",
    "accounts:password_change",
}

# Namespaces where every page needs a verified session (where 2FA applies).
PROTECTED_NAMESPACES = {"staff", "accounts", "admin"}

# Pages of the `public` namespace that grant role-based rights and show other people's personal
# data (Landräume, issue 11): the provider management under /landraeume/verwalten/
# (`spaces_manage*`) and the employer pages under /landraeume/arbeitgeber/ (`spaces_employer*`,
# incl. `spaces_employers`). Matched by URL-name prefix, so new views there are covered too.
# A booker's own consent page (`spaces_member_consent`) and the search stay open.
PROTECTED_PUBLIC_PREFIXES = ("spaces_manage", "spaces_employer")


def is_protected(match) -> bool:
    """Whether the resolved URL needs a verified session (when 2FA applies to the user)."""
    if match is None:
        return False
    if match.namespace in PROTECTED_NAMESPACES:
        return True
    return match.namespace == "public" and (match.url_name or "").startswith(
        PROTECTED_PUBLIC_PREFIXES
    )


class SessionSecurityMiddleware:
    """Logs out sessions that were idle too long or ended by "log out everywhere"."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and sessions.is_ended(request):
            logout(request)
            messages.info(
                request, _("Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.")
            )
        return self.get_response(request)


class TwoFactorMiddleware:
    """Staff pages (/intern/), account pages, the admin site and the Landräume management pages
    (provider and employer pages, see PROTECTED_PUBLIC_PREFIXES) need a verified session.

    That is, where 2FA applies (two_factor.gate): the user has a device, or the request's region
    requires 2FA and the user has a role there.

    The API checks the same rule in its session authentication (see authentication.py).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if not is_protected(match):
            return None
        state = gate(request)
        if state is Gate.OK:
            return None
        if state is Gate.VERIFY:
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('login_code')}?{query}")
        if match.view_name in SETUP_ALLOWED:
            return None
        messages.warning(
            request,
            _(
                "Ihre Region verlangt die Zwei-Faktor-Authentisierung. Bitte richten Sie sie "
                "ein, bevor Sie den internen Bereich nutzen."
            ),
        )
        return redirect("accounts:two_factor_setup")
