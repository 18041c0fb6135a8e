"""The employer pilot (issue 11, section 4): contingent services and the monthly usage report
(names only with the member's own consent), as page and CSV for the employer's managers and
the coordination only."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digitalagentur.core import testing as t
from digitalagentur.core.models import ObjectChange
from digitalagentur.core.services import EditConflict
from digitalagentur.spaces import booking as svc
from digitalagentur.spaces import pilot, usage
from digitalagentur.spaces.choices import BookingMode
from digitalagentur.spaces.models import Booking, Contingent, ContingentMember, Employer
from digitalagentur.spaces.timerange import BERLIN
from digitalagentur.testing.spaces import make_space

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2027, 3, 3, 7, 0, tzinfo=BERLIN)
MARCH, APRIL = datetime.date(2027, 3, 1), datetime.date(2027, 4, 1)


def day(month, d, hour=9):
    return datetime.datetime(2027, month, d, hour, tzinfo=BERLIN)


@pytest.fixture
def pilot_site(region, town, users):
    manager = t.make_user("personalabteilung")
    anna = t.make_user("anna", first_name="Anna", last_name="Alt")
    bernd = t.make_user("bernd", first_name="Bernd", last_name="Bauer")
    employer = pilot.create_employer(
        Employer(region=region, name="wfc Kreis Coesfeld"), managers=[manager]
    )
    contingent = pilot.create_contingent(
        Contingent(
            employer=employer,
            name="Team Wirtschaftsförderung",
            days_per_month=5,
            valid_from=datetime.date(2027, 1, 1),
            valid_until=datetime.date(2027, 3, 31),
        ),
        user=users["coordinator"],
    )
    for person in (anna, bernd):
        pilot.add_member(contingent, person, user=users["coordinator"])
    pilot.set_report_consent(ContingentMember.objects.get(user=anna), anna, True)
    desks = make_space(region, town, units=4, capacity=4, in_pilot=True, name="ExtraGleis")
    requests = make_space(
        region,
        town,
        units=2,
        capacity=2,
        in_pilot=True,
        name="Rathaus Senden",
        booking_mode=BookingMode.REQUEST,
    )
    return {
        "manager": manager,
        "anna": anna,
        "bernd": bernd,
        "employer": employer,
        "contingent": contingent,
        "desks": desks,
        "requests": requests,
    }


def book(site, who, space, when):
    return svc.book(
        site[space],
        site[who],
        when,
        when + datetime.timedelta(hours=8),
        contingent=site["contingent"],
        now=NOW,
    )


def test_services_log_every_change_and_keep_the_version(pilot_site, users):
    contingent = pilot_site["contingent"]
    actions = ObjectChange.objects.filter(object_id=contingent.pk, object_repr=str(contingent))
    assert actions.filter(action="create").exists()
    assert actions.filter(action="update", changes__members__after="anna").exists()
    updated = pilot.update_contingent(
        contingent, {"days_per_month": 8}, expected_version=contingent.version, user=users["admin"]
    )
    assert updated.days_per_month == 8
    with pytest.raises(EditConflict):
        pilot.update_contingent(contingent, {"days_per_month": 3}, expected_version=1)
    with pytest.raises(ValidationError):
        pilot.update_contingent(
            updated, {"valid_until": datetime.date(2026, 1, 1)}, expected_version=updated.version
        )
    with pytest.raises(ValidationError):  # twice is refused
        pilot.add_member(contingent, pilot_site["anna"])
    pilot.remove_member(contingent, pilot_site["bernd"], user=users["admin"])
    assert not ContingentMember.objects.filter(user=pilot_site["bernd"]).exists()
    with pytest.raises(ValidationError):
        pilot.remove_member(contingent, pilot_site["bernd"])


def test_only_the_member_sets_their_consent(pilot_site):
    member = ContingentMember.objects.get(user=pilot_site["bernd"])
    with pytest.raises(PermissionDenied):
        pilot.set_report_consent(member, pilot_site["manager"], True)
    member.refresh_from_db()
    assert member.report_consent is False
    pilot.set_report_consent(member, pilot_site["bernd"], True)
    member.refresh_from_db()
    assert member.report_consent is True
    assert ObjectChange.objects.filter(
        object_id=member.pk, changes__report_consent__after=True
    ).exists()


def test_report_names_only_members_who_agreed(pilot_site):
    book(pilot_site, "anna", "desks", day(3, 4))
    book(pilot_site, "anna", "desks", day(3, 5))
    book(pilot_site, "bernd", "desks", day(3, 4))
    book(pilot_site, "bernd", "requests", day(3, 8))  # a request: counted as requested
    cancelled = book(pilot_site, "bernd", "desks", day(3, 9))
    svc.cancel(cancelled, pilot_site["bernd"], now=NOW)
    report = usage.usage_report(pilot_site["employer"], MARCH)
    (row,) = report.contingents
    assert (row.available, row.used, row.requested, row.remaining) == (5, 3, 1, 1)
    people = {(p.label, p.consent): (p.used, p.requested) for p in report.people}
    assert people == {("Anna Alt", True): (2, 0), ("ohne Zustimmung", False): (1, 1)}
    assert {(s.label, s.used, s.requested) for s in report.spaces} == {
        ("ExtraGleis", 3, 0),
        ("Rathaus Senden", 0, 1),
    }
    assert all("Bernd" not in cell for line in usage.csv_rows(report) for cell in map(str, line))
    # once Bernd agrees, he is named too
    pilot.set_report_consent(
        ContingentMember.objects.get(user=pilot_site["bernd"]), pilot_site["bernd"], True
    )
    report = usage.usage_report(pilot_site["employer"], MARCH)
    assert {p.label for p in report.people} == {"Anna Alt", "Bernd Bauer"}


def test_months_are_counted_apart_and_validity_limits_availability(pilot_site):
    book(pilot_site, "anna", "desks", day(3, 31))
    contingent = pilot_site["contingent"]
    pilot.update_contingent(contingent, {"valid_until": None}, expected_version=contingent.version)
    book(pilot_site, "anna", "desks", day(4, 1))  # the next day, the next month
    march = usage.usage_report(pilot_site["employer"], MARCH)
    april = usage.usage_report(pilot_site["employer"], APRIL)
    assert march.used == 1 and april.used == 1
    year = {row.month.month: (row.available, row.used) for row in march.year}
    assert year[1] == (5, 0) and year[3] == (5, 1) and year[4] == (5, 1)
    # only valid from January 2027: nothing available in 2026
    assert all(
        r.available == 0
        for r in usage.usage_report(contingent.employer, datetime.date(2026, 6, 1)).year
    )


def test_a_contingent_not_yet_valid_offers_nothing(pilot_site):
    contingent = pilot_site["contingent"]
    assert usage.valid_in(contingent, datetime.date(2027, 3, 1))
    assert not usage.valid_in(contingent, datetime.date(2027, 4, 1))
    assert not usage.valid_in(contingent, datetime.date(2026, 12, 1))
    report = usage.usage_report(pilot_site["employer"], APRIL)
    assert report.available == 0


def test_parse_month():
    assert usage.parse_month("2027-03") == MARCH
    for bad in ("", "2027-13", "2027-3", "März", "1999-01", None):
        assert usage.parse_month(bad) is None


def test_report_queries_do_not_grow_with_bookings(pilot_site):
    book(pilot_site, "anna", "desks", day(3, 4))
    with CaptureQueriesContext(connection) as few:
        usage.usage_report(pilot_site["employer"], MARCH)
    for d in (5, 8, 9, 10):
        book(pilot_site, "bernd", "desks", day(3, d))
    with CaptureQueriesContext(connection) as more:
        usage.usage_report(pilot_site["employer"], MARCH)
    assert len(more) == len(few)


# -- pages -----------------------------------------------------------------------------------


def test_manager_and_coordination_see_the_usage_page(client, pilot_site, users):
    book(pilot_site, "anna", "desks", day(3, 4))
    book(pilot_site, "bernd", "desks", day(3, 5))
    url = reverse("public:spaces_employer", args=[pilot_site["employer"].pk]) + "?monat=2027-03"
    for user in (pilot_site["manager"], users["coordinator"]):
        client.force_login(user)
        html = client.get(url).content.decode()
        assert "Anna Alt" in html and "ohne Zustimmung" in html
        assert "Bernd" not in html
        assert "2 von 5 Arbeitsplatz-Tagen genutzt" in html
        listing = client.get(reverse("public:spaces_employers")).content.decode()
        assert "wfc Kreis Coesfeld" in listing


def test_csv_of_a_month(client, pilot_site):
    book(pilot_site, "anna", "desks", day(3, 4))
    book(pilot_site, "bernd", "desks", day(3, 5))
    client.force_login(pilot_site["manager"])
    url = reverse("public:spaces_employer_csv", args=[pilot_site["employer"].pk])
    response = client.get(url + "?monat=2027-03")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("Bereich;Bezeichnung;Kontingent;verfügbar;genutzt")
    assert "Person;Anna Alt;Team Wirtschaftsförderung;;1;0;" in lines
    assert "Person;ohne Zustimmung;Team Wirtschaftsförderung;;1;0;" in lines
    assert "Bernd" not in text
    assert client.get(url + "?monat=2027-99").status_code == 400


def test_others_get_403_or_404(client, pilot_site, users, other_region):
    url = reverse("public:spaces_employer", args=[pilot_site["employer"].pk])
    csv_url = reverse("public:spaces_employer_csv", args=[pilot_site["employer"].pk])
    assert client.get(url).status_code == 302  # to the login
    for name in ("officer", "reader"):
        client.force_login(users[name])
        assert client.get(url).status_code == 403
        assert client.get(csv_url).status_code == 403
    client.force_login(pilot_site["anna"])  # a member is not a manager
    assert client.get(url).status_code == 403
    listing = client.get(reverse("public:spaces_employers")).content.decode()
    assert "Sie betreuen keinen Arbeitgeber" in listing
    foreign = pilot.create_employer(Employer(region=other_region, name="Fremd"))
    client.force_login(users["coordinator"])
    assert client.get(reverse("public:spaces_employer", args=[foreign.pk])).status_code == 404
    assert "Fremd" not in client.get(reverse("public:spaces_employers")).content.decode()
    assert client.get(url + "?monat=kaputt").status_code == 400


def test_member_changes_own_consent_on_the_page(client, pilot_site):
    member = ContingentMember.objects.get(user=pilot_site["bernd"])
    url = reverse("public:spaces_member_consent", args=[member.pk])
    client.force_login(pilot_site["anna"])  # somebody else's membership: not found
    assert client.post(url, {"report_consent": "1"}).status_code == 404
    client.force_login(pilot_site["bernd"])
    page = client.get(reverse("public:spaces_employers")).content.decode()
    assert "Team Wirtschaftsförderung" in page and "Namentlich sichtbar machen" in page
    assert client.get(url).status_code == 405
    response = client.post(url, {"report_consent": "1"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.report_consent is True
    client.post(url, {"report_consent": "0"})
    member.refresh_from_db()
    assert member.report_consent is False


def test_booking_against_a_contingent_deleted_meanwhile_is_refused(pilot_site):
    stale = pilot_site["contingent"]
    pilot.delete_contingent(stale, expected_version=stale.version)
    with pytest.raises(ValidationError) as refused:
        book(pilot_site, "anna", "desks", day(3, 4))
    assert "gibt es nicht mehr" in str(refused.value.message_dict["contingent"])
    assert not Booking.objects.exists()
