"""The demo's Landräume (issue 11, section 7): spaces, places, the employer pilot, the logins
pendlerin and extragleis, demo bookings, and an idempotent load.

Expectations are written from the issue, independently of demo/data/spaces.py.
"""

import datetime
import io
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from digitalagentur.demo import spaces as demo_spaces
from digitalagentur.demo.loader import REASON, DemoLoader
from digitalagentur.spaces import booking, rules, timerange
from digitalagentur.spaces.models import (
    BookerProfile,
    Booking,
    ClosedPeriod,
    Contingent,
    ContingentMember,
    Employer,
    Place,
    Provider,
    Space,
)
from digitalagentur.tenancy.models import Municipality, Region, RoleAssignment
from digitalagentur.tenancy.permissions import get_access

BERLIN = timerange.BERLIN
T = datetime.time
WORKDAYS_8_TO_18 = {(day, T(8), T(18)) for day in range(5)}
EVENINGS_AND_WEEKENDS = {(day, T(17), T(22)) for day in range(5)} | {
    (day, T(9), T(22)) for day in (5, 6)
}

# Section 7: town, kind, booking mode, bookable units, capacity (None: not stated), purpose
# that must be offered, opening hours (None: not stated), in the employer pilot.
SECTION_7 = {
    "ExtraGleis": (
        "billerbeck",
        "coworking",
        "instant",
        8,
        8,
        "work",
        WORKDAYS_8_TO_18,
        True,
    ),
    "Kreishaus": (
        "coesfeld",
        "meeting_room",
        "request",
        1,
        12,
        "work",
        WORKDAYS_8_TO_18,
        False,
    ),
    "Nordkirchen": (
        "nordkirchen",
        "village_hall",
        "request",
        1,
        None,
        "culture",
        EVENINGS_AND_WEEKENDS,
        False,
    ),
    "Olfen": ("olfen", "sports_hall", "request", 1, None, "sport", EVENINGS_AND_WEEKENDS, False),
    "Dülmen": ("duelmen", "empty_shop", "request", 1, None, "culture", None, False),
    "Senden": ("senden", "coworking", "instant", None, None, "work", None, True),
}

TOWN_CENTRES = {
    "Ascheberg",
    "Billerbeck",
    "Coesfeld",
    "Dülmen",
    "Havixbeck",
    "Lüdinghausen",
    "Nordkirchen",
    "Nottuln",
    "Olfen",
    "Rosendahl",
    "Senden",
}
DESTINATIONS = {"Münster", "Dortmund", "Borken", "Recklinghausen", "Hamm", "Essen"}


@pytest.fixture
def region(demo_db, db):
    return Region.objects.get(slug="kreis-coesfeld")


def space_for(region, key: str) -> Space:
    town, kind = SECTION_7[key][:2]
    candidates = Space.objects.filter(region=region, municipality__slug=town, kind=kind)
    if key in ("ExtraGleis", "Kreishaus"):
        candidates = candidates.filter(name__icontains=key)
    assert candidates.count() == 1, (key, list(candidates))
    return candidates.get()


def extragleis(region) -> Space:
    return space_for(region, "ExtraGleis")


def user(username):
    return get_user_model().objects.get(username=username)


def next_weekday_from_tomorrow() -> datetime.date:
    day = timezone.localdate() + datetime.timedelta(days=1)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, T(hour), tzinfo=BERLIN)


@pytest.mark.parametrize("key", sorted(SECTION_7))
def test_the_spaces_of_section_7(region, key):
    town, kind, mode, units, capacity, purpose, hours, in_pilot = SECTION_7[key]
    space = space_for(region, key)
    assert space.published and space.is_demo and space.provider.is_demo
    assert space.booking_mode == mode
    assert space.in_pilot is in_pilot
    assert purpose in space.purposes
    if units is not None:
        assert space.units.count() == units
    if capacity is not None:
        assert space.capacity == capacity
    if hours is not None:
        actual = {(h.weekday, h.opens, h.closes) for h in space.opening_hours.all()}
        assert actual == hours
    assert space.latitude is not None and space.longitude is not None
    assert space.street and space.postcode and space.city
    assert "Demo" in space.description


