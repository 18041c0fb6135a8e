"""The demo's Landräume (demo/data/spaces.py), loaded by DemoLoader.load_spaces: the places
of the commuting estimate, providers and their spaces, the employer pilot, the pendlerin's
profile and demo bookings (coming ones through spaces.booking.book, past ones created as
confirmed for the impact figures).

Like the rest of the demo this runs only in the run that creates the region. Objects are
found again by a natural key (place and space slug, provider and employer name, contingent
name, username) so that nothing is created twice within it. Demo logins (pendlerin,
extragleis, senden) get their profile, contingent and provider only when the loader created
them in this run; an existing account of the same name is left as it is, and the bookings
that would have been theirs are left out.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from digitalagentur.core.services import create_object, diff_snapshots, log_change, snapshot
from digitalagentur.spaces import booking as spaces_booking
from digitalagentur.spaces import services as spaces_services
from digitalagentur.spaces import timerange
from digitalagentur.spaces.choices import BookingStatus
from digitalagentur.spaces.models import (
    BookerProfile,
    Booking,
    Contingent,
    ContingentMember,
    Employer,
    Place,
    Provider,
    Space,
)

from .data import spaces as data

BERLIN = timerange.BERLIN


def load_spaces(loader, region, reason: str, *, logins: dict, now=None) -> None:
    """`logins`: the demo logins as {username: (user, created by this run)}."""
    now = now or timezone.now()
    today = timezone.localtime(now, BERLIN).date()
    places = _load_places(loader, region)
    users = _users(loader, logins)
    providers = _load_providers(loader, region, reason, users)
    spaces = _load_spaces(loader, region, reason, providers, today)
    profiles_for = {name: (home, work) for name, _last, home, work in data.PEOPLE}
    profiles_for[data.PENDLERIN["username"]] = (data.PENDLERIN["home"], data.PENDLERIN["work"])
    for username, (home, work) in profiles_for.items():
        if username in users and home and work:
            _profile(loader, region, reason, users[username], places[home], places[work])
    contingents = _load_employers(loader, region, reason, users)
    _load_upcoming(loader, spaces, users, contingents, now, today)
    _load_past(loader, region, reason, spaces, users, contingents, today)


def describe_user(user, region) -> list[str]:
    """What `user` does in the region's Landräume now, for the list of demo logins."""
    parts = [
        f"verwaltet {name}"
        for name in Provider.objects.filter(region=region, managers=user).values_list(
            "name", flat=True
        )
    ]
    parts += [
        f"Arbeitgeber-Pilot: {name}"
        for name in Employer.objects.filter(region=region, managers=user).values_list(
            "name", flat=True
        )
    ]
    profile = (
        BookerProfile.objects.filter(user=user, home_place__region=region)
        .select_related("home_place", "work_place")
        .first()
    )
    if profile is not None and profile.work_place is not None:
        parts.append(f"pendelt {profile.home_place.name} → {profile.work_place.name}")
    parts += [
        f"Kontingent „{name}“"
        for name in ContingentMember.objects.filter(
            user=user, contingent__region=region
        ).values_list("contingent__name", flat=True)
    ]
    return parts


# -- places, people, providers, spaces ------------------------------------------------------


def _load_places(loader, region) -> dict[str, Place]:
    places = {}
    for slug, name, town_slug, latitude, longitude in data.PLACES:
        places[slug], _ = loader._get_or_create(
            "Orte",
            Place,
            {"region": region, "slug": slug},
            {
                "name": name,
                "municipality": loader.towns.get(town_slug or ""),
                "latitude": Decimal(latitude),
                "longitude": Decimal(longitude),
            },
        )
    return places


def _users(loader, logins: dict) -> dict:
    """Usable accounts by username: the demo logins this run created and the demo people."""
    users = {name: user for name, (user, created) in logins.items() if created}
    user_model = get_user_model()
    for username, last_name, _home, _work in data.PEOPLE:
        user = user_model._default_manager.filter(username=username).first()
        if user is not None:
            continue  # someone else's account of that name: not the demo's
        # No password: these people never log in.
        user = user_model._default_manager.create_user(
            username=username, first_name="Demo", last_name=last_name
        )
        loader.created["Demo-Personen (ohne Zugang)"] += 1
        users[username] = user
    return users


