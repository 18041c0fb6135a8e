"""The employer pilot (issue 11, section 4): employers, their contingents of desk-days and the
named staff who book against them. Every write goes through core.services (change log, and the
optimistic version lock for updates); booking against a contingent is booking.py's (it locks
the contingent's row, one booking is one desk-day).

Who sees what: an employer's managers and the coordination (coordinators, region admins) see
the employer's usage (spaces/usage.py); members decide themselves whether the employer sees
their usage by name (`report_consent`), nobody else can set it for them.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from digitalagentur.core import services as core
from digitalagentur.tenancy.permissions import Access

from .models import Booking, Contingent, ContingentMember, Employer

# -- who may see an employer -----------------------------------------------------------------


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def manages_employer(user, access: Access, employer: Employer) -> bool:
    if not access.in_region(employer):
        return False
    if access.can_manage:
        return True
    return _active(user) and employer.managers.filter(pk=user.pk).exists()


def managed_employers(user, access: Access, employers=None):
    """The employers of the access's region that the user manages (the coordination: all)."""
    employers = Employer.objects.all() if employers is None else employers
    if access.region_id is None:
        return employers.none()
    employers = employers.filter(region_id=access.region_id)
    if access.can_manage:
        return employers
    if not _active(user):
        return employers.none()
    return employers.filter(managers=user)


def memberships(user, region):
    """The user's contingent memberships in the region, with contingent and employer."""
    if not _active(user) or region is None:
        return ContingentMember.objects.none()
    return (
        ContingentMember.objects.filter(user=user, contingent__region=region)
        .select_related("contingent__employer")
        .order_by("contingent__employer__name", "contingent__name")
    )


# -- employers -------------------------------------------------------------------------------


def create_employer(employer: Employer, *, user=None, managers: Iterable = ()) -> Employer:
    return core.create_object(employer, user=user, m2m={"managers": list(managers)})


def update_employer(
    employer: Employer,
    values: dict,
    *,
    expected_version: int | None,
    user=None,
    managers: Iterable | None = None,
    reason: str = "",
) -> Employer:
    """Change name (and, when given, the managers) if nobody saved meanwhile (EditConflict)."""
    m2m = m2m_before = None
    if managers is not None:
        m2m = {"managers": [m.pk if hasattr(m, "pk") else m for m in managers]}
        m2m_before = {"managers": list(employer.managers.values_list("pk", flat=True))}
    return core.update_object(
        employer,
        values,
        expected_version=expected_version,
        user=user,
        reason=reason,
        m2m=m2m,
        m2m_before=m2m_before,
    )


@transaction.atomic
def delete_employer(
    employer: Employer, *, expected_version: int | None, user=None, reason: str = ""
) -> None:
    """Delete an employer with its contingents and members, unless anyone booked against one
    of them (the usage stays on record: ValidationError)."""
    Employer.objects.select_for_update().filter(pk=employer.pk).first()
    contingents = list(
        Contingent.objects.select_for_update().filter(employer_id=employer.pk).order_by("pk")
    )
    if Booking.objects.filter(contingent__in=contingents).exists():
        raise ValidationError(
            _(
                "Gegen ein Kontingent dieses Arbeitgebers wurde schon gebucht; die Nutzung "
                "bleibt nachweisbar, deshalb kann er nicht gelöscht werden. Beenden Sie "
                "stattdessen die Gültigkeit seiner Kontingente."
            )
        )
    for contingent in contingents:
        core.delete_object(contingent, user=user, reason=reason)
    core.delete_object(employer, expected_version=expected_version, user=user, reason=reason)


# -- contingents -----------------------------------------------------------------------------


