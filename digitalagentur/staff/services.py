"""Small write helpers of the staff area on top of core.services (logged, versioned)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.core.models import ObjectChange
from digitalagentur.core.services import (
    create_object,
    delete_object,
    diff_snapshots,
    log_change,
    snapshot,
)
from digitalagentur.core.text import german_slugify
from digitalagentur.strategy.models import Adoption, Field
from digitalagentur.tenancy.choices import Role
from digitalagentur.tenancy.models import RoleAssignment


def unique_field_slug(strategy, name: str) -> str:
    base = german_slugify(name)[:45] or "handlungsfeld"
    slug, n = base, 2
    while Field.objects.filter(strategy=strategy, slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def create_field(strategy, values: dict, *, user=None, reason: str = "") -> Field:
    field = Field(region_id=strategy.region_id, strategy=strategy, **values)
    field.slug = unique_field_slug(strategy, values.get("name", ""))
    return create_object(field, user=user, reason=reason)


# Adoption.version is a foreign key to the frozen StrategyVersion, which core.services'
# snapshot() skips as the optimistic-locking counter; these record it as a value.


def _adoption_snapshot(adoption: Adoption) -> dict:
    return snapshot(adoption, {"version": adoption.version})


@transaction.atomic
def create_adoption(adoption: Adoption, *, user=None, reason: str = "") -> Adoption:
    adoption.full_clean()
    adoption.save()
    changes = diff_snapshots({}, _adoption_snapshot(adoption))
    log_change(adoption, ObjectChange.Action.CREATE, user=user, changes=changes, reason=reason)
    return adoption


@transaction.atomic
def delete_adoption(adoption: Adoption, *, user=None, reason: str = "") -> None:
    changes = diff_snapshots(_adoption_snapshot(adoption), {})
    log_change(adoption, ObjectChange.Action.DELETE, user=user, changes=changes, reason=reason)
    adoption.delete()


# Roles of a region, managed by its admins. RoleAssignment has no version counter; its changes
# are logged with the region it belongs to.


def role_exists(user, region, role: str, municipality=None) -> bool:
    """Whether the user holds the role already.

    The unique constraint treats an empty town (NULL) as distinct, so it does not catch a second
    admin, coordinator or reader role; this check does.
    """
    return RoleAssignment.objects.filter(
        user=user, region=region, role=role, municipality=municipality
    ).exists()


def duplicate_role_message(user) -> str:
    return _("„%(user)s“ hat diese Rolle in der Region bereits.") % {"user": user.get_username()}


LOCKOUT_MESSAGE = gettext_lazy(
    "Sie können sich nicht selbst die letzte Administrationsrolle entziehen."
)


def is_self_lockout(assignment: RoleAssignment, user) -> bool:
    """Whether removing `assignment` would take the acting user's last admin role in its region.

    Superusers keep their rights without a role, so they cannot lock themselves out.
    """
    if user is None or user.pk != assignment.user_id or assignment.role != Role.ADMIN:
        return False
    if user.is_superuser:
        return False
    others = RoleAssignment.objects.filter(
        user_id=user.pk, region_id=assignment.region_id, role=Role.ADMIN
    ).exclude(pk=assignment.pk)
    return not others.exists()


@transaction.atomic
def assign_role(
    region,
    *,
    username: str,
    role: str,
    municipality=None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    user=None,
    reason: str = "",
) -> tuple[RoleAssignment, bool]:
    """Give `username` a role in `region`; create the account (without password) if unknown.

    An existing account keeps its name and e-mail address. Returns the assignment and whether
    the account was created. Raises ValidationError for a duplicate role or a bad town.
    """
    if municipality is not None and municipality.region_id != region.pk:
        raise ValidationError(_("Diese Kommune gehört nicht zur Region."))
    users = get_user_model()
    account = users.objects.filter(username=username).first()
    created = account is None
    if created:
        account = users(
            username=username,
            first_name=first_name,
            last_name=last_name,
            email=users.objects.normalize_email(email),
        )
        # No e-mail is sent yet: the platform administration sets a password.
        account.set_unusable_password()
        account.full_clean()
        account.save()
    elif role_exists(account, region, role, municipality):
        raise ValidationError(duplicate_role_message(account))
    assignment = RoleAssignment(user=account, region=region, role=role, municipality=municipality)
    assignment.full_clean()
    assignment.save()
    log_change(
        assignment,
        ObjectChange.Action.CREATE,
        user=user,
        changes=diff_snapshots({}, snapshot(assignment)),
        reason=reason,
    )
    return assignment, created


@transaction.atomic
def revoke_role(assignment: RoleAssignment, *, user=None, reason: str = "") -> None:
    """Delete a role assignment (logged); an admin cannot remove their own last admin role.

    Raises RoleAssignment.DoesNotExist when it was removed meanwhile, ValidationError on lockout.
    """
    current = RoleAssignment.objects.select_for_update().filter(pk=assignment.pk).first()
    if current is None:
        raise RoleAssignment.DoesNotExist
    if is_self_lockout(current, user):
        raise ValidationError(LOCKOUT_MESSAGE)
    delete_object(current, user=user, reason=reason)
