"""Deadlines of a region and of a user: what counts, when, for whom, at constant cost."""

import datetime
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from digitalagentur.core import testing as t
from digitalagentur.funding.deadlines import (
    Deadline,
    deadline_day,
    public_deadlines,
    region_deadlines,
    start_of_day,
    user_deadlines,
    visible_to,
)
from digitalagentur.funding.models import end_of_day
from digitalagentur.tenancy.choices import Role
from digitalagentur.tenancy.permissions import get_access
from digitalagentur.testing.deadlines import (
    day_in,
    end_of_day_in,
    in_days,
    make_application,
    make_call,
    make_later_deadline,
    make_programme,
)

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def test_24_uhr_belongs_to_the_day_before_midnight():
    deadline = end_of_day(datetime.date(2021, 3, 14))
    assert deadline_day(deadline) == datetime.date(2021, 3, 14)
    assert deadline_day(datetime.datetime(2021, 3, 14, 12, 30, tzinfo=BERLIN)) == (
        datetime.date(2021, 3, 14)
    )
    # Midnight in UTC is 1 o'clock in Berlin: that day, not the one before.
    assert deadline_day(datetime.datetime(2021, 3, 15, tzinfo=datetime.UTC)) == (
        datetime.date(2021, 3, 15)
    )
    d = Deadline(key="call-1", kind="call", title="Staffel", due=deadline, all_day=False, path="")
    assert d.due_text == "14.03.2021, 24:00 Uhr"
    assert d.days_left(datetime.date(2021, 3, 11)) == 3
    assert d.relative_text(datetime.date(2021, 3, 11)) == "in 3 Tagen"
    assert d.relative_text(datetime.date(2021, 3, 13)) == "morgen"
    assert d.relative_text(datetime.date(2021, 3, 14)) == "heute"


@pytest.fixture
def data(region, town, other_town, other_region):
    """Published and draft calls, a later deadline, applications of two towns, a rejected
    application, old deadlines, and another region's call."""
    programme = make_programme(region, "Smart Cities")
    draft_programme = make_programme(region, "Geheimprogramm", published=False)
    open_call = make_call(programme, "Staffel 2021", deadline=end_of_day_in(10))
    draft_call = make_call(programme, "Staffel Entwurf", deadline=in_days(20), published=False)
    hidden_call = make_call(draft_programme, "Aufruf im Entwurfsprogramm", deadline=in_days(25))
    make_call(programme, "Alte Staffel", deadline=in_days(-3))
    council = make_later_deadline(open_call, "Ratsbeschluss Eigenanteil", in_days(15, hour=18))
    make_later_deadline(open_call, "Alter Beschluss", in_days(-1))
    own = make_application(
        programme,
        "Raum für Zukunft",
        towns=[town],
        call=draft_call,
        status="preparing",
        submitted_on=day_in(5),
        start_date=day_in(30),
        end_date=day_in(400),
    )
    others = make_application(
        programme, "Marktplatz", towns=[other_town], status="approved", end_date=day_in(3)
    )
    make_application(programme, "Abgelehnt", towns=[town], status="rejected", decided_on=day_in(2))
    make_application(programme, "Schon begonnen", towns=[town], start_date=day_in(-10))
    foreign = make_programme(other_region, "Fremdprogramm")
    make_call(foreign, "Fremdaufruf", deadline=in_days(4))
    return {
        "open_call": open_call,
        "draft_call": draft_call,
        "hidden_call": hidden_call,
        "council": council,
        "own": own,
        "others": others,
    }