def _load_providers(loader, region, reason: str, users: dict) -> dict[str, Provider]:
    providers = {}
    for item in data.PROVIDERS:
        provider = Provider.objects.filter(region=region, name=item["name"]).first()
        if provider is None:
            values = {key: item[key] for key in ("name", "kind", "email", "phone", "website")}
            provider = Provider(
                region=region,
                municipality=loader.towns.get(item["municipality"] or ""),
                is_demo=True,
                **values,
            )
            managers = [users[name] for name in item["managers"] if name in users]
            spaces_services.create_provider(provider, managers=managers, reason=reason)
            loader.created["Raumanbieter"] += 1
        providers[item["key"]] = provider
    return providers


SPACE_FIELDS = (
    "name",
    "kind",
    "description",
    "street",
    "postcode",
    "city",
    "capacity",
    "unit_kind",
    "amenities",
    "accessibility",
    "purposes",
    "house_rules",
    "price_model",
    "booking_mode",
    "min_minutes",
    "max_minutes",
    "max_days_ahead",
    "cancel_hours",
    "in_pilot",
)


def _load_spaces(loader, region, reason: str, providers, today) -> dict[str, Space]:
    spaces = {}
    for item in data.SPACES:
        space = Space.objects.filter(region=region, slug=item["slug"]).first()
        if space is None:
            space = Space(
                region=region,
                slug=item["slug"],
                provider=providers[item["provider"]],
                municipality=loader.towns[item["municipality"]],
                latitude=Decimal(item["latitude"]),
                longitude=Decimal(item["longitude"]),
                price=Decimal(item["price"]) if item["price"] else None,
                published=True,
                is_demo=True,
                **{key: item[key] for key in SPACE_FIELDS},
            )
            spaces_services.create_space(
                space, units=item["units"], hours=item["hours"], reason=reason
            )
            loader.created["Räume"] += 1
            for kind, why in item["closed"]:
                start, end = closed_period(kind, today)
                spaces_services.add_closed_period(space, start, end, why, log_reason=reason)
                loader.created["Schließzeiten"] += 1
        spaces[item["slug"]] = space
    return spaces


