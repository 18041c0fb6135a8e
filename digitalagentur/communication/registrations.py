"""Registering for events (issue 13, section 2): seats, the waiting list, cancelling, moving up.

Every write locks the event's row first (SELECT ... FOR UPDATE on PostgreSQL; on SQLite the
write transaction, begun IMMEDIATE, holds the database's write lock), then counts the seats
taken and writes. So concurrent registrations never take more seats than the event has: with
capacity 10 and 40 people at once, 10 are registered and 30 wait, in the order in which their
registrations were written. A person holds at most one active registration per event (the
partial unique constraint communication_registration_once): registering again returns the
registration they have.

When a seat becomes free (a cancellation, more capacity), the first on the waiting list (the
oldest registration) moves up at once and gets a mail. Mails go out only after the transaction
committed (communication.notifications).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import notifications
from .choices import ACTIVE_STATUSES, RegistrationStatus
from .models import Event, Registration

NAME_MAX = 200
ORGANISATION_MAX = 200
NOTE_MAX = 500


class RegistrationClosed(ValidationError):
    """The event does not take registrations now (switched off, period over, begun)."""


@dataclass
class Outcome:
    registration: Registration
    created: bool


def with_counts(queryset):
    """Events annotated with `registered` and `waitlisted` (one query, no N+1)."""
    return queryset.annotate(
        registered=Count(
            "registrations",
            filter=Q(registrations__status=RegistrationStatus.REGISTERED),
            distinct=True,
        ),
        waitlisted=Count(
            "registrations",
            filter=Q(registrations__status=RegistrationStatus.WAITLISTED),
            distinct=True,
        ),
    )


def seats_taken(event: Event) -> int:
    return event.registrations.filter(status=RegistrationStatus.REGISTERED).count()


def seats_left(event: Event) -> int | None:
    """Free seats, or None when the event has no limit."""
    if event.capacity is None:
        return None
    return max(0, event.capacity - seats_taken(event))


def active_registration(event: Event, user) -> Registration | None:
    if user is None or not user.is_authenticated:
        return None
    return event.registrations.filter(user=user, status__in=ACTIVE_STATUSES).first()


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first on the waiting list; None when not waiting."""
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    ahead = Registration.objects.filter(
        event_id=registration.event_id, status=RegistrationStatus.WAITLISTED
    ).filter(
        Q(created__lt=registration.created)
        | Q(created=registration.created, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def _lock(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _clean_text(value: str, limit: int, label: str, errors: dict) -> str:
    value = " ".join((value or "").split())
    if len(value) > limit:
        errors.setdefault(label, []).append(
            _("Höchstens %(limit)d Zeichen (jetzt %(count)d).")
            % {"limit": limit, "count": len(value)}
        )
    return value


def register(
    event: Event,
    user,
    *,
    name: str = "",
    organisation: str = "",
    note: str = "",
    now=None,
) -> Outcome:
    """Register `user` (a logged-in, active account) for `event`: a seat when one is free,
    else a place on the waiting list. Registering again returns the active registration
    (created False). Raises RegistrationClosed or ValidationError (German messages)."""
    if user is None or not user.is_authenticated or not user.is_active:
        raise ValidationError(_("Bitte melden Sie sich an, um sich anzumelden."))
    errors: dict[str, list[str]] = {}
    name = (
        _clean_text(name, NAME_MAX, "name", errors)
        or (user.get_full_name() or user.get_username())[:NAME_MAX]
    )
    organisation = _clean_text(organisation, ORGANISATION_MAX, "organisation", errors)
    note = _clean_text(note, NOTE_MAX, "note", errors)
    if errors:
        raise ValidationError(errors)
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(event)
        existing = active_registration(locked, user)
        if existing is not None:
            return Outcome(existing, False)
        if not locked.accepts_registrations(now):
            raise RegistrationClosed(
                _("Für diese Veranstaltung ist keine Anmeldung (mehr) möglich.")
            )
        full = locked.capacity is not None and seats_taken(locked) >= locked.capacity
        registration = Registration(
            event=locked,
            user=user,
            name=name,
            email=user.email,
            organisation=organisation,
            note=note,
            status=RegistrationStatus.WAITLISTED if full else RegistrationStatus.REGISTERED,
        )
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError:  # only without the lock (cannot happen under it): keep one
            return Outcome(active_registration(locked, user), False)
        notifications.on_commit(registration, registration.status)
    return Outcome(registration, True)


def cancel(event: Event, user, *, now=None) -> Registration | None:
    """Cancel the user's active registration (None when there is none); a freed seat goes
    to the first on the waiting list."""
    if user is None or not user.is_authenticated:
        return None
    with transaction.atomic():
        locked = _lock(event)
        registration = active_registration(locked, user)
        if registration is None:
            return None
        return _cancel_locked(locked, registration, now=now)


def cancel_registration(registration: Registration, *, now=None) -> Registration:
    """Cancel a registration (by staff); a freed seat goes to the first on the waiting list."""
    with transaction.atomic():
        locked = _lock(registration.event)
        current = Registration.objects.get(pk=registration.pk)
        if not current.is_active:
            return current
        return _cancel_locked(locked, current, now=now)


def _cancel_locked(event: Event, registration: Registration, *, now=None) -> Registration:
    now = now or timezone.now()
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled = now
    registration.save(update_fields=["status", "cancelled", "updated"])
    notifications.on_commit(registration, "cancelled")
    promote_waiting(event, now=now)
    return registration


def promote_waiting(event: Event, *, now=None) -> list[Registration]:
    """Move people up from the waiting list while seats are free (the event's row must be
    locked by the caller's transaction); returns who moved up."""
    now = now or timezone.now()
    waiting = event.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by(
        "created", "pk"
    )
    if event.capacity is not None:
        free = event.capacity - seats_taken(event)
        if free <= 0:
            return []
        waiting = waiting[:free]
    promoted = list(waiting)
    for registration in promoted:
        registration.status = RegistrationStatus.REGISTERED
        registration.promoted = now
        registration.save(update_fields=["status", "promoted", "updated"])
        notifications.on_commit(registration, "promoted")
    return promoted


def capacity_changed(event: Event) -> list[Registration]:
    """After an edit of the capacity: fill the new seats from the waiting list."""
    with transaction.atomic():
        return promote_waiting(_lock(event))


def record_attendance(event: Event, attended_ids) -> int:
    """Mark who attended (registered people in `attended_ids`) and who did not (the other
    registered people); returns how many attended."""
    attended_ids = {int(pk) for pk in attended_ids}
    with transaction.atomic():
        locked = _lock(event)
        seated = locked.registrations.filter(status=RegistrationStatus.REGISTERED)
        unknown = attended_ids - set(seated.values_list("pk", flat=True))
        if unknown:
            raise ValidationError(_("Einige Einträge gehören nicht zu den Angemeldeten."))
        seated.filter(pk__in=attended_ids).update(attended=True, updated=timezone.now())
        seated.exclude(pk__in=attended_ids).update(attended=False, updated=timezone.now())
    return len(attended_ids)
