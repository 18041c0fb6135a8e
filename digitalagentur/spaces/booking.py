"""Every write of a booking (issue 11, section 3): book, book weekly, confirm, decline, cancel.

No double booking, on both databases: each write locks the space's row first (SELECT ... FOR
UPDATE on PostgreSQL; on SQLite the write transaction itself, begun IMMEDIATE, holds the
database's write lock), then checks which units are free and inserts. On PostgreSQL the
exclusion constraint of migration 0002 stands behind the check; its violation becomes the same
AlreadyBooked answer. Contingent bookings lock the contingent's row too, so that concurrent
bookings never use more desk-days than it holds.

Requests do not block each other: only confirmed bookings take a unit. A request is refused at
once (409) when every unit is taken by a confirmed booking somewhere in its range, and
confirming a request checks again.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from digitalagentur.core.models import ObjectChange
from digitalagentur.core.services import log_change

from . import notifications, timerange
from .choices import BookingStatus, PriceModel, Purpose
from .models import BookerProfile, Booking, BookingSeries, Contingent, Space

MAX_SERIES_WEEKS = 52


class BookingRefused(Exception):
    """A booking that cannot be made for a reason other than its values (HTTP 409)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class AlreadyBooked(BookingRefused):
    pass


class ContingentExhausted(BookingRefused):
    pass


@dataclass(frozen=True)
class Occurrence:
    """One date of a weekly series as checked before anything is saved."""

    start: datetime.datetime
    end: datetime.datetime
    problem: str = ""


class SeriesConflict(BookingRefused):
    """Some dates of a series cannot be booked: nothing was saved."""

    def __init__(self, occurrences: list[Occurrence]):
        self.occurrences = occurrences
        dates = ", ".join(
            timerange.local(o.start).strftime("%d.%m.%Y") for o in occurrences if o.problem
        )
        super().__init__(
            _("Diese Termine der Serie sind nicht möglich: %(dates)s. Es wurde nichts gebucht.")
            % {"dates": dates}
        )


def already_booked_message() -> str:
    return _("Dieser Zeitraum ist bereits gebucht. Bitte wählen Sie eine andere Zeit.")


# -- reading ---------------------------------------------------------------------------------


def intervals_of(space: Space) -> list[timerange.Interval]:
    return [timerange.Interval(h.weekday, h.opens, h.closes) for h in space.opening_hours.all()]


def closed_of(space: Space) -> list[tuple[datetime.datetime, datetime.datetime]]:
    return [(p.start, p.end) for p in space.closed_periods.all()]


def taken_ranges(
    space_ids: Iterable[int], start: datetime.datetime, end: datetime.datetime
) -> dict[int, list[tuple[datetime.datetime, datetime.datetime]]]:
    """Confirmed bookings overlapping [start, end), per unit id (one query)."""
    taken: dict[int, list] = defaultdict(list)
    rows = Booking.objects.filter(
        space_id__in=list(space_ids),
        status=BookingStatus.CONFIRMED,
        start__lt=end,
        end__gt=start,
    ).values_list("unit_id", "start", "end")
    for unit_id, s, e in rows:
        taken[unit_id].append((s, e))
    return taken


def unit_ids_of(space: Space) -> list[int]:
    return [unit.pk for unit in space.units.all()]


def is_open(space: Space, start: datetime.datetime, end: datetime.datetime) -> bool:
    """Within opening hours and outside every closed period (prefetch both for lists)."""
    return timerange.within_opening_hours(
        start, end, intervals_of(space)
    ) and not timerange.in_closed_period(start, end, closed_of(space))


def free_spaces(spaces: Iterable[Space], start, end) -> list[Space]:
    """The spaces with a unit free for the whole of [start, end) within opening hours.

    Prefetch units, opening_hours and closed_periods; the bookings are read in one query."""
    spaces = [space for space in spaces if is_open(space, start, end)]
    taken = taken_ranges([space.pk for space in spaces], start, end)
    return [
        space for space in spaces if timerange.free_unit_ids(unit_ids_of(space), taken, start, end)
    ]


# -- checking --------------------------------------------------------------------------------


