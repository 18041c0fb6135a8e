"""Small write helpers of the staff area on top of core.services (logged, versioned)."""

from __future__ import annotations

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
from digitalagentur.tenancy.models import Region, RoleAssignment
from digitalagentur.tenancy.usernames import find_similar_account


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


def holds_role_in(account, region) -> bool:
    """Whether the account holds any role in the region (only then may its admins see it)."""
    return RoleAssignment.objects.filter(user=account, region=region).exists()


SIMILAR_ACCOUNT_MESSAGE = gettext_lazy(
    "Es gibt bereits das Benutzerkonto „%(name)s“. Der eingegebene Name ist davon nicht oder "
    "kaum zu unterscheiden; bitte geben Sie den Namen genau so ein (Groß- und Kleinschreibung), "
    "um diesem Konto eine Rolle zu geben."
)


def account_of_region(region, username: str):
    """The account `username` names if it holds a role in `region`, else None.

    Accounts outside the region are never returned: whether they exist must not show. Raises
    ValidationError when the name imitates (case, look-alike letters) an account of the region.
    """
    account = find_similar_account(username)
    if account is None or not holds_role_in(account, region):
        return None
    if account.get_username() != username:
        raise ValidationError(SIMILAR_ACCOUNT_MESSAGE % {"name": account.get_username()})
    return account


@transaction.atomic
def assign_role(
    region, *, account, role: str, municipality=None, user=None, reason: str = ""
) -> RoleAssignment:
    """Give an account that already holds a role in `region` another one (logged).

    Accounts without a role in the region get roles only by accepting an invitation
    (staff.invitations.invite). Raises ValidationError for a duplicate role or a bad town.
    """
    if municipality is not None and municipality.region_id != region.pk:
        raise ValidationError(_("Diese Kommune gehört nicht zur Region."))
    if not holds_role_in(account, region):
        raise ValidationError(_("Dieses Konto hat keine Rolle in der Region."))
    if role_exists(account, region, role, municipality):
        raise ValidationError(duplicate_role_message(account))
    return create_assignment(account, region, role, municipality, user=user, reason=reason)


def create_assignment(account, region, role, municipality, *, user=None, reason: str = ""):
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
    return assignment


LAST_ADMIN_MESSAGE = gettext_lazy(
    "Das ist die letzte Administrationsrolle der Region. Vergeben Sie zuerst einer anderen "
    "Person die Rolle „Regionsadministration“, damit die Region verwaltet werden kann."
)
NO_LONGER_ADMIN_MESSAGE = gettext_lazy(
    "Sie haben in dieser Region keine Administrationsrolle mehr; es wurde nichts geändert."
)


def lock_region_roles(region_id: int) -> None:
    """Serialise changes of a region's roles: lock its Region row until the transaction ends.

    On PostgreSQL this is a row lock; SQLite runs write transactions one at a time anyway
    (transaction_mode IMMEDIATE in the settings).
    """
    Region.objects.select_for_update().filter(pk=region_id).values_list("pk").first()


def is_last_admin(assignment: RoleAssignment) -> bool:
    """Whether removing `assignment` leaves its region without an active admin."""
    if assignment.role != Role.ADMIN:
        return False
    others = RoleAssignment.objects.filter(
        region_id=assignment.region_id, role=Role.ADMIN, user__is_active=True
    ).exclude(pk=assignment.pk)
    return not others.exists()


def still_admin(user, region_id: int) -> bool:
    if user is None or user.is_superuser:
        return True
    return RoleAssignment.objects.filter(
        user_id=user.pk, region_id=region_id, role=Role.ADMIN
    ).exists()


@transaction.atomic
def revoke_role(assignment: RoleAssignment, *, user=None, reason: str = "") -> None:
    """Delete a role assignment (logged); never the region's last admin role.

    The region's row is locked first, so two admins revoking each other at the same moment are
    handled one after the other: the second sees that it would remove the last admin (or that
    the acting user is no admin any more) and changes nothing.
    Raises RoleAssignment.DoesNotExist when it was removed meanwhile, ValidationError otherwise.
    """
    lock_region_roles(assignment.region_id)
    current = RoleAssignment.objects.select_for_update().filter(pk=assignment.pk).first()
    if current is None:
        raise RoleAssignment.DoesNotExist
    if not still_admin(user, current.region_id):
        raise ValidationError(NO_LONGER_ADMIN_MESSAGE)
    if is_self_lockout(current, user):
        raise ValidationError(LOCKOUT_MESSAGE)
    if is_last_admin(current):
        raise ValidationError(LAST_ADMIN_MESSAGE)
    delete_object(current, user=user, reason=reason)
