"""Users and roles of the region, managed by its region admins (access.can_admin)."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.tenancy.choices import Role
from digitalagentur.tenancy.models import Invitation, RoleAssignment

from ..forms import RoleAssignmentForm
from ..invitations import invite
from ..invitations import role_text as role_label
from ..services import (
    LAST_ADMIN_MESSAGE,
    LOCKOUT_MESSAGE,
    assign_role,
    is_last_admin,
    is_self_lockout,
    revoke_role,
)
from .base import ConfirmPage, CreatePage, StaffPage
from .projects import home_crumb


def invitation_link_builder(request):
    """Absolute links to the acceptance page, on the host the admin works on (the region's)."""

    def build(token: str) -> str:
        return request.build_absolute_uri(reverse("staff:invitation_accept", args=[token]))

    return build


def open_invitations(region) -> list[Invitation]:
    return list(
        Invitation.objects.open()
        .filter(region=region)
        .select_related("municipality", "invited_by")
        .order_by("-sent_at", "-pk")
    )


PAGE_SIZE = 30
SORT_PARAM = "sortierung"
DEFAULT_SORT = "benutzer"

# Roles in the order they are declared (admin first), not alphabetically by their code.
ROLE_RANK = Case(
    *(When(role=role, then=Value(rank)) for rank, role in enumerate(Role)),
    output_field=IntegerField(),
)

SORTS = {
    "benutzer": ("user__username", "role_rank", "municipality__name", "pk"),
    "-benutzer": ("-user__username", "role_rank", "municipality__name", "pk"),
    "name": ("user__last_name", "user__first_name", "user__username", "role_rank", "pk"),
    "rolle": ("role_rank", "municipality__name", "user__username", "pk"),
    "kommune": ("municipality__name", "user__username", "role_rank", "pk"),
}

ROLE_GRANTED_MESSAGE = gettext_lazy("„%(name)s“ hat die Rolle „%(role)s“ erhalten.")
# The same words whether or not the name exists outside the region.
INVITED_MESSAGE = gettext_lazy(
    "Die Einladung für „%(name)s“ als „%(role)s“ ist verschickt. Die Person erhält die Rolle, "
    "sobald sie den Link in der E-Mail aufruft und die Einladung annimmt (bis %(expires)s)."
)
INACTIVE_ACCOUNT_MESSAGE = gettext_lazy(
    "„%(name)s“ hat die Rolle „%(role)s“ erhalten. Das Benutzerkonto ist jedoch deaktiviert; die "
    "Rolle wirkt erst, wenn die Plattform-Administration es wieder aktiviert."
)


def role_crumbs(*tail):
    return [home_crumb(), (_("Benutzer und Rollen"), reverse("staff:role_list"))] + list(tail)


def sort_columns(current: str) -> list[dict]:
    """Table headers: the sort value each header links to and its aria-sort state."""
    columns = [
        ("username", _("Benutzername"), "benutzer"),
        ("name", _("Name"), "name"),
        ("email", _("E-Mail-Adresse"), None),
        ("role", _("Rolle"), "rolle"),
        ("town", _("Stadt/Gemeinde"), "kommune"),
    ]
    result = []
    for key, label, sort in columns:
        column = {"key": key, "label": label, "sort": sort, "aria_sort": None}
        if sort == "benutzer" and current == "benutzer":
            column.update(sort="-benutzer", aria_sort="ascending")
        elif sort == "benutzer" and current == "-benutzer":
            column["aria_sort"] = "descending"
        elif sort is not None and sort == current:
            column["aria_sort"] = "ascending"
        result.append(column)
    return result


class RolePageMixin:
    """Only region admins manage roles; everyone else gets 403."""

    def has_page_permission(self) -> bool:
        return self.access.can_admin

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["section"] = "roles"
        return context


class RoleList(RolePageMixin, StaffPage):
    template_name = "staff/role_list.html"
    title = gettext_lazy("Benutzer und Rollen")

    def get_breadcrumbs(self):
        return [home_crumb(), (_("Benutzer und Rollen"), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sort = self.request.GET.get(SORT_PARAM, DEFAULT_SORT)
        if sort not in SORTS:
            sort = DEFAULT_SORT
        queryset = (
            RoleAssignment.objects.filter(region=self.region)
            .select_related("user", "municipality")
            .annotate(role_rank=ROLE_RANK)
            .order_by(*SORTS[sort])
        )
        page = Paginator(queryset, PAGE_SIZE).get_page(self.request.GET.get("page"))
        me = self.request.user
        own_admin_roles = (
            0
            if me.is_superuser
            else RoleAssignment.objects.filter(
                user_id=me.pk, region=self.region, role=Role.ADMIN
            ).count()
        )
        rows = []
        for assignment in page.object_list:
            locked = (
                not me.is_superuser
                and assignment.user_id == me.pk
                and assignment.role == Role.ADMIN
                and own_admin_roles <= 1
            )
            rows.append((assignment, role_label(assignment), not locked))
        context.update(page=page, rows=rows, sort=sort, columns=sort_columns(sort))
        context["invitations"] = open_invitations(self.region)
        context["now"] = timezone.now()
        return context


class RoleCreate(RolePageMixin, CreatePage):
    form_class = RoleAssignmentForm
    title = gettext_lazy("Rolle vergeben")
    submit_label = gettext_lazy("Rolle vergeben")

    def get_breadcrumbs(self):
        return role_crumbs((_("Rolle vergeben"), None))

    def get_cancel_url(self):
        return reverse("staff:role_list")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["intro"] = _(
            "Hat das Benutzerkonto schon eine Rolle in der Region, erhält es die zusätzliche "
            "Rolle sofort. Sonst erhält die Person eine Einladung per E-Mail mit einem Link, der "
            "%(days)s Tage gültig ist: Ein neues Konto legt dort sein Passwort fest, ein "
            "bestehendes Konto meldet sich an und nimmt die Einladung an."
        ) % {"days": settings.DIGITALAGENTUR_INVITATION_DAYS}
        return context

    def save(self, form):
        data = form.cleaned_data
        if form.is_invitation:
            invitation = invite(
                self.region,
                username=data["username"],
                role=data["role"],
                municipality=data["municipality"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                user=self.request.user,
                reason=data["reason"],
                link_for=invitation_link_builder(self.request),
            )
            self.success_message = INVITED_MESSAGE % {
                "name": invitation.username,
                "role": role_label(invitation),
                "expires": date_format(
                    timezone.localtime(invitation.expires_at), "DATETIME_FORMAT"
                ),
            }
            return invitation
        assignment = assign_role(
            self.region,
            account=form.existing_user,
            role=data["role"],
            municipality=data["municipality"],
            user=self.request.user,
            reason=data["reason"],
        )
        values = {"name": assignment.user.get_username(), "role": role_label(assignment)}
        if not assignment.user.is_active:
            self.success_message = INACTIVE_ACCOUNT_MESSAGE % values
        else:
            self.success_message = ROLE_GRANTED_MESSAGE % values
        return assignment


class RoleDelete(RolePageMixin, ConfirmPage):
    danger = True
    show_refusal = True  # revoking one's own or the last admin role: the reason, 400
    submit_label = gettext_lazy("Rolle entziehen")

    def get_queryset(self):
        return RoleAssignment.objects.filter(region=self.region).select_related(
            "user", "municipality", "region"
        )

    def has_permission(self, obj) -> bool:
        return self.access.can_admin

    def get_title(self) -> str:
        return _("Rolle entziehen: %(name)s") % {"name": self.object.user.get_username()}

    def get_breadcrumbs(self):
        return role_crumbs((self.get_title(), None))

    def get_cancel_url(self):
        return reverse("staff:role_list")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["question"] = _(
            "Wollen Sie „%(name)s“ die Rolle „%(role)s“ entziehen? Die Person verliert die "
            "zugehörigen Rechte in der Region sofort; ihr Benutzerkonto bleibt bestehen."
        ) % {"name": self.object.user.get_username(), "role": role_label(self.object)}
        if not context["form"].is_bound:
            if is_self_lockout(self.object, self.request.user):
                context["notice"] = LOCKOUT_MESSAGE
            elif is_last_admin(self.object):
                context["notice"] = LAST_ADMIN_MESSAGE
        return context

    def perform(self, form) -> str:
        revoke_role(self.object, user=self.request.user, reason=form.cleaned_data["reason"])
        return _("„%(name)s“ wurde die Rolle „%(role)s“ entzogen.") % {
            "name": self.object.user.get_username(),
            "role": role_label(self.object),
        }
