"""Booking on the public website (issue 11, section 3): two steps (nothing saved before the
confirmation), series all or nothing, German errors, refusals as 409, the booker's own
bookings, cancelling with its deadline, the booker profile."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from digitalagentur.core import testing as t
from digitalagentur.spaces import booking
from digitalagentur.spaces.choices import BookingMode, BookingStatus, SpaceKind
from digitalagentur.spaces.models import (
    BookerProfile,
    Booking,
    Contingent,
    ContingentMember,
    Employer,
    Place,
)
from digitalagentur.testing.spaces import WORKDAYS_8_TO_18, make_space

from .test_spaces_pages import OTHER_HOST, at, next_workday


@pytest.fixture
def booker(db):
    return t.make_user("pendlerin", first_name="Paula", last_name="Pendler")


@pytest.fixture
def other_booker(db):
    return t.make_user("jemand")


@pytest.fixture
def room(region, town):
    return make_space(
        region,
        town,
        name="Besprechungsraum",
        slug="besprechung",
        capacity=12,
        hours=WORKDAYS_8_TO_18,
        cancel_hours=24,
    )


@pytest.fixture
def logged_in(client, booker):
    client.force_login(booker)
    return client


def form_data(day: datetime.date, start="09:00", end="12:00", **extra) -> dict:
    return {
        "date": day.isoformat(),
        "start": start,
        "end": end,
        "purpose": "work",
        "attendees": "2",
        "note": "",
        "weeks": "1",
        **extra,
    }


def check(client, space, data):
    return client.post(
        reverse("public:space_book", args=[space.slug]), {**data, "schritt": "pruefen"}
    )


def confirm(client, space, data):
    """Step 1 then step 2, as the browser does (the token comes with step 1)."""
    response = check(client, space, data)
    assert response.status_code == 200, response.content.decode()[:2000]
    token = response.context["token"]
    assert token, "step 1 did not lead to the confirmation"
    return client.post(
        reverse("public:space_book", args=[space.slug]),
        {**data, "schritt": "buchen", "token": token},
    )


class TestAccess:
    def test_anonymous_is_sent_to_login_with_next(self, client, room):
        url = reverse("public:space_book", args=[room.slug])
        response = client.get(url + "?datum=2030-01-07")
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login") + "?next=")
        assert "buchen" in response["Location"]
        assert client.post(url, form_data(next_workday())).status_code == 302
        assert not Booking.objects.exists()

    def test_space_page_tells_anonymous_visitors_to_log_in_or_register(self, client, room):
        body = client.get(reverse("public:space_detail", args=[room.slug])).content.decode()
        assert reverse("login") + "?next=" in body
        assert "Registrieren Sie sich" in body

    def test_other_region_and_draft_cannot_be_booked(
        self, logged_in, room, other_region, region, town
    ):
        url = reverse("public:space_book", args=[room.slug])
        assert logged_in.get(url, HTTP_HOST=OTHER_HOST).status_code == 404
        draft = make_space(region, town, published=False)
        assert logged_in.get(reverse("public:space_book", args=[draft.slug])).status_code == 404

    def test_form_takes_date_and_times_from_the_calendar(self, logged_in, room):
        url = reverse("public:space_book", args=[room.slug])
        body = logged_in.get(
            url, {"datum": "2030-01-07", "von": "09:00", "bis": "11:00"}
        ).content.decode()
        assert 'value="2030-01-07"' in body and 'value="09:00"' in body and 'value="11:00"' in body


class TestSingleBooking:
    def test_nothing_is_saved_before_the_confirmation(self, logged_in, room, booker):
        day = next_workday()
        response = check(logged_in, room, form_data(day))
        assert response.status_code == 200
        body = response.content.decode()
        assert "Schritt 2 von 2" in body and "Verbindlich buchen" in body
        assert day.strftime("%d.%m.%Y") in body
        assert not Booking.objects.exists()
        # Step 2 without the token of step 1 books nothing.
        forged = logged_in.post(
            reverse("public:space_book", args=[room.slug]),
            {**form_data(day), "schritt": "buchen", "token": "erfunden"},
        )
        assert forged.status_code == 303
        assert not Booking.objects.exists()

    def test_instant_booking_is_confirmed_and_a_double_click_books_once(
        self, logged_in, room, booker
    ):
        day = next_workday()
        data = form_data(day, note="Bitte Beamer")
        response = check(logged_in, room, data)
        token = response.context["token"]
        url = reverse("public:space_book", args=[room.slug])
        done = logged_in.post(url, {**data, "schritt": "buchen", "token": token})
        created = Booking.objects.get()
        assert done.status_code == 303
        assert done["Location"] == reverse("public:my_booking", args=[created.pk])
        assert created.booker == booker and created.status == BookingStatus.CONFIRMED
        assert created.start == at(day, 9) and created.end == at(day, 12)
        assert created.attendees == 2 and created.note == "Bitte Beamer"
        again = logged_in.post(url, {**data, "schritt": "buchen", "token": token})
        assert again.status_code == 303 and again["Location"] == reverse("public:my_bookings")
        assert Booking.objects.count() == 1
        page = logged_in.get(done["Location"]).content.decode()
        assert "Ihre Buchung ist bestätigt" in page

    def test_two_submits_that_read_the_session_together_book_once(self, logged_in, region, town):
        """Two simultaneous submits both find the token in the session (each reads it before
        the other writes it back); the database lets only one of them book."""
        desks = make_space(region, town, units=8, kind=SpaceKind.COWORKING)
        data = {**form_data(next_workday()), "attendees": "1"}
        token = check(logged_in, desks, data).context["token"]
        url = reverse("public:space_book", args=[desks.slug])
        assert logged_in.post(url, {**data, "schritt": "buchen", "token": token}).status_code == 303
        session = logged_in.session
        session[f"spaces-booking:{desks.pk}"] = token  # as the second request read it
        session.save()
        late = logged_in.post(url, {**data, "schritt": "buchen", "token": token})
        assert late.status_code == 303 and late["Location"] == reverse("public:my_bookings")
        assert Booking.objects.filter(space=desks).count() == 1

    def test_request_space_makes_a_request(self, logged_in, region, town):
        hall = make_space(region, town, booking_mode=BookingMode.REQUEST)
        response = confirm(logged_in, hall, form_data(next_workday()))
        assert Booking.objects.get().status == BookingStatus.REQUESTED
        assert "Ihre Anfrage ist gesendet" in logged_in.get(response["Location"]).content.decode()

    @pytest.mark.parametrize(
        "changes, field, message",
        [
            ({"end": "08:00"}, "end", "Das Ende muss nach dem Beginn liegen."),
            ({"attendees": "13"}, "attendees", "Der Raum fasst höchstens 12 Personen."),
            ({"start": "17:00", "end": "19:00"}, "start", "außerhalb der Öffnungszeiten"),
            ({"date": ""}, "date", "Bitte geben Sie das Datum an."),
            ({"date": "2001-01-08"}, "start", "Der Beginn liegt in der Vergangenheit."),
            ({"start": "9 Uhr"}, "start", "Bitte geben Sie eine Uhrzeit an"),
            ({"purpose": "party"}, "purpose", "Bitte wählen Sie einen gültigen Zweck."),
            ({"weeks": "60"}, "weeks", "höchstens 52 Termine"),
            ({"attendees": "null"}, "attendees", "ganze Zahl"),
        ],
    )
    def test_bad_input_has_german_messages_on_the_fields(
        self, logged_in, room, changes, field, message
    ):
        response = check(logged_in, room, {**form_data(next_workday()), **changes})
        assert response.status_code == 400
        errors = " ".join(response.context["form"].errors.get(field, []))
        assert message in errors, response.context["form"].errors
        body = response.content.decode()
        assert 'id="fehler"' in body and message in body
        assert response.context["title"].startswith("Fehler: ")
        assert not Booking.objects.exists()

    def test_taken_time_is_listed_in_step_one(self, logged_in, room, other_booker):
        day = next_workday()
        booking.book(room, other_booker, at(day, 11), at(day, 13))
        response = check(logged_in, room, form_data(day))
        assert response.status_code == 200
        body = response.content.decode()
        assert "bereits gebucht" in body and "Verbindlich buchen" not in body
        assert Booking.objects.count() == 1

    def test_taken_between_the_steps_is_a_409_and_saves_nothing(
        self, logged_in, room, other_booker, booker
    ):
        day = next_workday()
        data = form_data(day)
        token = check(logged_in, room, data).context["token"]
        booking.book(room, other_booker, at(day, 10), at(day, 11))
        response = logged_in.post(
            reverse("public:space_book", args=[room.slug]),
            {**data, "schritt": "buchen", "token": token},
        )
        assert response.status_code == 409
        assert booking.already_booked_message() in response.content.decode()
        assert not Booking.objects.filter(booker=booker).exists()

    def test_change_goes_back_to_the_form_with_the_values(self, logged_in, room):
        day = next_workday()
        response = logged_in.post(
            reverse("public:space_book", args=[room.slug]),
            {**form_data(day, note="Mein Hinweis"), "schritt": "aendern"},
        )
        assert response.status_code == 200
        body = response.content.decode()
        assert "Schritt 1 von 2" in body and "Mein Hinweis" in body
        assert 'id="fehler"' not in body


class TestSeries:
    def test_collisions_are_listed_and_nothing_is_saved(self, logged_in, room, other_booker):
        day = next_workday(days=3)
        second = day + datetime.timedelta(weeks=1)
        booking.book(room, other_booker, at(second, 10), at(second, 11))
        response = check(logged_in, room, form_data(day, weeks="3"))
        assert response.status_code == 200
        occurrences = response.context["occurrences"]
        assert [bool(o.problem) for o in occurrences] == [False, True, False]
        body = response.content.decode()
        assert second.strftime("%d.%m.%Y") in body and "bereits gebucht" in body
        assert "Verbindlich buchen" not in body
        assert Booking.objects.count() == 1

    def test_free_series_is_booked_after_confirmation(self, logged_in, room, booker):
        day = next_workday(days=3)
        response = confirm(logged_in, room, form_data(day, weeks="3"))
        assert response.status_code == 303
        bookings = list(Booking.objects.filter(booker=booker).order_by("start"))
        assert [b.start for b in bookings] == [
            at(day + datetime.timedelta(weeks=n), 9) for n in range(3)
        ]
        assert len({b.series_id for b in bookings}) == 1 and bookings[0].series_id
        page = logged_in.get(response["Location"]).content.decode()
        assert "Serie mit 3 Terminen" in page

    def test_all_or_nothing_when_a_date_is_taken_between_the_steps(
        self, logged_in, room, booker, other_booker
    ):
        day = next_workday(days=3)
        data = form_data(day, weeks="3")
        token = check(logged_in, room, data).context["token"]
        third = day + datetime.timedelta(weeks=2)
        booking.book(room, other_booker, at(third, 9), at(third, 10))
        response = logged_in.post(
            reverse("public:space_book", args=[room.slug]),
            {**data, "schritt": "buchen", "token": token},
        )
        assert response.status_code == 409
        body = response.content.decode()
        assert "Es wurde nichts gebucht." in body and third.strftime("%d.%m.%Y") in body
        assert not Booking.objects.filter(booker=booker).exists()


class TestContingent:
    @pytest.fixture
    def pilot(self, region, town, booker):
        space = make_space(
            region, town, name="Pilotraum", kind=SpaceKind.COWORKING, units=2, in_pilot=True
        )
        employer = Employer.objects.create(region=region, name="wfc")
        contingent = Contingent.objects.create(
            region=region,
            employer=employer,
            name="Team",
            days_per_month=5,
            valid_from=datetime.date(2020, 1, 1),
        )
        ContingentMember.objects.create(contingent=contingent, user=booker)
        return space, contingent

    def test_member_books_against_the_contingent(self, logged_in, pilot, booker):
        space, contingent = pilot
        body = logged_in.get(reverse("public:space_book", args=[space.slug])).content.decode()
        assert "Kontingent meines Arbeitgebers" in body and "wfc: Team" in body
        confirm(logged_in, space, form_data(next_workday(), contingent=str(contingent.pk)))
        assert Booking.objects.get(booker=booker).contingent == contingent

    def test_no_contingent_choice_for_others_or_outside_the_pilot(
        self, client, pilot, other_booker, room, booker
    ):
        space, contingent = pilot
        client.force_login(other_booker)
        body = client.get(reverse("public:space_book", args=[space.slug])).content.decode()
        assert "Kontingent meines Arbeitgebers" not in body
        client.force_login(booker)
        body = client.get(reverse("public:space_book", args=[room.slug])).content.decode()
        assert "Kontingent meines Arbeitgebers" not in body
        # A contingent id sent anyway to someone without the choice is ignored, not used.
        client.force_login(other_booker)
        confirm(client, space, form_data(next_workday(), contingent=str(contingent.pk)))
        assert Booking.objects.get(booker=other_booker).contingent is None

    def test_series_through_a_contingent_is_refused(self, logged_in, pilot):
        space, contingent = pilot
        data = form_data(next_workday(), contingent=str(contingent.pk), weeks="2")
        response = check(logged_in, space, data)
        assert response.status_code == 400
        assert "je Tag einzeln" in " ".join(response.context["form"].errors["weeks"])


class TestMyBookings:
    def test_lists_only_my_bookings(self, logged_in, room, booker, other_booker):
        day = next_workday()
        mine = booking.book(room, booker, at(day, 9), at(day, 10))
        theirs = booking.book(room, other_booker, at(day, 11), at(day, 12))
        body = logged_in.get(reverse("public:my_bookings")).content.decode()
        assert reverse("public:my_booking", args=[mine.pk]) in body
        assert reverse("public:my_booking", args=[theirs.pk]) not in body
        assert logged_in.get(reverse("public:my_booking", args=[theirs.pk])).status_code == 404
        cancel = reverse("public:booking_cancel", args=[theirs.pk])
        assert logged_in.get(cancel).status_code == 404
        assert logged_in.post(cancel, {"reason": "x"}).status_code == 404
        theirs.refresh_from_db()
        assert theirs.status == BookingStatus.CONFIRMED

    def test_my_booking_of_another_region_is_404(self, logged_in, room, booker, other_region):
        mine = booking.book(room, booker, at(next_workday(), 9), at(next_workday(), 10))
        url = reverse("public:my_booking", args=[mine.pk])
        assert logged_in.get(url, HTTP_HOST=OTHER_HOST).status_code == 404

    def test_login_required(self, client, region):
        response = client.get(reverse("public:my_bookings"))
        assert response.status_code == 302 and reverse("login") in response["Location"]

    def test_upcoming_and_past_are_separate_and_paginated(self, logged_in, room, booker):
        day = next_workday()
        for n in range(22):
            start = at(day, 8) + datetime.timedelta(minutes=30 * (n % 20), weeks=n // 20)
            booking.book(room, booker, start, start + datetime.timedelta(minutes=30))
        later = day + datetime.timedelta(weeks=2)
        past = booking.book(room, booker, at(later, 12), at(later, 13))
        Booking.objects.filter(pk=past.pk).update(
            start=timezone.now() - datetime.timedelta(days=3, hours=1),
            end=timezone.now() - datetime.timedelta(days=3),
        )
        first = logged_in.get(reverse("public:my_bookings"))
        assert len(first.context["rows"]) == 20 and first.context["page"].paginator.count == 22
        second = logged_in.get(reverse("public:my_bookings"), {"page": "2"})
        assert len(second.context["rows"]) == 2
        old = logged_in.get(reverse("public:my_bookings"), {"zeit": "vergangen"})
        assert [r["booking"].pk for r in old.context["rows"]] == [past.pk]

    def test_profile_and_calendar_link(self, logged_in, booker, region, other_region, town):
        home = Place.objects.create(
            region=region, name="Senden", slug="senden", latitude=51.85, longitude=7.48
        )
        work = Place.objects.create(
            region=region, name="Münster", slug="muenster", latitude=51.96, longitude=7.63
        )
        foreign = Place.objects.create(
            region=other_region, name="Anderswo", slug="anderswo", latitude=50, longitude=7
        )
        body = logged_in.get(reverse("public:my_bookings")).content.decode()
        assert "Pendelkilometer" in body
        url = reverse("public:booker_profile")
        bad = logged_in.post(url, {"home_place": foreign.pk, "work_place": work.pk})
        assert bad.status_code == 400
        assert "Bitte wählen Sie einen Ort der Liste." in bad.content.decode()
        assert BookerProfile.objects.get(user=booker).home_place is None
        done = logged_in.post(url, {"home_place": home.pk, "work_place": work.pk})
        assert done.status_code == 303
        profile = BookerProfile.objects.get(user=booker)
        assert (profile.home_place, profile.work_place) == (home, work)
        # Booking copies the places (spaces.booking), so the profile counts from now on.
        body = logged_in.get(reverse("public:my_bookings")).content.decode()
        assert "Senden" in body and "Münster" in body
        logged_in.post(url, {"home_place": "", "work_place": ""})
        profile.refresh_from_db()
        assert profile.home_place is None and profile.work_place is None


class TestCancel:
    def test_cancel_with_confirmation_and_reason(self, logged_in, room, booker):
        day = next_workday(days=3)
        mine = booking.book(room, booker, at(day, 9), at(day, 10))
        url = reverse("public:booking_cancel", args=[mine.pk])
        page = logged_in.get(url)
        assert page.status_code == 200
        assert "wirklich stornieren" in page.content.decode()
        mine.refresh_from_db()
        assert mine.status == BookingStatus.CONFIRMED  # the GET changed nothing
        response = logged_in.post(url, {"reason": "Termin fällt aus"})
        assert response.status_code == 303
        mine.refresh_from_db()
        assert mine.status == BookingStatus.CANCELLED and mine.reason == "Termin fällt aus"

    def test_after_the_deadline_the_booker_is_sent_to_the_provider(
        self, logged_in, region, town, booker
    ):
        space = make_space(region, town, cancel_hours=72)
        start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=1)
        mine = booking.book(space, booker, start, start + datetime.timedelta(hours=1))
        body = logged_in.get(reverse("public:my_bookings")).content.decode()
        assert "Frist abgelaufen" in body
        url = reverse("public:booking_cancel", args=[mine.pk])
        assert "Stornierungsfrist ist abgelaufen" in logged_in.get(url).content.decode()
        response = logged_in.post(url, {"reason": ""})
        assert response.status_code == 400
        assert "Stornierungsfrist ist abgelaufen" in response.content.decode()
        mine.refresh_from_db()
        assert mine.status == BookingStatus.CONFIRMED

    def test_a_request_can_be_cancelled_and_the_deadline_is_shown(
        self, logged_in, region, town, booker
    ):
        hall = make_space(region, town, booking_mode=BookingMode.REQUEST, cancel_hours=48)
        day = next_workday(days=5)
        mine = booking.book(hall, booker, at(day, 9), at(day, 10))
        assert logged_in.post(reverse("public:booking_cancel", args=[mine.pk])).status_code == 303
        mine.refresh_from_db()
        assert mine.status == BookingStatus.CANCELLED
        confirmed = booking.book(
            make_space(region, town, cancel_hours=48), booker, at(day, 9), at(day, 10)
        )
        body = logged_in.get(reverse("public:my_bookings")).content.decode()
        deadline = timezone.localtime(confirmed.start - datetime.timedelta(hours=48))
        assert f"bis {deadline:%d.%m.%Y, %H:%M} Uhr" in body


def test_a_new_calendar_address_replaces_the_old_one(logged_in, booker, region):
    page = logged_in.get(reverse("public:my_bookings")).content.decode()
    old = BookerProfile.objects.get(user=booker).feed_token
    old_url = reverse("public:spaces_user_feed", args=[old])
    assert old_url in page
    assert logged_in.get(reverse("public:spaces_user_feed_renew")).status_code == 405
    response = logged_in.post(reverse("public:spaces_user_feed_renew"))
    assert response.status_code == 302
    new = BookerProfile.objects.get(user=booker).feed_token
    assert new != old
    assert logged_in.get(old_url).status_code == 404
    assert logged_in.get(reverse("public:spaces_user_feed", args=[new])).status_code == 200
