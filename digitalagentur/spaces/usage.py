"""How an employer's contingents are used (issue 11, section 4): desk-days per month, used
against available, per contingent, per space and per person.

One booking against a contingent is one desk-day. Confirmed bookings count as used, requests
that wait for the provider as requested (they hold a day of the contingent too, see
booking._check_contingent); declined and cancelled bookings count nowhere. A contingent offers
its `days_per_month` in every month it is valid on at least one day.

People are named only when they agreed (ContingentMember.report_consent) for that contingent;
everybody else, and bookings whose booker was anonymised after the retention period, are
summed up in one row "ohne Zustimmung" per contingent, without saying how many people it holds.

A month's report takes a fixed number of queries, however many bookings there are.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from .choices import BookingStatus
from .models import Booking, Contingent, ContingentMember, Employer
from .timerange import BERLIN

MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(text: str | None) -> datetime.date | None:
    """'2027-03' → date(2027, 3, 1); None for anything else."""
    match = MONTH_RE.match((text or "").strip())
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        return None
    return datetime.date(year, month, 1)


def next_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def previous_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def month_bounds(month: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """[first midnight of the month, first midnight of the next) in Europe/Berlin."""
    start = datetime.datetime.combine(month.replace(day=1), datetime.time(), BERLIN)
    end = datetime.datetime.combine(next_month(month), datetime.time(), BERLIN)
    return start, end


def valid_in(contingent: Contingent, month: datetime.date) -> bool:
    """Whether the contingent is valid on at least one day of the month."""
    last = next_month(month) - datetime.timedelta(days=1)
    if contingent.valid_from > last:
        return False
    return contingent.valid_until is None or contingent.valid_until >= month


def month_label(month: datetime.date) -> str:
    return f"{month.month:02d}/{month.year}"


@dataclass
class ContingentRow:
    contingent: Contingent
    available: int
    used: int = 0
    requested: int = 0

    @property
    def remaining(self) -> int:
        return max(0, self.available - self.used - self.requested)


@dataclass
class NamedRow:
    label: str
    used: int = 0
    requested: int = 0
    contingent: str = ""
    consent: bool = True


@dataclass
class MonthRow:
    month: datetime.date
    available: int
    used: int
    requested: int

    @property
    def label(self) -> str:
        return month_label(self.month)


@dataclass
class UsageReport:
    employer: Employer
    month: datetime.date
    contingents: list[ContingentRow] = field(default_factory=list)
    spaces: list[NamedRow] = field(default_factory=list)
    people: list[NamedRow] = field(default_factory=list)
    year: list[MonthRow] = field(default_factory=list)

    @property
    def available(self) -> int:
        return sum(row.available for row in self.contingents)

    @property
    def used(self) -> int:
        return sum(row.used for row in self.contingents)

    @property
    def requested(self) -> int:
        return sum(row.requested for row in self.contingents)

    @property
    def remaining(self) -> int:
        return sum(row.remaining for row in self.contingents)

    @property
    def label(self) -> str:
        return month_label(self.month)

    @property
    def previous(self) -> datetime.date:
        return previous_month(self.month)

    @property
    def next(self) -> datetime.date:
        return next_month(self.month)


def _counted(employer: Employer):
    return Booking.objects.filter(
        contingent__employer=employer,
        status__in=(BookingStatus.CONFIRMED, BookingStatus.REQUESTED),
    )


def _person_label(user) -> str:
    return user.get_full_name() or user.get_username()


def usage_report(employer: Employer, month: datetime.date) -> UsageReport:
    """The month's usage of the employer's contingents and the twelve months of its year."""
    month = month.replace(day=1)
    report = UsageReport(employer=employer, month=month)
    contingents = list(employer.contingents.all())
    rows = {
        c.pk: ContingentRow(c, c.days_per_month if valid_in(c, month) else 0) for c in contingents
    }
    report.contingents = list(rows.values())

    start, end = month_bounds(month)
    bookings = list(
        _counted(employer)
        .filter(start__gte=start, start__lt=end)
        .values_list("contingent_id", "status", "space_id", "space__name", "booker_id")
    )
    consent = set(
        ContingentMember.objects.filter(
            contingent__employer=employer, report_consent=True
        ).values_list("contingent_id", "user_id")
    )
    named_ids = {
        user_id
        for contingent_id, _status, _s, _n, user_id in bookings
        if (contingent_id, user_id) in consent
    }
    users = {}
    if named_ids:
        users = {u.pk: u for u in get_user_model().objects.filter(pk__in=named_ids)}

    spaces: dict[int, NamedRow] = {}
    people: dict[tuple, NamedRow] = {}
    names = {c.pk: c.name for c in contingents}
    for contingent_id, status, space_id, space_name, user_id in bookings:
        confirmed = status == BookingStatus.CONFIRMED
        row = rows[contingent_id]
        space = spaces.setdefault(space_id, NamedRow(space_name))
        if (contingent_id, user_id) in consent and user_id in users:
            key = (contingent_id, user_id)
            person = people.setdefault(
                key, NamedRow(_person_label(users[user_id]), contingent=names[contingent_id])
            )
        else:
            key = (contingent_id, None)
            person = people.setdefault(
                key,
                NamedRow(_("ohne Zustimmung"), contingent=names[contingent_id], consent=False),
            )
        for target in (row, space, person):
            if confirmed:
                target.used += 1
            else:
                target.requested += 1
    report.spaces = sorted(spaces.values(), key=lambda r: (-r.used - r.requested, r.label))
    report.people = sorted(
        people.values(), key=lambda r: (r.contingent, not r.consent, r.label.casefold())
    )
    report.year = year_rows(employer, contingents, month.year)
    return report


def year_rows(employer: Employer, contingents: list[Contingent], year: int) -> list[MonthRow]:
    """Used and available desk-days for each month of the year (one query)."""
    start, _end = month_bounds(datetime.date(year, 1, 1))
    _start, end = month_bounds(datetime.date(year, 12, 1))
    counts = Counter()
    rows = (
        _counted(employer)
        .filter(start__gte=start, start__lt=end)
        .annotate(month=TruncMonth("start", tzinfo=BERLIN))
        .values("month", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        month = row["month"]
        month = month.date() if isinstance(month, datetime.datetime) else month
        counts[(month.replace(day=1), row["status"])] += row["n"]
    result = []
    for number in range(1, 13):
        month = datetime.date(year, number, 1)
        result.append(
            MonthRow(
                month=month,
                available=sum(c.days_per_month for c in contingents if valid_in(c, month)),
                used=counts[(month, BookingStatus.CONFIRMED)],
                requested=counts[(month, BookingStatus.REQUESTED)],
            )
        )
    return result


def csv_rows(report: UsageReport) -> list[list]:
    """The report as rows of a CSV file (header first)."""
    rows: list[list] = [
        [
            _("Bereich"),
            _("Bezeichnung"),
            _("Kontingent"),
            _("verfügbar"),
            _("genutzt"),
            _("angefragt"),
            _("frei"),
        ]
    ]
    for row in report.contingents:
        rows.append(
            [
                _("Kontingent"),
                row.contingent.name,
                row.contingent.name,
                row.available,
                row.used,
                row.requested,
                row.remaining,
            ]
        )
    for row in report.spaces:
        rows.append([_("Raum"), row.label, "", "", row.used, row.requested, ""])
    for row in report.people:
        rows.append([_("Person"), row.label, row.contingent, "", row.used, row.requested, ""])
    for row in report.year:
        rows.append([_("Monat"), row.label, "", row.available, row.used, row.requested, ""])
    return rows
