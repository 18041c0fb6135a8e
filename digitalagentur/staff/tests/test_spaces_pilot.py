"""The employer pilot in the staff area (issue 11, section 4): the coordination manages the
region's employers, their contingents and the members; every write is in the change log."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from digitalagentur.core import testing as t
from digitalagentur.core.services import changes_for
from digitalagentur.spaces import pilot
from digitalagentur.spaces.models import Contingent, ContingentMember, Employer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


@pytest.fixture
def employer(region):
    return pilot.create_employer(Employer(region=region, name="wfc Kreis Coesfeld"))


@pytest.fixture
def contingent(employer):
    return pilot.create_contingent(
        Contingent(
            employer=employer,
            name="Pilot 2027",
            days_per_month=20,
            valid_from=datetime.date(2027, 1, 1),
        )
    )


@pytest.fixture
def coordinator_client(client, users):
    client.force_login(users["coordinator"])
    return client


def page_urls(employer, contingent, member):
    return [
        reverse("staff:spaces_employers"),
        reverse("staff:spaces_employer_new"),
        reverse("staff:spaces_employer_edit", args=[employer.pk]),
        reverse("staff:spaces_contingent_new", args=[employer.pk]),
        reverse("staff:spaces_contingent_edit", args=[contingent.pk]),
        reverse("staff:spaces_contingent_member_remove", args=[contingent.pk, member.pk]),
        reverse("staff:spaces_contingent_delete", args=[contingent.pk]),
        reverse("staff:spaces_employer_delete", args=[employer.pk]),
    ]


@pytest.mark.parametrize(
    ("role", "status"),
    [("coordinator", 200), ("admin", 200), ("officer", 403), ("reader", 403)],
)
def test_only_the_coordination_gets_in(client, users, contingent, role, status):
    member = pilot.add_member(contingent, t.make_user("pendlerin"))
    client.force_login(users[role])
    for url in page_urls(contingent.employer, contingent, member):
        assert client.get(url).status_code == status, url
        if status == 403:
            assert client.post(url, {"name": "X", "account": "x"}).status_code == 403, url
    assert Employer.objects.count() == 1
    assert ContingentMember.objects.count() == 1


def test_anonymous_goes_to_login(client, contingent):
    member = pilot.add_member(contingent, t.make_user("pendlerin"))
    for url in page_urls(contingent.employer, contingent, member):
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"] or "anmelden" in response["Location"]


def test_other_regions_objects_are_not_found(coordinator_client, other_region):
    foreign = pilot.create_employer(Employer(region=other_region, name="Fremd"))
    contingent = pilot.create_contingent(
        Contingent(
            employer=foreign, name="K", days_per_month=5, valid_from=datetime.date(2027, 1, 1)
        )
    )
    member = pilot.add_member(contingent, t.make_user("fremde"))
    for url in page_urls(foreign, contingent, member)[2:]:
        assert coordinator_client.get(url).status_code == 404, url
    response = coordinator_client.post(
        reverse("staff:spaces_employer_edit", args=[foreign.pk]), {"name": "Übernommen"}
    )
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.name == "Fremd"
    assert "Fremd" not in coordinator_client.get(reverse("staff:spaces_employers")).content.decode()


def test_list_shows_contingents_and_empty_state(coordinator_client, region):
    url = reverse("staff:spaces_employers")
    assert "Noch keine Arbeitgeber im Pilot" in coordinator_client.get(url).content.decode()
    employer = pilot.create_employer(Employer(region=region, name="Gemeinde Senden"))
    contingent = pilot.create_contingent(
        Contingent(
            employer=employer,
            name="Verwaltung",
            days_per_month=12,
            valid_from=datetime.date(2027, 2, 1),
            valid_until=datetime.date(2027, 12, 31),
        )
    )
    pilot.add_member(contingent, t.make_user("a"))
    pilot.add_member(contingent, t.make_user("b"))
    page = coordinator_client.get(url).content.decode()
    assert "Gemeinde Senden" in page
    assert "Verwaltung" in page
    assert "01.02.2027" in page and "31.12.2027" in page
    assert 'data-label="Berechtigte">2</td>' in page
    assert 'data-label="Tage pro Monat">12</td>' in page
    assert reverse("staff:spaces_contingent_edit", args=[contingent.pk]) in page
    overview = coordinator_client.get(reverse("staff:spaces")).content.decode()
    assert url in overview and "Arbeitgeber und Kontingente" in overview


def test_create_and_edit_employer_with_managers_and_change_log(coordinator_client, users, region):
    chefin = t.make_user("chefin", email="chefin@senden.example")
    t.make_user("kollege")
    response = coordinator_client.post(
        reverse("staff:spaces_employer_new"),
        {"name": " Gemeinde Senden ", "manager_names": "CHEFIN@senden.example, kollege"},
    )
    employer = Employer.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:spaces_employer_edit", args=[employer.pk])
    assert employer.name == "Gemeinde Senden"
    assert employer.region == region
    assert not employer.is_demo
    assert {u.username for u in employer.managers.all()} == {"chefin", "kollege"}
    assert changes_for(employer).filter(action="create", user=users["coordinator"]).exists()

    url = reverse("staff:spaces_employer_edit", args=[employer.pk])
    page = coordinator_client.get(url).content.decode()
    assert "chefin, kollege" in page
    assert "is_demo" not in page
    response = coordinator_client.post(
        url,
        {
            "name": "Gemeinde Senden (Rathaus)",
            "manager_names": "chefin",
            "version": employer.version,
            "reason": "Umzug",
            "is_demo": "on",
        },
    )
    assert response.status_code == 302
    employer.refresh_from_db()
    assert employer.name == "Gemeinde Senden (Rathaus)"
    assert list(employer.managers.all()) == [chefin]
    assert not employer.is_demo
    change = changes_for(employer).get(action="update")
    assert change.reason == "Umzug"
    assert change.changes["name"]["after"] == "Gemeinde Senden (Rathaus)"


def test_unknown_manager_is_named_in_german_and_nothing_saved(coordinator_client, employer):
    response = coordinator_client.post(
        reverse("staff:spaces_employer_new"),
        {"name": "Neu", "manager_names": "niemand@example.org"},
    )
    assert response.status_code == 200
    assert "Kein (eindeutiges) aktives Konto gefunden für: niemand@example.org" in (
        response.content.decode()
    )
    assert Employer.objects.count() == 1
    response = coordinator_client.post(reverse("staff:spaces_employer_new"), {"name": "  "})
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()
    assert Employer.objects.count() == 1


def test_employer_edit_conflict(coordinator_client, users, employer):
    url = reverse("staff:spaces_employer_edit", args=[employer.pk])
    stale = employer.version
    pilot.update_employer(
        employer, {"name": "Von anderer Hand"}, expected_version=stale, user=users["admin"]
    )
    response = coordinator_client.post(url, {"name": "Meine Fassung", "version": stale})
    assert response.status_code == 409
    page = response.content.decode()
    assert "inzwischen" in page and "Meine Fassung" in page
    employer.refresh_from_db()
    assert employer.name == "Von anderer Hand"


def test_create_and_edit_contingent_with_change_log(coordinator_client, users, employer):
    response = coordinator_client.post(
        reverse("staff:spaces_contingent_new", args=[employer.pk]),
        {"name": "Pilot", "days_per_month": "15", "valid_from": "2027-01-01"},
    )
    contingent = Contingent.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:spaces_contingent_edit", args=[contingent.pk])
    assert contingent.employer == employer
    assert contingent.region_id == employer.region_id
    assert contingent.days_per_month == 15 and contingent.valid_until is None
    assert changes_for(contingent).filter(action="create", user=users["coordinator"]).exists()

    url = reverse("staff:spaces_contingent_edit", args=[contingent.pk])
    response = coordinator_client.post(
        url,
        {
            "name": "Pilot",
            "days_per_month": "10",
            "valid_from": "2027-01-01",
            "valid_until": "2027-06-30",
            "version": contingent.version,
        },
    )
    assert response.status_code == 302
    contingent.refresh_from_db()
    assert contingent.days_per_month == 10
    assert contingent.valid_until == datetime.date(2027, 6, 30)
    change = changes_for(contingent).get(action="update")
    assert change.changes["days_per_month"] == {"before": 15, "after": 10}


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"days_per_month": "0"}, "mindestens einen Tag"),
        ({"days_per_month": "zehn"}, "ganze Zahl"),
        ({"valid_until": "2026-12-31"}, "Das Ende der Gültigkeit liegt vor ihrem Beginn."),
        ({"valid_from": "31.02.2027"}, "gültiges Datum"),
        ({"name": ""}, "Dieses Feld ist zwingend erforderlich."),
    ],
)
def test_bad_contingent_input_is_refused_in_german(
    coordinator_client, employer, contingent, values, message
):
    data = {"name": "Neu", "days_per_month": "5", "valid_from": "2027-01-01", **values}
    response = coordinator_client.post(
        reverse("staff:spaces_contingent_new", args=[employer.pk]), data
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Contingent.objects.count() == 1
    response = coordinator_client.post(
        reverse("staff:spaces_contingent_edit", args=[contingent.pk]),
        {**data, "version": contingent.version},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    fresh = Contingent.objects.get(pk=contingent.pk)
    assert (fresh.name, fresh.days_per_month, fresh.version) == (
        "Pilot 2027",
        20,
        contingent.version,
    )


def test_contingent_edit_conflict(coordinator_client, users, contingent):
    stale = contingent.version
    pilot.update_contingent(
        contingent, {"days_per_month": 30}, expected_version=stale, user=users["admin"]
    )
    response = coordinator_client.post(
        reverse("staff:spaces_contingent_edit", args=[contingent.pk]),
        {"name": "Pilot 2027", "days_per_month": "5", "valid_from": "2027-01-01", "version": stale},
    )
    assert response.status_code == 409
    contingent.refresh_from_db()
    assert contingent.days_per_month == 30


def test_add_member_and_remove_after_confirmation(coordinator_client, users, contingent):
    pendlerin = t.make_user("pendlerin", email="pendlerin@example.org")
    url = reverse("staff:spaces_contingent_edit", args=[contingent.pk])
    response = coordinator_client.post(url, {"add_member": "1", "account": "Pendlerin@Example.org"})
    assert response.status_code == 302
    member = ContingentMember.objects.get(contingent=contingent)
    assert member.user == pendlerin and not member.report_consent
    log = changes_for(contingent).filter(user=users["coordinator"]).latest("pk")
    assert log.changes["members"] == {"before": None, "after": "pendlerin"}

    page = coordinator_client.get(url).content.decode()
    assert "pendlerin@example.org" in page
    assert 'data-label="Namentlich im Bericht">nein</td>' in page
    pilot.set_report_consent(member, pendlerin, True)
    page = coordinator_client.get(url).content.decode()
    assert 'data-label="Namentlich im Bericht">ja, zugestimmt</td>' in page
    assert "report_consent" not in page  # read only here

    remove = reverse("staff:spaces_contingent_member_remove", args=[contingent.pk, member.pk])
    assert remove in page
    response = coordinator_client.get(remove)
    assert response.status_code == 200
    assert "Soll pendlerin nicht mehr gegen das Kontingent" in response.content.decode()
    assert ContingentMember.objects.filter(pk=member.pk).exists()  # GET changes nothing
    response = coordinator_client.post(remove, {"reason": "ausgeschieden"})
    assert response.status_code == 302
    assert not ContingentMember.objects.filter(pk=member.pk).exists()
    log = changes_for(contingent).latest("pk")
    assert log.changes["members"] == {"before": "pendlerin", "after": None}
    assert log.reason == "ausgeschieden"
    assert coordinator_client.get(remove).status_code == 404


def test_unknown_or_duplicate_member_is_refused_in_german(coordinator_client, contingent):
    url = reverse("staff:spaces_contingent_edit", args=[contingent.pk])
    response = coordinator_client.post(url, {"add_member": "1", "account": "gibtsnicht"})
    assert response.status_code == 400
    assert "Kein (eindeutiges) aktives Konto gefunden für: gibtsnicht" in (
        response.content.decode()
    )
    t.make_user("inaktiv", is_active=False)
    response = coordinator_client.post(url, {"add_member": "1", "account": "inaktiv"})
    assert "Kein (eindeutiges) aktives Konto gefunden für: inaktiv" in response.content.decode()
    assert not ContingentMember.objects.exists()
    pilot.add_member(contingent, t.make_user("pendlerin"))
    response = coordinator_client.post(url, {"add_member": "1", "account": "pendlerin"})
    assert response.status_code == 400
    assert "bereits für das Kontingent freigeschaltet" in response.content.decode()
    assert ContingentMember.objects.count() == 1
    contingent.refresh_from_db()
    assert contingent.name == "Pilot 2027"  # the contingent's own form was not touched


def test_member_of_another_contingent_cannot_be_removed_here(coordinator_client, contingent):
    other = pilot.create_contingent(
        Contingent(
            employer=contingent.employer,
            name="Anderes",
            days_per_month=3,
            valid_from=datetime.date(2027, 1, 1),
        )
    )
    member = pilot.add_member(other, t.make_user("x"))
    remove = reverse("staff:spaces_contingent_member_remove", args=[contingent.pk, member.pk])
    assert coordinator_client.get(remove).status_code == 404
    assert coordinator_client.post(remove).status_code == 404
    assert ContingentMember.objects.filter(pk=member.pk).exists()


def _book_against(contingent, town):
    """A confirmed desk-day against the contingent (January 2027, booked in December 2026)."""
    from digitalagentur.spaces import booking
    from digitalagentur.testing.spaces import make_space

    person = t.make_user("bucherin")
    pilot.add_member(contingent, person)
    desks = make_space(contingent.region, town, units=2, capacity=2, in_pilot=True)
    start = datetime.datetime(2027, 1, 5, 9, tzinfo=datetime.UTC)
    return booking.book(
        desks,
        person,
        start,
        start + datetime.timedelta(hours=4),
        contingent=contingent,
        now=datetime.datetime(2026, 12, 20, tzinfo=datetime.UTC),
        notify=False,
    )


def test_contingent_is_deleted_after_confirmation_with_its_members(coordinator_client, contingent):
    pilot.add_member(contingent, t.make_user("pendlerin"))
    edit = reverse("staff:spaces_contingent_edit", args=[contingent.pk])
    delete = reverse("staff:spaces_contingent_delete", args=[contingent.pk])
    assert delete in coordinator_client.get(edit).content.decode()
    page = coordinator_client.get(delete).content.decode()
    assert "Pilot 2027" in page and "Endgültig löschen" in page
    assert Contingent.objects.filter(pk=contingent.pk).exists()  # GET deletes nothing
    response = coordinator_client.post(
        delete, {"version": contingent.version, "reason": "doppelt angelegt"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(
        reverse("staff:spaces_employer_edit", args=[contingent.employer_id])
    )
    assert not Contingent.objects.filter(pk=contingent.pk).exists()
    assert not ContingentMember.objects.exists()
    change = changes_for(contingent).get(action="delete")
    assert change.reason == "doppelt angelegt"


def test_a_contingent_booked_against_is_kept(coordinator_client, contingent, town):
    _book_against(contingent, town)
    delete = reverse("staff:spaces_contingent_delete", args=[contingent.pk])
    response = coordinator_client.post(delete, {"version": contingent.version})
    assert response.status_code == 400
    assert "wurde schon gebucht" in response.content.decode()
    assert Contingent.objects.filter(pk=contingent.pk).exists()
    assert not changes_for(contingent).filter(action="delete").exists()


def test_a_stale_delete_is_a_conflict(coordinator_client, contingent):
    pilot.update_contingent(contingent, {"days_per_month": 8}, expected_version=contingent.version)
    delete = reverse("staff:spaces_contingent_delete", args=[contingent.pk])
    response = coordinator_client.post(delete, {"version": contingent.version})
    assert response.status_code == 409
    assert Contingent.objects.filter(pk=contingent.pk).exists()


def test_employer_is_deleted_with_its_contingents_unless_booked_against(
    coordinator_client, employer, contingent, town
):
    second = pilot.create_contingent(
        Contingent(employer=employer, name="Team B", days_per_month=5, valid_from="2027-01-01")
    )
    _book_against(second, town)
    delete = reverse("staff:spaces_employer_delete", args=[employer.pk])
    assert (
        delete
        in coordinator_client.get(
            reverse("staff:spaces_employer_edit", args=[employer.pk])
        ).content.decode()
    )
    refused = coordinator_client.post(delete, {"version": employer.version})
    assert refused.status_code == 400
    assert "wurde schon gebucht" in refused.content.decode()
    assert Contingent.objects.filter(employer=employer).count() == 2
    # Without bookings the employer goes, with its contingents, each in the change log.
    second.bookings.all().delete()
    response = coordinator_client.post(delete, {"version": employer.version})
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:spaces_employers")
    assert not Employer.objects.filter(pk=employer.pk).exists()
    assert not Contingent.objects.exists()
    assert changes_for(employer).filter(action="delete").exists()
    assert changes_for(contingent).filter(action="delete").exists()