def test_extragleis_is_desks_in_the_railway_carriage_next_to_billerbeck_station(region):
    space = extragleis(region)
    assert space.unit_kind == "desk"
    assert {"work", "education"} <= set(space.purposes)
    assert "wlan" in space.amenities
    assert "Zugwaggon" in space.description and "Bahnhof" in space.description
    # Near Billerbeck station (town centre about 51.978 N, 7.294 E): within about 1.5 km.
    assert abs(float(space.latitude) - 51.975) < 0.015
    assert abs(float(space.longitude) - 7.294) < 0.02
    senden = space_for(region, "Senden")
    assert senden.unit_kind == "desk" and senden.units.count() > 1


def test_closed_periods_include_christmas(region):
    kreishaus = space_for(region, "Kreishaus")
    periods = ClosedPeriod.objects.filter(space__region=region)
    assert periods.exists()
    christmas = kreishaus.closed_periods.get()
    start, end = timerange.local(christmas.start), timerange.local(christmas.end)
    assert (start.month, start.day, start.hour) == (12, 24, 0)
    assert (end.month, end.day, end.hour) == (1, 2, 0)
    assert end.date() > timezone.localdate()
    # ExtraGleis stays open on every working day (the browser test books there).
    assert not extragleis(region).closed_periods.exists()


def test_places_are_the_town_centres_and_the_commuting_destinations(region):
    places = {p.name: p for p in Place.objects.filter(region=region).select_related()}
    assert set(places) == TOWN_CENTRES | DESTINATIONS
    for name in TOWN_CENTRES:
        assert places[name].municipality.name == name
    for name in DESTINATIONS:
        assert places[name].municipality is None
    assert Municipality.objects.filter(region=region).count() == 11
    for place in places.values():  # around the Kreis Coesfeld
        assert 51.3 < float(place.latitude) < 52.2 and 6.7 < float(place.longitude) < 8.0
    senden, muenster = places["Senden"], places["Münster"]
    assert float(muenster.latitude) > float(senden.latitude)  # Münster lies north-east
    assert float(muenster.longitude) > float(senden.longitude)


def test_employer_pilot(region):
    employers = {e.name: e for e in Employer.objects.filter(region=region)}
    assert set(employers) == {"wfc Kreis Coesfeld", "Gemeinde Senden"}
    for employer in employers.values():
        contingent = Contingent.objects.get(employer=employer)
        assert contingent.days_per_month > 0
        assert contingent.members.exists()
    senden = Contingent.objects.get(employer=employers["Gemeinde Senden"])
    member = ContingentMember.objects.get(contingent=senden, user__username="pendlerin")
    assert member.report_consent
    assert list(employers["Gemeinde Senden"].managers.values_list("username", flat=True)) == [
        "senden"
    ]