def test_the_region_has_calls_later_deadlines_and_milestones_from_today(region, data):
    found = region_deadlines(region, since=start_of_day(timezone.now()))
    assert [(d.kind, d.title) for d in found] == [
        ("end", "Marktplatz"),
        ("submission", "Raum für Zukunft"),
        ("call", "Staffel 2021"),
        ("later", "Ratsbeschluss Eigenanteil"),
        ("call", "Staffel Entwurf"),
        ("call", "Aufruf im Entwurfsprogramm"),
        ("start", "Raum für Zukunft"),
        ("end", "Raum für Zukunft"),
    ]
    by_key = {d.key: d for d in found}
    call = by_key[f"call-{data['open_call'].pk}"]
    assert call.due_text == f"{day_in(10):%d.%m.%Y}, 24:00 Uhr"
    assert call.day == day_in(10) and not call.all_day and call.public
    assert call.context_text == "Staffel 2021 (Smart Cities)"
    assert call.path.endswith(f"#aufruf-{data['open_call'].pk}")
    later = by_key[f"calldeadline-{data['council'].pk}"]
    assert later.label == "weitere Frist: Ratsbeschluss Eigenanteil"
    assert later.path.endswith(f"#frist-{data['council'].pk}")
    start = by_key[f"application-{data['own'].pk}-start"]
    assert start.all_day and start.day == day_in(30) and start.due_text == f"{day_in(30):%d.%m.%Y}"
    assert start.label == "Projektbeginn: Raum für Zukunft"
    assert start.context_text == "Staffel Entwurf (Smart Cities)"
    assert not by_key[f"call-{data['draft_call'].pk}"].public
    assert not by_key[f"call-{data['hidden_call'].pk}"].public  # draft programme


def test_a_window_limits_the_deadlines(region, data):
    now = timezone.now()
    found = region_deadlines(region, since=start_of_day(now), until=in_days(12))
    assert [d.title for d in found] == ["Marktplatz", "Raum für Zukunft", "Staffel 2021"]
    assert [d.kind for d in region_deadlines(region, since=now, milestones=False)] == [
        "call",
        "later",
        "call",
        "call",
    ]


def test_who_sees_which_deadlines_as_their_own(region, users, other_town, data):
    since = start_of_day(timezone.now())
    everything = region_deadlines(region, since=since)

    def titles(role):
        return [d.label for d in visible_to(get_access(users[role], region), everything)]

    assert titles("coordinator") == titles("admin") == [d.label for d in everything]
    # The officer of `town`: published calls, and all of the own town's application (with its
    # call, a draft), nothing of the other town's application or of drafts alone.
    assert titles("officer") == [
        "Einreichung: Raum für Zukunft",
        "Bewerbungsfrist",
        "weitere Frist: Ratsbeschluss Eigenanteil",
        "Bewerbungsfrist",
        "Projektbeginn: Raum für Zukunft",
        "Projektende: Raum für Zukunft",
    ]
    assert [d.title for d in visible_to(get_access(users["officer"], region), everything)][3] == (
        "Staffel Entwurf"
    )
    assert titles("reader") == ["Bewerbungsfrist", "weitere Frist: Ratsbeschluss Eigenanteil"]
    other_officer = t.make_user_with_role(region, Role.OFFICER, other_town)
    assert [
        d.label for d in user_deadlines(region, get_access(other_officer, region), since=since)
    ] == [
        "Projektende: Marktplatz",
        "Bewerbungsfrist",
        "weitere Frist: Ratsbeschluss Eigenanteil",
    ]
    # Without a role in the region: the public's.
    outsider = t.make_user("draussen")
    assert [d.title for d in visible_to(get_access(outsider, region), everything)] == [
        "Staffel 2021",
        "Ratsbeschluss Eigenanteil",
    ]


def test_public_deadlines_are_those_of_published_calls_only(region, other_region, data):
    found = public_deadlines(region, since=timezone.now())
    assert [d.label for d in found] == [
        "Bewerbungsfrist",
        "weitere Frist: Ratsbeschluss Eigenanteil",
    ]
    assert [d.title for d in public_deadlines(other_region, since=timezone.now())] == [
        "Fremdaufruf"
    ]


def test_loading_the_deadlines_costs_the_same_for_many(region, town, users):
    access = get_access(users["officer"], region)
    programme = make_programme(region)

    def add(n):
        for i in range(n):
            call = make_call(programme, deadline=in_days(5 + i))
            make_later_deadline(call, f"Beschluss {i}", in_days(6 + i))
            make_application(programme, towns=[town], call=call, start_date=day_in(7 + i))

    def count():
        with CaptureQueriesContext(connection) as queries:
            found = user_deadlines(region, access, since=timezone.now())
        return len(queries), len(found)

    add(1)
    few, n_few = count()
    add(10)
    many, n_many = count()
    assert (n_few, n_many) == (3, 33)
    assert few == many <= 5
