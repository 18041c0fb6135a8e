"""Public event pages (issue 13, section 2): the calendar with filters and pages, an event's
page with the programme and the seats, registering (a seat, the waiting list, again, closed,
bad input), cancelling (the first on the waiting list moves up), the iCalendar feed and file,
and that drafts never reach the public."""

from __future__ import annotations

import datetime
import re

import icalendar
import pytest
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from digitalagentur.communication import events as event_services
from digitalagentur.communication import registrations
from digitalagentur.communication.choices import EventKind, RegistrationStatus
from digitalagentur.communication.models import Registration
from digitalagentur.core import testing as t
from digitalagentur.testing.communication import make_event
from digitalagentur.testing.participation import make_participant

OTHER_HOST = "kreis-b.example.org"
DAY = datetime.timedelta(days=1)


def titles(response) -> list[str]:
    """The events of the calendar, in order."""
    body = response.content.decode()
    return re.findall(r'<h3 class="event-card-title[^"]*"><a href="[^"]*">([^<]+)</a>', body)


def detail(event) -> str:
    return reverse("public:event_detail", args=[event.slug])


def register_url(event) -> str:
    return reverse("public:event_register", args=[event.slug])


def cancel_url(event) -> str:
    return reverse("public:event_cancel", args=[event.slug])


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


@pytest.fixture
def fields(strategy):
    return {
        "verwaltung": t.make_field(strategy, "Verwaltung", slug="verwaltung"),
        "entwurf": t.make_field(strategy, "ENTWURFSFELD-GEHEIM", slug="entwurf", published=False),
    }


@pytest.fixture
def calendar(region, town, other_town, fields):
    now = timezone.now()
    konferenz = make_event(
        region,
        "Digitalisierungskonferenz",
        start=now + 7 * DAY,
        field=fields["verwaltung"],
        municipalities=[town],
        summary="Der Kreis und seine Kommunen berichten.",
        description="Erster Absatz.\n\nZweiter Absatz mit <b>Markup</b>.",
        address="Friedrich-Ebert-Straße 7, 48653 Coesfeld",
    )
    schulung = make_event(
        region,
        "Schulung Onlinezugangsgesetz",
        kind=EventKind.TRAINING,
        start=now + 2 * DAY,
        place="",
        online_url="https://meet.example.org/ozg",
        capacity=None,
        municipalities=[other_town],
    )
    vergangen = make_event(
        region, "Informationsabend 2025", kind=EventKind.INFORMATION_EVENING, start=now - 30 * DAY
    )
    aelter = make_event(region, "Workshop 2024", kind=EventKind.WORKSHOP, start=now - 300 * DAY)
    entwurf = make_event(region, "ENTWURFS-VERANSTALTUNG", published=False, start=now + DAY)
    return {
        "konferenz": konferenz,
        "schulung": schulung,
        "vergangen": vergangen,
        "aelter": aelter,
        "entwurf": entwurf,
    }


@pytest.fixture
def citizen(db):
    return make_participant(
        "buergerin", first_name="Bürgerin", last_name="Beispiel", email="b@example.org"
    )


@pytest.fixture
def logged_in(client, citizen):
    client.force_login(citizen)
    return client


