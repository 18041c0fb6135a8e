"""Events in the staff area (issue 13, section 2): the coordination manages every event of
the region, an officer the events of their town, every other role gets 403 and other regions'
events 404; the form refuses bad input in German and saves nothing, a stale edit shows the
conflict, more seats move people up, staff cancel for someone, the participant list comes as
CSV and Excel file, and the attendance is recorded after the start."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from digitalagentur.communication import events as svc
from digitalagentur.communication.choices import RegistrationStatus
from digitalagentur.communication.models import Event, ProgrammeItem, Registration
from digitalagentur.core import testing as t
from digitalagentur.core.services import changes_for, update_object
from digitalagentur.staff.links import object_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]
BERLIN = ZoneInfo("Europe/Berlin")
REGISTERED = RegistrationStatus.REGISTERED
WAITLISTED = RegistrationStatus.WAITLISTED
CANCELLED = RegistrationStatus.CANCELLED


def url(name, *args):
    return reverse(f"staff:{name}", args=args)


def make_event(region, title="Digitaltag", *, towns=(), days=10, hours=3, **values):
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)
    values = {
        "title": title,
        "start": start,
        "end": start + datetime.timedelta(hours=hours),
        "published": True,
        "registration_open": True,
        **values,
    }
    return svc.create_event(region=region, user=None, values=values, municipalities=towns)


def add_registration(event, name, status=REGISTERED, **kwargs):
    return Registration.objects.create(
        event=event,
        name=name,
        email=f"{name.split()[0].lower()}@example.org",
        status=status,
        **kwargs,
    )


def local_input(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def event_data(event, **overrides) -> dict:
    event.refresh_from_db()
    data = {
        "title": event.title,
        "kind": event.kind,
        "summary": event.summary,
        "description": event.description,
        "start": local_input(event.start),
        "end": local_input(event.end),
        "place": event.place,
        "address": event.address,
        "online_url": event.online_url,
        "field": event.field_id or "",
        "workshop": event.workshop_id or "",
        "capacity": "" if event.capacity is None else event.capacity,
        "registration_starts": "",
        "registration_ends": "",
        "price": "" if event.price is None else event.price,
        "contact_email": event.contact_email,
        "towns": list(event.municipalities.values_list("pk", flat=True)),
        "version": event.version,
        "reason": "",
    }
    if event.registration_open:
        data["registration_open"] = "on"
    if event.published:
        data["published"] = "on"
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


NEW = {
    "title": "Digitalkonferenz Münsterland",
    "kind": "conference",
    "summary": "Der Tag der Digitalisierung im Kreis",
    "description": "",
    "start": "2030-03-14T09:30",
    "end": "2030-03-14T16:00",
    "place": "Rathaus Senden",
    "address": "",
    "online_url": "",
    "field": "",
    "workshop": "",
    "capacity": "40",
    "registration_open": "on",
    "registration_starts": "2030-01-01T00:00",
    "registration_ends": "2030-03-10T12:00",
    "price": "25,00",
    "contact_email": "digital@example.org",
    "reason": "",
}


def page_urls(event, registration):
    return [
        url("event_detail", event.pk),
        url("event_edit", event.pk),
        url("event_programme", event.pk),
        url("event_participants", event.pk),
        url("event_participants_csv", event.pk),
        url("event_participants_xlsx", event.pk),
        url("event_registration_cancel", event.pk, registration.pk),
        url("event_attendance", event.pk),
    ]


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_the_coordination_reaches_every_page(client, login, region, other_town, role):
    event = make_event(region, towns=[other_town])
    erika = add_registration(event, "Erika Muster")
    login(role)
    for address in [
        url("event_list"),
        url("event_create"),
        *page_urls(event, erika),
        url("event_delete", event.pk),
    ]:
        assert client.get(address).status_code == 200, address
    page = client.get(url("event_list")).content.decode()
    assert url("event_create") in page and url("event_list") in page  # the navigation too


def test_an_officer_manages_the_events_of_their_town_only(client, login, region, town, other_town):
    own = make_event(region, "Eigene Veranstaltung", towns=[town, other_town])
    other = make_event(region, "Fremde Veranstaltung", towns=[other_town])
    mine, theirs = add_registration(own, "Anna A"), add_registration(other, "Bert B")
    login("officer")
    listing = client.get(url("event_list")).content.decode()
    assert "Eigene Veranstaltung" in listing and "Fremde Veranstaltung" not in listing
    assert url("event_create") not in listing
    for address in page_urls(own, mine):
        assert client.get(address).status_code == 200, address
    for address in page_urls(other, theirs):
        assert client.get(address).status_code == 403, address
    assert client.post(url("event_registration_cancel", other.pk, theirs.pk)).status_code == 403
    # creating and deleting are the coordination's
    assert client.get(url("event_create")).status_code == 403
    assert client.post(url("event_create"), NEW).status_code == 403
    assert client.get(url("event_delete", own.pk)).status_code == 403
    assert client.post(url("event_delete", own.pk), {"version": own.version}).status_code == 403
    assert (
        url("event_delete", own.pk) not in client.get(url("event_detail", own.pk)).content.decode()
    )
    # an officer keeps one of their towns on the event (else they would lose it)
    bad = client.post(url("event_edit", own.pk), event_data(own, towns=[other_town.pk]))
    assert bad.status_code == 400 and "mindestens eine Ihrer Kommunen" in bad.content.decode()
    response = client.post(url("event_edit", own.pk), event_data(own, title="Neu", towns=[town.pk]))
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.title == "Neu"
    assert (
        Event.objects.count() == 2 and Registration.objects.filter(status=REGISTERED).count() == 2
    )


def test_a_reader_gets_403_and_changes_nothing(client, login, region, town):
    event = make_event(region, towns=[town])
    erika = add_registration(event, "Erika Muster")
    login("reader")
    assert client.get(url("event_list")).status_code == 403
    assert url("event_list") not in client.get(url("dashboard")).content.decode()
    for address in [url("event_create"), *page_urls(event, erika), url("event_delete", event.pk)]:
        assert client.get(address).status_code == 403, address
        assert client.post(address, {"version": event.version}).status_code == 403, address
    assert client.post(url("event_create"), NEW).status_code == 403
    erika.refresh_from_db()
    assert erika.status == REGISTERED and Event.objects.filter(pk=event.pk).exists()


def test_other_regions_events_are_not_found(client, login, region, other_region):
    foreign = make_event(other_region, "Fremde Konferenz")
    registration = add_registration(foreign, "Fremd F")
    login("coordinator")
    assert "Fremde Konferenz" not in client.get(url("event_list")).content.decode()
    for address in [*page_urls(foreign, registration), url("event_delete", foreign.pk)]:
        assert client.get(address).status_code == 404, address
    assert client.post(url("event_delete", foreign.pk), {"version": 1}).status_code == 404
    assert Event.objects.filter(pk=foreign.pk).exists()
    # a registration of another event of the own region is not found under this event
    own = make_event(region)
    assert client.get(url("event_registration_cancel", own.pk, registration.pk)).status_code == 404


def test_creating_an_event_refuses_bad_input_and_saves_nothing(client, login, region, town):
    foreign_town = t.make_municipality(
        t.make_region("kreis-c", name="Kreis C"), "Fremdort", slug="fremdort"
    )
    user = login("coordinator")
    cases = [
        ({"title": ""}, "Bitte geben Sie einen Titel an."),
        ({"end": "2030-03-14T08:00"}, "Das Ende muss nach dem Beginn liegen."),
        (
            {"registration_ends": "2029-12-01T00:00"},
            "Das Ende der Anmeldefrist muss nach ihrem Beginn liegen.",
        ),
        ({"price": "-5"}, "Der Preis kann nicht negativ sein."),
        ({"capacity": "-1"}, "Die Zahl der Plätze kann nicht negativ sein."),
        ({"start": "morgen"}, "Bitte geben Sie Datum und Uhrzeit an"),
        ({"towns": [foreign_town.pk]}, "Auswahl"),
    ]
    for overrides, message in cases:
        response = client.post(url("event_create"), {**NEW, **overrides})
        assert response.status_code == 400, overrides
        assert message in response.content.decode(), overrides
    assert not Event.objects.exists()
    form = client.get(url("event_create")).content.decode()
    assert 'type="datetime-local"' in form and 'type="checkbox"' in form and "Senden" in form

    response = client.post(url("event_create"), {**NEW, "towns": [town.pk]})
    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == url("event_detail", event.pk)
    assert event.region == region and event.slug == "digitalkonferenz-muensterland"
    assert event.start == datetime.datetime(2030, 3, 14, 9, 30, tzinfo=BERLIN)
    assert event.registration_ends == datetime.datetime(2030, 3, 10, 12, tzinfo=BERLIN)
    assert event.price == Decimal("25.00") and event.capacity == 40
    assert not event.published and event.registration_open
    assert list(event.municipalities.all()) == [town]
    assert changes_for(event).first().user == user
    # the edit form shows the Berlin times as entered
    form = client.get(url("event_edit", event.pk)).content.decode()
    assert 'value="2030-03-14T09:30"' in form and f'name="version" value="{event.version}"' in form


def test_a_stale_edit_shows_the_conflict_and_saves_nothing(client, login, region):
    event = make_event(region, "Digitaltag")
    login("coordinator")
    stale = event_data(event, title="Mein Titel")
    update_object(event, {"title": "Titel der Kollegin"}, expected_version=event.version)
    response = client.post(url("event_edit", event.pk), stale)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Bearbeitungskonflikt" in page and "Diese Veranstaltung wurde inzwischen" in page
    assert 'value="Mein Titel"' in page  # the input is kept
    event.refresh_from_db()
    assert event.title == "Titel der Kollegin"
    # saving again on purpose (on the current version) works
    again = client.post(url("event_edit", event.pk), event_data(event, title="Mein Titel"))
    assert again.status_code == 302
    event.refresh_from_db()
    assert event.title == "Mein Titel"


def test_a_bad_edit_returns_400_and_keeps_the_event(client, login, region):
    event = make_event(region, "Digitaltag", capacity=10)
    login("coordinator")
    response = client.post(
        url("event_edit", event.pk), event_data(event, capacity="-3", title="Anders")
    )
    assert response.status_code == 400
    event.refresh_from_db()
    assert event.capacity == 10 and event.title == "Digitaltag"


def test_more_seats_move_people_up_from_the_waiting_list(client, login, region):
    event = make_event(region, capacity=1)
    add_registration(event, "Anna A")
    bert = add_registration(event, "Bert B", WAITLISTED)
    carla = add_registration(event, "Carla C", WAITLISTED)
    dora = add_registration(event, "Dora D", WAITLISTED)
    login("coordinator")
    response = client.post(url("event_edit", event.pk), event_data(event, capacity="3"))
    assert response.status_code == 302
    for registration in (bert, carla, dora):
        registration.refresh_from_db()
    assert bert.status == carla.status == REGISTERED and bert.promoted is not None
    assert dora.status == WAITLISTED
    page = client.get(response["Location"]).content.decode()
    assert "2 Person(en) sind von der Warteliste nachgerückt." in page


def test_the_participants_page_lists_registered_waiting_and_cancelled(client, login, region):
    event = make_event(region, capacity=2)
    add_registration(event, "Anna Angemeldet", organisation="Gemeinde Senden", note="vegetarisch")
    add_registration(event, "Bert Angemeldet")
    first = add_registration(event, "Carla Wartend", WAITLISTED)
    second = add_registration(event, "Dora Wartend", WAITLISTED)
    add_registration(event, "Emil Abgesagt", CANCELLED, cancelled=timezone.now())
    login("coordinator")
    page = client.get(url("event_participants", event.pk)).content.decode()
    names = ["Anna Angemeldet", "Bert Angemeldet", "Carla Wartend", "Dora Wartend", "Emil Abgesagt"]
    positions = [page.index(name) for name in names]
    assert positions == sorted(positions)
    assert page.index('id="angemeldet"') < positions[0] < page.index('id="warteliste"')
    assert page.index('id="warteliste"') < positions[2] < page.index('id="abgesagt"')
    assert "Gemeinde Senden" in page and "vegetarisch" in page
    waiting = page[page.index('id="warteliste"') : page.index('id="abgesagt"')]
    assert f'id="anmeldung-{first.pk}">\n        <td data-label="Position">1</td>' in waiting
    assert f'id="anmeldung-{second.pk}">\n        <td data-label="Position">2</td>' in waiting
    assert url("event_registration_cancel", event.pk, first.pk) in waiting
    assert "2 Personen angemeldet (Plätze: 2), 2 auf der Warteliste." in page


def test_staff_cancel_for_someone_and_the_first_waiting_moves_up(client, login, region):
    event = make_event(region, capacity=1)
    anna = add_registration(event, "Anna A")
    bert = add_registration(event, "Bert B", WAITLISTED)
    carla = add_registration(event, "Carla C", WAITLISTED)
    login("coordinator")
    address = url("event_registration_cancel", event.pk, anna.pk)
    confirm = client.get(address)
    assert confirm.status_code == 200
    assert "Anna A (anna@example.org) von „Digitaltag“ abmelden?" in confirm.content.decode()
    anna.refresh_from_db()
    assert anna.status == REGISTERED  # GET changes nothing
    response = client.post(address)
    assert response.status_code == 302 and response["Location"] == url(
        "event_participants", event.pk
    )
    for registration in (anna, bert, carla):
        registration.refresh_from_db()
    assert anna.status == CANCELLED and anna.cancelled is not None
    assert bert.status == REGISTERED and bert.promoted is not None
    assert carla.status == WAITLISTED
    assert "Anna A ist abgemeldet." in client.get(response["Location"]).content.decode()
    # cancelling again changes nothing
    client.post(address)
    bert.refresh_from_db()
    assert bert.status == REGISTERED


def export_event(region):
    event = make_event(region, "Schulung", capacity=1)
    anna = add_registration(event, "Anna A", organisation="=SUMME(A1)", note="vegetarisch")
    Registration.objects.filter(pk=anna.pk).update(
        created=datetime.datetime(2030, 1, 5, 10, 15, tzinfo=BERLIN)
    )
    add_registration(event, "Bert B", WAITLISTED)
    add_registration(event, "Carla C", WAITLISTED)
    add_registration(event, "Dora D", CANCELLED)
    return event


def test_the_participant_list_as_csv(client, login, region):
    event = export_event(region)
    login("coordinator")
    response = client.get(url("event_participants_csv", event.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="teilnehmende-schulung.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "Status",
        "Position (Warteliste)",
        "Name",
        "E-Mail",
        "Organisation",
        "Anmerkung",
        "Angemeldet am",
        "Nachgerückt am",
        "Teilgenommen",
    ]
    assert rows[1] == [
        "angemeldet",
        "",
        "Anna A",
        "anna@example.org",
        "'=SUMME(A1)",
        "vegetarisch",
        "05.01.2030 10:15",
        "",
        "",
    ]
    assert [(r[0], r[1], r[2]) for r in rows[2:]] == [
        ("auf der Warteliste", "1", "Bert B"),
        ("auf der Warteliste", "2", "Carla C"),
        ("abgesagt", "", "Dora D"),
    ]


def test_the_participant_list_as_xlsx(client, login, region):
    from openpyxl import load_workbook

    event = export_event(region)
    login("coordinator")
    response = client.get(url("event_participants_xlsx", event.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][:3] == ["Status", "Position (Warteliste)", "Name"]
    assert rows[0][-1] == "Teilgenommen"
    assert rows[1][:6] == [
        "angemeldet",
        None,
        "Anna A",
        "anna@example.org",
        "'=SUMME(A1)",
        "vegetarisch",
    ]
    assert rows[1][6] == datetime.datetime(2030, 1, 5, 10, 15, tzinfo=BERLIN).replace(tzinfo=None)
    assert [(r[0], r[1], r[2]) for r in rows[2:]] == [
        ("auf der Warteliste", 1, "Bert B"),
        ("auf der Warteliste", 2, "Carla C"),
        ("abgesagt", None, "Dora D"),
    ]


def test_attendance_is_recorded_after_the_start(client, login, region):
    event = make_event(region, days=1)
    anna, bert = add_registration(event, "Anna A"), add_registration(event, "Bert B")
    waiting = add_registration(event, "Carla C", WAITLISTED)
    login("coordinator")
    address = url("event_attendance", event.pk)
    before = client.get(address).content.decode()
    assert "Die Anwesenheit wird nach Beginn der Veranstaltung erfasst" in before
    assert client.post(address, {"attended": [anna.pk]}).status_code == 400
    anna.refresh_from_db()
    assert anna.attended is None

    Event.objects.filter(pk=event.pk).update(
        start=timezone.now() - datetime.timedelta(hours=2),
        end=timezone.now() - datetime.timedelta(hours=1),
    )
    page = client.get(address).content.decode()
    assert 'type="checkbox"' in page and "Anna A" in page and "Carla C" not in page
    assert client.post(address, {"attended": [waiting.pk]}).status_code == 400
    response = client.post(address, {"attended": [anna.pk]})
    assert response.status_code == 302
    anna.refresh_from_db()
    bert.refresh_from_db()
    assert anna.attended is True and bert.attended is False
    page = client.get(address).content.decode()
    assert "Die Anwesenheit wurde gespeichert: 1 von 2 teilgenommen." in page
    assert "1 von 2 Angemeldeten hat teilgenommen." in page


def test_deleting_asks_first_and_names_the_registrations(client, login, region):
    event = make_event(region, "Alte Schulung")
    add_registration(event, "Anna A")
    add_registration(event, "Bert B", WAITLISTED)
    svc.add_programme_item(event, {"title": "Begrüßung"})
    login("coordinator")
    detail = client.get(url("event_detail", event.pk)).content.decode()
    assert url("event_delete", event.pk) in detail
    confirm = client.get(url("event_delete", event.pk)).content.decode()
    assert "Alte Schulung" in confirm and "2 Anmeldung(en)" in confirm
    assert Event.objects.filter(pk=event.pk).exists()
    assert client.post(url("event_delete", event.pk), {}).status_code == 400  # no version
    response = client.post(url("event_delete", event.pk), {"version": event.version})
    assert response.status_code == 302 and response["Location"] == url("event_list")
    assert not Event.objects.filter(pk=event.pk).exists()
    assert not Registration.objects.exists() and not ProgrammeItem.objects.exists()


def test_the_programme_is_edited_as_rows(client, login, region):
    event = make_event(region)
    svc.add_programme_item(event, {"title": "Alter Punkt"})
    login("coordinator")
    address = url("event_programme", event.pk)
    page = client.get(address).content.decode()
    assert 'value="Alter Punkt"' in page and 'name="programm-TOTAL_FORMS" value="4"' in page
    data = {
        "programm-TOTAL_FORMS": "4",
        "programm-INITIAL_FORMS": "1",
        "programm-MIN_NUM_FORMS": "0",
        "programm-MAX_NUM_FORMS": "100",
        "programm-0-position": "1",
        "programm-0-kind": "talk",
        "programm-0-title": "Alter Punkt",
        "programm-0-DELETE": "on",
        "programm-1-position": "3",
        "programm-1-kind": "break",
        "programm-1-title": "Mittagspause",
        "programm-1-start": "12:00",
        "programm-1-end": "13:00",
        "programm-2-position": "2",
        "programm-2-kind": "talk",
        "programm-2-title": "Begrüßung",
        "programm-2-start": "09:30",
        "programm-2-host": "Landrat",
        "programm-3-kind": "talk",
    }
    bad = client.post(address, {**data, "programm-1-end": "11:00"})
    assert (
        bad.status_code == 400 and "Das Ende muss nach dem Beginn liegen." in bad.content.decode()
    )
    bad = client.post(address, {**data, "programm-2-title": ""})
    assert bad.status_code == 400 and "Bitte geben Sie einen Titel an." in bad.content.decode()
    assert list(event.programme.values_list("title", flat=True)) == ["Alter Punkt"]
    response = client.post(address, data)
    assert response.status_code == 302
    items = list(event.programme.all())
    assert [(i.position, i.title, i.kind) for i in items] == [
        (0, "Begrüßung", "talk"),
        (1, "Mittagspause", "break"),
    ]
    assert items[0].host == "Landrat" and items[1].start == datetime.time(12)
    detail = client.get(url("event_detail", event.pk)).content.decode()
    assert "Mittagspause" in detail and "12:00–13:00" in detail

    # rows left as they were stay; an empty extra row adds nothing
    kept = {
        **{key: value for key, value in data.items() if not key.startswith("programm-")},
        "programm-TOTAL_FORMS": "3",
        "programm-INITIAL_FORMS": "2",
        "programm-MIN_NUM_FORMS": "0",
        "programm-MAX_NUM_FORMS": "100",
        "programm-0-position": "1",
        "programm-0-kind": "talk",
        "programm-0-title": "Begrüßung",
        "programm-0-start": "09:30",
        "programm-0-host": "Landrat",
        "programm-1-position": "2",
        "programm-1-kind": "break",
        "programm-1-title": "Mittagspause am See",
        "programm-1-start": "12:00",
        "programm-1-end": "13:00",
        "programm-2-kind": "talk",
    }
    assert client.post(address, kept).status_code == 302
    assert list(event.programme.values_list("title", flat=True)) == [
        "Begrüßung",
        "Mittagspause am See",
    ]


def test_the_list_orders_filters_and_explains_the_empty_state(client, login, region):
    login("coordinator")
    empty = client.get(url("event_list")).content.decode()
    assert "Noch keine Veranstaltungen. Legen Sie mit „Neue Veranstaltung“ eine an" in empty
    later = make_event(region, "Spätere Konferenz", days=30, capacity=20)
    soon = make_event(region, "Baldiges Seminar", days=2, published=False)
    old = make_event(region, "Alte Schulung", days=-30)
    older = make_event(region, "Ganz alte Schulung", days=-60)
    add_registration(later, "Anna A")
    add_registration(later, "Bert B", WAITLISTED)
    page = client.get(url("event_list")).content.decode()
    order = [page.index(f'id="veranstaltung-{e.pk}"') for e in (soon, later, old, older)]
    assert order == sorted(order)
    row = page[order[1] : order[2]]
    assert "1 / 20" in row and '<td data-label="Warteliste">1</td>' in row
    assert "veröffentlicht" in row and "Entwurf" in page[order[0] : order[1]]
    past = client.get(url("event_list"), {"zeit": "vergangene"}).content.decode()
    assert "Alte Schulung" in past and "Spätere Konferenz" not in past
    upcoming = client.get(url("event_list"), {"zeit": "kommende"}).content.decode()
    assert "Alte Schulung" not in upcoming and "Baldiges Seminar" in upcoming
    found = client.get(url("event_list"), {"q": "seminar"}).content.decode()
    assert "Baldiges Seminar" in found and "Spätere Konferenz" not in found
    nothing = client.get(url("event_list"), {"q": "gibt es nicht"}).content.decode()
    assert "Keine Veranstaltung passt zu den Filtern." in nothing


def test_the_list_costs_the_same_queries_for_many_events(client, login, region, town):
    login("coordinator")
    first = make_event(region, "Veranstaltung 0", towns=[town], capacity=1)
    add_registration(first, "Anna A")
    with CaptureQueriesContext(connection) as few:
        assert client.get(url("event_list")).status_code == 200
    for n in range(1, 6):
        event = make_event(region, f"Veranstaltung {n}", towns=[town], days=n, capacity=1)
        add_registration(event, f"Person{n} A")
        add_registration(event, f"Warte{n} B", WAITLISTED)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url("event_list")).status_code == 200
    assert len(many) == len(few)


def test_change_log_entries_of_events_lead_to_their_page(client, login, region):
    event = make_event(region)
    login("coordinator")
    address = object_url(changes_for(event).first())
    assert address == url("event_detail", event.pk)
    assert client.get(address).status_code == 200
