"""The iCalendar feeds (RFC 5545), parsed back with the icalendar library: the public feed of
published calls and the users' secret feeds of their internal deadlines."""

import datetime
import hashlib
import re
import zoneinfo

import icalendar
import pytest
from django.urls import reverse

from digitalagentur.funding.calendar import build_calendar, new_feed_token
from digitalagentur.funding.deadlines import Deadline
from digitalagentur.funding.models import DeadlinePreference, end_of_day
from digitalagentur.tenancy.models import RoleAssignment
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
NOW = datetime.datetime(2021, 3, 1, 9, 30, tzinfo=BERLIN)


def parse(content: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(content)


def events(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_24_uhr_ends_at_midnight_in_berlin_and_lies_on_that_day():
    call = Deadline(
        key="call-7",
        kind="call",
        title="Modellprojekte Smart Cities 2021",
        due=end_of_day(datetime.date(2021, 3, 14)),
        all_day=False,
        path="/intern/foerderung/programme/1/#aufruf-7",
    )
    end = Deadline(
        key="application-3-end",
        kind="end",
        title="Raum für Zukunft",
        due=end_of_day(datetime.date(2026, 12, 31)),
        all_day=True,
        path="/intern/foerderung/antraege/3/",
    )
    content = build_calendar(
        [call, end], name="Fristen", uid_domain="x.test", base_url="https://k.example", now=NOW
    )
    calendar = parse(content)
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["PRODID"])
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    found = events(calendar)
    assert set(found) == {"call-7@x.test", "application-3-end@x.test"}
    event = found["call-7@x.test"]
    # 14.03.2021, 24:00 Uhr: the event ends at 0:00 on the 15th in Berlin (23:00 UTC, winter
    # time), starts and so is shown on the 14th, and says "24:00" in its title.
    assert event.decoded("DTEND") == datetime.datetime(2021, 3, 15, 0, 0, tzinfo=BERLIN)
    assert event.decoded("DTEND").astimezone(datetime.UTC) == datetime.datetime(
        2021, 3, 14, 23, 0, tzinfo=datetime.UTC
    )
    assert event.decoded("DTSTART").date() == datetime.date(2021, 3, 14)
    assert event["DTEND"].params["TZID"] == "Europe/Berlin"
    assert "24:00 Uhr" in str(event["SUMMARY"])
    assert "14.03.2021, 24:00 Uhr" in str(event["DESCRIPTION"])
    assert str(event["URL"]) == "https://k.example/intern/foerderung/programme/1/#aufruf-7"
    assert event.decoded("DTSTAMP") == NOW.astimezone(datetime.UTC)
    milestone = found["application-3-end@x.test"]
    assert milestone.decoded("DTSTART") == datetime.date(2026, 12, 31)  # a date, all day
    assert milestone.decoded("DTEND") == datetime.date(2027, 1, 1)
    assert str(milestone["SUMMARY"]) == "Projektende: Raum für Zukunft"
    # Lines are folded at 75 octets and end with CRLF.
    assert all(len(line) <= 75 for line in content.split(b"\r\n"))
    # The same deadline keeps its UID when its date moves.
    moved = Deadline(**{**call.__dict__, "due": end_of_day(datetime.date(2021, 3, 21))})
    assert set(events(parse(build_calendar([moved], name="F", uid_domain="x.test")))) == {
        "call-7@x.test"
    }


def test_an_empty_calendar_is_still_valid():
    calendar = parse(build_calendar([], name="Fristen", uid_domain="x.test"))
    assert calendar.walk("VTIMEZONE") and not calendar.walk("VEVENT")


@pytest.fixture
def deadlines(region, town, other_town):
    programme = make_programme(region, "Smart Cities", website="https://example.org/p")
    published = make_call(
        programme, "Staffel 2021", deadline=end_of_day_in(10), website="https://example.org/c"
    )
    make_later_deadline(published, "Ratsbeschluss", in_days(20))
    draft = make_call(programme, "Staffel Entwurf", deadline=in_days(30), published=False)
    make_call(programme, "Vor zwei Jahren", deadline=in_days(-800))
    own = make_application(programme, "Raum für Zukunft", towns=[town], start_date=day_in(40))
    other = make_application(programme, "Marktplatz", towns=[other_town], end_date=day_in(50))
    return {"published": published, "draft": draft, "own": own, "other": other}


def test_the_public_feed_has_published_calls_only(client, region, deadlines):
    response = client.get(reverse("public:funding_deadline_feed"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = parse(response.content)
    summaries = sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))
    assert summaries == [
        "Bewerbungsfrist: Staffel 2021 (bis 24:00 Uhr)",
        "weitere Frist: Ratsbeschluss (bis 12:00 Uhr)",
    ]
    event = events(calendar)[f"call-{deadlines['published'].pk}@oeffentlich.kreis-a.digitalagentur"]
    assert event.decoded("DTEND") == end_of_day_in(10)
    assert str(event["URL"]) == "https://example.org/c"  # the call's site, no internal page
    assert b"/intern/" not in response.content
    assert "Förderfristen – Kreis A" in str(calendar["X-WR-CALNAME"])


def test_another_region_has_its_own_public_feed(client, other_region, deadlines):
    response = client.get(reverse("public:funding_deadline_feed"), HTTP_HOST="kreis-b.example.org")
    assert response.status_code == 200
    assert not parse(response.content).walk("VEVENT")


def feed_of(user, region) -> str:
    preference, _ = DeadlinePreference.objects.get_or_create(region=region, user=user)
    return reverse("staff:funding_deadline_feed", args=[new_feed_token(preference)])


def summaries_of(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return sorted(str(e["SUMMARY"]) for e in parse(response.content).walk("VEVENT"))


def test_the_secret_feed_has_the_users_internal_deadlines_without_login(
    client, region, users, deadlines
):
    coordinator = summaries_of(client, feed_of(users["coordinator"], region))
    # Drafts included; the call of two years ago is older than the feed's year of history.
    assert coordinator == [
        "Bewerbungsfrist: Staffel 2021 (bis 24:00 Uhr)",
        "Bewerbungsfrist: Staffel Entwurf (bis 12:00 Uhr)",
        "Projektbeginn: Raum für Zukunft",
        "Projektende: Marktplatz",
        "weitere Frist: Ratsbeschluss (bis 12:00 Uhr)",
    ]
    officer = summaries_of(client, feed_of(users["officer"], region))
    assert officer == [
        "Bewerbungsfrist: Staffel 2021 (bis 24:00 Uhr)",
        "Projektbeginn: Raum für Zukunft",
        "weitere Frist: Ratsbeschluss (bis 12:00 Uhr)",
    ]
    response = client.get(feed_of(users["officer"], region))
    assert "private" in response["Cache-Control"]
    assert b"http://testserver/intern/foerderung/antraege/" in response.content


def test_only_the_hash_of_the_token_is_stored_and_a_new_one_replaces_it(
    client, region, users, deadlines
):
    url = feed_of(users["reader"], region)
    token = re.search(r"/kalender/([^/]+)\.ics$", url).group(1)
    preference = DeadlinePreference.objects.get(user=users["reader"])
    assert preference.feed_token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(DeadlinePreference.objects.filter(pk=preference.pk).values().get())
    assert client.get(url).status_code == 200
    new_url = feed_of(users["reader"], region)
    assert new_url != url
    assert client.get(url).status_code == 404
    assert client.get(new_url).status_code == 200


@pytest.mark.parametrize(
    "token", ["x" * 43, "kurz", "a" * 200, "%00" * 20, "ä" * 40, "-" * 43, "../../etc"]
)
def test_unknown_or_malformed_tokens_answer_404(client, region, users, deadlines, token):
    feed_of(users["coordinator"], region)
    url = reverse("staff:funding_deadline_feed", args=["placeholder"]).replace("placeholder", token)
    assert client.get(url).status_code == 404


def test_a_feed_ends_with_the_role_or_the_account_and_stays_in_its_region(
    client, region, other_region, users, deadlines
):
    url = feed_of(users["officer"], region)
    # The token belongs to region A: asked at region B's host name it is unknown.
    assert client.get(url, HTTP_HOST="kreis-b.example.org").status_code == 404
    users["coordinator"].is_active = False
    users["coordinator"].save()
    assert client.get(feed_of(users["coordinator"], region)).status_code == 404
    assert client.get(url).status_code == 200
    RoleAssignment.objects.filter(user=users["officer"]).delete()
    assert client.get(url).status_code == 404


def test_a_feed_reflects_changes_at_once(client, region, users, deadlines):
    url = feed_of(users["admin"], region)
    before = summaries_of(client, url)
    make_call(deadlines["published"].programme, "Neue Staffel", deadline=in_days(3))
    assert len(summaries_of(client, url)) == len(before) + 1
    # Never served from the page cache to someone else: the public feed differs.
    assert summaries_of(client, reverse("public:funding_deadline_feed")) != summaries_of(
        client, url
    )