def check_values(
    space: Space,
    start: datetime.datetime,
    end: datetime.datetime,
    *,
    attendees: int = 1,
    purpose: str = Purpose.WORK,
    now: datetime.datetime | None = None,
    check_open: bool = True,
) -> dict[str, list[str]]:
    """German messages per field for a booking of `space` (empty: the values are fine)."""
    now = now or timezone.now()
    errors: dict[str, list[str]] = defaultdict(list)
    for name, value in (("start", start), ("end", end)):
        if timezone.is_naive(value):
            errors[name].append(
                _("Bitte geben Sie die Zeit mit Zeitzone an (z. B. 2026-12-05T09:00+01:00).")
            )
    if errors:
        return dict(errors)
    start, end = timerange.utc(start), timerange.utc(end)
    if purpose not in Purpose.values:
        errors["purpose"].append(_("Bitte wählen Sie einen gültigen Zweck."))
    if attendees < 1:
        errors["attendees"].append(_("Bitte geben Sie mindestens eine Person an."))
    elif attendees > space.capacity:
        errors["attendees"].append(
            _("Der Raum fasst höchstens %(capacity)d Personen.") % {"capacity": space.capacity}
        )
    if end <= start:
        errors["end"].append(_("Das Ende muss nach dem Beginn liegen."))
        return dict(errors)
    if start < now:
        errors["start"].append(_("Der Beginn liegt in der Vergangenheit."))
    elif start > now + datetime.timedelta(days=space.max_days_ahead):
        errors["start"].append(
            _("Dieser Raum kann höchstens %(days)d Tage im Voraus gebucht werden.")
            % {"days": space.max_days_ahead}
        )
    minutes = (end - start).total_seconds() / 60
    if minutes < space.min_minutes:
        errors["end"].append(
            _("Eine Buchung dauert hier mindestens %(minutes)d Minuten.")
            % {"minutes": space.min_minutes}
        )
    elif minutes > space.max_minutes:
        errors["end"].append(
            _("Eine Buchung dauert hier höchstens %(minutes)d Minuten.")
            % {"minutes": space.max_minutes}
        )
    if check_open:
        if not timerange.within_opening_hours(start, end, intervals_of(space)):
            errors["start"].append(_("Der Zeitraum liegt außerhalb der Öffnungszeiten."))
        if timerange.in_closed_period(start, end, closed_of(space)):
            errors["start"].append(_("Der Raum ist in diesem Zeitraum geschlossen."))
    return {name: messages for name, messages in errors.items() if messages}


def _lock_space(space: Space) -> Space:
    return (
        Space.objects.select_for_update()
        .prefetch_related("units", "opening_hours", "closed_periods")
        .get(pk=space.pk)
    )


def _free_unit(space: Space, start, end, exclude_booking: int | None = None) -> int | None:
    taken = taken_ranges([space.pk], start, end)
    if exclude_booking is not None:
        own = Booking.objects.filter(pk=exclude_booking).values_list("unit_id", "start", "end")
        for unit_id, s, e in own:
            if (s, e) in taken.get(unit_id, []):
                taken[unit_id].remove((s, e))
    free = timerange.free_unit_ids(unit_ids_of(space), taken, start, end)
    return free[0] if free else None


