"""Invitations: resend and withdraw (region admins) and the acceptance page (no login needed).

The acceptance page answers every unusable link (unknown, malformed, expired, used, withdrawn)
with the same page, so a link never tells anything about accounts.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from digitalagentur.tenancy.invitations import usable_invitation
from digitalagentur.tenancy.models import Invitation

from ..forms import ConfirmForm
from ..invitations import (
    InvitationInvalid,
    accept_invitation,
    resend_invitation,
    role_text,
    withdraw_invitation,
)
from .base import ConfirmPage
from .roles import RolePageMixin, invitation_link_builder, role_crumbs


class InvitationConfirmPage(RolePageMixin, ConfirmPage):
    """Resend or withdraw an open invitation of the region (404 for any other)."""

    def get_queryset(self):
        return (
            Invitation.objects.open()
            .filter(region=self.region)
            .select_related("municipality", "invited_by")
        )

    def has_permission(self, obj) -> bool:
        return self.access.can_admin

    def get_breadcrumbs(self):
        return role_crumbs((self.get_title(), None))

    def get_cancel_url(self):
        return reverse("staff:role_list")

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except ValidationError as exc:  # accepted or withdrawn meanwhile: nothing changed
            form = ConfirmForm(request.POST)
            form.is_valid()
            form.add_error(None, exc.messages)
            return self.render_to_response(self.get_context_data(form=form), status=400)

    def values(self) -> dict:
        return {"name": self.object.username, "role": role_text(self.object)}


class InvitationResend(InvitationConfirmPage):
    submit_label = gettext_lazy("Einladung erneut senden")

    def get_title(self) -> str:
        return _("Einladung erneut senden: %(name)s") % {"name": self.object.username}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        question = _(
            "Die Einladung für „%(name)s“ als „%(role)s“ erneut senden? Die Person erhält "
            "einen neuen Link; der bisherige Link gilt dann nicht mehr."
        )
        context["question"] = question % self.values()
        return context

    def perform(self, form) -> str:
        resend_invitation(
            self.object,
            user=self.request.user,
            reason=form.cleaned_data["reason"],
            link_for=invitation_link_builder(self.request),
        )
        return _("Die Einladung für „%(name)s“ wurde mit einem neuen Link verschickt.") % {
            "name": self.object.username
        }


class InvitationWithdraw(InvitationConfirmPage):
    danger = True
    submit_label = gettext_lazy("Einladung zurückziehen")

    def get_title(self) -> str:
        return _("Einladung zurückziehen: %(name)s") % {"name": self.object.username}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        question = _(
            "Die Einladung für „%(name)s“ als „%(role)s“ zurückziehen? Der Link in der E-Mail "
            "gilt dann nicht mehr."
        )
        context["question"] = question % self.values()
        return context

    def perform(self, form) -> str:
        withdraw_invitation(self.object, user=self.request.user, reason=form.cleaned_data["reason"])
        return _("Die Einladung für „%(name)s“ wurde zurückgezogen.") % {
            "name": self.object.username
        }


class InvitationAccept(TemplateView):
    """The link of the invitation mail: set a password (new account) or accept while logged in."""

    template_name = "staff/roles/invitation_accept.html"
    invalid_template_name = "staff/roles/invitation_invalid.html"

    def dispatch(self, request, *args, **kwargs):
        self.token = kwargs["token"]
        self.invitation = usable_invitation(self.token)
        if self.invitation is None:
            return self.invalid()
        self.account = self.invitation.user
        if request.user.is_authenticated and request.user.pk != self.account.pk:
            return self.render_to_response(self.get_context_data(wrong_account=True), status=403)
        self.needs_password = not self.account.has_usable_password()
        return super().dispatch(request, *args, **kwargs)

    def invalid(self):
        context = {"title": _("Einladungslink ungültig")}
        return self.response_class(
            request=self.request,
            template=[self.invalid_template_name],
            context=context,
            using=self.template_engine,
            status=404,
        )

    def get_form(self, data=None):
        if not self.needs_password:
            return None
        return SetPasswordForm(self.account, data)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=_("Einladung annehmen"),
            invitation=self.invitation,
            invited_region=self.invitation.region,
            role=role_text(self.invitation),
            username=self.account.get_username(),
            needs_password=getattr(self, "needs_password", False),
            login_url=f"{reverse('login')}?{urlencode({'next': self.request.path})}",
        )
        context.setdefault("form", self.get_form() if "wrong_account" not in kwargs else None)
        return context

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        if self.needs_password:
            form = self.get_form(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(form=form), status=400)
            password = form.cleaned_data["new_password1"]
            return self.accept(password=password)
        if not request.user.is_authenticated:
            return redirect_to_login(request.path)
        return self.accept(user=request.user)

    def accept(self, *, user=None, password=None):
        try:
            invitation = accept_invitation(self.token, user=user, password=password)
        except InvitationInvalid:
            return self.invalid()
        except PermissionDenied:
            return self.render_to_response(self.get_context_data(wrong_account=True), status=403)
        values = {"role": role_text(invitation), "region": invitation.region.name}
        if password is not None:
            messages.success(
                self.request,
                _(
                    "Ihr Passwort ist gespeichert und Sie haben die Rolle „%(role)s“ in "
                    "%(region)s. Bitte melden Sie sich jetzt mit Benutzername und neuem Passwort "
                    "an."
                )
                % values,
            )
            return redirect_to_login(reverse("staff:dashboard"))
        messages.success(
            self.request,
            _("Sie haben jetzt die Rolle „%(role)s“ in %(region)s.") % values,
        )
        return redirect("staff:dashboard")
