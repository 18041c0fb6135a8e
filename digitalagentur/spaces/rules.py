"""Who may do what with spaces and bookings (issue 11): one rule for the API, the public
booking pages, the provider pages and the staff area.

- Anyone reads published spaces and their free/busy times, never who booked.
- Any logged-in, active user books (accounts from the registration form become active when
  the e-mail address is confirmed) and sees and cancels their own bookings.
- A provider's managers manage the provider's spaces and see, confirm, decline and cancel
  their bookings; the coordination (coordinators, region admins) does so for every space of
  the region. Nobody sees anything of another region.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from digitalagentur.tenancy.permissions import Access


def can_book(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def manages_provider(user, access: Access, provider) -> bool:
    if not access.in_region(provider):
        return False
    if access.can_manage:
        return True
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and provider.managers.filter(pk=user.pk).exists()
    )


def manages_space(user, access: Access, space) -> bool:
    if not access.in_region(space):
        return False
    return access.can_manage or manages_provider(user, access, space.provider)


def managed_spaces(user, access: Access, spaces):
    """`spaces` (a queryset of the region) narrowed to those the user manages."""
    if access.region_id is None:
        return spaces.none()
    spaces = spaces.filter(region_id=access.region_id)
    if access.can_manage:
        return spaces
    if user is None or not user.is_authenticated or not user.is_active:
        return spaces.none()
    return spaces.filter(provider__managers=user)


def can_view_booking(user, access: Access, booking) -> bool:
    if not access.in_region(booking):
        return False
    if user is not None and user.is_authenticated and booking.booker_id == user.pk:
        return True
    return manages_space(user, access, booking.space)


def decide_denial(user, access: Access, booking) -> str | None:
    """Why the user may not confirm or decline `booking` (None: allowed)."""
    if manages_space(user, access, booking.space):
        return None
    return _("Anfragen bestätigt oder lehnt nur der Anbieter des Raums oder die Koordination ab.")


def cancel_denial(user, access: Access, booking) -> tuple[str | None, bool]:
    """(why not, None when allowed; whether the user cancels as the provider side)."""
    if manages_space(user, access, booking.space):
        return None, True
    if user is not None and user.is_authenticated and booking.booker_id == user.pk:
        return None, False
    return _("Stornieren können nur die buchende Person, der Anbieter und die Koordination."), False