@pytest.mark.parametrize("username", ["pendlerin", "extragleis"])
def test_landraeume_logins_log_in_with_demo_and_have_no_role(region, client, username):
    account = user(username)
    assert not RoleAssignment.objects.filter(user=account).exists()
    assert not account.is_staff and not account.is_superuser
    response = client.post(reverse("login"), {"username": username, "password": "demo"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(account.pk)


def test_pendlerin_commutes_from_senden_to_muenster(region):
    profile = BookerProfile.objects.select_related("home_place", "work_place").get(
        user__username="pendlerin"
    )
    assert (profile.home_place.name, profile.work_place.name) == ("Senden", "Münster")
    assert not Provider.objects.filter(managers__username="pendlerin").exists()


def test_extragleis_manages_extragleis_only(region):
    account = user("extragleis")
    access = get_access(account, region)
    assert not access.can_manage
    managed = rules.managed_spaces(account, access, Space.objects.all())
    assert list(managed) == [extragleis(region)]
    for space in Space.objects.filter(region=region).exclude(pk=extragleis(region).pk):
        assert not rules.manages_space(account, access, space)
    assert rules.manages_provider(account, access, extragleis(region).provider)
    assert not Employer.objects.filter(managers=account).exists()


def test_a_desk_in_extragleis_is_free_tomorrow_morning(region):
    """The browser test books a desk in ExtraGleis for tomorrow morning: tomorrow (or, at a
    weekend, the next working day) 9–12 is free, and pendlerin can book it."""
    space = extragleis(region)
    day = next_weekday_from_tomorrow()
    start, end = at(day, 9), at(day, 12)
    prefetched = Space.objects.prefetch_related("units", "opening_hours", "closed_periods")
    assert booking.free_spaces(prefetched.filter(pk=space.pk), start, end) == [space]
    taken = Booking.objects.filter(
        space=space, status="confirmed", start__lt=end, end__gt=start
    ).count()
    assert taken < space.units.count() - 1  # room for more than one more booking
    made = booking.book(space, user("pendlerin"), start, end)
    assert made.status == "confirmed"
    home, work = made.home_place.name, made.work_place.name
    assert (home, work) == ("Senden", "Münster")


def test_coming_demo_bookings_are_valid_and_leave_tomorrow_free(region):
    now = timezone.now()
    coming = Booking.objects.filter(region=region, start__gte=now).prefetch_related(
        "space__opening_hours", "space__closed_periods"
    )
    assert coming.count() >= 5
    statuses = Counter(b.status for b in coming)
    assert statuses["confirmed"] and statuses["requested"]
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    for item in coming:
        assert item.space.is_demo
        local = timerange.local(item.start)
        assert local.date() > tomorrow, item
        assert booking.is_open(item.space, item.start, item.end), item
        if item.space.booking_mode == "instant":
            assert item.status == "confirmed"
    pendlerin = coming.filter(booker__username="pendlerin")
    assert pendlerin.filter(contingent__employer__name="Gemeinde Senden").exists()


def test_past_demo_bookings_feed_the_impact_and_usage(region):
    now = timezone.now()
    past = Booking.objects.filter(region=region, end__lte=now, status="confirmed")
    assert past.count() >= 10
    assert all(b.space.is_demo for b in past.select_related("space"))
    with_places = past.exclude(home_place=None).exclude(work_place=None)
    assert with_places.filter(home_place__name="Senden", work_place__name="Münster").exists()
    assert with_places.filter(space__slug=extragleis(region).slug).exists()
    # No contingent is used beyond its desk-days in any month.
    used = Counter(
        (b.contingent_id, timerange.local(b.start).strftime("%Y-%m"))
        for b in Booking.objects.filter(region=region).exclude(contingent=None)
    )
    limits = dict(Contingent.objects.values_list("pk", "days_per_month"))
    assert used and all(count <= limits[cid] for (cid, _month), count in used.items())


def test_no_unit_is_booked_twice(region):
    confirmed = list(Booking.objects.filter(region=region, status="confirmed"))
    for a in confirmed:
        for b in confirmed:
            if a.pk < b.pk and a.unit_id == b.unit_id:
                assert not timerange.overlaps(a.start, a.end, b.start, b.end), (a, b)


def test_rerun_creates_nothing_and_lists_the_landraeume_logins(region):
    counts = {
        model: model.objects.count()
        for model in (Place, Provider, Space, Booking, Employer, Contingent, ContingentMember)
    }
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert {model: model.objects.count() for model in counts} == counts
    lines = out.getvalue().splitlines()
    pendlerin = next(line for line in lines if line.startswith("  pendlerin "))
    assert " demo " in pendlerin and "keine Rolle" in pendlerin
    assert "Senden → Münster" in pendlerin and "Gemeinde Senden" in pendlerin
    provider = next(line for line in lines if line.startswith("  extragleis "))
    assert "keine Rolle" in provider and "verwaltet ExtraGleis" in provider


def test_loading_the_spaces_again_creates_nothing_twice(region):
    """Within the first run every object is found again by its natural key."""
    loader = DemoLoader()
    loader.towns = {town.slug: town for town in Municipality.objects.filter(region=region)}
    logins = {name: (user(name), True) for name in ("pendlerin", "extragleis", "senden")}
    before = {
        model: model.objects.count()
        for model in (
            Place,
            Provider,
            Space,
            ClosedPeriod,
            Booking,
            BookerProfile,
            Employer,
            Contingent,
            ContingentMember,
        )
    }
    demo_spaces.load_spaces(loader, region, REASON, logins=logins)
    assert {model: model.objects.count() for model in before} == before
    assert sum(loader.created.values()) == 0