class TestList:
    def test_upcoming_published_events_soonest_first(self, client, calendar):
        response = client.get(reverse("public:event_list"))
        assert response.status_code == 200
        assert titles(response) == ["Schulung Onlinezugangsgesetz", "Digitalisierungskonferenz"]
        body = response.content.decode()
        assert "ENTWURFS-VERANSTALTUNG" not in body
        assert "10 Plätze frei" in body and "Anmeldung offen" in body
        assert "online" in body and "Kreishaus Coesfeld" in body
        assert reverse("public:events_ical") in body
        # German dates in Europe/Berlin: the weekday and "Uhr".
        start = timezone.localtime(calendar["konferenz"].start)
        assert f"{start:%d.%m.%Y}, {start:%H:%M}" in body

    def test_full_event_shows_the_waiting_list(self, client, region):
        event = make_event(region, "Kleiner Workshop", capacity=1)
        registrations.register(event, make_participant())
        body = client.get(reverse("public:event_list")).content.decode()
        assert "ausgebucht – Warteliste" in body

    @pytest.mark.parametrize(
        "params, expected",
        [
            ({"zeitraum": "vergangene"}, ["Informationsabend 2025", "Workshop 2024"]),
            (
                {"zeitraum": "alle"},
                [
                    "Workshop 2024",
                    "Informationsabend 2025",
                    "Schulung Onlinezugangsgesetz",
                    "Digitalisierungskonferenz",
                ],
            ),
            ({"kind": "training"}, ["Schulung Onlinezugangsgesetz"]),
            ({"kind": "workshop", "zeitraum": "alle"}, ["Workshop 2024"]),
            ({"field": "verwaltung"}, ["Digitalisierungskonferenz"]),
            ({"municipality": "havixbeck"}, ["Schulung Onlinezugangsgesetz"]),
            ({"municipality": "senden", "kind": "training"}, []),
        ],
    )
    def test_filters(self, client, calendar, params, expected):
        assert titles(client.get(reverse("public:event_list"), params)) == expected

    def test_unknown_values_are_reported_and_ignored(self, client, calendar):
        response = client.get(
            reverse("public:event_list"),
            {"kind": "party", "field": "entwurf", "zeitraum": "vergangene", "municipality": "x"},
        )
        assert response.status_code == 200
        assert titles(response) == ["Informationsabend 2025", "Workshop 2024"]
        body = response.content.decode()
        assert "„party“ gibt es nicht zur Auswahl." in body
        assert "„entwurf“ gibt es nicht zur Auswahl." in body
        assert "ENTWURFSFELD-GEHEIM" not in body
        bad = client.get(reverse("public:event_list"), {"zeitraum": "morgen", "page": "x"})
        assert bad.status_code == 200
        assert titles(bad) == ["Schulung Onlinezugangsgesetz", "Digitalisierungskonferenz"]
        assert "Seitenzahl „x“ ist ungültig" in bad.content.decode()

    def test_drafts_only_for_the_regions_staff(self, client, calendar, users):
        client.force_login(users["reader"])
        response = client.get(reverse("public:event_list"))
        assert "ENTWURFS-VERANSTALTUNG" in titles(response)
        assert "Entwurf" in response.content.decode()
        assert "no-cache" in response["Cache-Control"]

    def test_empty_state_explains_the_calendar_feed(self, client, region):
        body = client.get(reverse("public:event_list")).content.decode()
        assert "Zurzeit sind keine Veranstaltungen angekündigt." in body
        assert "Veranstaltungskalender abonnieren" in body
        assert reverse("public:events_ical") in body

    def test_pages_and_a_constant_number_of_queries(
        self, client, region, town, no_page_cache, django_assert_max_num_queries
    ):
        url = reverse("public:event_list")
        now = timezone.now()
        for n in range(3):
            event = make_event(region, f"Termin {n:02d}", start=now + (n + 1) * DAY)
            registrations.register(event, make_participant())
        client.get(url)  # the filter choices are cached (per content version) from here on
        reset_queries()  # the log is cleared when a request starts: count from empty
        with CaptureQueriesContext(connection) as few:
            client.get(url)
        few_count = len(few.captured_queries)  # read now: later requests clear the log
        assert few_count
        for n in range(3, 15):
            event = make_event(
                region, f"Termin {n:02d}", start=now + (n + 1) * DAY, municipalities=[town]
            )
            registrations.register(event, make_participant())
        client.get(url)  # new events raised the content version: the choices again
        reset_queries()
        with django_assert_max_num_queries(few_count):
            response = client.get(url)
        assert len(titles(response)) == 15
        for n in range(15, 25):
            make_event(region, f"Termin {n:02d}", start=now + (n + 1) * DAY)
        first = client.get(url)
        assert len(titles(first)) == 20
        assert "25 Veranstaltungen gefunden" in first.content.decode()
        second = client.get(url, {"page": "2"})
        assert titles(second) == [f"Termin {n:02d}" for n in range(20, 25)]

    def test_other_region_sees_its_own_events(self, client, calendar, other_region):
        make_event(other_region, "Termin aus Kreis B")
        response = client.get(reverse("public:event_list"), HTTP_HOST=OTHER_HOST)
        assert titles(response) == ["Termin aus Kreis B"]