def _check_contingent(contingent: Contingent, space: Space, user, start, end) -> None:
    """Raise ValidationError or ContingentExhausted; the contingent's row must be locked."""
    if not space.in_pilot:
        raise ValidationError(
            {"contingent": [_("Dieser Raum nimmt nicht am Arbeitgeber-Pilot teil.")]}
        )
    if contingent.region_id != space.region_id or not contingent.members.filter(user=user).exists():
        raise ValidationError(
            {"contingent": [_("Sie sind für dieses Kontingent nicht freigeschaltet.")]}
        )
    day = timerange.local(start).date()
    if timerange.local(end - datetime.timedelta(microseconds=1)).date() != day:
        raise ValidationError({"end": [_("Eine Buchung über ein Kontingent gilt für einen Tag.")]})
    if day < contingent.valid_from or (contingent.valid_until and day > contingent.valid_until):
        raise ValidationError({"contingent": [_("Das Kontingent gilt an diesem Tag nicht.")]})
    month_start = datetime.datetime.combine(day.replace(day=1), datetime.time(), timerange.BERLIN)
    next_month = (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    month_end = datetime.datetime.combine(next_month, datetime.time(), timerange.BERLIN)
    used = Booking.objects.filter(
        contingent=contingent,
        status__in=(BookingStatus.REQUESTED, BookingStatus.CONFIRMED),
        start__gte=month_start,
        start__lt=month_end,
    ).count()
    if used >= contingent.days_per_month:
        raise ContingentExhausted(
            _(
                "Das Kontingent „%(name)s“ ist für %(month)s ausgeschöpft "
                "(%(days)d Arbeitsplatz-Tage)."
            )
            % {
                "name": contingent.name,
                "month": day.strftime("%m/%Y"),
                "days": contingent.days_per_month,
            }
        )


def _places(user) -> tuple[int | None, int | None]:
    profile = BookerProfile.objects.filter(user=user).first()
    if profile is None:
        return None, None
    return profile.home_place_id, profile.work_place_id


def _insert(booking: Booking) -> Booking:
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError as error:  # the exclusion constraint (PostgreSQL)
        raise AlreadyBooked(already_booked_message()) from error
    return booking


def _log(booking: Booking, action: str, user, changes: dict, reason: str = "") -> None:
    log_change(booking, action, user=user, changes=changes, reason=reason)


# -- writing ---------------------------------------------------------------------------------


@transaction.atomic
def book(
    space: Space,
    user,
    start: datetime.datetime,
    end: datetime.datetime,
    *,
    purpose: str = Purpose.WORK,
    attendees: int = 1,
    note: str = "",
    contingent: Contingent | None = None,
    now: datetime.datetime | None = None,
    series: BookingSeries | None = None,
    notify: bool = True,
) -> Booking:
    """Book one unit of `space` for [start, end): confirmed at once for instant spaces, a
    request otherwise. Raises ValidationError (field messages), AlreadyBooked or
    ContingentExhausted; then nothing is saved. `notify=False` sends no mails (demo data)."""
    errors = check_values(space, start, end, attendees=attendees, purpose=purpose, now=now)
    if errors:
        raise ValidationError(errors)
    start, end = timerange.utc(start), timerange.utc(end)
    space = _lock_space(space)
    if space.price_model == PriceModel.CONTINGENT and contingent is None:
        raise ValidationError(
            {"contingent": [_("Dieser Raum ist nur über ein Arbeitgeber-Kontingent buchbar.")]}
        )
    if contingent is not None:
        contingent = Contingent.objects.select_for_update().filter(pk=contingent.pk).first()
        if contingent is None:  # deleted by the coordination meanwhile (pilot.delete_contingent)
            raise ValidationError({"contingent": [_("Dieses Kontingent gibt es nicht mehr.")]})
        _check_contingent(contingent, space, user, start, end)
    unit_id = _free_unit(space, start, end)
    if unit_id is None:
        raise AlreadyBooked(already_booked_message())
    home, work = _places(user)
    booking = _insert(
        Booking(
            region_id=space.region_id,
            space=space,
            unit_id=unit_id,
            booker=user,
            start=start,
            end=end,
            status=BookingStatus.CONFIRMED if space.is_instant else BookingStatus.REQUESTED,
            purpose=purpose,
            attendees=attendees,
            note=note,
            contingent=contingent,
            series=series,
            home_place_id=home,
            work_place_id=work,
            decided=(now or timezone.now()) if space.is_instant else None,
        )
    )
    _log(
        booking,
        ObjectChange.Action.CREATE,
        user,
        {
            "start": {"before": None, "after": start.isoformat()},
            "end": {"before": None, "after": end.isoformat()},
            "status": {"before": None, "after": booking.status},
        },
    )
    if series is None and notify:
        notifications.on_commit(booking, "created")
    return booking


def check_series(
    space: Space,
    start: datetime.datetime,
    end: datetime.datetime,
    weeks: int,
    *,
    attendees: int = 1,
    purpose: str = Purpose.WORK,
    now: datetime.datetime | None = None,
) -> list[Occurrence]:
    """Every date of a weekly series with what stands in its way ('' when it is free)."""
    if not 1 <= weeks <= MAX_SERIES_WEEKS:
        raise ValidationError(
            {"weeks": [_("Eine Serie hat 1 bis %(max)d Termine.") % {"max": MAX_SERIES_WEEKS}]}
        )
    if timezone.is_naive(start) or timezone.is_naive(end):
        raise ValidationError(check_values(space, start, end))
    occurrences = timerange.weekly(start, end, weeks)
    taken = taken_ranges([space.pk], occurrences[0][0], occurrences[-1][1])
    units = unit_ids_of(space)
    result = []
    for occ_start, occ_end in occurrences:
        errors = check_values(
            space, occ_start, occ_end, attendees=attendees, purpose=purpose, now=now
        )
        problem = " ".join(message for messages in errors.values() for message in messages)
        if not problem and not timerange.free_unit_ids(units, taken, occ_start, occ_end):
            problem = _("bereits gebucht")
        result.append(Occurrence(occ_start, occ_end, problem))
    return result


@transaction.atomic
def book_series(
    space: Space,
    user,
    start: datetime.datetime,
    end: datetime.datetime,
    weeks: int,
    *,
    purpose: str = Purpose.WORK,
    attendees: int = 1,
    note: str = "",
    now: datetime.datetime | None = None,
    notify: bool = True,
) -> list[Booking]:
    """Book `weeks` weekly dates, all or nothing (SeriesConflict lists the dates in the way)."""
    space = _lock_space(space)
    occurrences = check_series(
        space, start, end, weeks, attendees=attendees, purpose=purpose, now=now
    )
    if any(o.problem for o in occurrences):
        raise SeriesConflict(occurrences)
    series = BookingSeries.objects.create()
    bookings = [
        book(
            space,
            user,
            o.start,
            o.end,
            purpose=purpose,
            attendees=attendees,
            note=note,
            now=now,
            series=series,
        )
        for o in occurrences
    ]
    if notify:
        notifications.on_commit(bookings[0], "series_created")
    return bookings


def _locked_booking(booking: Booking) -> Booking:
    return Booking.objects.select_for_update().select_related("space").get(pk=booking.pk)


@transaction.atomic
def confirm(
    booking: Booking, user, *, now: datetime.datetime | None = None, notify: bool = True
) -> Booking:
    """The provider confirms a request; AlreadyBooked when every unit is taken meanwhile."""
    now = now or timezone.now()
    space = _lock_space(booking.space)
    booking = _locked_booking(booking)
    if booking.status != BookingStatus.REQUESTED:
        raise ValidationError({"status": [_("Nur Anfragen können bestätigt werden.")]})
    if booking.end <= now:
        raise ValidationError({"start": [_("Diese Anfrage liegt in der Vergangenheit.")]})
    taken = taken_ranges([space.pk], booking.start, booking.end)
    free = timerange.free_unit_ids(unit_ids_of(space), taken, booking.start, booking.end)
    if not free:
        raise AlreadyBooked(
            _(
                "In diesem Zeitraum ist schon alles bestätigt gebucht; die Anfrage kann nicht "
                "bestätigt werden."
            )
        )
    before = booking.status
    booking.unit_id = booking.unit_id if booking.unit_id in free else free[0]
    booking.status = BookingStatus.CONFIRMED
    booking.decided = now
    _insert(booking)
    _log(booking, ObjectChange.Action.UPDATE, user, _status_change(before, booking.status))
    if notify:
        notifications.on_commit(booking, "confirmed")
    return booking


@transaction.atomic
def decline(booking: Booking, user, reason: str) -> Booking:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Bitte begründen Sie die Ablehnung.")]})
    booking = _locked_booking(booking)
    if booking.status != BookingStatus.REQUESTED:
        raise ValidationError({"status": [_("Nur Anfragen können abgelehnt werden.")]})
    booking.status = BookingStatus.DECLINED
    booking.reason = reason[:500]
    booking.decided = timezone.now()
    booking.save(update_fields=["status", "reason", "decided", "updated"])
    _log(
        booking,
        ObjectChange.Action.UPDATE,
        user,
        _status_change(BookingStatus.REQUESTED, booking.status),
        reason,
    )
    notifications.on_commit(booking, "declined")
    return booking


@transaction.atomic
def cancel(
    booking: Booking,
    user,
    reason: str = "",
    *,
    as_provider: bool = False,
    now: datetime.datetime | None = None,
) -> Booking:
    """Cancel a request or booking. The booker keeps to the space's cancellation deadline;
    the provider and the coordination may cancel any time before the end (their pages ask
    for a reason; the API takes it when given)."""
    now = now or timezone.now()
    reason = (reason or "").strip()
    booking = _locked_booking(booking)
    if booking.status not in (BookingStatus.REQUESTED, BookingStatus.CONFIRMED):
        raise ValidationError({"status": [_("Diese Buchung ist nicht mehr aktiv.")]})
    if booking.end <= now:
        raise ValidationError(
            {"status": [_("Vergangene Buchungen können nicht storniert werden.")]}
        )
    deadline = booking.start - datetime.timedelta(hours=booking.space.cancel_hours)
    if not as_provider and booking.status == BookingStatus.CONFIRMED and now > deadline:
        raise ValidationError(
            {
                "status": [
                    _(
                        "Die Stornierungsfrist ist abgelaufen (bis %(hours)d Stunden vor "
                        "Beginn). Bitte wenden Sie sich an den Anbieter."
                    )
                    % {"hours": booking.space.cancel_hours}
                ]
            }
        )
    before = booking.status
    booking.status = BookingStatus.CANCELLED
    booking.reason = reason[:500]
    booking.cancelled = now
    booking.save(update_fields=["status", "reason", "cancelled", "updated"])
    _log(booking, ObjectChange.Action.UPDATE, user, _status_change(before, booking.status), reason)
    notifications.on_commit(booking, "cancelled_by_provider" if as_provider else "cancelled")
    return booking


def _status_change(before: str, after: str) -> dict:
    return {"status": {"before": before, "after": after}}