def closed_period(kind: str, today: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The coming (or current) Christmas closure, 24.12.–01.01., or two weeks from 20 July."""

    def span(year: int):
        if kind == data.CHRISTMAS:
            return datetime.date(year, 12, 24), datetime.date(year + 1, 1, 2)
        first = datetime.date(year, 7, 20)
        return first, first + datetime.timedelta(days=14)

    start, end = span(today.year - 1)
    if end <= today:
        start, end = span(today.year)
        if end <= today:
            start, end = span(today.year + 1)
    return _at(start, datetime.time()), _at(end, datetime.time())


def _at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, time, tzinfo=BERLIN)


def _profile(loader, region, reason: str, user, home: Place, work: Place) -> None:
    if BookerProfile.objects.filter(user=user).exists():
        return
    profile = BookerProfile(user=user, home_place=home, work_place=work)
    profile.full_clean()
    profile.save()
    # A profile has no region of its own: it is logged under the region of its places.
    log_change(
        profile,
        "create",
        changes=diff_snapshots({}, snapshot(profile)),
        reason=reason,
        region_id=region.pk,
    )
    loader.created["Buchungsprofile"] += 1


# -- employer pilot ---------------------------------------------------------------------------


def _load_employers(loader, region, reason: str, users: dict) -> dict[str, Contingent]:
    contingents = {}
    for item in data.EMPLOYERS:
        employer = Employer.objects.filter(region=region, name=item["name"]).first()
        if employer is None:
            managers = [users[name].pk for name in item["managers"] if name in users]
            employer = create_object(
                Employer(region=region, name=item["name"], is_demo=True),
                reason=reason,
                m2m={"managers": managers},
            )
            loader.created["Arbeitgeber"] += 1
        contingent, _ = loader._get_or_create(
            "Kontingente",
            Contingent,
            {"region": region, "employer": employer, "name": item["contingent"]["name"]},
            {
                "days_per_month": item["contingent"]["days_per_month"],
                "valid_from": item["contingent"]["valid_from"],
            },
        )
        for username, consent in item["members"]:
            user = users.get(username)
            if (
                user is None
                or ContingentMember.objects.filter(contingent=contingent, user=user).exists()
            ):
                continue
            member = ContingentMember(contingent=contingent, user=user, report_consent=consent)
            member.full_clean()
            member.save()
            log_change(
                member,
                "create",
                changes=diff_snapshots({}, snapshot(member)),
                reason=reason,
                region_id=region.pk,
            )
            loader.created["Kontingent-Berechtigte"] += 1
        contingents[item["name"]] = contingent
    return contingents


# -- bookings ---------------------------------------------------------------------------------


def _working_days(first: datetime.date):
    day = first
    while True:
        if day.weekday() < 5:
            yield day
        day += datetime.timedelta(days=1)


def _candidate_days(when, today: datetime.date) -> list[datetime.date]:
    """Days to try for a coming booking, the intended one first (then a week later, ...)."""
    first = today + datetime.timedelta(days=2)
    if isinstance(when, tuple):  # ("weekend", n): the n-th Saturday from `first`
        saturday = first + datetime.timedelta(days=(5 - first.weekday()) % 7)
        day = saturday + datetime.timedelta(weeks=when[1])
    else:
        days = _working_days(first)
        for _ in range(when):
            next(days)
        day = next(days)
    return [day + datetime.timedelta(weeks=week) for week in range(8)]


def _load_upcoming(loader, spaces, users, contingents, now, today) -> None:
    for slug, username, when, start, end, purpose, attendees, employer, confirm in data.UPCOMING:
        space, user = spaces[slug], users.get(username)
        if user is None:
            continue
        contingent = contingents[employer] if employer else None
        for day in _candidate_days(when, today):
            begin, finish = _at(day, start), _at(day, end)
            if Booking.objects.filter(space=space, booker=user, start=begin).exists():
                break  # booked before (found again by space, booker and start)
            errors = spaces_booking.check_values(
                space, begin, finish, attendees=attendees, purpose=purpose, now=now
            )
            if errors:  # e.g. a closed period: try a week later
                continue
            try:
                booking = spaces_booking.book(
                    space,
                    user,
                    begin,
                    finish,
                    purpose=purpose,
                    attendees=attendees,
                    contingent=contingent,
                    now=now,
                    notify=False,  # the demo mails nobody
                )
            except (ValidationError, spaces_booking.BookingRefused):
                continue
            if confirm and booking.status == BookingStatus.REQUESTED:
                spaces_booking.confirm(booking, None, now=now, notify=False)
            loader.created["Buchungen"] += 1
            break


def _load_past(loader, region, reason, spaces, users, contingents, today) -> None:
    monday = today - datetime.timedelta(days=today.weekday())
    for slug, username, weeks, weekday, start, end, purpose, attendees, employer in data.PAST:
        space, user = spaces[slug], users.get(username)
        if user is None:
            continue
        day = monday - datetime.timedelta(weeks=weeks) + datetime.timedelta(days=weekday)
        begin, finish = _at(day, start), _at(day, end)
        if Booking.objects.filter(space=space, booker=user, start=begin).exists():
            continue
        taken = spaces_booking.taken_ranges([space.pk], begin, finish)
        free = timerange.free_unit_ids(spaces_booking.unit_ids_of(space), taken, begin, finish)
        if not free:
            continue
        profile = BookerProfile.objects.filter(user=user).first()
        booking = Booking(
            region=region,
            space=space,
            unit_id=free[0],
            booker=user,
            start=begin,
            end=finish,
            status=BookingStatus.CONFIRMED,
            purpose=purpose,
            attendees=attendees,
            contingent=contingents[employer] if employer else None,
            home_place=profile.home_place if profile else None,
            work_place=profile.work_place if profile else None,
            decided=begin - datetime.timedelta(days=3),
            reminded=begin - datetime.timedelta(days=1),
        )
        create_object(booking, reason=reason)
        loader.created["Buchungen"] += 1