class TestDetail:
    def test_event_page_with_programme_seats_and_links(self, client, calendar, town):
        event = calendar["konferenz"]
        event_services.add_programme_item(
            event,
            {
                "title": "Begrüßung durch den Landrat",
                "start": datetime.time(9, 0),
                "end": datetime.time(9, 30),
                "host": "Dr. Christian Schulze Pellengahr",
            },
        )
        event_services.add_programme_item(
            event, {"title": "World Café", "kind": "world_cafe", "start": datetime.time(10, 0)}
        )
        registrations.register(event, make_participant())
        response = client.get(detail(event))
        assert response.status_code == 200
        body = response.content.decode()
        assert "Digitalisierungskonferenz" in body and "Konferenz" in body
        assert "09:00–09:30 Uhr" in body and "Begrüßung durch den Landrat" in body
        assert "Dr. Christian Schulze Pellengahr" in body and "World-Café-Tisch" in body
        assert body.index("Begrüßung") < body.index("World Café")
        assert "Friedrich-Ebert-Straße 7" in body and "kostenlos" in body
        assert "<p>Erster Absatz.</p>" in body and "&lt;b&gt;Markup&lt;/b&gt;" in body
        assert reverse("public:field_detail", args=["verwaltung"]) in body
        assert reverse("public:municipality_detail", args=[town.slug]) in body
        assert response.context["seats"].registered == 1
        assert response.context["seats"].left == 9
        assert reverse("public:event_ical", args=[event.slug]) in body
        # Anonymous: the way to the login and back, and to an account.
        assert reverse("login") + "?next=" + detail(event) + "%23anmeldung" in body
        assert reverse("accounts:register") in body

    def test_online_event_and_price(self, client, region):
        event = make_event(
            region, "Webinar", place="", online_url="https://meet.example.org/w", price="12.50"
        )
        body = client.get(detail(event)).content.decode()
        assert "https://meet.example.org/w" in body and "12,50 €" in body

    def test_drafts_are_404_for_the_public_and_shown_to_staff(self, client, calendar, users):
        draft = calendar["entwurf"]
        assert client.get(detail(draft)).status_code == 404
        assert client.get(reverse("public:event_ical", args=[draft.slug])).status_code == 404
        client.force_login(users["coordinator"])
        response = client.get(detail(draft))
        assert response.status_code == 200
        body = response.content.decode()
        assert "Entwurf" in body and "erst nach der Veröffentlichung" in body
        assert "no-cache" in response["Cache-Control"]

    def test_unknown_or_foreign_slug_is_404(self, client, calendar, other_region):
        foreign = make_event(other_region, "Termin aus Kreis B")
        assert client.get(reverse("public:event_detail", args=["gibt-es-nicht"])).status_code == 404
        assert client.get(detail(foreign)).status_code == 404

    @pytest.mark.parametrize(
        "values, reason",
        [
            ({"registration_open": False}, "keine Anmeldung über die Website vorgesehen"),
            ({"registration_starts": 2 * DAY}, "Die Anmeldung ist ab"),
            ({"registration_ends": -DAY, "registration_starts": -3 * DAY}, "abgelaufen"),
            ({"start": -2 * DAY}, "Die Veranstaltung ist vorbei."),
        ],
    )
    def test_closed_registration_gives_a_reason(self, logged_in, region, values, reason):
        now = timezone.now()
        values = {
            k: (now + v if isinstance(v, datetime.timedelta) else v) for k, v in values.items()
        }
        event = make_event(region, "Geschlossen", **values)
        body = logged_in.get(detail(event)).content.decode()
        assert reason in body
        assert register_url(event) not in body