def _check_contingent(contingent: Contingent) -> None:
    errors = {}
    if contingent.employer_id and contingent.employer.region_id != contingent.region_id:
        errors["employer"] = [_("Der Arbeitgeber gehört zu einer anderen Region.")]
    if (
        contingent.valid_until
        and contingent.valid_from
        and (contingent.valid_until < contingent.valid_from)
    ):
        errors["valid_until"] = [_("Das Ende der Gültigkeit liegt vor ihrem Beginn.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_contingent(contingent: Contingent, *, user=None) -> Contingent:
    """Save a new contingent of an employer (region taken from the employer when unset)."""
    if contingent.region_id is None and contingent.employer_id:
        contingent.region_id = contingent.employer.region_id
    _check_contingent(contingent)
    return core.create_object(contingent, user=user)


@transaction.atomic
def update_contingent(
    contingent: Contingent,
    values: dict,
    *,
    expected_version: int | None,
    user=None,
    reason: str = "",
) -> Contingent:
    """Change name, desk-days per month or validity (EditConflict when saved meanwhile).
    Fewer days never cancel bookings already made; they only stop new ones."""
    if "employer" in values or "employer_id" in values or "region" in values:
        raise ValidationError(_("Ein Kontingent wechselt nicht den Arbeitgeber."))
    probe = Contingent(
        pk=contingent.pk,
        region_id=contingent.region_id,
        employer_id=contingent.employer_id,
        valid_from=values.get("valid_from", contingent.valid_from),
        valid_until=values.get("valid_until", contingent.valid_until),
    )
    _check_contingent(probe)
    return core.update_object(
        contingent, values, expected_version=expected_version, user=user, reason=reason
    )


# -- members ---------------------------------------------------------------------------------


@transaction.atomic
def delete_contingent(
    contingent: Contingent, *, expected_version: int | None, user=None, reason: str = ""
) -> None:
    """Delete a contingent with its members unless anyone booked against it (ValidationError).
    The row is locked first, as booking against it does, so no booking slips in between."""
    Contingent.objects.select_for_update().filter(pk=contingent.pk).first()
    if Booking.objects.filter(contingent_id=contingent.pk).exists():
        raise ValidationError(
            _(
                "Gegen dieses Kontingent wurde schon gebucht; die Nutzung bleibt nachweisbar, "
                "deshalb kann es nicht gelöscht werden. Beenden Sie stattdessen seine "
                "Gültigkeit."
            )
        )
    core.delete_object(contingent, expected_version=expected_version, user=user, reason=reason)


def _log_members(contingent: Contingent, user, before, after, reason: str = "") -> None:
    core.log_change(
        contingent,
        core.ObjectChange.Action.UPDATE,
        user=user,
        changes={"members": {"before": before, "after": after}},
        reason=reason,
    )


@transaction.atomic
def add_member(contingent: Contingent, member, *, user=None) -> ContingentMember:
    """Allow `member` (a user account) to book against the contingent. The employer does not
    see their usage by name until they agree themselves (report_consent starts False)."""
    if not member.is_active:
        raise ValidationError(_("Dieses Konto ist nicht aktiv."))
    if ContingentMember.objects.filter(contingent=contingent, user=member).exists():
        raise ValidationError(_("Diese Person ist bereits für das Kontingent freigeschaltet."))
    try:
        with transaction.atomic():
            row = ContingentMember.objects.create(contingent=contingent, user=member)
    except IntegrityError as error:  # added concurrently
        raise ValidationError(
            _("Diese Person ist bereits für das Kontingent freigeschaltet.")
        ) from error
    _log_members(contingent, user, None, member.get_username())
    return row


@transaction.atomic
def remove_member(contingent: Contingent, member, *, user=None, reason: str = "") -> None:
    """Withdraw the right to book; bookings already made stay (and keep counting)."""
    deleted, _rows = ContingentMember.objects.filter(contingent=contingent, user=member).delete()
    if not deleted:
        raise ValidationError(_("Diese Person ist für das Kontingent nicht freigeschaltet."))
    _log_members(contingent, user, member.get_username(), None, reason)


@transaction.atomic
def set_report_consent(member: ContingentMember, user, consent: bool) -> ContingentMember:
    """The member agrees (or no longer agrees) that the employer sees their usage by name.
    Only the member themselves decides: anyone else gets PermissionDenied."""
    if not _active(user) or member.user_id != user.pk:
        raise PermissionDenied(_("Nur die berechtigte Person selbst kann das festlegen."))
    member = ContingentMember.objects.select_for_update().get(pk=member.pk)
    consent = bool(consent)
    if member.report_consent == consent:
        return member
    member.report_consent = consent
    member.save(update_fields=["report_consent"])
    core.log_change(
        member,
        core.ObjectChange.Action.UPDATE,
        user=user,
        changes={"report_consent": {"before": not consent, "after": consent}},
        region_id=member.contingent.region_id,
    )
    return member
