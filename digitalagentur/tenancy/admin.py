from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm, UserCreationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .choices import Role
from .models import Invitation, Municipality, Region, RoleAssignment
from .usernames import NewUsernameValidator


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "hostname"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region"]
    list_filter = ["region"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "municipality", "region"]
    list_filter = ["region", "role"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Read-only: invitations are written by the staff area's services (with the change log)."""

    list_display = ["username", "role", "municipality", "region", "sent_at", "expires_at"]
    list_filter = ["region", "role"]
    exclude = ["token_hash"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class NewUserForm(UserCreationForm):
    """Accounts created in the Django admin follow the user-name rule of the staff area."""

    def clean_username(self):
        name = super().clean_username()
        NewUsernameValidator()(name)
        return name


class UserForm(UserChangeForm):
    """Deactivating an account must not leave a region without an active admin."""

    def clean_is_active(self):
        active = self.cleaned_data["is_active"]
        if not active and self.instance.pk:
            orphaned = sole_admin_regions(self.instance)
            if orphaned:
                raise ValidationError(
                    _(
                        "Das Konto hat die letzte aktive Administrationsrolle von: %(regions)s. "
                        "Vergeben Sie dort zuerst einer anderen Person die Administrationsrolle."
                    )
                    % {"regions": ", ".join(r.name for r in orphaned)}
                )
        return active


def sole_admin_regions(user) -> list[Region]:
    """Regions in which `user` holds the only admin role of an active account."""
    regions = Region.objects.filter(role_assignments__user=user, role_assignments__role=Role.ADMIN)
    result = []
    for region in regions.distinct():
        others = RoleAssignment.objects.filter(
            region=region, role=Role.ADMIN, user__is_active=True
        ).exclude(user=user)
        if not others.exists():
            result.append(region)
    return result


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class UserAdmin(DjangoUserAdmin):
    add_form = NewUserForm
    form = UserForm