class TestRegister:
    def test_anonymous_is_sent_to_the_login(self, client, calendar):
        event = calendar["konferenz"]
        response = client.post(register_url(event), {"name": "X"})
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login") + "?next=")
        assert not Registration.objects.exists()

    def test_get_leads_to_the_event(self, logged_in, calendar):
        event = calendar["konferenz"]
        response = logged_in.get(register_url(event))
        assert response.status_code == 303
        assert response["Location"].startswith(detail(event))

    def test_form_is_prefilled_with_the_name(self, logged_in, calendar):
        body = logged_in.get(detail(calendar["konferenz"])).content.decode()
        assert 'value="Bürgerin Beispiel"' in body
        assert "csrfmiddlewaretoken" in body

    def test_register_then_again(self, logged_in, calendar, citizen):
        event = calendar["konferenz"]
        response = logged_in.post(
            register_url(event),
            {"name": "Bürgerin B.", "organisation": "Gemeinde Senden", "note": "vegetarisch"},
            follow=True,
        )
        assert response.status_code == 200
        assert "Sie sind angemeldet. Die Bestätigung kommt per E-Mail." in messages_of(response)
        registration = Registration.objects.get()
        assert registration.user == citizen and registration.status == RegistrationStatus.REGISTERED
        assert registration.name == "Bürgerin B." and registration.organisation == "Gemeinde Senden"
        assert registration.email == "b@example.org"
        body = response.content.decode()
        assert "Sie sind angemeldet." in body and cancel_url(event) in body
        again = logged_in.post(register_url(event), {"name": ""}, follow=True)
        assert again.status_code == 200
        assert "Sie sind bereits angemeldet." in messages_of(again)
        assert Registration.objects.count() == 1

    def test_full_event_puts_people_on_the_waiting_list(self, logged_in, region):
        event = make_event(region, "Kleiner Workshop", capacity=1)
        registrations.register(event, make_participant())
        response = logged_in.post(register_url(event), {}, follow=True)
        assert (
            "Die Veranstaltung ist ausgebucht: Sie stehen auf Platz 1 der Warteliste."
            in messages_of(response)
        )
        assert "Sie stehen auf Platz 1 der Warteliste." in response.content.decode()
        assert Registration.objects.filter(status=RegistrationStatus.WAITLISTED).count() == 1

    def test_closed_registration_is_400_and_saves_nothing(self, logged_in, region):
        event = make_event(region, "Ohne Anmeldung", registration_open=False)
        response = logged_in.post(register_url(event), {"name": "Bürgerin"})
        assert response.status_code == 400
        body = response.content.decode()
        assert "Für diese Veranstaltung ist keine Anmeldung (mehr) möglich." in body
        assert "Ihre Anmeldung wurde nicht gespeichert." in body
        assert not Registration.objects.exists()

    def test_too_long_input_is_400_with_field_errors(self, logged_in, calendar):
        event = calendar["konferenz"]
        response = logged_in.post(register_url(event), {"name": "N" * 201, "note": "x" * 501})
        assert response.status_code == 400
        body = response.content.decode()
        assert "Der Name ist zu lang: höchstens 200 Zeichen (jetzt 201)." in body
        assert "Die Anmerkung ist zu lang: höchstens 500 Zeichen (jetzt 501)." in body
        assert not Registration.objects.exists()

    def test_draft_cannot_be_registered_for(self, logged_in, calendar):
        response = logged_in.post(register_url(calendar["entwurf"]), {})
        assert response.status_code == 404
        assert not Registration.objects.exists()

    def test_csrf_is_required(self, calendar, citizen):
        client = Client(enforce_csrf_checks=True)
        client.force_login(citizen)
        response = client.post(register_url(calendar["konferenz"]), {})
        assert response.status_code == 403
        assert not Registration.objects.exists()


class TestCancel:
    def test_cancel_moves_the_first_on_the_waiting_list_up(self, logged_in, region, citizen):
        event = make_event(region, "Kleiner Workshop", capacity=1)
        registrations.register(event, citizen)
        first = registrations.register(event, make_participant()).registration
        second = registrations.register(event, make_participant()).registration
        assert first.status == second.status == RegistrationStatus.WAITLISTED

        page = logged_in.get(cancel_url(event))
        assert page.status_code == 200
        assert (
            "Möchten Sie sich wirklich abmelden? Ihr Platz geht an die nächste Person auf der "
            "Warteliste." in page.content.decode()
        )
        response = logged_in.post(cancel_url(event), follow=True)
        assert response.status_code == 200
        assert "Sie sind abgemeldet. Die Bestätigung kommt per E-Mail." in messages_of(response)
        first.refresh_from_db()
        second.refresh_from_db()
        assert first.status == RegistrationStatus.REGISTERED
        assert second.status == RegistrationStatus.WAITLISTED
        assert registrations.waitlist_position(second) == 1
        mine = Registration.objects.get(user=citizen)
        assert mine.status == RegistrationStatus.CANCELLED

    def test_waiting_person_sees_their_place_and_can_cancel(self, logged_in, region, citizen):
        event = make_event(region, "Kleiner Workshop", capacity=1)
        registrations.register(event, make_participant())
        registrations.register(event, make_participant())
        registrations.register(event, citizen)
        body = logged_in.get(detail(event)).content.decode()
        assert "Sie stehen auf Platz 2 der Warteliste." in body
        logged_in.post(cancel_url(event))
        assert not registrations.active_registration(event, citizen)

    def test_without_registration_or_anonymous(self, client, logged_in, calendar):
        event = calendar["konferenz"]
        response = logged_in.get(cancel_url(event), follow=True)
        assert "Sie sind für diese Veranstaltung nicht angemeldet." in messages_of(response)
        anonymous = Client()
        response = anonymous.get(cancel_url(event))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login") + "?next=")


class TestCalendarFeeds:
    def test_feed_of_all_published_events(self, client, calendar):
        response = client.get(reverse("public:events_ical"))
        assert response.status_code == 200
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        parsed = icalendar.Calendar.from_ical(response.content)
        items = list(parsed.walk("VEVENT"))
        assert [str(item["SUMMARY"]) for item in items] == [
            "Workshop 2024",
            "Informationsabend 2025",
            "Schulung Onlinezugangsgesetz",
            "Digitalisierungskonferenz",
        ]
        for item in items:
            assert item["DTSTART"].params["TZID"] == "Europe/Berlin"
        konferenz = items[-1]
        assert konferenz.decoded("DTSTART") == calendar["konferenz"].start.replace(microsecond=0)
        assert detail(calendar["konferenz"]) in str(konferenz["URL"])

    def test_one_event_as_a_file(self, client, calendar):
        event = calendar["konferenz"]
        response = client.get(reverse("public:event_ical", args=[event.slug]))
        assert response.status_code == 200
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        assert response["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'
        items = list(icalendar.Calendar.from_ical(response.content).walk("VEVENT"))
        assert [str(item["SUMMARY"]) for item in items] == ["Digitalisierungskonferenz"]
        assert items[0]["DTSTART"].params["TZID"] == "Europe/Berlin"

    def test_feed_path_is_not_an_event_slug(self, region):
        assert reverse("public:events_ical") == "/veranstaltungen/kalender.ics"
